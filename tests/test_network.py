"""Character networks and centralities, checked against values worked out by hand."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from whosestory.build import build_story
from whosestory.measures import network
from whosestory.model import Character, Element, Kind, Scene, Script, Span, Story

# ---------------------------------------------------------------- helpers


def weighted(*edges: tuple[str, str, float], nodes: tuple[str, ...] = ()) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from(edges)
    return graph


def make_story(*scenes: list[tuple[str, str]]) -> Story:
    """Scenes of (cue, line) pairs; the cue ``"-"`` makes an action line."""
    elements: list[Element] = []
    line = 0
    for number, scene in enumerate(scenes, 1):
        line += 1
        elements.append(Element(Kind.HEADING, f"INT. ROOM {number} - DAY", Span(line, line)))
        for cue, text in scene:
            line += 1
            if cue == "-":
                elements.append(Element(Kind.ACTION, text, Span(line, line)))
            else:
                elements.append(Element(Kind.DIALOGUE, text, Span(line, line), cue=cue))
    return build_story(Script(format="test", source="mem.fountain", elements=tuple(elements)))


def edges(graph: network.Graph, directed: bool = False) -> dict[tuple[str, ...], float]:
    if directed:
        return {(u, v): w for u, row in graph.items() for v, w in row.items()}
    return {tuple(sorted((u, v))): w for u, v, w in network.edges(graph)}


# ---------------------------------------------------------------- centralities on small graphs


def test_star_hub_lies_on_every_path() -> None:
    star = weighted(("HUB", "A", 1), ("HUB", "B", 1), ("HUB", "C", 1))
    table = network.centralities(star)
    assert table["betweenness"] == {"HUB": 1.0, "A": 0.0, "B": 0.0, "C": 0.0}
    assert table["degree"] == {"HUB": 1.0, "A": pytest.approx(1 / 3), "B": 1 / 3, "C": 1 / 3}
    assert table["weighted_degree"] == {"HUB": 3.0, "A": 1.0, "B": 1.0, "C": 1.0}
    # a leaf is 1 from the hub and 2 from the two other leaves: 3 / 5
    assert table["closeness"] == pytest.approx({"HUB": 1.0, "A": 0.6, "B": 0.6, "C": 0.6})
    # K(1,3): eigenvalue sqrt(3), vector (sqrt(3), 1, 1, 1) / sqrt(6)
    leaf = 1 / math.sqrt(6)
    expected = {"HUB": 1 / math.sqrt(2), "A": leaf, "B": leaf, "C": leaf}
    assert table["eigenvector"] == pytest.approx(expected, abs=1e-8)


def test_path_of_three() -> None:
    path = weighted(("A", "B", 1), ("B", "C", 1))
    assert network.betweenness(path) == {"A": 0.0, "B": 1.0, "C": 0.0}
    assert network.degree(path) == {"A": 0.5, "B": 1.0, "C": 0.5}
    assert network.closeness(path) == pytest.approx({"A": 2 / 3, "B": 1.0, "C": 2 / 3})
    # eigenvalue sqrt(2), vector (1, sqrt(2), 1) / 2
    expected = {"A": 0.5, "B": math.sqrt(2) / 2, "C": 0.5}
    assert network.eigenvector(path) == pytest.approx(expected, abs=1e-8)


def test_weights_shorten_distances_and_weigh_the_eigenvector() -> None:
    path = weighted(("A", "B", 2), ("B", "C", 1))
    assert network.weighted_degree(path) == {"A": 2.0, "B": 3.0, "C": 1.0}
    # lengths 1/2 and 1: A reaches B at 0.5 and C at 1.5
    assert network.closeness(path) == pytest.approx({"A": 1.0, "B": 4 / 3, "C": 0.8})
    # [[0,2,0],[2,0,1],[0,1,0]]: eigenvalue sqrt(5), vector (2, sqrt(5), 1) / sqrt(10)
    root = math.sqrt(10)
    expected = {"A": 2 / root, "B": math.sqrt(5) / root, "C": 1 / root}
    assert network.eigenvector(path) == pytest.approx(expected, abs=1e-8)


def test_triangle_is_symmetric() -> None:
    triangle = weighted(("A", "B", 1), ("B", "C", 1), ("A", "C", 1))
    table = network.centralities(triangle)
    assert table["betweenness"] == dict.fromkeys("ABC", 0.0)
    assert table["degree"] == dict.fromkeys("ABC", 1.0)
    assert table["closeness"] == pytest.approx(dict.fromkeys("ABC", 1.0))
    assert table["eigenvector"] == pytest.approx(dict.fromkeys("ABC", 1 / math.sqrt(3)))


def test_betweenness_uses_inverse_weight_as_length() -> None:
    # A-C share one scene, A-B and B-C four: A to C is shorter through B (1/4 + 1/4 < 1)
    triangle = weighted(("A", "B", 4), ("B", "C", 4), ("A", "C", 1))
    assert network.betweenness(triangle) == {"A": 0.0, "B": 1.0, "C": 0.0}


def test_equal_paths_are_equal_despite_rounding() -> None:
    # 1/10 + 1/15 == 1/6 exactly, not in floating point: two shortest paths from A to C
    assert 1 / 10 + 1 / 15 != 1 / 6
    triangle = weighted(("A", "B", 10), ("B", "C", 15), ("A", "C", 6))
    assert network.betweenness(triangle)["B"] == pytest.approx(0.5)


def test_centralities_agree_with_networkx_on_exact_lengths() -> None:
    graph = nx.les_miserables_graph()  # weighted co-occurrence graph of 77 characters
    lcm = math.lcm(*(int(w) for _, _, w in graph.edges(data="weight")))
    exact = graph.copy()
    for _, _, data in exact.edges(data=True):
        data["length"] = lcm // data["weight"]  # integers: no rounding in networkx either
    table = network.centralities(graph)
    expected_between = nx.betweenness_centrality(exact, weight="length")
    expected_close = {
        n: v * lcm for n, v in nx.closeness_centrality(exact, distance="length").items()
    }
    assert table["betweenness"] == pytest.approx(expected_between, abs=1e-12)
    assert table["closeness"] == pytest.approx(expected_close, abs=1e-12)
    expected_eigen = nx.eigenvector_centrality(graph, weight="weight", max_iter=10000, tol=1e-12)
    assert table["eigenvector"] == pytest.approx(expected_eigen, abs=1e-6)


def test_eigenvector_on_disconnected_graphs_never_raises() -> None:
    # the leading eigenvector lives on the component with the larger eigenvalue
    apart = weighted(("A", "B", 1), ("C", "D", 2), nodes=("E",))
    half = 1 / math.sqrt(2)
    assert network.eigenvector(apart) == pytest.approx(
        {"A": 0.0, "B": 0.0, "C": half, "D": half, "E": 0.0}
    )
    # two equal components share it
    twins = weighted(("A", "B", 1), ("C", "D", 1))
    assert network.eigenvector(twins) == pytest.approx(dict.fromkeys("ABCD", 0.5))
    # a bipartite graph, where plain power iteration oscillates
    assert network.eigenvector(weighted(("A", "B", 50))) == pytest.approx({"A": half, "B": half})


@pytest.mark.parametrize(
    "graph",
    [nx.Graph(), weighted(nodes=("A",)), weighted(nodes=("A", "B")), weighted(("A", "B", 0))],
    ids=["empty", "one node", "two isolated", "zero weight"],
)
def test_degenerate_graphs_give_zeros_not_errors(graph: nx.Graph) -> None:
    for name, values in network.centralities(graph).items():
        assert set(values) == set(graph), name
        if name != "eigenvector":
            assert all(v == 0 or name == "degree" for v in values.values()), name


# ---------------------------------------------------------------- graphs from stories


def test_copresence_counts_shared_scenes_and_mentions() -> None:
    story = make_story(
        [("ANNA", "Hi."), ("BEN", "Hello.")],
        [("ANNA", "Again."), ("BEN", "Yes."), ("CARL", "Me too.")],
        [("-", "Carl waits by the door."), ("ANNA", "Come in.")],
        [("DORA", "Alone.")],
    )
    graph = network.copresence_graph(story)
    assert set(graph) == {"ANNA", "BEN", "CARL", "DORA"}
    assert edges(graph) == {("ANNA", "BEN"): 2, ("ANNA", "CARL"): 2, ("BEN", "CARL"): 1}
    assert network.weighted_degree(graph)["ANNA"] == 4
    only = network.copresence_graph(story, characters=["ANNA", "CARL"])
    assert edges(only) == {("ANNA", "CARL"): 2}


def test_group_speakers_are_left_out() -> None:
    story = make_story([("ANNA", "Friends!"), ("ALL", "Anna!"), ("BEN", "Hush.")])
    assert story.character("ALL").group
    assert set(network.copresence_graph(story)) == {"ANNA", "BEN"}
    conversation = network.conversation_graph(story)
    assert set(conversation) == {"ANNA", "BEN"}
    # the crowd's turn sits between them: no exchange between ANNA and BEN
    assert edges(conversation) == {}
    measures = network.network_measures(story)
    assert all(set(values) == {"ANNA", "BEN"} for values in measures.values())
    assert set(network.tiers(story)) == {"ANNA", "BEN"}


def test_conversation_edges_come_from_consecutive_speeches_within_a_scene() -> None:
    story = make_story(
        [("ANNA", "One."), ("BEN", "Two."), ("ANNA", "Three."), ("CARL", "Four.")],
        [("BEN", "Five."), ("-", "A pause."), ("BEN", "Six."), ("DORA", "Seven.")],
    )
    directed = network.conversation_digraph(story)
    # u -> v: v spoke right after u. CARL (end of scene 1) and BEN (start of 2) are not linked,
    # and BEN's two speeches around the pause are no exchange with himself.
    assert edges(directed, directed=True) == {
        ("ANNA", "BEN"): 1,
        ("BEN", "ANNA"): 1,
        ("ANNA", "CARL"): 1,
        ("BEN", "DORA"): 1,
    }
    undirected = network.conversation_graph(story)
    assert edges(undirected) == {("ANNA", "BEN"): 2, ("ANNA", "CARL"): 1, ("BEN", "DORA"): 1}


def test_empty_story() -> None:
    story = Story(title="x", format="test", source="x", scenes=(), cast=())
    assert len(network.copresence_graph(story)) == 0
    assert len(network.conversation_graph(story)) == 0
    measures = network.network_measures(story)
    assert measures and all(values == {} for values in measures.values())
    assert network.tiers(story) == {}


def test_story_with_one_character() -> None:
    story = make_story([("ANNA", "Is anyone there?")], [("ANNA", "No one.")])
    measures = network.network_measures(story)
    assert all(values == {"ANNA": 0.0} for values in measures.values())
    assert network.tiers(story) == {"ANNA": "main"}


def test_characters_absent_from_every_scene_get_zero() -> None:
    heading = Element(Kind.HEADING, "INT. ROOM - DAY", Span(1, 1))
    line = Element(Kind.DIALOGUE, "Hi.", Span(2, 2), cue="ANNA", speaker="ANNA")
    reply = Element(Kind.DIALOGUE, "Hi.", Span(3, 3), cue="BEN", speaker="BEN")
    scene = Scene(
        index=0, heading="INT. ROOM - DAY", span=Span(1, 3), elements=(heading, line, reply)
    )
    cast = (Character("ANNA"), Character("BEN"), Character("GHOST"))
    story = Story(title="x", format="test", source="x", scenes=(scene,), cast=cast)
    measures = network.network_measures(story)
    assert set(measures) == {
        f"{graph}_{name}"
        for graph in ("copresence", "conversation")
        for name in network.CENTRALITIES
    }
    for values in measures.values():
        assert set(values) == {"ANNA", "BEN", "GHOST"}
        assert values["GHOST"] == 0.0
    assert measures["copresence_degree"] == {"ANNA": 1.0, "BEN": 1.0, "GHOST": 0.0}
    assert measures["conversation_weighted_degree"] == {"ANNA": 1.0, "BEN": 1.0, "GHOST": 0.0}
    assert network.tiers(story)["GHOST"] == "minor"


def test_network_measures_on_a_star_story() -> None:
    # ANNA meets each of the others alone: the co-presence graph is a star
    story = make_story(
        [("ANNA", "Hi."), ("BEN", "Hi.")],
        [("ANNA", "Hi."), ("CARL", "Hi.")],
        [("ANNA", "Hi."), ("DORA", "Hi.")],
    )
    measures = network.network_measures(story)
    leaves = dict.fromkeys(("BEN", "CARL", "DORA"), 0.0)
    assert measures["copresence_betweenness"] == {"ANNA": 1.0, **leaves}
    assert measures["conversation_betweenness"] == {"ANNA": 1.0, **leaves}


def test_tiers_are_shares_of_the_top_presence() -> None:
    # presence: ANNA 10 scenes, BEN 5 (half: main), CARL 2 (20 %: supporting), DORA 1 (minor)
    scenes = [[("ANNA", "Hi.")] for _ in range(10)]
    for i in range(5):
        scenes[i].append(("BEN", "Yes."))
    for i in range(2):
        scenes[i].append(("CARL", "No."))
    scenes[0].append(("DORA", "Maybe."))
    story = make_story(*scenes)
    assert network.tiers(story) == {
        "ANNA": "main",
        "BEN": "main",
        "CARL": "supporting",
        "DORA": "minor",
    }


def test_position_change_moves_a_late_arrival_to_the_centre() -> None:
    from whosestory.build import build_story
    from whosestory.measures.network import position_change
    from whosestory.model import Element, Kind, Script, Span

    def scene(line: int, *speakers: str) -> tuple[Element, ...]:
        heading = Element(Kind.HEADING, f"INT. ROOM {line} - DAY", Span(line, line))
        talk = tuple(
            Element(Kind.DIALOGUE, "Hi.", Span(line + i + 1, line + i + 1), cue=s)
            for i, s in enumerate(speakers)
        )
        return (heading, *talk)

    elements = (
        *scene(1, "ANNA", "BEN"), *scene(10, "ANNA", "BEN"),
        *scene(20, "ANNA", "CARL"), *scene(30, "ANNA", "CARL", "BEN"),
    )  # fmt: skip
    story = build_story(Script(format="test", source="x", elements=elements))
    change = position_change(story)
    # first half: ANNA-BEN twice (both 1.0); second half: weighted degrees ANNA 3
    # (CARL 2 + BEN 1), CARL 3, BEN 2, so shares 1, 1 and 2/3
    assert change["ANNA"] == 0.0
    assert change["CARL"] == 1.0
    assert change["BEN"] == pytest.approx(2 / 3 - 1, abs=1e-3)


# ---------------------------------------------------------------- regressions: crowds stay fast


def test_regression_path_centralities_keep_to_the_budget_on_a_dense_crowd() -> None:
    """A complete graph of 400 (80,000 edges) took minutes of Dijkstra; past the budget
    only the best-connected nodes are walked and the rest get 0."""
    import time

    graph = nx.complete_graph([f"P{i:03d}" for i in range(400)])
    nx.set_edge_attributes(graph, 1, "weight")
    graph.add_edge("P000", "HUB", weight=1)
    start = time.perf_counter()
    values = network.centralities(graph)
    assert time.perf_counter() - start < 10
    assert set(values["betweenness"]) == set(graph)
    kept = network._path_nodes(graph)
    kept_edges = network._number_of_edges(network._subgraph(graph, kept))
    assert len(kept) * kept_edges <= network.PATH_BUDGET
    assert kept[0] == "P000"  # the strongest node is always kept
    assert values["closeness"]["HUB"] == 0.0


def test_regression_copresence_graph_of_a_crowd_scene_is_capped() -> None:
    """A scene with thousands present adds millions of edges; the graph keeps the characters
    present in the most scenes, at most MAX_COPRESENCE_NODES of them."""
    crowd = [(f"EXTRA {chr(65 + i % 26)}{chr(65 + i // 26 % 26)}", "Here.") for i in range(500)]
    story = make_story([*crowd, ("ANNA", "Hello.")], [("ANNA", "Again."), ("BEN", "Yes.")])
    graph = network.copresence_graph(story)
    assert len(graph) == network.MAX_COPRESENCE_NODES
    assert {"ANNA", "BEN"} <= set(graph)


# ---------------------------------------------------------------- engines and containers


def test_igraph_path_centralities_equal_the_pure_python_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Large graphs go to igraph: the same values, disconnected parts and isolates included."""
    pytest.importorskip("igraph")
    graph = network.adjacency(nx.les_miserables_graph())
    graph.update({"LONE": {}, "P": {"Q": 2.0}, "Q": {"P": 2.0}})
    monkeypatch.setattr(network, "_engine_work", 10**12)
    python = network.centralities(graph)
    assert network.prefer_compiled_paths()
    assert network._engine_work == network.PATH_ENGINE_WORK_LOADED
    monkeypatch.setattr(network, "_engine_work", 0)
    compiled = network.centralities(graph)
    for name in ("betweenness", "closeness"):
        assert compiled[name] == pytest.approx(python[name], abs=1e-12), name
    assert compiled["closeness"]["LONE"] == 0.0


