"""Spotlight: whom we see and hear most.

Each function maps every character of the story (group speakers included; the
verdicts leave them out) to a value. Definitions:

- cues: the number of speeches (`Scene.speeches`: a cue and what follows it,
  however many parentheticals interrupt it);
- words: words spoken, voice-over and lyrics included (`screenplay.count_words`);
- scenes_speaking: scenes in which the character has at least one speech;
- scenes_present: scenes in which the character speaks or is named or referred
  to in the action (name, resolved pronoun, TEI stage reference), the presence
  of screen and stage; being named in someone else's speech does not count;
- screen_time: estimated seconds on screen, the sum of the estimated lengths of
  the scenes the character is present in (`scene_seconds`);
- passive_presence: times the character is named in other characters' speeches
  in scenes where it is not present (talked about while absent; Moretti's and
  DraCor's "being talked about").

Screen time uses the one-page-one-minute rule of thumb of screenwriting, with
page length estimated from the text itself so that every format gets the same
estimate: action at 60 characters a line, dialogue at 35, one line for each cue,
heading and transition, a blank line between elements, 55 lines a page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from whosestory.kinds import DIALOGUE, LYRIC, NOTE, PAGE_BREAK, PARENTHETICAL, VOICE_OVER
from whosestory.model import SPOKEN_KINDS, Scene, Story

LINES_PER_PAGE = 55
SECONDS_PER_PAGE = 60.0
_WIDTH = {DIALOGUE: 35, VOICE_OVER: 35, LYRIC: 35, PARENTHETICAL: 25}
_ACTION_WIDTH = 60


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
                result[element.speaker] = result.get(element.speaker, 0) + element.words()
    return result


def speaking_scenes(story: Story) -> dict[str, frozenset[int]]:
    """Indices of the scenes in which each character speaks."""
    result: dict[str, set[int]] = defaultdict(set)
    for scene in story.scenes:
        for element in scene.elements:
            if element.kind in SPOKEN_KINDS and element.speaker:
                result[element.speaker].add(scene.index)
    return {c.name: frozenset(result.get(c.name, ())) for c in story.cast}


def present_scenes(
    story: Story, speaking: Mapping[str, frozenset[int]] | None = None
) -> dict[str, frozenset[int]]:
    """Indices of the scenes in which each character speaks or is in the action.

    `speaking` is `speaking_scenes(story)` when the caller already has it.
    """
    result: dict[str, set[int]] = defaultdict(set)
    speaking = speaking_scenes(story) if speaking is None else speaking
    for name, scenes in speaking.items():
        result[name].update(scenes)
    for mention in story.mentions:
        if mention.present:
            result[mention.character].add(mention.scene)
    return {c.name: frozenset(result.get(c.name, ())) for c in story.cast}


def _present(
    story: Story, present: Mapping[str, frozenset[int]] | None
) -> Mapping[str, frozenset[int]]:
    return present_scenes(story) if present is None else present


def scenes_speaking(story: Story) -> dict[str, int]:
    """Number of scenes in which each character speaks."""
    return {name: len(s) for name, s in speaking_scenes(story).items()}


def scenes_present(story: Story) -> dict[str, int]:
    """Number of scenes in which each character is present (speaking or in the action)."""
    return {name: len(s) for name, s in present_scenes(story).items()}


def scene_seconds(scene: Scene) -> float:
    """Estimated length of a scene on screen, in seconds (one page a minute)."""
    lines = 0
    for element in scene.elements:
        kind = element.kind
        if kind is PAGE_BREAK or kind is NOTE:
            continue
        # ``ceil(len / width)`` by floor division: the same whole number for a text's length
        # over a width of a few dozen, without a float and a call for every element
        wrapped = -(-len(element.text) // _WIDTH.get(kind, _ACTION_WIDTH))
        lines += 1 + (wrapped if wrapped > 1 else 1)
        if kind in SPOKEN_KINDS and element.cue:
            lines += 1
    return SECONDS_PER_PAGE * lines / LINES_PER_PAGE


def screen_time(
    story: Story,
    present: Mapping[str, frozenset[int]] | None = None,
    lengths: Sequence[float] | None = None,
) -> dict[str, float]:
    """Estimated seconds on screen: the lengths of the scenes each character is present in.

    `present` is `present_scenes(story)` and `lengths` the `scene_seconds` of every
    scene when the caller already has them (so with the other functions below that
    take them).
    """
    lengths = scene_lengths(story) if lengths is None else lengths
    return {
        name: round(sum(lengths[i] for i in scenes), 1)
        for name, scenes in _present(story, present).items()
    }


def scene_lengths(story: Story) -> list[float]:
    """The estimated seconds of every scene, in order (`scene_seconds`)."""
    return [scene_seconds(s) for s in story.scenes]


def story_seconds(story: Story, lengths: Sequence[float] | None = None) -> float:
    """Estimated running time of the whole story, in seconds."""
    return round(sum(scene_lengths(story) if lengths is None else lengths), 1)


def screen_share(
    story: Story, seconds: Mapping[str, float] | None = None, total: float | None = None
) -> dict[str, float]:
    """Each character's screen time as a share of the story's running time (0..1).

    `seconds` is `screen_time(story)` and `total` `story_seconds(story)` when the
    caller already has them.
    """
    total = (story_seconds(story) if total is None else total) or 1.0
    seconds = screen_time(story) if seconds is None else seconds
    return {name: round(t / total, 4) for name, t in seconds.items()}


def first_appearance(
    story: Story, present: Mapping[str, frozenset[int]] | None = None
) -> dict[str, int | None]:
    """Index of the first scene each character is present in (None if never)."""
    return {n: min(s) if s else None for n, s in _present(story, present).items()}


def last_appearance(
    story: Story, present: Mapping[str, frozenset[int]] | None = None
) -> dict[str, int | None]:
    """Index of the last scene each character is present in (None if never)."""
    return {n: max(s) if s else None for n, s in _present(story, present).items()}


def passive_presence(
    story: Story, present: Mapping[str, frozenset[int]] | None = None
) -> dict[str, int]:
    """Times each character is named in others' speeches in scenes it is not present in."""
    present = _present(story, present)
    result = dict.fromkeys((c.name for c in story.cast), 0)
    for mention in story.mentions:
        if mention.via == "speech" and mention.scene not in present.get(mention.character, ()):
            result[mention.character] = result.get(mention.character, 0) + 1
    return result


