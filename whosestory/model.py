"""The story model every stage after the readers works on.

All types are frozen, slotted dataclasses: a Story is built once, by
`whosestory.build.build_story`, and never changed afterwards. Every element keeps
the source lines it came from so that later stages can quote evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from typing import TypeVar

_T = TypeVar("_T")


class Kind(StrEnum):
    """What an element of a script is."""

    HEADING = "heading"
    ACTION = "action"
    DIALOGUE = "dialogue"
    VOICE_OVER = "voice_over"
    PARENTHETICAL = "parenthetical"
    TRANSITION = "transition"
    CENTERED = "centered"
    LYRIC = "lyric"
    NOTE = "note"
    SECTION = "section"
    SYNOPSIS = "synopsis"
    PAGE_BREAK = "page_break"
    STAGE = "stage"


WORD_RE = re.compile(r"[\w’']+", re.UNICODE)
"""A word: a run of letters, digits and apostrophes (straight or curly)."""
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9_']+")
"""`WORD_RE` in a text all in ASCII, found in three fifths of the time (ranges are tested
faster than Unicode categories are)."""


def count_words(text: str) -> int:
    """Runs of letters, digits and apostrophes (`WORD_RE`) in `text`, counted by
    substitution: no list of the words is made to be thrown away."""
    return (_ASCII_WORD_RE if text.isascii() else WORD_RE).subn("", text)[1]


SPOKEN_KINDS = frozenset({Kind.DIALOGUE, Kind.VOICE_OVER, Kind.LYRIC})
"""Kinds whose text is spoken (or sung) by the element's speaker."""

CUED_KINDS = SPOKEN_KINDS | {Kind.PARENTHETICAL}
"""Kinds that belong to a speech and carry its cue."""

CLOSES_SPEECH = "closes speech"
"""The extension of a stage direction that ends its speech, inside the TEI ``<sp>``
(set by the TEI reader, read by the soliloquy measure: here, so that measuring a
story never imports the XML reader and lxml)."""


