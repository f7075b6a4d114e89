"""Count what a PDF's deflated streams inflate to, before any PDF library inflates them.

A deflate bomb (1 MB that inflates to 1 GB) would make the PDF library allocate
the whole inflated stream while it parses the page. `check_inflated` inflates
every Flate stream here first, a bounded chunk at a time, and stops with a
BudgetError as soon as the total passes the ``decompressed_mb`` budget. Every
stream counts, images too: a stream that says it is an image can still be drawn as
a page's content. The same pass counts the text-showing operators of each stream
that is not an image against the ``text_operators`` budget. The
scan is linear in the file and holds one chunk in memory.
"""

from __future__ import annotations

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


def _is_image(data: bytes, start: int) -> bool:
    head = data[max(start - _LOOK_BACK, 0) : start]
    dictionary = head[head.rfind(b"obj") + 1 :] if b"obj" in head else head
    return b"/Image" in dictionary


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
        size, operators = _inflate(data, start, allowance - total)
        total += size
        if total > allowance:
            raise over_budget(source, "decompressed_mb", "its compressed streams inflate past")
        if not _is_image(data, start):  # image data holds quote bytes by chance, not operators
            check_count(source, "text_operators", operators, "text operators in one content stream")
    return total
