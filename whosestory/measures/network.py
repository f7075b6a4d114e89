"""Centrality: character networks and where each character sits in them.

Two undirected, weighted graphs over the story's characters (group speakers such as
``ALL`` or ``GUARD #2`` are left out):

- the **co-presence graph** links two characters once for every scene in which both
  are present (speaking, or mentioned in the action: `spotlight.present_scenes`).
  This is the scene co-occurrence network of DraCor (Fischer, Trilcke et al.,
  "Network dynamics, plot analysis", 2017; https://dracor.org/doc/faq) and of
  Moretti ("Network Theory, Plot Analysis", 2011);
- the **conversation graph** approximates who speaks to whom: two speeches in a row
  within one scene (`Scene.speeches`) by two different characters count as one
  exchange between them. Scripts do not say whom a line is addressed to, so this is
  an approximation: a reply is taken to be addressed to whoever spoke just before
  (as in Moretti's "network of dialogue"); a speech to a third person in the room,
  or the first speech of a scene, is misread or not counted. Exchanges never cross
  a scene boundary.

Centralities (each a function graph -> {character: float}, following networkx):

- `degree`: neighbours / (n - 1), n the number of nodes (Freeman 1979);
- `weighted_degree`: strength, the sum of the weights of a node's edges (Barrat et
  al. 2004, "The architecture of complex weighted networks");
- `betweenness`: normalised shortest-path betweenness (Brandes 2001) where an edge's
  length is 1 / weight, so characters who share many scenes are close;
- `closeness`: closeness on the same 1 / weight lengths, with Wasserman and Faust's
  scaling for graphs that are not connected (networkx's default);
- `eigenvector`: weighted eigenvector centrality (Bonacich 1972), computed per
  connected component and never raising (see `eigenvector`).

`network_measures` computes both graphs once and returns every measure for every
non-group character, 0 for characters absent from a graph. `tiers` sorts the cast
into main, supporting and minor characters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from heapq import heappop, heappush
from itertools import combinations, pairwise

import networkx as nx

from whosestory.measures.spotlight import present_scenes
from whosestory.model import Story

Centrality = Callable[[nx.Graph], dict[str, float]]

MAIN_SHARE = 0.5
"""`tiers`: main characters are present in at least this share of the top character's scenes."""

SUPPORTING_SHARE = 0.15
"""`tiers`: supporting characters are present in at least this share of the top one's scenes."""


# ---------------------------------------------------------------- graphs

MAX_COPRESENCE_NODES = 300
"""Most characters in a co-presence graph (a feature film has under 150 individuals).

A scene with k characters present adds k(k - 1) / 2 edges, so a crowd of
thousands would make the graph alone cost minutes; the least present characters
beyond this many are left out (0 in every measure).
"""


def _individuals(story: Story) -> list[str]:
    """Non-group characters in cast order."""
    return [c.name for c in story.cast if not c.group]


def copresence_graph(
    story: Story,
    characters: Iterable[str] | None = None,
    presence: Mapping[str, frozenset[int]] | None = None,
) -> nx.Graph:
    """Scene co-presence: an edge weighted by the number of scenes two characters share.

    Nodes are the non-group characters present in at least one scene (restricted to
    `characters` when given), at most `MAX_COPRESENCE_NODES` of them: those present
    in the most scenes. `presence` is `spotlight.present_scenes(story)` if the
    caller already has it; otherwise it is computed here.
    """
    if presence is None:
        presence = present_scenes(story)
    allowed = set(_individuals(story))
    if characters is not None:
        allowed &= set(characters)
    if len(allowed) > MAX_COPRESENCE_NODES:
        ranked = sorted(allowed, key=lambda n: (-len(presence.get(n, ())), n))
        allowed = set(ranked[:MAX_COPRESENCE_NODES])
    graph = nx.Graph()
    by_scene: dict[int, list[str]] = {}
    for name in _individuals(story):
        scenes = presence.get(name, frozenset())
        if name not in allowed or not scenes:
            continue
        graph.add_node(name)
        for scene in scenes:
            by_scene.setdefault(scene, []).append(name)
    for names in by_scene.values():
        for a, b in combinations(names, 2):
            _add_weight(graph, a, b)
    return graph


def conversation_digraph(story: Story) -> nx.DiGraph:
    """Who answers whom: an edge u -> v for each speech by v right after a speech by u.

    Read u -> v as "v speaks to u" (a reply addressed to whoever spoke just before),
    or equally "u is answered by v". Weights count such exchanges. Only consecutive
    speeches within one scene count. A group or unattributed speech still takes its
    turn: it breaks the chain (ANNA, ALL, BEN links neither ANNA nor BEN to ALL or to
    each other). Nodes are the non-group characters with at least one speech.
    """
    individuals = set(_individuals(story))
    graph = nx.DiGraph()
    for scene in story.scenes:
        speakers = [s.speaker for s in scene.speeches()]
        graph.add_nodes_from(s for s in speakers if s in individuals)
        for before, after in pairwise(speakers):
            if before != after and before in individuals and after in individuals:
                _add_weight(graph, before, after)
    return graph


