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

A graph is a plain weighted adjacency mapping, ``{name: {neighbour: weight}}`` (both
directions for an undirected graph): building one costs no import, and every
centrality below reads it directly. `to_networkx` turns one into a networkx graph
for the exports and metrics people expect from networkx; the functions here also
accept a networkx graph. The path centralities run in igraph, when it is installed,
on graphs large enough to pay for its import (`PATH_ENGINE_WORK`), and on all but
the smallest once a process that analyses many stories has loaded it
(`prefer_compiled_paths`): the same values, at a tenth of the time.

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
import sys
from collections.abc import Callable, Iterable, Mapping
from heapq import heappop, heappush
from itertools import combinations, pairwise
from typing import Any

from whosestory.measures.spotlight import present_scenes
from whosestory.model import Story

Graph = dict[str, dict[str, float]]
"""Weighted adjacency: each node -> {neighbour: weight} (both directions when undirected)."""
GraphLike = Mapping[str, Any]
"""A `Graph`, or a networkx graph (its ``graph[u]`` maps neighbours to edge data)."""
Centrality = Callable[[GraphLike], dict[str, float]]

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
) -> Graph:
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
    graph: Graph = {}
    by_scene: dict[int, list[str]] = {}
    for name in _individuals(story):
        scenes = presence.get(name, frozenset())
        if name not in allowed or not scenes:
            continue
        graph[name] = {}
        for scene in scenes:
            by_scene.setdefault(scene, []).append(name)
    for names in by_scene.values():
        for a, b in combinations(names, 2):
            _add_weight(graph, a, b)
    return graph


def conversation_digraph(story: Story) -> Graph:
    """Who answers whom: an edge u -> v for each speech by v right after a speech by u.

    Read u -> v as "v speaks to u" (a reply addressed to whoever spoke just before),
    or equally "u is answered by v". Weights count such exchanges. Only consecutive
    speeches within one scene count. A group or unattributed speech still takes its
    turn: it breaks the chain (ANNA, ALL, BEN links neither ANNA nor BEN to ALL or to
    each other). Nodes are the non-group characters with at least one speech.
    """
    individuals = set(_individuals(story))
    graph: Graph = {}
    for scene in story.scenes:
        speakers = [s.speaker for s in scene.speeches()]
        for name in speakers:
            if name in individuals and name not in graph:
                graph[name] = {}
        for before, after in pairwise(speakers):
            if before != after and before in individuals and after in individuals:
                row = graph[before]
                row[after] = row.get(after, 0) + 1
    return graph


def conversation_graph(story: Story, digraph: Graph | None = None) -> Graph:
    """The conversation graph made undirected: weight = exchanges in either direction."""
    if digraph is None:
        digraph = conversation_digraph(story)
    graph: Graph = {name: {} for name in digraph}
    for u, row in digraph.items():
        for v, weight in row.items():
            _add_weight(graph, u, v, weight)
    return graph


def _add_weight(graph: Graph, u: str, v: str, weight: float = 1) -> None:
    """Add `weight` to the undirected edge u-v (both nodes must be in `graph`)."""
    graph[u][v] = graph[u].get(v, 0) + weight
    graph[v][u] = graph[v].get(u, 0) + weight


def adjacency(graph: GraphLike) -> Graph:
    """`graph` as a `Graph`: a networkx graph's edge weights (1 without a weight), or a copy."""
    return _as_graph(graph, copy=True)


def _as_graph(graph: GraphLike, copy: bool = False) -> Graph:
    """`graph` itself when it is a `Graph` already (unless `copy`), else its `Graph`."""
    if not copy and isinstance(graph, dict):
        return graph
    result: Graph = {}
    for u in graph:
        row = graph[u]
        result[u] = {
            v: float(d.get("weight", 1)) if isinstance(d, Mapping) else float(d)
            for v, d in row.items()
        }
    return result


def edges(graph: GraphLike) -> list[tuple[str, str, float]]:
    """Each undirected edge once, as (u, v, weight), in the order the nodes were added."""
    adj = _as_graph(graph)
    order = {node: i for i, node in enumerate(adj)}
    return [(u, v, w) for u, row in adj.items() for v, w in row.items() if order[u] <= order[v]]


def _number_of_edges(graph: Graph) -> int:
    """How many undirected edges `graph` has (a self-loop counts once)."""
    ends = sum(len(row) + (u in row) for u, row in graph.items())
    return ends // 2


