"""Rank aggregation, agreement and verdicts, on values worked out by hand."""

from __future__ import annotations

import pytest

from whosestory.ranking import combine, kendall_tau, mean_rank, ranks, share_of_top
from whosestory.verdict import CLOSE_CALL, decide


def test_share_of_top() -> None:
    assert share_of_top({"a": 10, "b": 5, "c": 0}) == {"a": 1.0, "b": 0.5, "c": 0.0}
    assert share_of_top({"a": 0, "b": 0}) == {"a": 0.0, "b": 0.0}


def test_combine_weights_shares() -> None:
    tables = {"cues": {"a": 10, "b": 5}, "words": {"a": 50, "b": 100}}
    # a: (1*1 + 3*0.5)/4 = 0.625; b: (1*0.5 + 3*1)/4 = 0.875
    assert combine(tables, {"cues": 1, "words": 3}) == pytest.approx({"a": 0.625, "b": 0.875})


def test_competition_ranks_and_mean_rank() -> None:
    assert ranks({"a": 3, "b": 3, "c": 1}) == {"a": 1, "b": 1, "c": 3}
    assert mean_rank([{"a": 3, "b": 2, "c": 1}, {"a": 1, "b": 2, "c": 3}]) == {
        "a": 2.0,
        "b": 2.0,
        "c": 2.0,
    }


def test_kendall_tau_by_hand() -> None:
    assert kendall_tau({"a": 1, "b": 2, "c": 3}, {"a": 10, "b": 20, "c": 30}) == 1.0
    assert kendall_tau({"a": 1, "b": 2, "c": 3}, {"a": 30, "b": 20, "c": 10}) == -1.0
    # pairs ab: (+,-) discordant; ac: (+,+) concordant; bc: (+,+) concordant -> 1/3
    assert kendall_tau({"a": 1, "b": 2, "c": 3}, {"a": 2, "b": 1, "c": 3}) == pytest.approx(1 / 3)
    # tau-b with a tie in the first: n0=3, ties_a=1 (ab), c=2, d=0 -> 2/sqrt(3*2)
    assert kendall_tau({"a": 1, "b": 1, "c": 3}, {"a": 1, "b": 2, "c": 3}) == pytest.approx(
        2 / 6**0.5
    )
    assert kendall_tau({"a": 1}, {"a": 1}) is None


def test_verdict_margin_and_close_call() -> None:
    verdict = decide("spotlight", {"a": 1.0, "b": 0.95, "c": 0.2}, {"cues": {"a": 10, "b": 9}})
    assert verdict.character == "a" and verdict.runner_up == "b"
    assert verdict.margin == pytest.approx(0.05)
    assert verdict.close_call  # 0.05 < CLOSE_CALL of the leader's 1.0
    assert verdict.evidence["cues"] == (10.0, 9.0)
    clear = decide("spotlight", {"a": 1.0, "b": 1.0 - 2 * CLOSE_CALL}, {})
    assert not clear.close_call


def test_verdict_on_an_empty_cast() -> None:
    verdict = decide("spotlight", {}, {})
    assert verdict.character is None and verdict.ranking == ()


def test_regression_kendall_tau_is_fast_on_a_huge_cast_and_matches_the_pairwise_count() -> None:
    """Counted a row of pairs at a time (was a Python loop over n^2 / 2 pairs)."""
    import random
    import time

    rng = random.Random(7)
    a = {f"N{i}": float(rng.randrange(5)) for i in range(60)}
    b = {f"N{i}": float(rng.randrange(5)) for i in range(60)}
    names = sorted(a)
    conc = disc = ta = tb = 0
    for i, x in enumerate(names):
        for y in names[i + 1 :]:
            da, db = a[x] - a[y], b[x] - b[y]
            if da == 0 and db == 0:
                continue
            if da == 0:
                ta += 1
            elif db == 0:
                tb += 1
            elif (da > 0) == (db > 0):
                conc += 1
            else:
                disc += 1
    expected = (conc - disc) / ((conc + disc + ta) * (conc + disc + tb)) ** 0.5
    assert kendall_tau(a, b) == pytest.approx(expected)
    big = {f"N{i}": float(i % 97) for i in range(5000)}
    start = time.perf_counter()
    assert kendall_tau(big, big) == pytest.approx(1.0)
    assert time.perf_counter() - start < 5


def test_kendall_tau_counts_every_pair_once_across_its_blocks() -> None:
    """More names than one block of rows (`_TAU_ROWS`), with ties: the same tau as counting
    the pairs one by one."""
    import math
    import random

    rng = random.Random(3)
    names = [f"c{i}" for i in range(150)]
    a = {n: float(rng.randint(0, 9)) for n in names}
    b = {n: float(rng.randint(0, 9)) for n in names}
    concordant = discordant = ties_a = ties_b = 0
    ordered = sorted(names)
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            da, db = a[first] - a[second], b[first] - b[second]
            if da == 0 and db != 0:
                ties_a += 1
            elif db == 0 and da != 0:
                ties_b += 1
            elif da != 0 and db != 0:
                concordant += (da > 0) == (db > 0)
                discordant += (da > 0) != (db > 0)
    expected = (concordant - discordant) / math.sqrt(
        (concordant + discordant + ties_a) * (concordant + discordant + ties_b)
    )
    assert kendall_tau(a, b) == expected
