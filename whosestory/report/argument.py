"""Renderings of `whosestory argue`: the verdict on a claim, for and against, with quotes."""

from __future__ import annotations

from typing import Any

from whosestory.roles import MAIN_CHARACTER, SPOTLIGHT, phrase


def _headline(view: dict[str, Any]) -> str:
    role = phrase(view["role"])
    verdict = view["verdict"].upper()
    holder = view["holder"] or "nobody"
    close = " It is a close call." if view["close_call"] else ""
    runner = f", ahead of {view['runner_up']} by {view['margin']:.2f}" if view["runner_up"] else ""
    return f"{verdict}. The {role} is {holder}{runner}.{close}"


def render_argument_text(view: dict[str, Any]) -> str:
    """The claim, the answer, the case for and against and the quotes, for a terminal."""
    lines = [f"Claim: {view['claim']}", _headline(view), ""]
    if view.get("divergence"):
        lines += [view["divergence"], ""]
    lines.append("The case for the claim:")
    lines += [f"  + {s}" for s in view["case_for"]] or ["  (none)"]
    lines += [f"    “{q['quote']}” (scene {q['scene']}, line {q['line']})" for q in view["quotes"]]
    lines.append("The case against:")
    lines += [f"  - {s}" for s in view["case_against"]] or ["  (none)"]
    if view.get("what_would_change"):
        lines += ["", f"What would change it: {view['what_would_change']}"]
    lines += ["", _standings(view)]
    return "\n".join(lines) + "\n"


def _standings(view: dict[str, Any]) -> str:
    """The ranking's probabilities when a fitted model gives them, else its scores."""
    chances = view["probabilities"]
    if chances is not None:
        return "Probabilities: " + ", ".join(f"{n} {p:.0%}" for n, p in chances.items())
    return "Scores: " + ", ".join(f"{n} {s:.2f}" for n, s in view["scores"].items())


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


def render_argument_markdown(view: dict[str, Any]) -> str:
    """The same as Markdown, to paste into a forum thread."""
    lines = [f"> {_md(view['claim'])}", "", f"**{_md(_headline(view))}**", ""]
    if view.get("divergence"):
        lines += [_md(view["divergence"]), ""]
    lines.append("**For the claim**")
    lines += [f"- {_md(s)}" for s in view["case_for"]] or ["- (none)"]
    lines += [
        f"  > “{_md(q['quote'])}” (scene {_md(str(q['scene']))}, line {q['line']})"
        for q in view["quotes"]
    ]
    lines += ["", "**Against**"]
    lines += [f"- {_md(s)}" for s in view["case_against"]] or ["- (none)"]
    if view.get("what_would_change"):
        lines += ["", f"*What would change it:* {_md(view['what_would_change'])}"]
    chances = view["probabilities"]
    if chances is not None:
        lines += ["", "| character | probability |", "|---|---|"]
        lines += [f"| {_md(name)} | {p:.0%} |" for name, p in chances.items()]
    else:
        lines += ["", "| character | score |", "|---|---|"]
        lines += [f"| {_md(name)} | {score:.2f} |" for name, score in view["scores"].items()]
    return "\n".join(lines) + "\n"


def _comparison_rows(view: dict[str, Any], limit: int) -> list[list[str]]:
    rows = []
    for row in view["characters"][:limit]:
        name = row["b"] if row["a"] in (None, row["b"]) else f"{row['a']} -> {row['b'] or '-'}"
        rows.append(
            [
                name or row["a"],
                f"{row['scenes_present']['a']:g} -> {row['scenes_present']['b']:g}",
                f"{row['cues']['a']:g} -> {row['cues']['b']:g}",
                f"{row[SPOTLIGHT]['a']:.2f} -> {row[SPOTLIGHT]['b']:.2f}",
                f"{row[MAIN_CHARACTER]['a']:.2f} -> {row[MAIN_CHARACTER]['b']:.2f}",
            ]
        )
    return rows


_COMPARISON_HEADER = ["character", "scenes", "cues", "spotlight", "story"]


def render_comparison_text(view: dict[str, Any], limit: int = 12) -> str:
    """Two versions side by side: roles, what changed, the leading characters."""
    a, b = view["a"], view["b"]
    lines = [f"A: {a['title']} ({a['scenes']} scenes)  {a['source']}"]
    lines += [f"B: {b['title']} ({b['scenes']} scenes)  {b['source']}", ""]
    lines += [f"* {change}" for change in view["changes"]] + [""]
    for role, holders in view["roles"].items():
        label = phrase(role)
        lines.append(f"{label:<36} {holders['a'] or '-'} -> {holders['b'] or '-'}")
    rows = _comparison_rows(view, limit)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(_COMPARISON_HEADER)]
    lines.append("")
    for cells in [_COMPARISON_HEADER, ["-" * w for w in widths], *rows]:
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


def render_comparison_markdown(view: dict[str, Any], limit: int = 12) -> str:
    """The same as Markdown."""
    a, b = view["a"], view["b"]
    lines = [
        f"**A:** {_md(a['title'])} ({a['scenes']} scenes) · **B:** {_md(b['title'])} "
        f"({b['scenes']} scenes)",
        "",
    ]
    lines += [f"- {_md(change)}" for change in view["changes"]] + [""]
    lines += ["| role | A | B |", "|---|---|---|"]
    lines += [
        f"| {phrase(role)} | {_md(h['a'] or '-')} | {_md(h['b'] or '-')} |"
        for role, h in view["roles"].items()
    ]
    lines += ["", "| " + " | ".join(_COMPARISON_HEADER) + " |", "|---|---|---|---|---|"]
    lines += [
        "| " + " | ".join(_md(c) for c in row) + " |" for row in _comparison_rows(view, limit)
    ]
    return "\n".join(lines) + "\n"
