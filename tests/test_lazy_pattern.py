"""`whosestory._lazy.LazyPattern`: compiled on first use, then the compiled pattern's own."""

from __future__ import annotations

import re

from whosestory._lazy import LazyPattern
from whosestory.measures import soliloquy


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    text = "Enter HAMLET, alone. Exit Ophelia aside; ALONE again."
    for source, flags in ((r"\balone\b", re.IGNORECASE), (r"(?P<who>[A-Z]{3,})", 0)):
        lazy, compiled = LazyPattern(source, flags), re.compile(source, flags)
        assert [m.span() for m in lazy.finditer(text)] == [
            m.span() for m in compiled.finditer(text)
        ]
        assert lazy.findall(text) == compiled.findall(text)
        assert lazy.split(text) == compiled.split(text)
        assert lazy.sub("-", text) == compiled.sub("-", text)
        assert lazy.search(text).group() == compiled.search(text).group()
        assert lazy.match(text) is None and compiled.match(text) is None
        assert lazy.flags == compiled.flags and lazy.groupindex == compiled.groupindex
        assert lazy.pattern == source


def test_a_lazy_pattern_compiles_once_and_only_when_used() -> None:
    lazy = LazyPattern(r"\d+")
    assert lazy._compiled is None
    assert lazy.findall("1 22 333") == ["1", "22", "333"]
    first = lazy.compiled()
    assert lazy.fullmatch("42") and lazy.compiled() is first
    assert lazy.search.__self__ is first  # the compiled pattern's own method, bound once


def test_the_plays_patterns_wait_for_a_play() -> None:
    """A screenplay's analysis never compiles the stage-direction patterns of the plays."""
    assert isinstance(soliloquy.ALONE, LazyPattern)
    assert soliloquy.ALONE.search("Roxane seule.").group() == "seule"
