"""Safe XML parsing shared by the FDX and TEI readers.

Entity declarations and external references are refused before parsing
(billion laughs, XXE); lxml is told not to load DTDs, resolve entities or reach
the network, and keeps its default depth and size limits (huge_tree off).
"""

from __future__ import annotations

import re

from lxml import etree

from whosestory.errors import ParseError, UnsafeXMLError

_DOCTYPE_RE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_UNSAFE_RE = re.compile(rb"<!ENTITY|\bSYSTEM\s+[\"']|\bPUBLIC\s+[\"']|<xi:include|<!\[INCLUDE")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def parse_xml(data: bytes, source: str, expected: str) -> etree._Element:
    """Parse XML bytes safely and return the root element.

    Raises UnsafeXMLError for entity declarations or external references and
    ParseError (with the line) for XML that is not well formed. `expected` says
    what the file should be, for the message.
    """
    doctype = _DOCTYPE_RE.search(data)
    unsafe = _UNSAFE_RE.search(data)
    if unsafe is not None:
        raise UnsafeXMLError(
            source,
            "refused: the XML declares entities or references external resources, "
            f"which {expected} never needs.",
            _line_of(data, unsafe.start()),
        )
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
        message = str(err.msg or err).split(", line")[0].rstrip(".")
        raise ParseError(
            source, f"not well-formed XML ({message}); expected {expected}.", line
        ) from None
    if root is None:
        raise ParseError(source, f"no XML document found; expected {expected}.")
    if doctype is not None and root.getroottree().docinfo.internalDTD is not None:
        raise UnsafeXMLError(
            source,
            f"refused: the XML has an internal DTD, which {expected} never needs.",
            _line_of(data, doctype.start()),
        )
    return root


def local_name(element: etree._Element) -> str:
    """An element's tag without its namespace (``{http://www.tei-c.org/ns/1.0}sp`` -> ``sp``)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
