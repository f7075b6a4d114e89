"""A character's sides: every scene it is in, whole, with its own lines marked.

Sides are what an actor is handed for an audition or a day's shoot: the scenes the
character plays, each with its heading and length, and every element of the scene
(headings, action, the others' cues) so that the lines keep their context.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from whosestory.errors import WhosestoryError
from whosestory.measures.spotlight import present_scenes
from whosestory.model import SPOKEN_KINDS, Kind, Story
from whosestory.stats.screen import eighths, length_label, scene_pages

if TYPE_CHECKING:
    from whosestory.stats.types import SideLine, Sides

_LEFT_OUT = frozenset({Kind.PAGE_BREAK, Kind.NOTE, Kind.SYNOPSIS, Kind.SECTION})


def find_character(story: Story, name: str) -> str:
    """The canonical name of the character called `name` (any alias, any case).

    Raises WhosestoryError with the cast to choose from when no character is called so.
    """
    wanted = " ".join(name.split()).casefold()
    for character in story.cast:
        if wanted in (n.casefold() for n in character.names()):
            return character.name
    known = ", ".join(c.name for c in story.cast[:12]) or "none"
    raise WhosestoryError(f"no character called {name!r} in {story.title!r} (characters: {known}).")


def sides(story: Story, name: str, present: Mapping[str, frozenset[int]] | None = None) -> Sides:
    """`name`'s sides (any alias of the character): its scenes in order, whole."""
    character = find_character(story, name)
    present = present_scenes(story) if present is None else present
    pages = scene_pages(story)
    scenes = []
    speeches = words = 0
    for scene in story.scenes:
        if scene.index not in present.get(character, ()):
            continue
        lines: list[SideLine] = []
        for element in scene.elements:
            if element.kind in _LEFT_OUT:
                continue
            own = element.speaker == character and element.kind in SPOKEN_KINDS
            words += element.words() if own else 0
            lines.append(
                {
                    "kind": str(element.kind),
                    "cue": element.cue,
                    "text": element.text,
                    "line": element.line,
                    "own": own,
                }
            )
        speeches += sum(1 for s in scene.speeches() if s.speaker == character)
        scenes.append(
            {
                "index": scene.index + 1,
                "heading": scene.heading,
                "length": length_label(eighths(pages[scene.index])),
                "elements": lines,
            }
        )
    return {
        "title": story.title,
        "character": character,
        "scenes": scenes,
        "speeches": speeches,
        "dialogue_words": words,
    }
