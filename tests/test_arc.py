"""Arc of change on small stories whose arcs are known by construction."""

from __future__ import annotations

from collections import Counter

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from whosestory.build import build_story
from whosestory.measures import arc
from whosestory.model import Element, Kind, Script, Span, Story

SAD = "I am miserable and hopeless. Everything is terrible and I hate it."
HAPPY = "I am so happy, this is wonderful and I love it!"
PLAIN = "The train leaves at noon from the north platform."
SCENES = 12


def story_of(per_scene: list[list[tuple[str, str]]]) -> Story:
    """One scene per list of (cue or "" for action, text), lines numbered in order."""
    elements: list[Element] = []
    line = 1
    for i, items in enumerate(per_scene):
        elements.append(Element(Kind.HEADING, f"INT. ROOM {i} - DAY", Span(line, line)))
        line += 1
        for cue, text in items:
            kind = Kind.DIALOGUE if cue else Kind.ACTION
            elements.append(Element(kind, text, Span(line, line), cue=cue or None))
            line += 1
    return build_story(Script(format="test", source="arc.test", elements=tuple(elements)))


def by_third(i: int, start: str, middle: str, end: str) -> str:
    return start if i < 4 else middle if i < 8 else end


@pytest.fixture(scope="module")
def story() -> Story:
    scenes = []
    for i in range(SCENES):
        scenes.append(
            [
                ("ANNA", by_third(i, SAD, PLAIN, HAPPY)),
                ("BEN", PLAIN),
                ("CARL", by_third(i, HAPPY, PLAIN, SAD)),
                ("DORA", by_third(i, HAPPY, SAD, HAPPY)),
                ("NELL (V.O.)", "I saw it all from the window, day after day."),
                ("", "Nell watches from the window."),
            ]
        )
    scenes[0].append(("EVE", HAPPY))
    return story_of(scenes)


def test_sentiment_matches_vader_on_plain_english() -> None:
    analyzer = SentimentIntensityAnalyzer()
    texts = [SAD, HAPPY, PLAIN, "", "Not bad at all.", "kind of great!!!", "He waits."]
    texts += ["It isn't good"]
    texts += ["I am very happy.", "She is happy but he is sad.", "This is not so very bad."]
    for text in texts:
        assert arc.sentiment(text) == analyzer.polarity_scores(text)["compound"], text
    assert arc.sentiment(PLAIN) == 0.0


def test_sentiment_is_linear_and_drops_only_vaders_costly_rules() -> None:
    """ALL-CAPS emphasis and emoji are left out (docs/languages.md); the rest is VADER's."""
    assert arc.sentiment("kind of GREAT!!!") == arc.sentiment("kind of great!!!")
    assert arc.sentiment(":)") == 0.0


def test_units_are_speeches_and_action_paragraphs_with_story_time(story: Story) -> None:
    units = arc.units(story)
    assert len(units["ANNA"]) == SCENES
    assert [u.time for u in units["ANNA"]][:3] == pytest.approx([0, 1 / 12, 2 / 12])
    # Nell: a voice-over speech and the action line that names her, in each scene
    assert len(units["NELL"]) == 2 * SCENES
    assert sum(not u.speech for u in units["NELL"]) == SCENES
    assert units["ANNA"][0].score == pytest.approx(arc.sentiment(SAD))


def test_trajectory_means_counts_and_thin_windows(story: Story) -> None:
    windows = arc.trajectory(story, "ANNA", windows=4)
    assert [w.units for w in windows] == [3, 3, 3, 3]
    sad, happy = arc.sentiment(SAD), arc.sentiment(HAPPY)
    assert windows[0].mean == pytest.approx(sad, abs=1e-4)
    assert windows[1].mean == pytest.approx((sad + 0 + 0) / 3, abs=1e-4)
    assert windows[3].mean == pytest.approx(happy, abs=1e-4)
    assert windows[0].low == pytest.approx(sad, abs=1e-4)  # no spread, no width
    low, high = windows[1].low, windows[1].high
    assert low is not None and high is not None and low <= windows[1].mean <= high
    eve = arc.trajectory(story, "EVE", windows=4)
    assert eve[0].units == 1 and eve[0].mean is None and eve[0].low is None
    assert arc.trajectory(story, "NOBODY", windows=3)[0].units == 0


