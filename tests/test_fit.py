"""The conditional logit: probabilities worked out by hand, gradients, fitting, calibration."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import check_grad

from whosestory import fit as fitting
from whosestory.errors import InputError
from whosestory.evalfigures import calibration
from whosestory.rolemodel import (
    RoleModel,
    calibrate,
    contributions,
    model_from_json,
    probabilities,
    shipped_model,
)


def test_probabilities_by_hand() -> None:
    # score = ln 3 * (x - 0) / 1: exp(ln 3) / (exp(ln 3) + exp(0)) = 3/4
    model = RoleModel("main_character", ("a",), (math.log(3),), (0.0,), (1.0,))
    probs = probabilities(model, {"ANNA": {"a": 1.0}, "BEN": {"a": 0.0}})
    assert probs == pytest.approx({"ANNA": 0.75, "BEN": 0.25})


def test_standardised_features_and_contributions_by_hand() -> None:
    # w = 2 on (x - 0.5) / 0.25: ANNA 2 * 2 = 4, BEN 2 * -2 = -4; contribution 8 log-odds
    model = RoleModel("main_character", ("a", "b"), (2.0, 0.0), (0.5, 0.0), (0.25, 1.0))
    rows = {"ANNA": {"a": 1.0, "b": 1.0}, "BEN": {"a": 0.0, "b": 0.0}}
    probs = probabilities(model, rows)
    assert probs["ANNA"] == pytest.approx(1 / (1 + math.exp(-8)))
    assert contributions(model, rows, "ANNA", "BEN") == pytest.approx({"a": 8.0, "b": 0.0})


def test_a_feature_equal_for_everyone_carries_no_weight() -> None:
    model = RoleModel("main_character", ("a", "b"), (1.0, 5.0), (0.0, 0.0), (1.0, 1.0))
    probs = probabilities(model, {"ANNA": {"a": 1.0, "b": 0.0}, "BEN": {"a": 0.0, "b": 0.0}})
    assert probs["ANNA"] == pytest.approx(math.e / (math.e + 1))


def _cases(n: int, seed: int = 3) -> list[fitting.Case]:
    """Stories where the labelled character has the most of feature a, and b is noise."""
    rng = np.random.default_rng(seed)
    cases = []
    for i in range(n):
        size = int(rng.integers(3, 7))
        a = rng.random(size)
        b = rng.random(size)
        rows = tuple({"a": float(x), "b": float(y)} for x, y in zip(a, b, strict=True))
        cases.append(
            fitting.Case(
                "set1" if i % 2 else "set2",
                f"s{i}",
                tuple(f"C{j}" for j in range(size)),
                rows,
                (int(np.argmax(a)),),
            )
        )
    return cases


def test_gradient_of_the_likelihood() -> None:
    cases = _cases(12)
    mean, scale = fitting._standardise(cases, ("a", "b"))
    data = fitting._stack(cases, ("a", "b"), mean, scale)
    error = check_grad(
        lambda w: fitting._objective(w, data, 0.3)[0],
        lambda w: fitting._objective(w, data, 0.3)[1],
        np.array([0.4, -0.2]),
    )
    assert error < 1e-5


def test_fit_learns_the_feature_that_decides_and_cross_validates() -> None:
    cases = _cases(60)
    model = fitting.fit(cases, ("a", "b"), penalty=0.01)
    assert model.coefficients[0] > 3 * abs(model.coefficients[1])
    held_out = fitting.cross_validate(cases, ("a", "b"), folds=3)
    hits = [int(np.argmax(held_out[fitting.case_key(c)])) in c.accepted for c in cases]
    assert sum(hits) / len(hits) > 0.9
    loso = fitting.leave_set_out(cases, ("a", "b"))
    assert set(loso) == {fitting.case_key(c) for c in cases}


def test_cross_validation_also_predicts_each_story_without_its_title() -> None:
    # the title decides in half the stories; without it the held-out model must fall back on a
    cases = []
    for i in range(40):
        titled = i % 2 == 0
        rows = (
            {"a": 0.2, "title_names": 1.0 if titled else 0.0},
            {"a": 0.9, "title_names": 0.0},
            {"a": 0.5, "title_names": 0.0},
        )
        cases.append(fitting.Case("s", f"f{i}", ("T", "A", "B"), rows, (0 if titled else 1,)))
    held_out = fitting.cross_validate(
        cases, ("a", "title_names"), folds=4, variants={"untitled": fitting.untitled}
    )
    titled = cases[0]
    with_title = held_out[fitting.case_key(titled)]
    without_title = held_out[fitting.variant_key(fitting.case_key(titled), "untitled")]
    assert int(np.argmax(with_title)) == 0
    assert int(np.argmax(without_title)) == 1


def test_title_augmentation_keeps_the_story_without_its_title() -> None:
    case = fitting.Case("s", "f", ("A", "B"), ({"title_names": 1.0}, {"title_names": 0.0}), (0,))
    plain, stripped = fitting.augment_titles([case])
    assert plain is case
    assert [r["title_names"] for r in stripped.rows] == [0.0, 0.0]
    assert fitting.case_key(stripped) == fitting.case_key(case)


def test_calibration_by_hand() -> None:
    # two stories at p 0.9 (one right), two at p 0.3 (none right)
    result = calibration([(0.9, True), (0.9, False), (0.3, False), (0.3, False)])
    # Brier: (0.01 + 0.81 + 0.09 + 0.09) / 4 = 0.25
    assert result["brier"] == pytest.approx(0.25)
    # ECE: 0.5 * |0.9 - 0.5| + 0.5 * |0.3 - 0| = 0.35
    assert result["ece"] == pytest.approx(0.35)
    assert [row["n"] for row in result["table"]] == [2, 2]


def test_malformed_model_is_one_sentence() -> None:
    with pytest.raises(InputError, match="not a whosestory role model"):
        model_from_json({"role": "main_character"}, "m.json")
    with pytest.raises(InputError, match="differ"):
        model_from_json(
            {
                "role": "x",
                "features": ["words_top"],
                "coefficients": [1, 2],
                "mean": [0],
                "scale": [1],
            }
        )


@pytest.mark.parametrize("role", ["main_character", "protagonist"])
def test_shipped_models_have_provenance(role: str) -> None:
    model = shipped_model(role)
    assert model is not None and model.role == role
    assert {"fitted_on", "cross_validated", "date", "penalty"} <= set(model.provenance)


def test_a_calibration_moves_the_leader_by_hand_and_keeps_the_order() -> None:
    # leader 0.5 -> logit 0; p' = 1 / (1 + exp(-ln 3)) = 3/4; the others share 1/4 as they
    # shared 1/2: 0.3 -> 0.15, 0.2 -> 0.1
    calibrated = calibrate([0.3, 0.5, 0.2], (math.log(3), 0.5))
    assert calibrated == pytest.approx([0.15, 0.75, 0.1])
    assert calibrate([0.3, 0.5, 0.2], None) == [0.3, 0.5, 0.2]


def test_a_calibration_never_breaks_a_tie_or_changes_the_leader() -> None:
    assert calibrate([0.4, 0.4, 0.2], (2.0, 1.0)) == [0.4, 0.4, 0.2]
    # a calibration that would pull the leader under the runner-up is not applied
    assert calibrate([0.45, 0.4, 0.15], (-3.0, 1.0)) == [0.45, 0.4, 0.15]


def test_a_calibrated_model_round_trips_through_json_and_applies() -> None:
    model = RoleModel(
        "main_character", ("words_top",), (0.0,), (0.0,), (1.0,), calibration=(1.0, 0.5)
    )
    again = model_from_json(model.to_json())
    assert again.calibration == (1.0, 0.5)
    probs = probabilities(again, {"ANNA": {"words_top": 1.0}, "BEN": {"words_top": 0.0}})
    # a tie for the lead stays a tie
    assert probs == pytest.approx({"ANNA": 0.5, "BEN": 0.5})
    with pytest.raises(InputError):
        model_from_json({**model.to_json(), "calibration": {"intercept": 0.0, "slope": -1.0}})


def test_fit_calibration_learns_an_underconfident_leader() -> None:
    # leaders said 40% but right 80% of the time: the calibration raises them
    tops = [(0.4, i % 5 != 0) for i in range(100)] + [(0.9, i % 10 != 0) for i in range(100)]
    intercept, slope = fitting.fit_calibration(tops) or (0.0, 1.0)
    calibrated = calibrate([0.4, 0.35, 0.25], (intercept, slope))[0]
    assert 0.7 < calibrated < 0.85
    assert fitting.fit_calibration(tops[:10]) is None  # too few to fit
    assert fitting.fit_calibration([(0.5, True)] * 50) is None  # nothing to learn from


def test_fit_selected_calibrates_on_held_out_predictions() -> None:
    model = fitting.fit_selected(_cases(60), ("a", "b"), "main_character")
    assert model.calibration is not None and model.calibration[1] > 0
