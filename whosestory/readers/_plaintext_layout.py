"""The layout of a plain-text screenplay: cleaning, page furniture found, headings, columns.

A plain-text screenplay says what each line is only through its indentation and
its case, and every script indents differently (tabs or spaces, dialogue
indented or flush left, a blank line after the cue or not). This module cleans
the lines (HTML residue from web copies, tabs) without changing their numbering,
finds the page furniture among them (what counts as furniture is
`whosestory.readers._furniture`'s, shared with the PDF reader), tells headings, and
learns the columns of one script from its cue-like lines and the lines that follow
them. `whosestory.readers.plaintext` classifies.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Container
from functools import lru_cache
from itertools import accumulate, compress, count, filterfalse, repeat
from typing import Any

from whosestory import screenplay
from whosestory.model import record
from whosestory.readers._furniture import (
    DROP,
    PAGE,
    SITE_RE,
    is_continued,
    is_page_number,
    is_revised,
    is_speech_furniture,
)

# ---------------------------------------------------------------- HTML residue

_BLOCK_RE = re.compile(
    r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<head\b.*?</head\s*>",
    re.IGNORECASE | re.DOTALL,
)
_TAG_RE = re.compile(
    r"</?(?:b|i|u|pre|html|head|body|title|font|br|p|div|span|center|a|table|tr|td|th|"
    r"tbody|script|style|meta|link|hr|strong|em|img|h[1-6]|ul|li|ol|form|input|!doctype)\b"
    r"[^<>\n]*>",
    re.IGNORECASE,
)
_ENTITY_RE = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});")


def _blank_keeping_lines(match: re.Match[str]) -> str:
    return "\n" * match.group().count("\n")


def clean_text(text: str) -> tuple[list[str], bool]:
    """Strip HTML residue and expand tabs; return the lines and whether HTML was found.

    Blocks (`<script>`, comments) become blank lines so that line numbers stay
    those of the source file.
    """
    had_html = False
    if "<" in text:
        stripped = _BLOCK_RE.sub(_blank_keeping_lines, text)
        stripped = _TAG_RE.sub("", stripped)
        had_html = stripped != text
        text = stripped
    if "&" in text:
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group()), text)
    text = text.replace("\xa0", " ")
    if "\t" in text:  # the columns count from each line's start, as for each line alone
        text = text.expandtabs(8)
    lines = text.split("\n")
    if "\f" in text:
        lines = [_without_form_feed(line) if "\f" in line else line for line in lines]
    return list(map(str.rstrip, lines)), had_html  # in C: a script has thousands of lines


def _without_form_feed(line: str) -> str:
    """A line holding a form feed: the form feed alone when nothing else is on it, else the
    line without it."""
    return "\f" if not line.replace("\f", "").strip() else line.replace("\f", "")


# ---------------------------------------------------------------- line index

_MATCH_START = re.Match.start


class LineIndex:
    """The stripped lines joined into one string, so one regex can find candidate lines.

    Running a regex over the whole text and mapping offsets back to line indices
    is many times faster than testing each of a script's thousands of lines in Python.
    """

    def __init__(self, texts: list[str]) -> None:
        self.joined = "\n" + "\n".join(texts)  # each line, the first too, follows a newline
        # each line's length and its newline, summed in C (a script has thousands of lines)
        self.starts = list(accumulate(map((1).__add__, map(len, texts)), initial=0))
        self._after = self.starts[1:]
        """Where each line's successor starts: a match at offset o is in line
        ``bisect_right(_after, o)`` (the joined text starts with a newline, at 0)."""

    def matching(self, pattern: re.Pattern[Any], text: str | bytes | None = None) -> list[int]:
        """Indices of lines where a pattern matches, in order, without repeats.

        Patterns that test a line's opening start with ``\\n`` rather than ``^``:
        a literal first character lets the regex engine skip ahead quickly. Each
        match's line is found by bisection and the repeats dropped in C (`dict` keeps
        the order, and the lines come in order): a script has thousands of matches.
        `text` is searched instead of the joined lines when given: one of the same
        length, character for character (`folded`).
        """
        offsets = map(_MATCH_START, pattern.finditer(self.joined if text is None else text))
        return list(dict.fromkeys(map(bisect_right, repeat(self._after), offsets)))

    def folded(self) -> bytes:
        """The joined lines a byte a character: capitals made small letters, the digits 1 to
        9 made 0, and what Latin-1 cannot hold made ``?``. A pattern with a literal start
        finds a line with a digit, or a word in any case, here faster than one that opens
        with a class (``[0-9]``, ``[Cc][Oo]...``) does in the text, at the same offsets."""
        return self.joined.encode("latin-1", "replace").translate(_FOLD)

    def ending_words_within(self, words: tuple[str, ...], first: int, last: int) -> set[int]:
        """Indices of lines where one of `words` starts at a column from `first` to `last` and
        ends a word (no letter, digit or ``_`` after it): for words whose matches cannot
        overlap (`SETTING_WORDS`), the lines where the pattern ``(?:WORD|...)\\b`` matches
        there. Each word is found by `str.find`, many times faster than a pattern that opens
        with a choice of letters, which the engine tests at every character; few lines hold
        one."""
        joined, starts, end = self.joined, self.starts, len(self.joined)
        found: set[int] = set()
        for word in words:
            at = joined.find(word)
            while at != -1:
                after = at + len(word)
                if after == end or not (joined[after].isalnum() or joined[after] == "_"):
                    index = bisect_right(starts, at) - 1
                    if first <= at - starts[index] - 1 <= last:
                        found.add(index)
                at = joined.find(word, at + 1)
        return found


# ---------------------------------------------------------------- furniture

_NUMBERS_ONLY_RE = re.compile(r"^[A-Z]?\d+[A-Z]{0,2}\.?(?:\s+[A-Z]?\d+[A-Z]{0,2}\.?)?$")
_DIGITS_RE = re.compile(r"\d+")

_FOLD = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ123456789", b"abcdefghijklmnopqrstuvwxyz" + b"0" * 9
)
"""`LineIndex.folded`'s table: no other character of a text is folded to a letter or 0."""
_DIGIT_LINE_RE = re.compile(rb"0[^\n]*+")
"""In `LineIndex.folded`: from a line's first digit on."""
_CONT_LINE_RE = re.compile(rb"cont[^\n]*+")
"""In `LineIndex.folded`: from a line's first ``cont`` in any case on."""
_FURNITURE_START_RE = re.compile(r"\n(?=[(\f]|Writers|Genres|User|Back|Convert|Script|Internet)")
CAPS_RE = re.compile(
    r"\n(?=[^\n])[^a-z\n(]*+(?:(?![a-z]{4})"
    r"(?:(?<=M)a?c|'s|’s|(?<=[A-Z])[a-z]{1,2}\.|\b[a-z]{1,3}\b)[^a-z\n(]*+)*+(?=\(|\n|\Z)"
)
"""Lines with no lower-case letter before any '(' : the only lines that can be cues.
Small letters allowed: Mc/Mac, 's, a capital's abbreviation (``Mr.``, ``Dr.``), a word of up to
three letters. Four small letters in a row are none of these, so ``(?![a-z]{4})`` turns a
line of prose (``John walks in``) away at its first small letter without trying each."""
_I, _S = "[Ii\u0130\u0131]", "[Ss\u017f]"
"""The letters that ``re.IGNORECASE`` takes for I (the dotted capital I and the dotless small
i too) and for S (the long s too)."""
HEADING_START_RE = re.compile(
    rf"\n(?:\d|\*[ \t]*\d|[A-Za-z\u0130\u0131\u017f\u212a](?:\d|[ \t]?\))"
    rf"|{_I}(?:[Nn][Tt]|/[Ee])|[Ee](?:[Xx]|{_S})[Tt]|{_S}[Cc][Ee][Nn][Ee])"
)
r"""Lines that can be headings: they open with a scene number or INT/EXT/...: the pattern
``\n(?:\d|\*[ \t]*\d|[A-Z]\d|[A-Z][ \t]?\)|INT|EXT|EST|I/E|SCENE)`` with ``re.IGNORECASE``,
written out letter by letter with the letters it takes (``[A-Z]`` takes the Kelvin sign K
too): a pattern that ignores case maps every letter it compares, and took twice as long
over a script (`tests/test_plaintext.py` checks that the two agree)."""
SETTING_WORDS = ("INT", "EXT", "I/E")
"""INT/EXT anywhere, ending a word (``PRINT`` too, which the caller's test refuses): with
`LineIndex.ending_words_within`, the lines that may hold a heading behind a prefix
(``screenplay.prefixed_heading``)."""


