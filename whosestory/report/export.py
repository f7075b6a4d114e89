"""The co-presence network of a report as GEXF or GraphML, for Gephi, Cytoscape or networkx.

``whosestory analyze FILE --format gexf|graphml`` writes the network the report draws
(`ReportView.network`): one node per character present in a scene, with its scenes,
words and gender (``unknown`` when not known), and one edge per pair of characters who
share scenes, weighted by how many. networkx reads both back (`read_gexf`,
`read_graphml`).
"""

from __future__ import annotations

from typing import Any

from whosestory.report.types import ReportView


def report_graph(view: ReportView) -> Any:
    """The report's co-presence network as a ``networkx.Graph``, with the nodes' figures
    (networkx is imported here, only when a network is exported)."""
    import networkx as nx

    characters = {c["name"]: c for c in view["characters"]}
    graph = nx.Graph(name=view["title"] or "Untitled")
    for node in view["network"]["nodes"]:
        character = characters.get(node["name"])
        graph.add_node(
            node["name"],
            label=node["name"],
            scenes=node["scenes"],
            words=character["words"] if character else 0,
            gender=(character["gender"] if character else None) or "unknown",
        )
    for edge in view["network"]["edges"]:
        graph.add_edge(edge["source"], edge["target"], weight=edge["weight"])
    return graph


def render_gexf(view: ReportView) -> str:
    """The network as GEXF 1.2 (undirected, static)."""
    import networkx as nx

    return "\n".join(nx.generate_gexf(report_graph(view), version="1.2draft")) + "\n"


def render_graphml(view: ReportView) -> str:
    """The network as GraphML."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(report_graph(view))) + "\n"
