"""The per-speech measures read a story's texts in one pass (perf21): the same values as
text by text, to the bit, in every language with a lexicon."""

from __future__ import annotations

import pytest

from whosestory.build import build_story
from whosestory.language import tokens
from whosestory.measures import agency, arc, interiority
from whosestory.measures.sentiment import Scorer, scorer
from whosestory.model import Element, Kind, Script, Span, Story

TEXTS = {
    "en": [
        "",
        "The train leaves at noon.",
        "I love it and I hate it.",
        "I don't love it, but I am not sad.",
        "No good comes of it. It is kind of nice, so nice!!",
        "This is very good?? Never so good, without doubt.",
        "He isn’t happy. We won’t cry.",
        "Great great great wonderful awful.",
    ],
    "de": ["", "Das ist gut.", "Das ist nicht gut, aber sehr schön!", "Ich liebe und hasse es."],
    "fr": ["", "C'est bon.", "Ce n'est pas bon, mais très beau.", "J'aime et je déteste ça?!?"],
    "ru": ["", "Это хорошо.", "Это не хорошо, но очень красиво!", "Ёлка прекрасна и ужасна."],
}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_compounds_of_a_storys_texts_equal_each_texts_compound(language: str) -> None:
    tone = scorer(language)
    assert isinstance(tone, Scorer)
    texts = TEXTS[language]
    words = [tokens(text, language) for text in texts]
    expected = [tone.compound(text) for text in texts]
    assert tone.compounds(texts, words) == expected
    assert any(expected)  # the lexicons do read these texts


def test_compounds_refuse_words_of_another_count() -> None:
    tone = scorer("en")
    assert tone is not None
    with pytest.raises(ValueError):
        tone.compounds(["good", "bad"], [["good"]])


def _story(language: str, lines: list[tuple[str, str]]) -> Story:
    """One scene per two lines, lines of (cue or "" for action, text)."""
    elements: list[Element] = []
    for line, (cue, text) in enumerate(lines, start=1):
        if line % 3 == 1:
            elements.append(Element(Kind.HEADING, f"INT. ROOM {line} - DAY", Span(line, line)))
        kind = Kind.DIALOGUE if cue else Kind.ACTION
        elements.append(Element(kind, text, Span(line, line), cue=cue or None))
    script = Script(format="test", source="per-speech.test", elements=tuple(elements))
    story = build_story(script)
    assert story.language in (None, language) or story.language == language
    return story


NAMES = {
    # a name with an apostrophe, a Cyrillic name, a name inside another word (ANN in ANNA)
    "en": [
        ("O'HARA", "I love this town, but I hate the rain."),
        ("", "O'Hara watches the rain. Ann sees Anna."),
        ("ANN", "I don't think it is so bad."),
        ("ANNA", "Anna is happy! Great news."),
        ("", "Anna grabs Ann. O'Hara sees them."),
        ("ANN", "No, no good will come of it."),
    ],
    "ru": [
        ("НИНА", "Я люблю этот город, но ненавижу дождь."),
        ("", "Нина смотрит на дождь."),
        ("ЁЖИК", "Это не плохо, это очень хорошо!"),
        ("НИНА", "Прекрасно."),
        ("", "Ёжик уходит к Нине."),
        ("ЁЖИК", "Ужасно."),
    ],
}


@pytest.mark.parametrize("language", sorted(NAMES))
def test_units_score_each_text_as_compound_does(language: str) -> None:
    story = _story(language, NAMES[language])
    tone = scorer(language)
    assert tone is not None
    found = arc.units(story, language)
    assert any(found.values())
    for units_of in found.values():
        assert [(u.scene, u.line) for u in units_of] == sorted((u.scene, u.line) for u in units_of)
        for unit in units_of:
            if unit.speech:
                assert unit.score == tone.compound(unit.text)
                assert list(unit.words) == arc.content_words(unit.text, language)


def test_a_name_inside_another_word_keeps_its_own_units() -> None:
    story = _story("en", NAMES["en"])
    found = arc.units(story, "en")
    spoken = {name: [u.text for u in units_of if u.speech] for name, units_of in found.items()}
    assert spoken["ANN"] == ["I don't think it is so bad.", "No, no good will come of it."]
    assert spoken["ANNA"] == ["Anna is happy! Great news."]


def test_names_keep_their_roles_and_perceptions() -> None:
    story = _story("en", NAMES["en"])
    roles = sorted((r.character, r.line, r.subject) for r in agency.roles(story, "en"))
    assert roles == ROLES
    hits = [(h.character, h.line, h.quote) for h in interiority.perception_hits(story, "en")]
    assert hits == HITS


# as before the one-pass reading (main at 1eb2fff): a name inside another word (Ann in
# Anna) keeps its own roles; O'Hara is a cue, not named in the action
ROLES = [("ANN", 2, True), ("ANN", 5, False), ("ANNA", 2, False), ("ANNA", 5, True)]
HITS = [("ANN", 2, "O'Hara watches the rain. Ann sees Anna.")]
