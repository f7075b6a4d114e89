"""Play-level network metrics and speech by gender, as DraCor reports them for a play.

The network is the co-presence graph of the measures (`measures.network.copresence_graph`:
individual characters, an edge for every pair that shares a scene). Following DraCor
(https://dracor.org/doc/faq) and networkx:

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

from collections.abc import Sequence

import networkx as nx

from whosestory.stats.types import CharacterStats, GenderSplit, NetworkMetrics

GENDER_ORDER = ("f", "m", "unknown")


def network_metrics(graph: nx.Graph) -> NetworkMetrics:
    """Density, average degree, clustering, diameter, average path length, components."""
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    components = list(nx.connected_components(graph)) if n else []
    largest = graph.subgraph(max(components, key=len)) if components else nx.Graph()
    connected = largest.number_of_nodes() > 1
    return {
        "nodes": n,
        "edges": m,
        "density": round(nx.density(graph), 4) if n > 1 else 0.0,
        "average_degree": round(2 * m / n, 4) if n else 0.0,
        "clustering": round(nx.average_clustering(graph), 4) if n else 0.0,
        "diameter": nx.diameter(largest) if connected else None,
        "average_path_length": (
            round(nx.average_shortest_path_length(largest), 4) if connected else None
        ),
        "components": len(components),
        "largest_component": largest.number_of_nodes(),
    }


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
