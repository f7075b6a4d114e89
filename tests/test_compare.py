"""Comparing two drafts: who gained or lost the spotlight and the story."""

from __future__ import annotations

import json
import re
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
    assert view["roles"]["spotlight"] == {"a": "MAYA", "b": "TOM"}
    assert view["roles"]["main_character"] == {"a": "MAYA", "b": "MAYA"}
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
