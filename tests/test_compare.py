"""Comparing two drafts: who gained or lost the spotlight and the story."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from whosestory.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "the-keeper.fountain"
TOM_ONLY = ("ANCHOR PUB", "COUNCIL HALL", "OPEN SEA", "DAWN")


@pytest.fixture
def earlier_draft(tmp_path: Path) -> Path:
    """The keeper without Tom's four scenes of his own: an earlier, Maya-heavy draft."""
    text = EXAMPLE.read_text(encoding="utf-8")
    parts = re.split(r"(?m)^(?=(?:INT|EXT)\. )", text)
    kept = [p for p in parts if not any(word in p.split("\n", 1)[0] for word in TOM_ONLY)]
    path = tmp_path / "draft1.fountain"
    path.write_text("".join(kept), encoding="utf-8")
    return path


def test_compare_says_who_gained_the_spotlight(
    earlier_draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(earlier_draft), str(EXAMPLE), "--format", "json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["a"]["scenes"] == 11 and view["b"]["scenes"] == 15
    assert {k: view["roles"]["spotlight"][k] for k in "ab"} == {"a": "MAYA", "b": "TOM"}
    assert {k: view["roles"]["main_character"][k] for k in "ab"} == {"a": "MAYA", "b": "MAYA"}
    assert "The spotlight passes from MAYA to TOM." in view["changes"]
    tom = next(r for r in view["characters"] if r["b"] == "TOM")
    assert tom["cues"]["change"] > 0


def test_compare_knows_every_declared_role(
    earlier_draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It knew three roles and its own words for them; it reads the registry now."""
    from whosestory.roles import ROLES

    assert main(["compare", str(earlier_draft), str(EXAMPLE), "--format", "json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert list(view["roles"]) == list(ROLES)
    for row in view["characters"]:
        assert all(0.0 <= row[role]["a"] <= 1.0 for role in ROLES)


def test_compare_text_and_markdown(earlier_draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(earlier_draft), str(EXAMPLE)]) == 0
    assert "MAYA -> TOM" in capsys.readouterr().out
    assert main(["compare", str(EXAMPLE), str(EXAMPLE), "--format", "md"]) == 0
    assert "Every role stays with the same character." in capsys.readouterr().out


def _draft(tmp_path: Path, keep: Callable[[list[str]], list[str]]) -> Path:
    """The keeper with its scenes (after the title page) rearranged by `keep`."""
    text = EXAMPLE.read_text(encoding="utf-8")
    title, *scenes = re.split(r"(?m)^(?=(?:INT|EXT)\. )", text)
    path = tmp_path / "draft.fountain"
    path.write_text(title + "".join(keep(scenes)), encoding="utf-8")
    return path


def test_compare_lists_the_scenes_added_cut_and_moved(tmp_path: Path) -> None:
    import whosestory
    from whosestory.compare import compare

    def rearrange(scenes: list[str]) -> list[str]:
        moved = scenes[:]
        moved[2], moved[3] = moved[3], moved[2]  # two scenes swap places
        del moved[7]  # one is cut
        return moved

    draft = whosestory.analyze(whosestory.load(_draft(tmp_path, rearrange)))
    final = whosestory.analyze(whosestory.load(EXAMPLE))
    view = compare(draft, final)
    changes = {(s["change"], s["a"], s["b"]) for s in view["scenes"]}
    assert {c for c, _, _ in changes} == {"added", "moved"}
    assert ("added", None, 8) in changes  # the scene the draft cut is added in the final
    assert sum(c == "moved" for c, _, _ in changes) == 1
    back = compare(final, draft)
    assert ("cut", 8, None) in {(s["change"], s["a"], s["b"]) for s in back["scenes"]}
    assert any("1 scene cut: 8" in line for line in back["changes"])


def test_compare_gives_absolute_figures_and_each_roles_probability(
    earlier_draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from whosestory.roles import FITTED, MAIN_CHARACTER

    assert main(["compare", str(earlier_draft), str(EXAMPLE), "--format", "json"]) == 0
    view = json.loads(capsys.readouterr().out)
    for role in FITTED:  # a fitted role's holder has a probability on both sides
        assert 0 < view["roles"][role]["a_probability"] <= 1
        assert 0 < view["roles"][role]["b_probability"] <= 1
    tom = next(r for r in view["characters"] if r["b"] == "TOM")
    assert tom["words"]["a"] > 0 and tom["words"]["b"] > tom["words"]["a"]  # absolute words
    assert view["standing"][MAIN_CHARACTER] == "probability"
    # the probabilities are the shipped model's (they move when it is refitted); the form is fixed
    assert re.fullmatch(
        r"MAYA keeps the story \((over )?\d+% to (over )?\d+%\); "
        r"TOM takes the spotlight from MAYA\.",
        view["summary"],
    )


def test_the_summary_says_who_takes_the_story(earlier_draft: Path) -> None:
    from whosestory.compare import summary
    from whosestory.roles import MAIN_CHARACTER, SPOTLIGHT

    roles = {
        MAIN_CHARACTER: {"a": "TOM", "b": "MAYA", "a_probability": 0.6, "b_probability": 0.7},
        SPOTLIGHT: {"a": "TOM", "b": "TOM"},
    }
    rows = [
        {"a": "TOM", "b": "TOM", MAIN_CHARACTER: {"a": 0.6, "b": 0.2, "change": -0.4}},
        {"a": "MAYA", "b": "MAYA", MAIN_CHARACTER: {"a": 0.3, "b": 0.7, "change": 0.4}},
        {"a": "LUCY", "b": "LUCY", MAIN_CHARACTER: {"a": 0.1, "b": 0.1, "change": 0.0}},
    ]
    assert summary(roles, rows) == (
        "MAYA takes the story from TOM (probability of MAYA in A and B: 30% to 70%)."
    )
