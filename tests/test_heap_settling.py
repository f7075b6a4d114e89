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
