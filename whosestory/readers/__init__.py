"""Readers: one module per format, each with the same signature.

    read(data: bytes, source: str) -> Script

A reader turns the bytes of one file into a flat stream of elements with their
source lines (`whosestory.model.Script`). It never builds scenes or the cast:
that is `whosestory.build`. Lenient readers (Fountain, plain text, PDF) never
raise on content and record Diagnostics where they guess; strict readers (FDX,
TEI) raise ParseError naming the file, line and what was expected.
"""

from __future__ import annotations

import importlib
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from whosestory.budget import check_count
from whosestory.errors import EmptyInputError, InputError, UnknownFormatError
from whosestory.kinds import HEADING
from whosestory.model import Script

Reader = Callable[[bytes, str], Script]

READERS: dict[str, str] = {
    "fountain": "whosestory.readers.fountain",
    "text": "whosestory.readers.plaintext",
    "fdx": "whosestory.readers.fdx",
    "pdf": "whosestory.readers.pdf",
    "tei": "whosestory.readers.tei",
}
"""Format name -> module holding its `read` function (imported on first use)."""

EXTENSIONS: dict[str, str] = {
    ".fountain": "fountain",
    ".spmd": "fountain",
    ".fdx": "fdx",
    ".pdf": "pdf",
    ".xml": "tei",
    ".tei": "tei",
    ".txt": "text",
    ".text": "text",
}

MAX_BYTES = int(os.environ.get("WHOSESTORY_MAX_BYTES", 50_000_000))
"""Largest file read, 50 MB as the README says (decimal: the error prints MB of 10^6 bytes);
a feature screenplay is well under 1 MB."""

_INDENTED_RE = re.compile(rb"\n[ \t]{8,}\S")
_NONBLANK_RE = re.compile(rb"\n[ \t]*\S")
"""Lines indented 8 columns or more, and lines with text, each after a newline: a pattern
with a literal start lets the regex engine skip ahead (``^`` in MULTILINE mode is tried
at every byte), so the sample is read with a newline put before its first line."""


def get_reader(fmt: str) -> Reader:
    """The `read` function for a format name; UnknownFormatError for an unknown one."""
    try:
        module = importlib.import_module(READERS[fmt])
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise UnknownFormatError(f"unknown format {fmt!r}; expected one of {known}.") from None
    reader: Reader = module.read
    return reader


def sniff_format(data: bytes, path: str | Path = "") -> str:
    """Choose a format from the content, falling back on the file extension.

    Content wins where it is unambiguous (``%PDF``, ``<FinalDraft``, ``<TEI``);
    text is Fountain unless most of its lines are indented as in a typeset
    screenplay, which the plain-text reader handles.
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        if b"<FinalDraft" in data[:65536]:
            return "fdx"
        if b"<TEI" in data[:65536] or b"tei-c.org" in data[:65536]:
            return "tei"
    ext = Path(path).suffix.lower()
    by_ext = EXTENSIONS.get(ext)
    if by_ext in ("pdf", "fdx", "tei"):
        return by_ext  # the strict reader will say what is wrong with it
    sample = b"\n" + data[:400_000]
    nonblank = len(_NONBLANK_RE.findall(sample))
    indented = len(_INDENTED_RE.findall(sample))
    if nonblank and indented / nonblank > 0.3:
        return "text"
    return by_ext or "fountain"


def read_bytes(path: str | Path, expected: str = "a screenplay or play file") -> bytes:
    """Read a file's bytes with the size limit and one-sentence errors (naming `expected`).

    Only regular files are read: a folder, pipe, socket or device is refused
    before reading (a FIFO or ``/dev/zero`` would otherwise block or never end).
    The file is opened without blocking and checked on the open descriptor, so it
    cannot be swapped for a pipe in between; at most `MAX_BYTES` + 1 bytes are read
    even when the size reported beforehand was smaller.
    """
    source = str(path)
    if not source:
        raise InputError(f"no file given; expected {expected}.")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder; expected {expected}.") from None
    except OSError as err:
        raise InputError(f"{source}: cannot read the file ({err.strerror or err}).") from None
    try:
        _check_regular(source, os.fstat(fd), expected)
        data = _read_all(fd, MAX_BYTES + 1)
    except OSError as err:
        raise InputError(f"{source}: cannot read the file ({err.strerror or err}).") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise _too_large(source, len(data))
    if not data.strip():
        raise EmptyInputError(f"{source}: the file is empty; expected {expected}.")
    return data


def _check_regular(source: str, info: os.stat_result, expected: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{source}: is a folder; expected {expected}.")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"{source}: is not a regular file (a pipe, socket or device); expected {expected}."
        )
    if info.st_size > MAX_BYTES:
        raise _too_large(source, info.st_size)


def _read_all(fd: int, limit: int) -> bytes:
    """Up to `limit` bytes from a descriptor, in chunks until the end of the file."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(fd, min(1 << 20, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _too_large(source: str, size: int) -> InputError:
    return InputError(
        f"{source}: the file is {size / 1e6:.1f} MB; whosestory reads files up to "
        f"{MAX_BYTES / 1e6:.0f} MB (a feature screenplay is under 1 MB)."
    )


def read_script(path: str | Path, fmt: str | None = None) -> Script:
    """Read one file into a Script, choosing the reader by content and extension."""
    return read_data(read_bytes(path), str(path), fmt)


def read_data(data: bytes, source: str, fmt: str | None = None) -> Script:
    """Read bytes held in memory (`source` names them and its extension may pick the reader).

    The script is held to the scene and speaker budgets in force (`whosestory.budget`).
    """
    if not data.strip():
        raise EmptyInputError(f"{source}: the file is empty; expected a screenplay or play.")
    script = get_reader(fmt or sniff_format(data, source))(data, source)
    check_script(script)
    return script


def check_script(script: Script) -> None:
    """BudgetError when the script has more scenes (headings) or speakers (cues) than allowed."""
    headings = sum(1 for element in script.elements if element.kind is HEADING)
    check_count(script.source, "scenes", headings, "scenes")
    speakers = {element.cue for element in script.elements if element.cue}
    check_count(script.source, "speakers", len(speakers), "speakers")
