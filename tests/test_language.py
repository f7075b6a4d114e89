"""Languages: detection, Unicode tokens, lexicon values worked out by hand in each
supported language, and proof that no English resource reads a German, French or
Russian story."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from whosestory import analysis, language, lexicons, mentions
from whosestory.build import build_story
from whosestory.lexicons import closed
from whosestory.measures import agency, arc, interiority
from whosestory.measures.sentiment import scorer
from whosestory.model import Element, Kind, Script, Span, Story

H, A, D = Kind.HEADING, Kind.ACTION, Kind.DIALOGUE


def compound(total: float) -> float:
    """VADER's normalisation, as the module documents it."""
    return total / math.sqrt(total * total + 15)


def story_of(items: list[tuple[Kind, str, str | None]], lang: str | None = None) -> Story:
    elements = tuple(
        Element(kind, text, Span(i + 1, i + 1), cue=cue)
        for i, (kind, text, cue) in enumerate(items)
    )
    return build_story(
        Script(format="test", source="language.test", elements=elements, language=lang)
    )


# ------------------------------------------------------------------ tokens and detection


def test_unicode_tokens_survive() -> None:
    assert language.tokens("Glück! Ça va? ёлка.") == ["glück", "ça", "va", "ёлка"]
    assert language.tokens("Ёлка, что-то", "ru") == ["елка", "что-то"]
    assert language.tokens("L'amour, peut-être", "fr") == ["l'", "amour", "peut-être"]
    assert language.tokens("Don't stop, non-stop 42", "en") == ["don't", "stop", "non-stop"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The man looks at the door and he is not happy with it.", "en"),
        ("Der Mann sieht die Tür an, und er ist nicht glücklich damit.", "de"),
        ("Ça alors ! Elle regarde la porte et il ne dit rien de plus.", "fr"),
        ("Он смотрит на ёлку и не знает, что ей сказать.", "ru"),
        ("La donna guarda la porta e non dice niente, perché è triste.", "it"),
        ("", None),
        ("42 17 !!", None),
    ],
)
def test_detect_small_texts(text: str, expected: str | None) -> None:
    assert language.detect(text) == expected


def test_declared_codes_are_read_as_iso_639_1() -> None:
    assert [language.code(c) for c in ("ger", "deu", "fre", "rus", "en-GB", "", None)] == [
        "de",
        "de",
        "fr",
        "ru",
        "en",
        None,
        None,
    ]


def test_declared_language_wins_over_detection() -> None:
    story = story_of([(H, "INT. ROOM - DAY", None), (D, "The door is open.", "ANNA")], "ger")
    assert story.language == "de"
    assert language.story_language(story) == "de"


def test_support_and_reasons() -> None:
    for code in language.SUPPORTED:
        assert all(language.lexicon_support(code).values()), code
        assert language.unavailable(code) == {}
    missing = language.unavailable("it")
    assert set(missing) == {"sentiment", "interiority", "agency", "pronouns"}
    assert "'it'" in missing["sentiment"]
    assert set(language.unavailable(None)) == set(language.MEASURES)


def test_stop_word_lists_read_whole_equal_the_packages() -> None:
    """`lexicons` reads the ``stop-words`` files itself: the same sets, every language."""
    from stop_words import LANGUAGE_MAPPING, get_stop_words

    lists = lexicons.detection_lists()
    assert list(lists) == list(LANGUAGE_MAPPING)
    for code in LANGUAGE_MAPPING:
        words = get_stop_words(code)
        assert lists[code] == frozenset(w.lower() for w in words), code
        if code != "en":  # English keeps the project's own list
            assert lexicons.stop_words(code) == frozenset(lexicons.normal(w, code) for w in words)
    assert lexicons.stop_words("xx") is None


# ------------------------------------------------------------------ lexicon values by hand

GLUECK = 1.7535  # German Polarity Lexicon "Glück" +1.0, x 1.7535 (sentiment-de.tsv)
HEUREUX = 4.0  # Pattern "heureux" +0.94 x 6.0853, clipped to 4
KHOROSHO = 1.5432  # Chen-Skiena "хорошо" +1 x 1.5432


