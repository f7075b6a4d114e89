"""Two drafts or two versions of a story side by side: who gained or lost what.

`compare(a, b)` takes two Analyses and returns plain data: each role's holder in
both, a sentence for every role that changed hands, and per character every
role's score (as a share of the leader's) and the key counts in each version
with their differences. Characters are matched by canonical name or any
alias, so a character renamed between drafts is still one row when an alias
carries over.
"""

from __future__ import annotations

from typing import Any

from whosestory.analysis import Analysis
from whosestory.ranking import share_of_top
from whosestory.roles import MAIN_CHARACTER, ROLES, SPOTLIGHT, phrase

_KEYS = ("cues", "words", "scenes_present", "screen_time")


def _scores(analysis: Analysis) -> dict[str, dict[str, float]]:
    names = [c.name for c in analysis.story.cast if not c.group]
    return {
        role: share_of_top({n: analysis.scores[role].get(n, 0.0) for n in names}) for role in ROLES
    }


def _match(analysis_a: Analysis, analysis_b: Analysis) -> list[tuple[str | None, str | None]]:
    """Pairs of character names, A's and B's, matched by name or alias; unmatched get None."""
    b_by_name: dict[str, str] = {}
    for character in analysis_b.story.cast:
        if not character.group:
            for name in character.names():
                b_by_name.setdefault(name.upper(), character.name)
    pairs: list[tuple[str | None, str | None]] = []
    used: set[str] = set()
    for character in analysis_a.story.cast:
        if character.group:
            continue
        found = next(
            (b_by_name[n.upper()] for n in character.names() if n.upper() in b_by_name), None
        )
        if found in used:
            found = None
        if found:
            used.add(found)
        pairs.append((character.name, found))
    pairs += [(None, c.name) for c in analysis_b.story.cast if not c.group and c.name not in used]
    return pairs


def compare(a: Analysis, b: Analysis) -> dict[str, Any]:
    """Roles and per-character figures of two versions, with what changed."""
    scores_a, scores_b = _scores(a), _scores(b)
    roles = {}
    changes = []
    for role in ROLES:
        holder_a, holder_b = a.roles[role].character, b.roles[role].character
        roles[role] = {"a": holder_a, "b": holder_b}
        if holder_a != holder_b:
            changes.append(f"The {phrase(role)} passes from {holder_a} to {holder_b}.")
    rows = []
    for name_a, name_b in _match(a, b):
        row: dict[str, Any] = {"a": name_a, "b": name_b}
        for key in _KEYS:
            value_a = a.tables[key].get(name_a, 0.0) if name_a else 0.0
            value_b = b.tables[key].get(name_b, 0.0) if name_b else 0.0
            row[key] = {"a": value_a, "b": value_b, "change": round(value_b - value_a, 2)}
        for role, table in scores_a.items():
            value_a = table.get(name_a, 0.0) if name_a else 0.0
            value_b = scores_b[role].get(name_b, 0.0) if name_b else 0.0
            row[role] = {
                "a": round(value_a, 4),
                "b": round(value_b, 4),
                "change": round(value_b - value_a, 4),
            }
        rows.append(row)
    rows.sort(key=lambda r: -max(r[SPOTLIGHT]["a"], r[SPOTLIGHT]["b"]))
    gained = max(rows, key=lambda r: r[MAIN_CHARACTER]["change"], default=None)
    lost = min(rows, key=lambda r: r[MAIN_CHARACTER]["change"], default=None)
    if gained and gained[MAIN_CHARACTER]["change"] > 0.05:
        changes.append(
            f"{gained['b']} gains most of the story ({gained[MAIN_CHARACTER]['change']:+.2f})."
        )
    if lost and lost[MAIN_CHARACTER]["change"] < -0.05:
        changes.append(
            f"{lost['a']} loses most of the story ({lost[MAIN_CHARACTER]['change']:+.2f})."
        )
    return {
        "a": {"title": a.story.title, "source": a.story.source, "scenes": len(a.story.scenes)},
        "b": {"title": b.story.title, "source": b.story.source, "scenes": len(b.story.scenes)},
        "roles": roles,
        "changes": changes or ["Every role stays with the same character."],
        "characters": rows,
    }
