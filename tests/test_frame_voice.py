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
