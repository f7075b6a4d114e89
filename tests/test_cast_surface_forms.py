"""`mentions.cast_surface_forms` gives `surface_forms` of the characters' names, computed
once for the same characters and again for others."""

from __future__ import annotations

from pathlib import Path

import pytest

from whosestory.mentions import cast_surface_forms, surface_forms
from whosestory.model import Alias, Character


def _cast() -> tuple[Character, ...]:
    return (
        Character("ANNA KARLSSON", (Alias("ANNA", "cue"),)),
        Character("BEN"),
        Character("BEN KARLSSON"),
    )


def test_the_surface_forms_of_the_names() -> None:
    cast = _cast()
    assert cast_surface_forms(cast) == surface_forms({c.name: c.names() for c in cast})


def test_the_same_characters_share_one_mapping_and_others_get_their_own() -> None:
    cast = _cast()
    first = cast_surface_forms(cast)
    assert cast_surface_forms(list(cast)) is first  # the same characters, in a list
    assert cast_surface_forms(_cast()) is first  # equal characters
    other = cast_surface_forms(cast[1:])
    assert other is not first
    assert other == surface_forms({c.name: c.names() for c in cast[1:]})
    assert "KARLSSON" in other and "KARLSSON" not in first  # one Karlsson, then two


def test_the_shots_read_the_forms_the_mentions_found(monkeypatch: pytest.MonkeyPatch) -> None:
    from whosestory import mentions
    from whosestory.build import build_story
    from whosestory.measures import interiority
    from whosestory.readers import read_script

    story = build_story(
        read_script(Path(__file__).parent.parent / "examples" / "the-keeper.fountain")
    )
    asked: list[int] = []
    made = mentions.surface_forms
    counted = lambda names: asked.append(1) or made(names)  # noqa: E731
    monkeypatch.setattr(mentions, "surface_forms", counted)
    monkeypatch.setattr(interiority, "surface_forms", counted, raising=False)
    mentions.find_mentions(story.scenes, story.cast)  # what the builder asked, asked again
    asked.clear()
    interiority.pov_hits(story)
    assert asked == []  # the same people: their forms are not made again
