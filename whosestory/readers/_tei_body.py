"""The body of a TEI play: its segments, speeches and stage directions, in document order.

Segments are counted as DraCor counts them: every ``div`` under a ``body`` that
holds an ``<sp>`` as a child, or that is a ``type="scene"`` div with no ``<sp>``
anywhere inside it (`SEGMENT_XPATH`); a play with no such div is one segment per
``body``. Each segment opens a HEADING element, so the builder makes one scene of
it. A div that is not a segment (an act, a dedication, a song, a dramatis
personae) adds no heading: its speeches and directions go on in the scene they
follow. Segments inside segments are not flattened: a scene div holding scene
divs gives each inner one its heading. Speeches before the first segment (a
prologue in ``<front>``) open the first segment early, so they add no scene.

Speeches are ``<sp>`` anywhere in ``<front>``, ``<body>`` and ``<back>`` (also
inside ``<floatingText>`` and ``<group><text>``), and ``<div type="speech">``
whose ``<head>`` names the speaker. A speech becomes one DIALOGUE per run of
spoken text (``l``, ``p``, ``lg``, ``q``, ``ab``): a stage direction inside it,
even one inline in a verse line, ends the run and becomes a STAGE element.
A joint speech (``who="#a #b"``) is one DIALOGUE per speaker, each with the
whole text and the same lines; the second and later are marked ``dual`` (spoken
at the same time as the one before), so each speaker is credited with its words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import repeat

from lxml import etree

from whosestory.kinds import DIALOGUE, HEADING, STAGE
from whosestory.model import CLOSES_SPEECH, Diagnostic, Element, Span
from whosestory.readers._xml import _LOCAL_NAMES, local_name

SEGMENT_XPATH = (
    "//*[local-name()='body']//*[local-name()='div']"
    "[*[local-name()='sp'] or (@type='scene' and not(.//*[local-name()='sp']))]"
)
"""DraCor's segments: ``//body//div[sp or (@type="scene" and not(.//sp))]``."""

_SKIPPED = frozenset({"speaker", "note", "fw", "pb", "milestone", "figure", "head", "castList"})
"""Elements whose text is neither speech nor stage direction."""

_BLOCKS = frozenset({"l", "p", "ab", "lg"})
_PLAIN_BLOCKS = frozenset({"p", "ab"})
"""Blocks whose text is spoken as it stands: not verse lines (``l``), which count and number."""
_CONTAINERS = frozenset({"text", "group", "front", "body", "back", "floatingText"})
_OUTSIDE_BODY = frozenset({"front", "back"})


_JOINED_RE = re.compile(r"(?<=[^\W\d_])_(?=[^\W\d_])")
"""An underscore joining two words of a name or a phrase, as some French editions write
them (*Ruy_Blas*, *Don_César*, *tout_à_coup*): read as the space it stands for, so that the
words are words and a name is found (the length is the same, and so every offset)."""


def joined(text: str) -> str:
    """The text with the underscores that join words read as spaces (`_JOINED_RE`)."""
    return _JOINED_RE.sub(" ", text) if "_" in text else text


_DIVS = frozenset({"div", "div1", "div2", "div3"})
_NESTED = _DIVS | {"floatingText", "sp"}
"""Inside a speech, elements that hold speeches of their own (a song, a masque)."""


def is_div(element: etree._Element) -> bool:
    return local_name(element) in _DIVS


def text_of(element: etree._Element) -> str:
    """All text inside an element, whitespace collapsed."""
    if not len(element):  # no child: its own text is all (most labels and directions)
        return " ".join((element.text or "").split())
    return " ".join("".join(element.itertext()).split())


def first_child(element: etree._Element, name: str) -> etree._Element | None:
    """The first child element called `name` in any namespace or none."""
    return next(element.iterchildren(f"{{*}}{name}"), None)


