"""Plain terminal renderings of the report views."""

from __future__ import annotations

from typing import Any

from whosestory.report import prose
from whosestory.report.colour import paint
from whosestory.roles import ARGUED, label
from whosestory.wording import counted


def _table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]

    def fmt(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [fmt(headers), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)]


def _roles(roles: dict[str, Any], colour: bool = False) -> list[str]:
    lines = []
    for role, verdict in roles.items():
        if not verdict["character"]:
            continue
        against = ", " + prose.verdict_reason(verdict, close_call=False)
        name_label = paint(f"{label(role) + ':':<18}", "bold", colour)
        name = paint(verdict["character"], "bold cyan", colour)
        close = paint("  (a close call)", "yellow", colour) if verdict["close_call"] else ""
        lines.append(f"{name_label} {name}{against}{close}")
    return [*lines, ""] if lines else []


def _quote_lines(quotes: list[dict[str, Any]]) -> list[str]:
    return [f"    “{q['quote']}” ({prose.where(q)})" for q in quotes]


def _evidence(view: dict[str, Any]) -> list[str]:
    """The case for and against each role whose case argues more than figures."""
    lines: list[str] = []
    found = view["evidence"]
    for role in ARGUED:
        case = found.get(role)
        verdict = view["roles"].get(role)
        if case is None or verdict is None or not case["for"] or not verdict["character"]:
            continue
        lines += ["", f"{label(role)}: {verdict['character']}"]
        lines += [f"  + {sentence}" for sentence in case["for"]]
        lines += _quote_lines(case["quotes"])
        lines += [f"  - {sentence}" for sentence in case["against"]]
        if verdict["what_would_change"]:
            lines.append(f"  ? {verdict['what_would_change']}")
    return lines


def render_summary(
    view: dict[str, Any], verbose: bool = False, limit: int = 20, colour: bool = False
) -> str:
    """The `analyze` report: title, format, scene count, the spotlight table."""
    lines = [
        view["title"],
        f"{view['format']} · {counted(view['scenes'], 'scene')} · "
        f"{sum(not c['group'] for c in view['characters'])} characters "
        f"(and {sum(c['group'] for c in view['characters'])} group speakers)",
        "",
    ]
    if view.get("divergence"):
        lines += [view["divergence"], ""]
    lines += _roles(view.get("roles", {}), colour)
    shown = [c for c in view["characters"] if not c["group"]][:limit]
    rows = [
        [
            c["name"],
            str(c["scenes_present"]),
            str(c["scenes_speaking"]),
            str(c["cues"]),
            str(c["words"]),
        ]
        for c in shown
    ]
    lines += _table(["character", "present", "speaking", "cues", "words"], rows, {1, 2, 3, 4})
    hidden = len(view["characters"]) - len(shown)
    if hidden > 0:
        lines.append(f"... and {hidden} more (minor and group speakers: see `whosestory cast`)")
    lines += _evidence(view)
    if verbose:
        lines += _diagnostics(view)
    else:
        lines += _warnings(view)
    return "\n".join(lines) + "\n"


WARNING_CODES = frozenset({"thin-read"})
"""Diagnostics shown without --verbose: the read itself may not hold."""


def _warnings(view: dict[str, Any]) -> list[str]:
    found = [d for d in view["diagnostics"] if d["code"] in WARNING_CODES]
    return ["", *(f"warning: {d['message']}" for d in found)] if found else []


def _diagnostics(view: dict[str, Any]) -> list[str]:
    """What the readers and the builder had to guess, each with its line."""
    lines = ["", f"diagnostics ({len(view['diagnostics'])}):"]
    for d in view["diagnostics"]:
        where = f"line {d['line']}" if d["line"] is not None else "whole file"
        lines.append(f"  {where}: {d['message']}")
    return lines


def render_cast(view: dict[str, Any], verbose: bool = False) -> str:
    """Every character, with each alias and the reason for the merge."""
    lines = [view["title"], ""]
    for character in view["characters"]:
        tags = [t for t in ("group" if character["group"] else "", character["gender"] or "") if t]
        lines.append(character["name"] + (f"  [{', '.join(tags)}]" if tags else ""))
        for alias in character["aliases"]:
            lines.append(f"    = {alias['name']}  ({alias['reason']})")
    if verbose:
        lines += _diagnostics(view)
    return "\n".join(lines) + "\n"


def render_scenes(view: dict[str, Any], verbose: bool = False) -> str:
    """One line per scene: index, number, heading, lines and speakers."""
    lines = [view["title"], ""]
    for scene in view["scenes"]:
        number = f"#{scene['number']} " if scene["number"] else ""
        act = f"[act {scene['act']}] " if scene["act"] else ""
        heading = scene["heading"] or "(before the first heading)"
        start, end = scene["lines"]
        lines.append(f"{scene['index']:>4}  {act}{number}{heading}  (lines {start}-{end})")
        if scene["speakers"]:
            lines.append("      " + ", ".join(scene["speakers"]))
    if verbose:
        lines += _diagnostics(view)
    return "\n".join(lines) + "\n"
