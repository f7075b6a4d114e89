"""The same story in every format builds the same Story; invariants hold for all readers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import whosestory
from whosestory.build import build_story
from whosestory.measures import spotlight
from whosestory.model import SPOKEN_KINDS, Kind, Story
from whosestory.readers import get_reader
from whosestory.screenplay import count_words

ROOT = Path(__file__).resolve().parent.parent
KEEPER = {
    "fountain": ROOT / "examples" / "the-keeper.fountain",
    "fdx": ROOT / "tests" / "stories" / "the-keeper.fdx",
    "pdf": ROOT / "tests" / "stories" / "the-keeper.pdf",
    "text": ROOT / "tests" / "stories" / "the-keeper.txt",
}


def _speeches(story: Story) -> list[tuple[int, str | None, str]]:
    return [
        (scene.index, speech.speaker, " ".join(speech.text.split()))
        for scene in story.scenes
        for speech in scene.speeches()
    ]


@pytest.fixture(scope="module")
def stories() -> dict[str, Story]:
    return {fmt: whosestory.load(path) for fmt, path in KEEPER.items()}


def test_every_format_is_sniffed_and_read(stories: dict[str, Story]) -> None:
    assert {fmt: s.format for fmt, s in stories.items()} == {f: f for f in KEEPER}


def test_same_scenes_in_every_format(stories: dict[str, Story]) -> None:
    reference = [(s.heading, s.number) for s in stories["fountain"].scenes]
    for fmt, story in stories.items():
        assert [(s.heading, s.number) for s in story.scenes] == reference, fmt


def test_same_cast_and_speeches_in_every_format(stories: dict[str, Story]) -> None:
    reference = stories["fountain"]
    for fmt, story in stories.items():
        assert {c.name for c in story.cast} == {c.name for c in reference.cast}, fmt
        assert _speeches(story) == _speeches(reference), fmt
        assert spotlight.cues(story) == spotlight.cues(reference), fmt
        assert spotlight.words(story) == spotlight.words(reference), fmt


def test_same_voice_over_in_every_format(stories: dict[str, Story]) -> None:
    def voice_over(story: Story) -> Counter[str | None]:
        return Counter(e.speaker for e in story.elements() if e.kind is Kind.VOICE_OVER)

    reference = voice_over(stories["fountain"])
    assert reference["MAYA"] == 4
    for fmt, story in stories.items():
        assert voice_over(story) == reference, fmt


def _invariants(story: Story) -> None:
    names = {c.name for c in story.cast}
    words = spotlight.words(story)
    total = sum(
        count_words(e.text) for e in story.elements() if e.kind in SPOKEN_KINDS and e.speaker
    )
    assert sum(words.values()) == total
    for element in story.elements():
        if element.speaker is not None:
            assert element.speaker in names
    for scene in story.scenes:
        lines = [e.span.start for e in scene.elements if not e.dual]
        assert lines == sorted(lines)
        assert all(e.span.start <= e.span.end for e in scene.elements)
    assert [s.index for s in story.scenes] == list(range(len(story.scenes)))


@pytest.mark.parametrize("fmt", sorted(KEEPER))
def test_invariants_on_the_keeper(stories: dict[str, Story], fmt: str) -> None:
    _invariants(stories[fmt])


screenplay_lines = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "",
                "INT. ROOM - DAY",
                "EXT. PIER - NIGHT",
                "ANNA",
                "BEN (V.O.)",
                "ANNA (CONT'D)",
                "(quietly)",
                "CUT TO:",
                "She looks at him.",
                "Ben runs.",
                "ALL",
                "^",
                "@McKAY",
                "                    ANNA",
                "          Hello there.",
                "===",
                "[[a note]]",
                "/*",
                "*/",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=screenplay_lines, fmt=st.sampled_from(["fountain", "text"]))
def test_lenient_readers_build_consistent_stories_from_anything(lines: list[str], fmt: str) -> None:
    data = "\n".join(lines).encode("utf-8")
    try:
        story = build_story(get_reader(fmt)(data, "generated"))
    except whosestory.InputError:
        return  # empty, binary or without a cue: refused with a sentence, as it should be
    _invariants(story)
