"""Inline SVG charts built from plain report data (no Story, no external resources).

Each builder returns one ``<svg>`` element as a string, sized by its viewBox so that
CSS scales it to the page. Every string from the script is escaped. Colours come from
CSS classes (see `report.assets`), so the print and dark styles can change them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

from whosestory.report.types import Arc, Edge, Node, TimelineRow, TimelineScene, Window

LABEL_WIDTH = 165
ROW_HEIGHT = 16
AXIS_HEIGHT = 22
FRAME_STRIP = 6
LABEL_CHARS = 20
NETWORK_LABEL_CHARS = 18


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _short(name: str, limit: int = LABEL_CHARS) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _svg(
    width: float, height: float, label: str, body: list[str], css: str, min_width: float = 0
) -> str:
    """An <svg> drawn at its natural size, shrinking to fit (not below `min_width`: scroll)."""
    style = f' style="min-width:{min(width, min_width):.0f}px"' if min_width else ""
    return (
        f'<svg class="chart {css}" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}"{style} '
        f'role="img" aria-label="{_e(label)}" xmlns="http://www.w3.org/2000/svg">'
        + "".join(body)
        + "</svg>"
    )


# ---------------------------------------------------------------- presence timeline


def _runs(cells: Sequence[int]) -> list[tuple[int, int, int]]:
    """(start, length, value) of each run of equal non-zero cells."""
    runs: list[tuple[int, int, int]] = []
    start = 0
    for i in range(1, len(cells) + 1):
        if i == len(cells) or cells[i] != cells[start]:
            if cells[start]:
                runs.append((start, i - start, cells[start]))
            start = i
    return runs


def _scene_label(scene: TimelineScene) -> str:
    number = scene["number"]
    heading = scene["heading"] or "(before the first heading)"
    prefix = f"scene {scene['index']}" + (f" (#{number})" if number else "")
    return f"{prefix}: {heading}"


def _tick_step(n: int) -> int:
    for step in (1, 5, 10, 20, 25, 50, 100, 200, 500):
        if n / step <= 20:
            return step
    return 1000


def timeline_svg(
    scenes: Sequence[TimelineScene],
    rows: Sequence[TimelineRow],
    frame: set[int] | None = None,
) -> str:
    """Characters x scenes: speaking (dark), present without speaking (light), frame marked.

    Consecutive scenes with the same state are drawn as one rectangle, so the size
    grows with the number of entrances, not with characters x scenes.
    """
    frame = frame or set()
    n = max(len(scenes), 1)
    cell = max(2.0, min(24.0, 900.0 / n))
    width = LABEL_WIDTH + n * cell + 4
    top = AXIS_HEIGHT + FRAME_STRIP + 2
    height = top + len(rows) * ROW_HEIGHT + 4
    body: list[str] = []
    for i, scene in enumerate(scenes):
        if scene["frame"] or scene["index"] in frame:
            x = LABEL_WIDTH + i * cell
            body.append(
                f'<rect class="frame" x="{x:.1f}" y="{AXIS_HEIGHT}" width="{cell:.1f}" '
                f'height="{height - AXIS_HEIGHT:.0f}"><title>frame: {_e(_scene_label(scene))}'
                "</title></rect>"
            )
    step = _tick_step(n)
    for i in range(0, n, step):
        x = LABEL_WIDTH + i * cell + cell / 2
        body.append(f'<text class="tick" x="{x:.1f}" y="{AXIS_HEIGHT - 8}">{i + 1}</text>')
    for r, row in enumerate(rows):
        y = top + r * ROW_HEIGHT
        name = row["name"]
        body.append(
            f'<text class="label" x="{LABEL_WIDTH - 6}" y="{y + ROW_HEIGHT - 4}">'
            f"<title>{_e(name)}</title>{_e(_short(name))}</text>"
        )
        if r % 2 == 0:
            body.append(
                f'<rect class="stripe" x="{LABEL_WIDTH}" y="{y}" width="{n * cell:.1f}" '
                f'height="{ROW_HEIGHT}"/>'
            )
        for start, length, value in _runs(row["cells"]):
            state = "speaks" if value == 2 else "present"
            first, last = start + 1, start + length
            span = f"scene {first}" if length == 1 else f"scenes {first}-{last}"
            tip = f"{name}: {span}, {'speaking' if value == 2 else 'present, silent'}"
            if length == 1 and start < len(scenes):
                tip = f"{name}: {_scene_label(scenes[start])}, {state}"
            body.append(
                f'<rect class="{state}" x="{LABEL_WIDTH + start * cell:.1f}" y="{y + 2}" '
                f'width="{length * cell:.1f}" height="{ROW_HEIGHT - 4}">'
                f"<title>{_e(tip)}</title></rect>"
            )
    label = "presence of each character in each scene"
    return _svg(width, height, label, body, "timeline", min_width=640)


# ---------------------------------------------------------------- network


def spring_layout(
    names: Sequence[str],
    edges: Sequence[Edge],
    width: float,
    height: float,
    pad: tuple[float, float],
) -> dict[str, tuple[float, float]]:
    """Force-directed positions (Fruchterman-Reingold, networkx) inside the box, the same each run.

    Characters who share many scenes pull together, so clusters show; a seeded start
    makes the drawing reproducible. One name sits in the middle. networkx is imported
    here, when a page draws the network.
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(names)
    graph.add_weighted_edges_from(
        (e["source"], e["target"], e["weight"])
        for e in edges
        if e["source"] in graph and e["target"] in graph
    )
    if len(names) < 2:
        return {name: (width / 2, height / 2) for name in names}
    found = nx.spring_layout(graph, weight="weight", seed=7, iterations=300)
    xs = [float(p[0]) for p in found.values()]
    ys = [float(p[1]) for p in found.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {
        name: (
            pad[0] + (float(p[0]) - min(xs)) / span_x * (width - 2 * pad[0]),
            pad[1] + (float(p[1]) - min(ys)) / span_y * (height - 2 * pad[1]),
        )
        for name, p in found.items()
    }


def network_svg(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    roles: Mapping[str, str] | None = None,
) -> str:
    """The co-presence network, force-directed: node size by scenes, edge width by weight.

    Only edges between the given nodes are drawn. `roles` maps a name to the roles it
    holds, which are highlighted and named in the node's tooltip. Labels sit beside
    their node, on the side away from the middle of the drawing.
    """
    roles = roles or {}
    width, height = 640.0, 460.0
    names = [str(n["name"]) for n in nodes]
    longest = max((len(_short(n, NETWORK_LABEL_CHARS)) for n in names), default=0)
    where = spring_layout(names, edges, width, height, pad=(8.0 * longest + 24.0, 30.0))
    top_scenes = max((n["scenes"] for n in nodes), default=1) or 1
    kept = [e for e in edges if e["source"] in where and e["target"] in where]
    top_weight = max((e["weight"] for e in kept), default=1) or 1
    body: list[str] = []
    for edge in sorted(kept, key=lambda e: e["weight"]):
        (x1, y1), (x2, y2) = where[edge["source"]], where[edge["target"]]
        share = edge["weight"] / top_weight
        body.append(
            f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{0.6 + 7 * share:.2f}" stroke-opacity="{0.2 + 0.6 * share:.2f}">'
            f"<title>{_e(edge['source'])} and {_e(edge['target'])}: "
            f"{_e(edge['weight'])} scenes together</title></line>"
        )
    for node in nodes:
        name = str(node["name"])
        x, y = where[name]
        size = 4 + 12 * math.sqrt(node["scenes"] / top_scenes)
        role = roles.get(name)
        tip = f"{name}: present in {node['scenes']} scenes" + (f"; {role}" if role else "")
        css = "node role" if role else "node"
        body.append(
            f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}">'
            f"<title>{_e(tip)}</title></circle>"
        )
        right = x >= width / 2
        lx = x + (size + 4) * (1 if right else -1)
        label = _short(name, NETWORK_LABEL_CHARS)
        body.append(
            f'<text class="nlabel{" role" if role else ""}" x="{lx:.1f}" y="{y + 4:.1f}" '
            f'text-anchor="{"start" if right else "end"}">{_e(label)}</text>'
        )
    return _svg(width, height, "who shares scenes with whom", body, "network")


