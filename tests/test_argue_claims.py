"""`argue` reads claims as people write them: a table of phrasings, each with what it says."""

from __future__ import annotations

import pytest

from whosestory.claims import UnknownCharacterError, parse_claim
from whosestory.model import Alias, Character
from whosestory.roles import IMPACT_CHARACTER, MAIN_CHARACTER, PROTAGONIST, SPOTLIGHT

CAST = [
    Character("ANNA KARLSSON", (Alias("YOUNG ANNA", "age prefix"), Alias("ANNA", "first name"))),
    Character("BEN OKORO", (Alias("BEN (V.O.)", "extension"),)),
    Character("Hero"),
    Character("LADY MACLEOD"),
    Character("MACLEOD"),
    Character("DR. WILL SAND"),
]
TITLE = "The Crossing"

PHRASINGS = [
    # (claim, role, claimed, denied)
    ("Anna's story", MAIN_CHARACTER, "ANNA KARLSSON", None),
    ("This is Anna's story, not Ben's", MAIN_CHARACTER, "ANNA KARLSSON", "BEN OKORO"),
    ("The Crossing is Ben's story, not Anna's", MAIN_CHARACTER, "BEN OKORO", "ANNA KARLSSON"),
    ("the story belongs to anna", MAIN_CHARACTER, "ANNA KARLSSON", None),
    ("THE STORY BELONGS TO BEN OKORO", MAIN_CHARACTER, "BEN OKORO", None),
    ("Anna is the protagonist", PROTAGONIST, "ANNA KARLSSON", None),
    ("ben is the hero", PROTAGONIST, "BEN OKORO", None),
    ("Anna is the heroine", PROTAGONIST, "ANNA KARLSSON", None),
    ("Ben is the main character", MAIN_CHARACTER, "BEN OKORO", None),
    ("Karlsson is the lead", PROTAGONIST, "ANNA KARLSSON", None),
    ("The protagonist is Ben", PROTAGONIST, "BEN OKORO", None),
    ("the hero is anna", PROTAGONIST, "ANNA KARLSSON", None),
    ("The main character is Ben", MAIN_CHARACTER, "BEN OKORO", None),
    ("The protagonist is Ben, not Anna", PROTAGONIST, "BEN OKORO", "ANNA KARLSSON"),
    ("Anna, not Ben, is the protagonist", PROTAGONIST, "ANNA KARLSSON", "BEN OKORO"),
    ("Ben, not Anna, is the main character", MAIN_CHARACTER, "BEN OKORO", "ANNA KARLSSON"),
    ("it's Anna's film", MAIN_CHARACTER, "ANNA KARLSSON", None),
    ("It’s Ben’s play", MAIN_CHARACTER, "BEN OKORO", None),
    ("IT'S ANNA'S MOVIE, NOT BEN'S", MAIN_CHARACTER, "ANNA KARLSSON", "BEN OKORO"),
    ("Young Anna's story", MAIN_CHARACTER, "ANNA KARLSSON", None),
    ("Ben is not the protagonist", PROTAGONIST, None, "BEN OKORO"),
    ("Anna has the spotlight", SPOTLIGHT, "ANNA KARLSSON", None),
    ("Ben is the impact character", IMPACT_CHARACTER, "BEN OKORO", None),
    ("The story is Anna's rather than Ben's", MAIN_CHARACTER, "ANNA KARLSSON", "BEN OKORO"),
    # a cast name that is also a claim's word: the name without an article, the role with one
    ("Hero is the protagonist", PROTAGONIST, "Hero", None),
    ("Hero's story", MAIN_CHARACTER, "Hero", None),
    ("The hero is Ben", PROTAGONIST, "BEN OKORO", None),
    # the longest name wins; a title word alone is no one's name
    ("Lady MacLeod is the hero", PROTAGONIST, "LADY MACLEOD", None),
    ("MacLeod's story", MAIN_CHARACTER, "MACLEOD", None),
    ("Will is the protagonist", PROTAGONIST, "DR. WILL SAND", None),
]


@pytest.mark.parametrize(("claim", "role", "claimed", "denied"), PHRASINGS, ids=lambda v: str(v))
def test_a_claim_is_read_as_written(
    claim: str, role: str, claimed: str | None, denied: str | None
) -> None:
    found = parse_claim(CAST, TITLE, claim)
    assert (found.role, found.claimed, found.denied) == (role, claimed, denied)


def test_the_table_has_at_least_twenty_phrasings() -> None:
    assert len(PHRASINGS) >= 20


@pytest.mark.parametrize(
    ("claim", "said"),
    [
        ("Zorro's story", "no character called 'Zorro' in The Crossing"),
        ("Zorro's story, not Ben's", "no character called 'Zorro'"),
        ("The protagonist is Zorro", "no character called 'Zorro'"),
        ("whose story is it anyway", "names no character of The Crossing"),
        ("", "names no character"),
    ],
)
def test_an_unreadable_claim_is_one_sentence_with_examples(claim: str, said: str) -> None:
    with pytest.raises(UnknownCharacterError) as raised:
        parse_claim(CAST, TITLE, claim)
    message = str(raised.value)
    assert said in message
    assert message.count(".") >= 1 and "\n" not in message
    if "names no character" in said:
        assert "is the protagonist" in message  # the examples show how to write one


POSSESSIVE_CAST = [
    Character("Tamsin Vell, the Miller's daughter"),
    Character("the Miller"),
    Character("Queen Oda, Harold's wife"),
    Character("Harold"),
    Character("Carter's Boy"),
    Character("Carter"),
]

POSSESSIVE_NAMES = [
    # (claim, role, claimed, denied): a possessive inside a name is part of the name
    (
        "Tamsin Vell, the Miller's daughter is the heroine",
        PROTAGONIST,
        "Tamsin Vell, the Miller's daughter",
        None,
    ),
    (
        "Tamsin Vell, the Miller's daughter's story",
        MAIN_CHARACTER,
        "Tamsin Vell, the Miller's daughter",
        None,
    ),
    (
        "the Miller's daughter is the protagonist",
        PROTAGONIST,
        "Tamsin Vell, the Miller's daughter",
        None,
    ),
    (
        "The Miller's story, not Tamsin's",
        MAIN_CHARACTER,
        "the Miller",
        "Tamsin Vell, the Miller's daughter",
    ),
    (
        "Queen Oda, Harold's wife, not Harold, is the lead",
        PROTAGONIST,
        "Queen Oda, Harold's wife",
        "Harold",
    ),
    ("Harold's wife is the main character", MAIN_CHARACTER, "Queen Oda, Harold's wife", None),
    ("Harold's story", MAIN_CHARACTER, "Harold", None),
    ("Carter's Boy is the hero", PROTAGONIST, "Carter's Boy", None),
    ("it's Carter's boy's play, not Carter's", MAIN_CHARACTER, "Carter's Boy", "Carter"),
    ("Carter is the protagonist", PROTAGONIST, "Carter", None),
]


@pytest.mark.parametrize(
    ("claim", "role", "claimed", "denied"), POSSESSIVE_NAMES, ids=lambda v: str(v)
)
def test_a_name_holding_a_possessive_is_not_split(
    claim: str, role: str, claimed: str | None, denied: str | None
) -> None:
    found = parse_claim(POSSESSIVE_CAST, TITLE, claim)
    assert (found.role, found.claimed, found.denied) == (role, claimed, denied)