@pytest.mark.parametrize(
    ("lang", "text", "total"),
    [
        ("de", "Das ist ein Glück.", GLUECK),
        ("de", "Die Frau war da.", 0.0),  # VADER read "die" and "war" as -2.9
        ("de", "Das ist kein Glück.", GLUECK * -0.74),
        ("de", "Das ist ein sehr großes Glück.", None),  # "großes" is no lexicon word
        ("de", "Glück, aber traurig", GLUECK * 0.5 - 1.7535 * 1.5),
        ("fr", "Il est heureux.", HEUREUX),
        ("fr", "Il n'est pas heureux.", HEUREUX * -0.74),
        ("fr", "Il est très heureux !", HEUREUX + 0.293 + 0.292),
        ("ru", "Это хорошо.", KHOROSHO),
        ("ru", "Это не хорошо.", KHOROSHO * -0.74),
        # the booster before "хорошо" reaches "горе" too, three words on (x 0.9), as in VADER
        ("ru", "Очень хорошо, но горе.", (KHOROSHO + 0.293) * 0.5 - (1.5432 + 0.2637) * 1.5),
    ],
)
def test_lexicon_values_by_hand(lang: str, text: str, total: float | None) -> None:
    found = scorer(lang)
    assert found is not None and found.language == lang
    if total is None:  # a booster three words back, dampened: 0.293 x 0.95
        total = GLUECK + 0.293 * 0.95
    assert found.compound(text) == pytest.approx(compound(total) if total else 0.0, abs=1e-4)


def test_no_scorer_without_a_lexicon() -> None:
    assert scorer("it") is None
    assert scorer(None) is None
    assert arc.sentiment("La donna è felice.", "it") is None


# ------------------------------------------------------------------ no English on other languages

STORIES = {
    "de": [
        (H, "1. AUFZUG", None),
        (A, "Anna sieht den Brief. Sie horcht. Anna nimmt das Glas.", None),
        (D, "Welch ein Glück! Ich bin so froh und die Sonne scheint.", "ANNA"),
        (D, "Ich bin traurig, es ist ein Unglück.", "BEN"),
        (A, "Ben lacht. Er geht zu Anna.", None),
    ],
    "fr": [
        (H, "ACTE I", None),
        (A, "Marie regarde la mer. Elle l'observe. Marie prend la lettre.", None),
        (D, "Je suis heureux, la vie est belle et douce.", "MARIE"),
        (D, "Je suis triste et malheureux.", "PAUL"),
        (A, "Paul sort. Il va vers Marie.", None),
    ],
    "ru": [
        (H, "ДЕЙСТВИЕ ПЕРВОЕ", None),
        (A, "Маша смотрит в окно. Она слушает. Маша берёт письмо.", None),
        (D, "Как хорошо! Я счастлива, и ёлка такая красивая.", "МАША"),
        (D, "Мне плохо, это горе.", "ИВАН"),
        (A, "Иван молчит. Он подходит к Маше.", None),
    ],
}


class _NoEnglish(dict):
    """A table keyed by language that fails the test when its English entry is read."""

    def __getitem__(self, key: str) -> object:
        assert key != "en", "an English resource was read"
        return super().__getitem__(key)

    def get(self, key: str, default: object = None) -> object:
        assert key != "en", "an English resource was read"
        return super().get(key, default)


class _Refused:
    def __getattr__(self, name: str) -> object:
        raise AssertionError("the English pronoun pattern was used")

    def __getitem__(self, key: str) -> object:
        raise AssertionError("the English pronoun list was used")


