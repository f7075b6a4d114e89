"""Reader for Final Draft documents (``.fdx``).

A Final Draft document is XML: ``<FinalDraft><Content>`` holds ``<Paragraph
Type="...">`` elements, each with one or more ``<Text>`` runs (a run per style
change, so the runs are joined without adding spaces). The paragraph type says
what the paragraph is, so this reader does no guessing about layout; it is
strict about the XML itself and raises ParseError for anything that is not a
well-formed Final Draft document.

Mapping: Scene Heading -> HEADING (``Number`` -> number, SceneProperties
``Page`` -> page, its Summary -> SYNOPSIS); Action, General, Shot -> ACTION;
Character sets the current cue; an Action or General paragraph that is a whole
scene heading by its words (``EXT/INT. SHACK - DAY``: one short upper-case line
that ``screenplay.is_heading`` accepts) -> HEADING, with a Diagnostic that the file
typed it as action; Dialogue -> DIALOGUE; Parenthetical ->
PARENTHETICAL; Lyrics -> LYRIC; Transition -> TRANSITION; New Act/End of Act ->
SECTION; ScriptNote -> NOTE. In a ``<DualDialogue>`` block the second speaker's
elements get ``dual=True``. The title page comes from ``<TitlePage>``.
"""

from __future__ import annotations

import re

from lxml import etree

from whosestory import screenplay
from whosestory.errors import EmptyInputError, ParseError
from whosestory.model import Diagnostic, Element, Kind, Script, Span
from whosestory.readers._xml import local_name, parse_xml

EXPECTED = "a Final Draft document (<FinalDraft> with <Content> paragraphs)"

_KINDS: dict[str, Kind] = {
    "scene heading": Kind.HEADING,
    "action": Kind.ACTION,
    "general": Kind.ACTION,
    "shot": Kind.ACTION,
    "cast list": Kind.ACTION,
    "dialogue": Kind.DIALOGUE,
    "parenthetical": Kind.PARENTHETICAL,
    "lyrics": Kind.LYRIC,
    "transition": Kind.TRANSITION,
    "new act": Kind.SECTION,
    "end of act": Kind.SECTION,
}
"""Final Draft paragraph types -> element kinds; other types read as ACTION."""

_UNTYPED_KINDS = frozenset({"action", "general"})
"""Paragraph types a writer leaves a heading in when Final Draft did not recognise it."""
_HEADING_MAX = 80  # characters: longer upper-case lines are shouted action, not headings

_SPEECH_KINDS = frozenset({Kind.DIALOGUE, Kind.PARENTHETICAL, Kind.LYRIC})
_CREDIT_RE = re.compile(
    r"^(?:(?:an? )?(?:original )?(?:screenplay|teleplay|story|written)?\s*by|written by)$", re.I
)
_DATE_RE = re.compile(r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|(?:19|20)\d{2})\b")


def read(data: bytes, source: str) -> Script:
    """Read a Final Draft document into a flat element stream.

    Raises ParseError (with the line) for malformed XML or a document that is
    not Final Draft, and UnsafeXMLError for entity declarations.
    """
    if not data.strip():
        raise EmptyInputError(f"{source}: the file is empty; expected {EXPECTED}.")
    root = parse_xml(data, source, EXPECTED)
    if local_name(root) != "FinalDraft":
        raise ParseError(
            source,
            f"the root element is <{local_name(root)}>; expected {EXPECTED}.",
            root.sourceline,
        )
    content = _child(root, "Content")
    if content is None:
        raise ParseError(source, f"no <Content> element; expected {EXPECTED}.", root.sourceline)
    reader = _ContentReader()
    for paragraph in _children(content, "Paragraph"):
        reader.paragraph(paragraph)
    title_page = _title_page(_child(root, "TitlePage"))
    title = next((value for key, value in title_page if key == "Title"), None)
    return Script(
        format="fdx",
        source=source,
        elements=tuple(reader.elements),
        title=title,
        title_page=title_page,
        diagnostics=tuple(reader.diagnostics),
    )