def _normal_form(text: str) -> str:
    return " ".join(_DIGITS_RE.sub("#", text).split())


def find_furniture(texts: list[str], lines: LineIndex | None = None) -> dict[int, str]:
    """Map line index -> PAGE (a page number or form feed) or DROP (other furniture).

    Furniture: page numbers, CONTINUED lines (with scene numbers either side),
    (MORE) and lone (CONT'D), "Revised ..." headers, web-site residue, and any
    line holding digits that recurs with only its digits changed (running headers
    such as ``TITLE - Rev. 2/4/97   23.``). `lines` is ``LineIndex(texts)`` when the caller
    already has it.
    """
    lines = LineIndex(texts) if lines is None else lines
    folded = lines.folded()
    candidates = set(lines.matching(_DIGIT_LINE_RE, folded))
    normal = {i: _normal_form(texts[i]) for i in candidates if len(texts[i]) > 4}
    forms = Counter(normal.values())
    candidates.update(lines.matching(_CONT_LINE_RE, folded), lines.matching(_FURNITURE_START_RE))
    furniture: dict[int, str] = {}
    for index in sorted(candidates):
        text = texts[index]
        if text and len(text) <= 100:
            kind = _furniture_kind(text, forms, normal.get(index))
            if kind:
                furniture[index] = kind
    return furniture