def _subgraph(graph: GraphLike, nodes: Iterable[str]) -> Graph:
    """The graph induced by `nodes`."""
    keep = set(nodes)
    adj = _as_graph(graph)
    return {u: {v: w for v, w in row.items() if v in keep} for u, row in adj.items() if u in keep}


def _components(graph: GraphLike) -> list[list[str]]:
    """The connected components, each in the order nodes are reached from its first node."""
    adj = _as_graph(graph)
    seen: set[str] = set()
    found: list[list[str]] = []
    for start in adj:
        if start in seen:
            continue
        seen.add(start)
        component, frontier = [start], [start]
        while frontier:
            for v in adj[frontier.pop()]:
                if v not in seen:
                    seen.add(v)
                    component.append(v)
                    frontier.append(v)
        found.append(component)
    return found


def to_networkx(graph: GraphLike) -> Any:
    """A ``networkx.Graph`` with the same nodes and ``weight`` edges (networkx is imported here)."""
    import networkx as nx

    result = nx.Graph()
    result.add_nodes_from(graph)
    result.add_weighted_edges_from(edges(graph))
    return result


# ---------------------------------------------------------------- centralities


def degree(graph: GraphLike) -> dict[str, float]:
    """Degree centrality: the share of the n - 1 other nodes a node is linked to (0 if n = 1)."""
    adj = _as_graph(graph)
    others = len(adj) - 1
    return {n: _degree(n, row) / others if others else 0.0 for n, row in adj.items()}


def _degree(node: str, row: Mapping[str, float]) -> int:
    return len(row) + (node in row)  # a self-loop counts twice, as in networkx


def weighted_degree(graph: GraphLike) -> dict[str, float]:
    """Strength: the sum of the weights of a node's edges (shared scenes, exchanges)."""
    adj = _as_graph(graph)
    return {n: float(sum(row.values()) + row.get(n, 0)) for n, row in adj.items()}


def betweenness(graph: GraphLike) -> dict[str, float]:
    """Normalised betweenness, edge length 1 / weight (Freeman 1977; Brandes 2001).

    For each pair of other nodes, the share of their shortest paths that pass
    through the node; summed, and divided by the number of such pairs,
    (n - 1)(n - 2) / 2. 1 for the hub of a star, 0 for its leaves. Edges of weight
    0 or less are no path. The same values as ``networkx.betweenness_centrality``
    with a ``1 / weight`` length, except that lengths within 1e-9 count as equal
    (1/10 + 1/15 is as short as 1/6, whatever the rounding).
    """
    return _shortest_path_centralities(graph)[0]


def closeness(graph: GraphLike) -> dict[str, float]:
    """Closeness, edge length 1 / weight: k / (sum of the distances to the k nodes reached).

    On a graph that is not connected the value is multiplied by k / (n - 1), the
    share of the others a node can reach (Wasserman and Faust 1994; networkx's
    default), so a tight pair on its own does not outrank the centre of the main
    cluster. Isolated nodes get 0.
    """
    return _shortest_path_centralities(graph)[1]


_EPS = 1e-9


PATH_BUDGET = 1_000_000
"""Most work (nodes x edges) the path-based centralities spend on one graph.

The largest feature film graph needs about half a million (130 characters, 4,000
edges); a crowd of a thousand
characters in one scene (half a million edges) would need minutes. Past the
budget, betweenness and closeness are computed over the best-connected characters
only (see `_path_nodes`).
"""


def _path_nodes(graph: GraphLike) -> list[str]:
    """The nodes betweenness and closeness are computed over.

    All of them while nodes x edges stays within `PATH_BUDGET`; otherwise the
    characters with the greatest weighted degree (ties by name), as many as fit:
    the others, the least connected, get 0. Keeps hostile or freak input linear.
    """
    adj = _as_graph(graph)
    nodes = list(adj)
    if len(nodes) * _number_of_edges(adj) <= PATH_BUDGET:
        return nodes
    strength = weighted_degree(adj)
    ranked = sorted(nodes, key=lambda n: (-strength[n], n))
    keep = len(ranked)
    while keep > 2:
        keep = max(2, int(keep * 0.8))
        if keep * _number_of_edges(_subgraph(adj, ranked[:keep])) <= PATH_BUDGET:
            break
    return ranked[:keep]