def test_networkx_graphs_and_adjacency_give_the_same_centralities() -> None:
    nx_graph = nx.les_miserables_graph()
    graph = network.adjacency(nx_graph)
    assert list(network.to_networkx(graph).edges(data="weight")) == list(
        nx_graph.edges(data="weight")
    )
    assert network.centralities(graph) == network.centralities(nx_graph)
    assert len(network.edges(graph)) == nx_graph.number_of_edges()
    parts = network._components({"A": {"B": 1}, "B": {"A": 1}, "C": {}})
    assert parts == [["A", "B"], ["C"]]


def test_power_iteration_on_arrays_continues_the_python_steps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A slowly converging component (a long chain) finishes on arrays: the same vector."""
    chain = network.adjacency(nx.path_graph([f"C{i:02d}" for i in range(40)]))
    python = network.eigenvector(chain)
    monkeypatch.setattr(network, "PYTHON_STEPS", 3)
    arrays = network.eigenvector(chain)
    assert arrays == pytest.approx(python, abs=1e-8)
    expected = nx.eigenvector_centrality_numpy(network.to_networkx(chain), weight="weight")
    assert arrays == pytest.approx(expected, abs=1e-6)


def _weighted_random_graph(seed: int, nodes: int, edges: int) -> network.Graph:
    graph = nx.gnm_random_graph(nodes, edges, seed=seed)
    weights = [1, 2, 3, 0.5, 7]
    for i, (u, v) in enumerate(graph.edges):
        graph[u][v]["weight"] = weights[(i * 7 + seed) % len(weights)]
    return network.adjacency(graph)


def test_array_steps_give_the_python_steps_to_the_last_bit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sums in the same order: the vector is equal, not approximately equal."""
    for seed in range(4):
        graph = _weighted_random_graph(seed, 70, 160)
        monkeypatch.setattr(network, "EXACT_ARRAY_TERMS", 10**9)
        python = network.eigenvector(graph)
        monkeypatch.setattr(network, "EXACT_ARRAY_TERMS", 1)
        assert network.eigenvector(graph) == python


