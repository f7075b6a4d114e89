"""DraCor's play-level network metrics equal networkx's on the same graph, and the GEXF and
GraphML exports read back into the same network."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest

import whosestory
from whosestory.cli import main
from whosestory.report.export import render_gexf, render_graphml
from whosestory.report.view import report_view
from whosestory.stats.dracor import network_metrics

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "the-keeper.fountain"


def _two_parts() -> nx.Graph:
    graph = nx.path_graph(["A", "B", "C", "D"])
    graph.add_edge("A", "C")
    graph.add_edge("E", "F")
    graph.add_node("G")
    return graph


GRAPHS = {
    "karate": nx.karate_club_graph(),
    "star": nx.star_graph(5),
    "path": nx.path_graph(6),
    "two parts and an isolate": _two_parts(),
}


@pytest.mark.parametrize("graph", GRAPHS.values(), ids=list(GRAPHS))
def test_metrics_equal_networkx(graph: nx.Graph) -> None:
    found = network_metrics(graph)
    largest = graph.subgraph(max(nx.connected_components(graph), key=len))
    assert found["nodes"] == graph.number_of_nodes()
    assert found["edges"] == graph.number_of_edges()
    assert found["density"] == pytest.approx(nx.density(graph), abs=1e-4)
    assert found["average_degree"] == pytest.approx(
        sum(d for _, d in graph.degree()) / graph.number_of_nodes(), abs=1e-4
    )
    assert found["clustering"] == pytest.approx(nx.average_clustering(graph), abs=1e-4)
    assert found["diameter"] == nx.diameter(largest)
    assert found["average_path_length"] == pytest.approx(
        nx.average_shortest_path_length(largest), abs=1e-4
    )
    assert found["components"] == nx.number_connected_components(graph)
    assert found["largest_component"] == largest.number_of_nodes()


def test_two_parts_by_hand() -> None:
    found = network_metrics(_two_parts())
    # 7 nodes, 5 edges: density 5 / 21; the largest part A-B-C-D with A-C has diameter 2
    assert found["density"] == pytest.approx(5 / 21, abs=1e-4)
    assert (found["diameter"], found["components"], found["largest_component"]) == (2, 3, 4)


def test_an_empty_or_lonely_network_has_no_paths() -> None:
    empty = network_metrics(nx.Graph())
    assert (empty["nodes"], empty["diameter"], empty["components"]) == (0, None, 0)
    alone = nx.Graph()
    alone.add_node("A")
    lonely = network_metrics(alone)
    assert (lonely["density"], lonely["diameter"], lonely["average_path_length"]) == (
        0.0,
        None,
        None,
    )


def test_the_analysis_metrics_are_those_of_its_network() -> None:
    analysis = whosestory.analyze(whosestory.load(EXAMPLE))
    graph = nx.Graph()
    graph.add_nodes_from(name for name, _ in analysis.charts.nodes)
    graph.add_weighted_edges_from(analysis.charts.edges)
    assert analysis.stats is not None
    assert analysis.stats["network"] == network_metrics(graph)


@pytest.fixture(scope="module")
def view() -> whosestory.report.types.ReportView:
    return report_view(whosestory.analyze(whosestory.load(EXAMPLE)))


def _same_network(view: whosestory.report.types.ReportView, graph: nx.Graph) -> None:
    nodes = {n["name"]: n["scenes"] for n in view["network"]["nodes"]}
    assert {n: int(d["scenes"]) for n, d in graph.nodes(data=True)} == nodes
    edges = {frozenset((e["source"], e["target"])): e["weight"] for e in view["network"]["edges"]}
    assert {frozenset((u, v)): int(w) for u, v, w in graph.edges(data="weight")} == edges
    genders = {c["name"]: c["gender"] or "unknown" for c in view["characters"]}
    assert all(d["gender"] == genders[n] for n, d in graph.nodes(data=True))


def test_gexf_reads_back_into_networkx(view: whosestory.report.types.ReportView) -> None:
    _same_network(view, nx.read_gexf(io.BytesIO(render_gexf(view).encode("utf-8"))))


def test_graphml_reads_back_into_networkx(view: whosestory.report.types.ReportView) -> None:
    _same_network(view, nx.read_graphml(io.BytesIO(render_graphml(view).encode("utf-8"))))


@pytest.mark.parametrize("output", ["gexf", "graphml"])
def test_analyze_writes_the_network(output: str, tmp_path: Path) -> None:
    path = tmp_path / f"keeper.{output}"
    assert main(["analyze", str(EXAMPLE), "--format", output, "-o", str(path)]) == 0
    read = nx.read_gexf if output == "gexf" else nx.read_graphml
    graph = read(path)
    assert graph.has_edge("MAYA", "TOM") and graph.number_of_nodes() >= 5
