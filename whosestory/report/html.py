"""The HTML report: one self-contained page from the plain report view.

`render_html(view)` takes the report view (`report.view.report_view`, shaped as
`report.types.ReportView`) and returns a whole HTML document that works
offline: inline CSS, inline SVG charts, a few lines of inline JavaScript (table
sorting; opening collapsed parts before printing), and a Content-Security-Policy
that forbids loading anything from anywhere. Every string from the script is
escaped. Big casts stay legible: charts and the main table show the leading
`TOP` characters, the rest sit in collapsed ``<details>``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from whosestory.report import charts, prose
from whosestory.report.assets import REPORT_CSS, REPORT_JS
from whosestory.report.html_tables import measures_section, statistics_section
from whosestory.report.types import Arc, ReportView, Verdict, Window
from whosestory.wording import counted

TOP = 15
"""Characters shown in the charts and the main ranking table; the rest are collapsed."""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def render_html(view: ReportView, top: int = TOP, before: str = "") -> str:
    """A whole, self-contained HTML document for one analysed story.

    `before` is HTML put after the verdicts (a season's episodes, `report.season_report`).
    """
    title = view["title"] or "Untitled"
    body = [
        _header(view),
        _verdicts(view),
        before,
        _timeline(view, top),
        _arcs(view),
        _network(view, top),
        _ranking_table(view, top),
        _evidence(view),
        statistics_section(view),
        _diagnostics(view),
        _footer(view),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="generator" content="whosestory">'
        f"<title>{_e(title)}: whose story is it?</title>"
        f"<style>{REPORT_CSS}</style></head>\n<body><main>\n"
        + "\n".join(part for part in body if part)
        + f"\n</main><script>{REPORT_JS}</script></body></html>\n"
    )


# ---------------------------------------------------------------- top of the page


def _header(view: ReportView) -> str:
    individuals = prose.individuals(view)
    facts = [
        view["format"],
        counted(view["scenes"], "scene"),
        f"{len(individuals)} characters",
    ]
    source = view["source"]
    meta = " · ".join(f for f in facts if f) + (f" · {source}" if source else "")
    return (
        '<header><p class="meta">whose story is it?</p>'
        f"<h1>{_e(view['title'] or 'Untitled')}</h1>"
        f'<p class="meta">{_e(meta)}</p></header>'
    )


def _verdicts(view: ReportView) -> str:
    cards = []
    for role, verdict in prose.held(view):
        question = prose.role_question(role)
        reason = prose.verdict_reason(verdict, close_call=False)  # the badge says it
        close = ' <span class="close">close call</span>' if verdict["close_call"] else ""
        cards.append(
            f'<div class="verdict"><div class="role">{_e(prose.role_label(role))}</div>'
            f'<div class="who">{_e(verdict["character"])}</div>'
            f'<div class="why">{_e(question)} {_e(reason)}.{close}</div>'
            "</div>"
        )
    if not cards:
        return '<p class="note">No verdict: no individual character speaks or appears.</p>'
    parts = [f'<section class="verdicts" aria-label="verdicts">{"".join(cards)}</section>']
    parted = prose.divergence(view)
    if parted:
        sentence, differs = parted
        parts.append(f'<p class="{"divergence" if differs else "agree"}">{_e(sentence)}</p>')
    frame = prose.frame_sentence(view)
    if frame:
        parts.append(f'<p class="note">{_e(frame)}</p>')
    return "\n".join(parts)


def _role_holders(view: ReportView) -> dict[str, str]:
    holders: dict[str, list[str]] = {}
    for role, verdict in prose.held(view):
        holders.setdefault(verdict["character"], []).append(prose.role_label(role).lower())
    return {name: ", ".join(labels) for name, labels in holders.items()}


def _leading(names: Sequence[str], holders: Mapping[str, str], top: int) -> list[str]:
    """The first `top` names, plus any role holder further down."""
    chosen = list(names[:top])
    chosen += [n for n in names[top:] if n in holders]
    return chosen


# ---------------------------------------------------------------- charts


def _frame_set(view: ReportView) -> set[int]:
    frame = view["frame"]
    return set(frame["scenes"]) if frame is not None else set()


def _timeline(view: ReportView, top: int) -> str:
    timeline = view["timeline"]
    if not timeline["rows"]:
        return ""
    scenes, rows = timeline["scenes"], timeline["rows"]
    frame = _frame_set(view)
    has_frame = bool(frame) or any(s["frame"] for s in scenes)
    shown = set(_leading([r["name"] for r in rows], _role_holders(view), top))
    main = [r for r in rows if r["name"] in shown]
    rest = [r for r in rows if r["name"] not in shown]
    legend = (
        '<span class="key speaks"></span>speaks <span class="key present"></span>present, silent'
        + ('<span class="key frame"></span>frame scene' if has_frame else "")
    )
    parts = [
        "<h2>Who is in each scene</h2>",
        '<figure><div class="scroll">',
        charts.timeline_svg(scenes, main, frame),
        f'</div><figcaption class="legend">{legend} · scenes in story order; '
        "hover a bar for the scene.</figcaption></figure>",
    ]
    if rest:
        parts += [
            f"<details><summary>{len(rest)} more characters</summary>",
            f'<div class="scroll">{charts.timeline_svg(scenes, rest, frame)}</div></details>',
        ]
    return "\n".join(parts)


def _arcs(view: ReportView) -> str:
    drawn = [a for a in view["arcs"] if any(w["mean"] is not None for w in a["windows"])]
    if not drawn:
        return ""
    domain = charts.arc_domain(drawn)
    figures = []
    for arc in drawn:
        figures.append(
            f"<figure><h3>{_e(arc['name'])}</h3>{charts.arc_svg(arc, domain)}"
            f"<figcaption>{_e(_arc_caption(arc))}</figcaption></figure>"
        )
    return (
        "<h2>Arcs of change</h2>"
        f"<p>{_e(_arcs_summary(drawn))}</p>"
        '<p class="note">Tone of each character\'s lines and of the action about them, from the '
        f"start of the story to its end (VADER, -1 to +1; every chart shares one axis, "
        f"{domain[0]:+.2f} to {domain[1]:+.2f}). The band is the 90 % interval: where bands "
        "overlap, do not read a change.</p>"
        f'<div class="arcs">{"".join(figures)}</div>'
    )


_MOVES = {
    "rise": "rises",
    "fall": "falls",
    "fall-rise": "falls, then rises",
    "rise-fall": "rises, then falls",
}


def _tone_range(arc: Arc) -> tuple[Window, Window] | None:
    """The window of the lowest and of the highest mean tone."""
    read = [w for w in arc["windows"] if w["mean"] is not None]
    if not read:
        return None
    return min(read, key=lambda w: w["mean"] or 0.0), max(read, key=lambda w: w["mean"] or 0.0)


def _arc_caption(arc: Arc) -> str:
    """What the arc shows: its move (or that it has none beyond the noise), and where it peaks."""
    delta, low, high = arc["delta"], arc["low"], arc["high"]
    if delta is None:
        return "Too few lines to measure a change."
    interval = f" (90 % interval {low:+.2f} to {high:+.2f})" if low is not None else ""
    shape = arc["shape"] or "unknown"
    if shape in _MOVES:
        lead = f"{_MOVES[shape].capitalize()}: start to end {delta:+.2f}{interval}."
    elif shape == "flat":
        lead = f"No change beyond the noise: start to end {delta:+.2f}{interval}."
    else:
        lead = f"Too uncertain to call: start to end {delta:+.2f}{interval}."
    span = _tone_range(arc)
    if span is None:
        return lead
    lowest, highest = span
    bright, dark = (round(w["mean"] or 0.0, 2) + 0.0 for w in (highest, lowest))  # no -0.00
    return (
        f"{lead} Brightest at {highest['start']:.0%}-{highest['end']:.0%} of the story "
        f"({bright:+.2f}), darkest at {lowest['start']:.0%}-{lowest['end']:.0%} ({dark:+.2f})."
    )


def _arcs_summary(arcs: Sequence[Arc]) -> str:
    """One sentence over all arcs: who changes, who does not, whose tone is darkest."""
    moving = [a["name"] for a in arcs if a["shape"] in _MOVES]
    flat = [a["name"] for a in arcs if a["shape"] == "flat"]
    means = {
        a["name"]: sum(w["mean"] or 0.0 for w in a["windows"] if w["mean"] is not None)
        / max(1, sum(1 for w in a["windows"] if w["mean"] is not None))
        for a in arcs
    }
    parts = []
    if moving:
        parts.append(f"Changing beyond the noise: {', '.join(moving)}.")
    if flat:
        parts.append(f"No change beyond the noise: {', '.join(flat)} (a flat arc is a finding).")
    if len(means) > 1:
        dark, bright = min(means, key=means.__getitem__), max(means, key=means.__getitem__)
        parts.append(
            f"Overall tone: brightest {bright} ({means[bright]:+.2f}), darkest {dark} "
            f"({means[dark]:+.2f})."
        )
    return " ".join(parts) or "No arc could be read."


def _network(view: ReportView, top: int) -> str:
    network = view["network"]
    if not network["nodes"]:
        return ""
    holders = _role_holders(view)
    nodes = network["nodes"]
    shown = set(_leading([n["name"] for n in nodes], holders, top))
    drawn = [n for n in nodes if n["name"] in shown]
    edges = network["edges"]
    kept = sum(1 for e in edges if e["source"] in shown and e["target"] in shown)
    hidden = len(nodes) - len(drawn)
    note = f" {hidden} less present characters and their ties are left out." if hidden else ""
    return (
        "<h2>Who shares scenes with whom</h2>"
        f"<figure>{charts.network_svg(drawn, edges, holders)}"
        '<figcaption class="legend"><span class="key role"></span>holds a role · '
        f"circle size: scenes present · line width: scenes together ({kept} ties drawn)."
        f"{_e(note)}</figcaption></figure>"
    )


# ---------------------------------------------------------------- tables


def _ranking_table(view: ReportView, top: int) -> str:
    section = measures_section(view, top)
    return "\n".join(p for p in (section, _rankings(view)) if p) if section else ""


def _rankings(view: ReportView) -> str:
    rankings = view["rankings"]
    columns = [
        ("count", "by counts (score)"),
        ("network", "by network (score)"),
        ("overall_mean_rank", "overall (mean rank)"),
    ]
    columns = [(k, label) for k, label in columns if rankings[k]]
    if not columns:
        return ""
    depth = max(len(rankings[k]) for k, _ in columns)
    rows = []
    for i in range(depth):
        cells = []
        for key, _ in columns:
            entry = rankings[key][i] if i < len(rankings[key]) else None
            cells.append(
                f'<td class="text">{_e(entry["name"])} ({_e(prose.number(entry["score"]))})</td>'
                if entry
                else "<td></td>"
            )
        rows.append(f"<tr><td>{i + 1}</td>{''.join(cells)}</tr>")
    tau = rankings["kendall_tau"]
    agreement = (
        f'<p class="note">Count-based and network-based rankings agree with Kendall\'s '
        f"tau-b = {tau:.2f} (1: same order; 0: unrelated).</p>"
        if isinstance(tau, (int, float))
        else ""
    )
    head = "".join(f'<th class="text">{_e(label)}</th>' for _, label in columns)
    return (
        "<h3>Rankings</h3>"
        f'<div class="scroll"><table><thead><tr><th>#</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{agreement}"
    )


# ---------------------------------------------------------------- evidence


def _quotes(quotes: Sequence[Mapping[str, Any]]) -> str:
    return "".join(
        f"<blockquote>“{_e(q['quote'])}”<cite>{_e(prose.where(q))}</cite></blockquote>"
        for q in quotes
    )


def _figures_table(verdict: Verdict) -> str:
    pairs = list(verdict["evidence"].items())
    if not pairs:
        return ""
    runner = verdict["runner_up"] or "runner-up"
    rows = []
    for key, pair in pairs:
        a, b = pair["winner"], pair["runner_up"]
        win = isinstance(a, (int, float)) and isinstance(b, (int, float)) and a > b
        rows.append(
            f'<tr><td>{_e(prose.measure_label(key))}</td><td class="{"win" if win else ""}">'
            f"{_e(prose.number(a))}</td><td>{_e(prose.number(b))}</td></tr>"
        )
    return (
        '<div class="scroll"><table class="figures"><thead><tr><th>measure</th>'
        f"<th>{_e(verdict['character'])}</th><th>{_e(runner)}</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _ranking_list(verdict: Verdict) -> str:
    entries = verdict["ranking"]
    if not entries:
        return ""
    top = max((prose.weight(r) for r in entries), default=1) or 1
    items = "".join(
        f'<li><span class="bar" style="width:{80 * prose.weight(r) / top:.0f}px"></span>'
        f'{_e(r["name"])} <span class="note">{_e(prose.standing(r))}</span></li>'
        for r in entries
    )
    return f'<ol class="ranking">{items}</ol>'


def _role_evidence(view: ReportView, role: str, verdict: Verdict) -> str:
    case = view["evidence"][role]
    parts = [
        f"<h3>{_e(prose.role_label(role))}: {_e(verdict['character'])}</h3>",
        f"<p>{_e(prose.role_question(role))} "
        f"{_e(verdict['character'])}, {_e(prose.verdict_reason(verdict))}.</p>",
    ]
    if verdict["close_call"]:
        parts.append(
            '<p class="close">A close call: the margin is under a tenth of the leader\'s score, '
            "so a small change to the script could turn it.</p>"
        )
    parts += [_figures_table(verdict), _ranking_list(verdict)]
    sentences, quotes = case["for"], case["quotes"]
    if sentences or quotes:
        parts.append("<h4>For</h4>")
    parts += [f"<p>{_e(s)}</p>" for s in sentences]
    parts.append(_quotes(quotes))
    if case["against"]:
        parts.append('<div class="counter"><h4>Against</h4>')
        parts += [f"<p>{_e(s)}</p>" for s in case["against"]]
        parts.append("</div>")
    parts += [
        f"<p><strong>{_e(label)}:</strong> {_e(text)}</p>" for label, text in prose.notes(verdict)
    ]
    return "\n".join(p for p in parts if p)


def _evidence(view: ReportView) -> str:
    held = prose.held(view)
    if not held:
        return ""
    sections = [_role_evidence(view, role, verdict) for role, verdict in held]
    return "<h2>The evidence</h2>\n" + "\n".join(sections)


def _diagnostics(view: ReportView) -> str:
    found = view["diagnostics"]
    if not found:
        return ""
    items = "".join(f"<li>line {_e(d['line'] or '?')}: {_e(d['message'])}</li>" for d in found)
    return (
        f"<details><summary>Where the reader had to guess ({len(found)})</summary>"
        f"<ul>{items}</ul></details>"
    )


def _footer(view: ReportView) -> str:
    version = view["schema_version"]
    return (
        "<footer>Made by whosestory"
        + (f" (report schema {_e(version)})" if version else "")
        + ". Figures are estimates from the script's text; the evidence above says which "
        "figures carried each verdict.</footer>"
    )
