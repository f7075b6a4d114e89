"""Count what a PDF's deflated streams inflate to, before any PDF library inflates them.

A deflate bomb (1 MB that inflates to 1 GB) would make the PDF library allocate
the whole inflated stream while it parses the page. `check_inflated` inflates
every Flate stream here first, a bounded chunk at a time, and stops with a
BudgetError as soon as the total passes the ``decompressed_mb`` budget. Every
stream counts, images too: a stream that says it is an image can still be drawn as
a page's content. The same pass counts the text-showing operators of each stream
that is not an image against the ``text_operators`` budget. ASCII85 and ASCIIHex
filters in front of Flate (as some PDF writers chain them) are undone first; other
filters (LZW, run length) are not counted here, and fall to the memory budget. The
scan is linear in the file and holds one chunk in memory.
"""

from __future__ import annotations

import base64
import re
import zlib

from whosestory.budget import check_count, current, over_budget

_CHUNK = 1 << 20
_LOOK_BACK = 2048  # bytes before a stream keyword searched for its dictionary


def _stream_starts(data: bytes) -> list[int]:
    """Offsets where stream data begins (after ``stream`` and its end of line)."""
    starts = []
    position = data.find(b"stream")
    while position >= 0:
        after = position + len(b"stream")
        if data[max(position - 3, 0) : position] != b"end":
            if data[after : after + 2] == b"\r\n":
                starts.append(after + 2)
            elif data[after : after + 1] in (b"\n", b"\r"):
                starts.append(after + 1)
        position = data.find(b"stream", after)
    return starts


def _dictionary(data: bytes, start: int) -> bytes:
    """The stream's dictionary, roughly: what lies between its ``obj`` and its data."""
    head = data[max(start - _LOOK_BACK, 0) : start]
    return head[head.rfind(b"obj") + 1 :] if b"obj" in head else head


_FILTER_RE = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_ASCII_WHITE = b" \t\r\n\x00\x0c"


def _ascii_decoded(data: bytes, start: int, dictionary: bytes) -> bytes | None:
    """The stream's data with its leading ASCII85 or ASCIIHex filters undone, or None when
    it has none (or they do not decode)."""
    match = _FILTER_RE.search(dictionary)
    names = re.findall(rb"/([A-Za-z0-9]+)", match.group(1)) if match else []
    if not names or names[0] not in (b"ASCII85Decode", b"A85", b"ASCIIHexDecode", b"AHx"):
        return None
    end = data.find(b"endstream", start)
    body = data[start : end if end >= 0 else len(data)]
    try:
        if names[0] in (b"ASCII85Decode", b"A85"):
            close = body.find(b"~>")
            body = body[: close if close >= 0 else len(body)]
            return base64.a85decode(body, ignorechars=_ASCII_WHITE)
        close = body.find(b">")
        hexes = body[: close if close >= 0 else len(body)].translate(None, _ASCII_WHITE)
        return bytes.fromhex(hexes.decode("ascii") + ("0" if len(hexes) % 2 else ""))
    except ValueError:
        return None


_OPERATORS = (b"Tj", b"TJ", b"'", b'"')


def _operators(chunk: bytes) -> int:
    """Text-showing operators in a piece of a content stream (an upper bound: strings count)."""
    return sum(chunk.count(token) for token in _OPERATORS)


def _inflate(data: bytes, start: int, allowance: int) -> tuple[int, int]:
    """(bytes, text operators) of the stream at `start`: inflated, counting up to `allowance`
    + 1 bytes, or as stored when it is not deflated."""
    inflater = zlib.decompressobj()
    pending = data[start : start + _CHUNK]
    offset = start + len(pending)
    total = operators = 0
    tail = b""
    try:
        while pending and total <= allowance:
            chunk = inflater.decompress(pending, _CHUNK)
            total += len(chunk)
            operators += _operators(tail + chunk) - _operators(tail)
            tail = chunk[-1:]
            if inflater.eof:
                break
            pending = inflater.unconsumed_tail
            if len(pending) < _CHUNK and offset < len(data):
                more = data[offset : offset + _CHUNK]
                offset += len(more)
                pending += more
    except zlib.error:
        if not total:  # stored as it is: count up to its end
            end = data.find(b"endstream", start)
            return 0, _operators(data[start : end if end >= 0 else len(data)])
    return total, operators


def check_inflated(data: bytes, source: str) -> int:
    """The bytes the PDF's text-bearing streams inflate to; BudgetError over a budget.

    Two budgets: ``decompressed_mb`` over all the streams, and ``text_operators`` in
    any one stream (a page's content: pdfium holds every text object of a page at
    once, some 700 bytes each).
    """
    limits = current()
    allowance = int(limits.decompressed_mb * 1e6) if limits.decompressed_mb else 1 << 62
    total = 0
    for start in _stream_starts(data):
        dictionary = _dictionary(data, start)
        decoded = _ascii_decoded(data, start, dictionary)
        if decoded is None:
            size, operators = _inflate(data, start, allowance - total)
        else:  # ASCII85 or hex first, then (usually) Flate
            size, operators = _inflate(decoded, 0, allowance - total)
            size = max(size, len(decoded))
        total += size
        if total > allowance:
            raise over_budget(source, "decompressed_mb", "its compressed streams inflate past")
        if b"/Image" not in dictionary:  # image data holds quote bytes by chance, not operators
            check_count(source, "text_operators", operators, "text operators in one content stream")
    return total