def test_arc_shapes_rise_flat_fall_fall_rise(story: Story) -> None:
    change = arc.arc_change(story)
    assert change["ANNA"].shape == "rise"
    assert change["ANNA"].delta == pytest.approx(arc.sentiment(HAPPY) - arc.sentiment(SAD), 1e-3)
    assert change["ANNA"].low is not None and change["ANNA"].low > 0
    assert change["BEN"].shape == "flat"
    assert change["BEN"].delta == 0
    assert change["CARL"].shape == "fall"
    assert change["DORA"].shape == "fall-rise"
    assert change["NELL"].shape == "flat"  # the narrator who only watches has no arc


def test_too_little_material_is_unknown_not_read(story: Story) -> None:
    eve = arc.arc_change(story)["EVE"]
    assert eve.units == 1
    assert eve.shape == "unknown"
    assert eve.start is None and eve.delta is None and eve.low is None


def test_noisy_change_is_unknown_not_flat() -> None:
    # alternating extremes: the interval of the change is wide and contains 0
    scenes = [[("ANNA", SAD if i % 2 else HAPPY)] for i in range(9)]
    assert arc.arc_change(story_of(scenes))["ANNA"].shape == "unknown"


def test_late_entrance_uses_the_characters_own_thirds() -> None:
    scenes: list[list[tuple[str, str]]] = [[("BEN", PLAIN)] for _ in range(SCENES)]
    for i in range(6, SCENES):
        tone = SAD if i < 8 else PLAIN if i < 10 else HAPPY
        scenes[i] = [("ANNA", tone), ("BEN", PLAIN)] * 3
    change = arc.arc_change(story_of(scenes))["ANNA"]
    assert change.units == 18
    assert change.start == pytest.approx(arc.sentiment(SAD), abs=1e-4)
    assert change.end == pytest.approx(arc.sentiment(HAPPY), abs=1e-4)
    assert change.shape == "rise"


def test_results_are_reproducible_and_do_not_leak_between_stories(story: Story) -> None:
    first = arc.arc_change(story)
    assert arc.arc_change(story) == first
    other = story_of([[("ANNA", HAPPY)] for _ in range(SCENES)])
    assert arc.arc_change(other)["ANNA"].shape == "flat"
    assert arc.arc_change(story)["ANNA"].shape == "rise"


def test_every_non_group_character_gets_an_arc(story: Story) -> None:
    names = {c.name for c in story.cast if not c.group}
    assert set(arc.arc_change(story)) == names
    assert set(arc.vocabulary_drift(story)) == names


BOATS = "boat sail harbor anchor wave tide mast rope deck keel"
BREAD = "bread flour oven yeast crust dough loaf butter salt knead"


def test_vocabulary_drift_from_one_topic_to_another() -> None:
    scenes = []
    for i in range(20):
        scenes.append(
            [
                ("ANNA", BOATS if i < 10 else BREAD),
                ("BEN", BOATS if i % 2 else BREAD),
            ]
        )
    drift = arc.vocabulary_drift(story_of(scenes))
    assert drift["ANNA"] is not None and drift["ANNA"] > 0.5
    assert drift["BEN"] is not None and abs(drift["BEN"]) < 0.1


def test_vocabulary_drift_needs_enough_words(story: Story) -> None:
    assert arc.vocabulary_drift(story)["EVE"] is None


def test_content_words_drop_stop_words() -> None:
    assert arc.content_words("I don't know what the BOAT is, Anna's boat") == [
        "know",
        "boat",
        "anna's",
        "boat",
    ]


def test_tone_words_quote_what_changed(story: Story) -> None:
    words = dict(arc.tone_words(story, "ANNA")["early"])
    assert "miserable" in words and "happy" not in words
    assert "happy" in dict(arc.tone_words(story, "ANNA")["late"])


