"""A chorus is a collective voice in every language, whatever the list of persons calls it."""

from __future__ import annotations

from pathlib import Path

import whosestory
from tests.tei_plays import tei_play
from whosestory.cast import is_collective

LINES = " ".join(["Hélas, hélas, que le destin est cruel aux rois de Thèbes."] * 6)
BODY = f"""<div type="act"><head>Acte I</head>
<sp who="#choeur"><speaker>Le Chœur</speaker><l>{LINES}</l><l>{LINES}</l></sp>
<sp who="#antigone"><speaker>Antigone</speaker><l>Je veux ensevelir mon frère, Créon.</l></sp>
<sp who="#creon"><speaker>Créon</speaker><l>Tu mourras, Antigone, si tu le fais.</l></sp>
<sp who="#choeur"><speaker>Le Chœur</speaker><l>{LINES}</l></sp>
<sp who="#antigone"><speaker>Antigone</speaker><l>Je le ferai. Ismène, viens avec moi.</l></sp>
<sp who="#creon"><speaker>Créon</speaker><l>Gardes, prenez-la. Antigone est perdue.</l></sp>
</div>"""
CAST = {"choeur": "Le Chœur", "antigone": "Antigone", "creon": "Créon"}


def test_chorus_names_in_every_language() -> None:
    for name in ("Le Chœur", "Le Choeur", "Chor der Jäger", "Semi-Chorus", "Semi Chorus", "Хор"):
        assert is_collective(name), name
    for name in ("Chorister", "Chloé", "Die Chorführerin", "Horace", "Хорев"):
        assert not is_collective(name), name


def test_all_of_them_is_a_group_in_every_language() -> None:
    # DraCor lists "Tous" (Ubu Roi, Cyrano) and "Alle (II/13)" as persons
    for name in ("Tous", "Toutes", "Alle (II/13–16)", "Beide", "Все", "Both", "All"):
        assert is_collective(name), name
    for name in ("All for Money", "Allegra", "Tous les deux", "Все-таки"):
        assert not is_collective(name), name


def test_regression_a_chorus_the_list_calls_a_person_is_a_group(tmp_path: Path) -> None:
    # DraCor's French plays list *Le Chœur* as a person: it took the spotlight of
    # Montchrestien's *Hector* and was Antigone's impact character in Sophocles
    story = whosestory.load(tei_play(tmp_path, "antigone", "fr", CAST, BODY))
    chorus = next(c for c in story.cast if c.name == "Le Chœur")
    assert chorus.group
    analysis = whosestory.analyze(story)
    assert analysis.roles["spotlight"].character in {"Antigone", "Créon"}