def _furniture_kind(text: str, forms: Counter[str], normal: str | None) -> str | None:
    """PAGE, DROP or None for one stripped line; cheap tests first, as most lines are text.
    `normal` is the line's `_normal_form` when `find_furniture` has made it already."""
    if text == "\f":
        return PAGE
    first = text[0]
    has_digit = _DIGITS_RE.search(text) is not None
    if has_digit and (first.isdigit() or first in "pP-") and is_page_number(text):
        return PAGE
    lower = text.lower()
    if (
        ("cont" in lower and is_continued(text))
        or (first == "(" and is_speech_furniture(text))
        or (first in "WGUBCSIwgubcsi" and SITE_RE.match(text))
        or (has_digit and _NUMBERS_ONLY_RE.match(text))
    ):
        return DROP
    if not has_digit or len(text) <= 4:
        return None
    if is_revised(text) or (
        forms.get(_normal_form(text) if normal is None else normal, 0) >= 4
        and not heading_of(text)
        and not cue_like(text)
    ):
        return PAGE if _DIGITS_RE.search(text[-5:]) else DROP
    return None


# ---------------------------------------------------------------- cues and headings


_HEADING_STARTS = ("INT", "EXT", "EST", "I/E", "SCE")


@lru_cache(maxsize=16384)
def cue_like(text: str) -> bool:
    """screenplay.looks_like_cue, after a cheap test that rejects sentences (remembered:
    a script writes each of its cues many times)."""
    if not text or len(text) > 50 or text[0].islower():
        return False
    head = text.partition("(")[0]
    if head != head.upper() and sum(map(str.islower, head)) > 4:
        return False
    return _looks_like_cue(text)


_looks_like_cue = lru_cache(maxsize=8192)(screenplay.looks_like_cue)


