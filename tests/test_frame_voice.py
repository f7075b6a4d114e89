"""The frame layer and a narrator heard over the told story."""

from __future__ import annotations

from pathlib import Path

import whosestory
from whosestory.measures import frame


def _scene(heading: str, *speeches: tuple[str, str]) -> str:
    return heading + "\n\n" + "".join(f"{cue}\n{line}\n\n" for cue, line in speeches)


def test_regression_a_narrators_voice_over_the_past_does_not_pull_their_scenes_into_it(
    tmp_path: Path,
) -> None:
    # WILL narrates the told story in voice-over and lives only in the present: his
    # unmarked scenes belong to the frame. Counting his voice as presence in the past
    # voted them into the past (Big Fish held its frame only through a phantom
    # presence, WILL'S DATE found in every "Will's").
    past = [
        _scene(f"EXT. RIVER - DAY ({year})", ("ED", "A fish."), ("WILL (V.O.)", "He said."))
        for year in range(1950, 1956)
    ]
    hospital = _scene("INT. HOSPITAL - NIGHT - PRESENT DAY", ("WILL", "Dad."), ("ED", "Son."))
    alone = [
        _scene("INT. CAR - DAY", ("WILL", "I drive.")),
        _scene("INT. KITCHEN - DAY", ("WILL", "I wait.")),
    ]
    path = tmp_path / "story.fountain"
    path.write_text(
        hospital + "".join(past[:3]) + hospital + "".join(past[3:]) + hospital + "".join(alone)
    )
    layer = frame.frame_layer(whosestory.load(path))
    assert layer.owner == "WILL"
    assert {9, 10} <= layer.scenes


def test_regression_a_voice_over_through_a_television_is_no_narration(tmp_path: Path) -> None:
    # a tycoon's speech played on every screen in the last scenes, in voice-over, counted as
    # the story's narration and closed its telling
    scenes = [
        "INT. LAB - NIGHT\n\nRows of monitors play the same footage.\n\n"
        "GUS (V.O.)\nWe stay ahead because we must.\n\n",
        "EXT. SQUARE - NIGHT\n\nA crowd watches the giant TV screen.\n\n"
        "GUS (V.O.)\nInnovate or die.\n\n",
        "EXT. BRIDGE - DAWN\n\nThe river runs on under the fog.\n\n"
        "NORA (V.O.)\nThat was the year I left.\n\n",
    ]
    path = tmp_path / "story.fountain"
    path.write_text("".join(scenes), encoding="utf-8")
    narrators = [speech.speaker for _, speech in frame.narrating_speeches(whosestory.load(path))]
    assert narrators == ["NORA"]


def test_regression_a_place_the_markers_leave_alone_is_no_frame(tmp_path: Path) -> None:
    # True Lies: one flashback told in an interrogation room ("PRESENT", "FLASHBACK") made
    # markers, and with markers any recurring place was taken for the frame, here the
    # surveillance van. A place is the frame when the markers set it in the present or
    # someone tells from it; the interrogation is a scene, not a frame.
    scenes = []
    for i in range(20):
        if i in (0, 4, 8, 12, 16, 19):
            scenes.append(
                _scene("INT. VAN - NIGHT", ("GIB", f"Camera {i} is up."), ("TECH", "Go."))
            )
        elif i in (9, 14):
            scenes.append(
                _scene("INT. INTERROGATION ROOM - NIGHT - PRESENT", ("HELEN", "I met him."))
            )
        elif i == 13:
            scenes.append(_scene("EXT. PARK - DAY - FLASHBACK", ("HARRY", "Then you know.")))
        else:
            scenes.append(_scene(f"EXT. STREET {i} - DAY", ("HARRY", "Move."), ("MOLLY", "Where?")))
    path = tmp_path / "story.fountain"
    path.write_text("".join(scenes))
    layer = frame.frame_layer(whosestory.load(path))
    assert "recurring place: VAN" not in layer.how
    assert layer.owner != "GIB"