class BodyWalker:
    """Walks a play's ``<text>``, emitting headings, speeches and stage directions.

    `cue_of_label` turns a ``<speaker>`` label of a speech without ``who`` into its
    cue (a declared id when the label names one).
    """

    def __init__(self, text: etree._Element, cue_of_label: Callable[[str], str]) -> None:
        self.elements: list[Element] = []
        self.diagnostics: list[Diagnostic] = []
        self.cue_of_label = cue_of_label
        bodies = list(text.getroottree().iter("{*}body"))
        segments = _segments(bodies)
        self.segments = set(segments)
        # DraCor: with no segment div, each body is a segment (one body: one scene anyway)
        self.body_segments = set(bodies) if not segments and len(bodies) > 1 else set()
        self.prose = True
        self.speech: list[str] = []
        self.numbers: list[tuple[int, str]] = []
        self.verse_depth = 0
        """How many ``<l>`` (verse line) elements the walk is inside."""
        self.verse_words = 0
        """Words of the speech being collected that stand in verse lines."""
        self.speech_start = 0
        self.speech_end = 0
        self.dialogues = 0
        """DIALOGUE elements emitted so far."""
        self._said = _CollapsedLength()

    def walk(self, node: etree._Element, act: str | None = None) -> None:
        for child in node:
            self.node(child, act)

    def node(self, element: etree._Element, act: str | None) -> None:
        """One element of the text: a division, a speech, a direction, or prose."""
        name = _LOCAL_NAMES.get(element.tag)  # `local_name`'s dictionary first, here: the walk
        # asks for every node, and a call costs more than the look-up
        if name is None:
            name = local_name(element)
        if not name:  # a comment or an entity
            return
        if name in _DIVS:
            self.division(element, act)
        elif name == "sp":
            self.sp(element)
        elif name == "stage":
            self.stage(element)
        elif name in _CONTAINERS:
            if element in self.body_segments:
                self.heading(element, act, str(len(self.headings()) + 1))
            prose = self.prose
            self.prose = prose and name not in _OUTSIDE_BODY
            self.walk(element, act)
            self.prose = prose
        elif name in _SKIPPED:
            return
        elif _holds_sp(element):  # a song (<q>) or a quotation holding speeches
            self.walk(element, act)
        elif not self.prose:
            return
        else:  # prose or verse outside a speech: a narrated direction
            text = text_of(element)
            if text:
                line = element.sourceline or 1
                self.elements.append(Element(STAGE, text, Span(line, last_line(element))))

    def headings(self) -> list[Element]:
        return [e for e in self.elements if e.kind is HEADING]

    def division(self, div: etree._Element, act: str | None) -> None:
        if div.get("type") == "speech" and div not in self.segments and not _holds_sp(div):
            self.speech_div(div)
            return
        own_act = act
        if div.get("type") in _ACT_TYPES and (act is None or div not in self.segments):
            own_act = act_label(div)
        if div in self.segments:
            self.heading(div, own_act, div.get("n") or _number_in_head(div) or _position(div))
        self.walk(div, own_act)

    def heading(self, div: etree._Element, act: str | None, number: str | None) -> None:
        head = first_child(div, "head")
        text = text_of(head) if head is not None else ""
        if not text:
            text = _fallback_head(div.get("type") or "scene", act, number)
        line = (head if head is not None else div).sourceline or 1
        span = Span(line, line)
        self.elements.append(Element(HEADING, text.strip(), span, number=number, act=act))

    def stage(self, element: etree._Element) -> None:
        text = joined(text_of(element))
        if not text:
            return
        nodes = element.iter("{*}stage") if len(element) else (element,)
        refs = tuple(
            ref.lstrip("#")
            for node in nodes
            for ref in (node.get("who") or "").split()
            if ref.lstrip("#")
        )
        span = Span(element.sourceline or 1, last_line(element))
        number = _line_number(element)
        numbers = ((0, number),) if number else ()
        refs = tuple(dict.fromkeys(refs))
        kind = (element.get("type") or "").lower()
        aside = ("aside",) if "aside" in kind or "aparte" in kind else ()
        self.elements.append(
            Element(STAGE, text, span, extensions=aside, refs=refs, numbers=numbers)
        )

    def sp(self, sp: etree._Element) -> None:
        """A speech: runs of spoken text split by the stage directions inside it."""
        refs = (sp.get("who") or "").split()
        if len(refs) == 1:  # most speeches: one speaker
            cue = refs[0].lstrip("#")
            cues = [cue] if cue else []
        else:
            cues = list(dict.fromkeys(filter(None, map(str.lstrip, refs, repeat("#")))))
        if not cues:
            speaker = first_child(sp, "speaker")
            label = text_of(speaker) if speaker is not None else ""
            if label:
                cues = [self.cue_of_label(label)]
            else:
                message = "speech with neither who nor speaker; left unattributed"
                self.diagnostics.append(Diagnostic(sp.sourceline, message))
        self.speak(sp, cues, skip=())

    def speech_div(self, div: etree._Element) -> None:
        """``<div type="speech"><head>NAME</head><lg>...``: a speech labelled by its head."""
        head = first_child(div, "head")
        label = text_of(head) if head is not None else ""
        self.speak(div, [self.cue_of_label(label)] if label else [], skip=(head,))

    def speak(self, block: etree._Element, cues: list[str], skip: tuple[object, ...]) -> None:
        """Emit a speech block. One with no spoken text (``<sp>`` holding only a stage
        direction) is still a speech, as DraCor counts it: an empty DIALOGUE."""
        self.speech = []
        self.numbers = []
        before = self.dialogues
        start = len(self.elements)
        names = _LOCAL_NAMES
        for child in block:
            name = names.get(child.tag)  # as in `node`
            if name is None:
                name = local_name(child)
            if name in _SKIPPED or child in skip:
                continue
            if name in _PLAIN_BLOCKS and not len(child):  # `_spoken` of a paragraph, inline
                speech = self.speech  # `_add_text` appends to it; only `_flush` replaces it
                if text := child.text:
                    self._add_text(text, child)
                if speech:
                    speech.append(" ")
                if tail := child.tail:
                    if not tail.isspace():
                        self._add_text(tail, child)
                    elif speech:  # the layout between blocks: `_add_text`'s space
                        speech.append(" ")
            else:
                self._spoken(child, cues, name)
        self._flush(cues)
        if len(self.elements) > start and self.elements[-1].kind is not DIALOGUE:
            self._mark_closing(start)  # a direction after the speech's words, or no words
        if cues and self.dialogues == before:  # no DIALOGUE since the speech began
            line = block.sourceline or 1
            for i, cue in enumerate(cues):
                self.elements.append(Element(DIALOGUE, "", Span(line, line), cue=cue, dual=i > 0))
            self.dialogues += len(cues)

    def _mark_closing(self, before: int) -> None:
        """Mark the stage directions a speech ends with, after its words and inside its
        ``<sp>`` (`CLOSES_SPEECH`): they are that speech's ("[aside]" printed after the line
        it marks), not the next one's."""
        elements = self.elements
        last = len(elements) - 1
        while last >= before and elements[last].kind is not DIALOGUE:
            last -= 1  # the speech's last DIALOGUE: most speeches end with it
        if last < before:
            return
        for i in range(last + 1, len(elements)):
            element = self.elements[i]
            if element.kind is STAGE:
                closing = (*element.extensions, CLOSES_SPEECH)
                self.elements[i] = replace(element, extensions=closing)

    def _spoken(self, node: etree._Element, cues: list[str], name: str | None = None) -> None:
        """Collect the speech text of a block, flushing around embedded stage directions
        (`name`: the node's local name, when the caller has it)."""
        if name is None:
            name = _LOCAL_NAMES.get(node.tag)  # as in `node`
            if name is None:
                name = local_name(node)
        if not name:  # a comment or an entity: its tail is still spoken
            self._add_text(node.tail, node)
            return
        if name == "stage":
            line = self.numbers[-1][1] if self.numbers else None
            self._flush(cues)
            self.stage(node)
            if line:  # a direction inside a numbered line: the rest is still that line
                self.numbers = [(0, line)]
        elif name in _NESTED or (len(node) and _holds_sp(node)):
            self._flush(cues)  # a song or a masque inside the speech: its own speeches
            self.node(node, None)
        elif name not in _SKIPPED:
            verse = name == "l"
            if (verse or name == "lb") and (number := _line_number(node)):
                self._number(number)
            if verse:
                self.verse_depth += 1
            if text := node.text:
                self._add_text(text, node)
            if len(node):  # most blocks hold text only
                for child in node:
                    self._spoken(child, cues)
            if verse:
                self.verse_depth -= 1
            if name in _BLOCKS and self.speech:
                self.speech.append(" ")  # verse lines written without a line break between
        if tail := node.tail:
            self._add_text(tail, node)

    def _add_text(self, text: str | None, node: etree._Element) -> None:
        if not text:
            return
        if text.isspace():  # the same test as `not text.strip()`, without a copy
            if self.speech:
                self.speech.append(" ")
            return
        line = node.sourceline or 1
        if not self.speech:
            self.speech_start = line
        if line > self.speech_end:
            self.speech_end = line
        text = joined(text)
        if self.verse_depth:
            self.verse_words += len(text.split())
        self.speech.append(text)

    def _number(self, number: str) -> None:
        """The edition numbers the line that starts here: note where in the speech."""
        length = self._said.length(self.speech)
        at = length + 1 if length else 0
        if self.numbers and self.numbers[-1][0] == at:
            self.numbers.pop()  # a line carried over a direction ends where this one starts
        self.numbers.append((at, number))

    def _flush(self, cues: list[str]) -> None:
        text = " ".join("".join(self.speech).split()) if self.speech else ""
        if text:
            span = Span(self.speech_start, self.speech_end)
            numbers = (
                tuple(n for n in self.numbers if n[0] < len(text)) if self.numbers else ()
            )  # none past its end
            # words of the collapsed text: its spaces and one
            verse = min(self.verse_words, text.count(" ") + 1) if self.verse_words else 0
            for i, cue in enumerate(cues or [None]):
                self.elements.append(
                    Element(DIALOGUE, text, span, cue=cue, dual=i > 0, numbers=numbers, verse=verse)
                )
            self.dialogues += len(cues or [None])
        self.speech = []
        self.numbers = []
        self.verse_words = 0
        self.speech_end = 0

    def finish(self) -> list[Element]:
        """The elements, with speeches before the first segment moved into it.

        The first heading is put before them, at the line of the first element, so
        a prologue outside the body's segments (in ``<front>``) is no scene of its own.
        """
        elements = self.elements
        first = next((i for i, e in enumerate(elements) if e.kind is HEADING), None)
        if not first or not any(e.kind is DIALOGUE for e in elements[:first]):
            return elements
        heading = elements[first]
        lead = Element(
            HEADING, heading.text, elements[0].span, number=heading.number, act=heading.act
        )
        return [lead, *elements[:first], *elements[first + 1 :]]


