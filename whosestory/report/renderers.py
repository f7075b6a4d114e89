"""One renderer interface: a view and the options -> the text to print or write.

Every output of every command goes through a `Renderer`: the CLI looks one up in
`RENDERERS[command][format]` and never renders in any other way. Each renderer
reads the plain view its command builds (`report.view`, `argue`, `compare`) and
never the Story or the Analysis.
"""

from __future__ import annotations

import importlib
import json
import math
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from whosestory.model import record
from whosestory.safety import clean_view


@record
class Options:
    """How to render: with the reader's diagnostics (`verbose`), in colour (terminal text),
    one statistics table (`table`, for CSV) or all."""

    verbose: bool = False
    colour: bool = False
    table: str | None = None


class Renderer(Protocol):
    """Turns a plain view into the text of one output format."""

    def __call__(self, view: Any, options: Options, /) -> str: ...


def _in(module: str, name: str) -> Callable[..., str]:
    """The renderer `name` of ``whosestory.report.<module>``, imported when first called: a
    command renders one format, and JSON need not import HTML with its charts, Markdown,
    the graph exports and the text renderers (a few milliseconds of every start)."""
    found: Callable[..., str] = getattr(
        importlib.import_module(f"whosestory.report.{module}"), name
    )
    return found


def render_json(view: Any, options: Options) -> str:
    """Any view as indented JSON, non-ASCII kept as it is.

    The text of ``json.dumps(view, ensure_ascii=False, indent=2)``, written by `_indented`
    (a view holds only dicts with string keys, lists, strings, numbers, booleans and None):
    with an indent, the json module encodes in Python, every piece passed up a chain of
    generators as deep as the view (a third of a large play's report); anything else goes
    to the json module itself.
    """
    parts: list[str] = []
    try:
        _indented(view, parts, "\n")
    except _Unusual:
        return json.dumps(view, ensure_ascii=False, indent=2) + "\n"
    parts.append("\n")
    return "".join(parts)


class _Unusual(Exception):
    """A value `_indented` leaves to the json module (another type, a key not a string, a
    cycle)."""


_STRING: Callable[[str], str] = json.encoder.encode_basestring  # the json module's own (C)
_FLOAT = float.__repr__
_INT = int.__repr__
_MAX_DEPTH = 200
"""Deeper than any view: past it a value is taken to hold itself (json raises on a cycle)."""


def _indented(value: Any, parts: list[str], newline: str) -> None:
    """Append `value` as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it, at the
    indent that `newline` (a line break and the current indent) carries."""
    leaf = _LEAVES.get(type(value))
    if leaf is not None:
        parts.append(leaf(value))
        return
    kind = type(value)
    if kind is dict:
        if not value:
            parts.append("{}")
            return
        if len(newline) > _MAX_DEPTH:
            raise _Unusual
        inner = newline + "  "
        if (
            _ONE_LEVEL is not None
            and _LEAF_TYPES.issuperset(map(type, value.values()))
            and all(type(key) is str for key in value)
        ):
            flat = "".join(_one_level(inner)(value, 0))
            parts.append("{" + inner + flat[1:-1] + newline + "}")
            return
        before = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            leaf = _LEAVES.get(type(item))
            if leaf is not None:
                parts.append(before + _STRING(key) + ": " + leaf(item))
            else:
                parts.append(before + _STRING(key) + ": ")
                _indented(item, parts, inner)
            before = "," + inner
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        if len(newline) > _MAX_DEPTH:
            raise _Unusual
        inner = newline + "  "
        if _ONE_LEVEL is not None and _LEAF_TYPES.issuperset(map(type, value)):
            flat = "".join(_one_level(inner)(value, 0))  # "[a,<inner>b]"
            parts.append("[" + inner + flat[1:-1] + newline + "]")
            return
        before = "[" + inner
        for item in value:
            leaf = _LEAVES.get(type(item))
            if leaf is not None:
                parts.append(before + leaf(item))
            else:
                parts.append(before)
                _indented(item, parts, inner)
            before = "," + inner
        parts.append(newline + "]")
    else:
        raise _Unusual


