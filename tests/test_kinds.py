"""`whosestory.kinds`: every member of `Kind` under its own name."""

from __future__ import annotations

from whosestory import kinds
from whosestory.model import Kind


def test_each_kind_is_its_member_under_its_name() -> None:
    for member in Kind:
        assert getattr(kinds, member.name) is member
