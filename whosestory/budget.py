"""Budgets: how much time, memory and input one story may take.

Seven limits, each with a default, a command-line option and an environment variable:

    limit            default   option                    environment
    seconds          120       --limit-seconds           WHOSESTORY_LIMIT_SECONDS
    memory (MB)      1500      --limit-memory-mb         WHOSESTORY_LIMIT_MEMORY_MB
    pages            2000      --limit-pages             WHOSESTORY_LIMIT_PAGES
    scenes           20000     --limit-scenes            WHOSESTORY_LIMIT_SCENES
    speakers         5000      --limit-speakers          WHOSESTORY_LIMIT_SPEAKERS
    decompressed MB  200       --limit-decompressed-mb   WHOSESTORY_LIMIT_DECOMPRESSED_MB
    text operators   300000    --limit-text-operators    WHOSESTORY_LIMIT_TEXT_OPERATORS
                     (in one PDF content stream: pdfium holds a page's text objects at once)

A feature screenplay has about 120 pages, 150 scenes and 80 speakers, and reads in
a few seconds with a few hundred MB; a long play or a season stays far inside these.
0 switches a limit off. Pages, scenes, speakers, decompressed bytes and text operators are counted
by the readers (`check_count`), wherever they run; time and memory are enforced by
the operating system on a worker process (`whosestory.worker.run_bounded`): an
address-space limit (``RLIMIT_AS``) and a kill at the deadline. Every entry point
holds a story to them: the commands, `serve`, `corpus` (an error row) and the Python
API (`whosestory.load`, `read_script`, `analyze`: ``limits=``, or `using` for a block).
Over budget is a `BudgetError` (an `InputError`), one sentence naming the limit and
how to raise it.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator, Mapping
from dataclasses import fields, replace
from typing import Any

from whosestory.errors import BudgetError
from whosestory.model import record


@record
class Limits:
    """The budget of one story; 0 means no limit."""

    seconds: float = 120.0
    memory_mb: float = 1500.0
    pages: int = 2000
    scenes: int = 20_000
    speakers: int = 5000
    decompressed_mb: float = 200.0
    text_operators: int = 300_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, overridden by ``WHOSESTORY_LIMIT_*`` variables that hold numbers."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for item in fields(cls):
            raw = environ.get(env_name(item.name), "").strip()
            if raw:
                try:
                    values[item.name] = _parse(item.name, raw)
                except ValueError:
                    continue  # a malformed variable leaves the default
        return cls(**values)

    def updated(self, **values: float | None) -> Limits:
        """A copy with the values that are not None replaced."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


_WHAT = {
    "seconds": ("time", "s"),
    "memory_mb": ("memory", "MB"),
    "pages": ("pages", ""),
    "scenes": ("scenes", ""),
    "speakers": ("speakers", ""),
    "decompressed_mb": ("decompressed data", "MB"),
    "text_operators": ("text operators", ""),
}
LIMIT_NAMES: tuple[str, ...] = tuple(_WHAT)


def option_name(limit: str) -> str:
    """``memory_mb`` -> ``--limit-memory-mb``."""
    return "--limit-" + limit.replace("_", "-")


def env_name(limit: str) -> str:
    """``memory_mb`` -> ``WHOSESTORY_LIMIT_MEMORY_MB``."""
    return "WHOSESTORY_LIMIT_" + limit.upper()


def _parse(limit: str, raw: str) -> float | int:
    value = float(raw) if limit in ("seconds", "memory_mb", "decompressed_mb") else int(raw)
    if value < 0:
        raise ValueError(f"{limit} must not be negative")
    return value


_CURRENT: contextvars.ContextVar[Limits | None] = contextvars.ContextVar("limits", default=None)


def current() -> Limits:
    """The limits in force: those set by `using`, else the defaults and the environment."""
    limits = _CURRENT.get()
    return limits if limits is not None else Limits.from_env()


@contextlib.contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    """Put `limits` in force for the code inside the block (this thread or task only)."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else f"{value:,}"


def over_budget(source: str, limit: str, found: str, value: float | None = None) -> BudgetError:
    """The one-sentence error for `source` over `limit`.

    `found` leads up to the limit: "it has 3,000 pages, over", "it took longer than".
    """
    value = getattr(current(), limit) if value is None else value
    what, unit = _WHAT[limit]
    amount = f"{_number(value)} {unit}".strip()
    return BudgetError(
        f"{source}: {found} the {what} limit of {amount}; raise it with "
        f"{option_name(limit)} N (or {env_name(limit)}; 0 for no limit).",
        limit=limit,
    )


def check_count(source: str, limit: str, count: float, what: str) -> None:
    """Raise BudgetError when `count` (of `what`, e.g. "pages") is over the limit in force."""
    value = getattr(current(), limit)
    if value and count > value:
        raise over_budget(source, limit, f"it has {_number(count)} {what}, over", value)


_HELP = {
    "seconds": "time for one story in seconds",
    "memory_mb": "memory for one story in MB",
    "pages": "pages of a PDF",
    "scenes": "scenes of a story",
    "speakers": "speakers (distinct cues) of a story",
    "decompressed_mb": "MB a PDF's compressed streams may inflate to",
    "text_operators": "text operators in one PDF content stream",
}


def _option_type(name: str) -> Any:
    def parse(raw: str) -> float | int:
        try:
            return _parse(name, raw)
        except ValueError:
            import argparse  # here: reading a story (`readers` checks its budget) needs none

            raise argparse.ArgumentTypeError(
                f"expected a number of {_HELP[name]}, 0 or more; got {raw!r}"
            ) from None

    return parse


def add_limit_options(parser: Any, defaults: Limits | None = None) -> None:
    """Add ``--limit-seconds`` and the other limits to an argparse parser (0: no limit)."""
    defaults = defaults or Limits()
    for name in LIMIT_NAMES:
        parser.add_argument(
            option_name(name),
            dest=f"limit_{name}",
            metavar="N",
            type=_option_type(name),
            help=f"{_HELP[name]} (default: {_number(getattr(defaults, name))}; 0: no limit)",
        )


def limits_from_args(args: Any, base: Limits | None = None) -> Limits:
    """The limits of `base` (default: the defaults and the environment) with the options given."""
    base = base or Limits.from_env()
    return base.updated(**{name: getattr(args, f"limit_{name}", None) for name in LIMIT_NAMES})
