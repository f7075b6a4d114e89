"""Spotlight and agency measures on a story small enough to count by hand."""

from __future__ import annotations

import pytest

from whosestory.build import build_story
from whosestory.measures import agency, spotlight
from whosestory.model import Element, Kind, Script, Span, Story


def el(kind: Kind, text: str, line: int, cue: str | None = None) -> Element:
    return Element(kind, text, Span(line, line), cue=cue)


def story() -> Story:
    """Four scenes.

    1: ANNA and BEN talk (ANNA 2 speeches, BEN 1); action names CARL.
    2: BEN alone speaks; ANNA is named in his speech (talked about while absent).
    3: ANNA speaks; "Ben grabs Anna." (Ben subject, Anna object).
    4: CARL speaks twice in a row (one speech interrupted by a parenthetical).
    """
    return build_story(
        Script(
            format="test",
            source="mem",
            elements=(
                el(Kind.HEADING, "INT. ROOM - DAY", 1),
                el(Kind.ACTION, "CARL sleeps in the corner.", 2),
                el(Kind.DIALOGUE, "Wake up.", 3, "ANNA"),
                el(Kind.DIALOGUE, "He won't.", 4, "BEN"),
                el(Kind.DIALOGUE, "Then let him sleep now.", 5, "ANNA"),
                el(Kind.HEADING, "EXT. STREET - NIGHT", 6),
                el(Kind.DIALOGUE, "Where did Anna go?", 7, "BEN"),
                el(Kind.HEADING, "INT. ROOM - NIGHT", 8),
                el(Kind.ACTION, "Ben grabs Anna.", 9),
                el(Kind.DIALOGUE, "Let go.", 10, "ANNA"),
                el(Kind.HEADING, "INT. HALL - DAY", 11),
                el(Kind.DIALOGUE, "Morning all.", 12, "CARL"),
                el(Kind.PARENTHETICAL, "(yawning)", 13, "CARL"),
                el(Kind.DIALOGUE, "Coffee?", 14, "CARL"),
            ),
        )
    )


def test_cues_words_and_scenes() -> None:
    s = story()
    assert spotlight.cues(s) == {"ANNA": 3, "BEN": 2, "CARL": 1}
    assert spotlight.words(s) == {"ANNA": 2 + 5 + 2, "BEN": 2 + 4, "CARL": 2 + 1}
    assert spotlight.scenes_speaking(s) == {"ANNA": 2, "BEN": 2, "CARL": 1}
    # ANNA: 1 and 3 speaking (named by Ben in 2 but only talked about); CARL: 1 by name, 4
    assert spotlight.present_scenes(s) == {
        "ANNA": frozenset({0, 2}),
        "BEN": frozenset({0, 1, 2}),
        "CARL": frozenset({0, 3}),
    }


def test_passive_presence_counts_talk_in_absence() -> None:
    assert spotlight.passive_presence(story()) == {"ANNA": 1, "BEN": 0, "CARL": 0}


def test_first_last_appearance_and_matrix() -> None:
    s = story()
    assert spotlight.first_appearance(s) == {"ANNA": 0, "BEN": 0, "CARL": 0}
    assert spotlight.last_appearance(s) == {"ANNA": 2, "BEN": 2, "CARL": 3}
    assert spotlight.presence_matrix(s) == {
        "ANNA": [2, 0, 2, 0],
        "BEN": [2, 2, 1, 0],
        "CARL": [1, 0, 0, 2],
    }
    assert spotlight.presence_by_part(s)["CARL"] == {"Q1": 1, "Q2": 0, "Q3": 0, "Q4": 1}


def test_screen_time_by_hand() -> None:
    s = story()
    # scene 4: cue+dialogue "Morning all." (1 + 1 + 1 lines), parenthetical (1 + 1),
    # dialogue "Coffee?" (1 + 1 + 1), heading (1 + 1): 10 lines of 55 a minute-long page
    assert spotlight.scene_seconds(s.scenes[3]) == pytest.approx(60 * 10 / 55)
    total = spotlight.story_seconds(s)
    assert sum(spotlight.scene_seconds(x) for x in s.scenes) == pytest.approx(total, abs=0.1)
    share = spotlight.screen_share(s)
    assert share["BEN"] == pytest.approx(
        sum(spotlight.scene_seconds(s.scenes[i]) for i in (0, 1, 2)) / total, abs=1e-3
    )


def test_agency_subjects_objects_and_openers() -> None:
    s = story()
    assert agency.subject_counts(s)["BEN"] == (1, 0)
    assert agency.subject_counts(s)["ANNA"] == (0, 1)
    assert agency.agency(s)["BEN"] == pytest.approx(2 / 3, abs=1e-3)
    assert agency.agency(s)["ANNA"] == pytest.approx(1 / 3, abs=1e-3)
    assert agency.scene_openers(s) == {"ANNA": 2, "BEN": 1, "CARL": 1}
    # exchanges: scene 1 opened by ANNA after action; 2 by BEN; 3 by ANNA after action; 4 CARL
    assert agency.exchange_openers(s) == {"ANNA": 2, "BEN": 1, "CARL": 1}
