"""Lazy exports for a package's `__init__`: a name's module is imported on first use; and
`LazyPattern`, a module's regular expression compiled on first use.

    __getattr__, __dir__ = exports(__name__, {"analyze": "whosestory.analysis", ...})

A package whose `__init__` imports everything makes every command pay for every
feature (numpy, the readers, the report renderers) before it starts; with this, a
name costs its import only when a caller first reads it (PEP 562). `__dir__` lists
the exported names, which are the package's `__all__`.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable, Mapping
from typing import Any


def exports(
    package: str, names: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The `__getattr__` and `__dir__` of `package`, which exports each name from its module."""

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)  # the next read skips this function
        return value

    def __dir__() -> list[str]:
        return sorted(names)

    return __getattr__, __dir__


_PATTERN_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "split", "sub", "subn")


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled when first used: for a module-level pattern
    that many runs never use (a play's stage-direction words in a screenplay's analysis),
    whose compiling at import every ``analyze`` would pay.

    Only for a pattern used through its attributes (``ALONE.search(text)``), never handed
    to a function of `re` (``re.sub(PATTERN, ...)``) or tested with ``isinstance``. On first
    use the compiled pattern's methods are bound onto the instance, so a call then costs
    what it costs on the compiled pattern; any other attribute (``flags``, ``groupindex``)
    is the compiled pattern's.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            self._compiled = compiled = re.compile(self.pattern, self._flags)
            for name in _PATTERN_METHODS:
                setattr(self, name, getattr(compiled, name))
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # only for a name not set on the instance
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"