PATH_ENGINE_WORK = 200_000
"""Nodes x edges from which the path centralities run in igraph (when it is installed).

Measured (docs/benchmarks.md, sixth pass): in a process that has imported whosestory
(numpy among it), importing and first using igraph costs about 30 ms of CPU, and its
Brandes pass takes a fifth or a sixth of ours (10 ms against 54 on Kraus's co-presence
graph, 300 characters and 1,500 edges; 10 against 60 on JFK's): it pays from about
200,000 node-edges, where our pass takes 30 to 60 ms. (The 140 ms measured before for the
import was mostly numpy's, which igraph imports and whosestory has already.) Four
stories of the data reach it (JFK, Kraus, Cyrano, Zweig's *Jeremias*); their reports
are the same either way. A process that analyses many stories (a corpus worker) pays
the import once: `prefer_compiled_paths` lowers the bar to `PATH_ENGINE_WORK_LOADED`.
"""
PATH_ENGINE_WORK_LOADED = 10_000
"""The bar once igraph is loaded: from here its pass beats ours, set-up included."""
_engine_work = PATH_ENGINE_WORK


def prefer_compiled_paths() -> bool:
    """Load igraph now (once per process) and use it for every graph past a small size.

    For a process that will analyse many stories; returns False (and changes
    nothing) when igraph is not installed.
    """
    global _engine_work
    if _engine_work == PATH_ENGINE_WORK_LOADED:
        return True
    try:
        import igraph

        igraph.Graph(n=2, edges=[(0, 1)]).betweenness(weights=[1.0])  # loads its parts
    except ImportError:
        return False
    _engine_work = PATH_ENGINE_WORK_LOADED
    return True


def compiled_paths(work: int) -> Any | None:
    """igraph, when this process has it loaded and a graph of `work` nodes x edges is past
    the bar its path centralities run in it from (`PATH_ENGINE_WORK`); else None."""
    if work < _engine_work:
        return None
    return sys.modules.get("igraph")


def _shortest_path_centralities(graph: GraphLike) -> tuple[dict[str, float], dict[str, float]]:
    """Betweenness and closeness from one Dijkstra per node (Brandes 2001, algorithm 1).

    Over `_path_nodes` only when the graph is too large for the budget; every other
    node gets 0 in both.
    """
    graph = _as_graph(graph)
    kept = _path_nodes(graph)
    if len(kept) < len(graph):
        between, close = _shortest_path_centralities(_subgraph(graph, kept))
        return (
            {node: between.get(node, 0.0) for node in graph},
            {node: close.get(node, 0.0) for node in graph},
        )
    nodes = kept
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    lengths = [
        [(index[v], 1.0 / w) for v, w in graph[u].items() if v != u and w > 0] for u in nodes
    ]
    if n * sum(map(len, lengths)) // 2 >= _engine_work:
        found = _igraph_paths(lengths)
        if found is not None:
            return _keyed(nodes, *found)
    between = [0.0] * n
    close = [0.0] * n
    for part in _index_components(lengths):
        # a component by itself, its nodes in the graph's order: the same searches, ties
        # broken alike, without lists as long as the whole graph for every source
        local = {node: i for i, node in enumerate(part)}
        adjacency = [[(local[v], length) for v, length in lengths[u]] for u in part]
        for source in range(len(part)):
            order, preds, sigma, dist = _dijkstra_paths(adjacency, source)
            delta = [0.0] * len(part)
            for w in reversed(order):
                share = (1 + delta[w]) / sigma[w]
                for v in preds[w]:
                    delta[v] += sigma[v] * share
                if w != source:
                    between[part[w]] += delta[w]
            total = sum([dist[v] for v in order])  # in the order reached, as always summed
            reached = len(order) - 1
            if total > 0:
                close[part[source]] = reached / total * reached / (n - 1)
    return _keyed(nodes, between, close)


def _keyed(
    nodes: list[str], between: list[float], close: list[float]
) -> tuple[dict[str, float], dict[str, float]]:
    """Betweenness (summed over ordered pairs, normalised here) and closeness by node."""
    n = len(nodes)
    # each pair was counted from both ends: divide by 2 * (n - 1)(n - 2) / 2
    scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    return (
        {node: between[i] * scale for i, node in enumerate(nodes)},
        {node: close[i] for i, node in enumerate(nodes)},
    )


