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


def figures(
    role: str,
    collected: Sequence[Collected],
    folds: int = 5,
    families: Sequence[str] | None = None,
) -> dict[str, object]:
    """Every figure of the evaluation, per set and pooled (see the module docstring)."""
    fitted = role in roles.FITTED
    read = cases(collected)
    features = model_features(role, families)
    variants = {"untitled": fitting.untitled}
    cv = (
        fitting.cross_validate(read, features, folds=folds, variants=variants)
        if fitted and read
        else {}
    )
    untitled = {
        key: cv[fitting.variant_key(key, "untitled")]
        for key in (fitting.case_key(c) for c in read)
        if fitting.variant_key(key, "untitled") in cv
    }
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
        for name, probs in (("cv", cv), ("untitled", untitled), ("loso", loso)):
            hits = [fitted_hit(probs, c) for c in members]
            row[name] = _share([bool(h) for h in hits]) if probs else None
        best = max(BASELINES, key=lambda b: row[b])
        row["best_baseline"] = best
        model_score = row["cv"] if row["cv"] is not None else row["verdict"]
        row["gain"] = round(float(model_score) - float(row[best]), 4)
        row["rival_won"] = sum(
            bool(c.error is None and c.label.rival and _rival_first(c)) for c in members
        )
        rows.append(row)
    pairs = []
    misses = []
    for item in collected:
        key = f"{item.label.set}/{item.label.file}"
        if item.error is not None:
            misses.append({"set": item.label.set, "file": item.label.file, "error": item.error})
            continue
        probs = cv.get(key)
        if probs is not None:
            top = int(np.argmax(probs))
            correct = top in by_key[key].accepted
            pairs.append((float(probs[top]), correct))
            got, p = item.candidates[top].name, float(probs[top])
        else:
            correct = item.hit("verdict")
            got = (item.rankings or {}).get("verdict", ("",))[0]
            p = None
        if not correct:
            misses.append(
                {
                    "set": item.label.set,
                    "file": item.label.file,
                    "expected": "|".join(item.label.expected),
                    "got": got,
                    "probability": None if p is None else round(p, 3),
                    "verdict": (item.rankings or {}).get("verdict", ("",))[0],
                }
            )
    return {
        "role": role,
        "folds": folds if fitted else None,
        "features": list(features) if fitted else [],
        "sets": rows,
        "calibration": calibration(pairs),
        "misses": misses,
    }


def _rival_first(item: Collected) -> bool:
    order = (item.rankings or {}).get("verdict", ())
    if not order:
        return False
    first = item.index(order[0])
    return first is not None and first in item.accepted(item.label.rival)
