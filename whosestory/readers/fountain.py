"""Fountain reader: plain-text screenplays written in the Fountain markup.

Implements https://fountain.io/syntax in one pass over the lines: title page,
scene headings (``INT.``/``EXT.``/``EST.``/``I/E``, forced ``.``, ``#12#``
numbers), character cues (all caps after a blank line and before text, forced
``@``, dual ``^``), parentheticals, dialogue (a two-space line keeps a speech
going), transitions (``... TO:`` between blank lines, forced ``>``), centered
``> text <``, lyrics ``~``, notes ``[[ ]]``, boneyard ``/* */``, sections ``#``,
synopses ``=``, page breaks ``===``, forced action ``!`` and emphasis markup.

Cue, heading and transition rules come from `whosestory.screenplay`; this module
only knows Fountain's layout (blank lines, forcing characters). Fountain is
lenient: nothing in the content raises, and where the reader bends the spec to
read a real script (a heading with no blank line after it) it records a
Diagnostic with the line.

Boneyard and notes may span lines, so they are resolved first: lines they
swallow entirely are marked to be skipped rather than blanked, so that a comment
between two lines of a speech does not end the speech, and every element keeps
its true source lines.
"""

from __future__ import annotations

import re

from whosestory.model import Diagnostic, Element, Kind, Script, Span
from whosestory.readers._text import decode
from whosestory.screenplay import is_heading, is_transition, looks_like_cue, parse_heading

_PAGE_BREAK_RE = re.compile(r"={3,}\s*$")
# Emphasis content stops at the next marker, which keeps matching linear on hostile text;
# nested emphasis (``*a **b** c*``) is undone from the inside out, one pass per level.
_STARS_RE = re.compile(r"(\*{1,3})(?=[^\s*])([^*]+?)(?<=[^\s*])\1(?!\*)")
_UNDERLINE_RE = re.compile(r"(?<![\w\\])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?!\w)")
# A title-page key: a short label at the start of the line, then ':' (or the
# full-width '：' that Japanese scripts use).
_TITLE_KEY_RE = re.compile(r"(\w[\w'()\-]*(?: [\w'()\-]+){0,2})\s*[:：][ \t]*(.*)$")
# Lower-case letters a real cue may contain besides its extensions (McCLANE, O'REILLY'S).
_MIXED_CUE_RE = re.compile(r"Mc|Mac|['’]s\b|\b[a-z]{1,3} [A-Z]")
_NOTE_MARK = "\x00"  # stands in for a note that fills its own line(s)
_MARKS = frozenset("!.#=>~")  # first characters that force an element
_HEADING_INITIALS = frozenset("IEieИНЭинэ")  # INT, EXT, EST, I/E, INTERIOR; ИНТ, НАТ, ЭКСТ
# Bound once: attribute look-ups on the enum class cost time in the hot loops.
_ACTION, _DIALOGUE, _PARENTHETICAL, _LYRIC = (
    Kind.ACTION,
    Kind.DIALOGUE,
    Kind.PARENTHETICAL,
    Kind.LYRIC,
)
_HEADING, _TRANSITION, _CENTERED, _NOTE = Kind.HEADING, Kind.TRANSITION, Kind.CENTERED, Kind.NOTE
_SECTION, _SYNOPSIS, _PAGE_BREAK = Kind.SECTION, Kind.SYNOPSIS, Kind.PAGE_BREAK


# ---------------------------------------------------------------- markup


def strip_emphasis(text: str) -> str:
    """Remove ``*italic*``, ``**bold**``, ``***both***`` and ``_underline_`` markers.

    Backslash-escaped ``\\*`` and ``\\_`` stay as literal characters; an
    unmatched marker is left as written, as the spec says.
    """
    if "\\" in text:
        text = text.replace("\\*", "\ue000").replace("\\_", "\ue001")
    for _ in range(3):
        if "*" not in text:
            break
        text, count = _STARS_RE.subn(r"\2", text)
        if not count:
            break
    if "_" in text:
        text = _UNDERLINE_RE.sub(r"\1", text)
    if "\ue000" in text or "\ue001" in text:
        text = text.replace("\ue000", "*").replace("\ue001", "_")
    return text


def _keep(kept: list[str], piece: str) -> None:
    """Add text left around a removed span, without doubling the space it sat in."""
    if kept and piece[:1] in (" ", "\t") and (not kept[-1] or kept[-1][-1] in " \t"):
        piece = piece.lstrip(" \t")
    kept.append(piece)


