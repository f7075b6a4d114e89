"""whosestory: whose story is it? Spotlight, protagonist, main and impact character.

    >>> import whosestory
    >>> story = whosestory.load("examples/the-keeper.fountain")
    >>> analysis = whosestory.analyze(story)

The pipeline runs one way: reader -> Script -> `build_story` -> Story -> measures
-> Analysis (every verdict finished: ranking, figures, case) -> `report_view` -> renderer.
Each role is declared once, as a `Role` in `whosestory.roles.REGISTRY`; each measure
once, as a `Measure` in `whosestory.measure_registry.MEASURES`.

`load`, `read_script` and `analyze` are held to the same budgets as the command line
(time and memory in a worker process; pages, scenes, speakers, decompressed bytes):
pass ``limits=whosestory.Limits(...)``; over a budget raises `BudgetError`.
"""

import typing as _typing

from whosestory._lazy import exports as _exports

_EXPORTS = {
    "Alias": "whosestory.model",
    "AliasFileError": "whosestory.errors",
    "AliasRules": "whosestory.aliases",
    "Analysis": "whosestory.analysis",
    "BudgetError": "whosestory.errors",
    "Case": "whosestory.verdict",
    "Character": "whosestory.model",
    "CharacterFigures": "whosestory.analysis",
    "Diagnostic": "whosestory.model",
    "Element": "whosestory.model",
    "InputError": "whosestory.errors",
    "Kind": "whosestory.model",
    "Limits": "whosestory.budget",
    "Measure": "whosestory.measure_registry",
    "Mention": "whosestory.model",
    "ParseError": "whosestory.errors",
    "Quote": "whosestory.verdict",
    "Ranked": "whosestory.verdict",
    "Role": "whosestory.roles",
    "Scene": "whosestory.model",
    "Script": "whosestory.model",
    "Span": "whosestory.model",
    "Story": "whosestory.model",
    "UnsafeXMLError": "whosestory.errors",
    "Verdict": "whosestory.verdict",
    "WhosestoryError": "whosestory.errors",
    "analyze": "whosestory._load",
    "build_story": "whosestory.build",
    "load": "whosestory._load",
    "load_alias_file": "whosestory.aliases",
    "read_script": "whosestory._load",
    "report_view": "whosestory.report.view",
}
"""Each public name and the module it lives in: imported when first read (`_lazy`)."""

__all__ = [
    "Alias",
    "AliasFileError",
    "AliasRules",
    "Analysis",
    "BudgetError",
    "Case",
    "Character",
    "CharacterFigures",
    "Diagnostic",
    "Element",
    "InputError",
    "Kind",
    "Limits",
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
"""The whole public namespace (a test checks it against `_EXPORTS` and `dir()`)."""

__version__ = "0.1.0"
__getattr__, __dir__ = _exports(__name__, _EXPORTS)


if _typing.TYPE_CHECKING:  # what type checkers and editors see; nothing is imported at run time
    from whosestory._load import analyze, load, read_script
    from whosestory.aliases import AliasRules, load_alias_file
    from whosestory.analysis import Analysis, CharacterFigures
    from whosestory.budget import Limits
    from whosestory.build import build_story
    from whosestory.errors import (
        AliasFileError,
        BudgetError,
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
    from whosestory.report.view import report_view
    from whosestory.roles import Role
    from whosestory.verdict import Case, Quote, Ranked, Verdict
