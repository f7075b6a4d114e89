"""Building a Story from a reader's flat element stream."""

from __future__ import annotations

import dataclasses

from whosestory.build import build_story
from whosestory.measures import spotlight
from whosestory.model import CastEntry, Diagnostic, Element, Kind, Script, Span


def el(kind: Kind, text: str, line: int, cue: str | None = None, **kw: object) -> Element:
    return Element(kind, text, Span(line, line), cue=cue, **kw)  # type: ignore[arg-type]


SCRIPT = Script(
    format="test",
    source="mem.fountain",
    title="Test",
    elements=(
        el(Kind.TRANSITION, "FADE IN:", 1),
        el(Kind.HEADING, "INT. KITCHEN - NIGHT", 2, number="1"),
        el(Kind.ACTION, "ANNA KARLSSON, 30s, pours tea. She looks at BEN, who drops his bag.", 3),
        el(Kind.DIALOGUE, "You came back.", 5, cue="ANNA KARLSSON"),
        el(Kind.DIALOGUE, "I did.", 7, cue="BEN"),
        el(Kind.ACTION, "He sits. Anna watches him.", 8),
        el(Kind.HEADING, "EXT. PORCH - DAY", 10),
        el(Kind.DIALOGUE, "That was the last winter.", 11, cue="ANNA (V.O.)"),
        el(Kind.PARENTHETICAL, "(quietly)", 12, cue="BEN (CONT'D)"),
        el(Kind.DIALOGUE, "Years later", 13, cue="BEN (CONT'D)"),
        el(Kind.PARENTHETICAL, "(voice-over)", 14, cue="BEN (CONT'D)"),
        el(Kind.DIALOGUE, "I remember.", 15, cue="BEN (CONT'D)"),
    ),
)


def test_scenes_split_at_headings_and_an_empty_prologue_is_dropped() -> None:
    story = build_story(SCRIPT)
    assert [s.heading for s in story.scenes] == ["INT. KITCHEN - NIGHT", "EXT. PORCH - DAY"]
    assert story.scenes[0].number == "1"
    assert story.scenes[0].setting == "INT"
    assert story.scenes[1].span.start == 10


def test_speakers_resolve_to_characters_and_voice_over_is_marked() -> None:
    story = build_story(SCRIPT)
    porch = story.scenes[1].elements[1:]
    assert porch[0].speaker == "ANNA KARLSSON" and porch[0].kind is Kind.VOICE_OVER
    assert porch[0].extensions == ("V.O.",)
    # the (voice-over) parenthetical makes the whole speech voice-over
    assert [e.kind for e in porch[1:]] == [
        Kind.PARENTHETICAL,
        Kind.VOICE_OVER,
        Kind.PARENTHETICAL,
        Kind.VOICE_OVER,
    ]


def test_mentions_names_and_pronouns() -> None:
    story = build_story(SCRIPT)
    found = {(m.character, m.line, m.text, m.via) for m in story.mentions}
    assert ("ANNA KARLSSON", 3, "ANNA KARLSSON", "name") in found
    assert ("ANNA KARLSSON", 3, "She", "pronoun") in found
    assert ("ANNA KARLSSON", 8, "Anna", "name") in found
    assert ("BEN", 3, "BEN", "name") in found
    assert ("BEN", 3, "his", "pronoun") in found
    assert ("BEN", 8, "He", "pronoun") in found
    assert ("BEN", 8, "him", "pronoun") in found
    assert story.character("ANNA KARLSSON").gender == "f"
    assert story.character("BEN").gender == "m"


def test_spotlight_counts_on_a_built_story() -> None:
    story = build_story(SCRIPT)
    assert spotlight.cues(story) == {"ANNA KARLSSON": 2, "BEN": 2}
    assert spotlight.words(story) == {"ANNA KARLSSON": 8, "BEN": 6}
    assert spotlight.scenes_speaking(story) == {"ANNA KARLSSON": 2, "BEN": 2}
    assert spotlight.scenes_present(story) == {"ANNA KARLSSON": 2, "BEN": 2}


def test_content_before_the_first_heading_is_a_prologue_scene() -> None:
    script = Script(
        format="test",
        source="x",
        elements=(
            el(Kind.DIALOGUE, "Once upon a time.", 1, cue="NARRATOR"),
            el(Kind.HEADING, "INT. ROOM - DAY", 3),
        ),
    )
    story = build_story(script)
    assert [s.heading for s in story.scenes] == ["", "INT. ROOM - DAY"]
    assert story.title == "x"


