"""Read a typeset screenplay PDF by where its lines sit on the page.

A screenplay's layout carries its structure: action starts at the left margin,
cues sit far right of it, dialogue between the two, parentheticals just left of
the cue, transitions flush right. The reader pulls every text line with its left
edge from the PDF (pypdfium2, measured ~10x faster than pdfminer.six on a feature
script), learns the script's columns from a histogram of left edges, drops page
furniture (page numbers, CONTINUED, (MORE) and the CONT'D cue that repeats a
speaker over a page break; `whosestory.readers._furniture` says what is furniture,
for this reader and the plain-text one) and joins lines into paragraphs.

Scene headings are known by their words (``screenplay.is_heading``). A heading
without INT./EXT. (a Fountain forced heading, ``BACK IN THE APARTMENT``) is known
only when the PDF typesets headings in a style of their own: the reader learns
the style (bold, underlined) of the lines ``is_heading`` accepts, and when that
style marks headings and almost no action, an upper-case line standing alone at
the action column in that style is a heading too (with a Diagnostic). A PDF that
sets headings exactly like action (screenplain's default) gives no such mark, so
there an upper-case line stays action: "THE DOOR SLAMS." must not start a scene.

Line numbers are a running count over the extracted lines (1-based, furniture
included), and every element carries its page.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from whosestory import screenplay
from whosestory.errors import ParseError
from whosestory.model import Diagnostic, Element, Kind, Script, Span, record
from whosestory.readers._furniture import is_continued, is_more, is_page_number
from whosestory.readers._pdf_text import (
    _PLAIN,
    NO_TEXT_MESSAGE,
    _extract,
    _Field,
    _Fielded,
    _Line,
    _open,
    _Page,
)

_TOLERANCE = 4.0  # points: left edges within this distance share a column


# ---------------------------------------------------------------- layout


@record
class _Layout:
    """The columns a script is typeset on, learned from where its lines start."""

    action: float
    dialogue: float | None
    parenthetical: float | None
    cue: float | None
    right: float
    center: float  # the middle of the text area, where centered text is centered
    pitch: float
    heading_style: tuple[bool, bool] | None = None  # a style only headings wear, if any


def _clusters(values: list[float]) -> list[tuple[float, int]]:
    """Group positions within the tolerance: (mean position, count), left to right."""
    clusters: list[list[float]] = []
    for value in sorted(values):
        if clusters and value - clusters[-1][0] <= _TOLERANCE:
            clusters[-1].append(value)
        else:
            clusters.append([value])
    return [(sum(c) / len(c), len(c)) for c in clusters]


def _column_of(x: float, clusters: list[tuple[float, int]]) -> float | None:
    """The first cluster (left to right) within the tolerance of `x`, found by bisection."""
    start = bisect.bisect_left(clusters, (x - _TOLERANCE, -1))
    for position, _ in clusters[start : start + 3]:
        if abs(x - position) <= _TOLERANCE:
            return position
    return None


def _learn_layout(pages: list[_Page]) -> _Layout:
    """Learn the action, cue, dialogue and parenthetical columns from the lines' left edges."""
    lines = [line for page in pages for line in page.lines]
    clusters = _clusters([line.x0 for line in lines])
    big = [c for c in clusters if c[1] >= max(3, 0.03 * len(lines))] or clusters
    action = big[0][0]
    cue_votes: Counter[float] = Counter()
    after_cue: Counter[float] = Counter()
    paren_votes: Counter[float] = Counter()
    for page in pages:
        for line, nxt in zip(page.lines, page.lines[1:], strict=False):
            column = _column_of(line.x0, big)
            if column is None or column <= action + _TOLERANCE or len(line.fields) > 1:
                continue
            if screenplay.looks_like_cue(line.text) and nxt.x0 < line.x0 - _TOLERANCE:
                cue_votes[column] += 1
                after = _column_of(nxt.x0, clusters)
                if after is not None:
                    (paren_votes if nxt.text.startswith("(") else after_cue)[after] += 1
    cue = cue_votes.most_common(1)[0][0] if cue_votes else None
    dialogue = after_cue.most_common(1)[0][0] if after_cue else None
    paren = paren_votes.most_common(1)[0][0] if paren_votes else None
    rights = sorted(line.x1 for line in lines)
    right = rights[int(len(rights) * 0.98)] if rights else pages[0].width - 72
    center = (action + right) / 2
    return _Layout(
        action, dialogue, paren, cue, right, center, _pitch(pages), _heading_style(lines, action)
    )


