"""Small helpers for the sentences every report writes."""

from __future__ import annotations


def counted(value: float, noun: str, plural: str | None = None) -> str:
    """``1 scene``, ``3 scenes``, ``2.5 minutes``: a figure with its noun, plural unless one."""
    return f"{value:g} {noun if value == 1 else plural or noun + 's'}"


def percent(share: float) -> str:
    """A share as a percentage, never a bare 0% or 100% for a share that is neither."""
    if 0 < share < 0.005:
        return "under 1%"
    if 0.995 <= share < 1:
        return "over 99%"
    return f"{share:.0%}"


def probability(chance: float) -> str:
    """A fitted probability as a percentage: never 0% or 100%, which a model's softmax
    cannot give (a figure that rounds there is "under 1%" or "over 99%")."""
    return percent(min(max(chance, 1e-9), 1 - 1e-9))


def joined(clauses: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " and " + clauses[-1]


def times(count: float) -> str:
    """``once``, ``twice``, ``3 times``."""
    return {1: "once", 2: "twice"}.get(int(count), counted(count, "time"))
