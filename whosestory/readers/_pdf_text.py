"""Text lines of a PDF with their positions and styles, by pypdfium2.

The extraction half of the PDF reader (`whosestory.readers.pdf`): open the
document with one-sentence errors, group pypdfium2's text rectangles into lines
and the lines into fields (runs of text separated by wide gaps), and mark each
line bold and/or underlined for the heading-style rule.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from whosestory import screenplay
from whosestory.errors import ParseError

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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line]


def _open(data: bytes, source: str) -> pdfium.PdfDocument:
    """Open the PDF or raise one clear ParseError naming the file."""
    if not data.lstrip(b"\x00\t\r\n \xef\xbb\xbf")[:1024].count(b"%PDF"):
        raise ParseError(
            source, "the file is not a PDF (no %PDF header); expected a screenplay PDF."
        )
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        message = _PDFIUM_ERRORS.get(code or 0, "the PDF could not be read (damaged or truncated?)")
        raise ParseError(source, message + ".") from None
    except Exception:  # pypdfium2 may raise plain errors on hostile input
        raise ParseError(source, "the PDF could not be read (damaged or truncated?).") from None


def _page_rects(textpage: pdfium.PdfTextPage) -> Iterator[tuple[float, float, float, float, str]]:
    """Text rectangles of a page as (left, bottom, right, top, text), blank ones skipped."""
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top)
        if text.strip():
            yield left, bottom, right, top, text


def _group_lines(rects: list[tuple[float, float, float, float, str]], page: int) -> list[_Line]:
    """Group rectangles that overlap vertically into lines, top of the page first."""
    rects.sort(key=lambda r: -(r[1] + r[3]))
    groups: list[list[tuple[float, float, float, float, str]]] = []
    for rect in rects:
        if groups:
            last = groups[-1]
            bottom = min(r[1] for r in last)
            top = max(r[3] for r in last)
            overlap = min(top, rect[3]) - max(bottom, rect[1])
            smaller = max(min(top - bottom, rect[3] - rect[1]), 0.1)
            if overlap / smaller >= 0.5:
                last.append(rect)
                continue
        groups.append([rect])
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


def _fields(group: list[tuple[float, float, float, float, str]]) -> list[_Field]:
    """Merge a line's rectangles into fields, split where the gap is wider than ~3 characters."""
    widths = [(r[2] - r[0]) / len(r[4].strip()) for r in group if len(r[4].strip()) > 2]
    char = sorted(widths)[len(widths) // 2] if widths else 7.2
    fields: list[tuple[float, float, str]] = []
    for left, _, right, _, text in group:
        if fields and left - fields[-1][1] < 2.5 * char:
            x0, x1, prev = fields[-1]
            spaced = prev[-1:].isspace() or text[:1].isspace() or left - x1 > char / 2
            fields[-1] = (x0, max(x1, right), prev + (" " if spaced else "") + text)
        else:
            fields.append((left, right, text))
    return [_Field(x0, x1, " ".join(text.split())) for x0, x1, text in fields]


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
                lines = _group_lines(list(_page_rects(textpage)), index + 1)
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


def _mark_styles(page: pdfium.PdfPage, lines: list[_Line]) -> None:
    """Mark each line bold (all its text objects bold) and underlined (a rule under most of it).

    One pass over the page objects; each object goes to the line its middle falls in.
    """
    if not lines:
        return
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
        for index, line in enumerate(lines):
            if line.bottom <= middle <= line.top:
                bold.setdefault(index, []).append(_is_bold(obj, fonts))
                break
    for index, line in enumerate(lines):
        under = sum(
            min(right, line.x1) - max(left, line.x0)
            for left, right, y in rules
            if line.bottom - 4 <= y <= line.bottom + 3
        )
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