# ---------------------------------------------------------------- participation by part


def parts_svg(parts: Sequence[str], rows: Sequence[tuple[str, Sequence[int]]]) -> str:
    """Characters x parts (acts, quarters, episodes): each cell shaded by the character's
    scenes in that part against the part's most present character, the count written in."""
    if parts and all(p.startswith("act ") for p in parts):
        parts = [p.removeprefix("act ") for p in parts]  # the caption says they are acts
    cell_w = max(64.0, 7.0 * max(len(p) for p in parts) + 12) if parts else 64.0
    cell_h = ROW_HEIGHT + 4
    width = LABEL_WIDTH + len(parts) * cell_w + 4
    height = AXIS_HEIGHT + len(rows) * cell_h + 4
    tops = [max([1, *(counts[i] for _, counts in rows)]) for i in range(len(parts))]
    body: list[str] = []
    for i, part in enumerate(parts):
        x = LABEL_WIDTH + i * cell_w + cell_w / 2
        body.append(f'<text class="tick" x="{x:.1f}" y="{AXIS_HEIGHT - 8}">{_e(part)}</text>')
    for r, (name, counts) in enumerate(rows):
        y = AXIS_HEIGHT + r * cell_h
        body.append(
            f'<text class="label" x="{LABEL_WIDTH - 6}" y="{y + cell_h - 6}">'
            f"<title>{_e(name)}</title>{_e(_short(name))}</text>"
        )
        for i, count in enumerate(counts):
            x = LABEL_WIDTH + i * cell_w
            share = count / tops[i]
            body.append(
                f'<rect class="speaks" x="{x + 1:.1f}" y="{y + 1}" width="{cell_w - 2:.1f}" '
                f'height="{cell_h - 2}" fill-opacity="{0.08 + 0.8 * share:.2f}">'
                f"<title>{_e(name)}, {_e(parts[i])}: {count} scenes</title></rect>"
                f'<text class="count{" light" if share > 0.5 else ""}" x="{x + cell_w / 2:.1f}" '
                f'y="{y + cell_h - 6}">{count}</text>'
            )
    return _svg(width, height, "scenes of each character in each part", body, "parts")


