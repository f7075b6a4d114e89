"""Text and Markdown renderings of an evaluation's figures (`whosestory.evalfigures`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

_COLUMNS = (
    ("set", "set"),
    ("n", "n"),
    ("cv", "model (cv)"),
    ("untitled", "no title (cv)"),
    ("loso", "leave-set-out"),
    ("verdict", "shipped"),
    ("most_words", "most words"),
    ("most_speeches", "most speeches"),
    ("most_scenes", "most scenes"),
    ("mean_rank", "mean rank"),
    ("gain", "gain"),
    ("errors", "errors"),
    ("unmatched", "unmatched"),
)


def _cell(key: str, value: Any) -> str:
    if value is None:
        return "-"
    if key == "gain":
        return f"{value:+.3f}"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _table(rows: Sequence[Mapping[str, Any]]) -> list[list[str]]:
    return [[_cell(key, row.get(key)) for key, _ in _COLUMNS] for row in rows]


def _calibration_lines(calibration: Mapping[str, Any]) -> list[str]:
    if calibration.get("brier") is None:
        return []
    lines = [
        f"calibration of the cross-validated top probability: Brier {calibration['brier']:.3f}, "
        f"expected calibration error {calibration['ece']:.3f}",
    ]
    for row in calibration["table"]:
        lines.append(
            f"  p {row['bin']}: {row['n']:>4} stories, mean probability "
            f"{row['mean_probability']:.2f}, right {row['accuracy']:.2f}"
        )
    return lines


def _miss_line(miss: Mapping[str, Any]) -> str:
    if miss.get("error"):
        return f"{miss['set']}: {miss['file']}: {miss['error']}"
    probability = miss.get("probability")
    chance = f" ({probability:.0%})" if probability is not None else ""
    return f"{miss['set']}: {miss['file']}: expected {miss['expected']}, got {miss['got']}{chance}"


def _preamble(figures: Mapping[str, Any]) -> str:
    folds = figures.get("folds")
    how = (
        f"model (cv): the fitted conditional logit, {folds}-fold cross-validated by story; "
        "no title: the same held-out models on the stories with their titles removed; "
        "leave-set-out: fitted on the other label sets; shipped: the analysis's own verdict"
        if folds
        else "shipped: the analysis's own verdict (no fitted model for this role)"
    )
    return f"{figures['role']}: top-1 accuracy ({how}); gain over the best baseline."


def render_eval_text(figures: Mapping[str, Any]) -> str:
    """A fixed-width table, the calibration and the misses."""
    header = [label for _, label in _COLUMNS]
    body = _table(figures["sets"])
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = [_preamble(figures), ""]
    for row in [header, *body]:
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    lines.append("")
    lines.extend(_calibration_lines(figures["calibration"]))
    misses = figures["misses"]
    lines.append(f"misses ({len(misses)}):")
    lines.extend(f"  {_miss_line(m)}" for m in misses)
    return "\n".join(lines) + "\n"


def render_eval_markdown(figures: Mapping[str, Any]) -> str:
    """A Markdown table, the calibration and the misses."""
    header = [label for _, label in _COLUMNS]
    lines = [_preamble(figures), "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "---|" * len(header))
    lines.extend("| " + " | ".join(r) + " |" for r in _table(figures["sets"]))
    lines.append("")
    calibration = _calibration_lines(figures["calibration"])
    if calibration:
        lines.append(calibration[0])
        lines.append("")
        lines.append("| probability | stories | mean probability | right |")
        lines.append("|---|---|---|---|")
        for row in figures["calibration"]["table"]:
            lines.append(
                f"| {row['bin']} | {row['n']} | {row['mean_probability']:.2f} "
                f"| {row['accuracy']:.2f} |"
            )
        lines.append("")
    lines.append(f"Misses ({len(figures['misses'])}):")
    lines.append("")
    lines.extend(f"- {_miss_line(m)}" for m in figures["misses"])
    return "\n".join(lines) + "\n"
