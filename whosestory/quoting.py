"""Quotes a reader can trust: whole sentences that name, or are spoken by, their character.

A quote is cut from an element's text at sentence ends (``.``, ``!``, ``?``, ``…``,
before the next word), never at a line break; a sentence longer than the limit
gives the clause around the evidence, with an ellipsis where it was cut. Whether
a sentence names a character is read from the surface forms the mention finder
uses (`mentions.surface_forms`: every name, and a first name or surname only that
character has), matched as whole words in the case they are written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from whosestory._lazy import LazyPattern
from whosestory.mentions import cast_surface_forms
from whosestory.model import Character

QUOTE_LENGTH = 200
"""The longest quote, in characters; a longer sentence is cut to the clause at hand."""

_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[\"'“‘«(]*[^\W\d_])")
_CLAUSE_END_RE = LazyPattern(r"(?<=[,;:])\s+|\s+[—–-]{1,2}\s+")


_ABBREVIATION_RE = re.compile(
    r"(?:\b(?i:Dr|Mr|Mrs|Ms|St|Jr|Sr|Prof|Rev|Capt|Col|Gen|Lt|Sgt|vs|etc|Nr|Hr|Fr|Mme|Mlle|"
    r"z\.B|d\.h|usw)|\b[A-HJ-Z])\.$"
)
"""A word whose full stop ends no sentence: a title (``Dr.``, ``Mme.``) or an initial."""


def _spans(text: str, pattern: re.Pattern[str] | LazyPattern) -> list[tuple[int, int]]:
    """(start, end) of the pieces of `text` between the matches of `pattern` (a full stop
    after an abbreviation is no match)."""
    spans, start = [], 0
    for match in pattern.finditer(text):
        if _ABBREVIATION_RE.search(text[max(0, match.start() - 6) : match.start()]):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def sentence_at(text: str, offset: int = 0, length: int = QUOTE_LENGTH) -> str:
    """The whole sentence of `text` around character `offset`, on one line.

    A sentence over `length` characters gives the clauses around `offset` that fit,
    marked with an ellipsis on each side that was cut.
    """
    flat = " ".join(text.split())
    offset = len(" ".join(text[: max(0, offset)].split()))
    start, end = next(
        ((a, b) for a, b in _spans(flat, _SENTENCE_END_RE) if offset < b),
        (0, len(flat)),
    )
    sentence = flat[start:end].strip()
    if len(sentence) <= length:
        return sentence
    return _clause(flat, start, end, offset, length)


def _clause(flat: str, start: int, end: int, offset: int, length: int) -> str:
    clauses = [(start + a, start + b) for a, b in _spans(flat[start:end], _CLAUSE_END_RE)]
    at = next((i for i, (a, b) in enumerate(clauses) if a <= offset < b), 0)
    first = last = at
    while True:
        grown = False
        for i in (last + 1, first - 1):
            if 0 <= i < len(clauses):
                lo, hi = min(first, i), max(last, i)
                if clauses[hi][1] - clauses[lo][0] <= length:
                    first, last, grown = lo, hi, True
        if not grown:
            break
    a, b = clauses[first][0], clauses[last][1]
    if b - a > length:  # one clause longer than a quote: cut it at a word
        b = a + flat[a : a + length].rfind(" ")
    piece = flat[a:b].strip().rstrip(",;:—–-").strip()
    return ("…" if a > start else "") + piece + ("…" if b < end else "")


def sentences_around(text: str, start: int, end: int) -> str:
    """The whole sentences of `text` that hold its characters `start` to `end` (offsets
    in the one-line text), on one line: an excerpt cut anywhere, made whole."""
    flat = " ".join(text.split())
    held = [(a, b) for a, b in _spans(flat, _SENTENCE_END_RE) if a < end and b > start]
    return flat[held[0][0] : held[-1][1]].strip() if held else flat


def sentences(text: str) -> list[tuple[int, str]]:
    """Each sentence of `text` with its character offset in the one-line text."""
    flat = " ".join(text.split())
    return [(a, flat[a:b].strip()) for a, b in _spans(flat, _SENTENCE_END_RE)]


@cache
def _pattern(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not forms:
        return None
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w])")


class Namer:
    """Whether a sentence names a character, by the forms its name is written in."""

    def __init__(self, cast: Sequence[Character]) -> None:
        forms = cast_surface_forms(cast)
        by_character: dict[str, list[str]] = {}
        for surface, name in forms.items():
            by_character.setdefault(name, []).append(surface)
        self._forms = {name: tuple(sorted(found)) for name, found in by_character.items()}

    def names(self, sentence: str, name: str) -> bool:
        """Whether `sentence` names the character `name`."""
        pattern = _pattern(self._forms.get(name, ()))
        return pattern is not None and pattern.search(sentence) is not None

    def offset(self, text: str, name: str) -> int | None:
        """Where `text` first names `name` (None when it does not)."""
        pattern = _pattern(self._forms.get(name, ()))
        found = pattern.search(" ".join(text.split())) if pattern is not None else None
        return found.start() if found else None
