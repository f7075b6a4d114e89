"""Label matching and the eval command on stories of our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whosestory.cli import main
from whosestory.evaluate import matches, read_labels

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("label", "names", "hit"),
    [
        ("Ben", ["BEN SANDERSON"], True),
        ("ben", ["Ben"], True),
        ("Gillis", ["JOE", "JOE GILLIS"], True),
        ("Hamlet_Ham", ["Hamlet", "Hamlet_Ham"], True),
        ("Ben", ["BENNY"], False),
        ("Sera", ["BEN"], False),
    ],
)
def test_label_matching(label: str, names: list[str], hit: bool) -> None:
    assert matches(label, names) is hit


def _labels(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "labels.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_labels_finds_columns_and_alternatives(tmp_path: Path) -> None:
    path = _labels(tmp_path, "play\tmain_character\tnot\nthe-keeper\tMaya|Tom\tLucy\n")
    (label,) = read_labels(path, ROOT / "examples")
    assert label.expected == ("Maya", "Tom")
    assert label.rival == ("Lucy",)
    assert label.path == ROOT / "examples" / "the-keeper.fountain"


def test_eval_json_reports_accuracy_and_baseline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _labels(
        tmp_path,
        "file\thero\ttitle\n"
        "the-keeper.fountain\tTom\tThe Keeper\n"
        "the-keeper.fountain\tLucy\tThe Keeper\n"
        "missing.fountain\tNobody\tMissing\n",
    )
    code = main(["eval", str(path), "--root", str(ROOT / "examples"), "--json", "--workers", "1"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["n"] == 3 and data["errors"] == 1
    assert data["top1"] == pytest.approx(1 / 3, abs=1e-3)
    assert {"baseline_top1", "top3", "results"} <= set(data)
    first, second, third = data["results"]
    assert first["hit"] and first["got"] == "TOM"
    assert not second["hit"] and second["expected"] == "Lucy"
    assert third["error"] and "missing.fountain" in third["error"]


def test_eval_text_lists_misses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _labels(tmp_path, "file\thero\nthe-keeper.fountain\tLucy\n")
    assert main(["eval", str(path), "--root", str(ROOT / "examples"), "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "top-1 0.000" in out and "misses (1)" in out and "Lucy" in out


def test_eval_without_a_label_column_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _labels(tmp_path, "file\tsomething\nx\ty\n")
    assert main(["eval", str(path)]) == 1
    err = capsys.readouterr().err
    assert "no expected character column" in err
