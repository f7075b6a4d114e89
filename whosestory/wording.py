"""Small helpers for the sentences every report writes."""

from __future__ import annotations


def counted(value: float, noun: str, plural: str | None = None) -> str:
    """``1 scene``, ``3 scenes``, ``2.5 minutes``: a figure with its noun, plural unless one."""
    return f"{value:g} {noun if value == 1 else plural or noun + 's'}"
