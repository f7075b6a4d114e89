"""Evaluations on real stories in ../shared/data, when it is there (skipped otherwise).

These read data the project does not ship; they guard the accuracy bars the
issues set, on the labelled films and plays.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whosestory.cli import main

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
FILMS = DATA / "films"
PLAYS = DATA / "plays"

needs_data = pytest.mark.skipif(not FILMS.is_dir(), reason="../shared/data is not here")


def _eval(capsys: pytest.CaptureFixture[str], labels: Path, root: Path, role: str) -> dict:
    code = main(["eval", str(labels), "--role", role, "--root", str(root), "--json"])
    assert code == 0
    return json.loads(capsys.readouterr().out)


@needs_data
def test_protagonist_accuracy_on_crowd_hero_labels(capsys: pytest.CaptureFixture[str]) -> None:
    result = _eval(capsys, FILMS / "heroes.tsv", FILMS / "scripts", "protagonist")
    print(f"protagonist top-1 {result['top1']} (baseline {result['baseline_top1']})")
    assert result["errors"] == 0
    assert result["top1"] >= 0.93
    assert result["top1"] > result["baseline_top1"]