def _find_closer(
    seg: str, start: int, depth: int, opener: str, closer: str, nested: bool
) -> tuple[int, int]:
    """Where the span open at `depth` closes in `seg` (-1 if not there), and the depth left.

    Boneyard nests (``/* a /* b */ c */`` is one comment), as afterwriting reads
    it; notes do not.
    """
    close = seg.find(closer, start)  # found once per closer: openers do not move it
    while True:
        if nested:
            inner = seg.find(opener, start)
            if inner >= 0 and (close < 0 or inner < close):
                depth += 1
                start = inner + len(opener)
                if 0 <= close < start:  # the closer overlapped the opener (``/*/``)
                    close = seg.find(closer, start)
                continue
        if close < 0:
            return -1, depth
        depth -= 1
        if depth == 0:
            return close, 0
        start = close + len(closer)
        close = seg.find(closer, start)


def _remove_spans(
    lines: list[str],
    opener: str,
    closer: str,
    skip: set[int],
    diagnostics: list[Diagnostic],
    may_cross_blank: bool,
) -> dict[int, tuple[int, str]]:
    """Cut ``opener ... closer`` spans out of `lines` in place.

    Lines a span swallows entirely join `skip`. A span is only recognised when
    it is closed (and, for notes, does not cross a truly empty line); otherwise
    the opener stays as literal text. Returns, for spans that fill their lines
    alone, first line index -> (last line index, inner text); their first line
    is replaced by a marker so it still counts as a non-blank line.
    """
    alone: dict[int, tuple[int, str]] = {}
    n = len(lines)
    i = 0
    while i < n:
        if opener not in lines[i] or i in skip:
            i += 1
            continue
        failed_at = -1
        kept: list[str] = []
        inner: list[str] = []
        cur, pos, last = lines[i], 0, i
        while True:
            k = cur.find(opener, pos)
            if k < 0:
                break
            end, seg, start, parts = last, cur, k + len(opener), []
            close, depth = _find_closer(seg, start, 1, opener, closer, may_cross_blank)
            while close < 0:
                parts.append(seg[start:])
                end += 1
                if end >= n or (not may_cross_blank and lines[end] == ""):
                    break
                seg, start = lines[end], 0
                close, depth = _find_closer(seg, 0, depth, opener, closer, may_cross_blank)
            if close < 0:
                diagnostics.append(
                    Diagnostic(last + 1, f"{opener} is never closed by {closer}; kept as text")
                )
                failed_at = end
                break
            parts.append(seg[start:close])
            _keep(kept, cur[pos:k])
            inner.append(" ".join(" ".join(parts).split()))
            cur, pos, last = seg, close + len(closer), end
        # After a failed scan no closer lies between the opener and where the scan
        # stopped, so no opener in between can close either: resume past that point
        # (for boneyard, the end), which keeps hostile text linear.
        resume = i + 1 if failed_at < 0 else (n if may_cross_blank else max(failed_at, i + 1))
        if not inner:
            i = resume
            continue
        _keep(kept, cur[pos:])
        text = "".join(kept)
        skip.update(range(i + 1, last + 1))
        if text.strip():
            lines[i] = text
        elif may_cross_blank:  # boneyard: the lines vanish
            skip.add(i)
        else:
            lines[i] = _NOTE_MARK
            alone[i] = (last, " ".join(t for t in inner if t))
        i = max(last + 1, resume)
    return alone


# ---------------------------------------------------------------- title page


def _read_title_page(
    lines: list[str],
    skip: set[int],
    notes: dict[int, tuple[int, str]],
    diagnostics: list[Diagnostic],
) -> tuple[tuple[tuple[str, str], ...], int]:
    """Read the ``Key: value`` block that may open the file.

    Returns the (key, value) pairs, values with emphasis stripped and indented
    continuation lines joined by newlines, and the index of the first body line.
    Notes and boneyard above the block do not stop it from being the title page.
    """
    first = 0
    while first < len(lines) and (first in skip or first in notes or not lines[first].strip()):
        first = notes[first][0] + 1 if first in notes else first + 1
    if first == len(lines):
        return (), 0
    head = lines[first]
    match = _TITLE_KEY_RE.match(head)
    if match is None or is_transition(head.strip()) or is_heading(head):
        return (), 0
    pairs: list[list[str]] = []
    i = first
    while i < len(lines):
        line = lines[i]
        if i in skip:
            i += 1
            continue
        if not line.strip() or i in notes:
            break
        indented = line[:1] in " \t"
        match = None if indented else _TITLE_KEY_RE.match(line)
        if match is not None:
            pairs.append([match.group(1).strip(), match.group(2).strip()])
        elif indented:
            value = pairs[-1][1]
            pairs[-1][1] = f"{value}\n{line.strip()}" if value else line.strip()
        else:  # the block runs into the script: it was never a title page
            diagnostics.append(
                Diagnostic(
                    i + 1,
                    "a 'Key: value' line opens the file but no blank line ends it; "
                    "read as script, not as a title page",
                )
            )
            return (), 0
        i += 1
    if not any(v for _, v in pairs):  # "Cut to:" alone is a line of script, not a title page
        return (), 0
    return tuple((k, strip_emphasis(v)) for k, v in pairs), i


