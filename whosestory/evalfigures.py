"""The figures of an evaluation: the verdict, the baselines and the fitted model, cross-validated.

From stories collected once (`whosestory.evaluate.collect`), per label set and
pooled:

- top-1 of the analysis's own verdict, and of each baseline (`BASELINES`);
- for a role with a fitted model: top-1 of the conditional logit under k-fold
  cross-validation by story, and leave-one-set-out (fit on the other sets, test
  on this one), with the gain over the best baseline;
- calibration of the cross-validated probabilities of the top candidate: Brier
  score, expected calibration error (ten equal-width bins) and the reliability
  table.

The result is plain data (dicts, lists, numbers) for the renderers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from whosestory import fit as fitting
from whosestory import roles
from whosestory.evaluate import BASELINES, Collected
from whosestory.features import FAMILIES

BINS = 10


def model_features(role: str, families: Sequence[str] | None = None) -> tuple[str, ...]:
    """The feature names of a role's model (of the given families, or the role's own)."""
    chosen = families if families is not None else roles.role(role).families
    return tuple(f for family in chosen for f in FAMILIES[family])


def cases(collected: Sequence[Collected]) -> list[fitting.Case]:
    """The fitter's view of the stories that were read."""
    return [
        fitting.Case(
            c.label.set,
            c.label.file,
            tuple(x.name for x in c.candidates),
            c.features,
            c.accepted(),
            c.accepted(c.label.rival) if c.label.rival else (),
        )
        for c in collected
        if c.error is None and c.candidates
    ]


def _share(hits: Sequence[bool]) -> float:
    return round(sum(hits) / len(hits), 4) if hits else 0.0


def calibration(outcomes: Sequence[tuple[float, bool]], bins: int = BINS) -> dict[str, object]:
    """Brier score, expected calibration error and reliability table of (p, correct) pairs."""
    if not outcomes:
        return {"brier": None, "ece": None, "table": []}
    p = np.array([o[0] for o in outcomes])
    y = np.array([1.0 if o[1] else 0.0 for o in outcomes])
    index = np.minimum((p * bins).astype(int), bins - 1)
    table, ece = [], 0.0
    for b in range(bins):
        inside = index == b
        n = int(inside.sum())
        if not n:
            continue
        mean_p, accuracy = float(p[inside].mean()), float(y[inside].mean())
        ece += n / len(p) * abs(mean_p - accuracy)
        table.append(
            {
                "bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}",
                "n": n,
                "mean_probability": round(mean_p, 3),
                "accuracy": round(accuracy, 3),
            }
        )
    return {
        "brier": round(float(((p - y) ** 2).mean()), 4),
        "ece": round(ece, 4),
        "table": table,
    }


INTERVAL_DRAWS = 2000
"""Bootstrap resamples of the stories for the interval of a top-1 figure."""


def interval(hits: Sequence[Sequence[bool]], level: float = 0.95) -> list[float] | None:
    """A bootstrap interval of top-1 accuracy: the stories (each with its hits, one a run)
    drawn with replacement, the share of hits of each draw, and the central `level` of
    those shares. It shows how far a figure on a few dozen stories can move."""
    if not hits:
        return None
    per_story = np.array([sum(h) / len(h) if h else 0.0 for h in hits])
    draws = np.random.default_rng(0).integers(0, len(per_story), (INTERVAL_DRAWS, len(per_story)))
    shares = per_story[draws].mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(shares, [tail, 100 - tail])
    return [round(float(low), 3), round(float(high), 3)]


def _pooled_pairs(
    runs: Sequence[Mapping[str, np.ndarray]], by_key: Mapping[str, fitting.Case]
) -> list[list[tuple[float, bool]]]:
    """For each cross-validation run, each story's (top probability, top is right)."""
    result = []
    for probs in runs:
        pairs = []
        for key, case in by_key.items():
            if key in probs:
                top = int(np.argmax(probs[key]))
                pairs.append((float(probs[key][top]), top in case.accepted))
        result.append(pairs)
    return result