def test_tei_ids_map_to_declared_names_and_stage_refs_are_mentions() -> None:
    script = Script(
        format="tei",
        source="play.xml",
        declared_cast=(CastEntry("viola", "Viola", "f"), CastEntry("orsino", "Orsino", "m")),
        elements=(
            el(Kind.HEADING, "Scene 1", 1, act="1"),
            el(Kind.STAGE, "Enter Orsino.", 2, refs=("orsino",)),
            el(Kind.DIALOGUE, "If music be the food of love, play on.", 3, cue="orsino"),
            el(Kind.HEADING, "Scene 2", 5, act="1"),
            el(Kind.STAGE, "Enter Viola and a Captain.", 6),
            el(Kind.DIALOGUE, "What country, friends, is this?", 7, cue="viola"),
        ),
    )
    story = build_story(script)
    assert {c.name for c in story.cast} == {"Viola", "Orsino"}
    assert story.scenes[1].act == "1"
    assert ("Orsino", 0, "stage") in {(m.character, m.scene, m.via) for m in story.mentions}
    assert ("Viola", 1, "name") in {(m.character, m.scene, m.via) for m in story.mentions}


def test_regression_an_article_is_never_a_short_name() -> None:
    from whosestory.mentions import surface_forms

    surfaces = surface_forms({"THE MAN": ["THE MAN"], "ANNA KARLSSON": ["ANNA KARLSSON"]})
    assert "The" not in surfaces and "THE" not in surfaces and "Man" not in surfaces
    assert surfaces["Karlsson"] == "ANNA KARLSSON"


def test_regression_a_script_that_marks_scenes_by_cuts_is_split_at_them() -> None:
    elements = [el(Kind.HEADING, "EXT. MOUNTAIN ROAD - DAY", 1)]
    for i in range(12):
        elements += [
            el(Kind.ACTION, f"PAUL drives through the storm, mile {i}.", 10 * i + 2),
            el(Kind.DIALOGUE, "Come on.", 10 * i + 3, cue="PAUL"),
            el(Kind.TRANSITION, "CUT TO:", 10 * i + 4),
        ]
    story = build_story(Script(format="test", source="x", elements=tuple(elements)))
    assert len(story.scenes) == 12
    assert any(d.code == "scenes-by-cuts" for d in story.diagnostics)
    few_cuts = Script(format="test", source="x", elements=tuple(elements[:7]))
    assert len(build_story(few_cuts).scenes) == 1


def _shot_script(*headings: tuple[str, str | None]) -> Script:
    elements = []
    for line, (text, number) in enumerate(headings, start=1):
        elements.append(el(Kind.HEADING, text, 3 * line, number=number))
        elements.append(el(Kind.DIALOGUE, f"Line {line}.", 3 * line + 2, cue="ANNA"))
    return Script(format="test", source="mem.fountain", elements=tuple(elements))


def test_a_heading_naming_no_place_or_time_is_a_shot_within_its_scene() -> None:
    story = build_story(
        _shot_script(
            ("INT. FLAT - NIGHT", None),
            ("ON THE TV", None),  # a shot of the flat's television
            ("EXT. STREET - CONTINUOUS", None),
            ("AT THE DOOR", None),
        )
    )
    assert [s.heading for s in story.scenes] == ["INT. FLAT - NIGHT", "EXT. STREET - CONTINUOUS"]
    shots = [e for s in story.scenes for e in s.elements if e.text in ("ON THE TV", "AT THE DOOR")]
    assert [e.kind for e in shots] == [Kind.ACTION, Kind.ACTION]
    assert [(d.line, d.code) for d in story.diagnostics] == [
        (6, "shot-heading"),
        (12, "shot-heading"),
    ]
    assert len(story.scenes[0].speeches()) == 2


def test_secondary_headings_stay_scenes_before_any_master_heading_or_when_numbered() -> None:
    story = build_story(
        _shot_script(
            ("OPENING TITLES", None),  # nothing to be a shot of yet
            ("INT. FLAT - NIGHT", None),
            ("THE ROOF", "12"),  # a numbered scene in a shooting script
            ("FLASHBACK - THE FARM", None),  # a sequence of its own
            ("THE BARN", None),  # a spot within the flashback
        )
    )
    headings = [s.heading for s in story.scenes]
    assert headings == ["OPENING TITLES", "INT. FLAT - NIGHT", "THE ROOF", "FLASHBACK - THE FARM"]


