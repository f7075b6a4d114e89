"""``whosestory stats`` and ``whosestory sides``: the statistics and a character's sides as
text, Markdown or CSV (JSON is the view itself).

The tables come from `report.tables`, so these outputs show the same columns as the
statistics section of the analysis report.
"""

from __future__ import annotations

from collections.abc import Sequence

from whosestory.errors import WhosestoryError
from whosestory.report.markdown import escape_md, markdown_table
from whosestory.report.tables import Table, csv_table, stats_tables, text_table
from whosestory.report.types import StatsView
from whosestory.stats.types import Sides
from whosestory.wording import counted

TEXT_ROWS = 25
"""Rows of each table in the terminal output; the CSV has them all."""


def _facts(view: StatsView) -> str:
    return " · ".join(f for f in (view["format"], view["source"]) if f)


def render_stats_text(view: StatsView) -> str:
    """Every table, aligned for the terminal, the long ones cut at `TEXT_ROWS` rows."""
    lines = [view["title"] or "Untitled", _facts(view), ""]
    for table in stats_tables(view["stats"]):
        if table.rows:
            lines += [*text_table(table, TEXT_ROWS), ""]
    return "\n".join(lines)


def render_stats_markdown(view: StatsView) -> str:
    """Every table as a GitHub pipe table."""
    lines = [
        f"# {escape_md(view['title'] or 'Untitled')}: statistics",
        "",
        escape_md(_facts(view)),
        "",
    ]
    for table in stats_tables(view["stats"]):
        if table.rows:
            lines += markdown_table(table)
    return "\n".join(lines)


def render_stats_csv(view: StatsView, table: str | None = None) -> str:
    """One table as CSV (`table`), or every table, each after a ``# name`` line and a blank line."""
    tables = stats_tables(view["stats"])
    if table is not None:
        return csv_table(_named(tables, table))
    return "\r\n".join(f"# {t.name}\r\n{csv_table(t)}" for t in tables)


def _named(tables: Sequence[Table], name: str) -> Table:
    for table in tables:
        if table.name == name:
            return table
    raise WhosestoryError(
        f"no table called {name!r} (tables: {', '.join(t.name for t in tables)})."
    )


def _cue_changes(sides: Sides) -> list[tuple[int, str, bool, str | None, bool, str]]:
    """(scene, heading and length, own, the cue when a speech opens, spoken, text) per element."""
    found = []
    for scene in sides["scenes"]:
        heading = f"{scene['heading'] or '(before the first heading)'} ({scene['length']} pages)"
        cue = None
        for element in scene["elements"]:
            if element["kind"] == "heading":
                continue
            opens = element["cue"] if element["cue"] and element["cue"] != cue else None
            cue = element["cue"]
            spoken = element["cue"] is not None
            found.append((scene["index"], heading, element["own"], opens, spoken, element["text"]))
    return found


def _sides_summary(sides: Sides) -> str:
    scenes, speeches = counted(len(sides["scenes"]), "scene"), counted(sides["speeches"], "speech")
    return f"{scenes}, {speeches}, {counted(sides['dialogue_words'], 'word')} of dialogue."


def render_sides_text(sides: Sides) -> str:
    """The sides laid out like a script; the character's own lines marked ``>>``."""
    name = sides["character"]
    lines = [f"Sides: {name}, {sides['title'] or 'Untitled'}", _sides_summary(sides)]
    lines.append(f"Lines marked >> are {name}'s.")
    current = None
    for index, heading, own, cue, spoken, text in _cue_changes(sides):
        if index != current:
            lines += ["", f"{index}. {heading}", ""]
            current = index
        mark = ">> " if own else "   "
        if cue:
            lines.append(f"{mark}{' ' * 20}{cue}")
        lines.append(f"{mark}{' ' * 10 if spoken else ''}{text}")
    return "\n".join(lines) + "\n"


def render_sides_markdown(sides: Sides) -> str:
    """The sides as Markdown: a heading per scene, each speech after its cue in bold, the
    character's own speeches as block quotes."""
    name = escape_md(sides["character"])
    lines = [
        f"# Sides: {name}, {escape_md(sides['title'] or 'Untitled')}",
        "",
        _sides_summary(sides),
    ]
    current = None
    for index, heading, own, cue, _, text in _cue_changes(sides):
        if index != current:
            lines += ["", f"## {index}\\. {escape_md(heading, line_start=False)}", ""]
            current = index
        said = f"**{escape_md(cue, line_start=False)}** " if cue else ""
        lines.append(f"{'> ' if own else ''}{said}{escape_md(text, line_start=not said)}")
        lines.append("")
    return "\n".join(lines)
