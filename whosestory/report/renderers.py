"""One renderer interface: a view and the options -> the text to print or write.

Every output of every command goes through a `Renderer`: the CLI looks one up in
`RENDERERS[command][format]` and never renders in any other way. Each renderer
reads the plain view its command builds (`report.view`, `argue`, `compare`) and
never the Story or the Analysis.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from whosestory.safety import clean_view


@dataclass(frozen=True, slots=True)
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
    """Any view as indented JSON, non-ASCII kept as it is."""
    return json.dumps(view, ensure_ascii=False, indent=2) + "\n"


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