def test_a_script_headed_only_by_places_without_int_ext_keeps_every_scene() -> None:
    story = build_story(_shot_script(("THE LIGHTHOUSE", None), ("THE BEACH", None)))
    assert [s.heading for s in story.scenes] == ["THE LIGHTHOUSE", "THE BEACH"]


def test_regression_one_timed_heading_does_not_make_shots_of_a_script_headed_by_places() -> None:
    # one "- NIGHT" among place-only headings turned every later heading into a shot
    story = build_story(
        _shot_script(
            ("THE LIGHTHOUSE", None),
            ("THE BEACH - NIGHT", None),
            ("THE CAVE", None),
            ("THE FOREST", None),
            ("THE VILLAGE", None),
        )
    )
    assert len(story.scenes) == 5
    assert not story.diagnostics


def test_regression_back_to_scene_is_a_shot_and_a_mixed_case_timed_heading_a_scene() -> None:
    story = build_story(
        _shot_script(
            ("INT. FLAT - NIGHT", None),
            ("BACK TO SCENE", None),  # "SCENE" names no scene of its own
            ("Kitchen - Night", None),  # a forced heading in mixed case, with its time
        )
    )
    assert [s.heading for s in story.scenes] == ["INT. FLAT - NIGHT", "Kitchen - Night"]


def test_diagnostics_come_in_line_order() -> None:
    script = _shot_script(("INT. FLAT - NIGHT", None), ("ON THE TV", None))
    reader_note = Diagnostic(4, "a reader's guess")
    story = build_story(dataclasses.replace(script, diagnostics=(reader_note,)))
    assert [d.line for d in story.diagnostics] == [4, 6]


def test_names_and_pronouns_are_found_only_where_a_word_starts() -> None:
    from whosestory import mentions

    pattern = mentions._pattern(mentions.surface_forms({"HARA": ["HARA"], "ANN": ["ANN"]}))
    text = "O'Hara waves. Ann's hat. xANN and _ANN. He'll go; _he won't; 'She said. Hara"
    found = [(m.group(), m.lastgroup) for m in pattern.finditer(text)]
    assert found == [
        ("Ann", "name"),
        ("He", "pro"),
        ("She", "pro"),
        ("Hara", "name"),
    ]


def test_regression_a_name_after_a_comma_is_a_short_name() -> None:
    # "George, Duke of Clarence" gave the short form "GEORGE," (with its comma)
    from whosestory import mentions

    surfaces = mentions.surface_forms({"George, Duke of Clarence": ["George, Duke of Clarence"]})
    assert "GEORGE" in surfaces and "GEORGE," not in surfaces


def test_regression_a_story_without_cues_is_an_input_error_not_an_empty_story() -> None:
    # files that lost their line breaks, or stub pages, read with 0 characters and passed
    import pytest

    from whosestory.errors import InputError

    script = dataclasses.replace(
        SCRIPT, elements=(el(Kind.HEADING, "INT. HALL - DAY", 1), el(Kind.ACTION, "Rain.", 2))
    )
    with pytest.raises(InputError, match=r"^mem\.fountain: found no character cues: is this a"):
        build_story(script)