def _igraph_paths(lengths: list[list[tuple[int, float]]]) -> tuple[list[float], list[float]] | None:
    """Betweenness over ordered pairs and closeness, by igraph, or None when it is absent.

    The same definitions as the pure-Python pass (weighted Brandes; Wasserman and
    Faust's closeness), checked against it in tests/test_network.py.
    """
    global _engine_work
    try:
        import igraph
    except ImportError:
        return None
    # paid for now: later graphs of this process take it from the loaded bar (a story's
    # conversation graph after its co-presence graph), as `prefer_compiled_paths` sets
    _engine_work = min(_engine_work, PATH_ENGINE_WORK_LOADED)
    n = len(lengths)
    pairs = [(u, v, length) for u, row in enumerate(lengths) for v, length in row if u < v]
    graph = igraph.Graph(n=n, edges=[(u, v) for u, v, _ in pairs])
    weights = [length for _, _, length in pairs]
    between = [2 * b for b in graph.betweenness(weights=weights)]
    size = {v: len(c) for c in graph.connected_components() for v in c}
    close = []
    for v, value in enumerate(graph.closeness(weights=weights)):
        reached = size[v] - 1
        ok = reached > 0 and value == value  # NaN for an isolated node
        close.append(value * reached / (n - 1) if ok and n > 1 else 0.0)
    return between, close


def _index_components(lengths: list[list[tuple[int, float]]]) -> list[list[int]]:
    """The connected components of two nodes or more, each in ascending order."""
    seen = [False] * len(lengths)
    parts = []
    for start in range(len(lengths)):
        if seen[start] or not lengths[start]:
            continue
        seen[start] = True
        part, stack = [start], [start]
        while stack:
            for v, _ in lengths[stack.pop()]:
                if not seen[v]:
                    seen[v] = True
                    part.append(v)
                    stack.append(v)
        parts.append(sorted(part))
    return parts


def _dijkstra_paths(
    adjacency: list[list[tuple[int, float]]], source: int
) -> tuple[list[int], list[list[int]], list[float], list[float]]:
    """Nodes in order of distance, shortest-path predecessors, path counts and distances.

    The last three are lists by node (lists, not dicts: a third of the pass's time on
    a large play); a node not in `order` was not reached and its entries mean nothing.
    """
    n = len(adjacency)
    order: list[int] = []
    preds: list[list[int]] = [[]] * n  # each reached node gets its own list below
    sigma = [0.0] * n
    dist = [0.0] * n
    done = [False] * n
    seen: list[float | None] = [None] * n
    sigma[source] = 1.0
    seen[source] = 0.0
    heap = [(0.0, source)]
    pop, push = heappop, heappush
    while heap:
        d, v = pop(heap)
        if done[v]:
            continue
        done[v] = True
        dist[v] = d
        order.append(v)
        paths = sigma[v]
        for w, length in adjacency[v]:
            if done[w]:
                continue
            candidate = d + length
            known = seen[w]
            if known is None or candidate < known - _EPS:
                seen[w] = candidate
                push(heap, (candidate, w))
                sigma[w] = paths
                preds[w] = [v]
            elif candidate <= known + _EPS:
                sigma[w] += paths
                preds[w].append(v)
    return order, preds, sigma, dist


def eigenvector(graph: GraphLike) -> dict[str, float]:
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
    `_MAX_WORK`) the last iterate is returned. A component whose eigenvalue cannot
    reach the largest found (`_eigenvalue_bound`) is not solved: it would get 0 anyway.
    """
    graph = _as_graph(graph)
    result = dict.fromkeys(graph, 0.0)
    solved: list[tuple[float, dict[str, float]]] = []
    position = {node: i for i, node in enumerate(graph)}
    parts = [nodes for nodes in _components(graph) if len(nodes) > 1]
    one = len(parts) == 1  # nothing to compare: no bound needed
    bounds = [0.0 if one else _eigenvalue_bound(graph, nodes) for nodes in parts]
    bounded = sorted(zip(bounds, parts, strict=True), key=lambda pair: -pair[0])
    for bound, nodes in bounded:
        if solved and bound < max(value for value, _ in solved) * (1 - 1e-4):
            break  # neither this component nor any after it can lead: none is solved
        # a component holds all its nodes' edges: its rows as they are, in the graph's
        # order (the order of the sums, to the last bit)
        ordered = sorted(nodes, key=position.__getitem__)
        solved.append(_component_eigenvector({u: graph[u] for u in ordered}))
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


def _eigenvalue_bound(graph: Graph, nodes: list[str]) -> float:
    """An upper bound of what `_component_eigenvector` returns as the component's value.

    That value is x'Ax for a unit x, at most the spectral norm of A, which is at most
    the geometric mean of the largest absolute row sum and column sum (Schur); the
    graphs are symmetric, where both are the largest weighted degree.
    """
    rows = max(sum(abs(w) for w in graph[u].values()) for u in nodes)
    columns: dict[str, float] = {}
    for u in nodes:
        for v, w in graph[u].items():
            columns[v] = columns.get(v, 0.0) + abs(w)
    return math.sqrt(rows * max(columns.values(), default=0.0)) * (1 + 1e-9)


_MAX_ITER = 2000
_MAX_WORK = 2_000_000
"""Most weight terms power iteration sums on one component (steps x (nodes + edges)).

