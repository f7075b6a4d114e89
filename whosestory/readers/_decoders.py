"""The PDF stream filters that make data larger, as streaming decoders.

Each decoder takes the stream's data as an iterator of chunks and yields its decoded
output in pieces of about a megabyte, so that `whosestory.readers._inflate` can count
what a stream inflates to, and stop, without ever holding it. They decode the way
pdfium does where the two could differ on hostile data: an LZW code past the end of
the table repeats the previous string (no error), the LZW table stops growing at
4094 entries, and a decoder that meets damage ends there with what it has.

    filter            names              grows by at most
    FlateDecode       /FlateDecode /Fl   ~1000x (more, chained)
    LZWDecode         /LZWDecode /LZW    ~2700x (4000-byte strings for 12-bit codes)
    RunLengthDecode   /RunLengthDecode   64x (2 bytes -> 128)
    ASCII85Decode     /ASCII85Decode     4x ("z" is four zero bytes)
    ASCIIHexDecode    /ASCIIHexDecode    shrinks by half

Image filters (DCT, JPX, JBIG2, CCITTFax) are not decoded by pdfium when it reads a
page's text, and `DECODERS` leaves them out: a chain stops at the first of them.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Callable, Iterable, Iterator

CHUNK = 1 << 20
"""Bytes a decoder gathers before it yields (and reads of the input at a time)."""

_WHITE = b" \t\r\n\x00\x0c"


def flate(chunks: Iterable[bytes], early_change: bool = True) -> Iterator[bytes]:
    """Inflate zlib data, a bounded piece at a time; damage ends the output there."""
    inflater = zlib.decompressobj()
    try:
        for chunk in chunks:
            pending = chunk
            while pending:
                out = inflater.decompress(pending, CHUNK)
                if out:
                    yield out
                if inflater.eof:
                    return
                pending = inflater.unconsumed_tail
    except zlib.error:
        return


def lzw(chunks: Iterable[bytes], early_change: bool = True) -> Iterator[bytes]:
    """Decode LZW data (PDF's variant: clear 256, end 257, codes of 9 to 12 bits, most
    significant bit first, each width taken `early_change` codes early by default)."""
    early = 1 if early_change else 0
    table: list[bytes] = [bytes([i]) for i in range(256)] + [b"", b""]
    previous: bytes | None = None
    width, buffer, held = 9, 0, 0
    out: list[bytes] = []
    gathered = 0
    for chunk in chunks:
        for byte in chunk:
            buffer = (buffer << 8) | byte
            held += 8
            if held < width:
                continue
            held -= width
            code = buffer >> held
            buffer &= (1 << held) - 1
            if code == 256:
                del table[258:]
                previous, width = None, 9
                continue
            if code == 257 or (previous is None and code >= 256):
                break  # the end, or a string code before any string (pdfium stops too)
            if previous is None:
                entry = table[code]
            else:
                entry = table[code] if code < len(table) else previous + previous[:1]
                if len(table) < 4094:
                    table.append(previous + entry[:1])
                    grown = len(table) + early
                    width = 9 if grown < 512 else 10 if grown < 1024 else 11 if grown < 2048 else 12
            previous = entry
            out.append(entry)
            gathered += len(entry)
            if gathered >= CHUNK:
                yield b"".join(out)
                out, gathered = [], 0
        else:
            continue
        break
    if out:
        yield b"".join(out)


def run_length(chunks: Iterable[bytes], early_change: bool = True) -> Iterator[bytes]:
    """Decode run-length data: n < 128 copies n + 1 bytes, n > 128 repeats one 257 - n times,
    128 ends it."""
    out: list[bytes] = []
    gathered = 0
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        i, size = 0, len(data)
        while i < size:
            length = data[i]
            if length == 128:
                if out:
                    yield b"".join(out)
                return
            if length < 128:
                if i + length + 2 > size:
                    break  # the literal continues in the next chunk
                piece = data[i + 1 : i + length + 2]
                i += length + 2
            else:
                if i + 2 > size:
                    break
                piece = data[i + 1 : i + 2] * (257 - length)
                i += 2
            out.append(piece)
            gathered += len(piece)
            if gathered >= CHUNK:
                yield b"".join(out)
                out, gathered = [], 0
        carry = data[i:]
    if carry[1:]:  # a literal cut short by the end of the data: what there is of it
        out.append(carry[1 : carry[0] + 2] if carry[0] < 128 else carry[1:2])
    if out:
        yield b"".join(out)


def _ascii_chunks(chunks: Iterable[bytes], end: bytes) -> Iterator[bytes]:
    """The chunks without white space, up to the filter's end marker."""
    tail = b""
    for chunk in chunks:
        data = tail + chunk.translate(None, _WHITE)
        close = data.find(end)
        if close >= 0:
            yield data[:close]
            return
        # keep a last byte back: it may be the first of a two-byte end marker
        tail = data[-(len(end) - 1) :] if len(end) > 1 else b""
        yield data[: len(data) - len(tail)]
    if tail:
        yield tail


def ascii85(chunks: Iterable[bytes], early_change: bool = True) -> Iterator[bytes]:
    """Decode ASCII85 text (``z`` is four zero bytes) up to ``~>``; damage ends it there."""
    carry = b""
    try:
        for piece in _ascii_chunks(chunks, b"~>"):
            data = carry + piece
            after = data.rfind(b"z") + 1  # "z" stands only between groups of five
            cut = after + (len(data) - after) // 5 * 5
            carry = data[cut:]
            if cut:
                yield base64.a85decode(data[:cut])
        if carry:
            yield base64.a85decode(carry)
    except ValueError:
        return


def ascii_hex(chunks: Iterable[bytes], early_change: bool = True) -> Iterator[bytes]:
    """Decode hexadecimal text up to ``>`` (an odd last digit is followed by 0)."""
    carry = b""
    try:
        for piece in _ascii_chunks(chunks, b">"):
            data = carry + piece
            cut = len(data) // 2 * 2
            carry = data[cut:]
            if cut:
                yield binascii.unhexlify(data[:cut])
        if carry:
            yield binascii.unhexlify(carry + b"0")
    except (ValueError, binascii.Error):
        return


Decoder = Callable[[Iterable[bytes], bool], Iterator[bytes]]

DECODERS: dict[bytes, Decoder] = {
    b"FlateDecode": flate,
    b"Fl": flate,
    b"LZWDecode": lzw,
    b"LZW": lzw,
    b"RunLengthDecode": run_length,
    b"RL": run_length,
    b"ASCII85Decode": ascii85,
    b"A85": ascii85,
    b"ASCIIHexDecode": ascii_hex,
    b"AHx": ascii_hex,
}
"""Filter name -> decoder; the second argument is LZW's EarlyChange (the others ignore it)."""
