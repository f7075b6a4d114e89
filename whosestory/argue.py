"""Put a claim to the tool: "X was Y's story, not Z's" -> the case for and against.

A claim names characters (by any alias) and, optionally, a role:

- "Big Fish is Will's story, not Edward's", "this is Will's story": main character;
- "Edward is the real protagonist", "Edward is the hero": protagonist;
- "Edward has the spotlight": spotlight; "Edward is the impact character": impact.

Names after "not" (or in "not X's") are the rival the claim denies. The answer:
**supported** when the claimed character holds the role (and the denied one
does not; a close call is said so beside it), **contested** when the claimed
character is the runner-up of a close call, **not supported** otherwise.
Unknown names get a message listing the closest characters.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from whosestory.analysis import Analysis
from whosestory.errors import WhosestoryError
from whosestory.report.view import case_view, quote_view
from whosestory.roles import MAIN_CHARACTER, REGISTRY

_CLAIM_ORDER = sorted(REGISTRY, key=lambda r: r.claim_rank)
_POSSESSIVE_RE = re.compile(
    r"(?P<not>\bnot\s+)?(?P<name>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)['’]s?\b"
)
_SUBJECT_RE = re.compile(
    r"(?P<not>\bnot\s+)?(?P<name>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)\s+(?:is|was|has|holds|'s)\s+"
    r"(?:(?:not|really|actually|truly)\s+)?(?:the\s+)?(?:real\s+|true\s+|actual\s+)?"
    r"(?:protagonist|hero|heroine|lead|main character|impact character|spotlight|owner)",
)
_NEGATED_SUBJECT_RE = re.compile(r"\b(?:is|was)\s+not\b|\bisn['’]t\b|\bwasn['’]t\b", re.I)


_NOT_NAMES = frozenset(
    """it its this that these those he she they we you i who whose what which there here
    the a an not everyone everybody nobody someone somebody one""".split()
)


class UnknownCharacterError(WhosestoryError):
    """A claim names someone who is not in the story."""


@dataclass(frozen=True, slots=True)
class Claim:
    """What a claim asserts: who holds a role, and whom it denies."""

    role: str
    claimed: str | None
    denied: str | None
    text: str


def _role_of(text: str) -> str:
    for role in _CLAIM_ORDER:
        if role.claim_words.search(text):
            return role.name
    return MAIN_CHARACTER


def _resolve(analysis: Analysis, written: str) -> str | None:
    """The character a name in a claim refers to, by any alias or any word of one."""
    wanted = written.strip().lower()
    words = set(wanted.split())
    best = None
    for character in analysis.story.cast:
        if character.group:
            continue
        names = [n.lower() for n in character.names()]
        if wanted in names:
            return character.name
        if best is None and any(words & set(n.replace("_", " ").split()) for n in names):
            best = character.name
    return best


def _shorten(name: str, limit: int = 40) -> str:
    """A name cut to `limit` characters for a message (a garbled cue can be any length)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _closest(analysis: Analysis, written: str) -> list[str]:
    names = [c.name for c in analysis.story.cast if not c.group]
    lowered = {n.lower(): n for n in names}
    found = difflib.get_close_matches(written.lower(), list(lowered), n=3, cutoff=0.4)
    return [lowered[f] for f in found] or names[:3]


def parse_claim(analysis: Analysis, text: str) -> Claim:
    """Find the role, the claimed character and the denied one in a claim."""
    role = _role_of(text)
    claimed = denied = None
    unknown: list[str] = []
    found = list(_SUBJECT_RE.finditer(text)) + list(_POSSESSIVE_RE.finditer(text))
    for match in found:
        written = match.group("name")
        if written.split()[0].lower() in _NOT_NAMES:
            written = " ".join(written.split()[1:])
            if not written:
                continue
        who = _resolve(analysis, written)
        if who is None:
            last = written.split()[-1]
            who = _resolve(analysis, last)
        if who is None:
            unknown.append(written)
            continue
        negated = bool(match.group("not")) or (
            match.re is _SUBJECT_RE and bool(_NEGATED_SUBJECT_RE.search(match.group(0)))
        )
        if negated and denied is None:
            denied = who
        elif not negated and claimed is None:
            claimed = who
    if claimed is None and denied is None:
        if unknown:
            name = unknown[0]
            closest = ", ".join(_shorten(n) for n in _closest(analysis, name))
            hint = f"the closest are {closest}" if closest else "it has no named characters"
            raise UnknownCharacterError(
                f"no character called {name!r} in {analysis.story.title}; {hint}."
            )
        raise UnknownCharacterError(
            f"the claim names no character of {analysis.story.title}; write it like "
            "\"this is ANNA's story, not BEN's\"."
        )
    return Claim(role, claimed, denied, text)


def argue(analysis: Analysis, text: str) -> dict[str, Any]:
    """The verdict on a claim, the case for and against, and the figures, as plain data."""
    claim = parse_claim(analysis, text)
    verdict = analysis.roles[claim.role]
    holder = verdict.character
    scores = {r.name: r.score for r in verdict.ranking}
    claimed_wins = claim.claimed is None or claim.claimed == holder
    denied_wins = claim.denied is not None and claim.denied == holder
    if claimed_wins and not denied_wins:
        answer = "supported"
    elif verdict.close_call and claim.claimed is not None and claim.claimed == verdict.runner_up:
        answer = "contested"
    else:
        answer = "not supported"
    case = case_view(verdict.case)
    for_claim, against_claim = (
        (case["for"], case["against"]) if claimed_wins else (case["against"], case["for"])
    )
    return {
        "claim": text,
        "role": claim.role,
        "claimed": claim.claimed,
        "denied": claim.denied,
        "holder": holder,
        "runner_up": verdict.runner_up,
        "verdict": answer,
        "margin": verdict.margin,
        "close_call": verdict.close_call,
        "scores": scores,
        "probabilities": (
            None
            if verdict.probabilities is None
            else {r.name: r.probability for r in verdict.ranking}
        ),
        "case_for": for_claim,
        "case_against": against_claim,
        "quotes": [quote_view(q) for q in verdict.case.quotes] if claimed_wins else [],
        "what_would_change": verdict.case.what_would_change,
        "divergence": analysis.divergence,
    }
