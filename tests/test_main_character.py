"""Whose story is it: frame, narration, listeners and witnesses, on stories of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

import whosestory
from tests.fountain_stories import load_story, scene, talk
from whosestory.argue import UnknownCharacterError, argue
from whosestory.measures import frame

ROOT = Path(__file__).resolve().parent.parent


# A witness narrator: a voice that opens and closes the story but lives none of it.
WITNESS = "".join(
    [
        scene("EXT. TOWN - DAY", talk("NARRATOR (V.O.)", "This town had one hero once.")),
        *(
            scene(
                f"INT. FORGE - DAY {i}",
                "CARA works the bellows. DEV sweeps the floor.",
                talk("CARA", f"Hand me the tongs, number {i}."),
                talk("DEV", "Here. Careful."),
                talk("CARA", "I am always careful."),
            )
            for i in range(8)
        ),
        scene("EXT. TOWN - NIGHT", talk("NARRATOR (V.O.)", "And that was the last of her.")),
    ]
)

# A frame with a questioning listener (an interviewer) and a teller who lived it.
INTERVIEW = "".join(
    [
        scene(
            "INT. STUDIO - DAY (PRESENT DAY)",
            "ROSA sits across from an INTERVIEWER.",
            talk("INTERVIEWER", "Where did it start?"),
            talk("ROSA", "On the boat. Always on the boat."),
        ),
        *(
            scene(
                f"EXT. BOAT - NIGHT (1970) {i}",
                "Rosa hauls the net. SAL steers.",
                talk("SAL", "Pull, Rosa! Pull!"),
                talk("ROSA", "I am pulling!"),
                talk("SAL", "Harder, the storm is coming and the boat is old."),
            )
            + scene(
                "INT. STUDIO - DAY (PRESENT DAY)",
                talk("INTERVIEWER", "What did you feel then?"),
                talk("ROSA", "Fear. Then nothing. Then the sea again."),
                talk("ROSA (V.O.)", "I still hear him shouting over the wind."),
            )
            for i in range(4)
        ),
    ]
)


def test_keeper_divergence_spotlight_and_story_part(example: Path) -> None:
    analysis = whosestory.analyze(whosestory.load(example))
    roles = {role: v.character for role, v in analysis.roles.items()}
    assert roles["spotlight"] == "TOM"
    assert roles["main_character"] == "MAYA"
    assert roles["impact_character"] == "TOM"
    assert analysis.frame.owner == "MAYA"
    assert "DR. OKAFOR'S OFFICE" in " ".join(analysis.frame.how)


def test_a_witness_narrator_does_not_own_theload_story(tmp_path: Path) -> None:
    analysis = whosestory.analyze(load_story(tmp_path, WITNESS))
    assert analysis.roles["main_character"].character == "CARA"
    assert analysis.tables["narrator_in_story"]["NARRATOR"] < 0.3


def test_a_listener_in_the_frame_does_not_own_it(tmp_path: Path) -> None:
    story = load_story(tmp_path, INTERVIEW)
    layer = frame.frame_layer(story)
    assert layer.owner == "ROSA"
    assert frame.listener_share(story, layer.scenes)["INTERVIEWER"] == 1.0
    analysis = whosestory.analyze(story)
    assert analysis.tables["frame_share"]["INTERVIEWER"] == 0.0
    assert analysis.roles["main_character"].character == "ROSA"
    assert analysis.roles["impact_character"].character == "SAL"


def test_markers_years_and_flashbacks() -> None:
    story = whosestory.load(ROOT / "examples" / "the-keeper.fountain")
    layers = [m for m, _ in frame.scene_markers(story)]
    assert layers[0] == "present" and layers[1] == "past"
    assert all(m in ("present", "past") for m in layers)


def test_closing_voice_goes_to_the_last_narrator(tmp_path: Path) -> None:
    story = load_story(tmp_path, WITNESS)
    assert frame.closing_voice(story)["NARRATOR"] == 1.0
    assert frame.closing_voice(story)["CARA"] == 0.0


# The last voice-over is a phone call, and before it a remembered line nobody narrates.
CALL = "".join(
    [
        *(
            scene(
                f"INT. OFFICE - DAY {i}",
                "JUNE files reports. OMAR watches the clock.",
                talk("JUNE", f"Report {i} is done."),
                talk("OMAR", "Then start the next one."),
            )
            for i in range(9)
        ),
        scene(
            "INT. JUNE'S FLAT - NIGHT",
            "June sits alone. The phone rings; she answers.",
            talk("OMAR (V.O.)", "You left the file on my desk."),
            talk("JUNE", "I know. I meant to."),
            talk("OMAR (V.O.)", "Then we are done."),
        ),
    ]
)


def test_a_phone_call_or_a_single_closing_line_is_not_a_telling(tmp_path: Path) -> None:
    story = load_story(tmp_path, CALL)
    assert frame.narrating_speeches(story) == []
    assert frame.closing_voice(story)["OMAR"] == 0.0
    before_the_call = CALL.rsplit("INT. JUNE'S FLAT", 1)[0]
    closing_line = scene("INT. JUNE'S FLAT - NIGHT", talk("OMAR (V.O.)", "She never came back."))
    lone = load_story(tmp_path, before_the_call + closing_line)
    # one narrating line that closes the story, from a voice that narrated nothing before
    assert frame.closing_voice(lone)["OMAR"] == 0.0


def test_regression_narration_over_action_is_narration_and_two_voices_are_an_exchange(
    tmp_path: Path,
) -> None:
    # a narrator's voice-over, then action, then someone on screen: still narration
    # (the first rule counted any speech either side and dropped it)
    scenes = [
        scene(
            f"INT. BAR - NIGHT {i}",
            talk("HENRY (V.O.)", f"I always wanted to be one of them, night {i}."),
            "Tommy slams the table, laughing.",
            talk("TOMMY", "Another round!"),
        )
        for i in range(6)
    ]
    remembered = scene(
        "EXT. RIVER - DAWN",
        talk("TOMMY (V.O.)", "Do you remember the river?"),
        "Henry looks at the water.",
        talk("JIMMY (V.O.)", "Everybody remembers the river."),
    )
    story = load_story(tmp_path, "".join([*scenes, remembered]))
    narrators = [speech.speaker for _, speech in frame.narrating_speeches(story)]
    assert narrators == ["HENRY"] * 6  # two voices answering each other are an exchange
    assert frame.telling(story).strength["HENRY"] == 1.0


def test_argue_supports_and_rejects_claims(example: Path) -> None:
    analysis = whosestory.analyze(whosestory.load(example))
    yes = argue(analysis, "The Keeper is Maya's story, not Tom's")
    assert (yes["verdict"], yes["claimed"], yes["denied"]) == ("supported", "MAYA", "TOM")
    assert yes["quotes"], "the case for quotes the script"
    no = argue(analysis, "It is Lucy's story")
    assert no["verdict"] == "not supported"
    hero = argue(analysis, "Tom is the real protagonist")
    assert hero["role"] == "protagonist"


def test_argue_names_the_closest_characters_for_an_unknown_name(example: Path) -> None:
    analysis = whosestory.analyze(whosestory.load(example))
    with pytest.raises(UnknownCharacterError, match="Mayra"):
        argue(analysis, "This is Mayra's story")


def test_regression_one_flashback_is_not_a_frame(tmp_path: Path) -> None:
    scenes = [
        scene(f"INT. OFFICE - DAY {i}", talk("ANNA", "Work."), talk("BEN", "More work."))
        for i in range(10)
    ]
    scenes.insert(5, scene("INT. SCHOOL - DAY - FLASHBACK", talk("BEN", "I was young.")))
    scenes.insert(6, scene("INT. OFFICE - DAY - PRESENT DAY", talk("BEN", "Back now.")))
    story = load_story(tmp_path, "".join(scenes))
    assert frame.frame_layer(story).owner is None


def _ward(late_from: int) -> str:
    """Ten ward scenes: the doctor narrates the first two over the action; the patient's inner
    voice narrates from scene `late_from` to the end."""
    scenes = []
    for i in range(10):
        lines = [f"INT. WARD - DAY {i}", "The patients sit by the window."]
        if i < 2:
            lines.append(talk("SAYER (V.O.)", f"On day {i} I began to watch them."))
        if i >= late_from:
            lines.append(talk("LEONARD (V.O.)", f"Day {i}. Something has to happen."))
        lines.append("Light moves slowly across the floor.")
        lines += [talk("SAYER", "Good morning, Leonard."), talk("LEONARD", "Morning.")]
        scenes.append(scene(*lines))
    return "".join(scenes)


def test_regression_an_inner_voice_first_heard_late_does_not_close_the_telling(
    tmp_path: Path,
) -> None:
    # Awakenings: the patient's inner voice narrates only the last act and has the film's last
    # voice-over; it counted as the closing narrator (0.8) and pulled the story to him under
    # cross-validation. A voice first heard narrating after the middle is not the telling.
    late = load_story(tmp_path, _ward(late_from=6))
    assert [s.speaker for _, s in frame.narrating_speeches(late)].count("LEONARD") == 4
    assert frame.telling(late).strength["LEONARD"] == 0.0
    assert frame.closing_voice(late)["LEONARD"] == 0.0
    # the same voice heard from the first half is a narrator, and closes the telling
    early = load_story(tmp_path, _ward(late_from=3))
    assert frame.closing_voice(early)["LEONARD"] == 1.0


def _prologue(lives: bool) -> str:
    """Ten scenes of FRODO's journey; GALA's voice opens and closes the telling and narrates
    over three more. She is on screen in one scene, or (`lives`) in every one."""
    scenes = []
    for i in range(10):
        lines = [f"EXT. ROAD - DAY {i}", "The travellers walk on."]
        if i in (0, 3, 5, 7, 9):
            lines.append(talk("GALA (V.O.)", f"On the {i}th day the ring grew heavier."))
            lines.append("Rain falls on the road.")
        lines.append(talk("FRODO", f"Day {i}. We keep going."))
        if lives or i == 5:
            lines.append(talk("GALA", "Keep going."))
        scenes.append(scene(*lines))
    return "".join(scenes)


def test_regression_a_witness_voice_that_closes_the_telling_does_not_claim_the_story(
    tmp_path: Path,
) -> None:
    # a prologue's voice that also closes the film held the full closing voice and, once the
    # model weighed it more, took the story from the hobbit (The Fellowship of the Ring)
    witness = load_story(tmp_path, _prologue(lives=False))
    assert frame.closing_voice(witness)["GALA"] == 1.0
    tables = whosestory.analyze(witness).tables
    assert tables["narrator_in_story"]["GALA"] == 0.1
    assert tables["closing_voice"]["GALA"] == 0.2  # in proportion to her part in the story
    lives = whosestory.analyze(load_story(tmp_path, _prologue(lives=True))).tables
    assert lives["closing_voice"]["GALA"] == 1.0
