"""Two drafts or two versions of a story side by side: who gained or lost what.

`compare(a, b)` takes two Analyses and returns plain data:

- `roles`: each role's holder in both, with the holder's probability where a fitted
  model decides the role (`a_probability`, `b_probability`; None otherwise);
- `scenes`: the scenes added, cut, moved and revised (`scenediff`);
- `characters`: per character, the absolute figures of both versions (cues, words,
  scenes present, estimated seconds on screen or stage) with their differences, and
  every role's standing in each: the probability where a model gives one, else the
  score as a share of the leader's (`standing` says which);
- `changes`: a sentence for every role that changed hands and for the scenes;
  `summary`: one line on who holds the story in each version, who gained and who
  lost standing, and who took the spotlight.

Characters are matched by canonical name or any alias, so a character renamed
between drafts is still one row when an alias carries over.
"""

from __future__ import annotations

from typing import Any

from whosestory.analysis import Analysis
from whosestory.ranking import share_of_top
from whosestory.roles import FITTED, MAIN_CHARACTER, ROLES, SPOTLIGHT, phrase
from whosestory.scenediff import SceneChange, scene_changes
from whosestory.wording import counted, percent, probability

_KEYS = ("cues", "words", "scenes_present", "screen_time")
MIN_SHIFT = 0.05
"""A change in a role's standing too small to call a gain or a loss."""


def _standings(analysis: Analysis) -> dict[str, dict[str, float]]:
    """Role -> character -> probability (fitted roles) or share of the leader's score."""
    names = [c.name for c in analysis.story.cast if not c.group]
    found = {}
    for role in ROLES:
        chances = analysis.roles[role].probabilities
        if chances is not None:
            found[role] = {n: float(chances.get(n, 0.0)) for n in names}
        else:
            found[role] = share_of_top({n: analysis.scores[role].get(n, 0.0) for n in names})
    return found


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


def _roles(a: Analysis, b: Analysis) -> tuple[dict[str, Any], list[str]]:
    roles: dict[str, Any] = {}
    changes = []
    for role in ROLES:
        va, vb = a.roles[role], b.roles[role]
        roles[role] = {
            "a": va.character,
            "b": vb.character,
            "a_probability": _chance(va.probabilities, va.character),
            "b_probability": _chance(vb.probabilities, vb.character),
        }
        if va.character != vb.character:
            changes.append(f"The {phrase(role)} passes from {va.character} to {vb.character}.")
    return roles, changes


def _chance(chances: Any, name: str | None) -> float | None:
    if chances is None or name is None:
        return None
    return round(float(chances.get(name, 0.0)), 4)


def _rows(a: Analysis, b: Analysis) -> list[dict[str, Any]]:
    standing_a, standing_b = _standings(a), _standings(b)
    rows = []
    for name_a, name_b in _match(a, b):
        row: dict[str, Any] = {"a": name_a, "b": name_b}
        for key in _KEYS:
            value_a = a.tables[key].get(name_a, 0.0) if name_a else 0.0
            value_b = b.tables[key].get(name_b, 0.0) if name_b else 0.0
            row[key] = {"a": value_a, "b": value_b, "change": round(value_b - value_a, 2)}
        for role in ROLES:
            value_a = standing_a[role].get(name_a, 0.0) if name_a else 0.0
            value_b = standing_b[role].get(name_b, 0.0) if name_b else 0.0
            row[role] = {
                "a": round(value_a, 4),
                "b": round(value_b, 4),
                "change": round(value_b - value_a, 4),
            }
        rows.append(row)
    rows.sort(
        key=lambda r: (-max(r["scenes_present"]["a"], r["scenes_present"]["b"]), r["b"] or "")
    )
    return rows


def _scene_sentences(found: list[SceneChange]) -> list[str]:
    sentences = []
    for change, where in (("added", "b"), ("cut", "a"), ("moved", "b"), ("revised", "b")):
        scenes = [c for c in found if c.change == change]
        if not scenes:
            continue
        shown = ", ".join(f"{getattr(c, where) + 1} ({c.heading})" for c in scenes[:4])
        more = f" and {counted(len(scenes) - 4, 'more')}" if len(scenes) > 4 else ""
        sentences.append(
            f"{counted(len(scenes), 'scene')} {change}: {shown}{more}."
            if len(scenes) > 1
            else f"1 scene {change}: {shown}."
        )
    return sentences


def _story(value: float) -> str:
    """A standing on the story: a probability when a model decides it, else a share."""
    return probability(value) if MAIN_CHARACTER in FITTED else percent(value)


def summary(roles: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    """One line: who holds the story in each version, who gained and who lost standing,
    and who took the spotlight."""
    story = roles[MAIN_CHARACTER]

    def standing(side: str) -> str:
        chance = story[f"{side}_probability"]
        return "" if chance is None else f" {_story(chance)}"

    if story["a"] != story["b"]:
        parts = [
            f"{story['b']} takes the story from {story['a']} (probability of {story['b']} "
            f"in A and B: {_row_pair(rows, story['b'])})"
        ]
    else:
        parts = [f"{story['b']} keeps the story ({standing('a').strip()} to{standing('b')})"]
    gained = max(rows, key=lambda r: r[MAIN_CHARACTER]["change"], default=None)
    lost = min(rows, key=lambda r: r[MAIN_CHARACTER]["change"], default=None)
    for row, verb in ((gained, "gains"), (lost, "loses")):
        change = row[MAIN_CHARACTER]["change"] if row else 0.0
        name = row["b"] or row["a"] if row else None
        if row and abs(change) >= MIN_SHIFT and name not in (story["a"], story["b"]):
            parts.append(
                f"{name} {verb} ({_story(row[MAIN_CHARACTER]['a'])} to "
                f"{_story(row[MAIN_CHARACTER]['b'])})"
            )
    spot = roles[SPOTLIGHT]
    if spot["a"] != spot["b"]:
        parts.append(f"{spot['b']} takes the spotlight from {spot['a']}")
    return "; ".join(parts) + "."


def _row_pair(rows: list[dict[str, Any]], name: str | None) -> str:
    row = next((r for r in rows if name in (r["a"], r["b"])), None)
    if row is None:
        return "-"
    return f"{_story(row[MAIN_CHARACTER]['a'])} to {_story(row[MAIN_CHARACTER]['b'])}"


def compare(a: Analysis, b: Analysis) -> dict[str, Any]:
    """Roles, scenes and per-character figures of two versions, with what changed."""
    roles, changes = _roles(a, b)
    changes = changes or ["Every role stays with the same character."]
    found = scene_changes(a.story, b.story)
    changes += _scene_sentences(found)
    rows = _rows(a, b)
    return {
        "a": {"title": a.story.title, "source": a.story.source, "scenes": len(a.story.scenes)},
        "b": {"title": b.story.title, "source": b.story.source, "scenes": len(b.story.scenes)},
        "roles": roles,
        "standing": {
            role: "probability" if role in FITTED else "share of the leader's score"
            for role in ROLES
        },
        "scenes": [
            {
                "change": c.change,
                "a": None if c.a is None else c.a + 1,
                "b": None if c.b is None else c.b + 1,
                "heading": c.heading,
            }
            for c in found
        ],
        "changes": changes,
        "summary": summary(roles, rows),
        "characters": rows,
    }