def _heading_style(lines: list[_Line], action: float) -> tuple[bool, bool] | None:
    """The style the script sets its scene headings in, when that style marks headings only.

    Learnt from the lines ``is_heading`` accepts at the action column: at least two,
    four in five of them in one style that is not plain, and at most one action
    line in twenty (lines with lower case) in it. Otherwise None: no mark to go by.
    """
    at_action = [line for line in lines if _near(line.x0, action) and len(line.fields) == 1]
    headings = Counter(line.style for line in at_action if screenplay.is_heading(line.text))
    if not headings:
        return None
    style, count = headings.most_common(1)[0]
    if style == _PLAIN or count < 2 or count < 0.8 * sum(headings.values()):
        return None
    prose = [line for line in at_action if any(ch.islower() for ch in line.text)]
    if sum(1 for line in prose if line.style == style) > 0.05 * len(prose):
        return None
    return style


def _pitch(pages: list[_Page]) -> float:
    """The usual distance between consecutive lines of a paragraph (12pt for Courier 12)."""
    gaps: Counter[int] = Counter()
    for page in pages:
        for above, below in zip(page.lines, page.lines[1:], strict=False):
            gaps[round(above.middle - below.middle)] += 1
    # a gap and its neighbours are one spacing (a line's middle rounds either way); the
    # blank line between paragraphs is twice the pitch, and a script of one-line speeches
    # has about as many of them: the smallest spacing that is common is the pitch
    near = {g: gaps[g - 1] + gaps[g] + gaps[g + 1] for g in range(6, 31)}
    common = max(near.values())
    if not common:
        return 12.0
    peaks = [
        g
        for g, n in near.items()
        if n >= common / 2 and gaps[g] == max(gaps[g - 1], gaps[g], gaps[g + 1])
    ]
    return float(min(peaks, default=max(near, key=near.__getitem__)))


# ---------------------------------------------------------------- page furniture


@dataclass(slots=True)
class _Row(_Fielded):
    """A content line: furniture and scene numbers removed, with its gap above."""

    line: _Line
    fields: list[_Field]
    number: str | None = None
    gap: bool = True
    page_top: bool = False
    after_more: bool = False


def _is_page_number(line: _Line, page: _Page, layout: _Layout) -> bool:
    """A bare number (``12.``, ``Page 3``) first or last on a page, right of the action column."""
    if line is not page.lines[0] and line is not page.lines[-1]:
        return False
    return is_page_number(line.text) and line.x0 > layout.action + 4 * _TOLERANCE


def _rows(pages: list[_Page], layout: _Layout) -> list[_Row]:
    """Content rows of the whole script, furniture dropped, paragraph gaps marked."""
    rows: list[_Row] = []
    more = False
    for page in pages:
        previous: _Line | None = None
        first = True
        for line in page.lines:
            if _is_page_number(line, page, layout):
                continue
            text = line.text
            if is_more(text):
                more = True
                continue
            if is_continued(text):
                continue
            gap = previous is None or previous.middle - line.middle > 1.5 * layout.pitch
            rows.append(
                _Row(line, line.fields, line.scene_number, gap, first, after_more=more and first)
            )
            if first:
                more = False
            first = False
            previous = line
    return rows


# ---------------------------------------------------------------- classification


def _near(x: float, column: float | None) -> bool:
    return column is not None and abs(x - column) <= _TOLERANCE


def _is_cue(row: _Row, nxt: _Row | None, layout: _Layout) -> bool:
    """A cue: cue-like text after a blank line, with the speech right under it, further left."""
    if not (row.gap and nxt is not None and not nxt.gap and len(row.fields) == 1):
        return False
    if not screenplay.looks_like_cue(row.text):
        return False
    if not layout.action + _TOLERANCE < nxt.x0 < row.x0 - _TOLERANCE:
        return False
    return layout.cue is None or _near(row.x0, layout.cue) or row.x0 > layout.center - 72


