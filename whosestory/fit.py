"""Fitting role models: a regularised conditional logit, cross-validated by story.

Each labelled story is a `Case`: its candidates (the individual characters), a
feature row per candidate, and which candidates the label accepts. The model
maximises the penalised log-likelihood

    sum over stories of log( sum over accepted i of softmax(X w)_i ) - lambda/2 |w|^2

on standardised features, with L-BFGS (scipy). Stories whose label names none of
the candidates (a failed read) are left out of the fit and count as misses in
the evaluation.

Honest figures come from `cross_validate` (k folds by story; the regularisation
chosen by an inner k-fold on the training stories only) and `leave_set_out`
(fit on every other label set, test on this one). A story and its copy without
the title feature (`augment_titles`) always fall in the same fold.

This module imports numpy and scipy; analysing a story never imports it.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy.optimize import minimize

from whosestory.features import FAMILIES
from whosestory.rolemodel import RoleModel, calibrate

PENALTIES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
"""The L2 penalties (lambda, per story) that the inner cross-validation chooses from."""


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled story as the fitter sees it."""

    set: str
    file: str
    names: tuple[str, ...]
    rows: tuple[Mapping[str, float], ...]
    accepted: tuple[int, ...]
    rival: tuple[int, ...] = ()

    def matrix(self, features: Sequence[str]) -> np.ndarray:
        return np.array([[row.get(f, 0.0) for f in features] for row in self.rows], dtype=float)


def without(case: Case, features: Sequence[str]) -> Case:
    """The case with the given features set to 0 for every candidate."""
    rows = tuple({**row, **dict.fromkeys(features, 0.0)} for row in case.rows)
    return replace(case, rows=rows)


def _standardise(cases: Sequence[Case], features: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    stacked = np.vstack([c.matrix(features) for c in cases])
    mean = stacked.mean(axis=0)
    scale = stacked.std(axis=0)
    scale[scale < 1e-9] = 1.0
    return mean, scale


@dataclass(frozen=True, slots=True)
class _Stacked:
    """The cases' standardised rows stacked, with where each story starts and what it accepts."""

    x: np.ndarray
    starts: np.ndarray
    group: np.ndarray
    accepted: np.ndarray


def _stack(
    cases: Sequence[Case], features: Sequence[str], mean: np.ndarray, scale: np.ndarray
) -> _Stacked:
    matrices = [(c.matrix(features) - mean) / scale for c in cases]
    sizes = np.array([len(m) for m in matrices])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    accepted = np.zeros(int(sizes.sum()), dtype=bool)
    for start, case in zip(starts, cases, strict=True):
        accepted[start + np.array(case.accepted, dtype=int)] = True
    return _Stacked(np.vstack(matrices), starts, np.repeat(np.arange(len(cases)), sizes), accepted)


def _objective(
    weights: np.ndarray, data: _Stacked, penalty: float, centre: np.ndarray | None = None
) -> tuple[float, np.ndarray]:
    s = data.x @ weights
    s = s - np.maximum.reduceat(s, data.starts)[data.group]
    e = np.exp(s)
    p = e / np.add.reduceat(e, data.starts)[data.group]
    p_acc = np.add.reduceat(np.where(data.accepted, p, 0.0), data.starts)
    p_acc = np.maximum(p_acc, 1e-300)
    shift = weights if centre is None else weights - centre
    loss = -float(np.log(p_acc).sum()) + 0.5 * penalty * float(shift @ shift)
    # d/dw -log sum_acc p = E_p[x] - E_{p|accepted}[x], story by story
    q = np.where(data.accepted, p / p_acc[data.group], 0.0)
    grad = (p - q) @ data.x + penalty * shift
    return loss, grad


def fit(
    cases: Sequence[Case],
    features: Sequence[str],
    penalty: float,
    role: str = "fitted",
    prior: Mapping[str, float] | None = None,
) -> RoleModel:
    """Fit one conditional logit on the cases that have an accepted candidate.

    `prior` centres the penalty of some features away from 0: log-odds gained per unit of
    the raw feature, before the data move it (see `PRIORS`).
    """
    usable = [c for c in cases if c.accepted and len(c.names) > 1]
    if not usable:
        raise ValueError("no labelled story names one of its characters: nothing to fit")
    mean, scale = _standardise(usable, features)
    data = _stack(usable, features, mean, scale)
    centre = np.array([(prior or {}).get(f, 0.0) for f in features]) * scale
    result = minimize(
        _objective,
        centre.copy(),
        args=(data, penalty, centre),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 1000},
    )
    return RoleModel(
        role=role,
        features=tuple(features),
        coefficients=tuple(float(w) for w in result.x),
        mean=tuple(float(m) for m in mean),
        scale=tuple(float(s) for s in scale),
    )


