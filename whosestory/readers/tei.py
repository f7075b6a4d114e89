"""Reader for plays in TEI XML, in the shape DraCor publishes them.

The title comes from ``teiHeader/fileDesc/titleStmt/title`` (``type="main"``
first); the declared cast from every ``person`` and ``personGrp`` in
``particDesc``; the language from ``xml:lang`` on ``<TEI>`` or ``<text>`` (else
the first ``langUsage`` language), as an ISO 639-1 code. The text (``front``,
``body``, ``back``, and the ``<group><text>`` of a play in parts) is read by
`whosestory.readers._tei_body`: one scene per DraCor segment, each with the play's
own act and scene numbers.

``<sp who="#a">`` becomes DIALOGUE elements whose cue is the id without ``#``
(the builder maps ids to the declared cast); a joint speech ``who="#a #b"`` is
one DIALOGUE per id. A speech without ``who`` is cued by its ``<speaker>`` label,
resolved to a declared person when the label names one (`LabelResolver`), so a
label never duplicates a declared person. ``<stage>`` keeps its raw text and
gets ``refs`` from its ``who``. Front matter (castList, set) is not read.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping

from lxml import etree

from whosestory.errors import EmptyInputError, ParseError
from whosestory.kinds import DIALOGUE
from whosestory.model import CastEntry, Script
from whosestory.readers._tei_body import BodyWalker, text_of
from whosestory.readers._tei_cast import with_cast_list_names, with_title_epithets
from whosestory.readers._xml import local_name, parse_xml

EXPECTED = "TEI drama (a <TEI> document whose <text><body> holds <sp> speeches)"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

_SEX = {"male": "m", "m": "m", "1": "m", "female": "f", "f": "f", "2": "f"}
_ISO_639_1 = {"ger": "de", "deu": "de", "eng": "en", "fre": "fr", "fra": "fr", "rus": "ru"}
_ISO_639_1.update(
    {"ita": "it", "spa": "es", "lat": "la", "grc": "el", "gre": "el", "ell": "el", "por": "pt"}
)
_ISO_639_1.update({"swe": "sv", "dut": "nl", "nld": "nl", "pol": "pl", "ukr": "uk", "cat": "ca"})


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
    text = _first(root, "text")
    if text is None or next(text.iter("{*}body"), None) is None:
        raise ParseError(source, f"no <text><body> element; expected {EXPECTED}.", root.sourceline)
    labels = _SpeechLabels(text, header)
    walker = BodyWalker(text, labels.resolve)
    walker.walk(text)
    elements = walker.finish()
    if not any(e.kind is DIALOGUE for e in elements):
        message = f"the play has no <sp> speeches; expected {EXPECTED}."
        raise ParseError(source, message, text.sourceline)
    title = _title(header)
    return Script(
        format="tei",
        source=source,
        elements=tuple(elements),
        title=title,
        title_page=_subtitles(header),
        diagnostics=tuple(walker.diagnostics),
        declared_cast=with_title_epithets(
            text, with_cast_list_names(text, _declared_cast(header, labels)), title
        ),
        language=language_of(root),
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
    return next(element.iterchildren(f"{{*}}{name}"), None)


def _find_path(element: etree._Element | None, path: tuple[str, ...]) -> etree._Element | None:
    for name in path:
        element = _first(element, name)
    return element


def _title(header: etree._Element | None) -> str | None:
    title_stmt = _find_path(header, ("fileDesc", "titleStmt"))
    if title_stmt is None:
        return None
    titles = _children(title_stmt, "title")
    main = [t for t in titles if t.get("type") == "main"] or titles
    text = text_of(main[0]) if main else ""
    return text or None


def _subtitles(header: etree._Element | None) -> tuple[tuple[str, str], ...]:
    """The play's subtitles (``<title type="sub">``), as title-page entries named Subtitle."""
    title_stmt = _find_path(header, ("fileDesc", "titleStmt"))
    if title_stmt is None:
        return ()
    subs = (text_of(t) for t in _children(title_stmt, "title") if t.get("type") == "sub")
    return tuple(("Subtitle", text) for text in subs if text)