def _float(value: float) -> str:
    """A float as the json module writes it (allow_nan: NaN, Infinity, -Infinity)."""
    if value != value:
        return "NaN"
    if value == math.inf:
        return "Infinity"
    if value == -math.inf:
        return "-Infinity"
    return _FLOAT(value)


_LEAVES: dict[type, Callable[[Any], str]] = {
    str: _STRING,
    int: _INT,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
}
"""How each type of leaf is written (exact types: a subclass goes to the json module)."""
_LEAF_TYPES = frozenset(_LEAVES)

_ONE_LEVEL = getattr(json.encoder, "c_make_encoder", None)
"""The json module's encoder in C (None where it is not built), which writes a container
of leaves alone: with the indent's line break and spaces after each comma, it writes
one level of `_indented`'s text."""
_encoders: dict[str, Callable[[Any, int], Any]] = {}


def _one_level(inner: str) -> Callable[[Any, int], Any]:
    """The C encoder that separates items by a comma and `inner` (one made per indent)."""
    found = _encoders.get(inner)
    if found is None:
        assert _ONE_LEVEL is not None
        found = _encoders[inner] = _ONE_LEVEL(
            None, None, _STRING, None, ": ", "," + inner, False, False, True
        )
    return found


def _summary(view: Any, options: Options) -> str:
    return _in("text", "render_summary")(view, verbose=options.verbose, colour=options.colour)


RENDERERS: Mapping[str, Mapping[str, Renderer]] = {
    "analyze": {
        "text": _summary,
        "json": render_json,
        "md": lambda view, options: _in("markdown", "render_markdown")(view),
        "html": lambda view, options: _in("html", "render_html")(view),
        "gexf": lambda view, options: _in("export", "render_gexf")(view),
        "graphml": lambda view, options: _in("export", "render_graphml")(view),
    },
    "season": {
        "text": lambda view, options: _in("season_report", "render_season_text")(view),
        "json": render_json,
        "md": lambda view, options: _in("season_report", "render_season_markdown")(view),
        "html": lambda view, options: _in("season_report", "render_season_html")(view),
        "gexf": lambda view, options: _in("export", "render_gexf")(view["season"]),
        "graphml": lambda view, options: _in("export", "render_graphml")(view["season"]),
    },
    "stats": {
        "text": lambda view, options: _in("statistics", "render_stats_text")(view),
        "json": render_json,
        "md": lambda view, options: _in("statistics", "render_stats_markdown")(view),
        "csv": lambda view, options: _in("statistics", "render_stats_csv")(view, options.table),
    },
    "sides": {
        "text": lambda view, options: _in("statistics", "render_sides_text")(view),
        "json": render_json,
        "md": lambda view, options: _in("statistics", "render_sides_markdown")(view),
    },
    "argue": {
        "text": lambda view, options: _in("argument", "render_argument_text")(
            view, options.verbose
        ),
        "json": render_json,
        "md": lambda view, options: _in("argument", "render_argument_markdown")(
            view, options.verbose
        ),
        "html": lambda view, options: _in("argument", "render_argument_html")(
            view, options.verbose
        ),
    },
    "compare": {
        "text": lambda view, options: _in("argument", "render_comparison_text")(view),
        "json": render_json,
        "md": lambda view, options: _in("argument", "render_comparison_markdown")(view),
    },
    "cast": {
        "text": lambda view, options: _in("text", "render_cast")(view, options.verbose),
        "json": render_json,
    },
    "scenes": {
        "text": lambda view, options: _in("text", "render_scenes")(view, options.verbose),
        "json": render_json,
    },
}
"""Command -> output format -> renderer: the formats each command offers. ``season`` is
``analyze`` given several files (the episodes of one season): the same formats."""


TERMINAL_FORMATS = frozenset({"text", "md"})
"""Formats printed to terminals: script text reaches them without control sequences."""


def _without_controls(renderer: Renderer) -> Renderer:
    def render(view: Any, options: Options, /) -> str:
        return renderer(clean_view(view), options)

    return render


RENDERERS = {
    command: {
        name: _without_controls(renderer) if name in TERMINAL_FORMATS else renderer
        for name, renderer in formats.items()
    }
    for command, formats in RENDERERS.items()
}
