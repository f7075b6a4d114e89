"""Safe XML parsing shared by the FDX and TEI readers.

Entity declarations and external references are refused before parsing
(billion laughs, XXE); lxml is told not to load DTDs, resolve entities or reach
the network, and keeps its default depth and size limits (huge_tree off).
"""

from __future__ import annotations

import re

from lxml import etree

from whosestory.errors import ParseError, UnsafeXMLError

_ROOT_START_RE = re.compile(rb"<[A-Za-z_]")
_XINCLUDE_RE = re.compile(rb"<[\w.-]*:?include\b[^>]*XInclude|www\.w3\.org/2001/XInclude")
_UNSAFE_RE = re.compile(rb"<!ENTITY|\bSYSTEM\s+[\"']|\bPUBLIC\s+[\"']|<!\[INCLUDE")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _refuse(source: str, expected: str, line: int | None) -> UnsafeXMLError:
    return UnsafeXMLError(
        source,
        "refused: the XML declares entities or references external resources, "
        f"which {expected} never needs.",
        line,
    )


def parse_xml(data: bytes, source: str, expected: str) -> etree._Element:
    """Parse XML bytes safely and return the root element.

    Raises UnsafeXMLError for entity declarations or external references (looked
    for in the prolog before parsing, and in the parsed DTD afterwards, which
    catches encodings a byte search cannot read) and ParseError (with the line)
    for XML that is not well formed. `expected` says what the file should be.
    """
    root_start = _ROOT_START_RE.search(data)
    prolog = data[: root_start.start()] if root_start else data
    unsafe = _UNSAFE_RE.search(prolog)
    if unsafe is None and b"XInclude" in data:  # a plain search first: the pattern is slow
        unsafe = _XINCLUDE_RE.search(data)
    if unsafe is not None:
        raise _refuse(source, expected, _line_of(data, unsafe.start()))
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        line = err.lineno if err.lineno else None
        # one line: libxml2 messages can end in a newline or hold several lines
        message = " ".join(str(err.msg or err).split(", line")[0].split()).rstrip(".")
        if "huge" in message.lower() or "depth" in message.lower():
            message = "it nests elements too deeply or holds too large a text"
        raise ParseError(
            source, f"not well-formed XML ({message}); expected {expected}.", line
        ) from None
    if root is None:
        raise ParseError(source, f"no XML document found; expected {expected}.")
    docinfo = root.getroottree().docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and (list(dtd.iterentities()) or docinfo.system_url or docinfo.public_id):
        raise _refuse(source, expected, None)
    return root


_LOCAL_NAMES: dict[object, str] = {}
"""Each tag seen, with its local name: a play repeats a few dozen tags a hundred thousand
times, and one dictionary look-up is a third of the cost of splitting the tag each time."""
_MAX_LOCAL_NAMES = 4096


def local_name(element: etree._Element) -> str:
    """An element's tag without its namespace (``{http://www.tei-c.org/ns/1.0}sp`` -> ``sp``).

    Comments, processing instructions and entities (whose tag is not a string) have "".
    """
    tag = element.tag
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
        if len(_LOCAL_NAMES) < _MAX_LOCAL_NAMES:  # a hostile file's endless tags stay unkept
            _LOCAL_NAMES[tag] = name
    return name