def conversation_graph(story: Story, digraph: nx.DiGraph | None = None) -> nx.Graph:
    """The conversation graph made undirected: weight = exchanges in either direction."""
    if digraph is None:
        digraph = conversation_digraph(story)
    graph = nx.Graph()
    graph.add_nodes_from(digraph)
    for u, v, weight in digraph.edges(data="weight"):
        _add_weight(graph, u, v, weight)
    return graph


def _add_weight(graph: nx.Graph, u: str, v: str, weight: float = 1) -> None:
    if graph.has_edge(u, v):
        graph[u][v]["weight"] += weight
    else:
        graph.add_edge(u, v, weight=weight)


# ---------------------------------------------------------------- centralities


def degree(graph: nx.Graph) -> dict[str, float]:
    """Degree centrality: the share of the n - 1 other nodes a node is linked to (0 if n = 1)."""
    others = graph.number_of_nodes() - 1
    return {n: d / others if others else 0.0 for n, d in graph.degree()}


def weighted_degree(graph: nx.Graph) -> dict[str, float]:
    """Strength: the sum of the weights of a node's edges (shared scenes, exchanges)."""
    return {n: float(v) for n, v in graph.degree(weight="weight")}


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Normalised betweenness, edge length 1 / weight (Freeman 1977; Brandes 2001).

    For each pair of other nodes, the share of their shortest paths that pass
    through the node; summed, and divided by the number of such pairs,
    (n - 1)(n - 2) / 2. 1 for the hub of a star, 0 for its leaves. Edges of weight
    0 or less are no path. The same values as ``networkx.betweenness_centrality``
    with a ``1 / weight`` length, except that lengths within 1e-9 count as equal
    (1/10 + 1/15 is as short as 1/6, whatever the rounding).
    """
    return _shortest_path_centralities(graph)[0]


def closeness(graph: nx.Graph) -> dict[str, float]:
    """Closeness, edge length 1 / weight: k / (sum of the distances to the k nodes reached).

    On a graph that is not connected the value is multiplied by k / (n - 1), the
    share of the others a node can reach (Wasserman and Faust 1994; networkx's
    default), so a tight pair on its own does not outrank the centre of the main
    cluster. Isolated nodes get 0.
    """
    return _shortest_path_centralities(graph)[1]


_EPS = 1e-9


def _weights(neighbours: Mapping[str, Mapping[str, float]]) -> list[tuple[str, float]]:
    """(neighbour, weight) pairs; an edge without a weight weighs 1."""
    return [(v, float(d.get("weight", 1))) for v, d in neighbours.items()]


PATH_BUDGET = 1_000_000
"""Most work (nodes x edges) the path-based centralities spend on one graph.