class _CollapsedLength:
    """The length of a speech's text so far with its whitespace collapsed, as
    ``len(" ".join("".join(pieces).split()))``, counting only the pieces added since the
    last call: a speech numbers each verse line, and joining it all again at every line
    made a long speech quadratic."""

    __slots__ = ("chars", "open", "pieces", "seen", "words")

    def __init__(self) -> None:
        self.pieces: list[str] | None = None
        self.seen = 0
        self.chars = 0
        """Characters of the words so far."""
        self.words = 0
        self.open = False
        """Whether the text so far ends inside a word (the next piece may go on with it)."""

    def length(self, pieces: list[str]) -> int:
        if pieces is not self.pieces or len(pieces) < self.seen:  # a new speech
            self.pieces, self.seen, self.chars, self.words, self.open = pieces, 0, 0, 0, False
        for piece in pieces[self.seen :]:
            found = piece.split()
            if not found:
                self.open = self.open and not piece  # whitespace ends a word; "" changes nothing
                continue
            self.chars += sum(map(len, found))
            self.words += len(found) - (self.open and not piece[0].isspace())
            self.open = not piece[-1].isspace()
        self.seen = len(pieces)
        return self.chars + self.words - 1 if self.words else 0


def _line_number(element: etree._Element) -> str | None:
    """The edition's number of a line or direction (``n="5.2.118"``, ``n="SD 1.1.14.1"``)."""
    number = (element.get("n") or "").strip()
    number = number[3:].strip() if number.startswith("SD ") else number
    return number if number and any(map(str.isdigit, number)) else None


