"""Shared test fixtures: paths to the project's own stories."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "stories"
EXAMPLE = ROOT / "examples" / "the-keeper.fountain"


@pytest.fixture
def example() -> Path:
    return EXAMPLE