def _is_styled_heading(row: _Row, nxt: _Row | None, layout: _Layout) -> bool:
    """A heading without INT./EXT., known by the style the script sets its headings in.

    Upper case, short, alone at the action column between blank lines, and in the
    style (bold, underlined) that the script's INT./EXT. headings wear and its
    action does not (see `_heading_style`).
    """
    if layout.heading_style is None or row.line.style != layout.heading_style:
        return False
    text = row.text
    if not (row.gap and (nxt is None or nxt.gap) and len(row.fields) == 1):
        return False
    if not _near(row.x0, layout.action) or len(text) > 80 or text.upper() != text:
        return False
    return any(ch.isalpha() for ch in text) and not screenplay.is_transition(text)


def _standalone_heading(row: _Row, nxt: _Row | None, layout: _Layout) -> str | None:
    """``screenplay.unmarked_heading`` of a row alone at the action column between
    blank lines, as the plain-text reader reads such lines."""
    if not (row.gap and (nxt is None or nxt.gap) and len(row.fields) == 1):
        return None
    return screenplay.unmarked_heading(row.text) if _near(row.x0, layout.action) else None


def _is_dual_cue(row: _Row, layout: _Layout) -> bool:
    """Two cues side by side on one line: a dual-dialogue pair."""
    if not row.gap or len(row.fields) != 2:
        return False
    left, right = row.fields
    return (
        left.x0 < layout.center <= right.x0
        and screenplay.looks_like_cue(left.text)
        and screenplay.looks_like_cue(right.text)
    )


def _is_right_aligned(row: _Row, layout: _Layout) -> bool:
    return (
        row.x1 >= layout.right - 2 * _TOLERANCE
        and row.x0 > layout.center
        and row.text.upper() == row.text
        and not _near(row.x0, layout.cue)
    )


def _is_centered(row: _Row, layout: _Layout) -> bool:
    columns = (layout.action, layout.dialogue, layout.parenthetical, layout.cue)
    if any(_near(row.x0, c) for c in columns):
        return False
    return abs((row.x0 + row.x1) / 2 - layout.center) <= 3 * _TOLERANCE


# ---------------------------------------------------------------- assembly


@dataclass(slots=True)
class _Paragraph:
    kind: Kind
    texts: list[str]
    first: _Row
    last: _Row
    cue: str | None = None
    dual: bool = False
    number: str | None = None


