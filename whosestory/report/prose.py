"""Plain words for the report view, shared by the Markdown and HTML renderers.

Everything here reads the typed report view (`report.types`) by its fixed keys and
returns plain (unescaped) strings or lists; each renderer escapes for its own
format. Role and measure labels come from the registries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from whosestory import measure_registry, roles
from whosestory.report import types
from whosestory.wording import percent, probability


def role_label(role: str) -> str:
    """The display name of a role (an undeclared role: the key in words)."""
    return roles.label(role)


def role_question(role: str) -> str:
    """The question a role answers ("" for an undeclared role)."""
    found = roles.BY_NAME.get(role)
    return found.question if found else ""


def measure_label(key: str) -> str:
    """A measure key in words, from the measure registry."""
    return measure_registry.label(key)


def number(value: Any) -> str:
    """A figure for reading: integers as they are, other numbers to three significant digits."""
    if isinstance(value, bool) or value is None:
        return "-" if value is None else str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def standing(entry: types.Ranked) -> str:
    """A ranked character's standing: its probability when a model gives one, else its score."""
    if entry["probability"] is not None:
        return probability(entry["probability"])
    return number(entry["score"])


def weight(entry: types.Ranked) -> float:
    """What a ranking bar shows: the probability when there is one, else the score."""
    return entry["probability"] if entry["probability"] is not None else entry["score"]


def held(view: types.ReportView) -> list[tuple[str, types.Verdict]]:
    """(role, verdict) for every role that has a character, in the view's order."""
    return [(r, v) for r, v in view["roles"].items() if v["character"]]


def _entry(verdict: types.Verdict, name: str | None) -> types.Ranked | None:
    return next((r for r in verdict["ranking"] if r["name"] == name), None)


def verdict_reason(verdict: types.Verdict, close_call: bool = True) -> str:
    """Why, in a clause with units: how likely against whom, or the runner-up's score as a
    share of the leader's; and (`close_call`) whether it is close."""
    runner = verdict["runner_up"]
    if not runner:
        return "unopposed"
    winner, second = _entry(verdict, verdict["character"]), _entry(verdict, runner)
    close = "; a close call" if close_call and verdict["close_call"] else ""
    if winner is None or second is None:
        return f"ahead of {runner}{close}"
    if winner["probability"] is not None and second["probability"] is not None:
        return (
            f"{probability(winner['probability'])} likely, against "
            f"{probability(second['probability'])} for {runner}{close}"
        )
    share = second["score"] / winner["score"] if winner["score"] else 0.0
    return f"ahead of {runner}, who scores {percent(share)} of the leader's score{close}"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def divergence(view: types.ReportView) -> tuple[str, bool] | None:
    """The sentence on where the roles part (True), or that they agree (False).

    The view's own ``divergence`` wins; otherwise the sentence is derived from
    which characters hold the roles. None when fewer than two roles are decided.
    """
    given = view["divergence"]
    decided = held(view)
    by_character: dict[str, list[str]] = {}
    for role, verdict in decided:
        by_character.setdefault(verdict["character"] or "", []).append(role_label(role).lower())
    if given:
        return given, len(by_character) > 1 or not decided
    if len(decided) < 2:
        return None
    if len(by_character) == 1:
        (name,) = by_character
        return f"Every role goes to {name}: {_join(by_character[name])} agree.", False
    parts = [
        f"the {_join(labels)} {'go' if len(labels) > 1 else 'goes'} to {name}"
        for name, labels in by_character.items()
    ]
    return "The roles part: " + "; ".join(parts) + ".", True


def frame_sentence(view: types.ReportView) -> str | None:
    """What the view says about the story's frame (a recurring outer layer), if it has one."""
    frame = view["frame"]
    if frame is None:
        return None
    found = f", found by {'; '.join(frame['how'])}" if frame["how"] else ""
    count = f" ({len(frame['scenes'])} frame scenes{found})" if frame["scenes"] else ""
    return f"The story is framed by {frame['owner']}{count}."


def case_of(view: types.ReportView, role: str) -> types.Case | None:
    """The case of a role's verdict, if the role is held."""
    return view["evidence"].get(role)


def notes(verdict: types.Verdict) -> list[tuple[str, str]]:
    """Other sentences a verdict carries (what would change a close call), labelled."""
    flip = verdict["what_would_change"]
    return [("What would change", flip)] if flip else []


def where(quote: Mapping[str, Any]) -> str:
    """Where a quote comes from: the play's own act.scene.line when the edition numbers its
    lines (`citation`), else scene, heading (as context) and source line."""
    if quote.get("citation"):
        return str(quote["citation"])
    parts = [f"scene {quote['scene']}"]
    if quote["heading"]:
        parts.append(quote["heading"])
    parts.append(f"line {quote['line']}")
    return ", ".join(parts)


def individuals(view: types.ReportView) -> list[types.Character]:
    """The non-group characters of the view, in its order (most present first)."""
    return [c for c in view["characters"] if not c["group"]]


def measure_keys(characters: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every measure key the characters carry, in first-seen order."""
    keys: dict[str, None] = {}
    for character in characters:
        keys.update(dict.fromkeys(character["measures"]))
    return list(keys)