A feature film's component needs 20 to 40 steps of a few thousand terms; a long
chain of thousands of one-line speakers converges slowly, and stops here.
"""
_TOLERANCE = 1e-10


PYTHON_STEPS = 100
"""Power-iteration steps taken with plain Python's arithmetic before the rest run on
numpy arrays with BLAS's.

Feature films converge in 40 to 60 steps, so their values stay those of plain
Python to the last bit; a component that converges slowly (a play with hundreds of
characters needs about 300) takes its further steps as array operations, many
times faster. The same iteration and tolerance either way.
"""

EXACT_ARRAY_TERMS = 64
"""Terms (nodes + edges) from which a component's first `PYTHON_STEPS` run on arrays too,
summing in plain Python's order (`_array_steps`); a smaller one stays in Python,
where a step costs less than numpy's calls."""


def _component_eigenvector(graph: Graph) -> tuple[float, dict[str, float]]:
    """(leading eigenvalue, unit eigenvector) of one connected component."""
    nodes = list(graph)
    index = {n: i for i, n in enumerate(nodes)}
    rows = [[(index[v], w) for v, w in graph[u].items()] for u in nodes]
    shift = max(sum(w for _, w in row) for row in rows) / 2
    size = len(nodes) + sum(len(row) for row in rows)
    steps = min(_MAX_ITER, max(20, _MAX_WORK // size))
    x = [1 / math.sqrt(len(nodes))] * len(nodes)
    if size >= EXACT_ARRAY_TERMS:
        value, x = _array_steps(rows, shift, x, steps, exact=PYTHON_STEPS)
        return value, dict(zip(nodes, x, strict=True))
    for step in range(steps):
        if step == PYTHON_STEPS:
            value, x = _array_steps(rows, shift, x, steps - step, exact=0)
            return value, dict(zip(nodes, x, strict=True))
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


def _array_steps(
    rows: list[list[tuple[int, float]]], shift: float, start: list[float], steps: int, exact: int
) -> tuple[float, list[float]]:
    """`steps` steps of `_component_eigenvector`'s loop from `start`, on arrays (one
    `bincount` over the edges a step).

    The first `exact` steps give the plain Python loop's values to the last bit: every
    product is the same product, and every sum adds the same terms in the same order
    (`bincount` adds a row's terms in turn from 0 as `sum` does; the norm and the final
    value are the last element of `add.accumulate`, a running sum in order). Later steps
    take the norm as a dot product and the value as `np.sum`, which pair the terms
    differently: the loop's figures past `PYTHON_STEPS` have always been those.
    """
    import numpy as np

    n = len(rows)
    source = np.repeat(np.arange(n), [len(row) for row in rows])
    target = np.array([j for row in rows for j, _ in row], dtype=np.intp)
    weight = np.array([w for row in rows for _, w in row], dtype=float)
    x = np.array(start, dtype=float)
    step = 0
    for step in range(steps):
        y = shift * x + np.bincount(source, weights=weight * x[target], minlength=n)
        norm = math.sqrt(float(np.add.accumulate(y * y)[-1] if step < exact else y @ y))
        if norm == 0:  # all weights 0: no leading direction, keep the uniform start
            break
        y = y / norm
        done = float(np.max(np.abs(x - y))) < _TOLERANCE
        x = y
        if done:
            break
    terms = weight * x[source] * x[target]
    value = float(np.add.accumulate(terms)[-1] if step < exact else np.sum(terms))
    return value, x.tolist()


CENTRALITIES: dict[str, Centrality] = {
    "degree": degree,
    "weighted_degree": weighted_degree,
    "betweenness": betweenness,
    "closeness": closeness,
    "eigenvector": eigenvector,
}
"""Every centrality by name, in the order `centralities` reports them."""


def centralities(graph: GraphLike) -> dict[str, dict[str, float]]:
    """Every centrality of `CENTRALITIES` on one graph, keyed by name.

    Betweenness and closeness come from one shared pass of shortest paths.
    """
    graph = _as_graph(graph)
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
) -> dict[str, Graph]:
    """The co-presence and conversation graphs of a story, keyed by name."""
    return {
        "copresence": copresence_graph(story, presence=presence),
        "conversation": conversation_graph(story),
    }


def network_measures(
    story: Story,
    presence: Mapping[str, frozenset[int]] | None = None,
    graphs: Mapping[str, Graph] | None = None,
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