_NAME_TAGS = frozenset({"persName", "name"})
"""The children of a ``person`` that name it (a loop over its few children costs less than
lxml's ``iterchildren`` with tags, which reads its tag patterns anew at every call)."""

_NOTE_RE = re.compile(r"\s*\([^()]*\)\s*$")
"""A note in brackets closing a name: ``Ein Oberleutnant (V/55)``, ``Timur (Sohn)``."""


def _declared_cast(
    header: etree._Element | None, labels: Mapping[str, str] | None = None
) -> tuple[CastEntry, ...]:
    """Every person and personGrp of particDesc, in document order.

    A person whose only name is its own id (``<persName>Gravedigger_Ham</persName>``)
    is named as its speeches are labelled (``<speaker>GRAVEDIGGER</speaker>``, in
    title case): the play's own short name for it, not a cast-list description
    ("Servant to Antony") whose words would be taken for other characters' names.
    A name the play gives two people is told apart by the later one's id. A name written
    as two (``Margarethe/Gretchen``, ``Robert, Earl of Huntingdon/Robin Hood``) gives the
    character each of them besides.
    """
    labels = {} if labels is None else labels
    partic = _find_path(header, ("profileDesc", "particDesc"))
    if partic is None:
        return ()
    cast = []
    taken: set[str] = set()
    tags = (f"{{{TEI_NS}}}person", f"{{{TEI_NS}}}personGrp", "person", "personGrp")
    for entry in partic.iter(*tags):
        ident = entry.get(XML_ID) or ""
        names = (child for child in entry if local_name(child) in _NAME_TAGS)
        name = next(filter(None, map(text_of, names)), "") or ident
        if name == ident and ident in labels:
            name = labels[ident]
        if not ident and not name:
            continue
        gender = _SEX.get((entry.get("sex") or "").strip().lower())
        group = local_name(entry) == "personGrp"
        if name in taken and ident:
            name = f"{name} ({ident})"  # two people called Cinna: the poet is not the conspirator
        taken.add(name)
        bare = _NOTE_RE.sub("", name) if ")" in name else name
        aliases = tuple(p.strip() for p in bare.split("/")) if "/" in bare else ()
        aliases = aliases if all(re.search(r"[^\W\d_]", p) for p in aliases) else ()
        cast.append(
            CastEntry(id=ident or name, name=name, gender=gender, group=group, aliases=aliases)
        )
    return tuple(cast)


# ---------------------------------------------------------------- speaker labels


def _persons(header: etree._Element | None) -> dict[str, list[str]]:
    """Each declared id with its names (``persName``/``name`` texts), in document order."""
    partic = _find_path(header, ("profileDesc", "particDesc"))
    if partic is None:
        return {}
    persons: dict[str, list[str]] = {}
    for entry in partic.iter("{*}person", "{*}personGrp"):
        if entry.get(XML_ID):
            names = [text_of(c) for c in entry if local_name(c) in _NAME_TAGS]
            persons[entry.get(XML_ID) or ""] = [n for n in names if n]
    return persons


def _speech_labels(text: etree._Element) -> dict[str, Counter[str]]:
    """The ``<speaker>`` labels of each id's own speeches (``who`` with one id)."""
    used: dict[str, Counter[str]] = defaultdict(Counter)
    for sp in text.iter("{*}sp"):
        ids = [ref.lstrip("#") for ref in (sp.get("who") or "").split() if ref.lstrip("#")]
        if len(ids) != 1:
            continue
        speaker = _first(sp, "speaker")
        label = text_of(speaker).rstrip(" .:") if speaker is not None else ""
        if label:
            used[ids[0]][label] += 1
    return used


