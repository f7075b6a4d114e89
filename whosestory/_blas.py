"""One BLAS thread in the processes whosestory starts itself: the command and corpus workers.

numpy's OpenBLAS starts a pool of threads, one per core, while numpy is imported. On the
project's 2-core machine that costs about 45 ms of CPU, half of numpy's import and more
than a tenth of a whole `whosestory analyze` run, and nothing whosestory computes is large
enough to use the threads (its largest products sum a few thousand terms, which OpenBLAS
does on one thread anyway, so results are the same to the last bit). OpenBLAS reads the
count once, when numpy loads it: the environment must say it before numpy is imported.
A count the user set is kept. A library caller's own process is left alone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager

VARIABLE = "OPENBLAS_NUM_THREADS"


def one_blas_thread(environ: MutableMapping[str, str] = os.environ) -> None:
    """Ask for one OpenBLAS thread in this process (and its children), unless a count is set."""
    environ.setdefault(VARIABLE, "1")


@contextmanager
def one_blas_thread_in_children(environ: MutableMapping[str, str] = os.environ) -> Iterator[None]:
    """Processes started inside get one OpenBLAS thread; this process's environment is
    restored after (a spawned child copies the environment when it starts)."""
    if VARIABLE in environ:
        yield
        return
    environ[VARIABLE] = "1"
    try:
        yield
    finally:
        environ.pop(VARIABLE, None)
