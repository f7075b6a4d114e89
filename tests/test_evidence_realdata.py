"""No empty evidence and no heading quote on a sample of the real stories in ../shared/data
(films from IMSDb, plays of every DraCor corpus); skipped when it is not there."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import whosestory
from tests.evidence_checks import problems

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SAMPLE = 5
"""Stories read from each folder (a seeded sample: the same every run)."""
CORPORA = ("shakedracor", "gerdracor", "engdracor", "fredracor", "rusdracor")

pytestmark = pytest.mark.realdata


def _sample(folder: Path, pattern: str) -> list[Path]:
    found = sorted(folder.glob(pattern)) if folder.is_dir() else []
    return sorted(random.Random(13).sample(found, min(SAMPLE, len(found))))


STORIES = [
    *_sample(DATA / "films" / "scripts", "*.txt"),
    *(story for corpus in CORPORA for story in _sample(DATA / "plays" / corpus, "*.xml")),
]


@pytest.mark.skipif(not STORIES, reason="../shared/data is not here")
@pytest.mark.parametrize("path", STORIES, ids=lambda p: p.name)
def test_real_evidence_has_no_empty_figure_and_no_heading_quote(path: Path) -> None:
    try:
        story = whosestory.load(path)
    except whosestory.WhosestoryError as err:
        pytest.skip(f"{path.name}: {err}")
    assert problems(whosestory.analyze(story)) == []
