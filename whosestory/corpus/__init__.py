"""Corpus: many screenplays and plays -> one table, one row per story.

    >>> from whosestory.corpus import run_corpus, analyze_corpus
    >>> table = run_corpus(["scripts/", "plays/*.xml"], "results.parquet", workers=2)
    >>> table = analyze_corpus(["scripts/"])            # in memory, for notebooks

    paths -> files -> engine (local processes | dask) -> workers: process_file(path)
          -> row dicts -> parts (resumable) -> one table, committed atomically

Workers get paths and send back plain rows (`rows.py`, pure Python); pandas,
pyarrow, tqdm and dask are imported only when a run starts, so importing this
package (as the CLI does) stays light, and a missing extra is one sentence. The
names below are imported from their modules on first use.
"""

import typing as _typing

from whosestory._lazy import exports as _exports

_EXPORTS = {
    "CorpusError": "whosestory.corpus.paths",
    "add_corpus_command": "whosestory.corpus.command",
    "analyze_corpus": "whosestory.corpus.run",
    "character_rows": "whosestory.corpus.rows",
    "expand_paths": "whosestory.corpus.paths",
    "process_file": "whosestory.corpus.rows",
    "read_table": "whosestory.corpus.store",
    "run_corpus": "whosestory.corpus.run",
    "run_corpus_command": "whosestory.corpus.command",
    "story_row": "whosestory.corpus.rows",
}

__all__ = [
    "CorpusError",
    "add_corpus_command",
    "analyze_corpus",
    "character_rows",
    "expand_paths",
    "process_file",
    "read_table",
    "run_corpus",
    "run_corpus_command",
    "story_row",
]

__getattr__, __dir__ = _exports(__name__, _EXPORTS)

if _typing.TYPE_CHECKING:
    from whosestory.corpus.command import add_corpus_command, run_corpus_command
    from whosestory.corpus.paths import CorpusError, expand_paths
    from whosestory.corpus.rows import character_rows, process_file, story_row
    from whosestory.corpus.run import analyze_corpus, run_corpus
    from whosestory.corpus.store import read_table
