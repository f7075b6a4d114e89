"""Renderings of `whosestory argue`: the verdict on a claim, for and against, with quotes."""

from __future__ import annotations

import html
from typing import Any

from whosestory.report.prose import where
from whosestory.roles import MAIN_CHARACTER, SPOTLIGHT, phrase
from whosestory.wording import probability


def _headline(view: dict[str, Any]) -> str:
    role = phrase(view["role"])
    verdict = view["verdict"].upper()
    holder = view["holder"] or "nobody"
    close = " It is a close call." if view["close_call"] else ""
    return f"{verdict}. The {role} is {holder}.{close}"


def _diagnostics(view: dict[str, Any], verbose: bool) -> list[str]:
    if not verbose or not view.get("diagnostics"):
        return []
    return ["", "Reader diagnostics:"] + [
        f"  line {d['line'] if d['line'] is not None else '-'}: {d['message']}"
        for d in view["diagnostics"]
    ]


def render_argument_text(view: dict[str, Any], verbose: bool = False) -> str:
    """The claim, the answer, the case for and against and the quotes, for a terminal."""
    lines = [f"Claim: {view['claim']}", _headline(view), *view["standing"], ""]
    if view.get("divergence"):
        lines += [view["divergence"], ""]
    lines.append("The case for the claim:")
    lines += [f"  + {s}" for s in view["case_for"]] or ["  (nothing in its favour)"]
    lines += [f"    “{q['quote']}” ({where(q)})" for q in view["quotes"]]
    lines.append("The case against:")
    lines += [f"  - {s}" for s in view["case_against"]] or ["  (nothing against it)"]
    if view.get("what_would_change"):
        lines += ["", f"What would change it: {view['what_would_change']}"]
    lines += ["", _standings(view), *_diagnostics(view, verbose)]
    return "\n".join(lines) + "\n"


def _standings(view: dict[str, Any]) -> str:
    """The ranking's probabilities when a fitted model gives them, else its scores."""
    chances = view["probabilities"]
    if chances is not None:
        return "Probabilities: " + ", ".join(f"{n} {probability(p)}" for n, p in chances.items())
    return "Scores (the leader's is 1): " + ", ".join(
        f"{n} {s:.2f}" for n, s in view["scores"].items()
    )


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


def render_argument_markdown(view: dict[str, Any], verbose: bool = False) -> str:
    """The same as Markdown, to paste into a forum thread."""
    lines = [f"> {_md(view['claim'])}", "", f"**{_md(_headline(view))}**", ""]
    lines += [f"- {_md(s)}" for s in view["standing"]] + [""]
    if view.get("divergence"):
        lines += [_md(view["divergence"]), ""]
    lines.append("**For the claim**")
    lines += [f"- {_md(s)}" for s in view["case_for"]] or ["- (nothing in its favour)"]
    lines += [f"  > “{_md(q['quote'])}” ({_md(where(q))})" for q in view["quotes"]]
    lines += ["", "**Against**"]
    lines += [f"- {_md(s)}" for s in view["case_against"]] or ["- (nothing against it)"]
    if view.get("what_would_change"):
        lines += ["", f"*What would change it:* {_md(view['what_would_change'])}"]
    chances = view["probabilities"]
    if chances is not None:
        lines += ["", "| character | probability |", "|---|---|"]
        lines += [f"| {_md(name)} | {probability(p)} |" for name, p in chances.items()]
    else:
        lines += ["", "| character | score (the leader's is 1) |", "|---|---|"]
        lines += [f"| {_md(name)} | {score:.2f} |" for name, score in view["scores"].items()]
    lines += [_md(line) for line in _diagnostics(view, verbose)]
    return "\n".join(lines) + "\n"


