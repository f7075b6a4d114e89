"""Page furniture: what a typeset page repeats around the story, for every reader of pages.

A screenplay printed on pages carries lines that belong to the page, not to the
story: page numbers (``12.``, ``Page 3``, ``- 3 -``, ``3 of 110``, ``12/20``),
``CONTINUED`` at the foot and head of a page (with scene numbers either side),
``(MORE)`` under a speech broken by the page, a lone ``(CONT'D)``, revision headers
("Rev. 2/4/97", "PINK PAGES") and, in web copies, the site's own lines. The plain-text
reader (`whosestory.readers._plaintext_layout.find_furniture`) and the PDF reader
(`whosestory.readers.pdf`) both ask this module what a line is.
"""

from __future__ import annotations

import re

PAGE = "page"
"""A page number or a form feed: the page breaks here."""
DROP = "drop"
"""Other furniture: dropped, the page does not break."""

PAGE_NUMBER_RE = re.compile(
    r"^(?:page\s*)?-?\s*\d{1,3}[A-Z]?\s*-?\.?(?:\s*of\s*\d+)?$|^\d{1,3}[A-Z]?\.?\s*/\s*\d+$", re.I
)
"""A bare page number: ``12``, ``12.``, ``12A``, ``Page 3``, ``-3-``, ``3 of 110``, ``12/20``."""
CONTINUED_RE = re.compile(
    r"^(?:[A-Z]?\d+[A-Z]{0,2}\.?\s+)?"
    r"\(?\s*(?:CONTINUED|CONT'?D|CONT\.|CONTINUING)\s*\)?\s*:?\s*(?:\(\s*\d+\s*\))?"
    r"(?:\s+[A-Z]?\d+[A-Z]{0,2}\.?)?$",
    re.IGNORECASE,
)
"""``CONTINUED``, ``(CONTINUED)``, ``CONTINUED: (2)``, ``12  CONTINUED  12``, ``CONT'D``."""
MORE_RE = re.compile(r"^\(\s*MORE\s*\)$", re.IGNORECASE)
"""``(MORE)``: the speech goes on over the page."""
LONE_CONTD_RE = re.compile(r"^\(\s*CONT['’]?D\s*\)$", re.IGNORECASE)
"""A ``(CONT'D)`` alone on its line, left from a cue repeated over the page."""
REVISED_RE = re.compile(
    r"\b(?:REV\.|Rev\.|REVISED|Revised|REVISIONS?|Revisions?|(?:PINK|BLUE|YELLOW|GREEN|GOLDENROD|"
    r"BUFF|SALMON|CHERRY) (?:REV|PAGES))"
)
"""A revision header's words: "Rev. 2/4/97", "REVISED", "PINK PAGES"."""
_REVISED_WORDS = ("REV", "Rev", "PAGES")
"""A piece of each of `REVISED_RE`'s words: a line holding none is no revision header."""
SITE_RE = re.compile(
    r"^(?:Writers\s*:|Genres\s*:|User Comments$|Back to IMSDb$|Converted to PDF by|"
    r"Script provided by|Internet Movie Script Database)",
    re.IGNORECASE,
)
"""A web archive's own lines around a script it copies."""


def is_page_number(text: str) -> bool:
    """True for a stripped line that is only a page number."""
    return bool(PAGE_NUMBER_RE.match(text))


def is_continued(text: str) -> bool:
    """True for a CONTINUED line (scene numbers either side allowed)."""
    return bool(CONTINUED_RE.match(text))


def is_revised(text: str) -> bool:
    """True for a line with a revision header's words (`REVISED_RE`) anywhere in it."""
    # most lines hold none of the pieces: the pattern, which opens with \b, is not tried
    return any(map(text.__contains__, _REVISED_WORDS)) and bool(REVISED_RE.search(text))


def is_more(text: str) -> bool:
    """True for ``(MORE)``."""
    return bool(MORE_RE.match(text))


def is_speech_furniture(text: str) -> bool:
    """True for the furniture of a speech broken by a page: ``(MORE)``, a lone ``(CONT'D)``."""
    return bool(MORE_RE.match(text) or LONE_CONTD_RE.match(text))
