"""Text and Markdown renderings of an evaluation's figures (`whosestory.evalfigures`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

_COLUMNS = (
    ("set", "set"),
    ("n", "n"),
    ("cv", "model (cv)"),
    ("cv_interval", "95% interval"),
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
    if key == "cv_interval":
        return f"{value[0]:.2f}-{value[1]:.2f}"
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


def _runs_line(figures: Mapping[str, Any]) -> list[str]:
    runs = figures.get("runs") or []
    if len(runs) < 2:
        return []
    return [
        (
            f"over {len(runs)} runs of the cross-validation, the folds dealt afresh each time; "
            "each run alone: top-1 "
            + ", ".join(f"{r['top1']:.3f}" for r in runs)
            + "; expected calibration error "
            + ", ".join(f"{r['ece']:.3f}" for r in runs)
        )
    ]


def _miss_line(miss: Mapping[str, Any], repeats: int | None) -> str:
    if miss.get("error"):
        return f"{miss['set']}: {miss['file']}: {miss['error']}"
    probability = miss.get("probability")
    chance = f" ({probability:.0%})" if probability is not None else ""
    runs = f", in {miss['missed_in']} of {repeats} runs" if miss.get("missed_in") else ""
    expected = miss["expected"]
    if miss.get("unmatched"):
        expected += " (which names no character: a play's label is its xml:id or a name)"
    return f"{miss['set']}: {miss['file']}: expected {expected}, got {miss['got']}{chance}{runs}"


def _preamble(figures: Mapping[str, Any]) -> str:
    folds = figures.get("folds")
    repeats = figures.get("repeats") or 1
    times = f", {repeats} times with the folds dealt afresh" if repeats > 1 else ""
    how = (
        f"model (cv): the fitted conditional logit, {folds}-fold cross-validated by story{times}; "
        "no title: the same held-out models on the stories with their titles removed; "
        "leave-set-out: fitted on the other label sets; shipped: the analysis's own verdict"
        if folds
        else "shipped: the analysis's own verdict (no fitted model for this role)"
    )
    spread = (
        "; 95% interval: the model's cross-validated top-1 with the stories resampled "
        "(bootstrap, 2,000 draws)"
        if folds
        else ""
    )
    return f"{figures['role']}: top-1 accuracy ({how}{spread}); gain over the best baseline."


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
    lines.extend(_runs_line(figures))
    misses = figures["misses"]
    lines.append(f"misses ({len(misses)}):")
    lines.extend(f"  {_miss_line(m, figures.get('repeats'))}" for m in misses)
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
    for line in _runs_line(figures):
        lines.extend([line, ""])
    lines.append(f"Misses ({len(figures['misses'])}):")
    lines.append("")
    lines.extend(f"- {_miss_line(m, figures.get('repeats'))}" for m in figures["misses"])
    return "\n".join(lines) + "\n"
