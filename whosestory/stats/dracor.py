"""Play-level network metrics and speech by gender, as DraCor reports them for a play.

The network is the co-presence graph of the measures (`measures.network.copresence_graph`:
individual characters, an edge for every pair that shares a scene). Following DraCor
(https://dracor.org/doc/faq), with networkx's definitions (the tests check the figures
against networkx; networkx itself is not imported here):

- density: edges / (n (n - 1) / 2);
- average degree: 2 edges / n;
- clustering: the mean of the nodes' local clustering coefficients, unweighted
  (`networkx.average_clustering`);
- diameter and average path length: over the largest connected component, unweighted
  (a network that is not connected has no finite diameter); None with fewer than two
  characters in it;
- components: connected components, isolated characters included.

Speech by gender adds up each gender's characters, speeches and words (``unknown``
when neither the source nor the pronouns say it); share is the share of all words.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from whosestory.measures.network import GraphLike, compiled_paths

if TYPE_CHECKING:
    from whosestory.stats.types import CharacterStats, GenderSplit, NetworkMetrics

GENDER_ORDER = ("f", "m", "unknown")


def network_metrics(graph: GraphLike) -> NetworkMetrics:
    """Density, average degree, clustering, diameter, average path length, components.

    `graph` is the measures' weighted adjacency (or a networkx graph); weights are ignored.
    """
    adj = {u: {v for v in graph[u] if v != u} for u in graph}
    n = len(adj)
    m = sum(len(row) for row in adj.values()) // 2
    bits = _Bits(adj)
    components = _components(adj)
    largest = max(components, key=len) if components else set()
    connected = len(largest) > 1
    diameter, mean_path = (None, None)
    if connected:
        diameter, mean_path = _compiled_paths(adj, largest) or _paths(bits, largest)
    return {
        "nodes": n,
        "edges": m,
        "density": round(2 * m / (n * (n - 1)), 4) if n > 1 else 0.0,
        "average_degree": round(2 * m / n, 4) if n else 0.0,
        "clustering": round(sum(bits.clustering(u) for u in adj) / n, 4) if n else 0.0,
        "diameter": diameter,
        "average_path_length": round(mean_path, 4) if mean_path is not None else None,
        "components": len(components),
        "largest_component": len(largest),
    }


class _Bits:
    """The graph as one integer bit mask of neighbours per node: a breadth-first ring and
    a node's neighbours among another's neighbours are a few integer operations each."""

    def __init__(self, adj: dict[str, set[str]]) -> None:
        self.position = {u: i for i, u in enumerate(adj)}
        self.masks = [sum(1 << self.position[v] for v in row) for row in adj.values()]
        self.adj = adj

    def clustering(self, u: str) -> float:
        """The share of a node's neighbour pairs that are neighbours themselves."""
        neighbours = self.adj[u]
        k = len(neighbours)
        if k < 2:
            return 0.0
        mine, masks, position = self.masks[self.position[u]], self.masks, self.position
        links = sum((masks[position[v]] & mine).bit_count() for v in neighbours) / 2
        return 2 * links / (k * (k - 1))

    def hops(self, u: str) -> Iterator[int]:
        """How many nodes are 1, 2, 3, ... hops from `u` (breadth-first, ring by ring)."""
        masks = self.masks
        ring = seen = 1 << self.position[u]
        while True:
            after = 0
            while ring:
                low = ring & -ring
                after |= masks[low.bit_length() - 1]
                ring ^= low
            ring = after & ~seen
            if not ring:
                return
            seen |= ring
            yield ring.bit_count()


def _components(adj: dict[str, set[str]]) -> list[set[str]]:
    seen: set[str] = set()
    parts = []
    for start in adj:
        if start in seen:
            continue
        part, ring = {start}, {start}
        while ring:
            ring = set().union(*[adj[u] for u in ring]) - part
            part |= ring
        seen |= part
        parts.append(part)
    return parts


def _paths(bits: _Bits, nodes: set[str]) -> tuple[int, float]:
    """The diameter and the mean shortest path over the pairs of a connected part."""
    longest, total = 0, 0
    for u in nodes:
        for hops, count in enumerate(bits.hops(u), start=1):
            total += hops * count
            longest = max(longest, hops)
    k = len(nodes)
    return longest, total / (k * (k - 1))


def _compiled_paths(adj: dict[str, set[str]], nodes: set[str]) -> tuple[int, float] | None:
    """`_paths` by igraph, where the measures' path centralities run in it (a large cast:
    Kraus's 198 connected characters in a third of the time), or None. The mean is the
    same integer sum over the same number of pairs, divided once, to the bit."""
    igraph = compiled_paths(len(nodes) * sum(len(adj[u]) for u in nodes) // 2)
    if igraph is None:
        return None
    position = {u: i for i, u in enumerate(nodes)}
    pairs = [(position[u], position[v]) for u in nodes for v in adj[u] if position[u] < position[v]]
    graph = igraph.Graph(n=len(nodes), edges=pairs)
    return graph.diameter(directed=False), graph.average_path_length(directed=False)


def speech_by_gender(characters: Sequence[CharacterStats], groups: set[str]) -> list[GenderSplit]:
    """Characters, speeches and words of each gender, individual characters only."""
    totals = {g: [0, 0, 0] for g in GENDER_ORDER}
    for character in characters:
        if character["name"] in groups:
            continue
        entry = totals[character["gender"] if character["gender"] in ("f", "m") else "unknown"]
        entry[0] += 1
        entry[1] += character["speeches"]
        entry[2] += character["dialogue_words"]
    words = sum(t[2] for t in totals.values())
    return [
        {
            "gender": gender,
            "characters": c,
            "speeches": s,
            "words": w,
            "share": round(w / words, 4) if words else 0.0,
        }
        for gender, (c, s, w) in totals.items()
        if c
    ]
