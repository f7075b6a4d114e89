"""The title family of the role models' features, on stories of our own."""

from __future__ import annotations

from pathlib import Path

import whosestory
from whosestory.features import title_features


def _story(tmp_path: Path, title: str, cues: list[str]) -> whosestory.Story:
    body = "".join(
        f"INT. MILL - DAY {i}\n\n{cue}\nA line of mine, number {i}.\n\n"
        for i, cue in enumerate(cues)
    )
    path = tmp_path / "story.fountain"
    path.write_text(f"Title: {title}\nAuthor: Someone\n\n{body}", encoding="utf-8")
    return whosestory.load(path)


def _features(story: whosestory.Story) -> dict[str, dict[str, float]]:
    names = {c.name: c.names() for c in story.cast if not c.group}
    return title_features(story, names)


def test_a_two_letter_name_that_is_the_whole_name_is_found_in_the_title(tmp_path: Path) -> None:
    # regression: words of fewer than 3 letters were never name words, so Fair Em named no one
    story = _story(tmp_path, "Fair Em", ["EM", "WILLIAM", "EM", "WILLIAM", "MILLER"])
    features = _features(story)
    assert features["EM"]["title_names"] == 1.0
    assert features["EM"]["title_whole_name"] == 1.0
    assert features["WILLIAM"]["title_names"] == 0.0


def test_short_function_words_of_a_title_name_no_one(tmp_path: Path) -> None:
    # "of" and "in" are title words of two letters, but only a whole two-letter name can match one
    story = _story(tmp_path, "A Night in Town", ["TOWN CRIER", "ANNA", "TOWN CRIER", "ANNA"])
    features = _features(story)
    assert features["TOWN CRIER"]["title_names"] == 1.0
    assert features["ANNA"]["title_names"] == 0.0


def test_an_article_in_a_name_does_not_make_the_title_name_it(tmp_path: Path) -> None:
    story = _story(tmp_path, "The Keeper", ["THE STRANGER", "KEEPER", "THE STRANGER", "KEEPER"])
    features = _features(story)
    assert features["THE STRANGER"]["title_names"] == 0.0
    assert features["KEEPER"]["title_alone"] == 1.0


def test_a_title_naming_two_characters_shares_it(tmp_path: Path) -> None:
    cues = ["HORACE", "SABINE MARCH", "HORACE", "SABINE MARCH", "CAMILLE"]
    features = _features(_story(tmp_path, "Horace and Sabine", cues))
    assert features["HORACE"]["title_alone"] == 0.5
    assert features["SABINE MARCH"]["title_alone"] == 0.5
    assert features["HORACE"]["title_whole_name"] == 1.0
    assert features["SABINE MARCH"]["title_whole_name"] == 0.0
    assert features["CAMILLE"]["title_names"] == 0.0
