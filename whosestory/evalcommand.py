"""The `eval` and `fit` commands: their options and what they compute (cli.py prints it).

    whosestory eval LABELS... [--role ROLE] [--root DIR]... [--format text|json|md]
    whosestory fit LABELS... [--role ROLE] [--root DIR]... --out model.json

Several label sets go in one call; each keeps its own name (folder/stem) so that
the figures come per set, pooled, and leave-one-set-out.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Sequence

from whosestory.errors import InputError
from whosestory.evaluate import Label, collect, read_labels
from whosestory.roles import FITTED, MAIN_CHARACTER, PROTAGONIST


def _add_common(parser: argparse.ArgumentParser, roles: Sequence[str], default: str) -> None:
    parser.add_argument("files", nargs="+", metavar="LABELS", help="TSVs of labelled stories")
    parser.add_argument("--role", default=default, choices=roles, help="role to evaluate")
    parser.add_argument(
        "--root",
        action="append",
        help="folder of the stories; once for all label files, or once per file in order "
        "(default: the TSV's folder, or its subfolder whose name begins the TSV's name)",
    )
    parser.add_argument("--column", help="label column (default: hero, main_character, ...)")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds")
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="run the k-fold cross-validation this many times, the folds dealt afresh each "
        "time, and give figures over every run (default 1)",
    )


def add_eval_command(commands: argparse._SubParsersAction, roles: Sequence[str]) -> None:
    """The `eval` subcommand."""
    parser = commands.add_parser(
        "eval",
        help="Measure a role's verdicts against labelled stories, with baselines.",
        description="Top-1 accuracy of a role against TSVs of labels, per set and pooled: the "
        "shipped verdict, the fitted model cross-validated (k-fold by story and "
        "leave-one-set-out), the baselines (most words, speeches, scenes, mean rank), "
        "calibration and the misses.",
    )
    _add_common(parser, roles, PROTAGONIST)
    parser.add_argument(
        "--model",
        action="append",
        metavar="MODEL",
        help="a role model written by `whosestory fit` (once per role): the 'shipped' column "
        "gives its verdicts instead of the shipped model's",
    )
    parser.add_argument("--format", default="text", choices=("text", "json", "md"))
    parser.add_argument("-o", "--output", metavar="PATH", help="write to PATH")


def add_fit_command(commands: argparse._SubParsersAction) -> None:
    """The `fit` subcommand."""
    parser = commands.add_parser(
        "fit",
        help="Fit a role model on labelled stories (use it with --model).",
        description="Fit the conditional logit of a role on TSVs of labelled stories, the "
        "regularisation chosen by cross-validation, and write it with its provenance.",
    )
    _add_common(parser, FITTED, MAIN_CHARACTER)
    parser.add_argument("--out", dest="output", required=True, metavar="PATH")


def _labels(args: argparse.Namespace) -> list[Label]:
    if args.folds < 2:
        raise InputError(f"--folds must be 2 or more, not {args.folds}.")
    if args.repeats < 1:
        raise InputError(f"--repeats must be 1 or more, not {args.repeats}.")
    roots = args.root or []
    if len(roots) not in (0, 1, len(args.files)):
        raise InputError(
            f"give --root once, or once per labels file ({len(args.files)}), "
            f"not {len(roots)} times."
        )
    labels: list[Label] = []
    for i, path in enumerate(args.files):
        root = roots[i] if len(roots) == len(args.files) else (roots[0] if roots else None)
        labels.extend(read_labels(path, root, args.column))
    return labels


def run_eval(args: argparse.Namespace) -> str:
    """The evaluation's figures, rendered in the chosen format."""
    from whosestory.evalfigures import figures
    from whosestory.report.evaluation import render_eval_markdown, render_eval_text
    from whosestory.rolemodel import load_model

    models = {model.role: model for model in map(load_model, args.model or ())}
    collected = collect(_labels(args), args.role, workers=args.workers, models=models or None)
    result = figures(args.role, collected, folds=args.folds, repeats=args.repeats)
    if args.format == "json":
        return json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    if args.format == "md":
        return render_eval_markdown(result)
    return render_eval_text(result)


def run_fit(args: argparse.Namespace) -> str:
    """The fitted model as JSON, with its cross-validated figures as provenance."""
    from whosestory import fit as fitting
    from whosestory.evalfigures import cases, figures, model_features

    collected = collect(_labels(args), args.role, workers=args.workers)
    read = cases(collected)
    if not any(c.accepted for c in read):
        raise InputError("no labelled story names one of its characters: nothing to fit.")
    model = fitting.fit_selected(read, model_features(args.role), args.role)
    result = figures(args.role, collected, folds=args.folds, repeats=args.repeats)
    pooled = next(row for row in result["sets"] if row["set"] == "pooled")
    scores = {
        "cv_top1": {row["set"]: row["cv"] for row in result["sets"]},
        "untitled_cv_top1": {row["set"]: row["untitled"] for row in result["sets"]},
        "leave_set_out_top1": {row["set"]: row["loso"] for row in result["sets"]},
        "best_baseline_top1": {row["set"]: row[row["best_baseline"]] for row in result["sets"]},
        "pooled_gain": pooled["gain"],
        "ece": result["calibration"]["ece"],
        "brier": result["calibration"]["brier"],
        "folds": result["folds"],
        "repeats": result["repeats"],
        "runs": result["runs"],
    }
    penalty = float(model.provenance.get("penalty", 0.0))
    data = model.to_json()
    data["provenance"] = fitting.provenance(read, scores, penalty)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
