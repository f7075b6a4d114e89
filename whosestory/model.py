"""The story model every stage after the readers works on.

All types are frozen, slotted dataclasses: a Story is built once, by
`whosestory.build.build_story`, and never changed afterwards. Every element keeps
the source lines it came from so that later stages can quote evidence.
"""

from __future__ import annotations

import inspect
import re
import threading
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from enum import StrEnum
from functools import cache
from operator import attrgetter
from typing import Any, TypeVar

from whosestory import charclass
from whosestory._lazy import LazyPattern

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
_IN_WORD = [WORD_RE.match(chr(i)) is not None for i in range(256)]
_WORD_MARKS = bytes.maketrans(bytes(range(256)), bytes(97 if w else 32 for w in _IN_WORD))
"""Each byte of a text in Latin-1 (ASCII among it) to "a" when it is a character of
`WORD_RE` (in ASCII ``[A-Za-z0-9_']``), else to a space."""
_WORD_BYTES = bytes.maketrans(
    bytes(range(256)), bytes(i if w else 32 for i, w in enumerate(_IN_WORD))
)
"""Each byte of a text in Latin-1 kept when it is a character of `WORD_RE`, else a space."""
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9_']+")
"""`WORD_RE` in a text all in ASCII."""
_WORD_COUNT_RE = LazyPattern(WORD_RE.pattern + "()")
"""`WORD_RE` with an empty group after it: `findall` lists the group, the one empty string,
not a new string for every word."""


def marked_words(marks: bytes) -> int:
    """Words in a text whose bytes were each made "a" (inside a word) or a space (between
    words): an "a" at the start or after a space starts one (`count_words`)."""
    return marks.count(b" a") + marks.startswith(b"a")


def count_words(text: str) -> int:
    """Runs of letters, digits and apostrophes (`WORD_RE`) in `text`.

    A text in ASCII or Latin-1 (most of a German or French play's lines) is counted in
    bytes, in C: each byte made "a" or a space (`_WORD_MARKS`), a word is an "a" at the
    start or after a space (a fifth of the instructions the regex engine spends on an
    ASCII text, two thirds on a Latin-1 one). Another is counted by `_WORD_COUNT_RE`, or
    its classes of ranges (`charclass`) when they pay.
    """
    if text.isascii():
        marks = text.encode("ascii").translate(_WORD_MARKS)
    else:
        encoded = latin1(text, "'")  # both apostrophes are word characters
        if encoded is None:
            found = _ranged_word_re() if charclass.ranged(text) else _WORD_COUNT_RE
            return len(found.findall(text))
        marks = encoded.translate(_WORD_MARKS)
    return marked_words(marks)


PUNCTUATION = ("–", "—", "“", "”", "„", "‘", "…", "‹", "›")
"""The characters beyond Latin-1 most frequent in the plays' lines after the curly
apostrophe: dashes, quotation marks, the ellipsis. None is a letter, a digit, an apostrophe
or a hyphen, so a word or a token never holds one: as a space it parts the same words."""


def latin1(text: str, apostrophe: str | None = None) -> bytes | None:
    """`text` encoded in Latin-1, `PUNCTUATION` as spaces and the curly apostrophe as
    `apostrophe`, or None when another character is not in Latin-1 (or a curly apostrophe
    is and `apostrophe` is None). The encoder drops those: one pass in C, without an
    exception to catch; a German line with a dash is Latin-1 but for it."""
    encoded = text.encode("latin-1", "ignore")
    if len(encoded) == len(text):
        return encoded
    for mark in PUNCTUATION:
        if mark in text:
            text = text.replace(mark, " ")
    if apostrophe is not None and "’" in text:
        text = text.replace("’", apostrophe)
    encoded = text.encode("latin-1", "ignore")
    return encoded if len(encoded) == len(text) else None


def word_list(text: str) -> list[str]:
    """The words of `text` (`WORD_RE`), in order: in an ASCII text ``[A-Za-z0-9_']``
    (three fifths of the time); in a Latin-1 text the runs left when every other character
    is made a space (`_WORD_BYTES`, in C); in another the classes of ranges (`charclass`)
    when they pay."""
    if text.isascii():
        return _ASCII_WORD_RE.findall(text)
    encoded = latin1(text)
    if encoded is not None:
        return encoded.translate(_WORD_BYTES).decode("latin-1").split()
    return (_ranged_word_re(False) if charclass.ranged(text) else WORD_RE).findall(text)


@cache
def _ranged_word_re(counting: bool = True) -> re.Pattern[str]:
    """`_WORD_COUNT_RE` (or `WORD_RE` when not `counting`) with its class spelled as the
    ranges of `charclass.BLOCKS` it takes (for a text `charclass.ranged` lets through: the
    same words in three quarters of the time)."""
    return re.compile(f"[{charclass.ranges(WORD_RE.pattern[:-1])}]+" + ("()" if counting else ""))


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