class _Assembler:
    """Walks the rows once, keeping the current speaker, and emits elements."""

    def __init__(self, layout: _Layout) -> None:
        self.layout = layout
        self.elements: list[Element] = []
        self.diagnostics: list[Diagnostic] = []
        self.open: _Paragraph | None = None
        self.cue: str | None = None  # the speaker while a speech is open

    def flush(self) -> None:
        para, self.open = self.open, None
        if para is None:
            return
        self.elements.append(
            Element(
                para.kind,
                " ".join(para.texts),
                Span(para.first.line.number, para.last.line.number),
                cue=para.cue,
                dual=para.dual,
                page=para.first.line.page,
                number=para.number,
            )
        )

    def add(self, kind: Kind, row: _Row, text: str, **extra: object) -> None:
        """Continue the open paragraph of this kind, or open a new one."""
        para = self.open
        same = para is not None and para.kind is kind and para.cue == extra.get("cue")
        joinable = kind in (Kind.ACTION, Kind.DIALOGUE, Kind.PARENTHETICAL, Kind.CENTERED)
        continued = row.page_top and kind in (Kind.DIALOGUE, Kind.PARENTHETICAL)
        if same and joinable and (not row.gap or continued) and para is not None:
            if kind is Kind.PARENTHETICAL and para.texts[-1].endswith(")"):
                pass  # a new parenthetical right after a closed one
            elif kind is Kind.ACTION and abs(row.x0 - para.first.x0) > _TOLERANCE:
                pass  # a change of indent inside action starts a new paragraph
            else:
                para.texts.append(text)
                para.last = row
                return
        self.flush()
        self.open = _Paragraph(kind, [text], row, row, **extra)  # type: ignore[arg-type]

    def run(self, rows: list[_Row]) -> None:
        index = 0
        while index < len(rows):
            row = rows[index]
            nxt = rows[index + 1] if index + 1 < len(rows) else None
            if _is_dual_cue(row, self.layout):
                index = self.dual(rows, index)
                continue
            self.step(row, nxt)
            index += 1
        self.flush()

    def step(self, row: _Row, nxt: _Row | None) -> None:
        layout, text = self.layout, row.text
        if self.cue and row.page_top and self.continues_speech(row, nxt):
            return
        if row.gap and not row.page_top:
            self.cue = None
        standalone = None if screenplay.is_heading(text) else _standalone_heading(row, nxt, layout)
        if (screenplay.is_heading(text) and (layout.cue is None or row.x0 < layout.cue)) or (
            standalone
        ):
            self.cue = None
            self.flush()
            self.add(Kind.HEADING, row, standalone or text, number=row.number)
            self.flush()
        elif _is_styled_heading(row, nxt, layout):
            self.cue = None
            self.flush()
            self.diagnostics.append(
                Diagnostic(
                    row.line.number,
                    "upper-case line set in the script's heading style; read as a scene heading",
                )
            )
            self.add(Kind.HEADING, row, text, number=row.number)
            self.flush()
        elif screenplay.is_transition(text) or (
            _is_right_aligned(row, layout) and not self.cue and len(text) < 30
        ):
            self.cue = None
            self.add(Kind.TRANSITION, row, text)
            self.flush()
        elif _is_cue(row, nxt, layout):
            self.flush()
            self.cue = text
        elif self.cue and row.x0 > layout.action + _TOLERANCE:
            para = self.open
            in_paren = (
                para is not None
                and para.kind is Kind.PARENTHETICAL
                and not para.texts[-1].endswith(")")
            )
            kind = Kind.PARENTHETICAL if text.startswith("(") or in_paren else Kind.DIALOGUE
            self.add(kind, row, text, cue=self.cue)
        else:
            self.cue = None
            kind = Kind.CENTERED if _is_centered(row, layout) else Kind.ACTION
            self.add(kind, row, text)

    def continues_speech(self, row: _Row, nxt: _Row | None) -> bool:
        """A page opens with the open speech's cue again (CONT'D): keep the speech going."""
        assert self.cue is not None
        if not (_is_cue(row, nxt, self.layout) or screenplay.looks_like_cue(row.text)):
            return False
        same = screenplay.parse_cue(row.text).name == screenplay.parse_cue(self.cue).name
        contd = row.after_more or bool(re.search(r"CONT", row.text, re.I))
        if not (same and contd):
            return False
        if nxt is not None and self.open is not None:
            nxt.gap = False  # the speech's next line joins the paragraph the page cut
        return True

    def dual(self, rows: list[_Row], index: int) -> int:
        """Emit a side-by-side pair: the left speech, then the right one with dual=True."""
        self.flush()
        self.cue = None
        head = rows[index]
        split = (head.fields[0].x1 + head.fields[1].x0) / 2
        split = min(split, self.layout.center)
        sides: list[list[tuple[_Row, list[_Field]]]] = [[], []]
        index += 1
        while index < len(rows) and not rows[index].gap:
            row = rows[index]
            left = [f for f in row.fields if f.x0 < split]
            right = [f for f in row.fields if f.x0 >= split]
            for side, fields in zip(sides, (left, right), strict=True):
                if fields:
                    side.append((row, fields))
            index += 1
        for cue_field, side, dual in zip(head.fields, sides, (False, True), strict=True):
            for row, fields in side:
                text = " ".join(f.text for f in fields)
                para = self.open
                in_paren = (
                    para is not None
                    and para.kind is Kind.PARENTHETICAL
                    and not para.texts[-1].endswith(")")
                )
                kind = Kind.PARENTHETICAL if text.startswith("(") or in_paren else Kind.DIALOGUE
                self.add(
                    kind, _Row(row.line, fields, gap=False), text, cue=cue_field.text, dual=dual
                )
            self.flush()
        return index


