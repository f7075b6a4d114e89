"""Corpus recovery: a worker that dies or hangs fails only its own file, --resume retries
it, and killing the main process ends its workers. Every wait here is bounded."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from whosestory.corpus.pool import LIMIT_SECONDS, inline_results, pooled_results
from whosestory.corpus.rows import process_file

pd = pytest.importorskip("pandas")
psutil = pytest.importorskip("psutil")

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "the-keeper.fountain"


def hang_or_answer(file: str, with_characters: bool) -> tuple[dict[str, Any], list]:
    """A worker task: a file whose name holds ``hang`` writes the worker's pid beside it
    and sleeps; any other file is answered at once."""
    if "hang" in Path(file).name:
        Path(file + ".pid").write_text(str(os.getpid()))
        time.sleep(60)
    return {"file": file, "error": None}, []


def wait_for(check: Any, seconds: float = 30) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.02)
    raise AssertionError(f"not within {seconds} s")


def pid_in(file: str) -> int | None:
    """The pid a hanging worker wrote beside `file`, once it has."""
    try:
        return int(Path(file + ".pid").read_text())
    except (FileNotFoundError, ValueError):
        return None


def alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def names(tmp_path: Path, *stems: str) -> list[str]:
    return [str(tmp_path / stem) for stem in stems]


def test_a_killed_worker_fails_only_its_own_file(tmp_path: Path) -> None:
    files = names(tmp_path, "a", "hang", "b", "c", "d", "e")
    killer = threading.Thread(
        target=lambda: os.kill(wait_for(lambda: pid_in(files[1])), signal.SIGKILL)
    )
    killer.start()
    results = [row for row, _ in pooled_results(files, 2, False, 30, hang_or_answer)]
    killer.join(timeout=30)
    assert sorted(row["file"] for row in results) == sorted(files)
    failed = [row for row in results if row["error"]]
    assert [row["file"] for row in failed] == [files[1]]
    assert "killed by SIGKILL" in failed[0]["error"] and failed[0]["_retry"] is True


@pytest.mark.parametrize("workers", [1, 2], ids=["in process", "worker processes"])
def test_a_file_past_the_time_limit_is_an_error_row(tmp_path: Path, workers: int) -> None:
    files = names(tmp_path, "first", "hang", "last")
    started = time.monotonic()
    if workers == 1:
        rows = [row for row, _ in inline_results(files, False, 0.5, hang_or_answer)]
    else:
        rows = [row for row, _ in pooled_results(files, workers, False, 0.5, hang_or_answer)]
    assert time.monotonic() - started < 30
    by_file = {row["file"]: row for row in rows}
    assert by_file[files[0]]["error"] is None and by_file[files[2]]["error"] is None
    assert "longer than the limit of 0.5 seconds" in by_file[files[1]]["error"]
    assert not by_file[files[1]].get("_retry")  # the file's own doing: resume keeps it


def test_killing_the_main_process_ends_its_workers(tmp_path: Path) -> None:
    files = names(tmp_path, "hang-1", "hang-2")
    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r})\n"
        "from test_corpus_recovery import hang_or_answer\n"
        "from whosestory.corpus.pool import pooled_results\n"
        f"list(pooled_results({files!r}, 2, False, 600, hang_or_answer))\n"
    )
    main = subprocess.Popen([sys.executable, "-c", code], cwd=HERE.parent)
    try:
        pids = [wait_for(lambda f=f: pid_in(f)) for f in files]
    finally:
        main.kill()
        main.wait(timeout=10)
    started = time.monotonic()
    wait_for(lambda: not any(alive(pid) for pid in pids), seconds=5)
    assert time.monotonic() - started < 5


def test_resume_retries_the_file_a_killed_worker_held(tmp_path: Path) -> None:
    """Kill one worker mid-run: its file alone is an error row, the parts stay, and
    --resume gives the table of an uninterrupted run."""
    from whosestory.corpus import run_corpus

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        shutil.copy(EXAMPLE, folder / f"keeper-{i:03d}.fountain")
    out = tmp_path / "out.parquet"
    done: dict[str, Any] = {}

    def run() -> None:
        done["table"] = run_corpus([folder], out, workers=2, progress=False, part_size=2)

    started = time.time() - 1
    runner = threading.Thread(target=run)
    runner.start()
    parts = out.with_name(out.name + ".parts")
    wait_for(lambda: len(list(parts.glob("part-*.parquet"))) >= 2, seconds=120)
    workers = [  # this run's workers only, not what earlier tests left behind
        child
        for child in psutil.Process().children()
        if child.create_time() >= started and child.status() != psutil.STATUS_ZOMBIE
    ]
    assert workers, "no worker process to kill"
    workers[0].kill()
    runner.join(timeout=120)
    table = done["table"]
    lost = table[table["error"].fillna("").str.contains("worker analysing it stopped")]
    assert len(lost) <= 1 and table["error"].notna().sum() == len(lost)
    assert table.attrs["to_retry"] == len(lost)
    assert parts.exists() == bool(len(lost))
    resumed = run_corpus([folder], out, workers=1, progress=False, resume=True)
    whole = run_corpus([folder], tmp_path / "whole.parquet", progress=False)
    pd.testing.assert_frame_equal(
        resumed.drop(columns=["seconds"]), whole.drop(columns=["seconds"])
    )
    assert not parts.exists() and resumed.attrs["to_retry"] == 0


def test_process_file_is_the_default_task() -> None:
    row, _ = next(inline_results([str(EXAMPLE)], False, LIMIT_SECONDS))
    assert row["error"] is None
    assert row["title"] == process_file(str(EXAMPLE))[0]["title"]


def report_peak(file: str, with_characters: bool) -> tuple[dict[str, Any], list]:
    """A worker task that only reports the worker's peak memory."""
    from whosestory.corpus.rows import peak_rss_mb

    return {"file": file, "error": None, "_peak_rss_mb": peak_rss_mb()}, []


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux only")
def test_regression_a_worker_peak_is_its_own_not_its_parents(tmp_path: Path) -> None:
    """ru_maxrss of a spawned worker kept the parent's peak from before the exec."""
    ballast = bytearray(300 * 2**20)
    ballast[:: 2**12] = b"x" * len(ballast[:: 2**12])  # make the parent's pages resident
    rows = [row for row, _ in pooled_results([str(tmp_path / "a")], 2, False, 60, report_peak)]
    assert rows[0]["_peak_rss_mb"] < 250
    del ballast
