"""Tables and where they are kept: row dicts -> typed DataFrames, parts, final outputs.

Nothing is written half. Results go to a folder of parts beside the output
(``out.parquet.parts/part-00012.parquet``), each written to a temporary name and
renamed; the output is assembled from the parts and committed the same way, and
the parts are removed only once it is in place. A killed run leaves complete
parts that ``resume`` picks up, and temporary files that it sweeps away.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from whosestory.corpus.paths import CorpusError
from whosestory.corpus.rows import (
    HIDDEN_COLUMNS,
    ROLES,
    character_columns,
    story_columns,
)
from whosestory.safety import neutralise_frame

OUTPUT_FORMATS = (".parquet", ".csv", ".jsonl")
DEFAULT_ROLES = ROLES[:2]
"""Role columns every story table has, even when no story could be read."""


def require_pandas() -> Any:
    """pandas, once pyarrow is known to be there too; one sentence when either is missing."""
    try:
        import pandas
        import pyarrow  # noqa: F401  (parquet parts and outputs)
    except ImportError:
        raise CorpusError(
            "corpus tables need pandas and pyarrow: install whosestory[corpus]."
        ) from None
    return pandas


def check_output(path: str | Path) -> Path:
    """The output path, if it names a table format we write and is not a folder, pipe or device
    (the table is written beside it and renamed over it, which would replace a device)."""
    path = Path(path)
    if path.suffix.lower() not in OUTPUT_FORMATS:
        raise CorpusError(
            f"{path}: cannot tell the table format; name the output .parquet, .csv or .jsonl."
        )
    if path.exists() and not path.is_file():
        raise CorpusError(
            f"{path}: is not a regular file (a folder, pipe or device); name a file to write the "
            "table to."
        )
    return path


def normalize(frame: Any, columns: Mapping[str, str]) -> Any:
    """The frame with exactly these columns, in this order, with these dtypes."""
    return frame.reindex(columns=list(columns)).astype(dict(columns))


def story_frame(rows: Iterable[Mapping[str, Any]] | Any, hidden: bool = True) -> Any:
    """The story table, sorted by file; `rows` are dicts or an earlier story frame."""
    pd = require_pandas()
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame.from_records(list(rows))
    roles = set(DEFAULT_ROLES)
    roles.update(c[: -len("_close_call")] for c in frame.columns if c.endswith("_close_call"))
    columns = story_columns(sorted(roles))
    if hidden:
        columns.update(HIDDEN_COLUMNS)
    if frame.empty:
        frame = pd.DataFrame(columns=list(columns))
    frame = normalize(frame, columns)
    return frame.sort_values("file", kind="stable").reset_index(drop=True)


def character_frame(rows: Iterable[Mapping[str, Any]] | Any) -> Any:
    """The per-character table, sorted by file (cast order kept within a file)."""
    pd = require_pandas()
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame.from_records(list(rows))
    if frame.empty:
        frame = pd.DataFrame(columns=list(character_columns()))
    frame = normalize(frame, character_columns())
    return frame.sort_values("file", kind="stable").reset_index(drop=True)


def public(stories: Any) -> Any:
    """The story table without its hidden columns; their per-worker peaks go to `attrs`."""
    peaks = stories.dropna(subset=["_pid"]).groupby("_pid")["_peak_rss_mb"].max()
    table = stories.drop(columns=list(HIDDEN_COLUMNS)).reset_index(drop=True)
    table.attrs["worker_peak_rss_mb"] = {int(k): float(v) for k, v in peaks.items()}
    return table


def _temp_beside(target: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    return Path(name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_table(frame: Any, path: Path) -> None:
    """Write a table whole or not at all: a temporary file beside `path`, synced, renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_beside(path)
    try:
        suffix = path.suffix.lower()
        with open(temp, "wb") as handle:
            if suffix == ".parquet":
                frame.to_parquet(handle, index=False)
            elif suffix == ".csv":
                # no cell may start a spreadsheet formula (OWASP: CSV injection)
                handle.write(neutralise_frame(frame).to_csv(index=False).encode("utf-8"))
            else:
                text = frame.to_json(orient="records", lines=True, force_ascii=False)
                handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes it private; an output is not
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def read_table(path: str | Path) -> Any:
    """Read a table written by `write_table` (any of the three formats)."""
    pd = require_pandas()
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix == ".csv":
        return pd.read_csv(path)
    return pd.read_json(path, orient="records", lines=True)


class PartStore:
    """The parts folder of one output: numbered parquet parts, each complete or absent.

    A part is ``part-NNNNN.parquet`` (story rows, hidden columns included) and,
    when characters are kept, ``part-NNNNN.characters.parquet``, written first:
    the story part is what marks a part done.
    """

    def __init__(self, out: Path, with_characters: bool) -> None:
        self.folder = out.with_name(out.name + ".parts")
        self.with_characters = with_characters

    def reset(self) -> None:
        """Forget earlier parts (a fresh run)."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def remove(self) -> None:
        """Remove the parts once the output is committed."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def _done(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        for temp in self.folder.glob(".*.tmp"):  # left by a killed run
            temp.unlink(missing_ok=True)
        parts = sorted(self.folder.glob("part-[0-9]*[0-9].parquet"))
        if self.with_characters:
            parts = [p for p in parts if self._characters_of(p).exists()]
        return parts

    def _characters_of(self, part: Path) -> Path:
        return part.with_name(part.stem + ".characters.parquet")

    def read(self) -> tuple[Any, Any]:
        """The story rows and character rows of every complete part (frames)."""
        pd = require_pandas()
        parts = self._done()
        stories = story_frame(pd.concat([pd.read_parquet(p) for p in parts]) if parts else [])
        characters = None
        if self.with_characters:
            frames = [pd.read_parquet(self._characters_of(p)) for p in parts]
            characters = character_frame(pd.concat(frames) if frames else [])
        return stories, characters

    def write(self, stories: list[dict[str, Any]], characters: list[dict[str, Any]]) -> Path:
        """Write one more part; returns the story part's path."""
        self.folder.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.stem.split("-")[1].split(".")[0]) for p in self.folder.glob("part-*")]
        part = self.folder / f"part-{max(numbers, default=-1) + 1:05d}.parquet"
        if self.with_characters:
            write_table(character_frame(characters), self._characters_of(part))
        write_table(story_frame(stories), part)
        return part
