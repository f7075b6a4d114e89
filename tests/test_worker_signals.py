"""Ctrl-C reaches the whole process group: a worker still starting (a spawned interpreter
importing the analysis, a fork server preloading) must not answer it with a traceback from
its imports (issue 16: "no tracebacks from SIGINT at any point")."""

from __future__ import annotations

import multiprocessing
import signal
import sys
import time
from pathlib import Path

import pytest

from whosestory.worker import ignore_interrupts, interrupts_held

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _ignored(pid: int) -> bool:
    """Whether process `pid` ignores SIGINT (its SigIgn mask in /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)))
    raise AssertionError("no SigIgn line")


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_regression_a_worker_starts_with_ctrl_c_set_aside(method: str) -> None:
    """A Ctrl-C while `corpus --workers 2` started its workers printed their import traceback."""
    context = multiprocessing.get_context(method)
    process = context.Process(target=time.sleep, args=(3,), daemon=True)
    with interrupts_held():
        process.start()
    try:
        time.sleep(0.05)  # still starting (spawn) or asleep: what it inherited
        assert _ignored(process.pid)
    finally:
        process.kill()
        process.join()
    assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN  # ours is back


def test_ignore_interrupts_sets_it_aside_and_lets_a_held_one_go() -> None:
    previous = signal.getsignal(signal.SIGINT)
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        ignore_interrupts()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())
    finally:
        signal.signal(signal.SIGINT, previous)