# ---------------------------------------------------------------- season shares


def share_svg(episodes: Sequence[str], rows: Sequence[tuple[str, Sequence[float]]]) -> str:
    """Each character's share of every episode's words, one line per character, named at
    its last episode."""
    width, height, pad_l, pad_r, pad_y = 640.0, 260.0, 40.0, 150.0, 18.0
    top = max([0.1, *(s for _, shares in rows for s in shares)])
    step = (width - pad_l - pad_r) / max(len(episodes) - 1, 1)

    def py(v: float) -> float:
        return pad_y + (1 - v / top) * (height - 2 * pad_y - 14)

    body = [
        f'<line class="zero" x1="{pad_l}" y1="{py(0):.1f}" x2="{width - pad_r}" y2="{py(0):.1f}"/>',
        f'<text class="tick" x="{pad_l - 6}" y="{py(top) + 4:.1f}" text-anchor="end">'
        f"{top:.0%}</text>",
        f'<text class="tick" x="{pad_l - 6}" y="{py(0) + 4:.1f}" text-anchor="end">0%</text>',
    ]
    for i, episode in enumerate(episodes):
        body.append(
            f'<text class="tick" x="{pad_l + i * step:.1f}" y="{height - 4}">{_e(episode)}</text>'
        )
    for n, (name, shares) in enumerate(rows):
        points = " ".join(f"{pad_l + i * step:.1f},{py(s):.1f}" for i, s in enumerate(shares))
        body.append(f'<polyline class="share line{n % 6}" points="{points}"/>')
        for i, s in enumerate(shares):
            body.append(
                f'<circle class="line{n % 6}" cx="{pad_l + i * step:.1f}" cy="{py(s):.1f}" r="3">'
                f"<title>{_e(name)}, {_e(episodes[i])}: {s:.0%} of the words</title></circle>"
            )
        last = shares[-1] if shares else 0.0
        body.append(
            f'<text class="nlabel" x="{pad_l + (len(shares) - 1) * step + 8:.1f}" '
            f'y="{py(last) + 4:.1f}">{_e(_short(name, NETWORK_LABEL_CHARS))}</text>'
        )
    return _svg(width, height, "share of each episode's words", body, "shares")


