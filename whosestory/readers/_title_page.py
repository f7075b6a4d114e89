"""The title of a plain-text screenplay, from the lines of its title page.

A web copy's title page holds more than the title: bylines ("by", "Written by",
a name), dates and revision colours, draft notes ("Blade II" -- by David Goyer,
"Gattaca, early draft, by Andrew M Niccol"), agency addresses, awards-screener
banners, and titles typeset with spaced letters ("T I T A N I C") or doubled by
a careless conversion. `title_of` cleans each line into a candidate or refuses it,
then picks one: the candidate that names the file (a copy is named for its film,
and the page may give a working title first, "STILLNESS IN THE WATER", AKA
"JAWS"), else the first candidate. Where the page and a file name that reads as a
film's name disagree only in wording ("OCEAN'S 11" in "Ocean's-Eleven.txt"), the
file's name is the film's released name and wins; with no candidate at all, the
file's name is the title.
"""

from __future__ import annotations

import re
from pathlib import Path

_MOJIBAKE_RE = re.compile(r"ï»¿|\ufeff|ï¿½")
_BYLINE_RE = re.compile(
    r"^(?:(?:original\s+)?(?:screenplay|story|teleplay|written|adapted|revisions?|rewrite|"
    r"revised|based\s+on.*|from\s+(?:the|a)\b.*|music|lyrics|songs|produced|directed|"
    r"executive)(?:\s+by)?|by|and|&)\b",
    re.IGNORECASE,
)
"""A line that opens a credit: "Written by", "Story by", "and", "based on the novel"."""
_SEPARATED_BYLINE_RE = re.compile(
    r"\s*(?:[-–—:,]+|\"\s*[-–—,]*)\s*(?:[\w/]+\s+){0,3}?(?:by|draft|script)\b.*$", re.IGNORECASE
)
"""From a separator to the end: '" -- by Tim Herlihy', ", early draft, by ...",
" - Shooting Script", '", unknown draft'."""
_DRAFT_RE = re.compile(
    r"\s+(?:(?:early|late|first|second|third|final|rough|revised|shooting|production|"
    r"unproduced|\w+th|\d+(?:st|nd|rd|th))\s+)+(?:draft|script)\b.*$",
    re.IGNORECASE,
)
"""An unseparated draft note: "EVIL DEAD II seventh draft by Sam Raimi"."""
_UPPER_BY_RE = re.compile(r"^(?P<title>[^a-z]*[A-Z][^a-z]*?)\s+by\s+[A-Z][a-z].*$")
"""An upper-case title with a mixed-case byline: "CINEMA PARADISO by Giuseppe Tornatore"."""
_NAME_BY_RE = re.compile(
    r"^(?P<title>.+?)\s+[Bb]y\s+(?:[A-Z][\w.'-]*\s+){1,3}[A-Z][\w'-]+(?:[.,;&].*|\s+and\s.*)?$"
)
"""A title followed by "by" and a person's name: "The Ice Storm by James Schamus. Based..."."""
_AUTHOR_POSSESSIVE_RE = re.compile(r"^(?:[A-Z][\w.]*\s+){1,3}?[A-Z][\w.]*['’]s\s+\"(?P<title>.+)")
"""A title quoted after its author's possessive: 'Jon Favreau's "Swingers'."""
_CLOSING_QUOTE_RE = re.compile(r"(?<=[\w.!?])[\"”]\s*(?:[-–—,:].*)?$")
"""A title's closing quote and what follows it: 'Entrapment", early'."""
_SCREENPLAY_RE = re.compile(r"\s+(?:an?\s+)?(?:original\s+)?screenplay$", re.IGNORECASE)
_COLOUR_PAGES_RE = re.compile(
    r"^(?:white|blue|pink|yellow|green|goldenrod|buff|salmon|cherry|tan|gold)\s+"
    r"(?:revised|revision|shooting|production|pages|script|draft)\b",
    re.IGNORECASE,
)
"""A revision's colour and its note: "White Shooting Script - September 7th, 2012"."""
_CREDIT_LEAD_RE = re.compile(r"(?:^|\s)(?:by|and|&)$", re.IGNORECASE)
"""A line that leads into a name on the next line: "Written by", "and", "&"."""
_AKA_RE = re.compile(
    r"^[\[(]?\s*(?:aka|a\.k\.a\.|also known as|produced as|released as)\s*:?\s*", re.IGNORECASE
)
_TRAILING_NOTE_RE = re.compile(r"\s*[\[(][^\])]*[\])]\s*$")
_NOT_TITLE_RE = re.compile(
    r"^(?:(?:first|second|third|final|revised|shooting|production|early|rough)\b.*"
    r"\b(?:draft|script)|(?:\w+\s+)?draft|rev\b.*|revised\b.*|copyright\b.*|©.*|all rights\b.*|"
    r"for (?:your consideration|educational purposes)\b.*|best\b.*\bscreenplay\b.*|"
    r"(?:over\s+|an?\s+)?black(?:\s+screen\b.*|\s+continues\b.*|\W*)|fade in\b.*|super\s*:.*|"
    r"(?:opening\s+)?title sequence\b.*|"
    r"(?:a\s+)?screenplay|(?:an?\s+)?(?:original\s+)?(?:screenplay|teleplay)\b.*|"
    r"in association with\b.*|.*\b(?:agency|entertainment|inc|llc|ltd)\b\.?.*|"
    r"\d+\s.*\b(?:street|st|boulevard|blvd|avenue|ave|drive|road|suite)\b\.?.*|aka\s*:?)$",
    re.IGNORECASE,
)
"""Lines of a title page that are never the title: draft and revision notes, screener
banners, agencies and addresses, and the first words of the story (BLACK SCREEN, FADE IN)."""
_STORY_RE = re.compile(
    r"^We\s+(?:[A-Z]{3,}|[a-z]+)\b|\((?:V\.?\s?O|O\.?\s?S|O\.?\s?C)\.?\)$|[.,!?][\"”]$"
)
"""A line of the story before its first heading: "We HEAR ...", a cue "GALADRIEL (V.O.)",
the end of a quoted speech 'wilith."'."""
_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DATE_RE = re.compile(
    rf"^(?:\w+,?\s+)?(?:{_MONTHS})\w*\.?\s+\d{{1,2}}(?:\s*\w\w)?,?\s*\d{{2,4}}$|"
    rf"^(?:{_MONTHS})\w*\.?,?\s+\d{{4}}$|^\d{{1,2}}\s+(?:{_MONTHS})\w*\s+\d{{4}}$|"
    r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$|^(?:19|20)\d\d$",
    re.IGNORECASE,
)
_MOST_WORDS = 12
_WORD_RE = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"the", "a", "an", "of", "and", "in", "on", "to"})
_ARTICLE_LAST_RE = re.compile(r"^(?P<name>.+?),[-\s]+(?P<article>[A-Za-z]{1,3})$")
"""A file name that puts its article last, as web archives sort them: "Crow,-The"."""
_FILE_TAG_RE = re.compile(
    r"(?:^|[\s_-])(?:draft|script|screenplay|final|rev|revised|v\d+|untitled)(?:$|[\s_-])"
    r"|_|\d{4,}",
    re.IGNORECASE,
)
"""What marks a file name as a working file rather than a film's name."""