_MADE_BY_RECORD = (
    "__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__",
    "__getstate__", "__setstate__",
)  # fmt: skip


def record(cls: type[_T]) -> type[_T]:
    """``@dataclass(frozen=True, slots=True)``, made without compiling a function for each
    of its methods.

    For a frozen class the dataclass decorator writes and compiles six functions
    (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``,
    ``__delattr__``), about a millisecond a class, and an ``analyze`` imports some forty
    such classes. Here the dataclass is made with none of them (its fields, slots,
    ``__match_args__``, `dataclasses.replace` and `fields` as ever); one ``__init__`` is
    compiled, with the dataclass's parameters, defaults and factories, that sets each slot
    through its descriptor (as `slot_init`'s does) and calls ``__post_init__``; the others
    are written once here for every record, with the dataclass's behaviour: equality and
    the hash on the tuple of the compared fields, the repr (``...`` for a record inside
    itself), assignment and deletion refused with `FrozenInstanceError`, and the pickled
    state (``tests/test_model_record.py`` holds each against the dataclass's own). A class
    that writes one of these methods itself, or has an ``InitVar`` or a ``ClassVar``, is
    refused.
    """
    own = [name for name in _MADE_BY_RECORD if name in cls.__dict__]
    if own:
        raise TypeError(f"record cannot make {cls.__qualname__}: it writes {', '.join(own)}")
    documented = bool(cls.__dict__.get("__doc__"))
    if not documented:
        # or the dataclass would read the signature of a class with no __init__ yet, that
        # of the builtin `object.__init__`: tokenized from its text (the first time, a
        # millisecond of compiling the tokenizer's pattern) for a docstring replaced below
        cls.__doc__ = cls.__name__
    made: Any = dataclass(slots=True, init=False, repr=False, eq=False)(cls)
    found = fields(made)
    if len(found) != len(made.__dataclass_fields__):
        raise TypeError(f"record cannot make {cls.__qualname__}: an InitVar or a ClassVar")
    made.__init__ = _record_init(made, found)
    _add_record_methods(made, found)
    params = made.__dataclass_params__
    params.init = params.repr = params.eq = params.frozen = True
    if not documented:  # as the dataclass documents an undocumented class
        made.__doc__ = made.__name__ + str(inspect.signature(made)).replace(" -> None", "")
    return made  # type: ignore[no-any-return]


