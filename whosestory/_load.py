"""The public one-call entry points, held to the same budgets as the command line.

`load` (a file to a Story), `read_script` (a file to a Script) and `analyze` (a Story
to an Analysis) each run in a worker process the operating system holds to the time
and memory budget (`whosestory.worker.run_bounded`), and the readers count pages,
scenes, speakers, decompressed bytes and PDF text operators. The limits are those of
`limits=`, else those put in force with ``whosestory.budget.using``, else the defaults
and the ``WHOSESTORY_LIMIT_*`` variables (see `whosestory.budget`). Over a budget is a
`BudgetError`, an `InputError` whose one sentence names the limit and how to raise it.
``Limits(seconds=0, memory_mb=0)`` runs the work in the calling process, held to the
counted limits only; so does a call made inside a worker.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from whosestory.aliases import AliasRules, load_alias_file
from whosestory.budget import Limits
from whosestory.build import build_story
from whosestory.model import Script, Story
from whosestory.readers import read_script as _read_script
from whosestory.worker import run_bounded

if TYPE_CHECKING:
    from whosestory.analysis import Analysis
    from whosestory.rolemodel import RoleModel


def _read_and_build(path: str | Path, fmt: str | None, rules: AliasRules | None) -> Story:
    return build_story(_read_script(path, fmt), rules)


def load(
    path: str | Path,
    fmt: str | None = None,
    aliases: str | Path | AliasRules | None = None,
    *,
    limits: Limits | None = None,
) -> Story:
    """Read a screenplay or play file into a Story, within `limits` (see the module).

    `fmt` forces a reader (``fountain``, ``text``, ``fdx``, ``pdf``, ``tei``);
    by default the content and extension decide. `aliases` is an alias file
    (TOML or YAML) or rules that force or forbid merges of character names.
    """
    rules = load_alias_file(aliases) if isinstance(aliases, (str, Path)) else aliases
    return run_bounded(_read_and_build, (path, fmt, rules), limits, str(path))


def read_script(
    path: str | Path, fmt: str | None = None, *, limits: Limits | None = None
) -> Script:
    """Read one file into a Script (before characters are merged), within `limits`."""
    return run_bounded(_read_script, (path, fmt), limits, str(path))


def analyze(
    story: Story,
    models: Mapping[str, RoleModel] | None = None,
    *,
    limits: Limits | None = None,
) -> Analysis:
    """Compute every measure, decide every role and gather the chart data, within `limits`.

    `models` overrides the shipped role models (role -> model, see `whosestory fit`).
    """
    from whosestory.analysis import analyze as analyze_here

    return run_bounded(analyze_here, (story, models), limits, story.source or story.title)