def predict(model: RoleModel, case: Case) -> np.ndarray:
    """Probabilities of each candidate of the case under the model."""
    x = (case.matrix(model.features) - np.array(model.mean)) / np.array(model.scale)
    s = x @ np.array(model.coefficients)
    s = s - s.max()
    e = np.exp(s)
    return np.array(calibrate(e / e.sum(), model.calibration))


def _folds(keys: Sequence[str], k: int, seed: int) -> list[set[str]]:
    unique = sorted(set(keys))
    order = np.random.default_rng(seed).permutation(len(unique))
    return [{unique[i] for i in order[j::k]} for j in range(k)]


def _key(case: Case) -> str:
    return f"{case.set}/{case.file}"


def _select(
    cases: Sequence[Case],
    features: Sequence[str],
    folds: int,
    seed: int,
    augment: Callable[[Sequence[Case]], list[Case]] | None,
    prior: Mapping[str, float] | None,
) -> tuple[float, list[tuple[float, bool]]]:
    """The penalty with the best held-out log-likelihood in an inner k-fold, and at that
    penalty each held-out story's leader probability and whether the leader was right."""
    keys = [_key(c) for c in cases]
    parts = _folds(keys, folds, seed)
    best, best_ll, best_tops = PENALTIES[0], -math.inf, []
    for penalty in PENALTIES:
        ll = 0.0
        tops: list[tuple[float, bool]] = []
        for part in parts:
            train = [c for c in cases if _key(c) not in part]
            test = [c for c in cases if _key(c) in part and c.accepted]
            if not any(c.accepted for c in train) or not test:
                continue
            model = fit(augment(train) if augment else train, features, penalty, prior=prior)
            for case in test:
                p = predict(model, case)
                ll += math.log(max(float(p[list(case.accepted)].sum()), 1e-12))
                top = int(np.argmax(p))
                tops.append((float(p[top]), top in case.accepted))
        if ll > best_ll:
            best, best_ll, best_tops = penalty, ll, tops
    return best, best_tops


def choose_penalty(
    cases: Sequence[Case],
    features: Sequence[str],
    folds: int = 3,
    seed: int = 1,
    augment: Callable[[Sequence[Case]], list[Case]] | None = None,
    prior: Mapping[str, float] | None = None,
) -> float:
    """The penalty with the best held-out log-likelihood in an inner k-fold."""
    return _select(cases, features, folds, seed, augment, prior)[0]


CALIBRATION_PENALTY = 0.1
"""Ridge pulling the calibration towards none (intercept 0, slope 1)."""
CALIBRATION_MINIMUM = 30
"""Fewer held-out stories than this, or all right or all wrong: no calibration."""


def fit_calibration(tops: Sequence[tuple[float, bool]]) -> tuple[float, float] | None:
    """Platt scaling of the leader's probability on held-out (probability, right) pairs:
    intercept and slope on its log-odds, or None when the pairs cannot support one."""
    hits = np.array([h for _, h in tops], dtype=float)
    if len(tops) < CALIBRATION_MINIMUM or hits.min() == hits.max():
        return None
    p = np.clip(np.array([q for q, _ in tops]), 1e-6, 1 - 1e-6)
    z = np.log(p / (1 - p))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        q = np.clip(1 / (1 + np.exp(-(w[0] + w[1] * z))), 1e-12, 1 - 1e-12)
        shift = w - np.array([0.0, 1.0])
        value = -float((hits * np.log(q) + (1 - hits) * np.log(1 - q)).sum())
        value += 0.5 * CALIBRATION_PENALTY * float(shift @ shift)
        residual = q - hits
        grad = np.array([residual.sum(), (residual * z).sum()]) + CALIBRATION_PENALTY * shift
        return value, grad

    result = minimize(
        loss, np.array([0.0, 1.0]), jac=True, method="L-BFGS-B", bounds=[(None, None), (0.05, None)]
    )
    return float(result.x[0]), float(result.x[1])