class _Factory:
    """The default of a parameter whose field has a default factory (as the dataclass's)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _record_init(cls: Any, found: tuple[Any, ...]) -> Callable[..., None]:
    """The dataclass's ``__init__`` for `cls`, setting each slot through its descriptor."""
    namespace: dict[str, Any] = {"_FACTORY": _FACTORY}
    positional, keyword, body = [], [], []
    for f in found:
        namespace[f"set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default_factory is not MISSING:
            namespace[f"factory_{f.name}"] = f.default_factory
            value = f"factory_{f.name}()"
            if f.init:
                value = f"{value} if {f.name} is _FACTORY else {f.name}"
            default = "=_FACTORY"
        elif f.default is not MISSING:
            namespace[f"default_{f.name}"] = f.default
            value = f.name if f.init else f"default_{f.name}"
            default = f"=default_{f.name}"
        elif f.init:
            value, default = f.name, ""
        else:
            continue  # neither given nor defaulted: the slot stays empty, as the dataclass's
        if f.init:
            (keyword if f.kw_only else positional).append(f"{f.name}{default}")
        body.append(f"    set_{f.name}(self, {value})")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    parameters = ["self", *positional, *(["*", *keyword] if keyword else [])]
    source = f"def __init__({', '.join(parameters)}):\n" + "\n".join(body or ["    pass"])
    exec(source + "\n", namespace)  # as dataclasses itself writes __init__
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {f.name: f.type for f in found if f.init} | {"return": None}
    return init  # type: ignore[no-any-return]


def _as_tuple(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of the attributes `names` of an object, as a tuple (even of one)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return lambda obj: ()


def _add_record_methods(cls: Any, found: tuple[Any, ...]) -> None:
    """The frozen dataclass's other methods, for `cls` with the fields `found`."""
    compared = _as_tuple(tuple(f.name for f in found if f.compare))
    hashed = _as_tuple(tuple(f.name for f in found if (f.compare if f.hash is None else f.hash)))
    shown = [(f.name, attrgetter(f.name)) for f in found if f.repr]
    names = frozenset(f.name for f in found)
    running: set[tuple[int, int]] = set()

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    def __repr__(self: Any) -> str:
        key = id(self), threading.get_ident()
        if key in running:
            return "..."
        running.add(key)
        try:
            inner = ", ".join(f"{name}={get(self)!r}" for name, get in shown)
        finally:
            running.discard(key)
        return f"{self.__class__.__qualname__}({inner})"

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    every = tuple(f.name for f in found)
    setters = tuple(cls.__dict__[name].__set__ for name in every)

    def __getstate__(self: Any) -> list[Any]:
        return [getattr(self, name) for name in every]

    def __setstate__(self: Any, state: list[Any]) -> None:
        for put, value in zip(setters, state, strict=False):  # as the dataclass's
            put(self, value)

    made = (__eq__, __hash__, __repr__, __setattr__, __delattr__, __getstate__, __setstate__)
    for method in made:
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)


@record
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


@record
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
    """`Element.__init__`, setting each slot as a plain store.

    A reader makes an Element for every speech and direction and the builder makes
    most of them again. A frozen class's ``__setattr__`` refuses stores, so its
    ``__init__`` must call a setter for each of the fourteen slots (``object.__setattr__``,
    or the slot's descriptor: about 70 ns a call, most of the cost of making one). Here the
    new element is lent for its ``__init__`` to `_OpenElement`, a class with Element's
    slots (the same layout, so CPython lets ``__class__`` change between them) and no
    ``__setattr__`` of its own, whose slots the interpreter stores into directly; then
    it is given back its class. A subclass's element (whose layout may differ) has
    each slot set with ``object.__setattr__``. The parameters and defaults are the
    dataclass's (a test compares them, and the layouts).
    """
    open_class = _OpenElement
    store = object.__setattr__
    names = Element.__slots__  # type: ignore[attr-defined]

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
        own_class = type(self)
        if own_class is not Element:
            values = (kind, text, span, cue, speaker, extensions, dual, page, number, act)
            for name, value in zip(names, (*values, refs, numbers, verse, None), strict=True):
                store(self, name, value)
            return
        store(self, "__class__", open_class)
        opened: Any = self
        opened.kind = kind
        opened.text = text
        opened.span = span
        opened.cue = cue
        opened.speaker = speaker
        opened.extensions = extensions
        opened.dual = dual
        opened.page = page
        opened.number = number
        opened.act = act
        opened.refs = refs
        opened.numbers = numbers
        opened.verse = verse
        opened._words = None
        opened.__class__ = own_class

    __init__.__qualname__ = "Element.__init__"
    return __init__


_OpenElement = type("_OpenElement", (), {"__slots__": Element.__slots__})  # type: ignore[attr-defined]
"""A class with `Element`'s slots and nothing else, that `Element.__init__` lends a new
element while it fills the slots."""
Element.__init__ = _element_init()  # type: ignore[method-assign]


@record
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


@record
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


@record
class Speech:
    """One speech: a cue and what follows it (dialogue, parentheticals, lyrics)."""

    speaker: str | None
    elements: tuple[Element, ...]

    @property
    def text(self) -> str:
        # a list, not a generator, for `join` to read: half the time (Kraus's 6,128 speeches)
        return " ".join([e.text for e in self.elements if e.kind in SPOKEN_KINDS])

    @property
    def line(self) -> int:
        return self.elements[0].line


@record
class Alias:
    """One name a character goes by, with the reason it was merged."""

    name: str
    reason: str


@record
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
    epithets: tuple[str, ...] = ()
    """What the cast list calls the character that is no name the others use: the play's
    title, when the list gives it as the character's description (*Dorothea, the Virgin
    Martyr*). Read by the title features only, never searched for in the text."""
    attendant: str | None = None
    """What the play's list of persons says of the character when it makes them a servant, a
    friend or a confidant (*Bedienter des Belmonte* for Pedrillo; *друг его* for Кочкарев): one
    who serves another's story. None when it does not."""

    def names(self) -> tuple[str, ...]:
        return (self.name, *(a.name for a in self.aliases))


@record
class Diagnostic:
    """Something a lenient reader or the builder had to guess, with its line."""

    line: int | None
    message: str
    code: str = "guess"


@record
class CastEntry:
    """A character the script declares (a TEI cast list, a title-page note).

    `aliases` are other names the cast list says it goes under (a disguise); `epithets`
    what it calls the character besides (`Character.epithets`); `attendant` what it says
    of a servant, a friend or a confidant (`Character.attendant`).
    """

    id: str
    name: str
    gender: str | None = None
    group: bool = False
    aliases: tuple[str, ...] = ()
    epithets: tuple[str, ...] = ()
    attendant: str | None = None


@record
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


@record
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
