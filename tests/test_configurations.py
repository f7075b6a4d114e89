"""Configurations on small plays written for these tests, in four languages.

Each play has its persons on line 1, the scene div on line 2 and one body
element per line from line 3; the expected configurations were worked out by
hand from the stage directions.
"""

from __future__ import annotations

import re

import pytest

from whosestory.build import build_story
from whosestory.measures.configurations import Configuration, configurations
from whosestory.readers import tei


def story(persons: dict[str, str], *lines: str, lang: str = "en"):
    people = "".join(
        f'<person xml:id="{ident}"><persName>{name}</persName></person>'
        for ident, name in persons.items()
    )
    data = "\n".join(
        [
            f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}"><teiHeader><profileDesc>'
            f"<particDesc><listPerson>{people}</listPerson></particDesc></profileDesc></teiHeader>",
            '<text><body><div type="scene">',
            *lines,
            "</div></body></text></TEI>",
        ]
    )
    return build_story(tei.read(data.encode(), "play.xml"))


def got(persons: dict[str, str], *lines: str, lang: str = "en") -> list[tuple[int, int, set[str]]]:
    return [
        (c.first_line, c.last_line, set(c.characters))
        for c in configurations(story(persons, *lines, lang=lang))
    ]


LAMPS = {"wren": "Wren", "cob": "Cob", "mayor": "The Mayor"}


GERMAN = {"anna": "Anna", "bruno": "Bruno", "clara": "Clara"}
FRENCH = {"lucile": "Lucile", "damis": "Damis", "valere": "Valère"}
RUSSIAN = {"ivan": "Иван", "marya": "Марья", "pyotr": "Пётр"}