# ---------------------------------------------------------------- arcs


def arc_domain(arcs: Sequence[Arc]) -> tuple[float, float]:
    """One tone axis for every arc, fitted to their intervals and holding 0, in twentieths.

    A shared axis fitted to the data lets the small multiples be compared, and shows
    a change the fixed -1..+1 range of the lexicon would flatten.
    """
    values = [
        float(v)
        for arc in arcs
        for w in arc["windows"]
        for v in (w["low"], w["high"], w["mean"])
        if v is not None
    ]
    low, high = min([0.0, *values]), max([0.0, *values])
    low, high = math.floor(low * 20) / 20, math.ceil(high * 20) / 20
    return (low, high) if high - low >= 0.1 else (low - 0.05, high + 0.05)


def _bound(window: Window, key: str) -> float:
    value = window["low"] if key == "low" else window["high"]
    if value is None:
        value = window["mean"]
    return float(value or 0.0)


def _segments(windows: Sequence[Window]) -> list[list[Window]]:
    """Runs of consecutive windows that have a mean (the others are too thin to read)."""
    segments: list[list[Window]] = [[]]
    for window in windows:
        if window["mean"] is None:
            segments.append([])
        else:
            segments[-1].append(window)
    return [s for s in segments if s]


def arc_svg(arc: Arc, domain: tuple[float, float] | None = None) -> str:
    """One character's tone over story time: mean per window, its interval as a band.

    `domain` is the tone axis (low, high) shared by the arcs drawn together
    (`arc_domain`); by default the arc's own.
    """
    width, height, pad_l, pad_r, pad_y = 320.0, 170.0, 38.0, 10.0, 14.0
    windows = arc["windows"]
    low, high = domain or arc_domain([arc])

    def px(t: float) -> float:
        return pad_l + t * (width - pad_l - pad_r)

    def py(v: float) -> float:
        return pad_y + (high - v) / (high - low) * (height - 2 * pad_y - 12)

    ticks = sorted({low, 0.0, high})
    body = [
        f'<line class="zero" x1="{pad_l}" y1="{py(0):.1f}" x2="{width - pad_r}" y2="{py(0):.1f}"/>',
        *(
            f'<text class="tick" x="{pad_l - 4}" y="{py(t) + 4:.1f}" text-anchor="end">'
            f"{t:+.2f}</text>"
            for t in ticks
        ),
        f'<text class="tick" x="{pad_l}" y="{height - 4}" text-anchor="start">start</text>',
        f'<text class="tick" x="{width - pad_r}" y="{height - 4}" text-anchor="end">end</text>',
    ]
    for segment in _segments(windows):
        mids = [((w["start"] + w["end"]) / 2, w) for w in segment]
        upper = [f"{px(t):.1f},{py(_bound(w, 'high')):.1f}" for t, w in mids]
        lower = [f"{px(t):.1f},{py(_bound(w, 'low')):.1f}" for t, w in reversed(mids)]
        body.append(f'<polygon class="band" points="{" ".join(upper + lower)}"/>')
        line = " ".join(f"{px(t):.1f},{py(w['mean']):.1f}" for t, w in mids)
        body.append(f'<polyline class="mean" points="{line}"/>')
        for t, w in mids:
            tip = (
                f"{w['start']:.0%}-{w['end']:.0%} of the story: tone {w['mean']:+.2f} "
                f"(90 % interval {_bound(w, 'low'):+.2f} to "
                f"{_bound(w, 'high'):+.2f}), {w['units']} lines"
            )
            body.append(
                f'<circle class="point" cx="{px(t):.1f}" cy="{py(w["mean"]):.1f}" r="3">'
                f"<title>{_e(tip)}</title></circle>"
            )
    return _svg(width, height, f"tone of {arc['name']} over the story", body, "arc")
