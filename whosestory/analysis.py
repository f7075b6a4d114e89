"""One call from a Story to every measure the reports show."""

from __future__ import annotations

from dataclasses import dataclass

from whosestory.measures import spotlight
from whosestory.model import Story


@dataclass(frozen=True, slots=True)
class CharacterFigures:
    """The spotlight figures of one character."""

    name: str
    cues: int
    words: int
    scenes_speaking: int
    scenes_present: int


@dataclass(frozen=True, slots=True)
class Analysis:
    """A story and the measures computed on it (later stages add verdicts)."""

    story: Story
    figures: tuple[CharacterFigures, ...]


def analyze(story: Story) -> Analysis:
    """Compute the measures of a story; characters ordered by presence, then cues and words."""
    cues = spotlight.cues(story)
    words = spotlight.words(story)
    speaking = spotlight.scenes_speaking(story)
    present = spotlight.scenes_present(story)
    figures = [
        CharacterFigures(c.name, cues[c.name], words[c.name], speaking[c.name], present[c.name])
        for c in story.cast
    ]
    figures.sort(key=lambda f: (-f.scenes_present, -f.cues, -f.words, f.name))
    return Analysis(story, tuple(figures))