# ---------------------------------------------------------------- title page

_CREDIT_RE = re.compile(
    r"^(?:an?\s+)?(?:original\s+)?(?:screenplay|teleplay|written|story)?\s*by$", re.I
)
_SOURCE_RE = re.compile(r"^(?:based on|adapted from|story by)\b", re.I)
_DATE_RE = re.compile(r"\b(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|(?:19|20)\d\d|draft)\b", re.I)
_COPYRIGHT_RE = re.compile(r"^(?:\(c\)|©|copyright)", re.I)


def _is_title_page(page: _Page, layout: _Layout, pages: int) -> bool:
    """The first page is a title page when it has no heading and no cue, only loose lines."""
    if pages < 2 or not page.lines:
        return False
    for line, nxt in zip(page.lines, [*page.lines[1:], None], strict=True):
        if screenplay.is_heading(line.text):
            return False
        if (
            nxt is not None
            and screenplay.looks_like_cue(line.text)
            and _near(line.x0, layout.cue)
            and line.middle - nxt.middle <= 1.5 * layout.pitch
            and nxt.x0 < line.x0
        ):
            return False
    return any(abs(line.middle - page.height / 2) < page.height / 3 for line in page.lines)


def _title_page(page: _Page, layout: _Layout) -> tuple[str | None, list[tuple[str, str]]]:
    """The title (the largest, else the first centered text) and the pairs that are recognisable."""
    lines = page.lines
    heights = sorted(line.height for line in lines)
    tallest = heights[-1]
    if tallest > 1.2 * heights[len(heights) // 2]:
        title_lines = [line for line in lines if line.height >= tallest - 1]
    else:
        centered = [line for line in lines if abs((line.x0 + line.x1) / 2 - layout.center) < 12]
        title_lines = centered[:1]
    title = " ".join(line.text for line in title_lines) or None
    pairs: list[tuple[str, str]] = [("Title", title)] if title else []
    expect_author = False
    contact: list[str] = []
    in_title = {id(line) for line in title_lines}
    for line in lines:
        if id(line) in in_title:
            continue
        text = line.text
        if _CREDIT_RE.match(text):
            pairs.append(("Credit", text))
            expect_author = True
            continue
        if expect_author:
            pairs.append(("Author", text))
        elif _SOURCE_RE.match(text):
            pairs.append(("Source", text))
        elif _COPYRIGHT_RE.match(text):
            pairs.append(("Copyright", text))
        elif _near(line.x0, layout.action) and _DATE_RE.search(text) and not contact:
            pairs.append(("Draft date", text))
        elif _near(line.x0, layout.action) or line.x0 > layout.center:
            contact.append(text)
        elif pairs and pairs[-1][0] == "Notes":
            pairs[-1] = ("Notes", f"{pairs[-1][1]} {text}")
        else:
            pairs.append(("Notes", text))
        expect_author = False
    if contact:
        pairs.append(("Contact", "\n".join(contact)))
    return title, pairs


# ---------------------------------------------------------------- entry point


def read(data: bytes, source: str) -> Script:
    """Read a screenplay PDF into a flat element stream (see the module docstring)."""
    doc = _open(data, source)
    try:
        pages = _extract(doc, source)
    finally:
        doc.close()
    if not any(page.lines for page in pages):
        raise ParseError(source, NO_TEXT_MESSAGE)
    layout = _learn_layout(pages)
    title, title_page = None, []
    if _is_title_page(pages[0], layout, len(pages)) and any(page.lines for page in pages[1:]):
        first, pages = pages[0], pages[1:]
        layout = _learn_layout(pages)
        title, title_page = _title_page(first, layout)
    assembler = _Assembler(layout)
    assembler.run(_rows(pages, layout))
    diagnostics = list(assembler.diagnostics)
    if layout.cue is None:
        diagnostics.append(Diagnostic(None, "found no cue column; every line was read as action"))
    return Script(
        format="pdf",
        source=source,
        elements=tuple(assembler.elements),
        title=title,
        title_page=tuple(title_page),
        diagnostics=tuple(diagnostics),
    )
