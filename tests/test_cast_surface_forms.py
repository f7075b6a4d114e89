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


def test_regression_a_character_named_by_a_title_alone_is_found_by_it() -> None:
    # a play's King, Lady or Nurse (the whole name a title) was never found in the text,
    # so the others' words about them went uncounted; a title alone as part of a longer
    # name still names no one (Lady of LADY MACBETH, King of KING LEAR)
    forms = surface_forms(
        {"King": ["King"], "Lady Macbeth": ["Lady Macbeth"], "Lear": ["King Lear"]}
    )
    assert forms["King"] == "King" and forms["KING"] == "King"
    assert "Lady" not in forms and forms["Macbeth"] == "Lady Macbeth"
    assert forms["Lear"] == "Lear"


def test_a_royal_rank_no_one_else_holds_names_its_holder() -> None:
    # Hamlet calls Claudius "the King", never by name: his talk about his uncle went uncounted
    forms = surface_forms(
        {"King Claudius": ["King Claudius"], "Queen Gertrude": ["Queen Gertrude"]}
    )
    assert forms["King"] == "King Claudius" and forms["QUEEN"] == "Queen Gertrude"
    # two kings, or a character called King alone: the rank names no one else
    forms = surface_forms({"King": ["King"], "French King": ["French King"]})
    assert forms["King"] == "King"
    forms = surface_forms({"King Lear": ["King Lear"], "King of France": ["King of France"]})
    assert "King" not in forms
    # Lady, Sir or Doctor address anyone: never a name alone
    assert "Lady" not in surface_forms({"Lady Capulet": ["Lady Capulet"]})


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


def test_regression_an_article_or_a_number_is_no_short_form_in_any_language() -> None:
    # "Le Vieil Horace" was found by every sentence that opened with "Le" (608 such
    # mentions in the French plays, 1,188 "Der" in the German), "Erster Jäger" by "Erster"
    surfaces = surface_forms(
        {
            "Le Vieil Horace": ["Le Vieil Horace"],
            "Der Vater": ["Der Vater"],
            "Erster Jäger": ["Erster Jäger"],
            "Herr Gutherz": ["Herr Gutherz"],
            "Der Mann": ["Der Mann"],
        }
    )
    for word in ("Le", "LE", "Der", "Erster", "Herr", "Mann"):
        assert word not in surfaces
    assert surfaces["Horace"] == "Le Vieil Horace"
    assert surfaces["Vater"] == "Der Vater"
    assert surfaces["Gutherz"] == "Herr Gutherz"


def test_regression_anothers_whole_name_is_no_short_form() -> None:
    # "Ford" is Ford's own name: Mistress Ford, listed first, took it as her surname's short
    # form, and every "Ford" of the others went to her
    surfaces = surface_forms({"Mistress Ford": ["Mistress Ford"], "Ford": ["Ford"]})
    assert surfaces["Ford"] == "Ford"
    assert surfaces["Mistress Ford"] == "Mistress Ford"
    alone = surface_forms({"Lady Macbeth": ["Lady Macbeth"]})
    assert alone["Macbeth"] == "Lady Macbeth"  # with no one else of the name, hers


def test_regression_a_names_first_word_is_past_its_article() -> None:
    # "Der Hierlinger Ferdinand" (an Austrian play names a man surname first): the article
    # was the name's first word, so "Hierlinger" was never a short form
    surfaces = surface_forms({"Der Hierlinger Ferdinand": ["Der Hierlinger Ferdinand"]})
    assert surfaces["Hierlinger"] == "Der Hierlinger Ferdinand"
    assert surfaces["Ferdinand"] == "Der Hierlinger Ferdinand"
    assert "Der" not in surfaces