CASES = {
    "english enter, exit and exeunt": (
        LAMPS,
        "en",
        [
            "<stage>Enter Wren and Cob.</stage>",
            '<sp who="#wren"><p>Light the lamps.</p></sp>',
            '<sp who="#cob"><p>I go.</p><stage>Exit.</stage></sp>',  # nobody named: the speaker
            "<stage>Enter the Mayor.</stage>",  # "the Mayor" names The Mayor
            '<sp who="#mayor"><p>Good evening.</p></sp>',
            "<stage>Exeunt.</stage>",  # everyone: an empty stage is no configuration
            '<sp who="#cob"><p>Back again.</p></sp>',  # speaking puts him on stage
        ],
        [(3, 5, {"Wren", "Cob"}), (5, 5, {"Wren"}), (6, 7, {"Wren", "The Mayor"}), (9, 9, {"Cob"})],
    ),
    "english manet and stage who": (
        LAMPS,
        "en",
        [
            "<stage>Enter Wren, Cob and the Mayor.</stage>",
            '<sp who="#wren"><p>Stay.</p></sp>',
            "<stage>Exeunt. Manet Cob.</stage>",
            '<sp who="#cob"><p>Alone.</p></sp>',
            '<stage who="#wren">Enter.</stage>',  # named by who only
            '<sp who="#cob"><p>Welcome.</p></sp>',
            '<stage who="#wren">Exit.</stage>',  # Wren leaves, not Cob who spoke last
        ],
        [
            (3, 4, {"Wren", "Cob", "The Mayor"}),
            (5, 6, {"Cob"}),
            (7, 8, {"Cob", "Wren"}),
            (9, 9, {"Cob"}),
        ],
    ),
    "english abbreviated names": (
        {"ph": "Phoenix", "fi": "Fidelio", "ca": "Castiza"},
        "en",
        [
            "<stage>Enter Phoen. and Fid.</stage>",
            '<sp who="#ph"><p>Come.</p></sp>',
            '<sp who="#fi"><p>I come.</p></sp>',
            "<stage>Exit Phoen. Enter Cast. with wine.</stage>",  # lowercase "wine." is no name
            '<sp who="#ca"><p>Drink.</p></sp>',
        ],
        [(3, 5, {"Phoenix", "Fidelio"}), (6, 7, {"Fidelio", "Castiza"})],
    ),
    "german treten auf, geht ab, beide ab": (
        GERMAN,
        "ger",
        [
            "<stage>Anna und Bruno treten auf.</stage>",
            '<sp who="#anna"><p>Guten Abend.</p></sp>',
            '<sp who="#bruno"><p>Ich gehe.</p><stage>(geht ab)</stage></sp>',
            '<sp who="#anna"><p>Allein.</p><stage>(nimmt den Hut ab)</stage></sp>',  # no exit
            "<stage>Clara tritt auf.</stage>",
            '<sp who="#clara"><p>Da bin ich.</p></sp>',
            "<stage>Beide ab.</stage>",
        ],
        [(3, 5, {"Anna", "Bruno"}), (5, 6, {"Anna"}), (7, 8, {"Anna", "Clara"})],
    ),
    "french entre, sort, sortent": (
        FRENCH,
        "fre",
        [
            "<stage>Lucile entre.</stage>",
            '<sp who="#lucile"><p>Personne.</p></sp>',
            "<stage>Damis entre.</stage>",
            '<sp who="#damis"><p>Bonjour.</p></sp>',
            '<sp who="#lucile"><p>Adieu.</p><stage>Elle sort.</stage></sp>',
            '<sp who="#damis"><p>Seul enfin.</p></sp>',
            "<stage>Valère entre.</stage>",
            '<sp who="#valere"><p>Partons.</p></sp>',
            "<stage>Ils sortent.</stage>",
        ],
        [
            (3, 4, {"Lucile"}),
            (5, 7, {"Lucile", "Damis"}),
            (7, 8, {"Damis"}),
            (9, 10, {"Damis", "Valère"}),
        ],
    ),
    "russian входит, уходит, все уходят": (
        RUSSIAN,
        "rus",
        [
            "<stage>Входит Иван.</stage>",
            '<sp who="#ivan"><p>Никого нет.</p></sp>',
            "<stage>Входят Марья и Пётр.</stage>",
            '<sp who="#marya"><p>Здравствуй.</p></sp>',
            '<sp who="#pyotr"><p>Прощай.</p><stage>Уходит.</stage></sp>',
            "<stage>Марья уходит.</stage>",
            '<sp who="#ivan"><p>Один.</p></sp>',
            "<stage>Все уходят.</stage>",
        ],
        [
            (3, 4, {"Иван"}),
            (5, 7, {"Иван", "Марья", "Пётр"}),
            (7, 7, {"Иван", "Марья"}),
            (8, 9, {"Иван"}),
        ],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_entrances_and_exits_worked_out_by_hand(case: str) -> None:
    persons, lang, lines, expected = CASES[case]
    assert got(persons, *lines, lang=lang) == expected


def test_a_new_scene_opens_on_an_empty_stage_and_indexes_run_on():
    data = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n'
        '<div type="scene"><sp who="#a"><p>One.</p></sp></div>\n'
        '<div type="scene"><sp who="#b"><p>Two.</p></sp></div>\n'
        "</body></text></TEI>"
    )
    result = configurations(build_story(tei.read(data.encode(), "p.xml")))
    assert [(c.index, c.scene, c.characters) for c in result] == [
        (0, 0, frozenset({"a"})),
        (1, 1, frozenset({"b"})),
    ]
    assert all(isinstance(c, Configuration) for c in result)


def test_scene_opening_lists_and_vorige_bring_characters_on_stage():
    people = "".join(
        f'<person xml:id="{i}"><persName>{n}</persName></person>'
        for i, n in (("anna", "Anna"), ("bruno", "Bruno"), ("clara", "Clara"))
    )
    data = "\n".join(
        [
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><particDesc>'
            f"<listPerson>{people}</listPerson></particDesc></profileDesc></teiHeader>",
            "<text><body>",
            '<div type="scene"><head>Erster Auftritt</head>',
            "<stage>Anna, Bruno.</stage>",
            '<sp who="#anna"><p>Da.</p></sp>',
            "</div>",
            '<div type="scene"><head>Zweiter Auftritt</head>',
            "<stage>Clara, Vorige.</stage>",  # the ones before: Anna and Bruno
            '<sp who="#clara"><p>Hier.</p></sp>',
            "</div>",
            '<div type="scene"><head>SCÈNE III. Clara.</head>',  # a heading that lists
            '<sp who="#clara"><p>Seule.</p></sp>',
            "</div></body></text></TEI>",
        ]
    )
    result = configurations(build_story(tei.read(data.encode(), "p.xml")))
    assert [(c.scene, c.first_line, c.last_line, set(c.characters)) for c in result] == [
        (0, 4, 5, {"Anna", "Bruno"}),
        (1, 8, 9, {"Anna", "Bruno", "Clara"}),
        (2, 11, 12, {"Clara"}),
    ]


def test_early_modern_here_commeth_in_and_goeth_out():
    assert got(
        LAMPS,
        "<stage>Here commeth in Wren.</stage>",
        '<sp who="#wren"><p>Light.</p></sp>',
        "<stage>Here Wren goeth out.</stage>",
        '<sp who="#cob"><p>Dark.</p></sp>',
    ) == [(3, 4, {"Wren"}), (6, 6, {"Cob"})]


def test_regression_a_head_that_is_only_a_name_lists_nobody():
    data = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><particDesc><listPerson>'
        '<person xml:id="ph"><persName>Phoenix</persName></person>'
        '<person xml:id="fi"><persName>Fidelio</persName></person>'
        "</listPerson></particDesc></profileDesc></teiHeader>\n"
        '<text><body><div type="act"><head>The Phoenix</head>\n'
        '<sp who="#fi"><p>Alone.</p></sp>\n'
        "</div></body></text></TEI>"
    )
    result = configurations(build_story(tei.read(data.encode(), "p.xml")))
    assert [set(c.characters) for c in result] == [{"Fidelio"}]


