"""A list of persons calling a character a servant, a friend or a confidant (our own plays)."""

from __future__ import annotations

from pathlib import Path

import pytest

import whosestory
from tests.tei_plays import tei_play
from whosestory.analysis import analyze
from whosestory.roles import MAIN_CHARACTER, serving_main

CAST = {"luis": "Luis", "pedro": "Pedro"}
BODY = """<div type="act"><head>I</head>
<sp who="#pedro"><speaker>PEDRO</speaker><p>Sir, the horses are ready and the road is dry.</p></sp>
<sp who="#luis"><speaker>LUIS</speaker><p>Then we ride tonight.</p></sp>
</div>"""


def _attendants(path: Path) -> set[str]:
    return {c.name for c in whosestory.load(path).cast if c.attendant is not None}


@pytest.mark.parametrize(
    ("language", "item"),
    [
        ("en", "Pedro, servant to Luis."),
        ("en", "<role corresp='#pedro'>PEDRO</role>, his friend"),
        ("de", "Pedro, Bedienter des Luis"),
        ("de", "Pedro, Kammerdiener"),
        ("de", "Pedro, Luis' Freund und Vertrauter"),
        ("fr", "PEDRO, valet de Luis."),
        ("fr", "PEDRO, confident de Luis."),
        ("ru", "Педро, слуга Луиса."),
        ("ru", "Педро, друг его."),
    ],
)
def test_a_servant_friend_or_confidant_is_an_attendant(
    tmp_path: Path, language: str, item: str
) -> None:
    cast = {"luis": "Luis", "pedro": "Педро" if language == "ru" else "Pedro"}
    front = f"<castList><castItem>Luis, a nobleman</castItem><castItem>{item}</castItem></castList>"
    path = tei_play(tmp_path, "play", language, cast, BODY, front=front)
    assert _attendants(path) == {cast["pedro"]}


def test_a_role_description_of_its_own_tells_too(tmp_path: Path) -> None:
    front = (
        "<castList><castItem sameAs='#pedro'><role><name>Pedro</name></role>"
        "<roleDesc>Luis’s servant</roleDesc></castItem></castList>"
    )
    path = tei_play(tmp_path, "play", "en", CAST, BODY, front=front)
    assert _attendants(path) == {"Pedro"}


@pytest.mark.parametrize(
    "item",
    [
        "Pedro, Handlungsdiener",  # a clerk works for a trade, not for a person
        "Pedro, sein Sohn",
        "Pedro, der Freundliche",  # a word that begins like one is none
        "Pedro, другой купец",
        "Servant to Luis",  # no name before it: whose entry is unclear
    ],
)
def test_other_descriptions_make_no_attendant(tmp_path: Path, item: str) -> None:
    front = f"<castList><castItem>{item}</castItem></castList>"
    path = tei_play(tmp_path, "play", "de", CAST, BODY, front=front)
    assert _attendants(path) == set()


def test_an_early_prints_list_of_persons_tells_too(tmp_path: Path) -> None:
    front = (
        '<div type="dramatis_personae"><list><item>Luis, a young Lord.</item>'
        "<item>Pedro, Servant to Luis. </item></list></div>"
    )
    path = tei_play(tmp_path, "play", "en", CAST, BODY, front=front)
    story = whosestory.load(path)
    assert {c.name: c.attendant for c in story.cast} == {"Pedro": "Servant to Luis", "Luis": None}


def test_regression_persons_run_on_in_one_item_are_not_one_description(tmp_path: Path) -> None:
    # an early print's item may run on into the next persons: *Maria, Wife to Don Pedro.
    # Clara, Their Daughter. ... Servants.* Maria is no servant
    front = (
        '<div type="dramatis_personae"><list><item>Luis, Wife to Don Pedro. Clara, '
        "Their Daughter. Servants.</item></list></div>"
    )
    path = tei_play(tmp_path, "play", "en", CAST, BODY, front=front)
    assert _attendants(path) == set()


def test_a_play_without_a_cast_list_has_no_attendant(tmp_path: Path) -> None:
    path = tei_play(tmp_path, "play", "en", CAST, BODY)
    assert _attendants(path) == set()


TRUST = "Trust me, sir, I know what I am doing."


