"""Whose story is it: frame, narration, listeners and witnesses, on stories of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

import whosestory
from whosestory.argue import UnknownCharacterError, argue
from whosestory.measures import frame

ROOT = Path(__file__).resolve().parent.parent


def _story(tmp_path: Path, text: str) -> whosestory.Story:
    path = tmp_path / "story.fountain"
    path.write_text(text, encoding="utf-8")
    return whosestory.load(path)


def _scene(heading: str, *lines: str) -> str:
    return heading + "\n\n" + "\n\n".join(lines) + "\n\n"


def _talk(cue: str, line: str) -> str:
    return f"{cue}\n{line}"


# A witness narrator: a voice that opens and closes the story but lives none of it.
WITNESS = "".join(
    [
        _scene("EXT. TOWN - DAY", _talk("NARRATOR (V.O.)", "This town had one hero once.")),
        *(
            _scene(
                f"INT. FORGE - DAY {i}",
                "CARA works the bellows. DEV sweeps the floor.",
                _talk("CARA", f"Hand me the tongs, number {i}."),
                _talk("DEV", "Here. Careful."),
                _talk("CARA", "I am always careful."),
            )
            for i in range(8)
        ),
        _scene("EXT. TOWN - NIGHT", _talk("NARRATOR (V.O.)", "And that was the last of her.")),
    ]
)

# A frame with a questioning listener (an interviewer) and a teller who lived it.
INTERVIEW = "".join(
    [
        _scene(
            "INT. STUDIO - DAY (PRESENT DAY)",
            "ROSA sits across from an INTERVIEWER.",
            _talk("INTERVIEWER", "Where did it start?"),
            _talk("ROSA", "On the boat. Always on the boat."),
        ),
        *(
            _scene(
                f"EXT. BOAT - NIGHT (1970) {i}",
                "Rosa hauls the net. SAL steers.",
                _talk("SAL", "Pull, Rosa! Pull!"),
                _talk("ROSA", "I am pulling!"),
                _talk("SAL", "Harder, the storm is coming and the boat is old."),
            )
            + _scene(
                "INT. STUDIO - DAY (PRESENT DAY)",
                _talk("INTERVIEWER", "What did you feel then?"),
                _talk("ROSA", "Fear. Then nothing. Then the sea again."),
                _talk("ROSA (V.O.)", "I still hear him shouting over the wind."),
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


def test_a_witness_narrator_does_not_own_the_story(tmp_path: Path) -> None:
    analysis = whosestory.analyze(_story(tmp_path, WITNESS))
    assert analysis.roles["main_character"].character == "CARA"
    assert analysis.tables["narrator_in_story"]["NARRATOR"] < 0.3


def test_a_listener_in_the_frame_does_not_own_it(tmp_path: Path) -> None:
    story = _story(tmp_path, INTERVIEW)
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
    story = _story(tmp_path, WITNESS)
    assert frame.closing_voice(story)["NARRATOR"] == 1.0
    assert frame.closing_voice(story)["CARA"] == 0.0


# The last voice-over is a phone call, and before it a remembered line nobody narrates.
CALL = "".join(
    [
        *(
            _scene(
                f"INT. OFFICE - DAY {i}",
                "JUNE files reports. OMAR watches the clock.",
                _talk("JUNE", f"Report {i} is done."),
                _talk("OMAR", "Then start the next one."),
            )
            for i in range(9)
        ),
        _scene(
            "INT. JUNE'S FLAT - NIGHT",
            "June sits alone. The phone rings; she answers.",
            _talk("OMAR (V.O.)", "You left the file on my desk."),
            _talk("JUNE", "I know. I meant to."),
            _talk("OMAR (V.O.)", "Then we are done."),
        ),
    ]
)


def test_a_phone_call_or_a_single_closing_line_is_not_a_telling(tmp_path: Path) -> None:
    story = _story(tmp_path, CALL)
    assert frame.narrating_speeches(story) == []
    assert frame.closing_voice(story)["OMAR"] == 0.0
    before_the_call = CALL.rsplit("INT. JUNE'S FLAT", 1)[0]
    closing_line = _scene("INT. JUNE'S FLAT - NIGHT", _talk("OMAR (V.O.)", "She never came back."))
    lone = _story(tmp_path, before_the_call + closing_line)
    # one narrating line that closes the story, from a voice that narrated nothing before
    assert frame.closing_voice(lone)["OMAR"] == 1.0 / frame.FULL_NARRATION


def test_regression_narration_over_action_is_narration_and_two_voices_are_an_exchange(
    tmp_path: Path,
) -> None:
    # a narrator's voice-over, then action, then someone on screen: still narration
    # (the first rule counted any speech either side and dropped it)
    scenes = [
        _scene(
            f"INT. BAR - NIGHT {i}",
            _talk("HENRY (V.O.)", f"I always wanted to be one of them, night {i}."),
            "Tommy slams the table, laughing.",
            _talk("TOMMY", "Another round!"),
        )
        for i in range(6)
    ]
    remembered = _scene(
        "EXT. RIVER - DAWN",
        _talk("TOMMY (V.O.)", "Do you remember the river?"),
        "Henry looks at the water.",
        _talk("JIMMY (V.O.)", "Everybody remembers the river."),
    )
    story = _story(tmp_path, "".join([*scenes, remembered]))
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
        _scene(f"INT. OFFICE - DAY {i}", _talk("ANNA", "Work."), _talk("BEN", "More work."))
        for i in range(10)
    ]
    scenes.insert(5, _scene("INT. SCHOOL - DAY - FLASHBACK", _talk("BEN", "I was young.")))
    scenes.insert(6, _scene("INT. OFFICE - DAY - PRESENT DAY", _talk("BEN", "Back now.")))
    story = _story(tmp_path, "".join(scenes))
    assert frame.frame_layer(story).owner is None