_ACT_TYPES = frozenset({"act", "acte"})
"""A division's type that makes it an act (FreDraCor writes ``type="acte"`` as well)."""


def _segments(bodies: list[etree._Element]) -> list[etree._Element]:
    """The divs `SEGMENT_XPATH` selects, found by lxml's tag filters (``{*}``: any
    namespace or none), which are several times faster than its ``local-name()`` tests."""
    found: dict[etree._Element, None] = {}
    for body in bodies:
        for div in body.iter("{*}div"):
            if div in found:
                continue  # a body inside a body
            if next(div.iterchildren("{*}sp"), None) is not None or (
                div.get("type") == "scene" and next(div.iter("{*}sp"), None) is None
            ):
                found[div] = None
    return list(found)


def _holds_sp(element: etree._Element) -> bool:
    """Whether the element is or holds an ``<sp>`` (in any namespace or none: lxml's ``{*}``)."""
    return next(element.iter("{*}sp"), None) is not None


_HEAD_NUMBER_RE = re.compile(r"^\W*(?:[^\W\d]+\.?\s+)?(\d+[a-z]?|[IVXLCDM]+)\b")
"""The number a head gives its division: "Scene 2.", "SCÈNE III", "ЯВЛЕНИЕ 8", "IV. Auftritt"."""


