"""The verdicts' arithmetic on two characters, every figure worked out by hand."""

from __future__ import annotations

import pytest

from whosestory import verdict
from whosestory.ranking import combine

NAMES = ["a", "b"]
TABLES = {
    "cues": {"a": 10, "b": 5},
    "words": {"a": 100, "b": 200},
    "scenes_present": {"a": 4, "b": 2},
    "screen_time": {"a": 60, "b": 30},
    **{key: {"a": 1, "b": 1} for key in verdict.NETWORK_WEIGHTS},
    "subject": {"a": 1, "b": 3},
    "scene_openers": {"a": 0, "b": 0},
    "frame_share": {"a": 0.0, "b": 0.5},
    "closing_voice": {"a": 0.0, "b": 1.0},
    "narration": {"b": 0.2},
    "interiority": {"a": 0.3, "b": 0.9},
    "change": {"a": 0.15, "b": 0.0},
}


def test_spotlight_is_the_mean_share_of_the_top() -> None:
    # cues a 1, b .5; words a .5, b 1; scenes a 1, b .5; time a 1, b .5
    parts = verdict.shares(NAMES, TABLES, verdict.SPOTLIGHT_WEIGHTS)
    assert parts["words"] == {"a": 0.5, "b": 1.0}
    scores = combine(parts, verdict.SPOTLIGHT_WEIGHTS)
    assert scores == pytest.approx({"a": 3.5 / 4, "b": 2.5 / 4})
    assert scores == pytest.approx(verdict.spotlight_scores(NAMES, TABLES))


def test_protagonist_weighs_presence_network_and_agency() -> None:
    parts = verdict.protagonist_parts(NAMES, TABLES)
    # presence (scenes x2, time, cues): a (2 + 1 + 1) / 4 = 1, b (1 + .5 + .5) / 4 = .5
    assert parts["presence"] == pytest.approx({"a": 1.0, "b": 0.5})
    assert parts["network"] == pytest.approx({"a": 1.0, "b": 1.0})
    # agency (subject, openers all 0): a 1/3 / 2 = 1/6, b 1 / 2 = 1/2 -> shares 1/3 and 1
    assert parts["agency"] == pytest.approx({"a": 1 / 3, "b": 1.0})
    scores = verdict.protagonist_scores(NAMES, TABLES)
    assert scores == pytest.approx({"a": 0.5 + 0.3 + 0.2 / 3, "b": 0.25 + 0.3 + 0.2})


def test_main_character_parts_and_weighted_score() -> None:
    parts = verdict.main_character_parts(NAMES, TABLES)
    prior_b = 0.75 / (0.8 + 0.2 / 3)
    assert parts["prior"] == pytest.approx({"a": 1.0, "b": prior_b})
    assert parts["telling"] == pytest.approx({"a": 0.0, "b": 0.6 * 0.5 + 0.4 * 1.0})
    assert parts["narration"] == pytest.approx({"a": 0.0, "b": 0.2})
    assert parts["interiority"] == pytest.approx({"a": 0.5, "b": 1.0})  # capped at 1
    assert parts["change"] == pytest.approx({"a": 0.5, "b": 0.0})
    scores = verdict.weighted(parts, verdict.MAIN_WEIGHTS)
    assert scores["a"] == pytest.approx(0.35 + 0.10 * 0.5 + 0.05 * 0.5)
    assert scores["b"] == pytest.approx(0.35 * prior_b + 0.45 * 0.7 + 0.05 * 0.2 + 0.10)
    found = verdict.decide("main_character", scores, parts)
    assert found.character == "b" and found.runner_up == "a"
    assert found.margin == pytest.approx(scores["b"] - scores["a"], abs=1e-4)
    assert not found.close_call


def test_what_would_flip_it() -> None:
    parts = verdict.main_character_parts(NAMES, TABLES)
    sentence = verdict.flip_condition(parts, verdict.MAIN_WEIGHTS, "b", "a")
    # gap .30288; b leads most on the telling (.45 x .7 = .315): .30288 / .45 = .67,
    # and the telling would have to weigh .30288 / .315 = 96% less
    assert sentence == (
        "a would win if b's telling score were 0.67 lower (it is 0.70 against 0.00), "
        "or if telling weighed 96% less than it does."
    )


def test_impact_is_the_strongest_tie_without_the_main_character() -> None:
    ties = {
        "shared_scenes": {"b": 4, "c": 2},
        "exchanges": {"b": 0, "c": 10},
        "talked_about": {"b": 1, "c": 1},
    }
    words = {"a": 900, "b": 100, "c": 100}
    scores = verdict.impact_scores("a", ["a", "b", "c"], ties, words)
    # b: .4 x 1 + .3 x 0 + .3 x 1 = .7; c: .4 x .5 + .3 x 1 + .3 x 1 = .8 (equal standing)
    assert scores == pytest.approx({"b": 0.7, "c": 0.8})
    # c speaks a quarter of b's words: standing 0.5 halves c's tie (.4), b keeps .7
    scores = verdict.impact_scores("a", ["a", "b", "c"], ties, {"b": 100, "c": 25})
    assert scores == pytest.approx({"b": 0.7, "c": 0.4})
    assert verdict.impact_scores(None, ["a", "b"], ties, words) == {}


def test_a_probability_per_character_rides_with_the_ranking() -> None:
    found = verdict.decide("spotlight", {"a": 0.6, "b": 0.4}, {}, {"a": 0.6, "b": 0.4})
    assert [(r.name, r.probability) for r in found.ranking] == [("a", 0.6), ("b", 0.4)]
    assert found.probabilities == {"a": 0.6, "b": 0.4}
    assert verdict.decide("spotlight", {"a": 1.0}, {}).ranking[0].probability is None