def test_jensen_shannon_on_counts_by_hand() -> None:
    """Halves {a, b} and {a, c}: m = (1/2, 1/4, 1/4); each KL to m is 1/2 bit.

    `_jsd` takes the first half and the whole (the second half is their difference)."""
    whole = Counter({"a": 2, "b": 1, "c": 1})
    assert arc._jsd(Counter({"a": 1, "b": 1}), whole) == pytest.approx(0.5)
    assert arc._jsd(Counter({"a": 3}), Counter({"a": 8})) == pytest.approx(0.0)
    assert arc._jsd(Counter(), Counter({"a": 1})) == 0.0
    assert arc._jsd(Counter({"a": 1}), Counter({"a": 1})) == 0.0
    assert arc._jsd(Counter({"a": 2}), Counter({"a": 2, "b": 3})) == pytest.approx(1.0)


def test_units_of_one_character_equal_their_share_of_all(story: Story) -> None:
    assert arc.units(story, names=["ANNA"]) == {"ANNA": arc.units(story)["ANNA"]}


def test_drift_reads_the_words_units_kept_as_it_would_read_the_text() -> None:
    """Speech units carry their content words (one tokenisation for tone and drift)."""
    scenes = [[("ANNA", BOATS if i < 10 else BREAD)] for i in range(20)]
    found = story_of(scenes)
    kept = arc.units(found)
    assert all(u.words == tuple(arc.content_words(u.text)) for u in kept["ANNA"] if u.speech)
    bare = {
        name: [arc.Unit(*(getattr(u, f) for f in arc.Unit.__slots__[:-1])) for u in units]
        for name, units in kept.items()
    }
    assert all(not u.words for us in bare.values() for u in us)
    drift = arc.vocabulary_drift(found, text_units=kept)
    assert drift == arc.vocabulary_drift(found, text_units=bare)
    assert drift["ANNA"] is not None


def test_drift_cuts_in_one_array_equal_each_cut_alone_to_the_last_bit() -> None:
    import numpy as np

    from whosestory.measures.arc import _jsd_rows

    def one_cut(first: np.ndarray, total: np.ndarray) -> float:  # the earlier, cut by cut
        second = total - first
        p_total, q_total = int(first.sum()), int(second.sum())
        if p_total == 0 or q_total == 0:
            return 0.0
        a, b = first / p_total, second / q_total
        m = (a + b) / 2
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(a > 0, a * np.log2(a / m), 0.0)
            terms = terms + np.where(b > 0, b * np.log2(b / m), 0.0)
        return float(terms.sum()) / 2

    rng = np.random.default_rng(3)
    for width in (1, 7, 130, 1001):
        total = rng.integers(0, 9, width) + 1
        firsts = np.stack([rng.integers(0, t + 1) for t in [total] * 11] + [total * 0, total])
        expected = [one_cut(row, total) for row in firsts]
        assert _jsd_rows(firsts, total) == expected


def test_generators_draw_as_default_rng_with_the_name_in_the_seed() -> None:
    """`_rng` keeps a name's seed words and hands them to PCG64 again: the same draws as a
    fresh ``default_rng([seed, crc32(name)])``, asked once or many times."""
    import zlib

    import numpy as np

    from whosestory.measures.arc import _rng

    for name in ("ANNA", "Fürst", "", "ГЕРМАН"):
        for seed in (0, 1, 2**40):
            entropy = [seed, zlib.crc32(name.encode("utf-8"))]
            for kept in (_rng(name, seed), _rng(name, seed)):  # made, then kept
                fresh = np.random.default_rng(entropy)
                assert kept.bit_generator.state == fresh.bit_generator.state
                assert (kept.integers(0, 1000, 50) == fresh.integers(0, 1000, 50)).all()
                assert (kept.permutation(20) == fresh.permutation(20)).all()
    with pytest.raises(ValueError):
        _rng("ANNA", -1)
