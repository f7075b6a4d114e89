"""The `whosestory` command's entry point, outside the package on purpose.

Importing `whosestory` takes a moment (numpy, scipy, lxml, the lexicons). Ctrl-C or
SIGTERM in that moment would print a traceback from the middle of an import, before
`whosestory.cli.main` could answer it; here they are answered before anything is
imported: exit status 130 (Ctrl-C) or 143 (SIGTERM), and no traceback.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from typing import Any


def _terminate(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def main() -> int:
    """Import the command line quietly interruptible, then run it."""
    signal.signal(signal.SIGTERM, _terminate)
    argv = sys.argv[1:]
    try:
        run = _import_quietly(argv)
    except KeyboardInterrupt:
        return 130
    status: int = run()
    from whosestory.cli import story_in_worker

    if story_in_worker(argv):
        _exit_now(status)
    return status


def _import_quietly(argv: list[str] | None = None) -> Any:
    """The command line's `main`, imported with Ctrl-C and SIGTERM held back.

    A signal in the middle of numpy's C import comes out as an ImportError with a
    traceback, not as KeyboardInterrupt; held back, it is delivered once the imports
    are done, where it ends the command quietly (130 or 143). A command that hands its
    story to a bounded worker leaves numpy to the worker (`whosestory.cli.WORK_MODULES`),
    which imports it with Ctrl-C ignored and SIGTERM held back.
    """
    block = getattr(signal, "pthread_sigmask", None)
    held = {signal.SIGINT, signal.SIGTERM}
    previous = block(signal.SIG_BLOCK, held) if block else None
    gc.disable()  # what the imports make lives as long as the process: nothing to collect
    try:
        from whosestory._blas import one_blas_thread

        one_blas_thread()  # before numpy loads OpenBLAS: its thread pool costs 45 ms of CPU
        from whosestory.cli import main as run
        from whosestory.cli import story_in_worker

        if not story_in_worker(argv):
            import numpy  # noqa: F401  the one import a signal turns into a traceback
    finally:
        _settle_heap()
        if block and previous is not None:
            block(signal.SIG_SETMASK, previous)
    return run


def _exit_now(status: int) -> None:
    """End the process without tearing down its interpreter, once its output is flushed.

    Teardown clears every module and frees every object: for Big Fish's `analyze`, 2,000
    page faults (pages written once more, left copy-on-write by the worker's fork) and
    about 10 % of the process's CPU. A flush that fails returns, to the usual exit.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            return
    os._exit(status)


COLLECT_AFTER = 50_000
"""Allocations (less deallocations) between two of the youngest garbage collections (Python's
default: 700). An analysis makes millions of short-lived objects, few in cycles: Kraus's
collections took 90 ms at 700 and 25 ms at 50,000, with the same peak memory."""


def _settle_heap() -> None:
    """After the imports: keep their objects out of every later collection (`gc.freeze`)
    and collect the young generation less often (Big Fish: 21 -> 7 ms of collections)."""
    gc.enable()
    gc.freeze()
    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])


if __name__ == "__main__":
    raise SystemExit(main())
