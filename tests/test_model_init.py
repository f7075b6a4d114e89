"""Element's own ``__init__`` and `slot_init`'s take what the dataclass's would and set what it
would."""

from __future__ import annotations

import importlib
import inspect
import pickle
from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields, replace

import pytest

from whosestory.model import Element, Kind, Mention, Span, slot_init


def test_element_init_has_the_dataclass_parameters_and_defaults() -> None:
    parameters = list(inspect.signature(Element.__init__).parameters.values())[1:]
    expected = [(f.name, f.default) for f in fields(Element) if f.init]
    found = [(p.name, MISSING if p.default is p.empty else p.default) for p in parameters]
    assert found == expected
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in parameters)


def test_element_init_sets_every_field() -> None:
    values = {
        "kind": Kind.DIALOGUE, "text": "Hello there", "span": Span(3, 4), "cue": "ANN (V.O.)",
        "speaker": "ANN", "extensions": ("V.O.",), "dual": True, "page": 2, "number": "5",
        "act": "1", "refs": ("a",), "numbers": ((0, "12"),), "verse": 2,
    }  # fmt: skip
    element = Element(**values)
    assert {f.name: getattr(element, f.name) for f in fields(Element) if f.init} == values
    assert element.words() == 2
    assert replace(element, text="Bye").words() == 1
    assert pickle.loads(pickle.dumps(element)) == element
    assert Element(Kind.ACTION, "x", Span(1, 1)) == Element(Kind.ACTION, "x", Span(1, 1), None)


def test_span_init_has_the_dataclass_parameters_and_keeps_an_end_before_the_start() -> None:
    parameters = list(inspect.signature(Span.__init__).parameters)[1:]
    assert parameters == [f.name for f in fields(Span)]
    assert (Span(3, 5).start, Span(3, 5).end) == (3, 5)
    assert Span(5, 3) == Span(5, 5)
    assert Span(start=2, end=2) == replace(Span(2, 9), end=1)
    assert pickle.loads(pickle.dumps(Span(1, 4))) == Span(1, 4)


SLOT_INIT_CLASSES = [
    "whosestory.model:Mention",
    "whosestory.model:Speech",
    "whosestory.measures.arc:Unit",
    "whosestory.cast:CueUse",
    "whosestory.screenplay:Cue",
    "whosestory.screenplay:Heading",
    "whosestory.measures.agency:Role",
    "whosestory.measures.interiority:Hit",
]


@pytest.mark.parametrize("where", SLOT_INIT_CLASSES)
def test_slot_init_has_the_dataclass_parameters_and_defaults(where: str) -> None:
    module, name = where.split(":")
    cls = getattr(importlib.import_module(module), name)
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    expected = [(f.name, f.default) for f in fields(cls) if f.init]
    found = [(p.name, MISSING if p.default is p.empty else p.default) for p in parameters]
    assert found == expected
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in parameters)
    assert cls.__init__.__qualname__ == f"{name}.__init__"


def test_slot_init_sets_every_field_and_keeps_the_dataclass_behaviour() -> None:
    @slot_init
    @dataclass(frozen=True, slots=True)
    class Record:
        name: str
        count: int = 3
        tags: tuple[str, ...] = ()
        cached: int | None = field(default=None, init=False, compare=False)

    record = Record("a", tags=("x",))
    assert (record.name, record.count, record.tags, record.cached) == ("a", 3, ("x",), None)
    assert record == Record(name="a", count=3, tags=("x",))
    assert replace(record, count=4).count == 4
    assert pickle.loads(pickle.dumps(Mention("ANN", 1, 2, "Ann", "name", 5))) == Mention(
        "ANN", 1, 2, "Ann", "name", 5
    )
    with pytest.raises(FrozenInstanceError):
        record.name = "b"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Record()  # type: ignore[call-arg]


def test_slot_init_refuses_what_it_cannot_stand_in_for() -> None:
    @dataclass(frozen=True, slots=True)
    class Later:
        items: list[int] = field(default_factory=list)

    with pytest.raises(TypeError):
        slot_init(Later)


def test_element_init_lends_the_open_class_element_s_layout_and_keeps_a_subclass() -> None:
    from whosestory.model import _OpenElement

    names = tuple(f.name for f in fields(Element))
    assert _OpenElement.__slots__ == Element.__slots__ == names  # type: ignore[attr-defined]
    assert type(Element(Kind.ACTION, "x", Span(1, 1))) is Element

    class Noted(Element):
        pass

    noted = Noted(Kind.STAGE, "Exit.", Span(2, 2), refs=("a",), verse=1)
    assert type(noted) is Noted
    assert (noted.text, noted.refs, noted.verse, noted.words()) == ("Exit.", ("a",), 1, 1)
    with pytest.raises(FrozenInstanceError):
        noted.text = "Enter."  # type: ignore[misc]
