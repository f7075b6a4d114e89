"""Cue, heading and transition rules: the one home of screenplay conventions."""

from __future__ import annotations

import pytest

from whosestory.screenplay import (
    count_words,
    is_group_name,
    is_heading,
    is_secondary_heading,
    is_transition,
    is_voice_over_parenthetical,
    looks_like_cue,
    parse_cue,
    parse_heading,
    prefixed_heading,
)


@pytest.mark.parametrize(
    ("raw", "name", "extensions", "voice_over"),
    [
        ("ANNA", "ANNA", (), False),
        ("ANNA (CONT'D)", "ANNA", (), False),
        ("ANNA (cont'd)", "ANNA", (), False),
        ("ANNA (CONT’D)", "ANNA", (), False),
        ("ANNA CONT'D", "ANNA", (), False),
        ("EDWARD (V.O.)", "EDWARD", ("V.O.",), True),
        ("EDWARD (v.o)", "EDWARD", ("v.o",), True),
        ("EDWARD (VO)", "EDWARD", ("VO",), True),
        ("EDWARD (voice-over)", "EDWARD", ("voice-over",), True),
        ("EDWARD (O.S.) (CONT'D)", "EDWARD", ("O.S.",), False),
        ("@McCLANE", "McCLANE", (), False),
        ("STEEL ^", "STEEL", (), False),
        ("GUARD #2", "GUARD #2", (), False),
        ("C-3PO", "C-3PO", (), False),
        ("SARAH'S FRIEND", "SARAH'S FRIEND", (), False),
        ("  BOB   SMITH  (O.C.", "BOB SMITH", (), False),
    ],
)
def test_parse_cue(raw: str, name: str, extensions: tuple[str, ...], voice_over: bool) -> None:
    cue = parse_cue(raw)
    assert cue.name == name
    assert cue.extensions == extensions
    assert cue.voice_over is voice_over


def test_parse_cue_marks_dual_and_forced() -> None:
    assert parse_cue("STEEL ^").dual
    assert parse_cue("@McCLANE").forced
    assert parse_cue("ANNA (O.S.)").off_screen


@pytest.mark.parametrize(
    "line", ["ANNA", "GUARD #2", "C-3PO", "SARAH'S FRIEND", "McCLANE", "DR. OKAFOR", "ANNA (V.O.)"]
)
def test_looks_like_cue(line: str) -> None:
    assert looks_like_cue(line)


@pytest.mark.parametrize(
    "line",
    ["INT. HOUSE - DAY", "CUT TO:", "Anna walks in.", "CLOSE ON ANNA", "THE END", "", "WHAT?!"],
)
def test_not_a_cue(line: str) -> None:
    assert not looks_like_cue(line)


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("ALL", True),
        ("CROWD", True),
        ("GUARD #2", True),
        ("COP 1", True),
        ("C-3PO", False),
        ("R2-D2", False),
        ("ANNA", False),
        ("BOTH GIRLS", True),
    ],
)
def test_group_names(name: str, group: bool) -> None:
    assert is_group_name(name) is group


def test_parse_heading_parts() -> None:
    heading = parse_heading("INT. WILL'S BEDROOM - NIGHT (1973) #12A#")
    assert (heading.setting, heading.location, heading.time, heading.number) == (
        "INT",
        "WILL'S BEDROOM",
        "NIGHT (1973)",
        "12A",
    )
    both = parse_heading("INT./EXT. CAR - MOVING - DAY")
    assert both.setting == "INT/EXT"
    assert both.location == "CAR"
    assert both.time == "MOVING - DAY"


def test_headings_and_transitions() -> None:
    assert is_heading("EXT. RIVER - DAY")
    assert is_heading("I/E CAR")
    assert not is_heading("Interesting times.")
    assert is_transition("CUT TO:")
    assert is_transition("SMASH CUT TO:")
    assert is_transition("FADE OUT.")
    assert not is_transition("Cut to the chase.")


def test_voice_over_parenthetical() -> None:
    assert is_voice_over_parenthetical("(V.O.)")
    assert is_voice_over_parenthetical("(voice-over)")
    assert not is_voice_over_parenthetical("(quietly)")


def test_count_words() -> None:
    assert count_words("I didn't put any stock in it.") == 7
    assert count_words("") == 0


