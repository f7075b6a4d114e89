"""Plain words for the report views, shared by the Markdown and HTML renderers.

Everything here reads the plain view dict and returns plain (unescaped) strings
or lists; each renderer escapes for its own format. Optional keys that the view
may grow (``divergence``, ``frame``, ``evidence``, quotes and counter-evidence
in a verdict) are read defensively: a missing or unexpected shape is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

ROLE_LABELS = {
    "spotlight": "Spotlight",
    "protagonist": "Protagonist",
    "main_character": "Main character",
    "impact_character": "Impact character",
}
ROLE_QUESTIONS = {
    "spotlight": "Whom do we see and hear most?",
    "protagonist": "Whom does the plot follow?",
    "main_character": "Whose story is it?",
    "impact_character": "Who presses the main character to change?",
}
MEASURE_LABELS = {
    "scenes_present": "scenes present",
    "scenes_speaking": "scenes speaking",
    "screen_time": "screen time (s)",
    "screen_share": "screen share",
    "passive_presence": "talked about while absent",
    "subject": "subject of actions",
    "object": "object of actions",
    "scene_openers": "opens scenes",
    "exchange_openers": "opens exchanges",
}
_SUPPORT_KEYS = ("quotes", "evidence_quotes", "for", "support")
_COUNTER_KEYS = ("counter_evidence", "counter", "against")
_KNOWN_KEYS = {"character", "runner_up", "margin", "close_call", "ranking", "evidence"}


def role_label(role: str) -> str:
    """The display name of a role (unknown roles: the key in words)."""
    return ROLE_LABELS.get(role, role.replace("_", " ").capitalize())


def measure_label(key: str) -> str:
    """A measure key in words: ``copresence_weighted_degree`` -> ``co-presence weighted degree``."""
    return MEASURE_LABELS.get(key, key.replace("copresence", "co-presence").replace("_", " "))


def number(value: Any) -> str:
    """A figure for reading: integers as they are, other numbers to three significant digits."""
    if isinstance(value, bool) or value is None:
        return "-" if value is None else str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def roles(view: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """(role, verdict) for every role that has a character, in the view's order."""
    found = view.get("roles") or {}
    return [(r, v) for r, v in found.items() if isinstance(v, Mapping) and v.get("character")]


def score_of(verdict: Mapping[str, Any], name: str | None) -> float | None:
    """A character's score in a verdict's ranking, if it is listed."""
    for entry in verdict.get("ranking") or ():
        if isinstance(entry, Mapping) and entry.get("name") == name:
            return entry.get("score")
    return None


def verdict_reason(verdict: Mapping[str, Any]) -> str:
    """Why, in a clause: ahead of whom, by how much, and whether it is a close call."""
    runner = verdict.get("runner_up")
    if not runner:
        return "unopposed"
    winner_score = score_of(verdict, verdict.get("character"))
    runner_score = score_of(verdict, runner)
    scores = ""
    if winner_score is not None and runner_score is not None:
        scores = f" (score {winner_score:.2f} against {runner_score:.2f})"
    close = "; a close call" if verdict.get("close_call") else ""
    return f"ahead of {runner}{scores}{close}"


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, Mapping):
        for key in ("sentence", "text", "summary", "description"):
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key].strip()
    return None


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def divergence(view: Mapping[str, Any]) -> tuple[str, bool] | None:
    """The sentence on where the roles part (True), or that they agree (False).

    The view's own ``divergence`` wins; otherwise the sentence is derived from
    which characters hold the roles. None when fewer than two roles are decided.
    """
    given = _text(view.get("divergence"))
    held = roles(view)
    by_character: dict[str, list[str]] = {}
    for role, verdict in held:
        by_character.setdefault(verdict["character"], []).append(role_label(role).lower())
    if given:
        return given, len(by_character) > 1 or not held
    if len(held) < 2:
        return None
    if len(by_character) == 1:
        (name,) = by_character
        return f"Every role goes to {name}: {_join(by_character[name])} agree.", False
    parts = [
        f"the {_join(labels)} {'go' if len(labels) > 1 else 'goes'} to {name}"
        for name, labels in by_character.items()
    ]
    return "The roles part: " + "; ".join(parts) + ".", True


