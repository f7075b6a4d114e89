"""Agency: who acts, and who is acted upon; who opens scenes and exchanges.

A first version from the surface of action lines, where screenplays write in the
present tense (``Anna grabs the rope``, ``The guard shoves him``):

- a character is the **subject** of an action when a mention of it (name or
  resolved pronoun) is followed by a present-tense verb (a lower-case word
  ending in ``s`` that is not a function word), or is the pronoun ``he``/``she``;
- it is the **object** when the mention follows such a verb or a directional
  preposition (``at``, ``to``, ``toward``, ``into``, ``onto``), or is ``him``;
- possessives (``Anna's``, ``his``) and ambiguous ``her`` count as neither.

agency = (subject + 1) / (subject + object + 2), the share of the character's
actions in which it is the agent, with add-one smoothing so that a character
with few mentions sits near 0.5. BookNLP reports the same agent/patient split
from a parser; this is a cheaper, parser-free approximation.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from whosestory.model import Element, Kind, Story

_NOT_VERBS = frozenset(
    """is was has his hers its this thus always perhaps yes less unless across
    towards afterwards sometimes besides pants glasses clothes ones others
    as us its whereas nevertheless""".split()
)
_OBJECT_PREPOSITIONS = frozenset({"at", "to", "toward", "towards", "into", "onto", "upon"})
_WORD_AFTER_RE = re.compile(
    r"\s+(?:(?:just|then|slowly|quickly|suddenly|also|still|finally)\s+)?"
    r"([A-Za-z]+)"
)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\s+$")
_LOOK_BACK = 80
"""How far before a name `_role_of` looks for the word before it: a search from the
start of the paragraph would make a long paragraph of names quadratic."""


@dataclass(frozen=True, slots=True)
class Role:
    """One subject or object use of a character, with where it was found."""

    character: str
    scene: int
    line: int
    subject: bool
    quote: str


def _is_verb(word: str) -> bool:
    return word.islower() and len(word) > 2 and word.endswith("s") and word not in _NOT_VERBS


def _role_of(element: Element, surface: str, offset: int) -> bool | None:
    """True for subject, False for object, None for neither."""
    lower = surface.lower()
    if lower in ("he", "she"):
        return True
    if lower == "him":
        return False
    if lower in ("his", "her", "hers", "herself", "himself"):
        return None
    end = offset + len(surface)
    text = element.text
    if text[end : end + 2] in ("'s", "’s"):
        return None
    after = _WORD_AFTER_RE.match(text, end)
    if after and _is_verb(after.group(1)):
        return True
    before = _WORD_BEFORE_RE.search(text, max(0, offset - _LOOK_BACK), offset)
    if before and (_is_verb(before.group(1)) or before.group(1) in _OBJECT_PREPOSITIONS):
        return False
    return None


def roles(story: Story) -> list[Role]:
    """Every subject and object use of every character in the action lines."""
    elements: dict[tuple[int, int], Element] = {}
    for scene in story.scenes:
        for element in scene.elements:
            if element.kind in (Kind.ACTION, Kind.STAGE):
                elements.setdefault((scene.index, element.line), element)
    found: list[Role] = []
    for mention in story.mentions:
        if mention.via not in ("name", "pronoun") or mention.offset < 0:
            continue
        element = elements.get((mention.scene, mention.line))
        if element is None:
            continue
        role = _role_of(element, mention.text, mention.offset)
        if role is not None:
            quote = element.text[max(0, mention.offset - 30) : mention.offset + 50].strip()
            found.append(Role(mention.character, mention.scene, mention.line, role, quote))
    return found


def subject_counts(story: Story) -> dict[str, tuple[int, int]]:
    """(times subject, times object) of an action, per character."""
    counts: dict[str, list[int]] = {c.name: [0, 0] for c in story.cast}
    for role in roles(story):
        counts.setdefault(role.character, [0, 0])[0 if role.subject else 1] += 1
    return {name: (s, o) for name, (s, o) in counts.items()}


def agency(story: Story, counts: dict[str, tuple[int, int]] | None = None) -> dict[str, float]:
    """Smoothed share of a character's actions in which it is the agent (0..1).

    `counts` is `subject_counts(story)` if the caller already has it.
    """
    counts = counts if counts is not None else subject_counts(story)
    return {name: round((s + 1) / (s + o + 2), 4) for name, (s, o) in counts.items()}


def scene_openers(story: Story) -> dict[str, int]:
    """Scenes in which the character has the first speech."""
    counts: Counter[str] = Counter()
    for scene in story.scenes:
        for speech in scene.speeches():
            if speech.speaker:
                counts[speech.speaker] += 1
                break
    return {c.name: counts.get(c.name, 0) for c in story.cast}


def exchange_openers(story: Story) -> dict[str, int]:
    """Exchanges the character opens: the first speech after action or a scene change."""
    counts: Counter[str] = Counter()
    for scene in story.scenes:
        in_exchange = False
        for element in scene.elements:
            if element.speaker and element.cue is not None:
                if not in_exchange:
                    counts[element.speaker] += 1
                in_exchange = True
            elif element.kind in (Kind.ACTION, Kind.STAGE, Kind.HEADING, Kind.TRANSITION):
                in_exchange = False
    return {c.name: counts.get(c.name, 0) for c in story.cast}
