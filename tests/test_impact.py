"""The impact character: the strongest tie to the main character, weighed by standing."""

from __future__ import annotations

from pathlib import Path

import pytest

import whosestory
from tests.fountain_stories import load_story, scene, talk
from whosestory import verdict

_PRESSING = "You broke your oath the night the gates fell. Give the keys to the council."
_BROODING = (
    "I have walked these walls every night since the gates fell, and every night I count "
    "the fires in the lower town and tell myself that I can still hold what is left of it."
)

# A confidant who follows the lord into every scene and says little, and a rival who
# presses him in four of six and plots in scenes of her own.
COURT = "".join(
    [
        *(
            scene(
                f"INT. HALL - DAY {i}",
                "The LORD paces. His PAGE follows.",
                talk("LORD", f"Page, the map of the {i} gates. I will hold this city."),
                talk("PAGE", "Yes."),
                talk("LORD", "Page, the candles. " + _BROODING),
                talk("PAGE", "Here."),
                *(
                    (
                        "VERA enters and faces the LORD.",
                        talk("VERA", _PRESSING),
                        talk("LORD", "I will not give up the keys to you, Vera. " + _BROODING),
                        talk("VERA", _PRESSING),
                    )
                    if i % 3
                    else ()
                ),
            )
            + (
                scene(
                    f"INT. VERA'S ROOMS - NIGHT {i}",
                    "VERA writes by the lamp. ANSEL waits.",
                    talk("VERA", _PRESSING),
                    talk("ANSEL", "The council will listen to you."),
                )
                if i % 2
                else ""
            )
            for i in range(1, 7)
        ),
    ]
)


def test_a_rival_with_a_line_of_her_own_outranks_an_attendant(tmp_path: Path) -> None:
    analysis = whosestory.analyze(load_story(tmp_path, COURT))
    assert analysis.roles["main_character"].character == "LORD"
    ties = analysis.roles["impact_character"]
    assert ties.character == "VERA"
    assert ties.runner_up == "PAGE"


def test_the_case_says_who_speaks_more(tmp_path: Path) -> None:
    analysis = whosestory.analyze(load_story(tmp_path, COURT))
    case = analysis.roles["impact_character"].case
    assert "VERA speaks more than anyone else besides LORD (165 words)." in case.support
    assert not any("PAGE speaks" in s for s in case.against)  # the attendant speaks less


def test_standing_is_the_square_root_of_the_share_of_the_top_speaker() -> None:
    found = verdict.standing(["b", "c", "d"], {"b": 100, "c": 25})
    assert found == pytest.approx({"b": 1.0, "c": 0.5, "d": 0.0})
    assert verdict.standing(["b", "c"], {}) == {"b": 1.0, "c": 1.0}