@pytest.fixture
def english_forbidden(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every English resource raises: VADER's lexicon and rules, stop words, closed lists."""

    def refuse(*_: object) -> object:
        raise AssertionError("VADER's English lexicon was read")

    for table in (
        "GENDERED_PRONOUNS",
        "SUBJECT_PRONOUNS",
        "OBJECT_PRONOUNS",
        "PERCEPTION_VERBS",
        "SUBJECT_VERB_GAP",
        "CONTRAST",
        "AGENCY_VERB_ENDINGS",
        "AGENCY_NOT_VERBS",
        "OBJECT_AFTER_VERB",
        "OBJECT_PREPOSITIONS",
        "AGENCY_GAP",
    ):
        monkeypatch.setattr(closed, table, _NoEnglish(getattr(closed, table)))
    monkeypatch.setattr(closed, "STOP_WORDS_EN", _Refused())
    monkeypatch.setattr(lexicons, "_vader_lexicon", refuse)
    monkeypatch.setattr(mentions, "_PRONOUNS", _Refused())
    monkeypatch.setattr(mentions, "_PRONOUN_RE", _Refused())
    cached = (lexicons.sentiment, lexicons.sentiment_rules, lexicons.stop_words, agency._rules)
    cached += (interiority._verb_after,)
    for function in cached:
        function.cache_clear()
    yield
    for function in cached:
        function.cache_clear()


@pytest.mark.parametrize("lang", ["de", "fr", "ru"])
@pytest.mark.parametrize("declared", [True, False])
def test_no_english_resource_reads_other_languages(
    english_forbidden: None, lang: str, declared: bool
) -> None:
    story = story_of(STORIES[lang], lang if declared else None)
    assert language.story_language(story) == lang
    result = analysis.analyze(story)
    assert result.language == lang
    assert result.unavailable == {}
    first, second = STORIES[lang][2][2], STORIES[lang][3][2]
    early = dict(arc.tone_words(story, first)["early"])
    assert early and all(w in lexicons.sentiment(lang) for w in early)  # type: ignore[operator]
    spoken = {n: [u.score for u in us if u.speech] for n, us in arc.units(story).items()}
    assert spoken[first][0] > 0 > spoken[second][0]  # type: ignore[operator]
    assert interiority.perception_verbs(story)[first] == 2
    assert agency.subject_counts(story)[first][0] >= 2


def test_counts_by_hand_per_language() -> None:
    de = story_of(STORIES["de"])
    # Anna sieht (name), Sie horcht (pronoun); nimmt is no perception verb
    assert interiority.perception_verbs(de) == {"ANNA": 2, "BEN": 0}
    # subject: Anna sieht, Sie horcht, Anna nimmt, Ben lacht, Er geht; object: zu Anna
    assert agency.subject_counts(de) == {"ANNA": (3, 1), "BEN": (2, 0)}
    fr = story_of(STORIES["fr"])
    assert interiority.perception_verbs(fr) == {"MARIE": 2, "PAUL": 0}
    ru = story_of(STORIES["ru"])
    # "к Маше" is an inflected name: not found, so no object
    assert interiority.perception_verbs(ru) == {"МАША": 2, "ИВАН": 0}
    assert agency.subject_counts(ru) == {"МАША": (3, 0), "ИВАН": (2, 0)}


def test_a_language_without_resources_gets_absent_measures_not_zero() -> None:
    story = story_of(
        [
            (H, "ATTO PRIMO", None),
            (A, "Anna guarda il mare. Lei ascolta e non dice niente.", None),
            (D, "Sono felice, che bella giornata per tutti noi.", "ANNA"),
            (D, "Io sono triste e non ho niente da dire.", "BEN"),
        ]
    )
    assert language.story_language(story) == "it"
    result = analysis.analyze(story)
    assert set(result.unavailable) == {"sentiment", "interiority", "agency", "pronouns"}
    assert result.arcs == {}
    for measure in ("change", "interiority", "perception_verbs", "subject", "agency"):
        assert result.tables[measure] == {}, measure
    assert arc.trajectory(story, "ANNA") == []
    assert arc.tone_words(story, "ANNA") == {}
    assert interiority.interiority(story) == {}


def test_cyrillic_names_are_found_in_stage_directions() -> None:
    """Regression: surface forms required an ASCII capital, so no Russian name was found."""
    story = story_of(STORIES["ru"])
    named = {m.character for m in story.mentions if m.via == "name"}
    assert named == {"МАША", "ИВАН"}


def test_pronouns_follow_the_story_language() -> None:
    de = story_of(STORIES["de"])
    pronouns = {m.text for m in de.mentions if m.via == "pronoun"}
    assert pronouns == {"Sie", "Er"}
    assert mentions.infer_genders(["ANNA"], ["Anna lacht, sie geht."], "de") == {"ANNA": "f"}
    assert mentions.infer_genders(["ANNA"], ["Anna lacht, sie geht."], "it") == {"ANNA": None}


def test_holding_any_finds_what_lower_and_in_find() -> None:
    texts = ["He looks INTO THE CAMERA.", "", "Nothing here", "a cop, a Priest", "to us", "COP"]
    words = ("camera", "cop", "to us")
    expected = [i for i, t in enumerate(texts) if any(w in t.lower() for w in words)]
    assert language.holding_any(texts, words) == expected == [0, 3, 4, 5]
    assert language.holding_any([], words) == []
    assert language.holding_any(["x"], ()) == []


def test_holding_any_returns_every_text_when_one_folds_to_ascii_under_ignorecase() -> None:
    # re.IGNORECASE matches ſ to s and İ to i, which lower() does not: a pattern run on
    # the texts returned must still find "ſtory" and "İnto the camera"
    for odd in ("tells his ſtory", "İnto the lens", "Kelvin \u212a"):
        assert language.holding_any(["plain", odd, "more"], ("story", "lens")) == [0, 1, 2]