_NUMBER = r"\*?\s?[A-Z]?\d+(?:[A-Z]{1,2}\d*)?(?:[-/][A-Z0-9]+)?"
"""A scene number: ``12``, ``12A``, ``A12``, ``662P3``, ``70/71``, ``12-B``, ``*12`` (revised)."""
_NUMBERED_RE = re.compile(
    rf"^(?P<left>{_NUMBER}|[A-Z](?=\s?\)))\s?[.),]?\s+"
    rf"(?P<rest>.*?)(?:\s+(?P<right>{_NUMBER})\.?)?$"
)
_RIGHT_NUMBER_RE = re.compile(rf"^(?P<rest>.*?\S)\s{{2,}}(?P<right>{_NUMBER})\.?$")
_SCENE_WORD_RE = re.compile(
    r"^SCENE\s+(?P<number>\d+[A-Z]?|[IVXLC]+)\b\.?\s*(?:[-:–—.]+\s*(?P<rest>\S.*))?$"
)


_STRICT_NUMBER_RE = re.compile(r"[A-Z]\d|[A-Z] ?\)|\* ?\d|[A-Z]?\d[\w-]* ?,|[A-Z]?\d+[A-Z]?/")
"""Scene numbers that head a scene only before INT./EXT.: lettered (``A49``, ``A)``),
revised (``*12``), followed by a comma (``58,``) or slashed (``70/71``); an all-caps
line after a plain number heads one too (``2  TITLE SEQUENCE``)."""
_LISTED_RE = re.compile(r"\d+ ?\)")
"""``2)``: an item of a list in the action, not a scene number."""


def split_scene_number(text: str) -> tuple[str, str | None]:
    """``12  INT. HOUSE - DAY  12`` -> (``INT. HOUSE - DAY``, ``12``); no number -> (text, None)."""
    match = _NUMBERED_RE.match(text)
    if match and match.group("rest"):
        left, right = _bare(match.group("left")), match.group("right")
        if right is None or _bare(right) == left:
            return match.group("rest"), left
        return f"{match.group('rest')} {right}", left
    match = _RIGHT_NUMBER_RE.match(text)
    if match and screenplay.is_heading(match.group("rest")):
        return match.group("rest"), _bare(match.group("right"))
    return text, None


def _numbered_scene_word(rest: str, text: str) -> bool:
    """``79B  BACK TO SCENE  79B``: numbered on both sides, a scene of a shooting script,
    though it reads as a transition; a numbered cut (``25  CUT TO:  25``) is still a cut."""
    match = _NUMBERED_RE.match(text)
    return bool(match and match.group("right")) and not rest.rstrip(" .").endswith(
        (":", "IN", "OUT")
    )


def _bare(number: str) -> str:
    """A scene number without its revision star: ``*12`` and ``* 12`` are scene 12."""
    return number.lstrip("* ")


def _mostly_upper(text: str) -> bool:
    letters = list(filter(str.isalpha, text))  # in C: the same letters, the same count
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


@lru_cache(maxsize=16384)
def heading_of(text: str) -> tuple[str, str | None] | None:
    """(heading text, scene number) when a stripped line is a scene heading, else None.

    A heading opens with INT./EXT./... (screenplay.is_heading), with scene numbers
    (`_NUMBER`) on either side or none; an all-caps line after a plain number is a
    heading too (``2  TITLE SEQUENCE``; other number forms only before INT./EXT.,
    `_STRICT_NUMBER_RE`), and ``SCENE 12`` marks scenes in scripts that have no other
    headings. ``2)`` opens an item of a list, not a scene.
    """
    strict = bool(_STRICT_NUMBER_RE.match(text))
    if len(text) > 120 or _LISTED_RE.match(text):
        return None
    if not (text[0].isdigit() or strict or text[:3].upper() in _HEADING_STARTS):
        return None
    rest, number = split_scene_number(text)
    if strict and (number is None or not screenplay.is_heading(rest) or not _mostly_upper(rest)):
        return None  # "B52 BOMBERS FLY OVER", "10-4, GOOD BUDDY.", "A) EXT. SCHOOL - Walter..."
    if screenplay.is_heading(rest):
        if not _mostly_upper(rest[:12]) or (len(rest) > 90 and not number):
            return None  # "Interior decorators ..." in an action line
        return rest, number
    if (
        number
        and len(rest) > 2
        and _mostly_upper(rest)
        and not rest.startswith("(")
        and not is_continued(rest)
        and (not screenplay.is_transition(rest) or _numbered_scene_word(rest, text))
    ):
        return rest, number
    match = _SCENE_WORD_RE.match(text)
    if match:
        return match.group("rest") or text, match.group("number")
    return None


