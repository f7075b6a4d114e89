"""Interiority signals on small stories whose counts are known by construction."""

from __future__ import annotations

import pytest

from whosestory.build import build_story
from whosestory.measures import frame, interiority
from whosestory.model import Element, Kind, Script, Span, Story


def story_of(items: list[tuple[Kind, str, str | None]]) -> Story:
    elements = tuple(
        Element(kind, text, Span(i + 1, i + 1), cue=cue)
        for i, (kind, text, cue) in enumerate(items)
    )
    return build_story(Script(format="test", source="interiority.test", elements=elements))


H, A, D = Kind.HEADING, Kind.ACTION, Kind.DIALOGUE


def test_perception_verbs_by_name_with_adverbs_and_not_other_verbs() -> None:
    story = story_of(
        [
            (H, "INT. HOUSE - DAY", None),
            (A, "Anna watches the sea.", None),  # 1
            (A, "Anna slowly, quietly realizes it is over.", None),  # 2: two adverbs
            (A, "Anna grabs the rope. Anna's eyes close.", None),  # neither
            (A, "ANNA just sees BEN.", None),  # 3 for Anna, 0 for Ben
            (A, "Anna turns and then she leaves.", None),
            (D, "I see.", "ANNA"),
            (D, "Hm.", "BEN"),
        ]
    )
    assert interiority.perception_verbs(story) == {"ANNA": 3, "BEN": 0}


def test_perception_verbs_with_a_resolved_pronoun_subject() -> None:
    story = story_of(
        [
            (H, "INT. HOUSE - DAY", None),
            (A, "Dora enters. She sits. She remembers the fire.", None),  # Dora 1
            (A, "Ben looks up at Dora. She knows. He knows.", None),  # Ben 2, Dora 1
            (A, "Dora gives Ben the letter. He reads it.", None),  # Ben 3
            (D, "Well?", "DORA"),
            (D, "Nothing.", "BEN"),
        ]
    )
    assert story.character("DORA").gender == "f"  # type: ignore[union-attr]
    assert interiority.perception_verbs(story) == {"DORA": 2, "BEN": 3}


def test_pov_close_and_reaction_shots() -> None:
    story = story_of(
        [
            (H, "INT. HOUSE - DAY", None),
            (A, "Anna waits. She looks up.", None),
            (H, "ANNA'S POV", None),  # Anna 1
            (A, "The road. POV BEN - a truck.", None),  # Ben 1
            (A, "CLOSE ON ANNA.", None),  # Anna 2
            (A, "CLOSE-UP ON Ben, sweating.", None),  # Ben 2
            (A, "REACTION SHOT: ANNA", None),  # Anna 3
            (A, "ANNA'S P.O.V. -- the door.", None),  # Anna 4
            (A, "Ben sits. He breathes.", None),
            (H, "HIS POV", None),  # Ben 3, resolved across the scene break
            (A, "Anna turns. Her face falls.", None),  # Anna 5
            (A, "Anna washes her face. They close ANNA's file.", None),  # neither
            (A, "Ben hums, a smile on his face.", None),  # Ben 4
            (D, "Yes.", "ANNA"),
            (D, "No.", "BEN"),
        ]
    )
    assert interiority.pov_shots(story) == {"ANNA": 5, "BEN": 4}


def test_shots_match_every_name_a_character_goes_by() -> None:
    story = story_of(
        [
            (H, "INT. HOUSE - DAY", None),
            (D, "Hello.", "ANNA KARLSSON"),
            (H, "INT. YARD - DAY", None),
            (D, "Hi.", "ANNA"),
            (A, "CLOSE ON Karlsson.", None),
            (H, "ANNA'S POV", None),
        ]
    )
    assert interiority.pov_shots(story) == {"ANNA KARLSSON": 2}


def test_voice_over_words_share_and_scenes() -> None:
    story = story_of(
        [
            (H, "INT. HOUSE - DAY", None),
            (D, "I was young then.", "NELL (V.O.)"),  # 4 words
            (D, "Come here.", "BEN"),
            (H, "EXT. YARD - DAY", None),
            (D, "He never came back.", "NELL (V.O.)"),  # 4 words
            (D, "Gone now.", "BEN (V.O.)"),  # 2 words
        ]
    )
    told = frame.narration(story)
    assert {n: v["words"] for n, v in told.items()} == {"NELL": 8, "BEN": 2}
    assert {n: v["share"] for n, v in told.items()} == {"NELL": pytest.approx(0.8), "BEN": 0.2}
    assert interiority.voice_over_scenes(story) == {"NELL": 2, "BEN": 1}


def watcher_story() -> Story:
    """Nell narrates every scene and watches; Ben acts; Anna is there and speaks."""
    items: list[tuple[Kind, str, str | None]] = []
    for i in range(6):
        items += [
            (H, f"EXT. STREET {i} - DAY", None),
            (D, "I remember that summer.", "NELL (V.O.)"),
            (A, "Ben runs. Anna follows him. Nell watches from the porch.", None),
            (D, "Faster!", "ANNA"),
            (D, "Wait!", "BEN"),
        ]
    items.append((D, "Everyone!", "CROWD"))
    return story_of(items)


def test_interiority_rate_ranks_the_watching_narrator_first() -> None:
    story = watcher_story()
    assert interiority.perception_verbs(story)["NELL"] == 6
    rate = interiority.interiority(story)
    # (6 perception + 6 voice-over scenes) / (6 scenes present + prior 3)
    assert rate["NELL"] == pytest.approx(12 / 9, abs=1e-4)
    assert rate["ANNA"] == 0 and rate["BEN"] == 0
    assert "CROWD" not in rate  # group speakers stay out


def test_every_function_covers_every_non_group_character() -> None:
    story = watcher_story()
    names = {c.name for c in story.cast if not c.group}
    for measure in (
        interiority.perception_verbs,
        interiority.pov_shots,
        interiority.voice_over_scenes,
        frame.narration,
        interiority.interiority,
    ):
        assert set(measure(story)) == names


def test_evidence_quotes_scene_line_and_text() -> None:
    story = story_of(
        [
            (H, "INT. HOUSE - DAY", None),
            (A, "Anna watches the sea.", None),
            (H, "ANNA'S POV", None),
            (A, "Waves.", None),
            (D, "Beautiful.", "ANNA"),
        ]
    )
    hits = interiority.evidence(story, "ANNA")
    # ANNA'S POV names no place or time: a shot within the house scene, not a scene of its own
    assert [(h.scene, h.line, h.signal) for h in hits] == [(0, 2, "perception"), (0, 3, "pov")]
    assert hits[0].quote == "Anna watches the sea."
    assert interiority.evidence(story, "ANNA", signal="pov")[0].quote == "ANNA'S POV"
    assert len(interiority.evidence(story, "ANNA", limit=1)) == 1
