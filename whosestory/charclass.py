"""Unicode character classes spelled out as ranges, for texts in the common scripts.

The regex engine tests a category class (``\\w``, ``[^\\W\\d_]``) through the Unicode
database, character by character; a class of ranges it tests against a table, in about
two thirds of the time on German or Russian text. `within` tells whether every character
of a text lies in `BLOCKS` (Latin with its extensions, IPA, Greek, Cyrillic and the
general punctuation: a German play's dashes and guillemets, a French text's curly
apostrophes); for such a text, `ranges` gives a category class's characters among those
blocks, found by asking the category class itself of each of them, so a pattern made
with it matches what the category pattern matches there. A text with any other
character keeps the category pattern.

Finding the ranges and compiling a pattern of them costs about a millisecond a pattern,
once a process: more than a screenplay with a few curly quotes would save. `ranged` says
yes only once the process has asked about `PAYS_AFTER` characters of text (a German play
has some 100,000 to 1,000,000), so an English film never pays for the patterns and a
corpus worker reading plays pays once.
"""

from __future__ import annotations

import re
from functools import cache

from whosestory._lazy import LazyPattern

BLOCKS = ((0x0000, 0x052F), (0x2000, 0x206F))
"""The blocks (first and last code point) whose characters `ranges` spells out."""
_WITHIN = LazyPattern("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in BLOCKS) + "]*+")
"""A text of `BLOCKS`' characters alone, matched whole: the engine counts a run of one
class in a tight loop, where a search for a character beyond them (one negated class)
would try a match at every character, in two thirds more instructions."""


PAYS_AFTER = 50_000
"""Characters of non-ASCII text a process reads with the category classes before `ranged`."""
_asked = 0


def within(text: str) -> bool:
    """Whether every character of `text` lies in `BLOCKS`."""
    return _WITHIN.fullmatch(text) is not None


def ranged(text: str) -> bool:
    """Whether to read `text` (not all ASCII) with classes of `ranges`: every character
    of it is `within` the blocks, and the process has asked about `PAYS_AFTER`
    characters before it (which the caller reads with the category classes)."""
    global _asked
    if _asked < PAYS_AFTER:
        _asked += len(text)
        return False
    return _WITHIN.fullmatch(text) is not None


@cache
def ranges(category: str) -> str:
    """The body of a class (no brackets) of the characters of `BLOCKS` that the one-character
    class `category` matches (``"[^\\W\\d_]"``), as ranges of ``\\uXXXX`` escapes."""
    runs = re.compile(f"(?:{category})+")
    parts: list[str] = []
    for first, last in BLOCKS:
        chars = "".join(map(chr, range(first, last + 1)))
        for run in runs.finditer(chars):
            start, end = first + run.start(), first + run.end() - 1
            parts.append(f"\\u{start:04x}" + (f"-\\u{end:04x}" if end > start else ""))
    return "".join(parts)
