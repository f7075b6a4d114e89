"""Engines: send file paths to workers, get rows back, as they finish.

Both engines run the same function (`rows.process_file`). The local engine's
workers (`pool.py`) hold one file each at a time, so a worker that dies or runs
past the time limit fails only its own file. Dask keeps a few tasks in flight
per worker, each a batch of a few files (a task costs milliseconds of CPU); a
task lost with its worker makes its files error rows, marked to be retried by
``--resume``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any

from whosestory.corpus.paths import CorpusError
from whosestory.corpus.pool import (
    LIMIT_SECONDS,
    Result,
    inline_results,
    lost_row,
    pooled_results,
    settle_worker_heap,
)
from whosestory.corpus.rows import one_sentence, process_file

IN_FLIGHT_PER_WORKER = 4
ENGINES = ("local", "dask")


ONE_WORKER_POOL_FROM = 8
"""Files from which one worker is a worker process started once, as with several: a
process forked from the caller for each file (pandas and the parts in its memory) cost
about 40 ms of CPU a film, a quarter of the film's analysis (docs/corpus.md); a worker's
start-up (imports, about 0.4 s) pays for itself over a few files."""


def local_results(
    files: Sequence[str], workers: int, with_characters: bool, limit: float = LIMIT_SECONDS
) -> Iterator[Result]:
    """Rows from `workers` processes, each file within `limit` s. One worker and fewer
    than `ONE_WORKER_POOL_FROM` files: each file in a process forked from this one."""
    if workers <= 1 and len(files) < ONE_WORKER_POOL_FROM:
        return inline_results(files, with_characters, limit)
    return pooled_results(files, max(workers, 1), with_characters, limit)


MAX_BATCH = 8
"""Most files in one dask task: a task costs the scheduler and both ends milliseconds of
CPU, so a few stories share one (results still stream, a batch at a time)."""


LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
"""Dask settings of the cluster a run starts itself, for CPU it spends beside the stories:
each worker's statistical profiler samples the running task's stack every 10 ms, for a
dashboard this cluster does not have; every event loop (the scheduler's and nannies' in
this process, each worker's) wakes every 20 ms to check that it is not blocked, and each
nanny reads its worker's memory every 100 ms. Idle for 10 s, the cluster of 2 workers
spent 0.97 CPU s with dask's defaults, 0.14 with these (a run of 322 films lasts 40 to
130 s; docs/benchmarks.md, fifth pass). A worker over its memory is still stopped within
a second. Dask starts its workers with ``MALLOC_TRIM_THRESHOLD_=65536`` (None here unsets
it, as for our own workers): glibc then hands freed memory back to the system at every
64 KB and takes it again at the next story: about 2,000 page faults and 5 ms of system
time a film (tenth pass). A cluster given by ``--scheduler`` keeps its own settings."""


def _process_batch(files: list[str], with_characters: bool, own_worker: bool) -> list[Result]:
    """`process_file` on each of `files` in a dask worker, prepared as our workers are (the
    heap settled only in a worker of the cluster the run started: another cluster's workers
    keep their collector as it is)."""
    from whosestory.analysis import prepare_for_many

    prepare_for_many()  # at once after the first call
    if own_worker:
        settle_worker_heap()  # likewise
    return [process_file(file, with_characters) for file in files]


def _batch_size(files: int, slots: int) -> int:
    """Files per task: up to MAX_BATCH, while every slot still gets several tasks."""
    return max(1, min(MAX_BATCH, files // (slots * IN_FLIGHT_PER_WORKER * 2)))


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
        import dask

        with dask.config.set(LOCAL_CLUSTER_CONFIG):  # the nannies hand it to their workers
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
        size = _batch_size(len(files), slots)
        queue = iter([list(files[i : i + size]) for i in range(0, len(files), size)])
        pending: dict[Any, list[str]] = {}
        stream = distributed.as_completed()

        def submit() -> None:
            batch = next(queue, None)
            if batch is not None:
                future = client.submit(
                    _process_batch, batch, with_characters, cluster is not None, pure=False
                )
                pending[future] = batch
                stream.add(future)

        for _ in range(slots * IN_FLIGHT_PER_WORKER):
            submit()
        for future in stream:
            batch = pending.pop(future)
            try:
                yield from future.result()
            except Exception as err:
                for file in batch:
                    yield lost_row(file, one_sentence(err).rstrip("."))
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
    limit: float = LIMIT_SECONDS,
) -> Iterator[Result]:
    """Rows for `files` from the named engine, in the order they finish.

    `limit` (seconds a file may take) is kept by the local engine; a dask cluster
    runs each task to its end.
    """
    if engine == "local":
        return local_results(files, workers, with_characters, limit)
    if engine == "dask":
        return dask_results(files, workers, scheduler, with_characters)
    raise CorpusError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}.")