The largest feature film graph needs about half a million (130 characters, 4,000
edges); a crowd of a thousand
characters in one scene (half a million edges) would need minutes. Past the
budget, betweenness and closeness are computed over the best-connected characters
only (see `_path_nodes`).
"""


def _path_nodes(graph: nx.Graph) -> list[str]:
    """The nodes betweenness and closeness are computed over.

    All of them while nodes x edges stays within `PATH_BUDGET`; otherwise the
    characters with the greatest weighted degree (ties by name), as many as fit:
    the others, the least connected, get 0. Keeps hostile or freak input linear.
    """
    nodes = list(graph)
    if len(nodes) * graph.number_of_edges() <= PATH_BUDGET:
        return nodes
    strength = dict(graph.degree(weight="weight"))
    ranked = sorted(nodes, key=lambda n: (-strength[n], n))
    keep = len(ranked)
    while keep > 2:
        keep = max(2, int(keep * 0.8))
        if keep * graph.subgraph(ranked[:keep]).number_of_edges() <= PATH_BUDGET:
            break
    return ranked[:keep]


def _shortest_path_centralities(graph: nx.Graph) -> tuple[dict[str, float], dict[str, float]]:
    """Betweenness and closeness from one Dijkstra per node (Brandes 2001, algorithm 1).

    Over `_path_nodes` only when the graph is too large for the budget; every other
    node gets 0 in both.
    """
    kept = _path_nodes(graph)
    if len(kept) < len(graph):
        between, close = _shortest_path_centralities(graph.subgraph(kept))
        return (
            {node: between.get(node, 0.0) for node in graph},
            {node: close.get(node, 0.0) for node in graph},
        )
    nodes = kept
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    adjacency = [
        [(index[v], 1.0 / w) for v, w in _weights(graph[u]) if v != u and w > 0] for u in nodes
    ]
    between = [0.0] * n
    close = [0.0] * n
    for source in range(n):
        order, preds, sigma, dist = _dijkstra_paths(adjacency, source)
        delta = dict.fromkeys(order, 0.0)
        for w in reversed(order):
            share = (1 + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * share
            if w != source:
                between[w] += delta[w]
        total = sum(dist.values())
        reached = len(dist) - 1
        if total > 0 and n > 1:
            close[source] = reached / total * reached / (n - 1)
    # each pair was counted from both ends: divide by 2 * (n - 1)(n - 2) / 2
    scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    return (
        {node: between[i] * scale for i, node in enumerate(nodes)},
        {node: close[i] for i, node in enumerate(nodes)},
    )


def _dijkstra_paths(
    adjacency: list[list[tuple[int, float]]], source: int
) -> tuple[list[int], dict[int, list[int]], dict[int, float], dict[int, float]]:
    """Nodes in order of distance, shortest-path predecessors, path counts and distances."""
    order: list[int] = []
    preds: dict[int, list[int]] = {source: []}
    sigma: dict[int, float] = {source: 1.0}
    dist: dict[int, float] = {}
    seen = {source: 0.0}
    heap = [(0.0, source)]
    pop, push = heappop, heappush
    while heap:
        d, v = pop(heap)
        if v in dist:
            continue
        dist[v] = d
        order.append(v)
        paths = sigma[v]
        for w, length in adjacency[v]:
            if w in dist:
                continue
            candidate = d + length
            known = seen.get(w)
            if known is None or candidate < known - _EPS:
                seen[w] = candidate
                push(heap, (candidate, w))
                sigma[w] = paths
                preds[w] = [v]
            elif candidate <= known + _EPS:
                sigma[w] += paths
                preds[w].append(v)
    return order, preds, sigma, dist


def eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Weighted eigenvector centrality (Bonacich 1972), unit Euclidean norm; never raises.

    The leading eigenvector of the weighted adjacency matrix A, as
    `networkx.eigenvector_centrality` defines it. On a graph that is not connected
    that vector lives on the component(s) with the largest leading eigenvalue, so
    those get their component's eigenvector (shared out to unit norm when several
    tie) and every other node 0, as the exact definition implies; an empty or
    edgeless graph gives 0 everywhere.

    Each component is solved by power iteration on A + (D / 2) I, D the largest
    weighted degree. networkx shifts by I, which crawls (thousands of steps) on
    conversation graphs ruled by one strong pair, whose spectrum is nearly
    symmetric; with the larger shift every other eigenvalue is smaller in
    magnitude than the leading one by a clear margin, and 20 to 40 steps reach
    1e-9 on a feature film. After `_MAX_ITER` steps (fewer on a huge component, see
    `_MAX_WORK`) the last iterate is returned.
    """
    result = dict.fromkeys(graph, 0.0)
    solved: list[tuple[float, dict[str, float]]] = []
    for nodes in nx.connected_components(graph):
        if len(nodes) > 1:
            solved.append(_component_eigenvector(graph.subgraph(nodes)))
    if not solved:
        return result
    top = max(value for value, _ in solved)
    if top <= 0:  # only zero weights: nothing to lead
        return result
    leading = [vector for value, vector in solved if math.isclose(value, top, rel_tol=1e-6)]
    scale = 1 / math.sqrt(len(leading))
    for vector in leading:
        result.update({n: v * scale for n, v in vector.items()})
    return result


_MAX_ITER = 2000
_MAX_WORK = 2_000_000
"""Most weight terms power iteration sums on one component (steps x (nodes + edges)).

A feature film's component needs 20 to 40 steps of a few thousand terms; a long
chain of thousands of one-line speakers converges slowly, and stops here.
"""
_TOLERANCE = 1e-10


