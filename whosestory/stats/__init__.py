"""Screenwriter statistics and drama network metrics of a story, as plain data.

    screen_stats(story) -> Stats   (shape: `stats.types`)

Lengths in eighths of a page, INT/EXT and day/night, locations (`stats.screen`);
dialogue against action, minutes of dialogue, participation by part, the scene x
character table and voice distinctness (`stats.cast`); DraCor's play-level network
metrics and speech by gender (`stats.dracor`); a character's sides (`stats.sides`).
The analysis stage computes them once (`Analysis.stats`); ``whosestory stats`` prints them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from whosestory.measures.network import GraphLike, copresence_graph
from whosestory.measures.spotlight import (
    SECONDS_PER_PAGE,
    presence_by_part,
    present_scenes,
    scene_lengths,
)
from whosestory.model import Story
from whosestory.stats.cast import (
    WORDS_PER_MINUTE,
    character_stats,
    distinctness,
    matrix,
    spoken,
    spoken_words,
    vocabularies,
    voices,
)
from whosestory.stats.dracor import network_metrics, speech_by_gender
from whosestory.stats.screen import length_label, locations, scene_stats, split
from whosestory.stats.sides import sides

if TYPE_CHECKING:
    from whosestory.stats.types import Sides, Stats

__all__ = ["Sides", "Stats", "screen_stats", "sides"]


def __getattr__(name: str) -> Any:
    """`Sides` and `Stats`, imported when first asked for: an analysis needs their shape
    only to type-check, and their fourteen TypedDicts take a millisecond to make."""
    if name in ("Sides", "Stats"):
        from whosestory.stats import types

        return getattr(types, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def screen_stats(
    story: Story,
    present: Mapping[str, frozenset[int]] | None = None,
    graph: GraphLike | None = None,
    lengths: Sequence[float] | None = None,
    by_part: Mapping[str, Mapping[str, int]] | None = None,
) -> Stats:
    """Every statistic of `story`.

    `present` (`spotlight.present_scenes`), `graph` (the co-presence graph),
    `lengths` (`spotlight.scene_lengths`) and `by_part` (`spotlight.presence_by_part`)
    are computed here unless the caller (the analysis stage) already has them.
    """
    present = present_scenes(story) if present is None else present
    graph = copresence_graph(story, presence=present) if graph is None else graph
    seconds = scene_lengths(story) if lengths is None else lengths
    by_part = presence_by_part(story, present) if by_part is None else by_part
    scenes = scene_stats(story, present, [s / SECONDS_PER_PAGE for s in seconds])
    texts = spoken(story)
    said = spoken_words(story)
    vocab = vocabularies(story, texts, said)
    pairs = voices(vocab)
    characters = character_stats(story, present, scenes, said, distinctness(vocab, pairs), by_part)
    groups = {c.name for c in story.cast if c.group}
    total = sum(s["eighths"] for s in scenes)
    return {
        "pages": round(sum(seconds) / SECONDS_PER_PAGE, 2),
        "eighths": total,
        "length": length_label(total),
        "dialogue_minutes": round(sum(c["minutes"] for c in characters), 2),
        "words_per_minute": WORDS_PER_MINUTE,
        "parts": list(dict.fromkeys(label for parts in by_part.values() for label in parts)),
        "scenes": scenes,
        "settings": split(scenes, "setting"),
        "dayparts": split(scenes, "daypart"),
        "locations": locations(scenes),
        "characters": characters,
        "matrix": matrix(scenes, [c["name"] for c in characters], present, said),
        "voices": pairs,
        "network": network_metrics(graph),
        "gender": speech_by_gender(characters, groups),
    }
