"""Names a play's cast list says a character goes under (a disguise), on plays of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

import whosestory
from tests.tei_plays import tei_play
from whosestory.features import title_features

BODY = """<div type="act"><head>Erster Akt</head>
<sp who="#lena"><speaker>LENA</speaker><p>Ich trage die Schlüssel, Meister.</p></sp>
<sp who="#kurt"><speaker>KURT</speaker><p>Gut so, Fidelio. Du bist fleißig.</p></sp>
<sp who="#lena"><speaker>LENA</speaker><p>Wo ist der Gefangene?</p></sp>
<sp who="#kurt"><speaker>KURT</speaker><p>Unten, Fidelio, ganz unten.</p></sp>
</div>"""
CAST = {"lena": "Lena", "kurt": "Kurt"}


def _names(path: Path, name: str) -> tuple[str, ...]:
    story = whosestory.load(path)
    return next(c for c in story.cast if c.name == name).names()


@pytest.mark.parametrize(
    ("item", "alias"),
    [
        ("Lena, seine Gehilfin, unter dem Namen Fidelio (Sopran)", "Fidelio"),
        ("Lena, sa servante, sous le nom de Fidelio.", "Fidelio"),
        ("Lena, his helper, disguised as Fidelio", "Fidelio"),
        ("<role corresp='#lena'>LENA</role>, под именем Fidelio", "Fidelio"),
    ],
)
def test_the_name_a_character_goes_under_is_one_of_its_names(
    tmp_path: Path, item: str, alias: str
) -> None:
    front = (
        f"<castList><castItem>{item}</castItem><castItem>Kurt, Kerkermeister</castItem></castList>"
    )
    path = tei_play(tmp_path, "fidelio", "de", CAST, BODY, title="Fidelio", front=front)
    assert alias in _names(path, "Lena")
    assert alias not in _names(path, "Kurt")


def test_the_disguise_name_counts_in_the_title_and_in_what_others_say(tmp_path: Path) -> None:
    front = "<castList><castItem>Lena, unter dem Namen Fidelio</castItem></castList>"
    path = tei_play(tmp_path, "fidelio", "de", CAST, BODY, title="Fidelio", front=front)
    story = whosestory.load(path)
    names = {c.name: c.names() for c in story.cast}
    assert title_features(story, names)["Lena"]["title_names"] == 1.0
    assert sum(m.character == "Lena" and m.via == "speech" for m in story.mentions) == 2


@pytest.mark.parametrize(
    "item",
    [
        "Lena, disguised as a lady",  # a description, not a name
        "Lena, sous le nom",  # no name after the phrase
        "Somebody Else, unter dem Namen Fidelio",  # no declared person of that name
        "Lena, unter dem Namen Ein sehr langer Name aus vielen Worten",  # not a name
    ],
)
def test_no_name_is_taken_where_the_cast_list_gives_none(tmp_path: Path, item: str) -> None:
    front = f"<castList><castItem>{item}</castItem></castList>"
    path = tei_play(tmp_path, "play", "de", CAST, BODY, front=front)
    assert _names(path, "Lena") == ("Lena", "lena")


def _epithets(path: Path, name: str) -> tuple[str, ...]:
    story = whosestory.load(path)
    return next(c for c in story.cast if c.name == name).epithets


@pytest.mark.parametrize(
    ("title", "front"),
    [
        # a castItem, a roleDesc, another language
        ("Die Schließerin", "<castList><castItem>Lena, die Schließerin.</castItem></castList>"),
        (
            "Die Schließerin",
            "<castList><castItem><role>Lena,</role> <roleDesc>die Schließerin.</roleDesc>"
            "</castItem><castItem>Kurt, Kerkermeister.</castItem></castList>",
        ),
        ("La Geôlière", "<castList><castItem>LENA, la geôlière.</castItem></castList>"),
        # an early print's list of persons: a list item, and a label with its item
        (
            "The Keeper of the Keys",
            '<div type="dramatis_personae"><list><item>Kurt, a jailer.</item>'
            "<item>Lena, The Keeper of the Keys. </item></list></div>",
        ),
        (
            "The Keeper of the Keys",
            '<div type="dramatis_personae"><list><label>Kurt, </label><item>A jailer.</item>'
            "<label>Lena. </label><item>The Keeper of the Keys. </item></list></div>",
        ),
    ],
)
def test_a_title_the_cast_list_gives_as_a_description_is_the_characters_epithet(
    tmp_path: Path, title: str, front: str
) -> None:
    path = tei_play(tmp_path, "keeper", "de", CAST, BODY, title=title, front=front)
    assert _epithets(path, "Lena") == (title,)
    assert _epithets(path, "Kurt") == ()
    story = whosestory.load(path)
    names = {c.name: (*c.names(), *c.epithets) for c in story.cast}
    assert title_features(story, names)["Lena"]["title_names"] == 1.0
    # an epithet is no name the others use: nothing in the text is found by it
    assert title not in _names(path, "Lena")


@pytest.mark.parametrize(
    ("title", "front"),
    [
        # regression: two persons listed one after the other, the second the title's name
        ("Kurt", "<castList><castItem>Lena.</castItem><castItem>Kurt.</castItem></castList>"),
        ("Kurt", "<castList><castItem>Lena, Kurt.</castItem></castList>"),
        # the title in a longer description, or owned by someone else
        (
            "Die Schließerin",
            "<castList><castItem>Lena, Tochter der Schließerin Marthe.</castItem></castList>",
        ),
        (
            "Die Schließerin",
            "<castList><castItem>Lena, die Schließerin, Kurts Gehilfin.</castItem></castList>",
        ),
        # two persons described by the title: no one owns it
        (
            "Die Schließerin",
            "<castList><castItem>Lena, die Schließerin.</castItem>"
            "<castItem>Kurt, die Schließerin.</castItem></castList>",
        ),
    ],
)
def test_no_epithet_where_the_list_does_not_give_the_title_to_one_person(
    tmp_path: Path, title: str, front: str
) -> None:
    path = tei_play(tmp_path, "keeper", "de", CAST, BODY, title=title, front=front)
    assert _epithets(path, "Lena") == ()
    assert _epithets(path, "Kurt") == ()


RUSSIAN_BODY = """<div type="act"><head>Действие первое</head>
<sp who="#treplev"><speaker>ТРЕПЛЕВ</speaker><p>Мама, я пишу пьесу.</p></sp>
<sp who="#sorin"><speaker>СОРИН</speaker><p>Константин, не спорь. Иван Петрович ждет.</p></sp>
<sp who="#vojnitskij"><speaker>ВОЙНИЦКИЙ</speaker><p>Константин прав.</p></sp>
</div>"""
RUSSIAN_CAST = {"treplev": "Треплев", "sorin": "Сорин", "vojnitskij": "Войницкий"}


def test_regression_the_fuller_name_a_cast_list_opens_with_is_one_of_the_names(
    tmp_path: Path,
) -> None:
    # DraCor's Russian lists of persons give the surname (Треплев) and the play's cast list
    # the whole name (Константин Гаврилович Треплев), by which the others call him: none
    # of the others' words about Treplev counted in *The Seagull*
    front = (
        "<castList><castItem>Константин Гаврилович Треплев, ее сын.</castItem>"
        "<castItem>Войницкий Иван Петрович, ее сын</castItem>"
        "<castItem>Сорин</castItem></castList>"
    )
    path = tei_play(tmp_path, "chaika", "ru", RUSSIAN_CAST, RUSSIAN_BODY, front=front)
    assert "Константин Гаврилович Треплев" in _names(path, "Треплев")
    assert "Войницкий Иван Петрович" in _names(path, "Войницкий")
    story = whosestory.load(path)
    talked = [m.character for m in story.mentions if m.via == "speech"]
    assert talked.count("Треплев") == 2
    assert talked.count("Войницкий") == 1


@pytest.mark.parametrize(
    "item",
    [
        "Frau Kurt, seine Frau",  # a title a family shares: his wife, another person
        "Kurt Lena",  # two persons' names
        "Kurt der Alte",  # a description, not a name
    ],
)
def test_no_fuller_name_where_the_list_gives_another_person(tmp_path: Path, item: str) -> None:
    front = f"<castList><castItem>{item}</castItem></castList>"
    path = tei_play(tmp_path, "fidelio", "de", CAST, BODY, front=front)
    assert _names(path, "Kurt") == ("Kurt", "kurt")


def test_regression_a_persons_own_entry_is_no_fuller_name_of_another(tmp_path: Path) -> None:
    # "Pastor Spitta" in the cast list is the pastor's own entry, not a fuller name of
    # Spitta his son
    cast = {**CAST, "pastor": "Pastor Kurt"}
    front = "<castList><castItem>Pastor Kurt</castItem></castList>"
    path = tei_play(tmp_path, "fidelio", "de", cast, BODY, front=front)
    assert _names(path, "Kurt") == ("Kurt", "kurt")


def test_regression_words_joined_by_an_underscore_are_words(tmp_path: Path) -> None:
    # French editions write "Ruy_Blas, fermez la porte": the underscore hid every one of the
    # others' words about Ruy Blas from the name pattern
    body = """<div type="act"><head>Acte I</head>