def _unspace(text: str) -> str:
    """'T I T A N I C' -> 'TITANIC'; 's e x ,  l i e s' -> 'sex, lies' (two spaces part words)."""
    tokens = text.split()
    if len(tokens) < 3 or any(len(t) > 1 for t in tokens):
        return text
    words = re.split(r"\s{2,}", text) if re.search(r"\S \S", text) else [text]
    return " ".join(w.replace(" ", "") for w in words)


def _undouble(text: str) -> str:
    """'AS GOOD AS IT GETSAS GOOD AS IT GETS' -> 'AS GOOD AS IT GETS'."""
    half = len(text) // 2
    return text[:half] if len(text) % 2 == 0 and text[:half] == text[half:] else text


def clean_line(line: str) -> str | None:
    """A title-page line as a title candidate, or None when it cannot be the title."""
    text = _MOJIBAKE_RE.sub("", line).strip()
    if _BYLINE_RE.match(text) or _COLOUR_PAGES_RE.match(text) or _STORY_RE.search(text):
        return None
    text = _AKA_RE.sub("", text)
    possessive = _AUTHOR_POSSESSIVE_RE.match(text)
    if possessive:
        text = possessive.group("title")
    text = _undouble(_unspace(text))
    for pattern in (_UPPER_BY_RE, _NAME_BY_RE):
        match = pattern.match(text)
        if match:
            text = match.group("title")
    if not text.lower().startswith(("by ", "draft")):
        text = _SEPARATED_BYLINE_RE.sub("", text)
    text = _CLOSING_QUOTE_RE.sub("", text.lstrip('"“ '))
    text = _SCREENPLAY_RE.sub("", text)
    text = _DRAFT_RE.sub("", text)
    text = _TRAILING_NOTE_RE.sub("", text).strip(" \"'“”[]-–—:,.") or ""
    raw = line.rstrip()
    if raw.endswith(":") or len(text.split()) > _MOST_WORDS or _CREDIT_LEAD_RE.search(text):
        return None  # a lead-in to the story ("whispering, tinged with REGRET:"), a credit
    if raw.endswith(".") and len(raw.split()) > 3 and len(text) >= len(raw.strip()) - 3:
        return None  # a sentence of the story before its first heading
    words = text.split()
    if len(words) >= 5 and 2 * sum(w[0].islower() for w in words) > len(words):
        return None  # a line of prose: titles are set in capitals or title case
    if not re.search(r"[A-Za-z]{2}|\d", text):
        return None
    if _BYLINE_RE.match(text) or _NOT_TITLE_RE.match(text) or _DATE_RE.match(text):
        return None
    return text


