"""whosestory: whose story is it? Spotlight, protagonist, main and impact character.

    >>> import whosestory
    >>> story = whosestory.load("examples/the-keeper.fountain")
    >>> analysis = whosestory.analyze(story)

The pipeline runs one way: reader -> Script -> `build_story` -> Story -> measures
-> Analysis (every verdict finished: ranking, figures, case) -> `report_view` -> renderer.
Each role is declared once, as a `Role` in `whosestory.roles.REGISTRY`; each measure
once, as a `Measure` in `whosestory.measure_registry.MEASURES`.
"""

from __future__ import annotations

from pathlib import Path

from whosestory.aliases import AliasRules, load_alias_file
from whosestory.analysis import Analysis, CharacterFigures, analyze
from whosestory.build import build_story
from whosestory.errors import (
    AliasFileError,
    InputError,
    ParseError,
    UnsafeXMLError,
    WhosestoryError,
)
from whosestory.measure_registry import Measure
from whosestory.model import (
    Alias,
    Character,
    Diagnostic,
    Element,
    Kind,
    Mention,
    Scene,
    Script,
    Span,
    Story,
)
from whosestory.readers import read_script
from whosestory.report.view import report_view
from whosestory.roles import Role
from whosestory.verdict import Case, Quote, Ranked, Verdict

__all__ = [
    "Alias",
    "AliasFileError",
    "AliasRules",
    "Analysis",
    "Case",
    "Character",
    "CharacterFigures",
    "Diagnostic",
    "Element",
    "InputError",
    "Kind",
    "Measure",
    "Mention",
    "ParseError",
    "Quote",
    "Ranked",
    "Role",
    "Scene",
    "Script",
    "Span",
    "Story",
    "UnsafeXMLError",
    "Verdict",
    "WhosestoryError",
    "analyze",
    "build_story",
    "load",
    "load_alias_file",
    "read_script",
    "report_view",
]

__version__ = "0.1.0"


def load(
    path: str | Path, fmt: str | None = None, aliases: str | Path | AliasRules | None = None
) -> Story:
    """Read a screenplay or play file into a Story.

    `fmt` forces a reader (``fountain``, ``text``, ``fdx``, ``pdf``, ``tei``);
    by default the content and extension decide. `aliases` is an alias file
    (TOML or YAML) or rules that force or forbid merges of character names.
    """
    rules = load_alias_file(aliases) if isinstance(aliases, (str, Path)) else aliases
    return build_story(read_script(path, fmt), rules)
