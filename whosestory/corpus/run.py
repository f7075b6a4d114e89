"""Many files -> one table: `run_corpus` (to a file, resumable) and `analyze_corpus` (in memory)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from whosestory.corpus.engines import ENGINES, Result, results
from whosestory.corpus.paths import CorpusError, expand_paths
from whosestory.corpus.pool import LIMIT_SECONDS
from whosestory.corpus.store import (
    PartStore,
    character_frame,
    check_output,
    public,
    require_pandas,
    story_frame,
    write_table,
)

PART_SIZE = 50
"""Stories per part: what a killed run can lose at most, per part being written."""
PART_SECONDS = 60.0
"""A part is also written after this long, so a slow corpus loses at most a minute."""


def _progress(items: Iterator[Result], total: int, enabled: bool) -> Iterator[Result]:
    """The results, with a tqdm bar on stderr (rate and time left) when it is a terminal."""
    try:
        from tqdm import tqdm
    except ImportError:
        raise CorpusError("the progress bar needs tqdm: install whosestory[corpus].") from None
    disable = not enabled or not sys.stderr.isatty()
    with tqdm(total=total, unit="story", file=sys.stderr, disable=disable) as bar:
        for item in items:
            bar.update(1)
            yield item


def _batches(items: Iterable[Result], size: int, seconds: float) -> Iterator[list[Result]]:
    batch: list[Result] = []
    started = time.monotonic()
    for item in items:
        batch.append(item)
        if len(batch) >= size or time.monotonic() - started >= seconds:
            yield batch
            batch, started = [], time.monotonic()
    if batch:
        yield batch


def _check(engine: str, workers: int, limit: float) -> None:
    if engine not in ENGINES:
        raise CorpusError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}.")
    if workers < 1:
        raise CorpusError(f"workers must be at least 1, not {workers}.")
    if not limit > 0:
        raise CorpusError(f"the time limit must be a positive number of seconds, not {limit}.")


def _settled(stories: Any) -> set[str]:
    """Files the parts hold a final row for: analysed, or failed because of the file itself."""
    retry = stories["_retry"].fillna(False).astype(bool)
    return set(stories.loc[~retry, "file"].dropna())


def _latest(frame: Any) -> Any:
    """One row per file, the latest (a file retried by a resumed run has an earlier row)."""
    return frame.drop_duplicates("file", keep="last").reset_index(drop=True)


def run_corpus(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    characters_out: str | Path | None = None,
    progress: bool = True,
    part_size: int = PART_SIZE,
    limit_seconds: float = LIMIT_SECONDS,
) -> Any:
    """Analyse every story in `paths` (files, folders, globs) into one table at `out`.

    One row per story (see docs/corpus.md for the columns), sorted by file; a
    file that cannot be read is a row with its `error`. `out` ends in
    ``.parquet``, ``.csv`` or ``.jsonl``; `characters_out`, if given, gets one
    row per character. Results are kept in parts beside `out` as they come;
    `resume=True` keeps the parts of an interrupted run and analyses only the
    files they lack or that failed for a reason outside the file (a worker that
    died). A file that takes longer than `limit_seconds` is an error row. Returns
    the story table (a pandas DataFrame) whose ``attrs["worker_peak_rss_mb"]``
    maps each worker's pid to its peak memory and ``attrs["to_retry"]`` counts the
    files a worker failed on (their parts are kept for ``resume``).
    """
    require_pandas()
    _check(engine, workers, limit_seconds)
    out = check_output(out)
    chars_path = check_output(characters_out) if characters_out is not None else None
    files = expand_paths(paths)
    store = PartStore(out, with_characters=chars_path is not None)
    if resume:
        done = _settled(store.read()[0])
    else:
        store.reset()
        done = set()
    todo = [f for f in files if f not in done]
    stream = results(todo, engine, workers, scheduler, chars_path is not None, limit_seconds)
    for batch in _batches(_progress(stream, len(todo), progress), part_size, PART_SECONDS):
        store.write([row for row, _ in batch], [c for _, chars in batch for c in chars])
    stories, characters = store.read()
    wanted = set(files)
    stories = _latest(stories[stories["file"].isin(wanted)])
    table = public(stories)
    if chars_path is not None:
        characters = characters[characters["file"].isin(wanted)].reset_index(drop=True)
        write_table(characters, chars_path)
    write_table(table, out)
    table.attrs["to_retry"] = len(files) - len(_settled(stories) & wanted)
    if not table.attrs["to_retry"]:
        store.remove()  # else the parts stay, for --resume to retry those files
    return table


def analyze_corpus(
    paths: Sequence[str | Path],
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = True,
    with_characters: bool = False,
    limit_seconds: float = LIMIT_SECONDS,
) -> Any:
    """The story table of `paths`, in memory: for notebooks, no output file and no parts.

    With `with_characters`, returns ``(stories, characters)``.
    """
    require_pandas()
    _check(engine, workers, limit_seconds)
    files = expand_paths(paths)
    stream = results(files, engine, workers, scheduler, with_characters, limit_seconds)
    collected = list(_progress(stream, len(files), progress))
    stories = public(story_frame(row for row, _ in collected))
    if with_characters:
        return stories, character_frame(c for _, chars in collected for c in chars)
    return stories