def augment_titles(cases: Sequence[Case]) -> list[Case]:
    """Each case, and a copy without the title feature: the model must not lean on titles alone
    (a story's verdict must stand when its title names no one, or is removed)."""
    return [*cases, *(untitled(c) for c in cases)]


def fit_selected(
    cases: Sequence[Case],
    features: Sequence[str],
    role: str,
    seed: int = 1,
    prior: Mapping[str, float] | None = None,
) -> RoleModel:
    """Choose the penalty by inner cross-validation, fit on all the cases, and calibrate the
    leader's probability on the inner held-out predictions at that penalty."""
    penalty, tops = _select(cases, features, 3, seed, augment_titles, prior)
    model = fit(augment_titles(cases), features, penalty, role, prior=prior)
    return replace(model, provenance={"penalty": penalty}, calibration=fit_calibration(tops))


def cross_validate(
    cases: Sequence[Case],
    features: Sequence[str],
    folds: int = 5,
    seed: int = 0,
    prior: Mapping[str, float] | None = None,
    variants: Mapping[str, Callable[[Case], Case]] | None = None,
) -> dict[str, np.ndarray]:
    """Held-out probabilities of every case (key -> probabilities), k folds by story.

    Each of `variants` (name -> a changed copy of a case, such as `untitled`) is
    predicted by the same held-out model, under the key `variant_key(key, name)`.
    """
    result: dict[str, np.ndarray] = {}
    for part in _folds([_key(c) for c in cases], folds, seed):
        train = [c for c in cases if _key(c) not in part]
        if not any(c.accepted for c in train):
            continue  # nothing to fit on (a label set smaller than the folds): no prediction
        model = fit_selected(train, features, "cv", prior=prior)
        for case in cases:
            if _key(case) in part:
                result[_key(case)] = predict(model, case)
                for name, change in (variants or {}).items():
                    result[variant_key(_key(case), name)] = predict(model, change(case))
    return result


def variant_key(key: str, variant: str) -> str:
    """The key of a case's variant in `cross_validate`'s result."""
    return f"{key}#{variant}"


def untitled(case: Case) -> Case:
    """The case as if its story had no title (the title features 0 for everyone)."""
    return without(case, FAMILIES["title"])


def leave_set_out(
    cases: Sequence[Case], features: Sequence[str], prior: Mapping[str, float] | None = None
) -> dict[str, np.ndarray]:
    """Held-out probabilities of every case, each set predicted by a model fitted on the others."""
    result: dict[str, np.ndarray] = {}
    for name in sorted({c.set for c in cases}):
        train = [c for c in cases if c.set != name]
        if not any(c.accepted for c in train):
            continue
        model = fit_selected(train, features, "loso", prior=prior)
        for case in cases:
            if case.set == name:
                result[_key(case)] = predict(model, case)
    return result


def case_key(case: Case) -> str:
    """The key under which `cross_validate` and `leave_set_out` return a case's probabilities."""
    return _key(case)


def provenance(
    cases: Sequence[Case], figures: Mapping[str, object], penalty: float
) -> dict[str, object]:
    """What a shipped model says of itself: data, cross-validated figures, date."""
    sets: dict[str, int] = {}
    for case in cases:
        sets[case.set] = sets.get(case.set, 0) + 1
    return {
        "fitted_on": sets,
        "stories": len(cases),
        "penalty": penalty,
        "cross_validated": dict(figures),
        "date": _dt.date.today().isoformat(),
    }
