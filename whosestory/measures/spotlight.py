"""Spotlight: whom we see and hear most.

Each function maps every character of the story (group speakers included; the
verdicts leave them out) to a value. Definitions:

- cues: the number of speeches (a cue and its dialogue, however many
  parentheticals interrupt it; a dual-dialogue speech counts once);
- words: words spoken, voice-over and lyrics included (`screenplay.count_words`);
- scenes_speaking: scenes in which the character has at least one speech;
- scenes_present: scenes in which the character speaks or is named or referred
  to (pronoun, stage direction) in the action; the presence of screen and stage.
"""

from __future__ import annotations

from collections import defaultdict

from whosestory.model import SPOKEN_KINDS, Story
from whosestory.screenplay import count_words


def cues(story: Story) -> dict[str, int]:
    """Speeches per character (`Scene.speeches`)."""
    result = dict.fromkeys((c.name for c in story.cast), 0)
    for scene in story.scenes:
        for speech in scene.speeches():
            if speech.speaker:
                result[speech.speaker] = result.get(speech.speaker, 0) + 1
    return result


def words(story: Story) -> dict[str, int]:
    """Words spoken per character."""
    result = dict.fromkeys((c.name for c in story.cast), 0)
    for scene in story.scenes:
        for element in scene.elements:
            if element.kind in SPOKEN_KINDS and element.speaker:
                result[element.speaker] = result.get(element.speaker, 0) + count_words(element.text)
    return result


def speaking_scenes(story: Story) -> dict[str, frozenset[int]]:
    """Indices of the scenes in which each character speaks."""
    result: dict[str, set[int]] = defaultdict(set)
    for scene in story.scenes:
        for element in scene.elements:
            if element.kind in SPOKEN_KINDS and element.speaker:
                result[element.speaker].add(scene.index)
    return {c.name: frozenset(result.get(c.name, ())) for c in story.cast}


def present_scenes(story: Story) -> dict[str, frozenset[int]]:
    """Indices of the scenes in which each character speaks or is mentioned in the action."""
    result: dict[str, set[int]] = defaultdict(set)
    for name, scenes in speaking_scenes(story).items():
        result[name].update(scenes)
    for mention in story.mentions:
        result[mention.character].add(mention.scene)
    return {c.name: frozenset(result.get(c.name, ())) for c in story.cast}


def scenes_speaking(story: Story) -> dict[str, int]:
    """Number of scenes in which each character speaks."""
    return {name: len(s) for name, s in speaking_scenes(story).items()}


def scenes_present(story: Story) -> dict[str, int]:
    """Number of scenes in which each character is present (speaking or mentioned)."""
    return {name: len(s) for name, s in present_scenes(story).items()}
