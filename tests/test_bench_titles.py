"""The film benchmark's title comparison: which forms of one title it takes as equal."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_films.py"
_SPEC = importlib.util.spec_from_file_location("bench_films", _PATH)
assert _SPEC is not None and _SPEC.loader is not None
bench_films = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench_films)


@pytest.mark.parametrize(
    ("read", "label"),
    [
        ("THE HARBOUR OF NIGHT", "Harbour of Night"),
        ("Harbour of Night", "The Harbour of Night"),
        ("A LONG FERRY", "Long Ferry"),
        ("CLOCKWORK NINE", "Clockwork 9"),
        ("Clockwork III", "Clockwork 3"),
        ("Return to Sender II", "Return to Sender 2"),
        ("402", "Four Zero Two"),
        ("Quiet Street (2003 film)", "quiet street"),
    ],
)
def test_title_form_key_takes_one_title_in_two_forms_as_equal(read: str, label: str) -> None:
    assert bench_films.title_form_key(read) == bench_films.title_form_key(label)


@pytest.mark.parametrize(
    ("read", "label"),
    [
        ("THE HARBOUR", "Harbour of Night"),
        ("Harbour of Night Returns", "Harbour of Night"),
        ("Clockwork", "Clockwork 9"),
        ("The", "A"),
        ("Night of the Harbour", "Night of Harbour"),
    ],
)
def test_title_form_key_keeps_different_titles_apart(read: str, label: str) -> None:
    assert bench_films.title_form_key(read) != bench_films.title_form_key(label)


def test_title_rate_lists_the_matches_that_rely_on_a_form(tmp_path: Path) -> None:
    heroes = tmp_path / "heroes.tsv"
    heroes.write_text(
        "file\thero\ttitle\n"
        "a.txt\tAnn\tHarbour of Night\n"
        "b.txt\tBo\tClockwork 9\n"
        "c.txt\tCy\tLong Ferry\n",
        encoding="utf-8",
    )
    titles = {"a.txt": "HARBOUR OF NIGHT", "b.txt": "CLOCKWORK NINE", "c.txt": "Short Ferry"}
    matched, labelled, misses, by_form = bench_films.title_rate(titles, heroes)
    assert (matched, labelled) == (2, 3)
    assert misses == ["c.txt ('Short Ferry' for 'Long Ferry')"]
    assert by_form == ["b.txt ('CLOCKWORK NINE' for 'Clockwork 9')"]
