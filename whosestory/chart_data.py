"""The data the report's charts draw, computed once in the analysis stage.

- `presence`: character -> one cell per scene: 2 speaking, 1 present without
  speaking, 0 absent (`measures.spotlight.presence_matrix`);
- `nodes` and `edges`: the co-presence graph, nodes with their scenes present
  (most present first), edges with their shared scenes (heaviest first);
- `arcs`: the tone trajectory (`measures.arc.trajectory`) and overall change of
  the role holders and then the leading characters, at most `ARC_CHARACTERS`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from whosestory.measures import arc, network, spotlight
from whosestory.model import record
from whosestory.signals import Signals

ARC_CHARACTERS = 6
"""Most characters whose arc the report draws: the role holders first, then the leaders."""


@record
class ArcSeries:
    """One character's change of tone (None if it has too little text) and its windows."""

    name: str
    change: arc.ArcChange | None
    windows: tuple[arc.Window, ...]


@record
class Charts:
    """Presence per scene, the co-presence network and the arcs of tone."""

    presence: Mapping[str, tuple[int, ...]]
    nodes: tuple[tuple[str, int], ...]
    edges: tuple[tuple[str, str, int], ...]
    arcs: tuple[ArcSeries, ...]


def arc_names(holders: Sequence[str | None], leaders: Sequence[str]) -> list[str]:
    """The role holders, then the leading characters: at most `ARC_CHARACTERS`, no repeats."""
    unique = [n for n in dict.fromkeys([*holders, *leaders]) if n]
    return unique[:ARC_CHARACTERS]


def chart_data(signals: Signals, arc_characters: Sequence[str]) -> Charts:
    """The charts' data for a story: presence, co-presence network, and the named arcs."""
    story = signals.story
    matrix = spotlight.presence_matrix(story, signals.present, signals.speaking)
    graph = signals.graphs["copresence"]
    nodes = sorted(
        ((n, len(signals.present.get(n, ()))) for n in graph),
        key=lambda node: (-node[1], node[0]),
    )
    edges = sorted(
        ((u, v, int(w)) for u, v, w in network.edges(graph)),
        key=lambda edge: (-edge[2], edge[0], edge[1]),
    )
    arcs = tuple(
        ArcSeries(name, signals.arcs.get(name), tuple(signals.trajectory(name)))
        for name in arc_characters
    )
    return Charts(
        presence={name: tuple(cells) for name, cells in matrix.items()},
        nodes=tuple(nodes),
        edges=tuple(edges),
        arcs=arcs,
    )
