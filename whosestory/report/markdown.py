"""The Markdown report: verdicts, tables and evidence, fit to paste into a forum post.

GitHub-flavoured Markdown (pipe tables), no HTML. Every string from the script is
escaped, so a name or quote cannot open a link, a table cell, emphasis or a tag.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from whosestory.report import prose
from whosestory.report.tables import Table, numeric, show, stats_tables
from whosestory.report.types import ReportView, Verdict
from whosestory.wording import counted

TOP = 15
"""Characters in the main table; the others are counted, not listed."""

_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>#!|~&])")
_LEADING_RE = re.compile(r"^(\d+)([.)])|^([-+=])")


def escape_md(value: object, line_start: bool = True) -> str:
    """Text safe inside Markdown: one line, every markup character backslash-escaped.

    With `line_start`, a leading ``1.``, ``-``, ``+`` or ``=`` is escaped too, so a
    paragraph cannot turn into a list or a heading underline.
    """
    text = _SPECIAL_RE.sub(r"\\\1", " ".join(str(value).split()))
    if not line_start:
        return text
    return _LEADING_RE.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def _cell(value: object) -> str:
    return escape_md(value, line_start=False) or " "


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    """A pipe table; cells must already be escaped."""
    align = ["---:" if i in right else ":---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render_markdown(view: ReportView, top: int = TOP) -> str:
    """The whole report as GitHub-flavoured Markdown."""
    lines = [f"# {escape_md(view['title'] or 'Untitled')}: whose story is it?", ""]
    facts = [view["format"], counted(view["scenes"], "scene")]
    facts.append(f"{len(prose.individuals(view))} characters")
    lines += [escape_md(" · ".join(f for f in facts if f)), ""]
    lines += _verdicts(view)
    lines += _measures(view, top)
    lines += _rankings(view)
    lines += _evidence(view)
    lines += _statistics(view)
    diagnostics = view["diagnostics"]
    for diagnostic in diagnostics:
        if diagnostic["code"] == "thin-read":  # the read itself may not hold: say so
            lines += [f"**Warning:** {escape_md(diagnostic['message'])}.", ""]
    if diagnostics:
        lines += [f"*The reader had to guess in {len(diagnostics)} places.*", ""]
    lines.append("*Made by whosestory.*")
    return "\n".join(lines) + "\n"


def _verdicts(view: ReportView) -> list[str]:
    held = prose.held(view)
    if not held:
        return ["No verdict: no individual character speaks or appears.", ""]
    lines = ["## Verdicts", ""]
    for role, verdict in held:
        lines.append(
            f"- **{escape_md(prose.role_label(role))}**: {escape_md(verdict['character'])}, "
            f"{escape_md(prose.verdict_reason(verdict))}"
        )
    lines.append("")
    parted = prose.divergence(view)
    if parted:
        sentence, differs = parted
        lines += [f"> {'**' if differs else ''}{escape_md(sentence)}{'**' if differs else ''}", ""]
    frame = prose.frame_sentence(view)
    if frame:
        lines += [escape_md(frame), ""]
    return lines


_PRESENCE = ("cues", "words", "scenes_present", "screen_time", "passive_presence")
_TELLING = (
    "frame_share",
    "voice_over_share",
    "closing_voice",
    "interiority",
    "change",
    "agency",
    "subject",
)
_NETWORK_KINDS = ("weighted_degree", "betweenness", "eigenvector")
"""The columns a forum post can hold; the HTML page and the JSON have every measure."""


def _is_network(key: str) -> bool:
    return key.startswith(("copresence", "conversation"))


def _measure_table(characters: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> list[str]:
    headers = ["character", "tier", *(_cell(prose.measure_label(k)) for k in keys)]
    rows = [
        [
            _cell(c["name"]),
            _cell(c["tier"]),
            *(_cell(prose.number(c["measures"].get(k))) for k in keys),
        ]
        for c in characters
    ]
    return _table(headers, rows, set(range(2, len(headers))))


def _measures(view: ReportView, top: int) -> list[str]:
    """Three narrow tables (presence; telling and agency; networks), readable in a post."""
    characters = prose.individuals(view)
    if not characters:
        return []
    keys = prose.measure_keys(characters)
    shown = characters[:top]
    lines = ["## Every measure", ""]
    groups = [
        ("Presence", [k for k in _PRESENCE if k in keys]),
        ("Telling, inner life and agency", [k for k in _TELLING if k in keys]),
        ("Networks", [k for k in keys if _is_network(k) and k.endswith(_NETWORK_KINDS)]),
    ]
    for label, group in groups:
        if group:
            lines += [f"### {label}", "", *_measure_table(shown, group), ""]
    if len(characters) > top:
        lines += [f"*And {len(characters) - top} less present characters.*", ""]
    return lines


def _rankings(view: ReportView) -> list[str]:
    rankings = view["rankings"]
    columns = [
        (k, label)
        for k, label in (
            ("count", "by counts"),
            ("network", "by network"),
            ("overall_mean_rank", "overall (mean rank)"),
        )
        if rankings[k]
    ]
    if not columns:
        return []
    depth = max(len(rankings[k]) for k, _ in columns)
    rows = []
    for i in range(depth):
        row = [str(i + 1)]
        for key, _ in columns:
            entry = rankings[key][i] if i < len(rankings[key]) else None
            row.append(_cell(f"{entry['name']} ({prose.number(entry['score'])})") if entry else " ")
        rows.append(row)
    lines = ["## Rankings", "", *_table(["#", *(c[1] for c in columns)], rows, {0})]
    tau = rankings["kendall_tau"]
    if isinstance(tau, (int, float)):
        lines += ["", f"Count and network rankings agree with Kendall's tau-b = {tau:.2f}."]
    return [*lines, ""]


def _quotes(quotes: Sequence[Mapping[str, Any]]) -> list[str]:
    lines = []
    for quote in quotes:
        where = prose.where(quote)
        lines += [f"> “{escape_md(quote['quote'])}”" + (f" — {escape_md(where)}" if where else "")]
        lines.append("")
    return lines


def _figures(verdict: Verdict) -> list[str]:
    pairs = list(verdict["evidence"].items())
    if not pairs:
        return []
    runner = verdict["runner_up"] or "runner-up"
    rows = [
        [
            _cell(prose.measure_label(k)),
            _cell(prose.number(v["winner"])),
            _cell(prose.number(v["runner_up"])),
        ]
        for k, v in pairs
    ]
    return [*_table(["measure", _cell(verdict["character"]), _cell(runner)], rows, {1, 2}), ""]


def _evidence(view: ReportView) -> list[str]:
    held = prose.held(view)
    if not held:
        return []
    lines = ["## The evidence", ""]
    for role, verdict in held:
        case = view["evidence"][role]
        lines += [
            f"### {escape_md(prose.role_label(role))}: {escape_md(verdict['character'])}",
            "",
            escape_md(
                f"{prose.role_question(role)} {verdict['character']}, "
                f"{prose.verdict_reason(verdict)}."
            ),
            "",
        ]
        lines += _figures(verdict)
        ranking = verdict["ranking"]
        if ranking:
            lines += [
                "Ranking: "
                + ", ".join(
                    f"{i}. {_cell(r['name'])} ({_cell(prose.standing(r))})"
                    for i, r in enumerate(ranking, 1)
                ),
                "",
            ]
        lines += [line for s in case["for"] for line in (escape_md(s), "")]
        lines += _quotes(case["quotes"])
        if case["against"]:
            lines += ["**Against:**", ""]
            lines += [line for s in case["against"] for line in (escape_md(s), "")]
        for label, text in prose.notes(verdict):
            lines += [f"**{escape_md(label)}:** {escape_md(text)}", ""]
    return lines


STATS_ROWS = 40
"""Rows of a statistics table in the report; ``whosestory stats --format csv`` has them all."""


def markdown_table(table: Table, limit: int | None = None) -> list[str]:
    """A statistics table as a pipe table under a heading, at most `limit` rows."""
    right = {i for i in range(len(table.headers)) if numeric(table, i)}
    rows = [[_cell(show(c)) for c in row] for row in table.rows[:limit]]
    lines = [
        f"### {escape_md(table.title)}",
        "",
        *_table([_cell(h) for h in table.headers], rows, right),
    ]
    if limit is not None and len(table.rows) > limit:
        lines += ["", f"*{len(table.rows) - limit} more rows: `whosestory stats --format csv`.*"]
    return [*lines, ""]


def _statistics(view: ReportView) -> list[str]:
    """The screenwriter statistics and network metrics (`whosestory stats`), every table."""
    if view["stats"] is None:
        return []
    lines = ["## Statistics", ""]
    for table in stats_tables(view["stats"]):
        if table.rows and table.name != "matrix":  # the scene table is for CSV and HTML
            lines += markdown_table(table, STATS_ROWS)
    return lines
