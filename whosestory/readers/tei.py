"""Reader for plays in TEI XML, in the shape DraCor publishes them.

The title comes from ``teiHeader/fileDesc/titleStmt/title`` (``type="main"``
first); the declared cast from every ``person`` and ``personGrp`` in
``particDesc``. In ``text/body``, each innermost ``div`` (a ``type="scene"``
div, or any div with no div inside it: prologue, induction, epilogue, an act
without scenes) opens a scene: a HEADING whose text is its ``<head>``, whose
``act`` is the enclosing act's ``n`` (or head) and whose ``number`` is its own
``n`` or position. Content a container div holds outside its sub-divisions
gets a heading of its own.

``<sp who="#a #b">`` becomes DIALOGUE elements whose cue is the ids without
``#`` joined with a space (the builder maps ids to the declared cast); without
``who`` the ``<speaker>`` text is the cue. A speech is one DIALOGUE per run of
spoken text (``l``, ``p``, ``lg``, ``q``, ``ab``): a stage direction inside the
speech, even one inline in a verse line, ends the run and becomes a STAGE
element, so "Good night. [To Barnardo.] Sleep well." is DIALOGUE, STAGE,
DIALOGUE. ``<stage>`` keeps its raw text and gets ``refs`` from its ``who``.
Front matter (castList, set) is not read: the cast comes from particDesc.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from lxml import etree

from whosestory.errors import EmptyInputError, ParseError
from whosestory.model import CastEntry, Diagnostic, Element, Kind, Script, Span
from whosestory.readers._xml import local_name, parse_xml

EXPECTED = "TEI drama (a <TEI> document whose <text><body> holds <sp> speeches)"
TEI_NS = "http://www.tei-c.org/ns/1.0"

_SKIPPED = frozenset({"speaker", "note", "fw", "pb", "milestone", "figure", "head", "castList"})
"""Elements whose text is neither speech nor stage direction."""

_SEX = {"male": "m", "m": "m", "1": "m", "female": "f", "f": "f", "2": "f"}


def read(data: bytes, source: str) -> Script:
    """Read a TEI play into a flat element stream with its declared cast.

    Raises ParseError (with the line) for malformed XML or a document that is
    not TEI drama, and UnsafeXMLError for entity declarations.
    """
    if not data.strip():
        raise EmptyInputError(f"{source}: the file is empty; expected {EXPECTED}.")
    root = parse_xml(data, source, EXPECTED)
    if local_name(root) != "TEI" or _namespace(root) not in ("", TEI_NS):
        message = f"the root element is <{local_name(root)}>; expected {EXPECTED}."
        if local_name(root) == "TEI":
            message = (
                f"the root <TEI> is in the namespace {_namespace(root)!r}, not {TEI_NS!r}; "
                f"expected {EXPECTED}."
            )
        raise ParseError(source, message, root.sourceline)
    header = _first(root, "teiHeader")
    body = _find_path(root, ("text", "body"))
    if body is None:
        raise ParseError(source, f"no <text><body> element; expected {EXPECTED}.", root.sourceline)
    walker = _BodyWalker()
    walker.container(body, act=None)
    if not any(e.kind is Kind.DIALOGUE for e in walker.elements):
        message = f"the play has no <sp> speeches; expected {EXPECTED}."
        raise ParseError(source, message, body.sourceline)
    return Script(
        format="tei",
        source=source,
        elements=tuple(walker.elements),
        title=_title(header),
        diagnostics=tuple(walker.diagnostics),
        declared_cast=_declared_cast(header, walker.labels()),
    )


# ---------------------------------------------------------------- header


def _namespace(element: etree._Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local_name(child) == name]


def _first(element: etree._Element | None, name: str) -> etree._Element | None:
    if element is None:
        return None
    return next(iter(_children(element, name)), None)


def _find_path(element: etree._Element | None, path: tuple[str, ...]) -> etree._Element | None:
    for name in path:
        element = _first(element, name)
    return element


def _text(element: etree._Element) -> str:
    """All text inside an element, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