def test_regression_an_article_does_not_hide_a_group_speaker() -> None:
    assert is_group_name("A VOICE")
    assert is_group_name("THE CROWD")
    assert not is_group_name("THE STRANGER")


def test_russian_headings() -> None:
    heading = parse_heading("ИНТ. КВАРТИРА – КУХНЯ – ДЕНЬ")
    assert is_heading("НАТ. ДВОР – НОЧЬ")
    assert (heading.setting, heading.location, heading.time) == ("INT", "КВАРТИРА", "КУХНЯ - ДЕНЬ")
    assert not is_heading("Интересно.")


@pytest.mark.parametrize(
    ("text", "secondary"),
    [
        ("ON THE TV", True),
        ("SNIPER SCOPE POV", True),
        ("SCOTT, IN BAXTER'S KITCHEN", True),
        ("INT. KITCHEN - NIGHT", False),
        ("KITCHEN - NIGHT", False),  # a slug line: place and time of day
        ("FLASHBACK - THE FARM", False),
        ("MONTAGE", False),
        ("THE FARM, 1962", False),
        ("SCENE 4", False),
        ("THE DREAM OF BREAD", False),
    ],
)
def test_secondary_headings_name_no_place_time_or_sequence(text: str, secondary: bool) -> None:
    assert is_secondary_heading(text) is secondary


def test_abbreviated_interior_exterior_with_dots_is_a_heading() -> None:
    # Fountain's reference tests read I./E. as a heading, like I/E.
    assert is_heading("I./E. TRAIN - CONTINUOUS")
    assert parse_heading("I./E. TRAIN - CONTINUOUS").setting == "INT/EXT"
    assert not is_heading("I. E. Smith arrives.")


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("FLASHBACK - INT. MILL - NIGHT", "FLASHBACK - INT. MILL - NIGHT"),  # the marker stays
        ("(FLASHBACK) INT.- THE MILL", "(FLASHBACK) INT.- THE MILL"),
        ("BACK TO INT. BATHROOM", "BACK TO INT. BATHROOM"),
        ("CUT TO: INT. HALL - CONTINUOUS", "INT. HALL - CONTINUOUS"),
        ("ANGLE, INT THE DINER.", "INT THE DINER."),
        ("MED. SHOT - EXT. PIER - DUSK", "EXT. PIER - DUSK"),
        ("INT. MILL - NIGHT", None),  # a plain heading: is_heading's
        ("ANGLE INT. THE DINER. Two cooks argue over the grill.", None),  # prose follows
        ("REPLACED BY INT. LADIES' ROOM.", None),
        ("CLOSE ON INTERNATIONAL NEWS", None),
    ],
)
def test_prefixed_headings(line: str, heading: str | None) -> None:
    assert prefixed_heading(line) == heading


def test_a_prefixed_heading_keeps_its_setting_and_place() -> None:
    parts = parse_heading("FLASHBACK - INT. MILL - NIGHT")
    assert (parts.setting, parts.location, parts.time) == ("INT", "MILL", "NIGHT")


@pytest.mark.parametrize(
    "line", ["HIS POV", "ANOTHER ANGLE", "LONG SHOT", "MED. SHOT", "CLOSE-UP", "OFFICE - DAY"]
)
def test_regression_camera_directions_and_slug_lines_are_not_cues(line: str) -> None:
    # "HIS POV" followed by action was read as a character speaking it (Miller's Crossing)
    assert not looks_like_cue(line)


@pytest.mark.parametrize(
    "line", ["BIG SHOT", "DAY-DAY", "FN-2187", "HOTSHOT", "MRS. DAY", "CAPTAIN MIDNIGHT (V.O.)"]
)
def test_names_that_hold_camera_or_time_words_are_still_cues(line: str) -> None:
    assert looks_like_cue(line)


def test_a_heading_in_brackets_after_a_shot_is_the_shots_place() -> None:
    assert prefixed_heading("WITH ETHAN (INT. SAFEHOUSE - NIGHT)") == "INT. SAFEHOUSE - NIGHT"
    assert prefixed_heading("JOHN (V.O.)") is None
    assert prefixed_heading("HE LOOKS (INTO THE ROOM)") is None


def test_a_camera_direction_standing_alone_is_a_shot_not_a_quote() -> None:
    # regression: CLOSE - MALCOLM was quoted as evidence for the main character
    from whosestory.screenplay import is_shot

    for shot in ("CLOSE - MALCOLM", "ANGLE ON THE DOOR", "HIS POV", "WIDE SHOT", "INSERT - LETTER"):
        assert is_shot(shot), shot
    for line in ("Malcolm closes the door.", "CLOSE TO THE EDGE, he waits.", "ANNA", ""):
        assert not is_shot(line), line


