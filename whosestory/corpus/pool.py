"""The local engine's workers: started once, one file each at a time, watched.

    files -> idle worker (a spawned process, the analysis imported once) -> row
          -> the parent waits on every busy worker's pipe and process at once

- A row arrives: it is passed on at once (streamed) and the worker takes the next file.
- A worker ends without a row (killed, crashed, out of memory): only the file it
  held becomes an error row, marked `_retry` so that ``--resume`` analyses it
  again; a fresh worker takes its place, and files on the other workers go on.
- A file runs past `limit_seconds`: its worker is killed, the file is an error row
  naming the limit, and a fresh worker takes its place.
- A worker ends itself within a second of its parent's death (it watches its
  parent's pid), so killing the main process, even with SIGKILL, leaves none behind.
- Workers are held to the budget in force when they start (`whosestory.budget`): their
  memory by the operating system, pages, scenes, speakers and decompressed bytes by the
  readers. A file over one is an error row naming the limit.

`inline_results` (one worker and a few files: `engines.local_results`) runs each file in
a process forked from this one (no start-up),
prepared as a worker is, held to the time and memory budget by `run_bounded`; with the
memory limit off (``--limit-memory-mb 0``), or where processes cannot fork, it runs in
this process, the time kept by a timer signal.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext, suppress
from multiprocessing.connection import Connection, wait
from typing import Any

from whosestory._blas import one_blas_thread_in_children
from whosestory.budget import Limits, current, using
from whosestory.corpus.paths import CorpusError
from whosestory.corpus.rows import error_row, one_sentence, process_file
from whosestory.errors import BudgetError
from whosestory.worker import (
    bound_this_process,
    ignore_interrupts,
    interrupts_held,
    run_bounded,
)

Result = tuple[dict[str, Any], list[dict[str, Any]]]
Task = Callable[[str, bool], Result]
"""What a worker runs on each file: `rows.process_file` (another for tests and benchmarks)."""
LIMIT_SECONDS = 600.0
"""Default time one file may take: generous (a long play takes a few seconds)."""
PARENT_CHECK_SECONDS = 0.5
"""How often a worker checks that its parent is still alive."""
READY = "ready"
"""What a worker sends once it has started (imports done)."""
START_FAILURES = 3
"""Workers in a row that may die before they are ready before the run gives up."""


class TimeLimitError(CorpusError):
    """A file took longer than the run's per-file limit."""


def limit_sentence(limit: float) -> str:
    return (
        f"analysing it took longer than the limit of {limit:g} seconds (--limit-seconds sets it)."
    )


def lost_row(file: str, why: str) -> Result:
    """The row of a file whose worker stopped: an error outside the file, to retry."""
    row = error_row(file, f"the worker analysing it stopped ({why}); --resume retries it.")
    row["_retry"] = True
    return row, []


# ---------------------------------------------------------------- in this process