def _title(header: etree._Element | None) -> str | None:
    title_stmt = _find_path(header, ("fileDesc", "titleStmt"))
    if title_stmt is None:
        return None
    titles = _children(title_stmt, "title")
    main = [t for t in titles if t.get("type") == "main"] or titles
    text = _text(main[0]) if main else ""
    return text or None


def _declared_cast(
    header: etree._Element | None, labels: Mapping[str, str] | None = None
) -> tuple[CastEntry, ...]:
    """Every person and personGrp of particDesc, in document order.

    A person whose only name is its own id (``<persName>Gravedigger_Ham</persName>``)
    is named as its speeches are labelled (``<speaker>GRAVEDIGGER</speaker>``, in
    title case): the play's own short name for it, not a cast-list description
    ("Servant to Antony") whose words would be taken for other characters' names.
    A name the play gives two people is told apart by the later one's id.
    """
    labels = labels or {}
    partic = _find_path(header, ("profileDesc", "particDesc"))
    if partic is None:
        return ()
    cast = []
    taken: set[str] = set()
    tags = (f"{{{TEI_NS}}}person", f"{{{TEI_NS}}}personGrp", "person", "personGrp")
    for entry in partic.iter(*tags):
        ident = entry.get("{http://www.w3.org/XML/1998/namespace}id") or ""
        names = [c for c in entry if local_name(c) in ("persName", "name")]
        name = next((_text(n) for n in names if _text(n)), "") or ident
        if name == ident and ident in labels:
            name = labels[ident]
        if not ident and not name:
            continue
        gender = _SEX.get((entry.get("sex") or "").strip().lower())
        group = local_name(entry) == "personGrp"
        if name in taken and ident:
            name = f"{name} ({ident})"  # two people called Cinna: the poet is not the conspirator
        taken.add(name)
        cast.append(CastEntry(id=ident or name, name=name, gender=gender, group=group))
    return tuple(cast)


# ---------------------------------------------------------------- body


def _is_div(element: etree._Element) -> bool:
    return local_name(element) in ("div", "div1", "div2", "div3")


def _has_div(element: etree._Element) -> bool:
    return any(_is_div(child) for child in element)


