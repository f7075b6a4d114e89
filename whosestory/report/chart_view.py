"""The report view: `summary_view` plus the plain data the charts draw.

`report_view(analysis)` returns everything `summary_view` returns, and:

- ``timeline``: ``{"scenes": [{index, heading, number, act, frame}], "rows": [{name, cells}]}``,
  one row per non-group character present in at least one scene (in the order of
  the cast figures), one cell per scene: 2 speaking, 1 present without speaking, 0 absent
  (`measures.spotlight.presence_matrix`); ``index`` is 1-based, as in `scenes_view`;
- ``network``: ``{"nodes": [{name, scenes}], "edges": [{source, target, weight}]}``,
  the co-presence graph (`measures.network.copresence_graph`), edges heaviest first;
- ``arcs``: ``[{name, shape, delta, low, high, windows: [{start, end, units, mean, low,
  high}]}]``, the tone trajectory with its 90 % intervals (`measures.arc`) of the role
  holders and the leading characters.

The JSON, Markdown and HTML reports render this view; the terminal report renders
the summary alone.
"""

from __future__ import annotations

from typing import Any

from whosestory.analysis import ROLES, Analysis
from whosestory.measures import arc
from whosestory.measures.network import copresence_graph
from whosestory.measures.spotlight import presence_matrix, present_scenes
from whosestory.report.view import summary_view

ARC_CHARACTERS = 6
"""Most characters whose arc the report draws: the role holders first, then the leaders."""


def report_view(analysis: Analysis) -> dict[str, Any]:
    """The summary view plus the timeline, network and arc data the charts draw."""
    view = summary_view(analysis)
    view["timeline"] = timeline_view(analysis)
    view["network"] = network_view(analysis)
    view["arcs"] = arcs_view(analysis, arc_names(analysis))
    return view


def timeline_view(analysis: Analysis) -> dict[str, Any]:
    """Scenes (marking the frame layer's) and one presence row per character who appears."""
    story = analysis.story
    frame = analysis.frame.scenes if analysis.frame.owner else frozenset()
    scenes = [
        {
            "index": s.index + 1,
            "heading": s.heading,
            "number": s.number,
            "act": s.act,
            "frame": s.index in frame,
        }
        for s in story.scenes
    ]
    matrix = presence_matrix(story)
    groups = {c.name for c in story.cast if c.group}
    rows = [
        {"name": f.name, "cells": matrix[f.name]}
        for f in analysis.figures
        if f.name not in groups and f.scenes_present > 0 and f.name in matrix
    ]
    return {"scenes": scenes, "rows": rows}


def network_view(analysis: Analysis) -> dict[str, Any]:
    """The co-presence graph as nodes (with scenes present) and weighted edges."""
    story = analysis.story
    presence = present_scenes(story)
    graph = copresence_graph(story, presence=presence)
    nodes = [{"name": n, "scenes": len(presence.get(n, ()))} for n in graph.nodes]
    nodes.sort(key=lambda n: (-n["scenes"], n["name"]))
    edges = [{"source": u, "target": v, "weight": int(w)} for u, v, w in graph.edges(data="weight")]
    edges.sort(key=lambda e: (-e["weight"], e["source"], e["target"]))
    return {"nodes": nodes, "edges": edges}


def arc_names(analysis: Analysis) -> list[str]:
    """The role holders, then the leading characters: at most `ARC_CHARACTERS`."""
    names = [analysis.roles[r].character for r in ROLES if r in analysis.roles]
    groups = {c.name for c in analysis.story.cast if c.group}
    names += [f.name for f in analysis.figures if f.name not in groups]
    unique = [n for n in dict.fromkeys(names) if n]
    return unique[:ARC_CHARACTERS]


def arcs_view(analysis: Analysis, names: list[str]) -> list[dict[str, Any]]:
    """Tone trajectory and overall change of each named character."""
    story = analysis.story
    changes = arc.arc_change(story)
    result = []
    for name in names:
        change = changes.get(name)
        windows = arc.trajectory(story, name)
        result.append(
            {
                "name": name,
                "shape": change.shape if change else None,
                "delta": change.delta if change else None,
                "low": change.low if change else None,
                "high": change.high if change else None,
                "windows": [
                    {
                        "start": w.start,
                        "end": w.end,
                        "units": w.units,
                        "mean": w.mean,
                        "low": w.low,
                        "high": w.high,
                    }
                    for w in windows
                ],
            }
        )
    return result
