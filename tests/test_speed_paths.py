"""Faster paths that must give what the plain ones gave: word counts kept on the
element, and the scene x character table filled from presences and speeches only."""

from __future__ import annotations

import random

import pytest

from whosestory.model import Element, Kind, Span
from whosestory.screenplay import count_words
from whosestory.stats.cast import matrix


def test_element_words_equal_count_words_and_are_kept() -> None:
    texts = ["", "  ", "Don't — it’s 3 o'clock!", "über naïve café", "a_b c-d", "''", "ROSE (V.O.)"]
    for text in texts:
        element = Element(Kind.DIALOGUE, text, Span(1, 1))
        assert element.words() == count_words(text)
        assert element.words() == count_words(text)  # the kept value
    assert Element(Kind.ACTION, "one two", Span(1, 1)) == Element(
        Kind.ACTION, "one two", Span(1, 1)
    )


def _plain_matrix(scenes, names, present, said):  # the definition, cell by cell
    rows = []
    for scene in scenes:
        index = scene["index"] - 1
        cells = [
            said[(index, n)] if (index, n) in said else (0 if index in present.get(n, ()) else None)
            for n in names
        ]
        rows.append({"scene": scene["index"], "heading": scene["heading"], "cells": cells})
    return {"characters": list(names), "rows": rows}


def test_matrix_equals_the_cell_by_cell_definition() -> None:
    rng = random.Random(7)
    names = [f"C{i}" for i in range(30)]
    scenes = [{"index": i + 1, "heading": f"S{i}"} for i in range(40)]
    present = {n: frozenset(rng.sample(range(40), rng.randint(0, 10))) for n in names[:25]}
    said = {
        (rng.randrange(40), rng.choice([*names, "NOBODY"])): rng.randint(1, 50) for _ in range(80)
    }
    # a speaker need not be present by the presence table: the words still win
    assert matrix(scenes, names, present, said) == _plain_matrix(scenes, names, present, said)  # type: ignore[arg-type]


def test_path_centralities_component_by_component_agree_with_networkx() -> None:
    import math

    import networkx as nx

    from whosestory.measures import network

    graph = nx.disjoint_union_all(
        [nx.les_miserables_graph(), nx.path_graph(4), nx.complete_graph(3), nx.empty_graph(2)]
    )
    for u, v, data in graph.edges(data=True):
        data.setdefault("weight", 1 + (u + v) % 3)
    graph = nx.relabel_nodes(graph, {n: f"N{n:03d}" for n in graph})  # one order for both
    lcm = math.lcm(*(int(w) for _, _, w in graph.edges(data="weight")))
    for _, _, data in graph.edges(data=True):
        data["length"] = lcm // int(data["weight"])
    table = network.centralities(graph)
    expected_close = {
        n: v * lcm for n, v in nx.closeness_centrality(graph, distance="length").items()
    }
    assert table["betweenness"] == pytest.approx(
        nx.betweenness_centrality(graph, weight="length"), abs=1e-12
    )
    assert table["closeness"] == pytest.approx(expected_close, abs=1e-12)


def test_lower_case_changes_the_words_of_a_text_only_at_the_dotted_capital_i() -> None:
    # `stats.cast.vocabularies` ranks by the counts of the original texts on this ground
    from whosestory.model import WORD_RE
    from whosestory.stats.cast import _SPLIT_BY_LOWER

    changed = [
        chr(c)
        for c in range(0x10000)
        if len(WORD_RE.findall(chr(c).lower() + "a")) != len(WORD_RE.findall(chr(c) + "a"))
    ]
    assert changed == [_SPLIT_BY_LOWER]


def test_vocabularies_rank_a_dotted_capital_i_by_its_lower_case_words() -> None:
    from whosestory.model import Character, Story
    from whosestory.stats.cast import VOICE_CHARACTERS, vocabularies

    names = [f"C{i:02d}" for i in range(VOICE_CHARACTERS + 1)]
    story = Story("t", "fountain", "t", (), tuple(Character(n) for n in names))
    # each speaks 20 to 32 words; "İİİİ" is one word as written, four in lower case
    texts = {(0, n): [" ".join(["w"] * (20 + i))] for i, n in enumerate(names)}
    texts[(0, "C00")] = [" ".join(["w"] * 19) + " İİİİ"]
    said = {key: len(" ".join(lines).split()) for key, lines in texts.items()}
    vocab = vocabularies(story, texts, said)
    assert "C00" in vocab and "C01" not in vocab  # 23 words in lower case beat C01's 21


def test_network_metrics_by_bit_masks_agree_with_networkx() -> None:
    import networkx as nx

    from whosestory.stats.dracor import network_metrics

    for seed in range(4):
        graph = nx.disjoint_union_all(
            [nx.gnp_random_graph(70, 0.08 * (seed + 1), seed=seed), nx.path_graph(5)]
        )
        graph.add_node(999)
        graph = nx.relabel_nodes(graph, str)
        found = network_metrics(graph)
        largest = graph.subgraph(max(nx.connected_components(graph), key=len))
        assert found["clustering"] == round(nx.average_clustering(graph), 4)
        assert found["diameter"] == nx.diameter(largest)
        assert found["average_path_length"] == round(nx.average_shortest_path_length(largest), 4)
        assert found["components"] == nx.number_connected_components(graph)
        assert found["density"] == round(nx.density(graph), 4)


def test_regression_analysing_a_screenplay_does_not_import_lxml() -> None:
    """The soliloquy measure took a constant from the TEI reader, and with it lxml (about
    10 ms of every `analyze` process, whatever the format)."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import contextlib, io, sys\n"
        "from whosestory.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['analyze', 'tests/stories/salt-and-static.fountain', '--format', 'json'])\n"
        "print('\\n'.join(sys.modules))\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert "lxml" not in out.stdout.split()


def test_word_counts_and_lists_are_the_runs_of_the_word_pattern() -> None:
    from whosestory.model import WORD_RE, word_list
    from whosestory.model import count_words as counted

    rng = random.Random(11)
    ascii_letters = [chr(i) for i in range(128)] + list("ae  '_09")
    others = [*ascii_letters, "’", "ü", "–", "ё", "中", "\u0130"]
    for alphabet in (ascii_letters, others):
        for _ in range(20000):
            text = "".join(rng.choices(alphabet, k=rng.randint(0, 30)))
            assert counted(text) == len(WORD_RE.findall(text)), repr(text)
            assert word_list(text) == WORD_RE.findall(text), repr(text)


def test_features_rounded_once_a_value_are_rounded_as_each_alone() -> None:
    from whosestory.features import _round, _rounded

    rng = random.Random(5)
    pool = [rng.random() for _ in range(50)] + [0.0, -0.0, 1.0, 1 / 3, 2 / 3, 1e-7, 0.1234565]
    values = [rng.choice(pool) for _ in range(2000)]
    done: dict[float, float] = {}
    assert _rounded(values, done) == [_round(v) for v in values]
    assert _rounded(reversed(values), done) == [_round(v) for v in reversed(values)]