def _component_eigenvector(graph: nx.Graph) -> tuple[float, dict[str, float]]:
    """(leading eigenvalue, unit eigenvector) of one connected component."""
    nodes = list(graph)
    index = {n: i for i, n in enumerate(nodes)}
    rows = [[(index[v], w) for v, w in _weights(graph[u])] for u in nodes]
    shift = max(sum(w for _, w in row) for row in rows) / 2
    x = [1 / math.sqrt(len(nodes))] * len(nodes)
    size = len(nodes) + sum(len(row) for row in rows)
    for _ in range(min(_MAX_ITER, max(20, _MAX_WORK // size))):
        y = [shift * x[i] + sum(w * x[j] for j, w in row) for i, row in enumerate(rows)]
        norm = math.sqrt(sum(v * v for v in y))
        if norm == 0:  # all weights 0: no leading direction, keep the uniform start
            break
        y = [v / norm for v in y]
        done = max(abs(a - b) for a, b in zip(x, y, strict=True)) < _TOLERANCE
        x = y
        if done:
            break
    value = sum(w * x[i] * x[j] for i, row in enumerate(rows) for j, w in row)
    return value, dict(zip(nodes, x, strict=True))


CENTRALITIES: dict[str, Centrality] = {
    "degree": degree,
    "weighted_degree": weighted_degree,
    "betweenness": betweenness,
    "closeness": closeness,
    "eigenvector": eigenvector,
}
"""Every centrality by name, in the order `centralities` reports them."""


def centralities(graph: nx.Graph) -> dict[str, dict[str, float]]:
    """Every centrality of `CENTRALITIES` on one graph, keyed by name.

    Betweenness and closeness come from one shared pass of shortest paths.
    """
    between, close = _shortest_path_centralities(graph)
    return {
        "degree": degree(graph),
        "weighted_degree": weighted_degree(graph),
        "betweenness": between,
        "closeness": close,
        "eigenvector": eigenvector(graph),
    }


# ---------------------------------------------------------------- the story's figures


def story_graphs(
    story: Story, presence: Mapping[str, frozenset[int]] | None = None
) -> dict[str, nx.Graph]:
    """The co-presence and conversation graphs of a story, keyed by name."""
    return {
        "copresence": copresence_graph(story, presence=presence),
        "conversation": conversation_graph(story),
    }


def network_measures(
    story: Story,
    presence: Mapping[str, frozenset[int]] | None = None,
    graphs: Mapping[str, nx.Graph] | None = None,
) -> dict[str, dict[str, float]]:
    """Every centrality on both graphs, keyed graph_measure: ``"copresence_degree"``, ...

    The keys are ``copresence_`` and ``conversation_`` (the undirected conversation
    graph) followed by each name in `CENTRALITIES`. Each graph is built once and
    walked once. Every non-group character gets a value in every measure: 0 when
    absent from the graph or isolated in it. `presence` is
    `spotlight.present_scenes(story)` if the caller already has it.
    """
    names = _individuals(story)
    graphs = graphs or story_graphs(story, presence)
    result: dict[str, dict[str, float]] = {}
    for graph_name, graph in graphs.items():
        for measure_name, values in centralities(graph).items():
            result[f"{graph_name}_{measure_name}"] = {n: values.get(n, 0.0) for n in names}
    return result


def tiers(story: Story, presence: Mapping[str, frozenset[int]] | None = None) -> dict[str, str]:
    """Main, supporting or minor, for every non-group character, by presence relative to the top.

    Let top be the largest number of scenes any non-group character is present in
    (`spotlight.present_scenes`). A character present in at least `MAIN_SHARE` (half)
    of top scenes is ``"main"``; in at least `SUPPORTING_SHARE` (15 %) of top,
    ``"supporting"``; otherwise (or in no scene at all) ``"minor"``.

    Why this rule: presence is the plainest signal a reader can check, and a share of
    the top character's count adapts to the story's length without depending on
    the size of the cast, which a share of the total would (a crowd of one-scene
    characters would push everyone else down). Weighted degree is not used because
    a crowded scene inflates it for everyone in the room.
    """
    if presence is None:
        presence = present_scenes(story)
    counts = {n: len(presence.get(n, ())) for n in _individuals(story)}
    top = max(counts.values(), default=0)
    return {name: _tier(count, top) for name, count in counts.items()}


def _tier(count: int, top: int) -> str:
    if count == 0:
        return "minor"
    if count >= MAIN_SHARE * top:
        return "main"
    if count >= SUPPORTING_SHARE * top:
        return "supporting"
    return "minor"


def position_change(
    story: Story, presence: Mapping[str, frozenset[int]] | None = None
) -> dict[str, float]:
    """Change in network position from the first half of the story to the second.

    The co-presence graph of each half (scenes before and after the middle), each
    character's weighted degree as a share of that half's top value; the result is
    the second half's share minus the first's (-1..1): positive for a character
    who moves to the centre of the web, negative for one who drifts out of it.
    """
    if presence is None:
        presence = present_scenes(story)
    middle = len(story.scenes) / 2
    halves = [
        {n: frozenset(i for i in s if i < middle) for n, s in presence.items()},
        {n: frozenset(i for i in s if i >= middle) for n, s in presence.items()},
    ]
    shares = []
    for half in halves:
        strength = weighted_degree(copresence_graph(story, presence=half))
        top = max(strength.values(), default=0.0) or 1.0
        shares.append({n: v / top for n, v in strength.items()})
    return {n: round(shares[1].get(n, 0.0) - shares[0].get(n, 0.0), 4) for n in _individuals(story)}
