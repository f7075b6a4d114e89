"""Hostile XML: both XML readers refuse or reject it quickly with the library's own errors.

The files under tests/stories/hostile/ are small and written for these tests;
very large inputs (deep nesting, huge text) are built here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from whosestory.errors import ParseError, UnsafeXMLError, WhosestoryError
from whosestory.model import Script
from whosestory.readers import fdx, tei

HOSTILE = Path(__file__).parent / "stories" / "hostile"
READERS: dict[str, Callable[[bytes, str], Script]] = {"fdx": fdx.read, "tei": tei.read}
LIMIT_SECONDS = 2.0


def timed_read(reader: Callable[[bytes, str], Script], data: bytes) -> tuple[object, float]:
    """Read, returning the Script or the library exception, and the seconds it took."""
    start = time.perf_counter()
    try:
        result: object = reader(data, "hostile")
    except WhosestoryError as err:
        result = err
    return result, time.perf_counter() - start


UNSAFE = sorted(p.name for p in HOSTILE.iterdir() if not p.name.startswith("truncated"))


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("name", UNSAFE)
def test_entities_and_external_references_are_refused(name: str, reader: str):
    data = (HOSTILE / name).read_bytes()
    result, seconds = timed_read(READERS[reader], data)
    assert isinstance(result, UnsafeXMLError), result
    assert result.line is not None
    assert "refused" in str(result)
    assert seconds < LIMIT_SECONDS


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("name", ["truncated.fdx", "truncated.xml"])
def test_truncated_xml_is_a_parse_error_with_a_line(name: str, reader: str):
    result, seconds = timed_read(READERS[reader], (HOSTILE / name).read_bytes())
    assert type(result) is ParseError
    assert result.line is not None and result.line >= 7
    assert "not well-formed XML" in str(result)
    assert seconds < LIMIT_SECONDS


@pytest.mark.parametrize("reader", sorted(READERS))
def test_deeply_nested_elements_are_rejected_quickly(reader: str):
    depth = 100_000
    root = "FinalDraft" if reader == "fdx" else "TEI"
    data = f"<{root}>".encode() + b"<div>" * depth + b"</div>" * depth + f"</{root}>".encode()
    result, seconds = timed_read(READERS[reader], data)
    assert isinstance(result, ParseError)
    assert seconds < LIMIT_SECONDS


@pytest.mark.parametrize("reader", sorted(READERS))
def test_huge_text_node_is_rejected(reader: str):
    root = "FinalDraft" if reader == "fdx" else "TEI"
    data = f"<{root}><x>".encode() + b"a" * 11_000_000 + f"</x></{root}>".encode()
    result, seconds = timed_read(READERS[reader], data)
    assert isinstance(result, ParseError)
    assert seconds < LIMIT_SECONDS


@pytest.mark.parametrize("name", ["billion-laughs.fdx", "xxe.fdx", "external-dtd.fdx"])
def test_utf16_hostile_input_never_expands_or_reads_files(name: str):
    """The byte-level guard cannot see UTF-16 declarations; lxml must still not resolve them."""
    text = (HOSTILE / name).read_text(encoding="utf-8")
    text = text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    result, seconds = timed_read(fdx.read, text.encode("utf-16"))
    assert seconds < LIMIT_SECONDS
    if isinstance(result, Script):
        for element in result.elements:
            assert len(element.text) < 1000
            assert "root:" not in element.text


def test_legitimately_nested_final_draft_reads():
    """Nesting below the parser's limit (dual dialogue inside dual dialogue) is fine."""
    depth = 100
    inner = '<Paragraph Type="Character"><Text>ANA</Text></Paragraph>'
    inner += '<Paragraph Type="Dialogue"><Text>Deep.</Text></Paragraph>'
    data = "<Paragraph><DualDialogue>" * depth + inner + "</DualDialogue></Paragraph>" * depth
    script = fdx.read(f"<FinalDraft><Content>{data}</Content></FinalDraft>".encode(), "deep.fdx")
    assert [e.text for e in script.elements] == ["Deep."]


def test_legitimately_nested_tei_divs_read():
    depth = 200
    body = '<div type="part">' * depth + '<sp who="#a"><p>Deep.</p></sp>' + "</div>" * depth
    data = f"<TEI><text><body>{body}</body></text></TEI>".encode()
    script = tei.read(data, "deep.xml")
    assert [e.text for e in script.elements][-1] == "Deep."


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        b"\x00\x01\x02\x03binary",
        b"INT. KITCHEN - DAY\n\nNot XML at all.\n",
        b"<?xml version='1.0'?>",
        b'<?xml version="1.0" encoding="UTF-8"?><a>\xff\xfe bad bytes</a>',
        b"<a></b>",
    ],
)
def test_non_xml_is_a_parse_error_not_a_traceback(reader: str, data: bytes):
    result, seconds = timed_read(READERS[reader], data)
    assert isinstance(result, ParseError)
    assert seconds < LIMIT_SECONDS


@pytest.mark.parametrize("reader", sorted(READERS))
def test_regression_a_nul_byte_gives_a_one_line_message(reader: str):
    """libxml2's message for a NUL ends in a newline; the sentence must stay on one line."""
    data = (
        b'<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text>\x00</text></TEI>'
    )
    result, _ = timed_read(READERS[reader], data)
    assert isinstance(result, ParseError)
    assert "\n" not in str(result) and "line 3" in str(result)