# ---------------------------------------------------------------- body


class _Body:
    """The body parser: one cursor over the lines, appending elements in order.

    Every multi-line element runs to the next blank line, so each element starts
    after a blank line or after a one-line element (heading, transition,
    section...): the cursor never needs to look back.
    """

    def __init__(
        self,
        lines: list[str],
        skip: set[int],
        notes: dict[int, tuple[int, str]],
        diagnostics: list[Diagnostic],
    ) -> None:
        self.lines = lines
        self.skip = skip
        self.notes = notes
        self.diagnostics = diagnostics
        self.elements: list[Element] = []
        self.cue_cache: dict[str, bool] = {}
        self.deferred: list[int] = []  # notes met inside a paragraph or speech

    # ------------------------------------------------------------ helpers

    def _next(self, i: int) -> str:
        """The stripped text of the next line that is not skipped ('' at the end)."""
        i += 1
        skip = self.skip
        while i in skip:
            i += 1
        return self.lines[i].strip() if i < len(self.lines) else ""

    def _emit(
        self,
        kind: Kind,
        text: str,
        start: int,
        end: int,
        cue: str | None = None,
        dual: bool = False,
        number: str | None = None,
    ) -> None:
        """Append an element; `start` and `end` are 0-based line indexes."""
        if self.deferred and self.deferred[0] < start:
            self._flush_notes(start)  # keep elements in source order
        if "*" in text or "_" in text or "\\" in text:
            text = strip_emphasis(text)
        span = Span(start + 1, end + 1)
        self.elements.append(Element(kind, text, span, cue, None, (), dual, None, number))

    def _flush_notes(self, before: int | None = None) -> None:
        """Emit the deferred notes (only those above line index `before`, if given)."""
        keep = []
        for i in self.deferred:
            if before is not None and i >= before:
                keep.append(i)
                continue
            end, text = self.notes[i]
            self.elements.append(Element(_NOTE, text, Span(i + 1, end + 1)))
        self.deferred[:] = keep

    def _may_be_cue(self, text: str) -> bool:
        """True when `text` reads as a cue by its letters (the caller checks the layout).

        A lower-case second letter rules out most action paragraphs before the
        full rule in `looks_like_cue` (whose answers are cached) is asked.
        """
        if text[0] == "@":
            return len(text) > 1
        if len(text) > 50 or (len(text) > 1 and text[1].islower() and text[:2] != "Mc"):
            return False  # looks_like_cue says no to these too, but slower
        cached = self.cue_cache.get(text)
        if cached is None:
            head = text.split("(", 1)[0]
            cased = head.upper() == head or bool(_MIXED_CUE_RE.search(head))
            cached = cased and looks_like_cue(text)
            self.cue_cache[text] = cached
        return cached

    # ------------------------------------------------------------ main loop

    def parse(self, i: int) -> list[Element]:
        """Read the body from line index `i` to the end."""
        lines, skip, notes = self.lines, self.skip, self.notes
        special = bool(skip or notes)
        n = len(lines)
        while i < n:
            if special:
                if i in skip:
                    i += 1
                    continue
                if i in notes:
                    self.deferred.append(i)
                    self._flush_notes()
                    i = notes[i][0] + 1
                    continue
            s = lines[i].strip()
            if not s:
                i += 1
                continue
            i = self._element(i, s)
            if self.deferred:
                self._flush_notes()
        return self.elements

    def _element(self, i: int, s: str) -> int:
        """Read the element starting at line `i` (text `s`); return the next line index."""
        c = s[0]
        if c in _MARKS:
            return self._marked(i, s, c)
        bare = strip_emphasis(s) if c in "*_" else s  # **FADE IN:** is still a transition
        if bare[:1] in _HEADING_INITIALS and is_heading(bare):
            nxt = self._next(i)
            if not nxt:
                return self._heading(i, bare)
            if bare.upper() == bare and not is_heading(nxt):  # no lower case: a heading
                # whatever follows, except another heading line: the spec wants a blank
                # line after each, and two stacked ones are a paragraph of action
                self.diagnostics.append(
                    Diagnostic(i + 1, "scene heading not followed by a blank line")
                )
                return self._heading(i, bare)
            if is_heading(nxt):
                message = "scene heading followed by another with no blank line; read as action"
                self.diagnostics.append(Diagnostic(i + 1, message))
                return self._action(i, s)
        if self._may_be_cue(s) and self._next(i):
            return self._speech(i, s)
        if bare.isupper() and is_transition(bare):
            if bare.endswith("TO:") and self.lines[i].rstrip("\r\n")[-1:].isspace():
                # Fountain's reference parser: "TO:" then spaces is not a transition
                message = "transition ends in spaces; read as action, as Fountain's reference does"
                self.diagnostics.append(Diagnostic(i + 1, message))
                return self._action(i, s)
            nxt = self._next(i)
            if not nxt or (nxt[0] == "." and nxt[1:2].isalnum()) or is_heading(nxt):
                self._emit(_TRANSITION, bare, i, i)
                return i + 1
            self.diagnostics.append(
                Diagnostic(i + 1, "transition not followed by a blank line; read as action")
            )
        return self._action(i, s)

    def _marked(self, i: int, s: str, c: str) -> int:
        """Read an element that opens with one of Fountain's forcing characters."""
        if c == "!":
            return self._action(i, s[1:].lstrip())
        if c == "." and len(s) > 1 and s[1].isalnum():
            return self._heading(i, s[1:])
        if c == "#":
            self._emit(_SECTION, s.lstrip("#").strip(), i, i)
            return i + 1
        if c == "=":
            if _PAGE_BREAK_RE.match(s):
                self._emit(_PAGE_BREAK, "", i, i)
            else:
                self._emit(_SYNOPSIS, s.lstrip("=").strip(), i, i)
            return i + 1
        if c == ">" and len(s) > 1:
            if s[-1] == "<":
                return self._centered(i)
            self._emit(_TRANSITION, s[1:].strip(), i, i)
            return i + 1
        if c == "~":
            return self._lyrics(i, s)
        return self._action(i, s)  # "." before a non-letter, a lone ">": plain action

    def _heading(self, i: int, text: str) -> int:
        if "#" in text:  # a scene number, perhaps: `parse_heading` knows their form
            heading = parse_heading(text)
            self._emit(_HEADING, heading.text, i, i, number=heading.number)
        else:
            self._emit(_HEADING, " ".join(text.split()), i, i)
        return i + 1

    def _gather(self, i: int, first: str) -> tuple[list[str], int, int]:
        """Collect a paragraph's stripped lines from `i` until a blank line.

        Returns the lines, the index of the last line used and the index after
        it. A page break or a centered line ends the paragraph early; notes met
        on the way are deferred until the paragraph is emitted.
        """
        lines, skip, notes = self.lines, self.skip, self.notes
        special = bool(skip or notes)
        n = len(lines)
        parts = [first] if first else []
        end = i
        j = i + 1
        while j < n:
            if special:
                if j in skip:
                    j += 1
                    continue
                if j in notes:
                    self.deferred.append(j)
                    end = notes[j][0]
                    j = end + 1
                    continue
            s = lines[j].strip()
            if not s:
                break
            c = s[0]
            if c == "=" and _PAGE_BREAK_RE.match(s):
                break
            if c == ">" and s[-1] == "<" and len(s) > 1:
                break
            if c == "!":
                s = s[1:].lstrip()
            if s:
                parts.append(s)
            end = j
            j += 1
        return parts, end, j

    def _action(self, i: int, first: str) -> int:
        parts, end, j = self._gather(i, first)
        if parts:
            self._emit(_ACTION, " ".join(parts), i, end)
        return j

    def _lyrics(self, i: int, first: str) -> int:
        parts, end, j = self._gather(i, first)
        text = " ".join(p[1:].strip() if p[0] == "~" else p for p in parts)
        if text:
            self._emit(_LYRIC, text, i, end)
        return j

    def _centered(self, i: int) -> int:
        lines, skip, n = self.lines, self.skip, len(self.lines)
        parts = []
        end = j = i
        while j < n:
            if j in skip:
                j += 1
                continue
            s = lines[j].strip()
            if not (len(s) > 1 and s[0] == ">" and s[-1] == "<"):
                break
            inner = s[1:-1].strip()
            if inner:
                parts.append(inner)
            end = j
            j += 1
        if parts:
            self._emit(_CENTERED, " ".join(parts), i, end)
        return j

    def _speech(self, i: int, raw_cue: str) -> int:
        """Read a cue and everything under it up to the next blank line.

        Dialogue lines run together into one DIALOGUE element until a
        parenthetical or a lyric interrupts them; each carries the cue.
        """
        dual = raw_cue[-1] == "^"
        cue = " ".join((raw_cue[:-1] if dual else raw_cue).split())
        lines, skip, notes = self.lines, self.skip, self.notes
        special = bool(skip or notes)
        n = len(lines)
        buf: list[str] = []
        buf_kind = _DIALOGUE
        buf_start = buf_end = i + 1
        j = i + 1
        while j < n:
            if special:
                if j in skip:
                    j += 1
                    continue
                if j in notes:
                    self.deferred.append(j)
                    j = notes[j][0] + 1
                    continue
            raw = lines[j]
            s = raw.strip()
            if not s:
                if len(raw) >= 2 and not raw.strip(" "):  # two spaces: the speech goes on
                    j += 1
                    continue
                break
            c = s[0]
            if c == "(":
                close = self._paren_end(j)
                if close >= 0:
                    if buf:
                        self._emit(buf_kind, " ".join(buf), buf_start, buf_end, cue, dual)
                        buf = []
                    text = " ".join(lines[k].strip() for k in range(j, close + 1) if k not in skip)
                    self._emit(_PARENTHETICAL, text, j, close, cue, dual)
                    j = close + 1
                    continue
                kind = _DIALOGUE
            elif c == "~":
                kind = _LYRIC
                s = s[1:].lstrip()
            elif c == "=" and _PAGE_BREAK_RE.match(s):
                break
            else:
                kind = _DIALOGUE
            if kind is not buf_kind:
                if buf:
                    self._emit(buf_kind, " ".join(buf), buf_start, buf_end, cue, dual)
                    buf = []
                buf_kind = kind
            if not buf:
                buf_start = j
            buf.append(s)
            buf_end = j
            j += 1
        if buf:
            self._emit(buf_kind, " ".join(buf), buf_start, buf_end, cue, dual)
        return j

    def _paren_end(self, j: int) -> int:
        """Last line index of a parenthetical opening at line `j`; -1 if it is not one.

        A parenthetical may wrap over a few lines (``(looking at`` / ``the sky)``);
        an opening line that already holds a ``)`` is a speech line instead.
        """
        first = self.lines[j].strip()
        if first[-1] == ")":
            return j
        if ")" in first:
            return -1
        lines, skip = self.lines, self.skip
        for k in range(j + 1, min(j + 4, len(lines))):
            if k in skip:
                continue
            s = lines[k].strip()
            if not s or s[0] == "(" or "(" in s:
                return -1
            if s[-1] == ")":
                return k
            if ")" in s:
                return -1
        return -1


# ---------------------------------------------------------------- entry point


def read(data: bytes, source: str) -> Script:
    """Read a Fountain file into a flat element stream (see the module docstring)."""
    text = decode(data, source)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    diagnostics: list[Diagnostic] = []
    skip: set[int] = set()
    notes: dict[int, tuple[int, str]] = {}
    if "/*" in text:
        _remove_spans(lines, "/*", "*/", skip, diagnostics, may_cross_blank=True)
    if "[[" in text:
        notes = _remove_spans(lines, "[[", "]]", skip, diagnostics, may_cross_blank=False)
    title_page, start = _read_title_page(lines, skip, notes, diagnostics)
    body = _Body(lines, skip, notes, diagnostics)
    body.deferred.extend(i for i in sorted(notes) if i < start)  # notes above the title page
    body._flush_notes()
    elements = body.parse(start)
    title = next(
        (" ".join(v.split()) for k, v in title_page if k.lower() == "title" and v.strip()), None
    )
    diagnostics.sort(key=lambda d: d.line or 0)
    return Script(
        format="fountain",
        source=source,
        elements=tuple(elements),
        title=title,
        title_page=title_page,
        diagnostics=tuple(diagnostics),
    )