class _BodyWalker:
    """Walks the divisions of the body, emitting headings, speeches and stage directions."""

    def __init__(self) -> None:
        self.elements: list[Element] = []
        self.diagnostics: list[Diagnostic] = []
        self.speech: list[str] = []
        self.speech_start = 0
        self.speech_end = 0
        self.speaker_labels: dict[str, Counter[str]] = defaultdict(Counter)

    def labels(self) -> dict[str, str]:
        """Each speaking id's most used speech label, in title case (``GRAVEDIGGER`` ->
        ``Gravedigger``)."""
        return {
            ident: " ".join(w.capitalize() for w in counts.most_common(1)[0][0].split())
            for ident, counts in self.speaker_labels.items()
        }

    def container(self, div: etree._Element, act: str | None) -> None:
        """A div holding other divs (the body, an act): recurse; loose content gets a heading."""
        own_act = _act_label(div) if div.get("type") == "act" else act
        position = 0
        needs_heading = True
        for child in div:
            if _is_div(child):
                position += 1
                if _has_div(child) and child.get("type") != "scene":
                    self.container(child, own_act)
                else:
                    self.scene(child, own_act, position)
                needs_heading = True
            elif local_name(child) in ("sp", "stage", "p", "l", "lg"):
                if needs_heading and div.getparent() is not None and _is_div(div):
                    self.heading(div, own_act, None)
                needs_heading = False
                self.content(child)

    def scene(self, div: etree._Element, act: str | None, position: int) -> None:
        """An innermost div: a heading, then its speeches and stage directions."""
        if act is None and div.get("type") == "act":
            act = _act_label(div)
        self.heading(div, act, div.get("n") or str(position))
        for child in div:
            self.content(child)

    def heading(self, div: etree._Element, act: str | None, number: str | None) -> None:
        head = _first(div, "head")
        text = _text(head) if head is not None else ""
        if not text:
            text = _fallback_head(div.get("type") or "scene", act, number)
        line = (head if head is not None else div).sourceline or 1
        span = Span(line, line)
        self.elements.append(Element(Kind.HEADING, text.strip(), span, number=number, act=act))

    def content(self, element: etree._Element) -> None:
        """One child of a scene: a speech, a stage direction, or something holding them."""
        name = local_name(element)
        if name == "sp":
            self.sp(element)
        elif name == "stage":
            self.stage(element)
        elif _is_div(element):
            for child in element:
                self.content(child)
        elif name in _SKIPPED or not isinstance(element.tag, str):
            return
        else:  # prose or verse outside a speech: a narrated direction
            text = _text(element)
            if text:
                line = element.sourceline or 1
                self.elements.append(Element(Kind.STAGE, text, Span(line, _last_line(element))))

    def stage(self, element: etree._Element) -> None:
        text = _text(element)
        if not text:
            return
        refs = tuple(
            ref.lstrip("#")
            for node in element.iter(f"{{{TEI_NS}}}stage", "stage")
            for ref in (node.get("who") or "").split()
            if ref.lstrip("#")
        )
        span = Span(element.sourceline or 1, _last_line(element))
        self.elements.append(Element(Kind.STAGE, text, span, refs=tuple(dict.fromkeys(refs))))

    def sp(self, sp: etree._Element) -> None:
        """A speech: runs of spoken text split by the stage directions inside it."""
        ids = [ref.lstrip("#") for ref in (sp.get("who") or "").split() if ref.lstrip("#")]
        speaker = _first(sp, "speaker")
        if len(ids) == 1 and speaker is not None and _text(speaker):
            self.speaker_labels[ids[0]][_text(speaker).rstrip(" .:")] += 1
        cue = " ".join(ids) or (_text(speaker) if speaker is not None else "")
        if not cue:
            message = "speech with neither who nor speaker; left unattributed"
            self.diagnostics.append(Diagnostic(sp.sourceline, message))
        self.speech = []
        for child in sp:
            if local_name(child) not in _SKIPPED:
                self._spoken(child, cue or None)
        self._flush(cue or None)

    def _spoken(self, node: etree._Element, cue: str | None) -> None:
        """Collect the speech text of a block, flushing around embedded stage directions."""
        if not isinstance(node.tag, str):
            self._add_text(node.tail, node)
            return
        name = local_name(node)
        if name == "stage":
            self._flush(cue)
            self.stage(node)
        elif name not in _SKIPPED:
            self._add_text(node.text, node)
            for child in node:
                self._spoken(child, cue)
        self._add_text(node.tail, node)

    def _add_text(self, text: str | None, node: etree._Element) -> None:
        if not text or not text.strip():
            if text and self.speech:
                self.speech.append(" ")
            return
        line = node.sourceline or 1
        if not self.speech:
            self.speech_start = line
        self.speech_end = max(self.speech_end, line)
        self.speech.append(text)

    def _flush(self, cue: str | None) -> None:
        text = " ".join("".join(self.speech).split())
        if text:
            span = Span(self.speech_start, self.speech_end)
            self.elements.append(Element(Kind.DIALOGUE, text, span, cue=cue))
        self.speech = []
        self.speech_end = 0


def _fallback_head(kind: str, act: str | None, number: str | None) -> str:
    """A heading for a div without ``<head>``: "Act 1, Scene 2", "Act 3", "Epilogue"."""
    if kind == "scene":
        return f"Act {act}, Scene {number}" if act else f"Scene {number}"
    if kind == "act":
        return f"Act {act or number}"
    return kind.capitalize()


def _act_label(div: etree._Element) -> str | None:
    """An act's label: its ``n``, else its head text without the word "Act"."""
    if div.get("n"):
        return div.get("n")
    head = _first(div, "head")
    text = _text(head) if head is not None else ""
    words = text.split()
    if words and words[0].lower().rstrip(".") == "act" and len(words) > 1:
        return " ".join(words[1:])
    return text or None


def _last_line(element: etree._Element) -> int:
    """The last source line an element's content reaches (lxml gives start lines only)."""
    last = element.sourceline or 1
    for node in element.iter():
        if node.sourceline:
            last = max(last, node.sourceline)
    return last