_is_transition = lru_cache(maxsize=16384)(screenplay.is_transition)


def is_transition_line(text: str, indent: int, right_column: int) -> bool:
    """A transition: screenplay.is_transition, or a right-aligned all-caps line ending in ':'."""
    if len(text) > 40 or not text.isupper():
        return False
    if _is_transition(text):
        return True
    return indent >= right_column and text.endswith(":") and len(text) < 30


# ---------------------------------------------------------------- columns


@record
class Layout:
    """The columns one script uses, learnt from its cues.

    `indented` is True when dialogue sits clearly right of the action; then a
    line's column tells dialogue from action. Otherwise speeches are told by case
    and position alone (a cue-like line followed by a paragraph).
    `cue_gap` is the number of blank lines this script leaves between a cue and
    its speech (0 in most scripts; 1 or 2 in some).
    """

    action: int
    dialogue: int
    cue: int
    indented: bool
    cue_gap: int
    cue_indented: bool
    evidence: int

    def in_dialogue_band(self, indent: int) -> bool:
        """True when a line at this column sits where this script puts dialogue."""
        if not self.indented:
            return False
        upper = self.cue - 2 if self.cue > self.dialogue + 3 else self.dialogue + 12
        return self.dialogue - 3 <= indent < upper and indent > self.action + 2

    def in_action_band(self, indent: int) -> bool:
        """True when a line at this column sits where this script puts action."""
        if not self.indented:
            return True
        return indent <= self.action + 2 or indent < self.dialogue - 3


def _mode(counter: Counter[int], default: int) -> int:
    return counter.most_common(1)[0][0] if counter else default


def learn_layout(
    indents: list[int],
    texts: list[str],
    skip: dict[int, str],
    cues: set[int],
    headings: Container[int],
) -> Layout:
    """Learn this script's action, dialogue and cue columns from a histogram.

    Cue candidates are cue-like lines followed, after at most one blank line, by
    a line that is neither cue-like nor a heading; their columns and the columns of the
    lines after them give the cue and dialogue columns. The action column is the most
    common column of long lines (dialogue is typeset narrow). `headings` holds the lines
    `heading_of` finds (the caller asked it of `HEADING_START_RE`'s lines, the only ones
    it can find), so no cue's next line is asked again.
    """
    # the lines are walked in C (a script has thousands), the cues in Python
    live = list(filterfalse(skip.__contains__, compress(count(), texts)))
    long = filterfalse(skip.__contains__, compress(count(), map((49).__lt__, map(len, texts))))
    long_lines: Counter[int] = Counter(map(indents.__getitem__, long))
    if long_lines:
        action = _mode(long_lines, 0)
    else:  # no long line: the most common column of all
        action = _mode(Counter(map(indents.__getitem__, live)), 0)
    cue_cols: Counter[int] = Counter()
    pairs: list[tuple[int, int, int, bool]] = []
    for i in sorted(cues):
        pos = bisect_left(live, i)
        if pos >= len(live) - 1 or live[pos] != i:
            continue  # not a live line, or the last
        j = live[pos + 1]
        gap = j - i - 1
        if gap > 2 or j in cues or j in headings:
            continue
        pairs.append((indents[i], indents[j], gap, texts[j].startswith("(")))
        cue_cols[indents[i]] += 1
    cue = _mode(cue_cols, action)
    near = [p for p in pairs if abs(p[0] - cue) <= 3]
    dialogue_cols: Counter[int] = Counter(p[1] for p in near if not p[3])
    dialogue = _mode(dialogue_cols, action)
    gaps = Counter(p[2] for p in near)
    indented = dialogue > action + 2 and cue > dialogue
    cue_indented = cue > action + 2
    return Layout(
        action=action,
        dialogue=dialogue,
        cue=cue,
        indented=indented,
        cue_gap=_mode(gaps, 0),
        cue_indented=cue_indented,
        evidence=len(near),
    )
