"""The collector after the imports: the command line's process and the corpus workers."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from whosestory.corpus import pool

ROOT = Path(__file__).resolve().parent.parent


def test_the_command_line_collects_again_after_its_imports() -> None:
    code = (
        "import gc, whosestory_entry; whosestory_entry._import_quietly(); "
        "print(gc.isenabled(), gc.get_threshold()[0], gc.get_freeze_count() > 1000)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    assert out == ["True", str(50_000), "True"]


def test_a_worker_settles_its_heap_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(pool, "_settled", False)
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append("collect") or 0)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "set_threshold", lambda *t: calls.append(f"threshold {t}"))
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    pool.settle_worker_heap()
    pool.settle_worker_heap()
    assert calls == ["collect", "freeze", f"threshold {(pool.COLLECT_AFTER, 10, 10)}"]


def test_one_story_runs_with_the_collector_off_and_leaves_it_as_it_was() -> None:
    from whosestory.budget import Limits
    from whosestory.worker import collector_held, run_bounded

    assert gc.isenabled()
    with collector_held():
        assert not gc.isenabled()
        with collector_held():  # nested: the outer block turns it on again
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_held():
            assert not gc.isenabled()
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()
    assert run_bounded(gc.isenabled, (), Limits(seconds=0, memory_mb=0)) is False
    assert run_bounded(gc.isenabled, (), Limits(seconds=30, memory_mb=0)) is False  # a child
    assert gc.isenabled()


def test_a_corpus_story_leaves_the_collector_on(tmp_path: Path) -> None:
    from whosestory.corpus.rows import process_file

    script = tmp_path / "two.fountain"
    script.write_text("INT. ROOM - DAY\n\nANNA\nHello.\n\nBEN\nHi.\n", encoding="utf-8")
    row, _ = process_file(str(script))
    assert not row.get("error")
    assert gc.isenabled()