def presence_matrix(
    story: Story,
    present: Mapping[str, frozenset[int]] | None = None,
    speaking: Mapping[str, frozenset[int]] | None = None,
) -> dict[str, list[int]]:
    """Character x scene: 2 speaking, 1 present without speaking, 0 absent.

    `speaking` is `speaking_scenes(story)` when the caller already has it.
    """
    speaking = speaking_scenes(story) if speaking is None else speaking
    present = _present(story, present)
    n = len(story.scenes)
    matrix: dict[str, list[int]] = {}
    for name, scenes in present.items():
        row = [0] * n  # set only where present or speaking: a large cast is mostly absent
        for i in scenes:
            row[i] = 1
        for i in speaking.get(name, ()):
            row[i] = 2
        matrix[name] = row
    return matrix


def parts(story: Story) -> list[tuple[str, list[int]]]:
    """The story's parts: its acts when the script has them, else quarters of its scenes."""
    acts: dict[str, list[int]] = {}
    for scene in story.scenes:
        if scene.act:
            acts.setdefault(scene.act, []).append(scene.index)
    if len(acts) > 1:
        return [(f"act {act}", indices) for act, indices in acts.items()]
    n = len(story.scenes)
    bounds = [round(n * q / 4) for q in range(5)]
    return [(f"Q{q + 1}", list(range(bounds[q], bounds[q + 1]))) for q in range(4)]


def presence_by_part(
    story: Story, present: Mapping[str, frozenset[int]] | None = None
) -> dict[str, dict[str, int]]:
    """Scenes present per part (act or quarter) for each character."""
    present = _present(story, present)
    sections: Sequence[tuple[str, list[int]]] = parts(story)
    return {
        name: {label: len(scenes.intersection(indices)) for label, indices in sections}
        for name, scenes in present.items()
    }
