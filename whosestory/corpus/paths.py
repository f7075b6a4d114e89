"""Which files a corpus run reads: files, folders (searched recursively) and globs."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Sequence
from pathlib import Path

from whosestory.errors import WhosestoryError
from whosestory.readers import EXTENSIONS


class CorpusError(WhosestoryError):
    """A corpus run cannot start: no files, a bad output name, a missing extra."""


def _is_glob(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def _story_files(folder: Path) -> Iterable[Path]:
    for path in folder.rglob("*"):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if not hidden and path.suffix.lower() in EXTENSIONS and path.is_file():
            yield path


def expand_paths(paths: Sequence[str | Path]) -> list[str]:
    """Every story file named by `paths`, sorted and without duplicates.

    A folder contributes the files under it whose extension a reader knows
    (hidden files and folders skipped); a glob contributes what it matches
    (folders matched are searched like folders); a file is taken as named, even
    when it does not exist, so that it becomes an error row rather than vanishing.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    found: set[str] = set()
    for item in paths:
        text = str(item)
        if _is_glob(text):
            matches = [Path(m) for m in glob.glob(text, recursive=True)]
            if not matches:
                raise CorpusError(f"no files match {text!r}.")
        else:
            matches = [Path(text)]
        for match in matches:
            if match.is_dir():
                found.update(str(p) for p in _story_files(match))
            else:
                found.add(str(match))
    if not found:
        raise CorpusError("no story files found in " + ", ".join(map(str, paths)) + ".")
    return sorted(found)
