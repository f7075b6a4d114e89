"""The JSON renderer writes what ``json.dumps(view, ensure_ascii=False, indent=2)`` writes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whosestory.report.renderers import Options, render_json

leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=8)
)
views = st.recursive(
    leaves,
    lambda children: (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.dictionaries(st.text(max_size=4), children, max_size=4)
    ),
    max_leaves=30,
)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@given(views)
def test_the_json_is_the_json_modules_to_the_byte(view: Any) -> None:
    assert render_json(view, Options()) == _dumps(view)


@pytest.mark.parametrize(
    "view",
    [
        {1: "a", "b": [1.5, None]},  # keys json turns into strings
        {None: True, 2.5: {"x": []}},
        [{"a": 1}, {True: False}],
    ],
)
def test_what_a_view_never_holds_goes_to_the_json_module(view: Any) -> None:
    assert render_json(view, Options()) == _dumps(view)


def test_a_value_that_holds_itself_is_refused_as_the_json_module_refuses_it() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        render_json(loop, Options())
    with pytest.raises(TypeError):
        render_json({"a": object()}, Options())