def frame_sentence(view: Mapping[str, Any]) -> str | None:
    """What the view says about the story's frame (narration, a recurring outer layer)."""
    frame = view.get("frame")
    if isinstance(frame, str):
        return _text(frame)
    if not isinstance(frame, Mapping):
        return None
    text = _text(frame)
    if text:
        return text
    owner = frame.get("owner") or frame.get("character")
    scenes = frame.get("scenes") or ()
    how = [h for h in frame.get("how") or () if isinstance(h, str)]
    found = f", found by {'; '.join(how)}" if how else ""
    if owner:
        count = f" ({len(scenes)} frame scenes{found})" if scenes else ""
        return f"The story is framed by {owner}{count}."
    return f"{len(scenes)} scenes form a frame around the story." if scenes else None


def _is_quote(item: Mapping[str, Any]) -> bool:
    if isinstance(item.get("quote"), str):
        return True
    return isinstance(item.get("text"), str) and ("scene" in item or "line" in item)


def _quote(item: Mapping[str, Any]) -> dict[str, Any] | None:
    quote = item.get("quote") or item.get("text")
    if not isinstance(quote, str) or not quote.strip():
        return None
    return {
        "quote": " ".join(quote.split()),
        "scene": item.get("scene"),
        "line": item.get("line"),
        "heading": item.get("heading"),
        "signal": item.get("signal") or item.get("kind") or item.get("measure"),
        "character": item.get("character"),
    }


def _collect(values: Iterable[Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Sentences (strings, or dicts with a sentence) and quotes (dicts with a quote)."""
    sentences: list[str] = []
    quotes: list[dict[str, Any]] = []
    pending = list(values)
    while pending:
        item = pending.pop(0)
        if isinstance(item, list):
            pending[:0] = item
        elif isinstance(item, str) and item.strip():
            sentences.append(" ".join(item.split()))
        elif isinstance(item, Mapping) and _is_quote(item):
            quote = _quote(item)
            if quote:
                quotes.append(quote)
        elif isinstance(item, Mapping):
            text = _text(item)
            if text:
                sentences.append(text)
            pending[:0] = [item[k] for k in ("quotes", "evidence") if isinstance(item.get(k), list)]
    return sentences, quotes


def role_evidence(
    view: Mapping[str, Any], role: str, verdict: Mapping[str, Any]
) -> dict[str, tuple[list[str], list[dict[str, Any]]]]:
    """For and against a verdict: (sentences, quotes) each, from it or ``view["evidence"]``."""
    evidence = view.get("evidence")
    extra = evidence.get(role) if isinstance(evidence, Mapping) else None
    support: list[Any] = [verdict[k] for k in _SUPPORT_KEYS if verdict.get(k)]
    counter: list[Any] = [verdict[k] for k in _COUNTER_KEYS if verdict.get(k)]
    if isinstance(extra, list):
        support.append(extra)
    elif isinstance(extra, Mapping):
        support += [extra[k] for k in _SUPPORT_KEYS if extra.get(k)]
        counter += [extra[k] for k in _COUNTER_KEYS if extra.get(k)]
    return {"for": _collect(support), "against": _collect(counter)}


def notes(verdict: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Other sentences a verdict carries (e.g. what would change a close call), labelled."""
    skip = _KNOWN_KEYS | set(_SUPPORT_KEYS) | set(_COUNTER_KEYS)
    return [
        (key.replace("_", " ").capitalize(), value.strip())
        for key, value in verdict.items()
        if key not in skip and isinstance(value, str) and value.strip()
    ]


def where(quote: Mapping[str, Any]) -> str:
    """Where a quote comes from: scene, heading and line, as far as known."""
    parts = []
    if quote.get("scene") is not None:
        parts.append(f"scene {quote['scene']}")
    if quote.get("heading"):
        parts.append(str(quote["heading"]))
    if quote.get("line") is not None:
        parts.append(f"line {quote['line']}")
    if quote.get("signal"):
        parts.append(str(quote["signal"]).replace("_", " "))
    return ", ".join(parts)


def individuals(view: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The non-group characters of the view, in its order (most present first)."""
    return [c for c in view.get("characters", ()) if not c.get("group")]


def measure_keys(characters: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every measure key the characters carry, in first-seen order."""
    keys: dict[str, None] = {}
    for character in characters:
        keys.update(dict.fromkeys(character.get("measures") or {}))
    return list(keys)