def figures(
    role: str,
    collected: Sequence[Collected],
    folds: int = 5,
    families: Sequence[str] | None = None,
    repeats: int = 1,
) -> dict[str, object]:
    """Every figure of the evaluation, per set and pooled (see the module docstring).

    With `repeats` > 1 the k-fold cross-validation runs that many times, the stories
    dealt into folds afresh each time (seeds 0, 1, ...): top-1 and calibration are
    then over every run's held-out predictions, and each run's own figures are kept
    (`runs`), so the spread that one deal of the folds hides is shown.
    """
    fitted = role in roles.FITTED
    read = cases(collected)
    features = model_features(role, families)
    variants = {"untitled": fitting.untitled}
    runs = (
        [
            fitting.cross_validate(read, features, folds=folds, seed=seed, variants=variants)
            for seed in range(max(1, repeats))
        ]
        if fitted and read
        else []
    )
    untitled_runs = [
        {
            key: cv[fitting.variant_key(key, "untitled")]
            for key in (fitting.case_key(c) for c in read)
            if fitting.variant_key(key, "untitled") in cv
        }
        for cv in runs
    ]
    several = len({c.set for c in read}) > 1
    loso = fitting.leave_set_out(read, features) if fitted and several else {}
    by_key = {fitting.case_key(c): c for c in read}

    def fitted_hit(probs: Mapping[str, np.ndarray], item: Collected) -> bool | None:
        key = f"{item.label.set}/{item.label.file}"
        if key not in by_key or key not in probs:
            return None if not probs else False
        return int(np.argmax(probs[key])) in by_key[key].accepted

    names = ("verdict", *BASELINES)
    sets = sorted({c.label.set for c in collected})
    rows = []
    for set_name in [*sets, "pooled"]:
        members = [c for c in collected if set_name in ("pooled", c.label.set)]
        row: dict[str, object] = {
            "set": set_name,
            "n": len(members),
            "errors": sum(c.error is not None for c in members),
            "unmatched": sum(c.error is None and not c.accepted() for c in members),
        }
        for name in names:
            row[name] = _share([c.error is None and c.hit(name) for c in members])
        by_story = {
            name: [[bool(fitted_hit(probs, c)) for probs in probs_runs if probs] for c in members]
            for name, probs_runs in (("cv", runs), ("untitled", untitled_runs), ("loso", [loso]))
        }
        for name, hits in by_story.items():
            flat = [hit for story in hits for hit in story]
            row[name] = _share(flat) if flat else None
        row["cv_interval"] = interval(by_story["cv"]) if row["cv"] is not None else None
        best = max(BASELINES, key=lambda b: row[b])
        row["best_baseline"] = best
        model_score = row["cv"] if row["cv"] is not None else row["verdict"]
        row["gain"] = round(float(model_score) - float(row[best]), 4)
        row["rival_won"] = sum(
            bool(c.error is None and c.label.rival and _rival_first(c)) for c in members
        )
        rows.append(row)
    run_pairs = _pooled_pairs(runs, by_key)
    misses = []
    for item in collected:
        key = f"{item.label.set}/{item.label.file}"
        if item.error is not None:
            misses.append({"set": item.label.set, "file": item.label.file, "error": item.error})
            continue
        held_out = [probs[key] for probs in runs if key in probs]
        wrong = [p for p in held_out if int(np.argmax(p)) not in by_key[key].accepted]
        if held_out:
            if not wrong:
                continue
            top = int(np.argmax(wrong[0]))
            got, p = item.candidates[top].name, round(float(wrong[0][top]), 3)
        else:
            if item.hit("verdict"):
                continue
            got, p = (item.rankings or {}).get("verdict", ("",))[0], None
        miss = {
            "set": item.label.set,
            "file": item.label.file,
            "expected": "|".join(item.label.expected),
            "got": got,
            "probability": p,
            "verdict": (item.rankings or {}).get("verdict", ("",))[0],
            "unmatched": not item.accepted(),
        }
        if len(runs) > 1:
            miss["missed_in"] = len(wrong)
        misses.append(miss)
    return {
        "role": role,
        "folds": folds if fitted else None,
        "repeats": len(runs) if fitted else None,
        "features": list(features) if fitted else [],
        "sets": rows,
        "calibration": calibration([pair for pairs in run_pairs for pair in pairs]),
        "runs": [_run_figures(seed, pairs) for seed, pairs in enumerate(run_pairs)],
        "misses": misses,
    }


def _run_figures(seed: int, pairs: Sequence[tuple[float, bool]]) -> dict[str, object]:
    """One cross-validation run's own top-1, calibration error and Brier score."""
    figures = calibration(pairs)
    return {
        "seed": seed,
        "top1": _share([hit for _, hit in pairs]),
        "ece": figures["ece"],
        "brier": figures["brier"],
    }


def _rival_first(item: Collected) -> bool:
    order = (item.rankings or {}).get("verdict", ())
    if not order:
        return False
    first = item.index(order[0])
    return first is not None and first in item.accepted(item.label.rival)
