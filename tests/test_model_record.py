"""`model.record` behaves as ``@dataclass(frozen=True, slots=True)``: each class below is made
both ways from the same body, and every behaviour a caller can see is compared."""

from __future__ import annotations

import copy
import importlib
import inspect
import pickle
import sys
from dataclasses import FrozenInstanceError, dataclass, field, fields, is_dataclass, replace
from typing import Any, ClassVar

import pytest

from whosestory.model import record


def _bodies() -> dict[str, Any]:
    """Class bodies (made afresh for each call): plain, defaults, a field outside the
    ``__init__``, factories, ``__post_init__``, keyword-only fields, no field, one field."""

    class Plain:
        """Two fields."""

        name: str
        count: int

    class Defaults:
        """Defaults and a field neither compared nor shown."""

        name: str
        tags: tuple[str, ...] = ()
        score: float = 0.5
        cached: int | None = field(default=None, init=False, repr=False, compare=False)

    class Factories:
        """A default factory in and out of the ``__init__``, and ``__post_init__``."""

        name: str
        items: list[int] = field(default_factory=list)
        seen: dict[str, int] = field(default_factory=dict, init=False, compare=False)

        def __post_init__(self) -> None:
            self.seen[self.name] = len(self.items)

    class KeywordOnly:
        """A keyword-only field, and one kept out of the hash."""

        name: str
        weight: float = field(default=1.0, kw_only=True)
        note: str = field(default="", hash=False)

    class Empty:
        """No field."""

    class One:
        single: float

    return {"Plain": Plain, "Defaults": Defaults, "Factories": Factories,
            "KeywordOnly": KeywordOnly, "Empty": Empty, "One": One}  # fmt: skip


ARGUMENTS = {
    "Plain": [(("a", 1), {}), (("a", 2), {}), ((), {"name": "b", "count": 1})],
    "Defaults": [(("a",), {}), (("a", ("x",)), {"score": 2.0}), (("b",), {"tags": ("y", "z")})],
    "Factories": [(("a",), {}), (("a", [1, 2]), {}), (("b",), {"items": [3]})],
    "KeywordOnly": [(("a",), {}), (("a",), {"weight": 2.0}), (("a", "n"), {"weight": 1.0})],
    "Empty": [((), {})],
    "One": [((1.0,), {}), ((float("nan"),), {})],
}


def _both(name: str) -> tuple[Any, Any]:
    """The class `name` made by the dataclass decorator and by `record`, each in this module
    under its own name (pickle looks a class up by module and name)."""
    theirs = dataclass(frozen=True, slots=True)(_bodies()[name])
    ours = record(_bodies()[name])
    module = sys.modules[__name__]
    for cls, prefix in ((theirs, "Dataclass"), (ours, "Record")):
        cls.__qualname__ = cls.__name__ = f"{prefix}{name}"
        setattr(module, cls.__name__, cls)
    return theirs, ours


def _hash(obj: Any) -> int | str:
    try:
        return hash(obj)
    except TypeError as error:  # a field holds a list
        return str(error)


def _seen(obj: Any) -> dict[str, Any]:
    """What a caller sees of one instance, with the class's name taken out of its repr."""
    return {
        "fields": {f.name: getattr(obj, f.name, "<unset>") for f in fields(obj)},
        "repr": repr(obj).replace(type(obj).__qualname__, "C"),
        "hash": _hash(obj),
        "match_args": type(obj).__match_args__,
        "state": obj.__getstate__(),
    }


@pytest.mark.parametrize("name", sorted(ARGUMENTS))
def test_record_makes_what_the_dataclass_makes(name: str) -> None:
    theirs, ours = _both(name)
    assert is_dataclass(ours) and ours.__slots__ == theirs.__slots__
    assert str(inspect.signature(ours)) == str(inspect.signature(theirs))
    assert [(f.name, f.init, f.compare, f.repr) for f in fields(ours)] == [
        (f.name, f.init, f.compare, f.repr) for f in fields(theirs)
    ]
    assert repr(ours.__dataclass_params__) == repr(theirs.__dataclass_params__)
    assert ours.__doc__.replace("Record", "") == theirs.__doc__.replace("Dataclass", "")
    made = [(theirs(*a, **k), ours(*a, **k)) for a, k in ARGUMENTS[name]]
    for their, our in made:
        assert _seen(our) == _seen(their)
        again = pickle.loads(pickle.dumps(our))  # a NaN comes back another object: its own hash
        assert repr(again) == repr(our) and repr(again.__getstate__()) == repr(our.__getstate__())
        assert _seen(copy.deepcopy(our)) == _seen(our)
        assert _seen(replace(our)) == _seen(their)
        assert (our == our) == (their == their)  # NaN: the same object equals itself
        assert (our == their) is False and our != 1
    for their_i, our_i in made:
        for their_j, our_j in made:
            assert (our_i == our_j) == (their_i == their_j)


@pytest.mark.parametrize("name", sorted(ARGUMENTS))
def test_record_refuses_assignment_and_deletion(name: str) -> None:
    _, ours = _both(name)
    args, kwargs = ARGUMENTS[name][0]
    obj = ours(*args, **kwargs)
    for f in fields(ours):
        with pytest.raises(FrozenInstanceError, match=f"cannot assign to field '{f.name}'"):
            setattr(obj, f.name, 1)
        with pytest.raises(FrozenInstanceError, match=f"cannot delete field '{f.name}'"):
            delattr(obj, f.name)


def test_record_calls_post_init_and_fresh_factories() -> None:
    _, ours = _both("Factories")
    first, second = ours("a", [1]), ours("b")
    assert first.seen == {"a": 1} and second.seen == {"b": 0}
    assert first.items is not second.items and second.items == []
    with pytest.raises(TypeError):
        ours()


def test_record_repr_of_a_record_inside_itself() -> None:
    theirs, ours = _both("Factories")
    their, our = theirs("a"), ours("a")
    their.items.append(their)
    our.items.append(our)
    ours_seen = repr(our).replace("RecordFactories", "C")
    assert ours_seen == repr(their).replace("DataclassFactories", "C")


def test_record_refuses_what_it_does_not_make_as_the_dataclass_does() -> None:
    class OwnRepr:
        name: str

        def __repr__(self) -> str:
            return "mine"

    class Constant:
        name: str
        LIMIT: ClassVar[int] = 3

    for cls in (OwnRepr, Constant):
        with pytest.raises(TypeError):
            record(cls)


RECORDS = [
    "whosestory.model:Span", "whosestory.model:Element", "whosestory.model:Mention",
    "whosestory.model:Scene", "whosestory.model:Speech", "whosestory.model:Alias",
    "whosestory.model:Character", "whosestory.model:Diagnostic", "whosestory.model:CastEntry",
    "whosestory.model:Script", "whosestory.model:Story",
]  # fmt: skip


@pytest.mark.parametrize("where", RECORDS)
def test_the_records_are_frozen_slotted_dataclasses(where: str) -> None:
    module, name = where.split(":")
    cls = getattr(importlib.import_module(module), name)
    assert is_dataclass(cls) and cls.__dataclass_params__.frozen and "__slots__" in cls.__dict__
    parameters = list(inspect.signature(cls.__init__).parameters)[1:]
    assert parameters == [f.name for f in fields(cls) if f.init]
