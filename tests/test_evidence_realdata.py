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


KABALE = "plays/gerdracor/schiller-kabale-und-liebe.xml"
CLAIMS = [
    ("films/scripts/Big-Fish.txt", "Big Fish is Will's story, not Edward's", "WILL"),
    ("films/scripts/Big-Fish.txt", "Sandra is the protagonist", "SANDRA"),
    ("films/scripts/Big-Fish.txt", "The story belongs to Edward", "EDWARD"),
    ("films/scripts/Big-Fish.txt", "the hero is sandra", "SANDRA"),
    ("plays/shakedracor/hamlet.xml", "Hamlet is Ophelia's story, not Hamlet's", "Ophelia"),
    ("plays/shakedracor/hamlet.xml", "Claudius is the protagonist", "King Claudius"),
    ("plays/shakedracor/hamlet.xml", "it's hamlet's play", "Hamlet"),
    (KABALE, "It's Luise's play, not Ferdinand's", "Luise"),
    (KABALE, "Ferdinand is the hero", "Ferdinand"),
    (KABALE, "Wurm is the main character", "Wurm"),
]


@pytest.mark.parametrize(("path", "claim", "name"), CLAIMS, ids=lambda v: str(v)[:40])
def test_each_claim_is_argued_for_the_character_it_names(path: str, claim: str, name: str) -> None:
    from whosestory.argue import argue

    story = DATA / path
    if not story.is_file():
        pytest.skip(f"{path} is not here")
    analysis = whosestory.analyze(whosestory.load(story))
    view = argue(analysis, claim)
    holder = analysis.roles[view["role"]].character
    assert view["claimed"] == name
    assert view["verdict"] == ("supported" if name == holder else "not supported") or (
        view["verdict"] == "contested" and view["close_call"]
    )
    assert view["case_for"] and all(name in sentence for sentence in view["case_for"])
    if name != holder:
        assert any(holder in sentence for sentence in view["case_against"])
