"""Text lines of a PDF with their positions and styles, by pypdfium2.

The extraction half of the PDF reader (`whosestory.readers.pdf`): open the
document with one-sentence errors, group pypdfium2's text rectangles into lines
and the lines into fields (runs of text separated by wide gaps), and mark each
line bold and/or underlined for the heading-style rule.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from whosestory import screenplay
from whosestory.budget import check_count
from whosestory.errors import BudgetError, ParseError
from whosestory.model import record
from whosestory.readers._inflate import check_inflated

NO_TEXT_MESSAGE = (
    "the PDF has no text layer (a scanned image?); whosestory needs a PDF with text, "
    "or the screenplay as Fountain, FDX or text."
)

_PDFIUM_ERRORS = {
    2: "the PDF file could not be opened",
    3: "the file is not a valid PDF (damaged or truncated?); expected a screenplay PDF",
    4: "the PDF is password-protected; whosestory needs an unencrypted PDF",
    5: "the PDF uses an unsupported security handler; whosestory needs an unencrypted PDF",
    6: "the PDF page data is damaged; expected a readable screenplay PDF",
}
_SCENE_NUMBER_RE = re.compile(r"^\*?(?:\d+[A-Z]{0,3}|[A-Z]\d+[A-Z]?)(?:[-/][A-Z0-9]+)?[.,]?$")
"""``12``, ``12A``, ``A12``, ``70/71``, ``12-B``, ``*12`` (a revised scene)."""
_BOLD_NAME_RE = re.compile(r"bold|black|heavy|demi|semibold", re.I)
_PLAIN: tuple[bool, bool] = (False, False)


@record
class _Field:
    """A run of text on a line, set apart from its neighbours by a wide gap."""

    x0: float
    x1: float
    text: str


class _Fielded:
    """Shared by lines and rows: the left and right edges and the text of `fields`."""

    __slots__ = ()
    fields: list[_Field]

    @property
    def x0(self) -> float:
        return self.fields[0].x0

    @property
    def x1(self) -> float:
        return self.fields[-1].x1

    @property
    def text(self) -> str:
        return " ".join(f.text for f in self.fields)


@dataclass(slots=True)
class _Line(_Fielded):
    """One text line of a page: its fields left to right and its box."""

    page: int
    number: int
    top: float
    bottom: float
    height: float
    fields: list[_Field]  # scene numbers in the margins taken off
    scene_number: str | None = None
    style: tuple[bool, bool] = _PLAIN  # (bold, underlined)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@record
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line]


def _open(data: bytes, source: str) -> pdfium.PdfDocument:
    """Open the PDF or raise one clear ParseError naming the file.

    The decompressed-data budget is checked before pdfium inflates anything, and the
    page budget before any page is read (BudgetError).
    """
    if not data.lstrip(b"\x00\t\r\n \xef\xbb\xbf")[:1024].count(b"%PDF"):
        raise ParseError(
            source, "the file is not a PDF (no %PDF header); expected a screenplay PDF."
        )
    check_inflated(data, source)
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        message = _PDFIUM_ERRORS.get(code or 0, "the PDF could not be read (damaged or truncated?)")
        raise ParseError(source, message + ".") from None
    except Exception:  # pypdfium2 may raise plain errors on hostile input
        raise ParseError(source, "the PDF could not be read (damaged or truncated?).") from None
    try:
        check_count(source, "pages", len(doc), "pages")
    except BudgetError:
        doc.close()
        raise
    return doc


_Rect = tuple[float, float, float, float, str]


def _c_function(name: str, restype: type, *argtypes: type) -> Any:
    """A pdfium function with the given prototype (a pointer result as a plain int)."""
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_TEXT_OBJECT = _c_function("FPDFText_GetTextObject", ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)


def _runs(raw: Any) -> list[tuple[int, int]]:
    """(first, last) character indexes of each run of characters of one text object.

    Generated characters (pdfium's spaces and line breaks) have no text object and
    end no run.
    """
    runs: list[tuple[int, int]] = []
    handle = ctypes.cast(raw, ctypes.c_void_p).value
    owner = first = last = None
    for index in range(pdfium_c.FPDFText_CountChars(raw)):
        obj = _TEXT_OBJECT(handle, index)
        if obj is None:
            continue
        if obj != owner:
            if first is not None and last is not None:
                runs.append((first, last))
            owner, first = obj, index
        last = index
    if first is not None and last is not None:
        runs.append((first, last))
    return runs


def _page_rects(textpage: pdfium.PdfTextPage) -> list[_Rect]:
    """Text rectangles of a page as (left, bottom, right, top, text), blank ones skipped.

    A rectangle is a run of characters of one text object, as pdfium's
    ``FPDFText_CountRects`` makes them, with its characters' text. One pass over the
    characters finds the runs: asking pdfium for each rectangle's text by its bounds
    would scan the whole page again per rectangle (quadratic). pdfium leaves out
    characters without a box; when that makes its rectangles differ from the runs,
    the runs' bounds come from their characters' boxes instead.
    """
    raw = textpage.raw
    runs = _runs(raw)
    if textpage.count_rects() == len(runs):
        bounds = [textpage.get_rect(index) for index in range(len(runs))]
    else:
        bounds = [_run_box(raw, first, last) for first, last in runs]
    rects: list[_Rect] = []
    for (first, last), box in zip(runs, bounds, strict=True):
        text = textpage.get_text_range(first, last - first + 1)
        if box is not None and text.strip():
            rects.append((box[0], box[1], box[2], box[3], text))
    return rects


def _run_box(raw: Any, first: int, last: int) -> tuple[float, float, float, float] | None:
    """The union of the boxes of a run's characters that have a box, or None."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    box: list[float] | None = None
    for index in range(first, last + 1):
        if not pdfium_c.FPDFText_GetCharBox(raw, index, *refs):
            continue
        x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
        if x1 - x0 < 0.01 or y1 - y0 < 0.01:
            continue
        if box is None:
            box = [x0, y0, x1, y1]
        else:
            box = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
    return (box[0], box[1], box[2], box[3]) if box else None


def _group_lines(rects: list[_Rect], page: int) -> list[_Line]:
    """Group rectangles that overlap vertically into lines, top of the page first.

    Each group keeps its running bottom and top, so a rectangle is compared with
    its line in constant time (linear in rectangles, after the sort).
    """
    rects.sort(key=lambda r: -(r[1] + r[3]))
    groups: list[list[_Rect]] = []
    bottom = top = 0.0
    for rect in rects:
        if groups:
            overlap = min(top, rect[3]) - max(bottom, rect[1])
            smaller = max(min(top - bottom, rect[3] - rect[1]), 0.1)
            if overlap / smaller >= 0.5:
                groups[-1].append(rect)
                bottom, top = min(bottom, rect[1]), max(top, rect[3])
                continue
        groups.append([rect])
        bottom, top = rect[1], rect[3]
    lines = []
    for group in groups:
        group.sort(key=lambda r: r[0])
        height = max(r[3] - r[1] for r in group)
        fields, scene_number = _strip_scene_numbers(_fields(group))
        lines.append(
            _Line(
                page=page,
                number=0,
                top=max(r[3] for r in group),
                bottom=min(r[1] for r in group),
                height=height,
                fields=fields,
                scene_number=scene_number,
            )
        )
    return lines


def _fields(group: list[_Rect]) -> list[_Field]:
    """Merge a line's rectangles into fields, split where the gap is wider than ~3 characters."""
    widths = [(r[2] - r[0]) / len(r[4].strip()) for r in group if len(r[4].strip()) > 2]
    char = sorted(widths)[len(widths) // 2] if widths else 7.2
    fields: list[list[Any]] = []  # [x0, x1, pieces of text]: joined once, not per rectangle
    for left, _, right, _, text in group:
        if fields and left - fields[-1][1] < 2.5 * char:
            field = fields[-1]
            last = field[2][-1]
            spaced = last[-1:].isspace() or text[:1].isspace() or left - field[1] > char / 2
            if spaced:
                field[2].append(" ")
            field[2].append(text)
            field[1] = max(field[1], right)
        else:
            fields.append([left, right, [text]])
    return [_Field(x0, x1, " ".join("".join(texts).split())) for x0, x1, texts in fields]


def _extract(doc: pdfium.PdfDocument, source: str) -> list[_Page]:
    """Every page's lines, numbered in reading order over the whole document."""
    pages = []
    number = 0
    try:
        for index in range(len(doc)):
            page = doc[index]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                lines = _group_lines(_page_rects(textpage), index + 1)
                textpage.close()
                _mark_styles(page, lines)
            finally:
                page.close()
            for line in lines:
                number += 1
                line.number = number
            pages.append(_Page(index + 1, width, height, lines))
    except pdfium.PdfiumError:
        raise ParseError(source, "the PDF page data is damaged; expected a readable PDF.") from None
    return pages


def _is_bold(obj: pdfium.PdfObject, fonts: dict[int | None, bool]) -> bool:
    """A text object set in a bold face: by the font's weight or its name (cached per font)."""
    font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
    key = ctypes.cast(font, ctypes.c_void_p).value
    if key not in fonts:
        bold = False
        if key:
            size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
            buffer = ctypes.create_string_buffer(max(size, 1))
            pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
            name = buffer.value.decode("latin-1")
            bold = pdfium_c.FPDFFont_GetWeight(font) >= 600 or bool(_BOLD_NAME_RE.search(name))
        fonts[key] = bold
    return fonts[key]


class _Rows:
    """Find the line a height on the page falls in, in about constant time.

    Each line is entered in the buckets (horizontal bands) its height spans; a
    query looks in one bucket. The band is the median line height, but at least a
    4096th of the page, so that no line spans more than 4096 bands.
    """

    def __init__(self, spans: list[tuple[float, float]], page_height: float) -> None:
        heights = sorted(top - bottom for bottom, top in spans) or [1.0]
        self.band = max(heights[len(heights) // 2], page_height / 4096, 0.05)
        self.buckets: dict[int, list[int]] = {}
        for index, (bottom, top) in enumerate(spans):
            for key in range(self._key(bottom), self._key(top) + 1):
                self.buckets.setdefault(key, []).append(index)

    def _key(self, y: float) -> int:
        return int(y // self.band)

    def near(self, low: float, high: float) -> list[int]:
        """Indexes of the lines entered in the bands from `low` to `high`, in order."""
        found: set[int] = set()
        for key in range(self._key(low), self._key(high) + 1):
            found.update(self.buckets.get(key, ()))
        return sorted(found)


def _mark_styles(page: pdfium.PdfPage, lines: list[_Line]) -> None:
    """Mark each line bold (all its text objects bold) and underlined (a rule under most of it).

    One pass over the page objects; each object goes to the first line its middle
    falls in, found through `_Rows`, and each line looks only at the rules near its
    foot: linear in objects and lines.
    """
    if not lines:
        return
    height = page.get_height()
    rows = _Rows([(line.bottom, line.top) for line in lines], height)
    bold: dict[int, list[bool]] = {}
    fonts: dict[int | None, bool] = {}
    rules: list[tuple[float, float, float]] = []
    kinds = (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH)
    for obj in page.get_objects(filter=kinds, max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            if top - bottom <= 3 and right - left >= 6:
                rules.append((left, right, (top + bottom) / 2))
            continue
        middle = (top + bottom) / 2
        for index in rows.near(middle, middle):
            line = lines[index]
            if line.bottom <= middle <= line.top:
                bold.setdefault(index, []).append(_is_bold(obj, fonts))
                break
    by_height = _Rows([(y, y) for _, _, y in rules], height)
    for index, line in enumerate(lines):
        under = 0.0
        for rule in by_height.near(line.bottom - 4, line.bottom + 3):
            left, right, y = rules[rule]
            if line.bottom - 4 <= y <= line.bottom + 3:
                under += min(right, line.x1) - max(left, line.x0)
        marks = bold.get(index, [])
        line.style = (bool(marks) and all(marks), under >= 0.8 * (line.x1 - line.x0))


def _strip_scene_numbers(fields: list[_Field]) -> tuple[list[_Field], str | None]:
    """Take scene numbers off either margin of a line: ``12  INT. HOUSE - DAY  12``."""
    number = None
    if len(fields) > 1 and _SCENE_NUMBER_RE.match(fields[0].text):
        number = fields[0].text.rstrip(".,").lstrip("*")
        fields = fields[1:]
    if len(fields) > 1 and _SCENE_NUMBER_RE.match(fields[-1].text):
        number = number or fields[-1].text.rstrip(".,").lstrip("*")
        fields = fields[:-1]
    if len(fields) == 1 and number is None:
        match = re.match(r"^(\d+[A-Z]{0,3})\.?\s+(\S.*?)(?:\s+\1\.?)?$", fields[0].text)
        if match and screenplay.is_heading(match.group(2)):
            # one text run: the number sits before the heading with no wide gap
            width = (fields[0].x1 - fields[0].x0) / max(len(fields[0].text), 1)
            skip = len(fields[0].text) - len(fields[0].text.lstrip("0123456789ABCDEFGHIJ. "))
            field = _Field(fields[0].x0 + skip * width, fields[0].x1, match.group(2))
            return [field], match.group(1)
    return fields, number
