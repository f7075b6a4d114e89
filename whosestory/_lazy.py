"""Lazy exports for a package's `__init__`: a name's module is imported on first use.

    __getattr__, __dir__ = exports(__name__, {"analyze": "whosestory.analysis", ...})

A package whose `__init__` imports everything makes every command pay for every
feature (numpy, the readers, the report renderers) before it starts; with this, a
name costs its import only when a caller first reads it (PEP 562). `__dir__` lists
the exported names, which are the package's `__all__`.
"""

from __future__ import annotations

import importlib
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