class _ContentReader:
    """Turns paragraphs into elements, carrying the current cue between them."""

    def __init__(self) -> None:
        self.elements: list[Element] = []
        self.diagnostics: list[Diagnostic] = []
        self.cue: str | None = None
        self.dual = False

    def paragraph(self, paragraph: etree._Element) -> None:
        """Read one top-level (or dual-dialogue) paragraph, then the notes attached to it."""
        self._element(paragraph)
        self._notes(paragraph)

    def _element(self, paragraph: etree._Element) -> None:
        dual_block = _child(paragraph, "DualDialogue")
        if dual_block is not None:
            self._dual_dialogue(dual_block)
            return
        kind_name = " ".join((paragraph.get("Type") or "").split()).lower()
        text, span = _paragraph_text(paragraph)
        if kind_name == "character":
            self.cue = text or None
            return
        if not text:
            return  # empty paragraphs carry no content
        kind = _KINDS.get(kind_name, Kind.ACTION)
        if kind_name in _UNTYPED_KINDS and _reads_as_heading(paragraph, text):
            message = f"{kind_name.title()} paragraph is a scene heading by its words; read as one"
            self.diagnostics.append(Diagnostic(span.start, message))
            kind = Kind.HEADING
        if kind in _SPEECH_KINDS:
            self._speech(kind, text, span)
            return
        self.cue = None
        if kind is Kind.HEADING:
            self._heading(paragraph, text, span)
        else:
            self.elements.append(Element(kind, text, span))

    def _speech(self, kind: Kind, text: str, span: Span) -> None:
        if self.cue is None and kind is not Kind.LYRIC:
            message = f"{kind.value} paragraph without a Character cue; read as action"
            self.diagnostics.append(Diagnostic(span.start, message))
            self.elements.append(Element(Kind.ACTION, text, span))
            return
        self.elements.append(Element(kind, text, span, cue=self.cue, dual=self.dual))

    def _heading(self, paragraph: etree._Element, text: str, span: Span) -> None:
        number = (paragraph.get("Number") or "").strip() or None
        props = _child(paragraph, "SceneProperties")
        page = _int_or_none(props.get("Page")) if props is not None else None
        self.elements.append(Element(Kind.HEADING, text, span, number=number, page=page))
        summary = _child(props, "Summary") if props is not None else None
        if summary is not None:
            for inner in _children(summary, "Paragraph"):
                synopsis, inner_span = _paragraph_text(inner)
                if synopsis:
                    self.elements.append(Element(Kind.SYNOPSIS, synopsis, inner_span))

    def _notes(self, paragraph: etree._Element) -> None:
        for note in _children(paragraph, "ScriptNote"):
            for inner in _children(note, "Paragraph"):
                text, span = _paragraph_text(inner)
                if text:
                    self.elements.append(Element(Kind.NOTE, text, span))

    def _dual_dialogue(self, block: etree._Element) -> None:
        """Read a dual-dialogue block: the second Character's elements are dual."""
        self.cue = None
        characters = 0
        for inner in _children(block, "Paragraph"):
            if " ".join((inner.get("Type") or "").split()).lower() == "character":
                characters += 1
                self.dual = characters >= 2
            self.paragraph(inner)
        self.dual = False
        self.cue = None


def _children(element: etree._Element | None, name: str) -> list[etree._Element]:
    if element is None:
        return []
    return [child for child in element if local_name(child) == name]


def _child(element: etree._Element | None, name: str) -> etree._Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _paragraph_text(paragraph: etree._Element) -> tuple[str, Span]:
    """The paragraph's text runs joined (runs split on style changes, so no added spaces).

    Whitespace, including the line breaks Final Draft keeps inside runs, becomes
    single spaces. The span runs from the ``<Paragraph>`` tag to the end of the
    last run, so that notes and scene properties inside it fall within it.
    """
    runs = _children(paragraph, "Text")
    start = paragraph.sourceline or 1
    if not runs:
        return "", Span(start, start)
    raw = "".join("".join(run.itertext()) for run in runs)
    last = runs[-1]
    last_text = "".join(last.itertext()).rstrip("\n")
    end = (last.sourceline or start) + last_text.count("\n")
    return " ".join(raw.split()), Span(start, end)


def _reads_as_heading(paragraph: etree._Element, text: str) -> bool:
    """An action paragraph that is a whole scene heading: one short upper-case line, INT./EXT.

    Final Draft files converted from other tools type a heading it did not know
    (``EXT/INT. SORORITY HOUSE - THE DOORWAY``) as Action; its words say what it is.
    """
    if len(text) > _HEADING_MAX or text != text.upper() or not screenplay.is_heading(text):
        return False
    raw = "".join("".join(run.itertext()) for run in _children(paragraph, "Text"))
    return "\n" not in raw.strip()


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _title_page(title_page: etree._Element | None) -> tuple[tuple[str, str], ...]:
    """Key/value pairs from the title page's paragraphs, keyed as Fountain keys them.

    Final Draft's title page is free text, so keys are inferred: the first line is
    the title, a "by" line is the credit and the next line the author, a dated
    line the draft date, anything else a note.
    """
    content = _child(title_page, "Content")
    lines = [_paragraph_text(p)[0] for p in _children(content, "Paragraph")]
    lines = [line for line in lines if line]
    pairs: list[tuple[str, str]] = []
    after_credit = False
    for index, line in enumerate(lines):
        if index == 0:
            key = "Title"
        elif _CREDIT_RE.match(line):
            key = "Credit"
        elif after_credit:
            key = "Author"
        elif _DATE_RE.search(line) and len(line) < 40:
            key = "Draft date"
        else:
            key = "Notes"
        after_credit = key == "Credit"
        pairs.append((key, line))
    return tuple(pairs)
