"""No evidence line is a zero, empty or unknown figure; no quote is a heading; quotes are
whole sentences that name or are spoken by their character (regressions of issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

import whosestory
from tests.evidence_checks import EMPTY_FIGURE, problems
from whosestory.model import Character
from whosestory.quoting import Namer, sentence_at

ROOT = Path(__file__).resolve().parent.parent
OWN_STORIES = [
    ROOT / "examples" / "the-keeper.fountain",
    *sorted(
        p
        for p in (ROOT / "tests" / "stories").iterdir()
        if p.suffix in (".fountain", ".txt", ".fdx", ".xml") and p.is_file()
    ),
]


@pytest.mark.parametrize("path", OWN_STORIES, ids=lambda p: p.name)
def test_no_empty_evidence_and_no_heading_quote(path: Path) -> None:
    try:
        story = whosestory.load(path)
    except whosestory.WhosestoryError:
        pytest.skip(f"{path.name} is not a readable story (a test of bad input)")
    assert problems(whosestory.analyze(story)) == []


@pytest.mark.parametrize(
    ("line", "empty"),
    [
        ("Interiority 0.00 a scene.", True),
        ("MAYA names TOM 0 times.", True),
        ("network position moves away from the centre (+0.00).", True),
        ("shape: unknown.", True),
        ("present in 0% of them", True),
        ("tone goes from +0.15 to +0.05 on a scale of -1 to +1", False),
        ("present in 10 of 20 scenes, 0.6 a scene", False),
        ("90% interval -0.05 to +0.06", False),
    ],
)
def test_the_check_knows_an_empty_figure(line: str, empty: bool) -> None:
    assert bool(EMPTY_FIGURE.search(line.replace("-1 to +1", ""))) is empty


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        (
            "He waits. Anna looks at the rain and\nremembers the sea. Then she goes.",
            12,
            "Anna looks at the rain and remembers the sea.",
        ),
        ("Where is Ben? Gone!", 0, "Where is Ben?"),
        ("Where is Ben? Gone!", 15, "Gone!"),
        ("Dr. Sand waits.", 0, "Dr. Sand waits."),
    ],
)
def test_a_quote_is_a_whole_sentence_not_cut_at_a_line_break(
    text: str, offset: int, expected: str
) -> None:
    assert sentence_at(text, offset) == expected


def test_a_long_sentence_gives_its_clause_with_an_ellipsis() -> None:
    long = "Anna walks, " + ", ".join(f"past house {i}" for i in range(40)) + ", and stops."
    found = sentence_at(long, long.index("house 20"), length=60)
    assert "house 20" in found and len(found) <= 62
    assert found.startswith("…") and found.endswith("…")


def test_a_sentence_names_a_character_by_a_name_only_they_have() -> None:
    namer = Namer([Character("ANNA KARLSSON"), Character("BEN")])
    assert namer.names("Karlsson turns away.", "ANNA KARLSSON")
    assert namer.names("BEN laughs.", "BEN")
    assert not namer.names("Benches line the wall.", "BEN")


def test_every_quote_names_or_is_spoken_by_its_character() -> None:
    analysis = whosestory.analyze(whosestory.load(ROOT / "examples" / "the-keeper.fountain"))
    namer = Namer([c for c in analysis.story.cast if not c.group])
    assert analysis.case_of is not None
    for role, verdict in analysis.roles.items():
        for ranked in verdict.ranking[:3]:
            case = analysis.case_of(role, ranked.name)
            spoken = " ".join(
                " ".join(e.text.split())
                for s in analysis.story.scenes
                for e in s.elements
                if e.speaker == ranked.name
            )
            for quote in case.quotes:
                text = quote.quote.strip("…")
                assert namer.names(text, ranked.name) or text in spoken, (role, quote)


def test_tone_words_leave_out_the_languages_stop_words(tmp_path: Path) -> None:
    from whosestory.signals import measure

    lines = []
    for i in range(6):
        lines += [f"INT. ROOM {i} - DAY", "", "ANNA", "No, like, yeah, well, wonderful day.", ""]
        lines += ["BEN", "Okay.", ""]
    for i in range(6):
        lines += [f"INT. HALL {i} - NIGHT", "", "ANNA", "No, like, yeah, well, terrible night.", ""]
        lines += ["BEN", "Okay.", ""]
    path = tmp_path / "tone.fountain"
    path.write_text("\n".join(lines), encoding="utf-8")
    words = measure(whosestory.load(path)).content_tone_words("ANNA")
    assert "wonderful" in words["early"] and "terrible" in words["late"]
    assert not {"no", "like", "yeah", "well"} & {*words["early"], *words["late"]}