@contextmanager
def _alarm(limit: float) -> Iterator[None]:
    """Raise TimeLimitError in this (main) thread once `limit` seconds have passed."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only: no limit elsewhere
        return

    def expire(signum: int, frame: Any) -> None:
        raise TimeLimitError(limit_sentence(limit))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def inline_results(
    files: Sequence[str], with_characters: bool, limit: float, task: Task = process_file
) -> Iterator[Result]:
    """Rows of `task` for `files`, one after another, each in a worker forked from this process
    (see the module)."""
    if len(files) > 1:  # many stories: what pays only over many, as in a worker
        from whosestory.analysis import prepare_for_many

        prepare_for_many()
    # each file in a forked worker held to the time and memory budget (~25 ms a file); with
    # no memory limit, in this process, the time kept by the alarm
    memory = current().memory_mb
    limits = current().updated(seconds=limit if memory else 0)
    for file in files:
        try:
            with nullcontext() if memory else _alarm(limit):
                result = run_bounded(task, (file, with_characters), limits, file)
        except TimeLimitError as err:  # `process_file` makes it a row itself; another task may not
            result = error_row(file, str(err)), []
        except BudgetError as err:  # over the time or memory budget, or the worker died
            if err.stopped_by:  # as a pool worker that dies: marked for --resume to retry
                result = lost_row(file, err.stopped_by)
            else:
                reason = limit_sentence(limit) if err.limit == "seconds" else one_sentence(err)
                result = error_row(file, reason), []
        yield result


# ---------------------------------------------------------------- worker processes

COLLECT_AFTER = 50_000
"""Allocations (less deallocations) between two of a worker's youngest garbage collections
(Python's default: 700). An analysis makes millions of short-lived objects, few of them in
cycles: at 700 the collector took about a fifth of a film's CPU; at 50,000 under 1 %,
with the same peak memory (docs/benchmarks.md, fifth pass)."""

_settled = False


def settle_worker_heap() -> None:
    """Once a worker's imports are done (once a process): move every object made so far out
    of the collector's sight (`gc.freeze`: they live as long as the process, and a full
    collection no longer walks them) and collect the young generation less often."""
    global _settled
    if _settled:
        return
    _settled = True
    gc.collect()
    gc.freeze()
    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])


def _watch_parent(parent: int) -> None:
    """End this process soon after its parent is gone (its pid is then not our parent's)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os.kill(os.getpid(), signal.SIGKILL)  # at once: no clean-up is owed to a dead parent

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _work(conn: Connection, parent: int, with_characters: bool, task: Task, limits: Limits) -> None:
    """A worker's life: load the analysis once, then run `task` on each path sent until None,
    held to the memory and counted limits of `limits` (the parent keeps the time)."""
    _watch_parent(parent)
    ignore_interrupts()  # Ctrl-C is the parent's to handle
    from whosestory.analysis import prepare_for_many

    prepare_for_many()
    settle_worker_heap()
    bound_this_process(limits.memory_mb)
    conn.send(READY)  # start-up done: the time limit counts from the first file on
    with using(limits):
        while True:
            try:
                file = conn.recv()
            except (EOFError, OSError):
                return
            if file is None:
                return
            conn.send(task(file, with_characters))


class Worker:
    """One worker process, its end of the pipe, and the file it holds (None when idle)."""

    def __init__(self, context: Any, with_characters: bool, task: Task) -> None:
        self.conn, theirs = context.Pipe()
        self.process = context.Process(
            target=_work,
            args=(theirs, os.getpid(), with_characters, task, current()),
            daemon=True,
        )
        # numpy's thread pool would cost each start 45 ms; a Ctrl-C while it imports waits
        # for it to ignore it
        with one_blas_thread_in_children(), interrupts_held():
            self.process.start()
        theirs.close()
        self.file: str | None = None
        self.started = 0.0
        self.ready = False

    def started_up(self) -> bool:
        """Read the worker's READY message; False when it died first."""
        try:
            self.ready = self.conn.recv() == READY
        except (EOFError, ConnectionError, OSError):
            return False
        return self.ready

    def give(self, file: str) -> bool:
        """Send `file`; False when the worker is already gone (the file was not taken)."""
        try:
            self.conn.send(file)
        except (BrokenPipeError, ConnectionError, OSError):
            return False
        self.file, self.started = file, time.monotonic()
        return True

    def receive(self) -> Result | None:
        """The finished file's result, or None when the worker died instead."""
        try:
            result: Result = self.conn.recv()
        except (EOFError, ConnectionError, OSError):
            return None
        self.file = None
        return result

    def why_stopped(self) -> str:
        self.process.join(timeout=1)
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"killed by {signal.Signals(-code).name}"
        return f"exit status {code}" if code is not None else "it stopped answering"

    def stop(self, gently: bool) -> None:
        """End the process: asked to finish when `gently`, killed otherwise or if it lingers."""
        if gently:
            with suppress(BrokenPipeError, ConnectionError, OSError):
                self.conn.send(None)
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=2)
        self.conn.close()


def pooled_results(
    files: Sequence[str],
    workers: int,
    with_characters: bool,
    limit: float,
    task: Task = process_file,
) -> Iterator[Result]:
    """Rows of `task` for `files` from `workers` processes, in the order they finish."""
    context = multiprocessing.get_context("spawn")  # clean workers, without our pandas

    def start() -> Worker:
        return Worker(context, with_characters, task)

    queue = deque(files)
    pool = [start() for _ in range(min(workers, len(queue)))]
    failures = 0
    finished = False
    try:
        while True:
            for i, worker in enumerate(pool):
                if worker.ready and worker.file is None and queue:
                    if worker.give(queue[0]):
                        queue.popleft()
                    else:  # it died while idle: the file was not taken
                        worker.stop(gently=False)
                        pool[i] = start()
            busy = [w for w in pool if w.file is not None]
            if not busy and not queue:
                finished = True
                return
            watched = [w for w in pool if w.file is not None or not w.ready]
            deadline = min((w.started + limit for w in busy), default=None)
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            handles = [w.conn for w in watched] + [w.process.sentinel for w in watched]
            ready = set(wait(handles, timeout))
            for i, worker in enumerate(pool):
                answered, died = worker.conn in ready, worker.process.sentinel in ready
                file = worker.file
                if not worker.ready:
                    if not (answered or died) or (answered and worker.started_up()):
                        continue
                    failures += 1
                    if failures >= START_FAILURES:
                        raise CorpusError(
                            f"worker processes stop before they are ready ({worker.why_stopped()})."
                        )
                elif file is None:
                    continue
                elif answered or died:
                    result = worker.receive() if answered else None
                    if result is not None:
                        failures = 0
                        yield result
                        continue
                    yield lost_row(file, worker.why_stopped())
                elif time.monotonic() - worker.started >= limit:
                    yield error_row(file, limit_sentence(limit)), []
                else:
                    continue
                worker.stop(gently=False)
                pool[i] = start()
    finally:
        for worker in pool:
            worker.stop(gently=finished)
