"""Character statistics: dialogue against action, minutes of dialogue, the scene table, voice.

- dialogue words: words a character speaks (voice-over and lyrics included), counted
  as the spotlight measures count them (`screenplay.count_words`);
- action words: words of the action paragraphs and stage directions in which the
  character is present by name, resolved pronoun or stage reference (a mention that
  puts it in the scene, `Mention.present`);
- minutes of dialogue: dialogue words at `WORDS_PER_MINUTE`, the rate of film
  dialogue commonly used for timing a read (about two and a half words a second);
- voice distinctness: 1 minus the mean Jaccard index (shared word types / all word
  types of the two) between the character's vocabulary and each other voiced
  character's. Only the `VOICE_CHARACTERS` individuals with most words, and at least
  `VOICE_MIN_WORDS` words, are compared; the index grows with the amount of text, so
  compare characters of one story, not across stories.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from whosestory.model import SPOKEN_KINDS, Story, count_words, word_list
from whosestory.stats.screen import ACTION_KINDS, share

if TYPE_CHECKING:
    from whosestory.stats.types import CharacterStats, Matrix, Overlap, SceneStats

WORDS_PER_MINUTE = 150
VOICE_CHARACTERS = 12
VOICE_MIN_WORDS = 20
_SPLIT_BY_LOWER = "\u0130"
"""The one character whose lower case is not one word character: "İ" -> "i" + U+0307."""


def spoken(story: Story) -> dict[tuple[int, str], list[str]]:
    """(scene index, speaker) -> the texts that speaker speaks in that scene, in order."""
    found: dict[tuple[int, str], list[str]] = {}
    for scene in story.scenes:
        for element in scene.elements:
            if element.kind in SPOKEN_KINDS and element.speaker:
                found.setdefault((scene.index, element.speaker), []).append(element.text)
    return found


def spoken_words(story: Story) -> dict[tuple[int, str], int]:
    """(scene index, speaker) -> words that speaker speaks in that scene (of `spoken`'s texts)."""
    found: dict[tuple[int, str], int] = {}
    for scene in story.scenes:
        for element in scene.elements:
            if element.kind in SPOKEN_KINDS and element.speaker:
                key = (scene.index, element.speaker)
                found[key] = found.get(key, 0) + element.words()
    return found


def action_words(story: Story) -> dict[str, int]:
    """Words of the action and stage directions each character is present in."""
    where: dict[tuple[int, int], set[str]] = {}
    for mention in story.mentions:
        if mention.present:
            where.setdefault((mention.scene, mention.line), set()).add(mention.character)
    found: dict[str, int] = {}
    for scene in story.scenes:
        for element in scene.elements:
            if element.kind not in ACTION_KINDS:
                continue
            named: set[str] = set(element.refs)
            for line in range(element.span.start, element.span.end + 1):
                named.update(where.get((scene.index, line), ()))
            if not named:
                continue
            words = element.words()
            for name in named:
                found[name] = found.get(name, 0) + words
    return found


def character_stats(
    story: Story,
    present: Mapping[str, frozenset[int]],
    scenes: Sequence[SceneStats],
    said_words: Mapping[tuple[int, str], int],
    distinct: Mapping[str, float],
    by_part: Mapping[str, Mapping[str, int]],
) -> list[CharacterStats]:
    """Every character who speaks or appears, most dialogue first.

    `said_words` is `spoken_words`, `distinct` `distinctness`, `by_part`
    `spotlight.presence_by_part`.
    """
    actions = action_words(story)
    speeches: dict[str, int] = {}
    for scene in story.scenes:
        for speech in scene.speeches():
            if speech.speaker:
                speeches[speech.speaker] = speeches.get(speech.speaker, 0) + 1
    dialogue: dict[str, int] = {}
    for (_, name), words in said_words.items():
        dialogue[name] = dialogue.get(name, 0) + words
    found: list[CharacterStats] = []
    for character in story.cast:
        name = character.name
        here = present.get(name, frozenset())
        said, done = dialogue.get(name, 0), actions.get(name, 0)
        if not here and not said:
            continue
        found.append(
            {
                "name": name,
                "gender": character.gender,
                "speeches": speeches.get(name, 0),
                "dialogue_words": said,
                "action_words": done,
                "dialogue_share": share(said, said + done),
                "minutes": round(said / WORDS_PER_MINUTE, 2),
                "scenes": len(here),
                "eighths": sum(scenes[i]["eighths"] for i in here),
                "by_part": dict(by_part.get(name, {})),
                "distinctness": distinct.get(name),
            }
        )
    found.sort(key=lambda c: (-c["dialogue_words"], -c["scenes"], c["name"]))
    return found


def matrix(
    scenes: Sequence[SceneStats],
    names: Sequence[str],
    present: Mapping[str, frozenset[int]],
    said_words: Mapping[tuple[int, str], int],
) -> Matrix:
    """Scenes x `names`: words spoken in the scene, 0 when present and silent, None when absent.

    `said_words` is `spoken_words`. Each row starts absent and only its present and
    speaking cells are set, so the cost is the table's size in C plus the presences.
    """
    column = {name: i for i, name in enumerate(names)}
    filled: dict[int, list[tuple[int, int]]] = {}
    for name, at in column.items():
        for index in present.get(name, ()):
            filled.setdefault(index, []).append((at, 0))
    for (index, name), words in said_words.items():
        at = column.get(name)
        if at is not None:
            filled.setdefault(index, []).append((at, words))  # after the 0: it wins
    width = len(names)
    rows = []
    for scene in scenes:
        cells: list[int | None] = [None] * width
        for at, value in filled.get(scene["index"] - 1, ()):
            cells[at] = value
        rows.append({"scene": scene["index"], "heading": scene["heading"], "cells": cells})
    return {"characters": list(names), "rows": rows}


def vocabularies(
    story: Story,
    texts: Mapping[tuple[int, str], list[str]],
    said_words: Mapping[tuple[int, str], int],
) -> dict[str, set[str]]:
    """The word types (lower case) of each individual voiced character, for `voices`.

    `said_words` (`spoken_words`) ranks the characters: lower case splits a word in one
    letter only, the dotted capital I (U+0130, "i" and a combining dot), so a text
    holding it is counted again in lower case; only the voiced are tokenised.
    """
    groups = {c.name for c in story.cast if c.group}
    size: dict[str, int] = {}
    for key, lines in texts.items():
        name = key[1]
        if name in groups:
            continue
        words = said_words[key]
        if any(_SPLIT_BY_LOWER in line for line in lines):
            words = count_words(" ".join(lines).lower())
        size[name] = size.get(name, 0) + words
    voiced = sorted(
        (n for n, count in size.items() if count >= VOICE_MIN_WORDS),
        key=lambda n: (-size[n], n),
    )[:VOICE_CHARACTERS]
    found: dict[str, set[str]] = {name: set() for name in voiced}
    for (_, name), lines in texts.items():
        if name in found:
            found[name].update(word_list(" ".join(lines).lower()))
    return found


def voices(vocab: Mapping[str, set[str]]) -> list[Overlap]:
    """Vocabulary overlap (Jaccard index) of every pair of voiced characters, most alike first."""
    pairs: list[Overlap] = []
    for a, b in combinations(vocab, 2):
        shared = len(vocab[a] & vocab[b])  # the union's size without building it
        overlap = round(shared / (len(vocab[a]) + len(vocab[b]) - shared), 4)
        pairs.append({"a": a, "b": b, "overlap": overlap})
    return sorted(pairs, key=lambda p: (-p["overlap"], p["a"], p["b"]))


def distinctness(
    vocab: Mapping[str, set[str]], pairs: Sequence[Overlap] | None = None
) -> dict[str, float]:
    """1 - the mean vocabulary overlap of each voiced character (`vocabularies`) with the others.

    `pairs` are `voices(vocab)` when the caller has them."""
    if len(vocab) < 2:
        return {}
    overlaps: dict[str, list[float]] = {name: [] for name in vocab}
    for pair in voices(vocab) if pairs is None else pairs:
        overlaps[pair["a"]].append(pair["overlap"])
        overlaps[pair["b"]].append(pair["overlap"])
    return {name: round(1 - sum(v) / len(v), 4) for name, v in overlaps.items()}