def test_components_that_cannot_lead_are_not_solved(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = {u: dict(vs) for u, vs in _weighted_random_graph(1, 40, 120).items()}
    for i in range(5):  # weak pairs: their eigenvalue (0.5) is far below the big part's
        graph[f"P{i}"], graph[f"Q{i}"] = {f"Q{i}": 0.5}, {f"P{i}": 0.5}
    solve = network._component_eigenvector
    calls: list[int] = []

    def counted(part: network.Graph) -> tuple[float, dict[str, float]]:
        calls.append(len(part))
        return solve(part)

    monkeypatch.setattr(network, "_component_eigenvector", counted)
    pruned = network.eigenvector(graph)
    assert len(calls) == 1
    monkeypatch.setattr(network, "_eigenvalue_bound", lambda graph, nodes: math.inf)
    assert network.eigenvector(graph) == pruned
    assert len(calls) == 1 + 6
    assert pruned["P0"] == 0.0 and max(pruned.values()) > 0


def test_a_graph_that_loads_igraph_lowers_the_bar_for_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once a graph over the bar has imported igraph, later graphs of the process take it
    from `PATH_ENGINE_WORK_LOADED`, as after `prefer_compiled_paths`; a graph under the bar
    changes nothing, and a lower bar stays."""
    pytest.importorskip("igraph")
    graph = network.adjacency(nx.les_miserables_graph())  # 77 nodes x 254 edges: 19,558
    monkeypatch.setattr(network, "_engine_work", 19_000)
    network.centralities({"A": {"B": 1.0}, "B": {"A": 1.0}, "C": {}})
    assert network._engine_work == 19_000
    network.centralities(graph)
    assert network._engine_work == network.PATH_ENGINE_WORK_LOADED
    monkeypatch.setattr(network, "_engine_work", 100)
    network.centralities(graph)
    assert network._engine_work == 100
