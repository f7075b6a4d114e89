"""Element's own ``__init__`` takes what the dataclass's would and sets what it would."""

from __future__ import annotations

import inspect
import pickle
from dataclasses import MISSING, fields, replace

from whosestory.model import Element, Kind, Span


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