<sp who="#salluste"><speaker>DON SALLUSTE</speaker><p>Ruy_Blas, fermez la porte.</p></sp>
<sp who="#ruy"><speaker>RUY BLAS</speaker><p>Oui, tout_à_coup.</p></sp>
<stage>Ruy_Blas sort.</stage>
</div>"""
    cast = {"salluste": "Don Salluste", "ruy": "Ruy Blas"}
    story = whosestory.load(tei_play(tmp_path, "ruy", "fr", cast, body))
    said = [m.character for m in story.mentions if m.via == "speech"]
    assert said == ["Ruy Blas"]
    texts = [e.text for scene in story.scenes for e in scene.elements]
    assert "Oui, tout à coup." in texts and "Ruy Blas sort." in texts


KING_BODY = """<div type="act"><head>Act 1</head>
<sp who="#lear"><speaker>LEAR</speaker><p>Attend the lords of France, Gloucester.</p></sp>
<sp who="#kent"><speaker>KENT</speaker><p>Good my liege. The King is come.</p></sp>
<sp who="#france"><speaker>FRANCE</speaker><p>The King is old.</p></sp>
</div>"""
KING_CAST = {"lear": "Lear", "kent": "Kent", "france": "King of France"}


def test_regression_a_rank_the_cast_list_gives_one_person_is_theirs(tmp_path: Path) -> None:
    # Lear's list of persons entry is "Lear"; the cast list says "king of Britain": every
    # "the King" of the others went to the King of France, the only name holding the word
    front = (
        "<castList><castItem sameAs='#lear'><role><name>Lear</name></role>"
        "<roleDesc>king of Britain</roleDesc></castItem>"
        "<castItem sameAs='#france'><role><name>King of France</name></role></castItem>"
        "</castList>"
    )
    path = tei_play(tmp_path, "lear", "en", KING_CAST, KING_BODY, front=front)
    assert "King" in _names(path, "Lear")
    story = whosestory.load(path)
    said = [m.character for m in story.mentions if m.via == "speech"]
    assert said.count("Lear") == 2
    assert said.count("King of France") == 1  # "the lords of France": France is his name


def test_a_rank_two_people_hold_is_no_ones(tmp_path: Path) -> None:
    front = (
        "<castList><castItem>Lear, King of Britain</castItem>"
        "<castItem>Kent, king of Kent</castItem></castList>"
    )
    path = tei_play(tmp_path, "lear", "en", KING_CAST, KING_BODY, front=front)
    assert "King" not in _names(path, "Lear")
    assert "King" not in _names(path, "Kent")


def test_every_phrase_of_a_disguise_holds_a_word_the_quick_test_looks_for() -> None:
    """`_alias` skips the pattern for an entry with none of `_UNDER_NAME_WORDS`: each phrase
    must hold one, in any case the pattern reads (its upper case, a long s, a dotless i)."""
    from whosestory.readers._tei_cast import _UNDER_NAME, _UNDER_NAME_WORDS, _alias

    phrases = _UNDER_NAME.pattern.split(")\\s+(", 1)[0].removeprefix("(?:").split("|")
    for phrase in phrases:
        plain = phrase.replace("['’]", "'").replace("e?", "e")
        assert any(word in plain.lower() for word in _UNDER_NAME_WORDS), phrase
        for written in (plain.upper(), plain.replace("s", "ſ"), plain.replace("i", "ı")):
            assert _alias(f"Lena, {written} Fidelio") == "Fidelio", written
