"""What carried a fitted verdict: the model's coefficient x feature, by family, in the case."""

from __future__ import annotations

from pathlib import Path

import whosestory
from tests.tei_plays import tei_play
from whosestory.carried import ahead, family_gains
from whosestory.rolemodel import RoleModel

ROWS = {
    "ANNA": {"title_names": 1.0, "words_top": 0.5, "verse_share": 0.9},
    "BEN": {"title_names": 0.0, "words_top": 1.0, "verse_share": 0.1},
}


def carried_families(model: RoleModel, rows: dict, name: str, other: str) -> list[str]:
    """The families that raise `name` over `other`, most first, as a case reads them."""
    return ahead(family_gains(model, rows, name, other))


def _model(**weights: float) -> RoleModel:
    names = tuple(weights)
    return RoleModel(
        "main_character", names, tuple(weights.values()), (0.0,) * len(names), (1.0,) * len(names)
    )


def test_families_are_summed_and_ordered_by_what_they_add() -> None:
    model = _model(title_names=2.0, words_top=1.0, verse_share=1.0)
    # ANNA over BEN: title +2.0, verse +0.8, words -0.5: the families that raise her, most first
    assert carried_families(model, ROWS, "ANNA", "BEN") == ["title", "verse"]
    assert carried_families(model, ROWS, "BEN", "ANNA") == ["counts"]


def test_a_family_that_adds_next_to_nothing_carries_nothing() -> None:
    model = _model(title_names=0.01, words_top=1.0)
    assert carried_families(model, ROWS, "ANNA", "BEN") == []
    assert carried_families(model, ROWS, "ANNA", "NOBODY") == []


BODY = """<div type="act"><head>Erster Akt</head>
<div type="scene"><head>Erste Szene</head>
<sp who="#lena"><speaker>LENA</speaker><p>Ich trage die Schlüssel und sie sind schwer.</p></sp>
<sp who="#kurt"><speaker>KURT</speaker><p>Gut so. Du bist fleißig, und der Tag ist lang.</p></sp>
<sp who="#lena"><speaker>LENA</speaker><p>Wo ist der Gefangene, den niemand sieht?</p></sp>
<sp who="#kurt"><speaker>KURT</speaker><p>Unten, ganz unten, wo das Wasser steht.</p></sp>
</div><div type="scene"><head>Zweite Szene</head>
<sp who="#lena"><speaker>LENA</speaker><p>Ich gehe hinunter, allein, mit dem Licht.</p></sp>
<sp who="#kurt"><speaker>KURT</speaker><p>Geh nur. Ich warte hier und zähle.</p></sp>
</div></div>"""


def test_the_case_quotes_the_title_the_list_of_persons_gives(tmp_path: Path) -> None:
    front = "<castList><castItem>Lena, die Schließerin.</castItem></castList>"
    path = tei_play(
        tmp_path,
        "keeper",
        "de",
        {"lena": "Lena", "kurt": "Kurt"},
        BODY,
        title="Die Schließerin",
        front=front,
    )
    analysis = whosestory.analyze(whosestory.load(path))
    case = analysis.case_of("main_character", "Lena")
    said = " ".join(case.support)
    assert "The title, Die Schließerin, is what the list of persons calls Lena." in said
    assert "carried by" in said or "ahead of" in said
    assert "the title" in said.split(".")[0]


def test_the_protagonists_case_says_what_carried_it(tmp_path: Path) -> None:
    path = tei_play(tmp_path, "keeper", "de", {"lena": "Lena", "kurt": "Kurt"}, BODY, title="Lena")
    analysis = whosestory.analyze(whosestory.load(path))
    role = analysis.roles["protagonist"]
    case = analysis.case_of("protagonist", role.character)
    assert case.support[0].startswith(f"{role.character} is carried by ")


def test_the_json_case_gives_each_familys_log_odds(tmp_path: Path) -> None:
    front = "<castList><castItem>Lena, die Schließerin.</castItem></castList>"
    cast = {"lena": "Lena", "kurt": "Kurt"}
    path = tei_play(tmp_path, "keeper", "de", cast, BODY, title="Die Schließerin", front=front)
    from whosestory.report.view import report_view

    view = report_view(whosestory.analyze(whosestory.load(path)))
    carried = view["evidence"]["main_character"]["carried"]
    assert carried["title"] > 0
    assert view["evidence"]["spotlight"]["carried"] == {}  # no fitted model: nothing to say
