"""Screenwriter statistics (`whosestory.stats`) on a small script, every figure worked out by hand.

Page lines follow `measures.spotlight.scene_seconds`: 1 + ceil(characters / width) lines
per element (action 60, dialogue 35), one more for a cue, 55 lines a page.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import whosestory
from whosestory.cli import main
from whosestory.stats import cast as cast_stats
from whosestory.stats import screen_stats, sides
from whosestory.stats.dracor import speech_by_gender
from whosestory.stats.screen import daypart, eighths, length_label

LEDGER = """Title: The Ledger

INT. SHOP - DAY

MARA counts coins. OTTO sweeps.

MARA
The till is short again.

OTTO
Not by me.

MARA
Then by whom?

EXT. DOCK - NIGHT

Otto waits alone.

INT. SHOP - NIGHT

Mara and Otto argue. LENA enters.

LENA
Stop it, both of you.

OTTO
She started it.

INT. SHOP - CONTINUOUS

Lena sits.
"""


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stats") / "ledger.fountain"
    path.write_text(LEDGER, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def stats(ledger: Path) -> whosestory.stats.Stats:
    return screen_stats(whosestory.load(ledger))


def _character(stats: whosestory.stats.Stats, name: str) -> dict:
    return next(dict(c) for c in stats["characters"] if c["name"] == name)


def test_scene_lengths_in_eighths(stats: whosestory.stats.Stats) -> None:
    # scene 1: heading 2 + action 2 + three speeches of 3 lines = 13 lines = 13/55 page
    # = 1.89 eighths -> 2; scene 2: 4 lines -> 0.58 -> at least 1; scene 3: 2 + 2 + 3 + 3
    # = 10 lines -> 1.45 -> 1; scene 4: 4 lines -> 1.
    assert [s["eighths"] for s in stats["scenes"]] == [2, 1, 1, 1]
    assert [s["length"] for s in stats["scenes"]] == ["2/8", "1/8", "1/8", "1/8"]
    assert stats["eighths"] == 5 and stats["length"] == "5/8"
    assert stats["pages"] == pytest.approx(31 / 55, abs=0.01)


def test_length_labels_and_rounding() -> None:
    assert [length_label(n) for n in (1, 8, 11, 16, 21)] == ["1/8", "1", "1 3/8", "2", "2 5/8"]
    assert eighths(0.01) == 1 and eighths(1.0) == 8 and eighths(1.2) == 10


def test_dialogue_against_action_per_scene(stats: whosestory.stats.Stats) -> None:
    first = stats["scenes"][0]
    # dialogue: "The till is short again." 5 + "Not by me." 3 + "Then by whom?" 3 = 11;
    # action: "MARA counts coins. OTTO sweeps." 5 words
    assert (first["dialogue_words"], first["action_words"]) == (11, 5)
    assert first["dialogue_share"] == pytest.approx(11 / 16, abs=1e-4)
    assert first["speakers"] == ["MARA", "OTTO"]
    assert stats["scenes"][1]["dialogue_share"] == 0.0


def test_int_ext_and_day_night(stats: whosestory.stats.Stats) -> None:
    settings = {s["name"]: (s["scenes"], s["eighths"], s["share"]) for s in stats["settings"]}
    assert settings == {"INT": (3, 4, 0.8), "EXT": (1, 1, 0.2)}
    parts = [(s["name"], s["scenes"], s["eighths"]) for s in stats["dayparts"]]
    assert parts == [("day", 1, 2), ("night", 2, 2), ("other", 1, 1)]


def test_daypart_words() -> None:
    assert daypart("NIGHT (1989)") == "night"
    assert daypart("LATER - DAY") == "day"
    assert daypart("CONTINUOUS") == "other"
    assert daypart(None) == "unstated"


def test_locations_recur(stats: whosestory.stats.Stats) -> None:
    assert [
        (x["name"], x["scenes"], x["eighths"], x["first"], x["last"]) for x in stats["locations"]
    ] == [
        ("SHOP", 3, 4, 1, 4),
        ("DOCK", 1, 1, 2, 2),
    ]


def test_characters_dialogue_action_minutes(stats: whosestory.stats.Stats) -> None:
    mara, otto, lena = (_character(stats, n) for n in ("MARA", "OTTO", "LENA"))
    # MARA speaks 5 + 3 words; the action about her: scene 1 (5 words) and scene 3 (6 words)
    assert (mara["speeches"], mara["dialogue_words"], mara["action_words"]) == (2, 8, 11)
    assert mara["dialogue_share"] == pytest.approx(8 / 19, abs=1e-4)
    assert mara["minutes"] == pytest.approx(8 / 150, abs=0.005)
    # OTTO: 3 + 3 words spoken; action 5 + 3 ("Otto waits alone.") + 6
    assert (otto["dialogue_words"], otto["action_words"], otto["scenes"], otto["eighths"]) == (
        6,
        14,
        3,
        4,
    )
    assert (lena["dialogue_words"], lena["action_words"], lena["scenes"]) == (5, 8, 2)
    assert [c["name"] for c in stats["characters"]] == ["MARA", "OTTO", "LENA"]
    assert stats["dialogue_minutes"] == pytest.approx(19 / 150, abs=0.01)


def test_participation_by_part(stats: whosestory.stats.Stats) -> None:
    # four scenes and no acts: the quarters are one scene each
    assert stats["parts"] == ["Q1", "Q2", "Q3", "Q4"]
    assert _character(stats, "MARA")["by_part"] == {"Q1": 1, "Q2": 0, "Q3": 1, "Q4": 0}
    assert _character(stats, "LENA")["by_part"] == {"Q1": 0, "Q2": 0, "Q3": 1, "Q4": 1}


def test_scene_by_character_table(stats: whosestory.stats.Stats) -> None:
    matrix = stats["matrix"]
    assert matrix["characters"] == ["MARA", "OTTO", "LENA"]
    assert [r["cells"] for r in matrix["rows"]] == [
        [8, 3, None],
        [None, 0, None],
        [0, 3, 5],  # MARA is in the action of scene 3, silent
        [None, None, 0],
    ]


def test_network_metrics_of_a_triangle(stats: whosestory.stats.Stats) -> None:
    network = stats["network"]
    assert (network["nodes"], network["edges"], network["density"]) == (3, 3, 1.0)
    assert (network["average_degree"], network["clustering"], network["diameter"]) == (2.0, 1.0, 1)
    assert (network["average_path_length"], network["components"]) == (1.0, 1)


def test_voice_overlap_by_hand(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cast_stats, "VOICE_MIN_WORDS", 1)
    stats = screen_stats(whosestory.load(ledger))
    # MARA {the till is short again then by whom}, OTTO {not by me she started it},
    # LENA {stop it both of you}: MARA-OTTO share "by" (1 of 13 types), OTTO-LENA "it"
    # (1 of 10), MARA-LENA nothing
    pairs = {(v["a"], v["b"]): v["overlap"] for v in stats["voices"]}
    assert pairs == {
        ("OTTO", "LENA"): pytest.approx(0.1),
        ("MARA", "OTTO"): pytest.approx(1 / 13, abs=1e-4),
        ("MARA", "LENA"): 0.0,
    }
    assert _character(stats, "MARA")["distinctness"] == pytest.approx(1 - (1 / 13) / 2, abs=1e-3)
    assert _character(stats, "OTTO")["distinctness"] == pytest.approx(
        1 - (1 / 13 + 0.1) / 2, abs=1e-3
    )


def test_too_few_words_have_no_distinctness(stats: whosestory.stats.Stats) -> None:
    assert stats["voices"] == [] and _character(stats, "MARA")["distinctness"] is None


def test_speech_by_gender_adds_up() -> None:
    rows = [
        {"name": "A", "gender": "f", "speeches": 3, "dialogue_words": 30},
        {"name": "B", "gender": "m", "speeches": 1, "dialogue_words": 10},
        {"name": "C", "gender": None, "speeches": 2, "dialogue_words": 60},
        {"name": "ALL", "gender": None, "speeches": 9, "dialogue_words": 90},
    ]
    found = speech_by_gender(rows, {"ALL"})  # type: ignore[arg-type]
    assert [
        (g["gender"], g["characters"], g["speeches"], g["words"], g["share"]) for g in found
    ] == [
        ("f", 1, 3, 30, 0.3),
        ("m", 1, 1, 10, 0.1),
        ("unknown", 1, 2, 60, 0.6),
    ]


def test_sides_hold_every_scene_of_the_character_whole(ledger: Path) -> None:
    found = sides(whosestory.load(ledger), "lena")
    assert found["character"] == "LENA"
    assert [s["index"] for s in found["scenes"]] == [3, 4]
    scene = found["scenes"][0]
    own = [e["text"] for e in scene["elements"] if e["own"]]
    assert own == ["Stop it, both of you."]
    assert "She started it." in [e["text"] for e in scene["elements"]]
    assert (found["speeches"], found["dialogue_words"]) == (1, 5)


def test_the_analysis_carries_the_same_statistics(ledger: Path) -> None:
    story = whosestory.load(ledger)
    assert whosestory.analyze(story).stats == screen_stats(story)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_stats_command_csv_has_every_table(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(capsys, "stats", str(ledger), "--format", "csv")
    assert status == 0
    names = [line[2:].strip() for line in out.splitlines() if line.startswith("# ")]
    assert names == [
        "summary",
        "characters",
        "scenes",
        "settings",
        "dayparts",
        "locations",
        "matrix",
        "voices",
        "network",
        "gender",
    ]
    status, out, _ = _run(capsys, "stats", str(ledger), "--format", "csv", "--table", "matrix")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["scene", "heading", "MARA", "OTTO", "LENA"]
    assert rows[2] == ["2", "EXT. DOCK - NIGHT", "", "0", ""]


def test_stats_command_text_md_json(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "stats", str(ledger))
    assert status == 0 and "Interior and exterior" in out and "SHOP" in out
    status, out, _ = _run(capsys, "stats", str(ledger), "--format", "md")
    assert status == 0 and "| MARA |" in out
    status, out, _ = _run(capsys, "stats", str(ledger), "--format", "json")
    assert status == 0 and '"eighths": 5' in out


def test_stats_unknown_table_is_one_sentence(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, "stats", str(ledger), "--format", "csv", "--table", "nope")
    assert status == 1 and err.count("\n") == 1 and "scenes" in err


def test_sides_command(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "sides", str(ledger), "OTTO")
    assert status == 0 and ">>           Not by me." in out
    status, _, err = _run(capsys, "sides", str(ledger), "NOBODY")
    assert status == 1 and "no character called 'NOBODY'" in err and err.count("\n") == 1


def test_paths_by_igraph_equal_ours_to_the_bit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the path centralities run in igraph, the diameter and the mean path length of
    `network_metrics` come from it: the same figures as the pure-Python search."""
    import random

    pytest.importorskip("igraph")
    from whosestory.measures import network
    from whosestory.stats import dracor

    monkeypatch.setattr(network, "_engine_work", 0)
    rng = random.Random(5)
    for size in (2, 3, 8, 40, 120):
        for density in (0.02, 0.1, 0.5):
            adj: dict[str, set[str]] = {str(i): set() for i in range(size)}
            for i in range(size):
                for j in range(i + 1, size):
                    if rng.random() < density or (j == i + 1 and rng.random() < 0.5):
                        adj[str(i)].add(str(j))
                        adj[str(j)].add(str(i))
            largest = max(dracor._components(adj), key=len)
            if len(largest) < 2:
                continue
            expected = dracor._paths(dracor._Bits(adj), largest)
            assert dracor._compiled_paths(adj, largest) == expected