def slot_init(cls: type[_T]) -> type[_T]:
    """Give a frozen, slotted dataclass an ``__init__`` that sets each slot through its
    descriptor, with the dataclass's own parameters and defaults (a test compares them).

    The frozen dataclass's own ``__init__`` sets each field with ``object.__setattr__``,
    which looks the attribute up again on every call: for the records made by the
    thousand (mentions, speeches, tone units, cues) that is most of their making.
    Apply it over ``@dataclass``; a class with a ``__post_init__``, a default factory or
    keyword-only fields keeps its own.
    """
    found = fields(cls)  # type: ignore[arg-type]
    if hasattr(cls, "__post_init__") or any(
        f.default_factory is not MISSING or f.kw_only for f in found
    ):
        raise TypeError(f"slot_init cannot stand in for {cls.__qualname__}.__init__")
    namespace: dict[str, object] = {}
    parameters, body = [], []
    for f in found:
        namespace[f"set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is not MISSING:
            namespace[f"default_{f.name}"] = f.default
        if not f.init:
            body.append(f"    set_{f.name}(self, default_{f.name})")
            continue
        default = "" if f.default is MISSING else f"=default_{f.name}"
        parameters.append(f"{f.name}{default}")
        body.append(f"    set_{f.name}(self, {f.name})")
    source = f"def __init__(self, {', '.join(parameters)}):\n" + "\n".join(body) + "\n"
    exec(source, namespace)  # as dataclasses itself writes __init__
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    cls.__init__ = init  # type: ignore[misc]
    return cls


@dataclass(frozen=True, slots=True)
class Span:
    """Inclusive 1-based source line range (an end before the start is the start)."""

    start: int
    end: int


def _span_init() -> Callable[..., None]:
    """`Span.__init__`, setting the slots through their descriptors (as `Element` does:
    every element has a span) and an end before the start to the start."""
    set_start, set_end = Span.__dict__["start"].__set__, Span.__dict__["end"].__set__

    def __init__(self: Span, start: int, end: int) -> None:
        set_start(self, start)
        set_end(self, start if end < start else end)

    __init__.__qualname__ = "Span.__init__"
    return __init__


Span.__init__ = _span_init()  # type: ignore[method-assign]


@dataclass(frozen=True, slots=True)
class Element:
    """One element of a script: a heading, an action paragraph, a speech, ...

    `cue` is the character cue exactly as written (for spoken elements and their
    parentheticals); `speaker` is the canonical character it was resolved to by
    the builder. `extensions` are the cue's extensions without parentheses
    (``("V.O.",)``). `dual` marks the second speech of a dual-dialogue pair.
    On a heading, `number` is the scene number as written and `act` the act it
    opens or belongs to. `refs` are ids of characters the source itself ties to
    the element (TEI ``<stage who="#a #b">``). `numbers` are the edition's own line
    numbers (TEI ``<l n>``, ``<lb n>``, ``<stage n>``): (offset in `text` where the
    numbered line starts, its number as printed, ``"5.2.118"`` or ``"118"``).
    `verse` counts the words of `text` the source sets as verse lines (TEI ``<l>``).
    """

    kind: Kind
    text: str
    span: Span
    cue: str | None = None
    speaker: str | None = None
    extensions: tuple[str, ...] = ()
    dual: bool = False
    page: int | None = None
    number: str | None = None
    act: str | None = None
    refs: tuple[str, ...] = ()
    numbers: tuple[tuple[int, str], ...] = ()
    verse: int = 0
    _words: int | None = field(default=None, init=False, repr=False, compare=False)
    """`words()`, kept after the first call (several measures and the statistics count)."""

    @property
    def line(self) -> int:
        return self.span.start

    def words(self) -> int:
        """Words of `text`: runs of letters, digits and apostrophes (`screenplay.count_words`)."""
        if self._words is None:
            object.__setattr__(self, "_words", count_words(self.text))
        return self._words  # type: ignore[return-value]


def _element_init() -> Callable[..., None]:
    """`Element.__init__`, setting each slot through its descriptor.

    A reader makes an Element for every speech and direction and the builder makes
    most of them again: the frozen dataclass's own ``__init__`` sets each of the
    fourteen slots with ``object.__setattr__``, a third of the cost of making one
    (Kraus's 8,561 elements: under callgrind 24,700 instructions each, 15,700 so).
    The parameters and defaults are the dataclass's (a test compares them).
    """
    (
        set_kind, set_text, set_span, set_cue, set_speaker, set_extensions, set_dual,
        set_page, set_number, set_act, set_refs, set_numbers, set_verse, set_words,
    ) = (Element.__dict__[name].__set__ for name in (
        "kind", "text", "span", "cue", "speaker", "extensions", "dual",
        "page", "number", "act", "refs", "numbers", "verse", "_words",
    ))  # fmt: skip

    def __init__(
        self: Element,
        kind: Kind,
        text: str,
        span: Span,
        cue: str | None = None,
        speaker: str | None = None,
        extensions: tuple[str, ...] = (),
        dual: bool = False,
        page: int | None = None,
        number: str | None = None,
        act: str | None = None,
        refs: tuple[str, ...] = (),
        numbers: tuple[tuple[int, str], ...] = (),
        verse: int = 0,
    ) -> None:
        set_kind(self, kind)
        set_text(self, text)
        set_span(self, span)
        set_cue(self, cue)
        set_speaker(self, speaker)
        set_extensions(self, extensions)
        set_dual(self, dual)
        set_page(self, page)
        set_number(self, number)
        set_act(self, act)
        set_refs(self, refs)
        set_numbers(self, numbers)
        set_verse(self, verse)
        set_words(self, None)

    __init__.__qualname__ = "Element.__init__"
    return __init__


Element.__init__ = _element_init()  # type: ignore[method-assign]


@slot_init
@dataclass(frozen=True, slots=True)
class Mention:
    """A reference to a character outside its own speech.

    `via` is ``"name"`` for a name or alias, ``"pronoun"`` for he/she/they resolved
    to the most recent fitting character, ``"stage"`` for a TEI ``who`` attribute
    on a stage direction, ``"speech"`` for a name in another character's speech
    (talked about: it does not make the character present).

    `scene` is the 0-based `Scene.index` of the scene the mention is in (an index
    into `Story.scenes`), as every stage before the reports uses it; the reports
    number scenes from 1, so a report calls it scene ``mention.scene + 1``. It stays
    0-based because the measures index `Story.scenes` and per-scene lists with it.
    """

    character: str
    scene: int
    line: int
    text: str
    via: str
    offset: int = -1
    """Character offset of `text` in the element's text (-1 when not from text)."""

    @property
    def present(self) -> bool:
        """True when the mention puts the character in the scene (not only talked about)."""
        return self.via != "speech"


@dataclass(frozen=True, slots=True)
class Scene:
    """A scene: its heading as written and the elements under it.

    `index` is the 0-based position in the story; `number` is the scene number as
    written in the script, if any. `setting` is ``INT``, ``EXT``, ``INT/EXT`` or
    None; `location` and `time` come from the heading (``INT. HOUSE - NIGHT``).
    """

    index: int
    heading: str
    span: Span
    elements: tuple[Element, ...]
    number: str | None = None
    setting: str | None = None
    location: str | None = None
    time: str | None = None
    act: str | None = None
    _speeches: tuple[Speech, ...] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """`speeches()`, kept after the first call (measures read them many times)."""

    def speeches(self) -> tuple[Speech, ...]:
        """The scene's speeches: runs of one cue's dialogue, parentheticals and lyrics."""
        if self._speeches is None:
            object.__setattr__(self, "_speeches", self._find_speeches())
        return self._speeches  # type: ignore[return-value]

    def _find_speeches(self) -> tuple[Speech, ...]:
        result: list[Speech] = []
        run: list[Element] = []
        for element in self.elements:
            cued = element.cue is not None and element.kind in CUED_KINDS
            if run and not (cued and element.cue == run[0].cue and element.dual == run[0].dual):
                result.append(Speech(run[0].speaker, tuple(run)))
                run = []
            if cued:
                run.append(element)
        if run:
            result.append(Speech(run[0].speaker, tuple(run)))
        return tuple(result)


@slot_init
@dataclass(frozen=True, slots=True)
class Speech:
    """One speech: a cue and what follows it (dialogue, parentheticals, lyrics)."""

    speaker: str | None
    elements: tuple[Element, ...]

    @property
    def text(self) -> str:
        return " ".join(e.text for e in self.elements if e.kind in SPOKEN_KINDS)

    @property
    def line(self) -> int:
        return self.elements[0].line


@dataclass(frozen=True, slots=True)
class Alias:
    """One name a character goes by, with the reason it was merged."""

    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Character:
    """A canonical character and every name it goes by.

    `group` marks a group or minor speaker (``ALL``, ``CROWD``, ``GUARD #2``) kept
    out of the verdicts. `gender` is ``"m"``, ``"f"`` or None, inferred from the
    pronouns the script uses for the character, or given by TEI.
    """

    name: str
    aliases: tuple[Alias, ...] = ()
    group: bool = False
    gender: str | None = None

    def names(self) -> tuple[str, ...]:
        return (self.name, *(a.name for a in self.aliases))


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something a lenient reader or the builder had to guess, with its line."""

    line: int | None
    message: str
    code: str = "guess"


@dataclass(frozen=True, slots=True)
class CastEntry:
    """A character the script declares (a TEI cast list, a title-page note).

    `aliases` are other names the cast list says it goes under (a disguise).
    """

    id: str
    name: str
    gender: str | None = None
    group: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Script:
    """What a reader returns: a flat element stream, before building.

    Headings open scenes; elements before the first heading form a prologue scene.
    """

    format: str
    source: str
    elements: tuple[Element, ...]
    title: str | None = None
    title_page: tuple[tuple[str, str], ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    declared_cast: tuple[CastEntry, ...] = ()
    language: str | None = None
    """ISO 639-1 code of the text's language when the source declares it (TEI ``xml:lang``)."""


@dataclass(frozen=True, slots=True)
class Story:
    """A whole story: scenes, cast, mentions and what the readers had to guess."""

    title: str
    format: str
    source: str
    scenes: tuple[Scene, ...]
    cast: tuple[Character, ...]
    mentions: tuple[Mention, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    title_page: tuple[tuple[str, str], ...] = ()
    language: str | None = None
    """ISO 639-1 code of the story's language (declared by the source or detected), or None."""
    _by_name: dict[str, Character] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_name.update({c.name: c for c in self.cast})

    def character(self, name: str) -> Character | None:
        return self._by_name.get(name)

    def elements(self) -> tuple[Element, ...]:
        return tuple(e for s in self.scenes for e in s.elements)
