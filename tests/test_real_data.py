"""Evaluations on real stories in ../shared/data, when it is there (skipped otherwise).

These read data the project does not ship; they guard the accuracy bars the
issues set, on the labelled films and plays.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import whosestory
from whosestory.cli import main
from whosestory.readers import read_script

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
FILMS = DATA / "films"
PLAYS = DATA / "plays"

pytestmark = pytest.mark.realdata
needs_data = pytest.mark.skipif(not FILMS.is_dir(), reason="../shared/data is not here")


MAIN_SETS = [
    (FILMS / "main-characters.tsv", FILMS / "scripts"),
    (PLAYS / "main-characters.tsv", PLAYS / "shakedracor"),
    *(
        (PLAYS / f"{c}-main-characters.tsv", PLAYS / c)
        for c in ("gerdracor", "engdracor", "fredracor", "rusdracor")
    ),
]


def _eval(capsys: pytest.CaptureFixture[str], sets: list, role: str, repeats: int = 1) -> dict:
    args = ["eval", *(str(labels) for labels, _ in sets), "--role", role, "--format", "json"]
    args += ["--repeats", str(repeats)]
    for _, root in sets:
        args += ["--root", str(root)]
    code = main(args)
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    return {row["set"]: row for row in result["sets"]} | {"_all": result}


@needs_data
def test_protagonist_accuracy_on_crowd_hero_labels(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _eval(capsys, [(FILMS / "heroes.tsv", FILMS / "scripts")], "protagonist")
    pooled = rows["pooled"]
    print(f"protagonist top-1 cv {pooled['cv']} (best baseline {pooled[pooled['best_baseline']]})")
    assert pooled["errors"] == 0
    assert pooled["cv"] >= 0.93
    assert pooled["gain"] > 0


@needs_data
def test_main_character_cross_validated_on_every_label_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = _eval(capsys, MAIN_SETS, "main_character", repeats=3)
    for name, row in rows.items():
        if name != "_all":
            print(
                f"{name}: cv {row['cv']} loso {row['loso']} best baseline {row['best_baseline']}"
                f" {row[row['best_baseline']]}"
            )
    pooled = rows["pooled"]
    assert pooled["errors"] == 0
    assert pooled["gain"] >= 0.15  # over the best of the simple baselines, cross-validated
    # over 3 runs of the folds (Big Fish is missed in every run: nothing else teaches a frame)
    assert round(rows["films/main-characters"]["cv"] * 13) >= 11
    assert rows["plays/main-characters"]["cv"] >= 0.85
    # the issue's calibration bar, over the 3 runs' 525 held-out predictions (one run's alone
    # moves with the fold split: 0.021 to 0.077 for the shipped model over 5 runs)
    assert rows["_all"]["calibration"]["ece"] <= 0.05
    assert rows["_all"]["calibration"]["brier"] <= 0.13


EXAMPLES = DATA / "screenplays" / "screenplain" / "examples"


@needs_data
@pytest.mark.parametrize("ext", ["fountain", "fdx", "pdf"])
def test_big_fish_is_wills_story_in_every_format(
    ext: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(EXAMPLES / f"Big-Fish.{ext}")
    assert main(["analyze", path, "--format", "json"]) == 0
    roles = json.loads(capsys.readouterr().out)["roles"]
    assert roles["main_character"]["character"] == "WILL"
    assert roles["spotlight"]["character"] == "EDWARD"
    assert roles["impact_character"]["character"] == "EDWARD"
    claim = "Big Fish is Will's story, not Edward's"
    assert main(["argue", path, claim, "--format", "json"]) == 0
    argument = json.loads(capsys.readouterr().out)
    assert argument["verdict"] == "supported"
    assert any("frame layer" in s for s in argument["case_for"])
    # Will's telling frames the story: quoted at its opening and at its close
    scenes = [int(q["scene"]) for q in argument["quotes"]]
    assert min(scenes) <= 10 and max(scenes) >= 180


@needs_data
@pytest.mark.parametrize("name", ["Big-Fish", "Brick-and-Steel", "The-Last-Birthday-Card"])
def test_screenplain_examples_give_the_same_scenes_and_cues_in_every_form(name: str) -> None:
    """Issue 2: the same scenes and per-character cue counts from .fountain, .fdx and .pdf."""
    stories = {
        ext: whosestory.load(EXAMPLES / f"{name}.{ext}") for ext in ("fountain", "fdx", "pdf")
    }
    shapes = {
        ext: [tuple(speech.speaker for speech in scene.speeches()) for scene in story.scenes]
        for ext, story in stories.items()
    }
    print(name, {ext: len(shape) for ext, shape in shapes.items()})
    assert shapes["fountain"] == shapes["fdx"] == shapes["pdf"]


FOUNTAIN_TESTS = DATA / "screenplays" / "nyousefi-fountain" / "FountainTests"
KIND_LETTERS = {
    "heading": "H",
    "action": "A",
    "dialogue": "D",
    "voice_over": "V",
    "parenthetical": "P",
    "transition": "T",
    "centered": "C",
    "lyric": "L",
    "note": "N",
    "section": "S",
    "synopsis": "Y",
    "page_break": "B",
    "stage": "G",
}
# The elements Fountain's syntax page asks for, one letter each (^: second speech of a
# dual-dialogue pair), checked against the reference parser's own test suite.
SPEC_ELEMENTS = {
    "Boneyard": "AA",
    "CenteredText": "CTCC",
    "Dialogue": "DDPDDDDDPDD^DPADPD",
    "DualDialogue": "DD^",
    "ForcedElements": "ADL",
    "Indenting": "THADPDA",
    "MultilineAction": "AAA",
    "Notes": "ANNA",
    "PageBreaks": "ABABA",
    "SceneHeaders": "HHHHHHHHHHHHHHHAAAH",
    "SceneNumbers": "HHHHHHH",
    "SectionHeaders": "SSSSSSS",
    "Sections-Complex": "SYHSSH",
    "Simple": "THAPDBHATCNYSASAHAANA",
    "Synopses": "SYSYSY",
    "Transitions": "TTTTATT",
}


@pytest.mark.skipif(not FOUNTAIN_TESTS.is_dir(), reason="../shared/data is not here")
@pytest.mark.parametrize("name", sorted(SPEC_ELEMENTS))
def test_fountain_test_scripts_parse_with_the_elements_the_spec_says(name: str) -> None:
    script = read_script(FOUNTAIN_TESTS / f"{name}.fountain")
    letters = "".join(KIND_LETTERS[e.kind.value] + ("^" if e.dual else "") for e in script.elements)
    assert letters == SPEC_ELEMENTS[name]
