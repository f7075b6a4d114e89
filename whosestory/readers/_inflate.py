"""Count what a PDF's streams decode to, before any PDF library decodes them.

A decompression bomb (1 MB that inflates to 1 GB) would make the PDF library allocate
the whole decoded stream while it parses the page. `check_inflated` decodes every
stream here first, through the whole chain of filters its dictionary names (Flate,
LZW, run length, ASCII85, ASCIIHex, in any order and number: see
`whosestory.readers._decoders`), a bounded chunk at a time, and stops with a
BudgetError as soon as the bytes decoded pass the ``decompressed_mb`` budget. Every
stage of a chain counts (the PDF library holds each stage's output whole), and every
stream counts, images too: a stream that says it is an image can still be drawn as a
page's content. Inline images in a content stream (``BI ... ID``) are decoded
through their filters too, as pdfium decodes them while it reads the page. The same
pass counts the text-showing operators of each stream that is not an image against
the ``text_operators`` budget.

The scan reads a stream's dictionary from the text before its ``stream`` keyword,
back to its ``N G obj`` header: names written with ``#xx`` escapes, and a /Filter,
/DecodeParms or /Length given as a reference to another object, are read as a PDF
library reads them. A stream whose dictionary names no filter but whose data is
zlib is inflated all the same. What the scan cannot read still falls to the memory
budget of the worker the reader runs in. It is linear in the file and holds one
chunk in memory at a time (a whole content stream when it has an inline image).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from whosestory.budget import check_count, current, over_budget
from whosestory.readers._decoders import CHUNK, DECODERS

_LOOK_BACK = 4096  # bytes before a stream keyword searched first for its object header


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


_HEADER_RE = re.compile(rb"\d+\s+\d+\s+obj\b")
_ESCAPE_RE = re.compile(rb"#([0-9A-Fa-f]{2})")
_NAME_RE = re.compile(rb"/([^\s/\[\]<>()%{}]+)")


def _unescaped(text: bytes) -> bytes:
    """`text` with the ``#xx`` escapes of PDF names undone (``/Fl#61te`` is ``/Flate``)."""
    return _ESCAPE_RE.sub(lambda m: bytes([int(m.group(1), 16)]), text)


def _dictionary(data: bytes, start: int) -> bytes:
    """The stream's dictionary, roughly: what lies between its ``N G obj`` header and its
    data, with the ``#xx`` escapes of names undone."""
    low = max(start - _LOOK_BACK, 0)
    while True:
        headers = list(_HEADER_RE.finditer(data, low, start))
        if headers or low == 0:
            break
        low = max(start - 8 * (start - low), 0)  # a long dictionary: look further back
    head = data[headers[-1].end() if headers else low : start]
    return _unescaped(head)


_NAME = rb"/[^\s/\[\]<>()%{}]+"
_REFERENCE = rb"\d+\s+\d+\s+R"
_FILTER_RE = re.compile(rb"/Filter\s*(\[[^\]]*\]|" + _NAME + rb"|" + _REFERENCE + rb")")
_LENGTH_RE = re.compile(rb"/Length\s+(" + _REFERENCE + rb"|\d+)")
_PARMS_RE = re.compile(rb"/DecodeParms\s*(" + _REFERENCE + rb")")
_OBJECT_RE = re.compile(
    rb"(\d+)\s+(\d+)\s+obj\s*(\[[^\]]{0,400}\]|<<[^>]{0,400}>>|" + _NAME + rb"|\d+)\s*endobj"
)


_REFERENCE_RE = re.compile(rb"(\d+)\s+(\d+)\s+R")
"""An indirect reference: ``12 0 R``."""


