"""Agency: who acts, and who is acted upon; who opens scenes and exchanges.

A first version from the surface of action lines, where screenplays and stage
directions write in the present tense (``Anna grabs the rope``, ``The guard shoves
him``, ``Anna nimmt den Brief``, ``Elle sort``, ``Он уходит``):

- a character is the **subject** of an action when a mention of it (name or
  resolved pronoun) is followed by a present-tense verb of the story's language
  (a lower-case word with a third-person ending, `closed.AGENCY_VERB_ENDINGS`:
  ``-s`` in English, ``-t`` in German, ``-e``/``-t``/``-d`` in French,
  ``-ет``/``-ит`` ... in Russian, that is neither a stop word of the language nor
  in `closed.AGENCY_NOT_VERBS`), or is a subject pronoun (``he``, ``er``, ``il``,
  ``он`` ...);
- it is the **object** when the mention follows a directional preposition
  (``at``, ``to``, ``zu``, ``vers``, ``к`` ...) or, in English and French, such a
  verb (German and Russian stage directions put the subject after the verb as
  often: "Da kommt Anna", "сидит Нина"), or is an object pronoun (``him``, ``ihn``,
  ``ему`` ...);
- possessives (``Anna's``, ``his``) and other pronouns count as neither.

English keeps its first rules exactly (its own short list of non-verbs, no stop
words). A story in a language without these resources has no subject and object
counts and no agency (`whosestory.language.lexicon_support`).

agency = (subject + 1) / (subject + object + 2), the share of the character's
actions in which it is the agent, with add-one smoothing so that a character
with few mentions sits near 0.5. BookNLP reports the same agent/patient split
from a parser; this is a cheaper, parser-free approximation.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from whosestory import lexicons
from whosestory.kinds import ACTION, HEADING, STAGE, TRANSITION
from whosestory.language import story_language
from whosestory.lexicons import closed
from whosestory.model import Element, Story, record

_LOOK_BACK = 80
"""How far before a name `_role_of` looks for the word before it: a search from the
start of the paragraph would make a long paragraph of names quadratic."""
_WORD_BEFORE_RE = re.compile(r"(?:.*[\W\d_])?([^\W\d_]+)\s+$", re.DOTALL)
r"""The last word of a text that ends in white space, matched from the text's start: ``.*``
runs to the end and steps back to the character before the word, a few steps. The
search it replaces, ``([^\W\d_]+)\s+$``, tried every letter of the look-back as a
start (the same word, in a third of the time on 25,800 mentions' windows)."""


@record
class _Rules:
    """The surface cues of subject and object in one language."""

    language: str
    verb_end: re.Pattern[str]
    not_verbs: frozenset[str]
    word_after: re.Pattern[str]
    prepositions: frozenset[str]
    subjects: frozenset[str]
    objects: frozenset[str]
    neither: frozenset[str]
    object_after_verb: bool

    def is_verb(self, word: str) -> bool:
        return (
            word.islower()
            and len(word) > 2
            and self.verb_end.search(word) is not None
            and word not in self.not_verbs
        )


@cache
def _rules(language: str) -> _Rules | None:
    if language not in closed.AGENCY_VERB_ENDINGS:
        return None
    not_verbs = closed.AGENCY_NOT_VERBS[language]
    if language != "en":
        not_verbs |= lexicons.stop_words(language) or frozenset()
    subjects = closed.SUBJECT_PRONOUNS[language]
    objects = closed.OBJECT_PRONOUNS[language]
    return _Rules(
        language,
        re.compile(rf"(?:{closed.AGENCY_VERB_ENDINGS[language]})$"),
        not_verbs,
        re.compile(rf"\s+(?:(?:{closed.AGENCY_GAP[language]})\s+)?([^\W\d_]+)"),
        closed.OBJECT_PREPOSITIONS[language],
        subjects,
        objects,
        frozenset(closed.GENDERED_PRONOUNS[language]) - subjects - objects,
        closed.OBJECT_AFTER_VERB[language],
    )


@record
class Role:
    """One subject or object use of a character, with where it was found."""

    character: str
    scene: int
    line: int
    subject: bool
    quote: str


def _role_of(text: str, surface: str, offset: int, rules: _Rules) -> bool | None:
    """True for subject, False for object, None for neither, of a name (`surface`, a
    mention that is no pronoun) at `offset` in `text`."""
    end = offset + len(surface)
    if text[end : end + 2] in ("'s", "’s"):
        return None
    after = rules.word_after.match(text, end)
    if after and rules.is_verb(after.group(1)):
        return True
    before = _WORD_BEFORE_RE.match(text, max(0, offset - _LOOK_BACK), offset)
    if before is None:
        return None
    word = before.group(1)
    if word in rules.prepositions or (rules.object_after_verb and rules.is_verb(word)):
        return False
    return None


def roles(story: Story, language: str | None = None) -> list[Role]:
    """Every subject and object use of every character in the action lines.

    In the story's language (`language` when given); empty in one without agency rules.
    """
    rules = _rules(language or story_language(story) or "")
    if rules is None:
        return []
    elements: dict[tuple[int, int], Element] = {}
    for scene in story.scenes:
        for element in scene.elements:
            if element.kind in (ACTION, STAGE):
                elements.setdefault((scene.index, element.line), element)
    found: list[Role] = []
    # a pronoun's role is its own (subject, object or neither): one look-up a pronoun
    pronouns = dict.fromkeys(rules.neither, None)
    pronouns.update(dict.fromkeys(rules.objects, False))
    pronouns.update(dict.fromkeys(rules.subjects, True))
    role: bool | None
    for mention in story.mentions:
        via = mention.via
        if (via != "name" and via != "pronoun") or mention.offset < 0:
            continue
        element = elements.get((mention.scene, mention.line))
        if element is None:
            continue
        lower = mention.text.lower()
        if lower in pronouns:
            role = pronouns[lower]
        else:
            role = _role_of(element.text, mention.text, mention.offset, rules)
        if role is not None:
            quote = element.text[max(0, mention.offset - 30) : mention.offset + 50].strip()
            found.append(Role(mention.character, mention.scene, mention.line, role, quote))
    return found


def subject_counts(story: Story) -> dict[str, tuple[int, int]]:
    """(times subject, times object) of an action, per character.

    Empty for a story in a language without agency rules.
    """
    language = story_language(story)
    if _rules(language or "") is None:
        return {}
    counts: dict[str, list[int]] = {c.name: [0, 0] for c in story.cast}
    for role in roles(story, language):
        counts.setdefault(role.character, [0, 0])[0 if role.subject else 1] += 1
    return {name: (s, o) for name, (s, o) in counts.items()}


def agency(story: Story, counts: dict[str, tuple[int, int]] | None = None) -> dict[str, float]:
    """Smoothed share of a character's actions in which it is the agent (0..1).

    `counts` is `subject_counts(story)` if the caller already has it. Empty for a
    story in a language without agency rules.
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
            elif element.kind in (ACTION, STAGE, HEADING, TRANSITION):
                in_exchange = False
    return {c.name: counts.get(c.name, 0) for c in story.cast}
