"""Fitted role models: a conditional logit over the cast, applied (inference only).

A role model gives each character of a story the score
``s_i = sum_j w_j * (x_ij - mean_j) / scale_j`` over named features (see
`whosestory.features`), and the probability of holding the role
``p_i = exp(s_i) / sum_k exp(s_k)``, the softmax within the story (McFadden's
conditional logit). What carried a verdict is ``w_j * (x_ij - x_kj) / scale_j``,
feature by feature, between the winner i and the runner-up k.

A softmax over a whole cast spreads its mass: a leader at 46% is right far more often
than 46% of the time, because the rest is shared by many. A model may therefore carry a
`calibration` of its leader's probability (Platt scaling): ``p' = 1 / (1 + exp(-(a + b *
logit(p))))``, fitted on held-out predictions, with the others scaled to share ``1 - p'``
as they shared ``1 - p``. It never changes who leads.

Models are fitted by `whosestory.fit` (which needs scipy) and shipped as small
JSON files in `whosestory/data/models/`; applying one needs nothing but the
standard library, so an analysis never imports the fitting library.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import field
from functools import cache
from importlib import resources
from pathlib import Path

from whosestory.errors import InputError
from whosestory.features import FEATURES
from whosestory.model import record


@record
class RoleModel:
    """A fitted conditional logit for one role.

    `coefficients` apply to standardised features ((x - mean) / scale).
    `provenance` says what it was fitted on and how well it did, cross-validated.
    """

    role: str
    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    provenance: Mapping[str, object] = field(default_factory=dict)
    calibration: tuple[float, float] | None = None
    """Intercept and slope of the leader's calibration (see the module), or None."""

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "role": self.role,
            "features": list(self.features),
            "coefficients": [round(c, 6) for c in self.coefficients],
            "mean": [round(m, 6) for m in self.mean],
            "scale": [round(s, 6) for s in self.scale],
        }
        if self.calibration is not None:
            intercept, slope = self.calibration
            data["calibration"] = {"intercept": round(intercept, 6), "slope": round(slope, 6)}
        data["provenance"] = dict(self.provenance)
        return data


def _calibration(data: object) -> tuple[float, float] | None:
    if data is None:
        return None
    if not isinstance(data, Mapping):
        raise TypeError("calibration is an object with intercept and slope")
    intercept, slope = float(data["intercept"]), float(data["slope"])
    if not (math.isfinite(intercept) and math.isfinite(slope) and slope > 0):
        raise ValueError("calibration needs a finite intercept and a positive slope")
    return intercept, slope


def model_from_json(data: Mapping[str, object], source: str = "model") -> RoleModel:
    """A RoleModel from its JSON form; InputError naming `source` when it is malformed."""
    try:
        features = tuple(str(f) for f in data["features"])  # type: ignore[union-attr]
        model = RoleModel(
            role=str(data["role"]),
            features=features,
            coefficients=tuple(float(c) for c in data["coefficients"]),  # type: ignore[union-attr]
            mean=tuple(float(m) for m in data["mean"]),  # type: ignore[union-attr]
            scale=tuple(float(s) for s in data["scale"]),  # type: ignore[union-attr]
            provenance=dict(data.get("provenance") or {}),  # type: ignore[arg-type]
            calibration=_calibration(data.get("calibration")),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise InputError(
            f"{source}: not a whosestory role model (expected role, features, coefficients, "
            f"mean and scale): {err}."
        ) from None
    unknown = sorted(set(model.features) - set(FEATURES))
    if unknown:
        raise InputError(f"{source}: the model uses features whosestory does not know: {unknown}.")
    sizes = {len(model.features), len(model.coefficients), len(model.mean), len(model.scale)}
    if len(sizes) != 1 or any(s <= 0 for s in model.scale):
        raise InputError(f"{source}: the model's features, coefficients, mean and scale differ.")
    return model


def load_model(path: str | Path) -> RoleModel:
    """Read a role model written by `whosestory fit`."""
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"{source}: cannot read the role model ({err}).") from None
    if not isinstance(data, dict):
        raise InputError(f"{source}: a role model is a JSON object.")
    return model_from_json(data, str(source))


@cache
def shipped_model(role: str) -> RoleModel | None:
    """The model shipped with whosestory for `role`, or None when there is none."""
    resource = resources.files("whosestory") / "data" / "models" / f"{role}.json"
    if not resource.is_file():
        return None
    data = json.loads(resource.read_text(encoding="utf-8"))
    return model_from_json(data, f"shipped {role} model")


def scores(model: RoleModel, features: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """The linear score of each character (features: character -> feature -> value)."""
    terms = tuple(zip(model.features, model.coefficients, model.mean, model.scale, strict=True))
    result = {}
    for name, row in features.items():
        total = 0.0
        get = row.get
        for feature, weight, mean, scale in terms:
            total += weight * (float(get(feature, 0.0)) - mean) / scale
        result[name] = total
    return result


def softmax(values: Mapping[str, float]) -> dict[str, float]:
    """exp(v) / sum(exp), computed stably."""
    if not values:
        return {}
    top = max(values.values())
    exps = {n: math.exp(v - top) for n, v in values.items()}
    total = sum(exps.values())
    return {n: e / total for n, e in exps.items()}


def calibrate(probs: Sequence[float], calibration: tuple[float, float] | None) -> list[float]:
    """Probabilities (summing to 1) with the leader's calibrated (see the module).

    Left as they are without a calibration, with a tie for the lead, or when the
    calibrated leader would no longer lead.
    """
    values = [float(p) for p in probs]
    if calibration is None or len(values) < 2:
        return values
    order = sorted(range(len(values)), key=lambda i: -values[i])
    lead, second = order[0], order[1]
    p, rest = values[lead], 1.0 - values[lead]
    if values[second] >= p or rest <= 1e-12 or p <= 0.0:
        return values
    intercept, slope = calibration
    z = intercept + slope * math.log(p / rest)
    new = 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0
    factor = (1.0 - new) / rest
    if values[second] * factor >= new:
        return values
    return [new if i == lead else v * factor for i, v in enumerate(values)]


def probabilities(
    model: RoleModel, features: Mapping[str, Mapping[str, float]]
) -> dict[str, float]:
    """The probability of each character holding the role, summing to 1 over the cast."""
    raw = softmax(scores(model, features))
    return dict(zip(raw, calibrate(list(raw.values()), model.calibration), strict=True))


def contributions(
    model: RoleModel, features: Mapping[str, Mapping[str, float]], winner: str, other: str
) -> dict[str, float]:
    """Per feature, how much it raises the winner's score over the other's (log-odds)."""
    return {
        feature: weight
        * (features[winner].get(feature, 0.0) - features[other].get(feature, 0.0))
        / scale
        for feature, weight, scale in zip(
            model.features, model.coefficients, model.scale, strict=True
        )
    }


def ranked(probs: Mapping[str, float]) -> Sequence[tuple[str, float]]:
    """Characters by probability, highest first (ties by name)."""
    return sorted(probs.items(), key=lambda item: (-item[1], item[0]))
