"""Engines: send file paths to workers, get rows back, as they finish.

Both engines run the same function (`rows.process_file`) and keep only a few
tasks in flight per worker, so neither the parent nor a worker holds more than
a handful of stories' rows at a time. A task that fails outside the function
(a worker process that died) becomes that file's error row.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from whosestory.corpus.paths import CorpusError
from whosestory.corpus.rows import error_row, one_sentence, process_file

Result = tuple[dict[str, Any], list[dict[str, Any]]]
IN_FLIGHT_PER_WORKER = 4
ENGINES = ("local", "dask")


def _lost(file: str, err: BaseException) -> Result:
    return error_row(file, f"the worker analysing it failed: {one_sentence(err)}"), []


def local_results(files: Sequence[str], workers: int, with_characters: bool) -> Iterator[Result]:
    """Rows from a process pool (`workers` processes; 1 runs in this process)."""
    if workers <= 1:
        for file in files:
            yield process_file(file, with_characters)
        return
    # spawn: a worker starts from a clean interpreter, without the parent's pandas.
    context = multiprocessing.get_context("spawn")
    queue = iter(files)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    pending: dict[Future[Result], str] = {}
    try:
        while True:
            while len(pending) < workers * IN_FLIGHT_PER_WORKER:
                file = next(queue, None)
                if file is None:
                    break
                pending[pool.submit(process_file, file, with_characters)] = file
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                file = pending.pop(future)
                try:
                    yield future.result()
                except Exception as err:  # the worker died: its files become error rows
                    broken = broken or isinstance(err, BrokenProcessPool)
                    yield _lost(file, err)
            if broken:  # every task still in flight died with the pool; start a new one
                for file in pending.values():
                    yield _lost(file, RuntimeError("a worker process died"))
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise CorpusError(
            "the dask engine needs dask and distributed: install whosestory[dask]."
        ) from None
    return distributed


def dask_results(
    files: Sequence[str], workers: int, scheduler: str | None, with_characters: bool
) -> Iterator[Result]:
    """Rows from a dask cluster: the one at `scheduler`, or a local one started for the run."""
    distributed = _distributed()
    cluster = None
    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=max(workers, 1),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    client = distributed.Client(cluster if cluster is not None else scheduler)
    try:
        slots = max(sum(client.nthreads().values()), 1)
        queue = iter(files)
        pending: dict[Any, str] = {}
        stream = distributed.as_completed()

        def submit() -> None:
            file = next(queue, None)
            if file is not None:
                future = client.submit(process_file, file, with_characters, pure=False)
                pending[future] = file
                stream.add(future)

        for _ in range(slots * IN_FLIGHT_PER_WORKER):
            submit()
        for future in stream:
            file = pending.pop(future)
            try:
                yield future.result()
            except Exception as err:
                yield _lost(file, err)
            future.release()
            submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def results(
    files: Sequence[str],
    engine: str,
    workers: int,
    scheduler: str | None,
    with_characters: bool,
) -> Iterator[Result]:
    """Rows for `files` from the named engine, in the order they finish."""
    if engine == "local":
        return local_results(files, workers, with_characters)
    if engine == "dask":
        return dask_results(files, workers, scheduler, with_characters)
    raise CorpusError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}.")
