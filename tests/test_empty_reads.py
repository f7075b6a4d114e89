"""Reads that are not a story: refused with one sentence, or flagged as thin."""

from __future__ import annotations

from pathlib import Path

import pytest

from whosestory.cli import main


def test_regression_a_text_without_cues_exits_non_zero_with_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a page that lost its line breaks read as 0 characters, and analyze exited 0
    path = tmp_path / "flat.txt"
    path.write_text("INT. HALL - DAY Anna walks in. ANNA Hello. BEN Hi. " * 40)
    code = main(["analyze", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().endswith("flat.txt: found no character cues: is this a screenplay?")
    assert "Traceback" not in err


def _thin_script(tmp_path: Path) -> str:
    """A feature's worth of words in one scene."""
    speech = "                    ANNA\n          " + "Words to fill a feature. " * 8 + "\n\n"
    path = tmp_path / "thin.txt"
    path.write_text("INT. HALL - DAY\n\nRain.\n\n" + speech * 200)
    return str(path)


def test_a_thin_read_is_warned_about_without_verbose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", _thin_script(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "warning: thin read: " in out and "read as 1 scene" in out


def test_a_thin_read_is_warned_about_in_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", _thin_script(tmp_path), "--format", "md"]) == 0
    assert "**Warning:** thin read: " in capsys.readouterr().out


def test_a_text_without_cues_is_an_error_row_in_a_corpus(tmp_path: Path) -> None:
    from whosestory.corpus.rows import process_file

    path = tmp_path / "stub.txt"
    path.write_text("This script is not available. Back to the index.\n")
    row, _ = process_file(str(path))
    assert row["error"].endswith("stub.txt: found no character cues: is this a screenplay?")
    assert row.get("scenes") is None
