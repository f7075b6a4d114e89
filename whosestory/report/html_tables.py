"""The HTML report's tables: the measures in page-wide groups, and the statistics.

Every table fits its page: the measures table shows `CHOSEN` columns, and every
measure sits in a toggled view of narrow groups (`GROUP_STARTS`, at most
`GROUP_COLUMNS` columns each), so no print or phone loses a column. Names stay in
a sticky first column while a wide table scrolls. Each table has a CSV download
built in the page from the tables of its name (`report.assets`), so nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from whosestory.report import charts, prose
from whosestory.report.tables import Table, csv_table, html_table, split_columns, stats_tables
from whosestory.report.types import Character, ReportView
from whosestory.stats.types import Stats

CHOSEN = (
    "scenes_present",
    "cues",
    "words",
    "screen_time",
    "copresence_eigenvector",
    "agency",
    "interiority",
    "narration",
    "change",
)
"""The measures of the first table: presence, centrality, agency, inner life, telling, change."""

GROUP_STARTS = {
    "cues": "Presence",
    "subject": "Agency and inner life",
    "copresence_degree": "Co-presence network",
    "conversation_degree": "Conversation network",
    "frame_share": "Telling and frame",
    "change": "Change",
}
"""The measure (in registry order) that opens each group of the full view."""

GROUP_COLUMNS = 8
PAGE_COLUMNS = 9
PARTICIPATION_CHARACTERS = 15
CHARACTER_COLUMNS = 8
"""Columns of the characters' statistics in the page: all but the scenes per part."""
MATRIX_CHARACTERS = 18
MATRIX_COLUMNS = 6
"""Characters of each piece of the scene x character table: long names need the room."""
"""Characters of the scene x character table in the page (the most speaking); the CSV has all."""
"""Columns of a statistics table that fit a printed page beside its first ones; wider
tables are shown in pieces (the CSV has them whole)."""
STATS_ROWS = 30
"""Rows of a statistics table shown before the rest are folded away."""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def measure_groups(keys: Sequence[str]) -> list[tuple[str, list[str]]]:
    """`keys` in groups of at most `GROUP_COLUMNS`, each opened by one of `GROUP_STARTS`."""
    groups: list[tuple[str, list[str]]] = []
    for key in keys:
        if key in GROUP_STARTS or not groups or len(groups[-1][1]) >= GROUP_COLUMNS:
            title = GROUP_STARTS.get(key) or (groups[-1][0] if groups else "Measures")
            groups.append((title, []))
        groups[-1][1].append(key)
    return groups


def measure_table(characters: Sequence[Character], keys: Sequence[str], name: str) -> Table:
    """Characters x measures as a `Table` (name, tier, then each measure)."""
    headers = ("character", "tier", *(prose.measure_label(k) for k in keys))
    rows = tuple((c["name"], c["tier"], *(c["measures"].get(k) for k in keys)) for c in characters)
    return Table(name, "", headers, rows)


def _download(table: Table) -> str:
    """A button that saves the whole table as CSV; the CSV rides in the page, hidden."""
    name = table.name
    return (
        f'<textarea hidden data-csv-for="{_e(name)}">{_e(csv_table(table))}</textarea>'
        f'<button type="button" class="csv" data-csv="{_e(name)}">'
        f"Download {_e(name.replace('-', ' '))} as CSV</button>"
    )


def measures_section(view: ReportView, top: int) -> str:
    """The chosen measures of the leading characters, every measure in a toggled view."""
    characters = prose.individuals(view)
    if not characters:
        return ""
    keys = prose.measure_keys(characters)
    chosen = [k for k in CHOSEN if k in keys]
    parts = [
        "<h2>Every measure</h2>",
        '<p class="note">Click a column to sort. Tiers: main characters are present in at '
        "least half as many scenes as the most present one.</p>",
        html_table(measure_table(characters[:top], chosen, "measures"), "names"),
    ]
    if len(characters) > top:
        rest = measure_table(characters[top:], chosen, "measures-rest")
        parts.append(
            f"<details><summary>{len(characters) - top} more characters</summary>"
            f"{html_table(rest, 'names')}</details>"
        )
    groups = "".join(
        f"<h3>{_e(title)}</h3>{html_table(measure_table(characters, group, 'all'), 'names')}"
        for title, group in measure_groups(keys)
    )
    every = measure_table(characters, keys, "every-measure")
    parts.append(
        f'<details class="all-measures"><summary>All {len(keys)} measures of all '
        f"{len(characters)} characters</summary>{groups}</details>"
        f"{_download(every)}"
    )
    return "\n".join(parts)