_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9"}
"""Roman numbers that are no English word: "Ghostbusters II" is "Ghostbusters 2"."""


def _words(text: str) -> list[str]:
    found = _WORD_RE.findall(text.lower().replace("&", " and ").replace("'", ""))
    return [_ROMAN.get(w, w) for w in found]


def file_title(source: str) -> str | None:
    """The file's name as a film's name ("Crow,-The.txt" -> "The Crow"), or None when it
    reads as a working file's name ("draft_v2", "script-final")."""
    stem = Path(source).stem
    match = _ARTICLE_LAST_RE.match(stem)
    if match:
        stem = f"{match.group('article')} {match.group('name')}"
    if not stem or _FILE_TAG_RE.search(stem) or not re.search(r"[A-Za-z]{2}", stem):
        return None
    return re.sub(r"(?<=\w)-(?=\w)|\s*-\s+|\s+-\s*", " ", stem).replace("  ", " ").strip()


def _names(candidate: str, name: list[str]) -> bool:
    """True when every word of the file's name is in the candidate, in order."""
    words, at = _words(candidate), 0
    for word in name:
        try:
            at = words.index(word, at) + 1
        except ValueError:
            return False
    return True


def _shares_most(candidate: str, name: list[str]) -> bool:
    """True when the file's name holds at least half of the candidate's words (stop
    words aside): the same film, named differently."""
    words = [w for w in _words(candidate) if w not in _STOP]
    shared = [w for w in words if w in name]
    return bool(words) and 2 * len(shared) >= len(words)


def _candidates(lines: list[str]) -> list[str]:
    """The title-page lines that may be the title; a line after "by", "and" or "&" is a
    credited name."""
    found, credit = [], False
    for line in lines:
        if not credit:
            candidate = clean_line(line)
            if candidate:
                found.append(candidate)
        credit = bool(_CREDIT_LEAD_RE.search(line.strip()))
    return found


def _within(candidate: str, name: list[str]) -> bool:
    """True when every word of the candidate (stop words aside) is in the file's name."""
    words = [w for w in _words(candidate) if w not in _STOP]
    return bool(words) and all(w in name for w in words)


def title_of(lines: list[str], source: str) -> str | None:
    """The title of a script whose title page holds `lines` (story lines excluded)."""
    candidates = _candidates(lines)
    film = file_title(source)
    if film is None:
        return candidates[0] if candidates else None
    name = [w for w in _words(film) if w not in _STOP] or _words(film)
    naming = [c for c in candidates if _names(c, name)]
    if naming:  # the page's spelling, the file's own ("III" before "3") where it has both
        literal = [
            c for c in naming if _WORD_RE.findall(c.lower()) == _WORD_RE.findall(film.lower())
        ]
        first = (literal or naming)[0]
        # words before the film's name ("DR. BEAN", "John Carpenter's Escape From New
        # York") are a credit or a working title's; words after it are a subtitle
        words = [w for w in _words(first) if w not in _STOP]
        return film if words and words[0] != name[0] else first
    if not candidates:
        return film
    first = candidates[0]
    if not _within(first, name) and _shares_most(first, name):
        return film  # one film named two ways: the file has its released name
    return first