def _long_script(headings: int, action: str) -> Script:
    speech = "Words, words and more words to fill a feature. " * 6
    elements: list[Element] = []
    for n in range(120):
        if n % (120 // headings) == 0:
            elements.append(el(Kind.HEADING, f"INT. ROOM {n} - DAY", len(elements) + 1))
        elements.append(el(Kind.ACTION, action, len(elements) + 1))
        elements.append(el(Kind.DIALOGUE, speech, len(elements) + 1, cue="ANNA"))
    return dataclasses.replace(SCRIPT, elements=tuple(elements))


def _thin(script: Script) -> list[Diagnostic]:
    return [d for d in build_story(script).diagnostics if d.code == "thin-read"]


def test_a_feature_length_text_in_three_scenes_is_a_thin_read() -> None:
    assert len(build_story(_long_script(3, "She waits.")).scenes) == 3
    (found,) = _thin(_long_script(3, "She waits."))
    assert "read as 3 scenes" in found.message
    assert _thin(_long_script(4, "She waits.")) == []
    assert _thin(SCRIPT) == []  # short: a short film may have one scene


def test_a_text_left_mostly_in_run_on_paragraphs_is_a_thin_read() -> None:
    (found,) = _thin(_long_script(30, "She waits and waits. " * 70))
    assert "run-on paragraphs" in found.message


def test_regression_a_possessive_name_is_not_found_in_its_owners_possessive() -> None:
    # WILL'S DATE took every "Will's" in the action as its mention
    elements = (
        el(Kind.HEADING, "INT. HALL - NIGHT", 1),
        el(Kind.ACTION, "Tom's car idles. Tom's Date waves.", 2),
        el(Kind.DIALOGUE, "Hi.", 3, cue="TOM"),
        el(Kind.DIALOGUE, "Hello.", 4, cue="TOM'S DATE"),
        el(Kind.HEADING, "INT. CAR - NIGHT", 5),
        el(Kind.ACTION, "Tom's hands grip the wheel. A date is a date.", 6),
        el(Kind.DIALOGUE, "Drive.", 7, cue="TOM"),
    )
    story = build_story(dataclasses.replace(SCRIPT, elements=elements))
    present = spotlight.present_scenes(story)
    assert present["TOM'S DATE"] == frozenset({0})
    assert present["TOM"] == frozenset({0, 1})


def test_regression_a_one_letter_name_is_found_in_the_text() -> None:
    # Z in a film about ants was never named by anyone: one-letter names were skipped
    elements = (
        el(Kind.HEADING, "INT. TUNNEL - DAY", 1),
        el(Kind.ACTION, "Z digs. A worker stops and I mean stops.", 2),
        el(Kind.DIALOGUE, "Hey, Z. Dig faster.", 3, cue="BALA"),
        el(Kind.DIALOGUE, "I am digging.", 4, cue="Z"),
    )
    story = build_story(dataclasses.replace(SCRIPT, elements=elements))
    named = [(m.character, m.via) for m in story.mentions if m.via != "pronoun"]
    assert ("Z", "name") in named and ("Z", "speech") in named
    assert all(m.character != "A" for m in story.mentions)


def test_element_fields_are_in_the_order_the_builder_passes_them() -> None:
    # build._resolve makes each cued element again by position, not by keyword
    names = [f.name for f in dataclasses.fields(Element) if f.init]
    assert names == [
        *("kind", "text", "span", "cue", "speaker", "extensions", "dual", "page"),
        *("number", "act", "refs", "numbers", "verse"),
    ]


def _letters_script(fmt: str, q_cues: int) -> Script:
    lines: list[Element] = [
        el(Kind.HEADING, "INT. OFFICE - DAY", 1),
        el(Kind.ACTION, "Bond waits. M looks up from the file.", 2),
    ]
    for i in range(q_cues):
        lines.append(el(Kind.DIALOGUE, f"Report number {i}.", 10 + 3 * i, cue="M"))
        lines.append(el(Kind.DIALOGUE, "Understood.", 11 + 3 * i, cue="BOND"))
    lines += [
        el(Kind.DIALOGUE, "With no room to dodge, Bond drives his head forward.", 50, cue="I"),
        el(Kind.DIALOGUE, "Then we go tonight.", 52, cue="BOND"),
    ]
    return Script(format=fmt, source="s.txt", title="Letters", elements=tuple(lines))


def test_regression_a_lone_letter_over_action_on_a_scanned_page_is_no_character() -> None:
    # a scanned script's stray mark "I" above an action paragraph was a character cue,
    # and the paragraph its speech
    story = build_story(_letters_script("text", 8))
    names = {c.name for c in story.cast}
    assert names == {"M", "BOND"}  # M, cued eight times, is a code name: a character
    stray = [e for s in story.scenes for e in s.elements if e.line == 50]
    assert [(e.kind, e.speaker) for e in stray] == [(Kind.ACTION, None)]


def test_a_letter_cued_rarely_stays_a_character_where_pages_are_not_scanned() -> None:
    assert "I" in {c.name for c in build_story(_letters_script("fountain", 1)).cast}
    assert "M" not in {c.name for c in build_story(_letters_script("pdf", 7)).cast}
