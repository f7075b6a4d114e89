"""`whosestory corpus` takes the budgets of `analyze` (time, memory, pages, scenes,
speakers, decompressed bytes, text operators): a story over one is an error row naming
the limit, and the other stories go on (issue 16)."""

from __future__ import annotations

import argparse
from pathlib import Path

import hostile
import pytest

from whosestory.corpus.command import CORPUS_SECONDS, add_corpus_command, run_corpus_command
from whosestory.corpus.pool import LIMIT_SECONDS

pd = pytest.importorskip("pandas")

SMALL = b"INT. ROOM - DAY\n\nANNA\nStill here, Ben.\n\nBEN\nSo am I.\n"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    add_corpus_command(parser.add_subparsers(dest="command"))
    return parser


def _run(folder: Path, out: Path, *options: str) -> pd.DataFrame:
    args = _parser().parse_args(
        ["corpus", str(folder), "--out", str(out), "--no-progress", *options]
    )
    status, message = run_corpus_command(args)
    assert status == 0, message
    return pd.read_csv(out).set_index("file")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_story_over_a_counted_budget_is_an_error_row(tmp_path: Path, workers: str) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "small.fountain").write_bytes(SMALL)
    (folder / "many-scenes.fountain").write_bytes(hostile.fountain_scenes(40))
    (folder / "crowd.fountain").write_bytes(hostile.fountain_speakers(40))
    table = _run(folder, tmp_path / "out.csv", "--workers", workers, "--limit-scenes", "30",
                 "--limit-speakers", "30")  # fmt: skip
    errors = table["error"].fillna("")
    assert errors[str(folder / "small.fountain")] == ""
    assert (
        "over the scenes limit of 30; raise it with --limit-scenes"
        in (errors[str(folder / "many-scenes.fountain")])
    )
    assert "--limit-speakers" in errors[str(folder / "crowd.fountain")]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_story_over_the_memory_budget_is_an_error_row(tmp_path: Path, workers: str) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "small.fountain").write_bytes(SMALL)
    (folder / "crowd.fountain").write_bytes(hostile.fountain_speakers(100_000))  # ~190 MB
    table = _run(folder, tmp_path / "out.csv", "--workers", workers, "--limit-memory-mb", "40",
                 "--limit-speakers", "0")  # fmt: skip
    error = table.loc[str(folder / "crowd.fountain"), "error"]
    assert "memory limit of 40 MB" in error and "--limit-memory-mb" in error
    assert pd.isna(table.loc[str(folder / "small.fountain"), "error"])


def test_the_budget_options_are_those_of_analyze(capsys: pytest.CaptureFixture[str]) -> None:
    for option in ("--limit-memory-mb", "--limit-pages", "--limit-decompressed-mb"):
        assert _parser().parse_args(["corpus", "x", "--out", "o.csv", option, "5"])
    with pytest.raises(SystemExit):
        _parser().parse_args(["corpus", "x", "--out", "o.csv", "--limit-pages", "many"])
    assert "expected a number of pages of a PDF" in capsys.readouterr().err
    assert CORPUS_SECONDS == LIMIT_SECONDS  # the help's default is the pool's


def _die_on_bad(file: str, with_characters: bool) -> tuple[dict, list]:
    """A task whose worker dies (SIGKILL) on a file named ``bad``; others are answered."""
    import os
    import signal

    if Path(file).name == "bad":
        os.kill(os.getpid(), signal.SIGKILL)
    return {"file": file, "error": None}, []


def test_regression_a_killed_worker_with_one_worker_is_retried_by_resume() -> None:
    """With --workers 1 each file runs in a worker of its own: one killed is a lost row
    that --resume retries (as with a pool), not the file's own error."""
    from whosestory.corpus.pool import inline_results

    rows = [row for row, _ in inline_results(["a", "bad", "c"], False, 60, _die_on_bad)]
    assert [r["error"] is None for r in rows] == [True, False, True]
    assert "killed by SIGKILL" in rows[1]["error"] and rows[1]["_retry"] is True
