"""Combining measures into rankings, and how far two rankings agree.

- `share_of_top`: each value divided by the largest, so the leader scores 1 and
  the others keep their distance to it (a margin can be read off directly);
- `combine`: the weighted mean of several `share_of_top` tables;
- `ranks`: competition ranks (1 = highest; ties share the better rank);
- `mean_rank`: rank aggregation by the mean rank over several measures, the
  combination DraCor's protagonist studies use (Fischer et al. 2018, "To Catch
  a Protagonist: Quantitative Dominance Relations in German-Language Drama");
- `kendall_tau`: Kendall's tau-b between two score tables over the same
  characters, the agreement statistic reported in those studies.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np


def share_of_top(values: Mapping[str, float]) -> dict[str, float]:
    """Each value divided by the largest (all 0 when the largest is not positive)."""
    top = max(values.values(), default=0.0)
    if top <= 0:
        return dict.fromkeys(values, 0.0)
    # `max(0.0, value)` without a call: that is `value` only when `value` > 0 (a tie or
    # NaN keeps the 0.0); Kraus's analysis asks for 52 tables of 925 names, 13 -> 4 ms
    return {name: (value if value > 0 else 0.0) / top for name, value in values.items()}


def combine(
    tables: Mapping[str, Mapping[str, float]], weights: Mapping[str, float] | None = None
) -> dict[str, float]:
    """Weighted mean of `share_of_top` of each table; names missing from a table count 0."""
    names = {name for table in tables.values() for name in table}
    weights = weights or dict.fromkeys(tables, 1.0)
    total = sum(weights[key] for key in tables) or 1.0
    # one column of weighted shares per table, each name's summed across them in the
    # tables' order (as a sum over the tables, name by name, adds them): whole columns at
    # a time, not a generator for each of a large cast's names
    columns = []
    for key, table in tables.items():
        weight, share = weights[key], share_of_top(table).get
        columns.append([weight * share(name, 0.0) for name in names])
    sums = map(sum, zip(*columns, strict=True)) if columns else (0 for _ in names)
    return {name: found / total for name, found in zip(names, sums, strict=True)}


def ranks(values: Mapping[str, float]) -> dict[str, int]:
    """Competition ranks: 1 for the highest value; equal values share the better rank."""
    ordered = sorted(values.values(), reverse=True)
    first = {}
    for position, value in enumerate(ordered, start=1):
        first.setdefault(value, position)
    return {name: first[value] for name, value in values.items()}


def mean_rank(tables: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """Mean competition rank of each name over several measures (lower is better)."""
    names = {name for table in tables for name in table}
    if not tables:
        return {}
    ranked = [ranks({n: table.get(n, 0.0) for n in names}) for table in tables]
    return {name: sum(r[name] for r in ranked) / len(ranked) for name in names}


def order(scores: Mapping[str, float]) -> list[str]:
    """Names from the highest score to the lowest, ties broken by name."""
    return sorted(scores, key=lambda n: (-scores[n], n))


def kendall_tau(a: Mapping[str, float], b: Mapping[str, float]) -> float | None:
    """Kendall's tau-b between two score tables on their common names (None if < 2)."""
    names = sorted(set(a) & set(b))
    if len(names) < 2:
        return None
    xs = np.array([a[n] for n in names], dtype=float)
    ys = np.array([b[n] for n in names], dtype=float)
    concordant = discordant = ties_a = ties_b = 0
    count = len(names)
    for start in range(0, count - 1, _TAU_ROWS):  # a block of rows of pairs: bounded memory
        rows = np.arange(start, min(start + _TAU_ROWS, count - 1))[:, None]
        later = np.arange(start + 1, count) > rows  # each pair once: i < j
        da = xs[rows] - xs[start + 1 :]
        db = ys[rows] - ys[start + 1 :]
        zero_a, zero_b = da == 0, db == 0
        ties_a += int(np.count_nonzero(zero_a & ~zero_b & later))
        ties_b += int(np.count_nonzero(zero_b & ~zero_a & later))
        untied = ~zero_a & ~zero_b & later
        same = np.count_nonzero(untied & ((da > 0) == (db > 0)))
        concordant += int(same)
        discordant += int(np.count_nonzero(untied)) - int(same)
    denominator = math.sqrt((concordant + discordant + ties_a) * (concordant + discordant + ties_b))
    return (concordant - discordant) / denominator if denominator else None


_TAU_ROWS = 64
"""Rows of pairs `kendall_tau` counts at once: 64 x a cast of 10,000 is a few MB, and a
play of 865 characters takes 14 blocks where a row at a time took 864 rounds of numpy."""