def _number_in_head(div: etree._Element) -> str | None:
    head = first_child(div, "head")
    match = _HEAD_NUMBER_RE.match(text_of(head)) if head is not None else None
    return match.group(1) if match else None


def _position(div: etree._Element) -> str:
    """A div's 1-based position among the divs of its parent."""
    parent = div.getparent()
    siblings = [d for d in parent if is_div(d)] if parent is not None else [div]
    return str(siblings.index(div) + 1)


def _fallback_head(kind: str, act: str | None, number: str | None) -> str:
    """A heading for a div without ``<head>``: "Act 1, Scene 2", "Act 3", "Epilogue"."""
    if kind == "scene":
        return f"Act {act}, Scene {number}" if act else f"Scene {number}"
    if kind == "act":
        return f"Act {act or number}"
    return kind.capitalize()


def act_label(div: etree._Element) -> str | None:
    """An act's label: its ``n``, else the number its head gives ("ACTE III"), else its
    head text without the word "Act"."""
    if div.get("n"):
        return div.get("n")
    if number := _number_in_head(div):
        return number
    head = first_child(div, "head")
    text = text_of(head) if head is not None else ""
    words = text.split()
    if words and words[0].lower().rstrip(".") == "act" and len(words) > 1:
        return " ".join(words[1:])
    return text or None


def last_line(element: etree._Element) -> int:
    """The last source line an element's content reaches (lxml gives start lines only)."""
    last = element.sourceline or 1
    if not len(element):
        return last
    for node in element.iter():
        if node.sourceline:
            last = max(last, node.sourceline)
    return last