class _SpeechLabels(Mapping[str, str]):
    """The labels of a play's speeches, read only when something asks for them.

    As a mapping, each speaking id's most used label (`_common_labels`), which the cast
    list consults only for a person named by its bare id; `resolve` is the
    `LabelResolver` of the play, which only a speech without ``who`` calls. Most plays
    need neither, and reading every ``<speaker>`` was a third of Kraus's walk.
    """

    def __init__(self, text: etree._Element, header: etree._Element | None) -> None:
        self.text = text
        self.header = header
        self._used: dict[str, Counter[str]] | None = None
        self._common: dict[str, str] | None = None
        self._resolver: LabelResolver | None = None

    @property
    def used(self) -> dict[str, Counter[str]]:
        if self._used is None:
            self._used = _speech_labels(self.text)
        return self._used

    @property
    def common(self) -> dict[str, str]:
        if self._common is None:
            self._common = _common_labels(self.used)
        return self._common

    def resolve(self, label: str) -> str:
        if self._resolver is None:
            self._resolver = LabelResolver(_persons(self.header), self.used)
        return self._resolver(label)

    def __getitem__(self, ident: str) -> str:
        return self.common[ident]

    def __iter__(self) -> Iterator[str]:
        return iter(self.common)

    def __len__(self) -> int:
        return len(self.common)


def _common_labels(used: Mapping[str, Counter[str]]) -> dict[str, str]:
    """Each speaking id's most used label, in title case (``GRAVEDIGGER`` -> ``Gravedigger``)."""
    return {
        ident: " ".join(w.capitalize() for w in counts.most_common(1)[0][0].split())
        for ident, counts in used.items()
    }


_NON_WORD_RE = re.compile(r"[\W_]+")


def _words(label: str) -> tuple[str, ...]:
    return tuple(_NON_WORD_RE.sub(" ", label.casefold()).split())


def _abbreviates(label: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """``PHA.`` abbreviates Phaedria, ``Lady Mac.`` Lady Macbeth: each word of the label
    begins the name's word in the same place (two letters at least in all)."""
    if not label or len(label) > len(name) or sum(map(len, label)) < 2:
        return False
    return all(n.startswith(w) for w, n in zip(label, name, strict=False))


class LabelResolver:
    """Turns the ``<speaker>`` label of a speech without ``who`` into its cue.

    The label is a declared person's id when it names exactly one of them: the
    label the play uses for that id's own speeches, else a name or id equal to
    it (ignoring case and punctuation), else a name it abbreviates
    (`_abbreviates`). Otherwise the label is its own character.
    """

    def __init__(self, persons: Mapping[str, list[str]], used: Mapping[str, Counter[str]]) -> None:
        self.names = {
            ident: {_words(n) for n in (*names, ident) if _words(n)}
            for ident, names in persons.items()
        }
        self.used: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for ident, labels in used.items():
            for label in labels:
                self.used[_words(label)].add(ident)

    def __call__(self, label: str) -> str:
        words = _words(label)
        if not words:
            return label
        tests = [
            lambda ident: ident in self.used.get(words, ()),
            lambda ident: words in self.names[ident],
        ]
        from whosestory.screenplay import is_group_name  # only here: the reader alone skips it

        if not is_group_name(label):  # "All." abbreviates nobody, not even Allwit
            tests.append(lambda ident: any(_abbreviates(words, n) for n in self.names[ident]))
        for test in tests:
            found = [ident for ident in self.names if test(ident)]
            if len(found) == 1:
                return found[0]
            if found:
                break  # ambiguous: the label stays its own
        return label


# ---------------------------------------------------------------- language


def language_of(root: etree._Element) -> str | None:
    """The play's language as ISO 639-1: ``xml:lang`` of ``<TEI>`` or ``<text>``, else
    the first language of the header's ``langUsage`` (``ger`` -> ``de``)."""
    text = _first(root, "text")
    usage = _find_path(_first(root, "teiHeader"), ("profileDesc", "langUsage"))
    declared = [root.get(XML_LANG), text.get(XML_LANG) if text is not None else None]
    if usage is not None:
        declared += [e.get("ident") for e in usage if local_name(e) == "language"]
    code = next((c for c in declared if c and c.strip()), None)
    if code is None:
        return None
    code = code.strip().lower().split("-")[0]
    return code if len(code) == 2 else _ISO_639_1.get(code)