@pytest.mark.parametrize(
    ("raw", "name", "extension", "voice_over", "off_screen"),
    [
        ("ANTON O/S", "ANTON", "O/S", False, True),
        ("MARGARET V/O", "MARGARET", "V/O", True, False),
        ("RATH/SCREEN", "RATH", "SCREEN", False, False),
        ("MANAGER/PHONE", "MANAGER", "PHONE", False, False),
        ("BECK/ RADIO", "BECK", "RADIO", False, False),
        ("MEKUM/VIDEO IMAGE", "MEKUM", "VIDEO IMAGE", False, False),
        # written without parentheses or dots: "DENIS VO" and "ALVY'S VOICE-OVER" were
        # characters of their own, so a narrator's voice-over was neither theirs nor voice-over
        ("DENIS VO", "DENIS", "VO", True, False),
        ("THE MAYOR VO", "THE MAYOR", "VO", True, False),
        ("CAROL OOV", "CAROL", "OOV", False, True),
        ("JIM VOICE OVER", "JIM", "VOICEOVER", True, False),
        ("ALVY'S VOICE-OVER", "ALVY", "VOICE-OVER", True, False),
        ("GITTES' VOICE-OVER", "GITTES", "VOICE-OVER", True, False),
        # a scan's stray comma after the cue made "SAYER O.S" a character of its own
        ("SAYER O.S.                     ,", "SAYER", "O.S.", False, True),
    ],
)
def test_regression_extensions_written_with_a_slash_or_bare(
    raw: str, name: str, extension: str, voice_over: bool, off_screen: bool
) -> None:
    cue = parse_cue(raw)
    assert (cue.name, cue.extensions) == (name, (extension,))
    assert (cue.voice_over, cue.off_screen) == (voice_over, off_screen)


def test_a_name_ending_in_vo_letters_is_no_extension() -> None:
    assert parse_cue("BRAVO").name == "BRAVO"
    assert parse_cue("MR. VOSS").name == "MR. VOSS"


@pytest.mark.parametrize(
    "line",
    [
        "IN THE BATHROOM",
        "BEHIND THEM",
        "ON KIM",
        "ACROSS THE SQUARE - AT THE ARMY TRUCKS",
        "WE SEE",
        "YOU WANNA KNOW WHAT IT FEELS",
        "WHAT YOU WANT. I CAN GET US OUT",
        "OH WOW. YEAH. THAT'S GREAT. YOU",
        # regression: rooms standing as headings were characters (Gremlins, Fletch, JFK)
        "LIVING ROOM",
        "THE HALLWAY",
        "TOM'S APARTMENT",
        "UPSTAIRS HALLWAY",
        "FERRIE'S BEDROOM",
        # regression: the camera and its move were characters (Gremlins, Saving Private Ryan)
        "CAMERA PANS",
        "CAMERA CRANES UP",
        "CAMERA PULLS BACK TO REVEAL",
        "CAMERA SLOWLY PUSHES IN",
        "THE CAMERA",
    ],
)
def test_regression_places_and_shouted_sentences_are_not_cues(line: str) -> None:
    # a place above action ("IN THE BATHROOM") and a line of dialogue in capitals were
    # characters of their own in 40 films
    assert not looks_like_cue(line)


@pytest.mark.parametrize(
    "line",
    [
        "INGRID",
        "ONE-EYED JACK",
        "DR. EVIL",
        "CAPT. MIKE",
        "HARRY S. TRUMAN PUPPET",
        "MAN IN BUSINESS SUIT",
        "BILLY, TRACY, GARY AND DORRY",
        "IVAN",
        "HEATHER",
        "ROOM SERVICE",
        "KITCHEN STAFF",
        "LOBBY GUARD",
        "MAN ON PORCH",
        "ANNA (FROM THE KITCHEN)",
        "VOICE (O.S.)",
        "CAMERA GIRL",
        "CAMERAMAN BILL",
        "CAMERA OPERATOR",
    ],
)
def test_names_that_begin_like_a_place_or_hold_a_dot_stay_cues(line: str) -> None:
    assert looks_like_cue(line)