def test_the_name_index_tries_only_names_whose_first_word_is_in_the_text() -> None:
    from whosestory.measures.configurations import NameIndex, name_patterns
    from whosestory.model import Character

    names = name_patterns(
        [Character("Mr. Smith"), Character("The Mayor"), Character("Straß"), Character("Иван")]
    )
    index = NameIndex(names)
    forms = [names[i][1] for i in index.candidates("Enter the MAYOR and mr. Smith; STRASS.")]
    # longest first: "the mayor", then "mayor"; Straß by its case folding (the pattern decides)
    assert forms == ["Mr. Smith", "The Mayor", "Straß", "The Mayor"]
    assert [names[i][1] for i in index.candidates("ИВАН уходит.")] == ["Иван"]
    assert index.candidates("Exeunt.") == []


def test_the_name_index_tries_only_names_whose_checked_words_are_in_the_text() -> None:
    from whosestory.measures.configurations import NameIndex, name_patterns
    from whosestory.model import Character

    names = name_patterns([Character("Der Patriot"), Character("Der Abonnent"), Character("Smith")])
    index = NameIndex(names)
    forms = [names[i][0].pattern for i in index.candidates("Der PATRIOT tritt ein.")]
    assert forms == [r"(?<!\w)der\ patriot(?!\w)", r"(?<!\w)patriot(?!\w)"]
    assert index.candidates("Der Kaiser tritt ein.") == []
    # "İ" matches "i" under re.IGNORECASE, and folds to it
    text = "Der Abonnent und der PATRİOT."
    tried = [names[i][1] for i in index.candidates(text)]
    assert tried == ["Der Abonnent", "Der Patriot", "Der Abonnent"]
    assert all(names[i][0].search(text) for i in index.candidates(text))


def test_every_character_that_matches_a_checked_letter_folds_to_it() -> None:
    """`NameIndex` leaves out a name when no word of the text folds to one of its checked
    words: sound only if every code point that `re.IGNORECASE` lets match a checked
    letter folds to it, which is tried here for each of them."""
    from whosestory.measures.configurations import checked, folded

    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    letters = [chr(i) for i in range(0x600) if checked(chr(i))]
    assert "a" in letters and "ä" in letters and "ж" in letters and "ı" not in letters
    for letter in letters:
        for other in re.compile(re.escape(letter), re.IGNORECASE).findall(every):
            assert folded(other) == letter, (letter, other)
    # a word's folding is its characters' (no word character folds to a lone combining dot)
    word = re.compile(r"\w")
    assert not [c for c in every if c.casefold().startswith("\u0307") and word.match(c)]


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_name_index_changes_no_configuration(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whosestory.measures import configurations as module

    persons, lang, lines, _ = CASES[case]
    indexed = got(persons, *lines, lang=lang)
    monkeypatch.setattr(
        module.NameIndex,
        "candidates",
        lambda self, text: sorted({*self.always, *(i for v in self.by_word.values() for i in v)}),
    )
    assert got(persons, *lines, lang=lang) == indexed


def test_an_abbreviation_names_the_one_character_whose_name_word_it_begins() -> None:
    from whosestory.measures.configurations import NameIndex

    words = {"phoenix": {"Phoenix"}, "phoebe": {"Phoebe"}, "lussurioso": {"Lussurioso"}}
    index = NameIndex([])
    assert index.beginning("phoen", words) == {"Phoenix"}
    assert index.beginning("phoe", words) == {"Phoenix", "Phoebe"}
    assert index.beginning("lussurioso", words) == set()  # the whole word is no abbreviation
    assert index.beginning("zed", words) == set()


def test_clauses_split_where_the_plain_pattern_splits() -> None:
    import random
    import re

    from whosestory.measures import configurations

    configurations._compile()
    plain = re.compile(r"(?<=[.;!?])\s+|\s*[()\[\]]\s*")
    rng = random.Random(9)
    alphabet = list(" \t\n\u00a0\u2003.;!?()[]ab,")
    texts = ["Ab. (Man hört Lärm.) Beide ab.", "Exit. [Aside] He goes; she stays!  (Bows.)"]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(0, 25))) for _ in range(20000)]
    for text in texts:
        assert configurations._CLAUSE.split(text) == plain.split(text), repr(text)
