"""The PDF filters that inflate (Flate, LZW, run length, ASCII85, ASCIIHex), decoded a
chunk at a time, and every stage of every chain counted against the decompressed-data
budget before pdfium sees the file (issue 16)."""

from __future__ import annotations

import base64
import random
import zlib
from collections.abc import Callable
from pathlib import Path

import hostile
import pytest

import whosestory
from whosestory.budget import Limits, using
from whosestory.errors import BudgetError
from whosestory.readers._decoders import ascii85, ascii_hex, flate, lzw, run_length
from whosestory.readers._inflate import check_inflated

SAMPLE = b"BT /F1 12 Tf 72 700 Td (INT. ROOM - DAY) Tj ET\n" * 200 + bytes(range(256)) * 40


def _pieces(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("size", [1, 7, 1000, 1 << 20])
@pytest.mark.parametrize(
    ("decoder", "encode"),
    [
        (flate, lambda d: zlib.compress(d, 9)),
        (lzw, lambda d: hostile.lzw_pack([*hostile.lzw_codes(d), 257])),
        (run_length, hostile.run_length),
        (ascii85, lambda d: base64.a85encode(d, wrapcol=70) + b"~>"),
        (ascii_hex, lambda d: d.hex().encode() + b">"),
    ],
)
def test_each_decoder_undoes_its_filter_whatever_the_chunks(
    decoder: Callable, encode: Callable[[bytes], bytes], size: int
) -> None:
    encoded = encode(SAMPLE)
    assert b"".join(decoder(_pieces(encoded, size), True)) == SAMPLE


def test_lzw_decodes_random_bytes_through_every_code_width_and_clears() -> None:
    data = random.Random(16).randbytes(60_000)  # fills the 12-bit table: clear codes
    codes = hostile.lzw_codes(data)
    assert codes.count(256) > 2
    assert b"".join(lzw([hostile.lzw_pack([*codes, 257])], True)) == data


def test_lzw_without_early_change_and_ascii85_zeros() -> None:
    packed = hostile.lzw_pack([*hostile.lzw_codes(SAMPLE), 257], early_change=False)
    assert b"".join(lzw([packed], False)) == SAMPLE
    assert b"".join(ascii85([b"z z\nz~>"], True)) == bytes(12)


def test_damaged_data_ends_the_output_without_an_error() -> None:
    assert b"".join(flate([b"x\x9cnot deflate at all"], True)) == b""
    assert b"".join(lzw([bytes([0x80, 0x40])], True)) == b""  # a string code first
    assert b"".join(ascii_hex([b"4g>"], True)) == b""


def test_pdfium_reads_the_lzw_the_decoder_reads(tmp_path: Path) -> None:
    path = tmp_path / "lzw.pdf"
    path.write_bytes(hostile.pdf_lzw())
    assert "INT. ROOM - DAY" in [e.text for e in whosestory.read_script(path).elements]


def _by_reference(data: bytes) -> bytes:
    """A page whose content's /Length and /Filter are other objects."""
    return hostile._pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length 5 0 R /Filter 6 0 R >>\nstream\n" + data + b"\nendstream",
            b"%d" % len(data),
            b"[/LZW]",
        ]
    )


BOMBS = {  # each inflates to 8 MB; the budget in the test is 4
    "lzw": lambda: hostile.pdf_lzw_bomb(8 << 20),
    "run length": lambda: hostile.pdf_run_length_bomb(8 << 20),
    "deflate twice": lambda: hostile.pdf_double_deflate_bomb(8 << 20),
    "ascii85 zeros": lambda: hostile._filtered_page(b"z" * (2 << 20) + b"~>", b"/A85"),
    "escaped names": lambda: hostile.pdf_deflate_bomb(8 << 20).replace(
        b"/FlateDecode", b"/Fl#61teDecode"
    ),
    "filter by reference": lambda: _by_reference(
        hostile.lzw_pack([256, 32, *range(258, 4094)] * 2)
    ),
    "inline image": lambda: hostile.pdf_inline_image_bomb(8 << 20),
    "long dictionary": lambda: hostile.pdf_deflate_bomb(8 << 20).replace(
        b"/Filter", b"/Junk [" + b"0 " * 10_000 + b"] /Filter"
    ),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_every_inflating_filter_counts_against_the_budget(tmp_path: Path, name: str) -> None:
    data = BOMBS[name]()
    with using(Limits(decompressed_mb=4)), pytest.raises(BudgetError) as caught:
        check_inflated(data, "bomb.pdf")
    assert caught.value.limit == "decompressed_mb"
    assert "--limit-decompressed-mb" in str(caught.value)
    with using(Limits(decompressed_mb=20)):
        assert check_inflated(data, "bomb.pdf") >= 8_000_000  # counted whole within the budget


def test_the_stages_of_a_chain_each_count() -> None:
    once = zlib.compress(b" " * 3_000_000)
    data = hostile._filtered_page(zlib.compress(once), b"[/FlateDecode /FlateDecode]")
    with using(Limits(decompressed_mb=20)):
        assert check_inflated(data, "two.pdf") == 3_000_000 + len(once)


def test_an_image_filter_ends_the_chain() -> None:
    data = hostile._filtered_page(zlib.compress(b" " * 3_000_000), b"[/DCTDecode /FlateDecode]")
    with using(Limits(decompressed_mb=1)):
        assert check_inflated(data, "image.pdf") == 0  # pdfium does not decode it for text