def render_argument_html(view: dict[str, Any], verbose: bool = False) -> str:
    """The same as one self-contained HTML page."""
    e = html.escape

    def items(sentences: list[str], empty: str) -> str:
        return "".join(f"<li>{e(s)}</li>" for s in sentences) or f"<li><em>{e(empty)}</em></li>"

    quotes = "".join(
        f"<blockquote>“{e(q['quote'])}” <cite>{e(where(q))}</cite></blockquote>"
        for q in view["quotes"]
    )
    chances = view["probabilities"]
    rows = (
        [(n, probability(p)) for n, p in chances.items()]
        if chances is not None
        else [(n, f"{s:.2f}") for n, s in view["scores"].items()]
    )
    column = "probability" if chances is not None else "score (the leader's is 1)"
    table = "".join(f"<tr><td>{e(n)}</td><td>{e(v)}</td></tr>" for n, v in rows)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(view['claim'])}</title></head><body>",
        f"<blockquote><p>{e(view['claim'])}</p></blockquote>",
        f"<h1>{e(_headline(view))}</h1>",
        f"<ul>{items(view['standing'], '')}</ul>",
        f"<p>{e(view['divergence'])}</p>" if view.get("divergence") else "",
        f"<h2>For the claim</h2><ul>{items(view['case_for'], 'nothing in its favour')}</ul>",
        quotes,
        f"<h2>Against</h2><ul>{items(view['case_against'], 'nothing against it')}</ul>",
        (
            f"<p><strong>What would change it:</strong> {e(view['what_would_change'])}</p>"
            if view.get("what_would_change")
            else ""
        ),
        f"<table><tr><th>character</th><th>{column}</th></tr>{table}</table>",
        "".join(f"<pre>{e(line)}</pre>" for line in _diagnostics(view, verbose)),
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _pair(row: dict[str, Any], key: str, fmt: str = "{:,.0f}", scale: float = 1.0) -> str:
    return f"{fmt.format(row[key]['a'] / scale)} -> {fmt.format(row[key]['b'] / scale)}"


def _comparison_rows(view: dict[str, Any], limit: int) -> list[list[str]]:
    rows = []
    for row in view["characters"][:limit]:
        name = row["b"] if row["a"] in (None, row["b"]) else f"{row['a']} -> {row['b'] or '-'}"
        rows.append(
            [
                name or row["a"],
                _pair(row, "scenes_present"),
                _pair(row, "cues"),
                _pair(row, "words"),
                _pair(row, "screen_time", scale=60),
                _pair(row, SPOTLIGHT, "{:.0%}"),
                _pair(row, MAIN_CHARACTER, "{:.0%}"),
            ]
        )
    return rows


_COMPARISON_HEADER = ["character", "scenes", "cues", "words", "minutes", "spotlight", "story"]


def _role_line(role: str, holders: dict[str, Any]) -> tuple[str, str, str]:
    def one(side: str) -> str:
        name, chance = holders[side] or "-", holders.get(f"{side}_probability")
        return name if chance is None else f"{name} ({probability(chance)})"

    return phrase(role), one("a"), one("b")


def _legend(view: dict[str, Any]) -> str:
    return (
        f"spotlight: {view['standing'][SPOTLIGHT]}; story: {view['standing'][MAIN_CHARACTER]} "
        "of being whose story it is"
    )


def render_comparison_text(view: dict[str, Any], limit: int = 12) -> str:
    """Two versions side by side: who gained, the roles, the scenes, the leading characters."""
    a, b = view["a"], view["b"]
    lines = [f"A: {a['title']} ({a['scenes']} scenes)  {a['source']}"]
    lines += [f"B: {b['title']} ({b['scenes']} scenes)  {b['source']}", "", view["summary"], ""]
    lines += [f"* {change}" for change in view["changes"]] + [""]
    for role, holders in view["roles"].items():
        label, one, other = _role_line(role, holders)
        lines.append(f"{label:<36} {one} -> {other}")
    rows = _comparison_rows(view, limit)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(_COMPARISON_HEADER)]
    lines.append("")
    for cells in [_COMPARISON_HEADER, ["-" * w for w in widths], *rows]:
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    lines += ["", f"({_legend(view)})"]
    return "\n".join(lines) + "\n"


def render_comparison_markdown(view: dict[str, Any], limit: int = 12) -> str:
    """The same as Markdown."""
    a, b = view["a"], view["b"]
    lines = [
        f"**A:** {_md(a['title'])} ({a['scenes']} scenes) · **B:** {_md(b['title'])} "
        f"({b['scenes']} scenes)",
        "",
        f"**{_md(view['summary'])}**",
        "",
    ]
    lines += [f"- {_md(change)}" for change in view["changes"]] + [""]
    lines += ["| role | A | B |", "|---|---|---|"]
    lines += [
        "| " + " | ".join(_md(c) for c in _role_line(role, h)) + " |"
        for role, h in view["roles"].items()
    ]
    lines += ["", "| " + " | ".join(_COMPARISON_HEADER) + " |"]
    lines += ["|" + "---|" * len(_COMPARISON_HEADER)]
    lines += [
        "| " + " | ".join(_md(c) for c in row) + " |" for row in _comparison_rows(view, limit)
    ]
    lines += ["", f"*{_md(_legend(view))}*"]
    return "\n".join(lines) + "\n"
