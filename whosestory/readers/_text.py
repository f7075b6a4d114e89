"""Shared helpers for the text-based readers: decoding and line handling."""

from __future__ import annotations

import codecs

from whosestory.errors import BinaryInputError, EmptyInputError

_CONTROL = tuple(chr(c) for c in range(32) if c not in (9, 10, 12, 13))
"""Control characters no text file holds (tab, newline, form feed and return aside)."""


def decode(data: bytes, source: str) -> str:
    """Decode a text file in any common encoding; normalise newlines to ``\\n``.

    BOMs are honoured; UTF-8 is tried first, then charset detection, then cp1252
    (which never fails on the bytes IMSDb-style files contain). Raises
    BinaryInputError for data with NUL bytes or mostly control characters, and
    EmptyInputError for empty or whitespace-only data.
    """
    if not data.strip():
        raise EmptyInputError(f"{source}: the file is empty; expected a screenplay or play.")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    else:
        if b"\x00" in data[:8192]:
            raise BinaryInputError(
                f"{source}: this is a binary file, not a screenplay or play in a format "
                "whosestory reads (Fountain, FDX, plain text, PDF, TEI XML)."
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # imported here: a fifth of a run's imports, needed only for text that is not UTF-8
            from charset_normalizer import from_bytes

            best = from_bytes(data[:200_000]).best()
            encoding = best.encoding if best is not None else "cp1252"
            try:
                text = data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                text = data.decode("cp1252", errors="replace")
    sample = text[:8192]
    if sum(map(sample.count, _CONTROL)) > max(8, len(sample) // 20):  # counted in C
        raise BinaryInputError(
            f"{source}: this looks like a binary file, not a screenplay or play in a format "
            "whosestory reads (Fountain, FDX, plain text, PDF, TEI XML)."
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInputError(f"{source}: the file is empty; expected a screenplay or play.")
    return text