class _Objects:
    """The file's small direct objects (names, arrays, numbers, flat dictionaries), by
    reference, indexed the first time a dictionary refers to one."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._index: dict[bytes, bytes] | None = None

    def resolve(self, value: bytes) -> bytes:
        """`value`, or the object it refers to when it is a reference ``N G R``."""
        reference = _REFERENCE_RE.fullmatch(value.strip())
        if reference is None:  # a name or junk that happens to end in R: not a reference
            return value
        if self._index is None:
            self._index = {
                b"%d %d" % (int(m.group(1)), int(m.group(2))): m.group(3)
                for m in _OBJECT_RE.finditer(self._data)
            }
        key = b"%d %d" % (int(reference.group(1)), int(reference.group(2)))
        return _unescaped(self._index.get(key, b""))


def _filters(dictionary: bytes, objects: _Objects) -> list[bytes]:
    match = _FILTER_RE.search(dictionary)
    if not match:
        return []
    return _NAME_RE.findall(objects.resolve(match.group(1)))


def _end(data: bytes, start: int, dictionary: bytes, objects: _Objects) -> int:
    """Where the stream's data ends: at its /Length or its ``endstream``, whichever is
    later (a PDF library trusts a /Length that is right, and looks for ``endstream``
    when it is not)."""
    found = data.find(b"endstream", start)
    end = found if found >= 0 else len(data)
    match = _LENGTH_RE.search(dictionary)
    if match:
        length = objects.resolve(match.group(1)).strip()
        if length.isdigit():
            end = max(end, min(start + int(length), len(data)))
    return end


def _looks_deflated(data: bytes, start: int) -> bool:
    """The two bytes of a zlib header (deflate, a window of at most 32 KB, a valid check)."""
    head = data[start : start + 2]
    return (
        len(head) == 2
        and head[0] & 0x0F == 8
        and head[0] >> 4 <= 7
        and ((head[0] << 8) | head[1]) % 31 == 0
    )


def _pieces(data: bytes, start: int, end: int) -> Iterator[bytes]:
    for offset in range(start, end, CHUNK):
        yield data[offset : min(offset + CHUNK, end)]


_OPERATORS = (b"Tj", b"TJ", b"'", b'"')


def _operators(chunk: bytes) -> int:
    """Text-showing operators in a piece of a content stream (an upper bound: strings count)."""
    return sum(chunk.count(token) for token in _OPERATORS)


class _Meter:
    """The bytes decoded so far in the file, against the budget."""

    def __init__(self, source: str, allowance: int) -> None:
        self.source = source
        self.allowance = allowance
        self.total = 0

    def counted(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            self.total += len(chunk)
            if self.total > self.allowance:
                raise over_budget(
                    self.source, "decompressed_mb", "its compressed streams inflate past"
                )
            yield chunk


def _decoded(
    data: bytes, start: int, end: int, filters: list[bytes], early_change: bool, meter: _Meter
) -> Iterable[bytes]:
    """The stream's data through its filters (up to the first one a text reader does not
    decode), every stage counted by `meter`."""
    chunks: Iterable[bytes] = _pieces(data, start, end)
    for name in filters:
        decoder = DECODERS.get(name)
        if decoder is None:
            break  # an image filter: pdfium keeps the rest as it is
        chunks = meter.counted(decoder(chunks, early_change))
    return chunks


def check_inflated(data: bytes, source: str) -> int:
    """The bytes the PDF's streams decode to; BudgetError over a budget.

    Two budgets: ``decompressed_mb`` over all the streams and all the stages of their
    filters, and ``text_operators`` in any one stream (a page's content: pdfium holds
    every text object of a page at once, some 700 bytes each).
    """
    limits = current()
    allowance = int(limits.decompressed_mb * 1e6) if limits.decompressed_mb else 1 << 62
    meter = _Meter(source, allowance)
    objects = _Objects(data)
    for start in _stream_starts(data):
        dictionary = _dictionary(data, start)
        filters = _filters(dictionary, objects)
        if not filters and _looks_deflated(data, start):
            filters = [b"FlateDecode"]  # a dictionary the scan misread: count it anyway
        parms = _PARMS_RE.search(dictionary)
        parameters = objects.resolve(parms.group(1)) if parms else dictionary
        early_change = re.search(rb"/EarlyChange\s+0\b", parameters) is None
        end = _end(data, start, dictionary, objects)
        operators = 0
        tail = b""
        held: list[bytes] = []  # a content stream with an inline image: kept to decode it
        for chunk in _decoded(data, start, end, filters, early_change, meter):
            operators += _operators(tail + chunk) - _operators(tail)
            if held or b"BI" in tail + chunk:
                held.append(chunk)
            tail = chunk[-1:]
        if b"/Image" in dictionary:  # image data holds quote bytes by chance, not operators
            continue
        check_count(source, "text_operators", operators, "text operators in one content stream")
        if held and all(name in DECODERS for name in filters):
            _count_inline_images(b"".join(held), meter)
    return meter.total


_INLINE_RE = re.compile(rb"(?:^|[\s\]>)])BI\s(.{0,4096}?)\sID\s", re.DOTALL)
_INLINE_FILTER_RE = re.compile(rb"/(?:Filter|F)\s*(\[[^\]]*\]|" + _NAME + rb")")


def _count_inline_images(content: bytes, meter: _Meter) -> None:
    """Decode the inline images (``BI ... ID data EI``) of a content stream through their
    filters: pdfium decodes them whole while it reads the page, to find where they end."""
    for match in _INLINE_RE.finditer(content):
        head = _unescaped(match.group(1))
        named = _INLINE_FILTER_RE.search(head)
        if not named:
            continue
        filters = _NAME_RE.findall(named.group(1))
        early_change = re.search(rb"/EarlyChange\s+0\b", head) is None
        for _ in _decoded(content, match.end(), len(content), filters, early_change, meter):
            pass
