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