def _bar(stats: Stats, key: str) -> str:
    """A split (INT/EXT, day/night) as one stacked bar with its legend."""
    splits = stats["settings"] if key == "settings" else stats["dayparts"]
    cells = "".join(
        f'<span class="seg seg{i % 5}" style="width:{100 * s["share"]:.1f}%" '
        f'title="{_e(s["name"])}: {_e(s["scenes"])} scenes, {s["share"]:.0%} of the pages">'
        "</span>"
        for i, s in enumerate(splits)
    )
    legend = " ".join(
        f'<span class="key seg{i % 5}"></span>{_e(s["name"])} {s["share"]:.0%}'
        for i, s in enumerate(splits)
    )
    return f'<div class="split">{cells}</div><p class="legend">{legend}</p>'


def _folded(
    table: Table,
    css: str = "",
    keep: int = 1,
    shown_columns: int | None = None,
    size: int = PAGE_COLUMNS,
) -> str:
    """A table in pieces of at most `size` columns after the first `keep`, each with
    its first `STATS_ROWS` rows shown and the rest folded; a CSV button for the whole.

    With `shown_columns`, only that many columns after the first `keep` are shown (the
    CSV has them all).
    """
    parts = [f"<h3>{_e(table.title)}</h3>"]
    drawn = table
    if shown_columns is not None and len(table.headers) > keep + shown_columns:
        drawn = split_columns(table, shown_columns, keep)[0]
        hidden = len(table.headers) - len(drawn.headers)
        parts.append(f'<p class="note">{hidden} more columns in the CSV below.</p>')
    for piece in split_columns(drawn, size, keep):
        shown = Table(table.name, table.title, piece.headers, piece.rows[:STATS_ROWS])
        parts.append(html_table(shown, css))
        if len(piece.rows) > STATS_ROWS:
            rest = Table(table.name, table.title, piece.headers, piece.rows[STATS_ROWS:])
            parts.append(
                f"<details><summary>{len(rest.rows)} more rows</summary>"
                f"{html_table(rest, css)}</details>"
            )
    parts.append(_download(table))
    return "".join(parts)


def _participation(view: ReportView) -> str:
    """The leading characters' scenes in each act (or quarter, or episode), as a chart."""
    stats = view["stats"]
    if stats is None or not stats["parts"]:
        return ""
    groups = {c["name"] for c in view["characters"] if c["group"]}
    leading = sorted(
        (c for c in stats["characters"] if c["name"] not in groups and c["scenes"]),
        key=lambda c: (-c["scenes"], c["name"]),
    )[:PARTICIPATION_CHARACTERS]
    rows = [(c["name"], [c["by_part"].get(p, 0) for p in stats["parts"]]) for c in leading]
    kind = "act" if stats["parts"][0].startswith("act") else "quarter of the scenes"
    return (
        f"<h3>Scenes in each {kind}</h3>"
        f'<figure><div class="scroll">{charts.parts_svg(stats["parts"], rows)}</div>'
        "<figcaption>Darker: more of that part's scenes, against its most present "
        "character.</figcaption></figure>"
    )


def statistics_section(view: ReportView) -> str:
    """The screenwriter statistics and network metrics, every table with its CSV."""
    stats = view["stats"]
    if stats is None:
        return ""
    tables = {t.name: t for t in stats_tables(stats)}
    facts = (
        f"{stats['length']} pages (estimated), {len(stats['scenes'])} scenes, "
        f"{stats['dialogue_minutes']:g} minutes of dialogue at {stats['words_per_minute']} "
        "words a minute."
    )
    parts = [
        "<h2>Statistics</h2>",
        f'<p class="note">{_e(facts)} The same tables: <code>whosestory stats</code>.</p>',
        '<div class="splits"><div><h3>Interior and exterior</h3>',
        _bar(stats, "settings"),
        "</div><div><h3>Day and night</h3>",
        _bar(stats, "dayparts"),
        "</div></div>",
    ]
    parts.append(_participation(view))
    # the characters' scenes per part are the chart above; the CSV has them as columns
    parts.append(_folded(tables["characters"], "names", shown_columns=CHARACTER_COLUMNS))
    for name in ("locations", "scenes"):
        parts.append(_folded(tables[name], "names"))
    matrix = tables["matrix"]
    parts.append(
        f"<details><summary>{_e(matrix.title)}</summary>"
        f"{_folded(matrix, 'names', 2, MATRIX_CHARACTERS, MATRIX_COLUMNS)}</details>"
    )
    side = [_folded(tables[n]) for n in ("network", "gender", "voices") if tables[n].rows]
    parts.append(f'<div class="splits">{"".join(f"<div>{s}</div>" for s in side)}</div>')
    return "\n".join(parts)
