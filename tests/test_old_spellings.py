"""Names an English play in its original spelling gives its characters (mentions.old_spellings)."""

from __future__ import annotations

from pathlib import Path

import whosestory
from tests.tei_plays import tei_play
from whosestory.mentions import _spelling_key, old_spellings
from whosestory.model import Character

BODY = """<div type="act"><head>Actus primus</head>
<sp who="#duchess"><speaker>Dutch.</speaker><p>Where is my lord Iulio this night?</p></sp>
<sp who="#julio"><speaker>Iul.</speaker>
<p>Here, Madam. The Dutchess calls, and Iulio comes.</p></sp>
<sp who="#mary"><speaker>Mar.</speaker>
<p>Marry, the Dutchess will be angry. I will marry him.</p></sp>
<sp who="#julio"><speaker>Iul.</speaker><p>Then let the Dutchess weep, and Euadne with her.</p></sp>
</div>"""
CAST = {"duchess": "Duchess", "julio": "Julio", "mary": "Mary", "evadne": "Evadne"}


def test_spellings_of_the_print_fold_to_the_modern_name() -> None:
    assert _spelling_key("Dutchess") == _spelling_key("Duchess")
    assert _spelling_key("Iulio") == _spelling_key("Julio")
    assert _spelling_key("Euadne") == _spelling_key("Evadne")
    assert _spelling_key("Captaine") == _spelling_key("Captain")
    assert _spelling_key("Lucia") != _spelling_key("Lucio")


def test_regression_a_final_e_after_a_doubled_letter_folds_too() -> None:
    # Besse folded to "bese" (the final e kept once the doubled s was one letter) while
    # Bess folded to "bes": the others' 170 words "Besse" for Bess went uncounted
    assert _spelling_key("Besse") == _spelling_key("Bess")
    assert _spelling_key("Raffe") == _spelling_key("Rafe")
    assert _spelling_key("Ruffe") == _spelling_key("Ruff")
    assert _spelling_key("Anne") != _spelling_key("Ann")


def test_the_old_spelling_of_a_name_is_one_of_its_names_unless_the_text_writes_it_lower() -> None:
    cast = [Character(n) for n in ("Duchess", "Julio", "Mary", "Evadne")]
    texts = ["The Dutchess calls Iulio.", "Marry, I will marry him.", "Euadne weeps."]
    found = old_spellings(texts, cast)
    assert found == {"Duchess": ("Dutchess",), "Julio": ("Iulio",), "Evadne": ("Euadne",)}


def test_regression_the_others_words_about_a_name_in_old_spelling_count(tmp_path: Path) -> None:
    # DraCor's English plays keep their print's spelling (Dutchess, Iulio) and give the list
    # of persons in modern spelling (Duchess, Julio): the others' words about them went
    # uncounted
    path = tei_play(tmp_path, "dutchess", "en", CAST, BODY)
    story = whosestory.load(path)
    talked = [m.character for m in story.mentions if m.via == "speech"]
    assert talked.count("Duchess") == 3
    assert talked.count("Julio") == 1  # the Duchess's own; Julio's own words do not count
    assert "Mary" not in talked  # "Marry" the oath, which the text writes in lower case too


def test_plays_in_other_languages_keep_their_names_as_written(tmp_path: Path) -> None:
    path = tei_play(tmp_path, "dutchess", "de", CAST, BODY)
    story = whosestory.load(path)
    assert all(len(c.aliases) == 0 or "spells" not in c.aliases[0].reason for c in story.cast)
