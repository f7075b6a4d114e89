"""The statistics as named tables, and each table as text, Markdown, CSV or HTML.

`stats_tables(stats)` turns the plain statistics (`whosestory.stats.types.Stats`)
into `Table`s, declared once here, so that the terminal, the Markdown and HTML
reports and ``whosestory stats --format csv`` show the same columns. Cells are
plain values (numbers, strings, None); each format writes them its own way (the
Markdown one is `report.markdown.markdown_table`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from whosestory.model import record
from whosestory.report import prose
from whosestory.stats.screen import length_label

if TYPE_CHECKING:
    from whosestory.stats.types import Stats

Cell = str | int | float | None


@record
class Table:
    """A named table: `name` (for CSV and ``--table``), a title, headers and rows."""

    name: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def column(self, header: str) -> list[Cell]:
        """The cells of one column, by its header."""
        i = self.headers.index(header)
        return [row[i] for row in self.rows]


def _percent(value: float | None) -> str | None:
    return None if value is None else f"{value:.0%}"


def _table(name: str, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> Table:
    return Table(name, title, tuple(headers), tuple(tuple(r) for r in rows))


def _picked(name: str, title: str, columns: Mapping[str, str], items: Sequence[Any]) -> Table:
    """A table whose columns (header -> key) are fields of the items, as they are."""
    rows = [tuple(item[key] for key in columns.values()) for item in items]
    return _table(name, title, list(columns), rows)


def stats_tables(stats: Stats) -> list[Table]:
    """Every table of the statistics, in the order the reports show them."""
    parts = stats["parts"]
    network = stats["network"]
    splits = [
        _table(
            key,
            title,
            ("name", "scenes", "eighths", "pages", "share"),
            [
                (s["name"], s["scenes"], s["eighths"], length_label(s["eighths"]), s["share"])
                for s in stats[key]
            ],
        )
        for key, title in (("settings", "Interior and exterior"), ("dayparts", "Day and night"))
    ]
    return [
        _table(
            "summary",
            "The script",
            ("figure", "value"),
            [
                ("length (pages)", stats["length"]),
                ("estimated pages", stats["pages"]),
                ("scenes", len(stats["scenes"])),
                ("minutes of dialogue", stats["dialogue_minutes"]),
                ("words per minute assumed", stats["words_per_minute"]),
            ],
        ),
        _table(
            "characters",
            "Characters",
            (
                "character",
                "speeches",
                "dialogue words",
                "action words",
                "dialogue share",
                "minutes of dialogue",
                "scenes",
                "eighths",
                "voice distinctness",
                *parts,
            ),
            [
                (
                    c["name"],
                    c["speeches"],
                    c["dialogue_words"],
                    c["action_words"],
                    c["dialogue_share"],
                    c["minutes"],
                    c["scenes"],
                    c["eighths"],
                    c["distinctness"],
                    *(c["by_part"].get(p, 0) for p in parts),
                )
                for c in stats["characters"]
            ],
        ),
        _table(
            "scenes",
            "Scenes",
            (
                "scene",
                "number",
                "heading",
                "length",
                "eighths",
                "setting",
                "time of day",
                "dialogue words",
                "action words",
                "dialogue share",
                "speakers",
            ),
            [
                (
                    s["index"],
                    s["number"],
                    s["heading"],
                    s["length"],
                    s["eighths"],
                    s["setting"],
                    s["daypart"],
                    s["dialogue_words"],
                    s["action_words"],
                    s["dialogue_share"],
                    ", ".join(s["speakers"]),
                )
                for s in stats["scenes"]
            ],
        ),
        *splits,
        _picked(
            "locations",
            "Locations",
            {
                "location": "name",
                "scenes": "scenes",
                "eighths": "eighths",
                "first scene": "first",
                "last scene": "last",
            },
            stats["locations"],
        ),
        _table(
            "matrix",
            "Scene by character (words spoken; 0 present and silent; blank absent)",
            ("scene", "heading", *stats["matrix"]["characters"]),
            [(r["scene"], r["heading"], *r["cells"]) for r in stats["matrix"]["rows"]],
        ),
        _picked(
            "voices",
            "Vocabulary overlap (Jaccard index of word types)",
            {"character": "a", "other": "b", "overlap": "overlap"},
            stats["voices"],
        ),
        _table(
            "network",
            "Network (co-presence)",
            ("metric", "value"),
            [(key.replace("_", " "), value) for key, value in network.items()],
        ),
        _picked(
            "gender",
            "Speech by gender",
            {
                "gender": "gender",
                "characters": "characters",
                "speeches": "speeches",
                "words": "words",
                "share of words": "share",
            },
            stats["gender"],
        ),
    ]


# ---------------------------------------------------------------- formats


def show(value: Cell) -> str:
    """A cell for reading: numbers as the reports write them (`prose.number`), None blank."""
    return "" if value is None else prose.number(value)


def numeric(table: Table, i: int) -> bool:
    """True for a column that holds numbers (right-aligned, sorted as numbers)."""
    return any(isinstance(row[i], (int, float)) for row in table.rows)


def text_table(table: Table, limit: int | None = None) -> list[str]:
    """A table as aligned terminal lines under its title, numbers right-aligned."""
    rows = [[show(c) for c in row] for row in table.rows[:limit]]
    headers = list(table.headers)
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    right = {i for i in range(len(headers)) if numeric(table, i)}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    lines = [table.title, line(headers), line(["-" * w for w in widths]), *map(line, rows)]
    if limit is not None and len(table.rows) > limit:
        lines.append(f"... {len(table.rows) - limit} more (--format csv has them all)")
    return lines


def split_columns(table: Table, size: int, keep: int = 1) -> list[Table]:
    """The table as tables of at most `size` columns after the first `keep` (kept in each)."""
    rest = range(keep, len(table.headers))
    found = []
    for start in range(keep, max(len(table.headers), keep + 1), size):
        columns = [*range(keep), *rest[start - keep : start - keep + size]]
        found.append(
            Table(
                table.name,
                table.title,
                tuple(table.headers[i] for i in columns),
                tuple(tuple(row[i] for i in columns) for row in table.rows),
            )
        )
    return found


def csv_table(table: Table) -> str:
    """A table as CSV (RFC 4180): a header row, then the rows; None is an empty field."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headers)
    writer.writerows(["" if c is None else c for c in row] for row in table.rows)
    return out.getvalue()


def html_table(table: Table, css: str = "") -> str:
    """A table as HTML (cells escaped, numbers right-aligned with their raw value for sorting)."""
    numbers = [numeric(table, i) for i in range(len(table.headers))]
    head = "".join(
        f"<th>{escape(h)}</th>" if numbers[i] else f'<th class="text">{escape(h)}</th>'
        for i, h in enumerate(table.headers)
    )
    body = []
    for row in table.rows:
        cells = "".join(
            f'<td data-v="{"" if c is None else escape(str(c))}">{escape(show(c))}</td>'
            if numbers[i]
            else f'<td class="text">{escape(show(c))}</td>'
            for i, c in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        f'<div class="scroll"><table class="sortable {css}" data-table="{escape(table.name)}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
