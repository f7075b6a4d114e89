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
    found = old_spellings(texts, texts, cast, "en")
    assert found == {"Duchess": ("Dutchess",), "Julio": ("Iulio",), "Evadne": ("Euadne",)}


def test_regression_a_stage_direction_in_lower_case_does_not_unmake_a_name() -> None:
    # "Enter sir William scarborrow." in one direction of an old print kept the speeches'
    # 53 "Scarborrow" from counting for Scarborow: only the speeches' lower case tells a
    # word from a name
    cast = [Character(n) for n in ("Scarborow", "Mary")]
    speeches = ["Welcome, young Scarborrow.", "Marry, I will marry him."]
    texts = [*speeches, "Enter sir William scarborrow."]
    assert old_spellings(texts, speeches, cast, "en") == {"Scarborow": ("Scarborrow",)}


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


def test_regression_e_and_i_past_a_names_first_letters_are_one() -> None:
    # "Grissill" (110 times in the others' words) did not fold to the list's "Grissel"
    assert _spelling_key("Grissill") == _spelling_key("Grissel")
    assert _spelling_key("Iphigina") == _spelling_key("Iphigena")
    assert _spelling_key("Bred") != _spelling_key("Bride")  # short words keep their vowels


FRENCH_BODY = """<div type="act"><head>Acte I</head>
<sp who="#lise"><speaker>LISE</speaker>
<p>Éraste viendra ce soir, et Monsieur le Président aussi.</p></sp>
<sp who="#eraste"><speaker>ÉRASTE</speaker><p>Me voici, Lise. Le président dort.</p></sp>
<sp who="#lise"><speaker>LISE</speaker><p>Éraste, enfin ! Où est Éraste ?</p></sp>
</div>"""


def test_regression_a_french_list_of_persons_without_accents_names_the_accented(
    tmp_path: Path,
) -> None:
    # DraCor's French lists may write Éraste as "Eraste": the others' "Éraste" went
    # uncounted (Don César's 39 in Ruy Blas); "Président", which the speeches write in
    # lower case too, is no name
    cast = {"lise": "Lise", "eraste": "Eraste", "president": "Le President"}
    story = whosestory.load(tei_play(tmp_path, "eraste", "fr", cast, FRENCH_BODY))
    talked = [m.character for m in story.mentions if m.via == "speech"]
    assert talked.count("Eraste") == 3
    assert "Le President" not in talked
    assert old_spellings(["Éraste vient."], ["Éraste vient."], [Character("Eraste")], "de") == {}


SLASH_BODY = """<div type="act"><head>Erster Akt</head>
<sp who="#faust"><speaker>FAUST</speaker><p>Gretchen! Wo bist du, Gretchen?</p></sp>
<sp who="#margarethe"><speaker>MARGARETHE</speaker><p>Hier bin ich, Heinrich.</p></sp>
<sp who="#leutnant"><speaker>OBERLEUTNANT</speaker><p>Gretchen ist da.</p></sp>
</div>"""


def test_regression_a_name_written_as_two_gives_both(tmp_path: Path) -> None:
    # DraCor writes some names as two ("Margarethe/Gretchen"): the others' "Gretchen" went
    # uncounted; a closing note in brackets with a slash is no second name
    cast = {
        "faust": "Faust",
        "margarethe": "Margarethe/Gretchen",
        "leutnant": "Ein Oberleutnant (V/55)",
    }
    story = whosestory.load(tei_play(tmp_path, "gretchen", "de", cast, SLASH_BODY))
    talked = [m.character for m in story.mentions if m.via == "speech"]
    assert talked.count("Margarethe/Gretchen") == 3
    names = {c.name: c.names() for c in story.cast}
    assert "Gretchen" in names["Margarethe/Gretchen"]
    assert not any(
        n.startswith("Ein Oberleutnant (V") and n != names["Ein Oberleutnant (V/55)"][0]
        for n in names["Ein Oberleutnant (V/55)"]
    )


def test_regression_ck_and_k_are_one_letter() -> None:
    # "Franck", "Pembrocke", "Lodowike": the prints write ck where the list has k, and the
    # others' words about them went uncounted
    assert _spelling_key("Franck") == _spelling_key("Frank")
    assert _spelling_key("Pembrocke") == _spelling_key("Pembroke")
    assert _spelling_key("Lodowike") == _spelling_key("Lodowick")


def test_regression_an_old_spelling_of_a_shared_surname_is_the_whole_names_owner() -> None:
    # "Franckford" folds to a word of both Frankford's and Anne Frankford's names, so it was
    # no one's: it is Frankford's, whose whole name it is (as "Frankford" itself is)
    cast = [Character(n) for n in ("Frankford", "Anne Frankford", "Mary")]
    speeches = ["Good maister Franckford, welcome.", "Marry, I will marry him."]
    assert old_spellings(speeches, speeches, cast, "en") == {"Frankford": ("Franckford",)}
    # with no whole name among them, a word of two people's names stays no one's
    cast = [Character(n) for n in ("Tom Frankford", "Anne Frankford")]
    assert old_spellings(speeches, speeches, cast, "en") == {}
