"""Rows: one Analysis -> one plain dict, and the worker function that makes them.

Pure Python on purpose: workers import this module and never pandas, so a worker
holds one Story at a time and sends back only small dicts. `story_row` and
`character_rows` are pure functions of an Analysis, which is why the local and
the dask engine give the same table.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from typing import Any

from whosestory.analysis import Analysis
from whosestory.measure_registry import BY_NAME as MEASURES_BY_NAME
from whosestory.model import Story
from whosestory.roles import MAIN_CHARACTER, ROLES, SPOTLIGHT
from whosestory.verdict import Verdict

ROLE_FIELDS: dict[str, str] = {
    "": "string",
    "_score": "Float64",
    "_probability": "Float64",
    "_margin": "Float64",
    "_close_call": "boolean",
}
"""The columns of each declared role; `_probability` is null until the role's scorer is a
fitted model."""

HEAD_COLUMNS: dict[str, str] = {
    "file": "string",
    "title": "string",
    "format": "string",
    "scenes": "Int64",
    "characters": "Int64",
}
TAIL_COLUMNS: dict[str, str] = {
    "main_differs_from_spotlight": "boolean",
    "frame_owner": "string",
    "thin_read": "boolean",
    "seconds": "Float64",
    "error": "string",
}
HIDDEN_COLUMNS: dict[str, str] = {"_pid": "Int64", "_peak_rss_mb": "Float64", "_retry": "boolean"}
"""Worker process id and its peak resident memory, and whether the error came from outside
the file (a worker that died: ``--resume`` retries it): kept in the parts, left out of outputs."""

CHARACTER_MEASURES = (
    "cues",
    "words",
    "scenes_speaking",
    "scenes_present",
    "screen_time",
    "screen_share",
    "passive_presence",
    "agency",
    "scene_openers",
    "copresence_weighted_degree",
    "copresence_betweenness",
    "copresence_eigenvector",
    "conversation_weighted_degree",
)
"""The per-character measures copied from `Analysis.tables`, when the analysis has them; their
column types follow the measure registry (integer -> Int64, number -> Float64)."""
_DTYPES = {"integer": "Int64", "number": "Float64"}


def ordered_roles(roles: set[str] | list[str] | tuple[str, ...]) -> list[str]:
    """Role names in column order: the known roles first, then any others, sorted."""
    known = [r for r in ROLES if r in roles]
    return known + sorted(set(roles) - set(ROLES))


def story_columns(roles: set[str] | list[str] | tuple[str, ...]) -> dict[str, str]:
    """Column name -> pandas dtype of the story table, for these roles."""
    columns = dict(HEAD_COLUMNS)
    for role in ordered_roles(roles):
        columns.update({f"{role}{suffix}": dtype for suffix, dtype in ROLE_FIELDS.items()})
    columns.update(TAIL_COLUMNS)
    return columns


def character_columns() -> dict[str, str]:
    """Column name -> pandas dtype of the per-character table."""
    columns = {"file": "string", "character": "string", "tier": "string", "group": "boolean"}
    columns.update({m: _DTYPES[MEASURES_BY_NAME[m].type] for m in CHARACTER_MEASURES})
    return columns


def frame_owner(analysis: Analysis) -> str | None:
    """Whose frame the story is told in, if the analysis found one."""
    return analysis.frame.owner


def role_fields(role: str, verdict: Verdict) -> dict[str, Any]:
    """The columns of one role: character, its score and probability, the margin, close call."""
    top = verdict.ranking[0] if verdict.character is not None and verdict.ranking else None
    decided = verdict.character is not None
    return {
        role: verdict.character,
        f"{role}_score": None if top is None else float(top.score),
        f"{role}_probability": None if top is None else top.probability,
        f"{role}_margin": float(verdict.margin) if decided else None,
        f"{role}_close_call": bool(verdict.close_call) if decided else None,
    }


def story_row(analysis: Analysis, file: str) -> dict[str, Any]:
    """One row of the story table: a pure function of the analysis (no timing)."""
    story = analysis.story
    row: dict[str, Any] = {
        "file": file,
        "title": story.title,
        "format": story.format,
        "scenes": len(story.scenes),
        "characters": sum(1 for c in story.cast if not c.group),
    }
    for role in ordered_roles(list(analysis.roles)):
        row.update(role_fields(role, analysis.roles[role]))
    main, spot = analysis.roles.get(MAIN_CHARACTER), analysis.roles.get(SPOTLIGHT)
    differs = None
    if main is not None and spot is not None and main.character and spot.character:
        differs = main.character != spot.character
    row["main_differs_from_spotlight"] = differs
    row["frame_owner"] = frame_owner(analysis)
    row["thin_read"] = any(d.code == "thin-read" for d in story.diagnostics)
    row["error"] = None
    return row


def error_row(file: str, reason: str) -> dict[str, Any]:
    """The row of a story that could not be analysed: nulls and the reason."""
    return {"file": file, "error": reason}


def character_rows(analysis: Analysis, file: str) -> list[dict[str, Any]]:
    """One row per character of the story: tier, group flag and the main measures."""
    rows = []
    for character in analysis.story.cast:
        row: dict[str, Any] = {
            "file": file,
            "character": character.name,
            "tier": analysis.tiers.get(character.name),
            "group": bool(character.group),
        }
        for measure in CHARACTER_MEASURES:
            table = analysis.tables.get(measure)
            row[measure] = None if table is None else table.get(character.name, 0)
        rows.append(row)
    return rows


def one_sentence(err: BaseException) -> str:
    """The reason an error row gives: the library's sentence, or the exception named."""
    from whosestory.errors import WhosestoryError

    text = " ".join(str(err).split())
    if isinstance(err, WhosestoryError) and text:
        return text
    return f"internal error ({type(err).__name__}: {text or 'no message'})."


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    On Linux, the kernel's high-water mark of this process's own memory (``VmHWM``):
    `ru_maxrss` of a spawned worker keeps its parent's peak from before the exec,
    which made every worker look as large as the pandas process that started it.
    Elsewhere `ru_maxrss` (KiB on Linux, bytes on macOS).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _table_analysis(story: Story) -> Analysis:
    """What the rows read: the analysis without the statistics and the chart data."""
    from whosestory.analysis import analyze

    return analyze(story, details=False)


def process_file(file: str, with_characters: bool = False) -> tuple[dict[str, Any], list]:
    """Load and analyse one file; never raises. Returns (story row, character rows).

    This is what the workers run: it takes a path and returns plain dicts, so no
    Story crosses a process boundary or outlives the call.
    """
    from whosestory.worker import collector_held

    start = time.perf_counter()
    characters: list[dict[str, Any]] = []
    try:
        with collector_held():  # the story's objects are freed at its end, not collected
            row, characters = _rows(file, with_characters)
    except Exception as err:  # any failure is this file's error row, never the run's
        row = error_row(file, one_sentence(err))
    row["seconds"] = round(time.perf_counter() - start, 4)
    row["_pid"] = os.getpid()
    row["_peak_rss_mb"] = round(peak_rss_mb(), 1)
    return row, characters


def _rows(file: str, with_characters: bool) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The story row and (`with_characters`) the character rows of `file`."""
    from whosestory import load
    from whosestory.worker import run_bounded

    story = load(file)
    # as `whosestory.analyze` does, within the budget: without the report's details
    analysis = run_bounded(_table_analysis, (story,), None, story.source or story.title)
    return story_row(analysis, file), character_rows(analysis, file) if with_characters else []
