"""Titles of plain-text screenplays: the title page's bylines, notes and typography."""

from __future__ import annotations

import pytest

from whosestory.readers import plaintext
from whosestory.readers._title_page import clean_line, file_title, title_of


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ('"Harbour Lights" -- by Ada Quill', "Harbour Lights"),
        ('Harbour Lights", early draft, by Ada Quill', "Harbour Lights"),
        ('"Harbour Lights", early, by Ada Quill', "Harbour Lights"),
        ("Harbour Lights - by Ada Quill and Ben Roe", "Harbour Lights"),
        ("HARBOUR LIGHTS by Ada Quill", "HARBOUR LIGHTS"),
        ("Harbour Lights by Ada Quill. Based on the novel by Cy Dale.", "Harbour Lights"),
        ("HARBOUR LIGHTS seventh draft by Ada Quill", "HARBOUR LIGHTS"),
        ("HARBOUR LIGHTS - Shooting Script", "HARBOUR LIGHTS"),
        ("H A R B O U R", "HARBOUR"),
        ("h a r b o u r ,  l i g h t s", "harbour, lights"),
        ("HARBOUR LIGHTSHARBOUR LIGHTS", "HARBOUR LIGHTS"),
        ("Ada Quill's \"Harbour Lights", "Harbour Lights"),
        ('[ PRODUCED AS "HARBOUR LIGHTS" ]', "HARBOUR LIGHTS"),
        ("HARBOUR LIGHTS (THE LONG NIGHT)", "HARBOUR LIGHTS"),
        ("\ufeffHARBOUR LIGHTS", "HARBOUR LIGHTS"),
        ("L.A. NIGHTS", "L.A. NIGHTS"),
        ("STAND BY ME", "STAND BY ME"),
    ],
)
def test_a_title_line_is_cleaned_of_bylines_notes_and_typography(line: str, title: str) -> None:
    assert clean_line(line) == title


@pytest.mark.parametrize(
    "line",
    [
        "Written by",
        "by",
        "Screenplay by",
        "Music and Lyrics by Ada Quill",
        "FIRST DRAFT",
        "REVISED SHOOTING DRAFT",
        "Rev. 7/10/96",
        "March, 1999",
        "June 9, 1978",
        "2/20/09",
        "For Your Consideration",
        "BLACK SCREEN",
        "OVER BLACK",
        "FADE IN:",
        "SUPER: A Lantern Films Production",
        "White Shooting Script - September 7th, 2012",
        "FOR EDUCATIONAL PURPOSES ONLY",
        "AKA:",
        ")Y(",
        "She walks in, slowly, and looks at the sea.",
        "whispering, tinged with REGRET:",
        'We HEAR "Harbour Lights," by Ada Quill.',
        "MAYA (V.O.)",
        'the sea."',
    ],
)
def test_lines_that_are_never_the_title_are_refused(line: str) -> None:
    assert clean_line(line) is None


def test_a_name_after_a_by_line_is_a_credit_not_a_title() -> None:
    assert title_of(["50/50 (WORKING TITLE)", "Written by", "Ada Quill"], "x.txt") == "50/50"
    assert title_of(["Written by", "Ada Quill", "HARBOUR"], "x.txt") == "HARBOUR"


def test_the_line_that_names_the_file_wins_over_a_working_title() -> None:
    page = ['"THE LONG NIGHT"', "AKA:", '"HARBOUR LIGHTS"', "by", "Ada Quill"]
    assert title_of(page, "scripts/Harbour-Lights.txt") == "HARBOUR LIGHTS"
    assert title_of(page, "draft_v2.txt") == "THE LONG NIGHT"  # a working file's name


def test_a_file_named_for_its_film_names_it_where_the_page_words_it_differently() -> None:
    assert title_of(["HARBOUR 11"], "Harbour-Eleven.txt") == "Harbour Eleven"
    assert title_of(["DR. HARBOUR"], "Harbour.txt") == "Harbour"  # a prefix is a credit
    page = ["HARBOUR LIGHTS: THE LONG NIGHT"]  # a subtitle is the title's
    assert title_of(page, "Harbour-Lights.txt") == "HARBOUR LIGHTS: THE LONG NIGHT"
    assert title_of(["HARBOUR LIGHTS II"], "Harbour-Lights-2.txt") == "HARBOUR LIGHTS II"
    assert title_of(["THE LONG NIGHT"], "Harbour-Lights.txt") == "THE LONG NIGHT"


def test_without_a_title_page_the_file_name_is_the_title() -> None:
    assert title_of([], "Lights,-The.txt") == "The Lights"
    assert title_of(["BLACK"], "Harbour-Lights.txt") == "Harbour Lights"
    assert file_title("script_final.txt") is None


def test_regression_a_number_title_is_not_dropped_as_a_page_number() -> None:
    text = "\n".join(
        [
            "       1 2 3",
            "",
            "        by",
            "    Ada Quill",
            "",
            "INT. ROOM - DAY",
            "",
            "Rain.",
            "",
            "                    ANNA",
            "          Hello.",
        ]
    )
    assert plaintext.read(text.encode(), "draft_v1.txt").title == "123"