def _helper_play(tmp_path: Path, front: str) -> Path:
    """A master's story in which his servant talks more (1.6 times his words, twice his
    speeches): Pedro schemes and chatters in every scene; Luis loves, loses and wins."""
    luis = [
        "I love her and I cannot say it.",
        "She has gone to her father, and my heart with her.",
        "I will ask her father for her hand, whatever it costs me.",
        "She is mine at last.",
    ]
    pedro = [
        "Leave it to me, sir, I know the gardener and the gardener knows the cook.",
        "The father is a miser; we shall dazzle him with borrowed silver and a borrowed coach.",
        "I told the cook, the cook told the maid, and the maid told the lady herself.",
        "A wedding, a wedding, and nobody thanks the servant who arranged the whole of it.",
    ]
    scenes = "".join(
        f'<div type="scene"><head>{i + 1}</head>'
        f'<sp who="#pedro"><speaker>PEDRO</speaker><p>{p} {TRUST}</p></sp>'
        f'<sp who="#luis"><speaker>LUIS</speaker><p>{line} {line}</p></sp>'
        f'<sp who="#pedro"><speaker>PEDRO</speaker><p>Yes, sir. At once, sir.</p></sp></div>'
        for i, (line, p) in enumerate(zip(luis, pedro, strict=True))
    )
    body = f'<div type="act"><head>I</head>{scenes}</div>'
    return tei_play(tmp_path, "master", "en", CAST, body, title="The Wedding", front=front)


def test_the_servant_who_out_talks_his_master_leaves_him_the_story(tmp_path: Path) -> None:
    listed = "<castList><castItem>Luis, a young nobleman</castItem>"
    plain = _helper_play(tmp_path, listed + "<castItem>Pedro</castItem></castList>")
    assert analyze(whosestory.load(plain)).roles[MAIN_CHARACTER].character == "Pedro"
    served = _helper_play(tmp_path, listed + "<castItem>Pedro, his servant</castItem></castList>")
    assert analyze(whosestory.load(served)).roles[MAIN_CHARACTER].character == "Luis"


def _serving(tmp_path: Path, item: str, main: str = "Luis") -> frozenset[str]:
    front = f"<castList><castItem>Luis, a nobleman</castItem><castItem>{item}</castItem></castList>"
    return serving_main(
        whosestory.load(tei_play(tmp_path, "play", "en", CAST, BODY, front=front)), main
    )


@pytest.mark.parametrize(
    "item", ["Pedro, valet de Luis", "Pedro, Luis’s servant", "Pedro, confidant to Luis"]
)
def test_the_main_characters_own_servant_or_confidant_serves_them(
    tmp_path: Path, item: str
) -> None:
    assert _serving(tmp_path, item) == {"Pedro"}


@pytest.mark.parametrize(
    "item",
    [
        "Pedro, friend to Luis",  # a friend may be the one who presses them
        "Pedro, his servant",  # names no one
        "Pedro, servant to Carlos",  # another's servant
    ],
)
def test_a_friend_or_anothers_servant_does_not(tmp_path: Path, item: str) -> None:
    assert _serving(tmp_path, item) == frozenset()


def test_the_main_characters_valet_is_not_their_impact_character(tmp_path: Path) -> None:
    # Pedro is at Luis's side in every scene; Ana, whom Luis loves, in two of them
    cast = {"luis": "Luis", "pedro": "Pedro", "ana": "Ana"}
    scene = (
        '<div type="scene"><head>{n}</head>'
        '<sp who="#luis"><speaker>LUIS</speaker><p>I cannot tell her what I feel.</p></sp>'
        '<sp who="#pedro"><speaker>PEDRO</speaker><p>Then tell me, sir, and I will.</p></sp>'
        "{ana}"
        '<sp who="#luis"><speaker>LUIS</speaker><p>No. I will find the words myself.</p></sp>'
        "</div>"
    )
    ana = (
        '<sp who="#ana"><speaker>ANA</speaker><p>Speak for yourself, Luis, or not at all.</p></sp>'
    )
    body = "".join(scene.format(n=n, ana=ana if n in (2, 4) else "") for n in range(1, 5))
    plain = "<castList><castItem>Luis</castItem><castItem>Pedro</castItem></castList>"
    served = (
        "<castList><castItem>Luis</castItem><castItem>Pedro, valet de Luis</castItem></castList>"
    )
    impact = []
    for front in (plain, served):
        path = tei_play(tmp_path, "valet", "fr", cast, f'<div type="act">{body}</div>', front=front)
        result = analyze(whosestory.load(path))
        assert result.roles[MAIN_CHARACTER].character == "Luis"
        impact.append(result.roles["impact_character"].character)
    assert impact == ["Pedro", "Ana"]
    # the case says why not the valet who shares more
    said = " ".join(result.roles["impact_character"].case.support)
    assert "the list of persons calls Pedro “valet de Luis”" in said
