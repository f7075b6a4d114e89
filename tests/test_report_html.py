"""The HTML report: self-contained, escaped, legible for big casts, defensive about the view."""

from __future__ import annotations

import copy
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import whosestory
from whosestory.report.chart_view import report_view
from whosestory.report.html import render_html
from whosestory.report.view import summary_view

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "the-keeper.fountain"
BIG_FISH = ROOT.parent / "shared/data/screenplays/screenplain/examples/Big-Fish.fountain"
PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


@pytest.fixture(scope="module")
def keeper() -> dict[str, Any]:
    return report_view(whosestory.analyze(whosestory.load(EXAMPLE)))


def test_report_has_verdicts_charts_table_and_evidence(keeper: dict[str, Any]) -> None:
    page = render_html(keeper)
    assert page.startswith("<!DOCTYPE html>")
    spotlight = keeper["roles"]["spotlight"]["character"]
    assert f'<div class="who">{spotlight}</div>' in page
    for css in ("chart timeline", "chart network", "chart arc"):
        assert f'class="{css}"' in page
    assert "Every measure" in page and "The evidence" in page
    assert 'table class="sortable"' in page


def test_report_loads_nothing_from_outside(keeper: dict[str, Any]) -> None:
    page = render_html(keeper)
    tags = _tags(page)
    assert not [t for t, a in tags if t in ("link", "img", "iframe", "object", "embed")]
    assert not [a for _, a in tags if "src" in a or "href" in a]
    assert "@import" not in page and "url(" not in page
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert urls <= {"http://www.w3.org/2000/svg"}
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def _poison(view: dict[str, Any]) -> dict[str, Any]:
    """Every string the script supplies replaced by markup."""
    bad = copy.deepcopy(view)
    old = bad["roles"]["spotlight"]["character"]
    new = PAYLOAD + old
    bad["title"] = PAYLOAD
    bad["source"] = PAYLOAD
    for character in bad["characters"]:
        if character["name"] == old:
            character["name"] = new
    for verdict in bad["roles"].values():
        verdict["character"] = new
        verdict["ranking"][0]["name"] = new
        verdict["quotes"] = [{"scene": 1, "line": 2, "quote": PAYLOAD, "heading": PAYLOAD}]
        verdict["counter_evidence"] = [PAYLOAD, {"scene": 3, "line": 4, "quote": PAYLOAD}]
        verdict["what_would_change"] = PAYLOAD
    for row in bad["timeline"]["rows"]:
        row["name"] = PAYLOAD + row["name"]
    for scene in bad["timeline"]["scenes"]:
        scene["heading"] = PAYLOAD
    for node in bad["network"]["nodes"]:
        node["name"] = PAYLOAD + node["name"]
    for edge in bad["network"]["edges"]:
        edge["source"], edge["target"] = PAYLOAD + edge["source"], PAYLOAD + edge["target"]
    for arc in bad["arcs"]:
        arc["name"] = PAYLOAD + arc["name"]
        arc["shape"] = PAYLOAD
    bad["divergence"] = PAYLOAD
    bad["frame"] = {"owner": PAYLOAD, "how": [PAYLOAD], "scenes": [1]}
    quote = {"scene": PAYLOAD, "line": 1, "quote": PAYLOAD, "heading": PAYLOAD}
    bad["evidence"] = {
        role: {"for": [PAYLOAD], "quotes": [quote], "against": [PAYLOAD]} for role in bad["roles"]
    }
    bad["diagnostics"] = [{"line": 1, "code": "guess", "message": PAYLOAD}]
    return bad


def test_every_script_string_is_escaped(keeper: dict[str, Any]) -> None:
    page = render_html(_poison(keeper))
    assert PAYLOAD not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    tags = _tags(page)
    assert [t for t, _ in tags].count("script") == 1  # the report's own
    assert not [t for t, _ in tags if t == "img"]
    assert not [a for _, a in tags if any(k.startswith("on") for k in a)]


def test_summary_view_alone_renders_without_charts(keeper: dict[str, Any]) -> None:
    view = summary_view(whosestory.analyze(whosestory.load(EXAMPLE)))
    page = render_html(view)
    assert "Every measure" in page
    assert "chart timeline" not in page and "chart arc" not in page


def test_new_roles_divergence_frame_and_quotes_render(keeper: dict[str, Any]) -> None:
    view = copy.deepcopy(keeper)
    base = view["roles"]["spotlight"]
    view["roles"]["main_character"] = {
        **base,
        "character": "TOM",
        "runner_up": base["character"],
        "close_call": True,
        "quotes": [{"scene": 4, "line": 57, "quote": "Tom looks out at the sea.", "signal": "pov"}],
        "counter_evidence": "Tom is in fewer scenes than Maya.",
    }
    view["roles"]["mentor"] = {**base, "character": "DR. OKAFOR"}
    view["frame"] = {"owner": "TOM", "scenes": [1, 11]}
    view.pop("divergence", None)
    view.pop("evidence", None)
    page = render_html(view)
    assert "Main character" in page and "Mentor" in page
    assert "The roles part:" in page and 'class="divergence"' in page
    assert "Tom looks out at the sea." in page and "scene 4, line 57, pov" in page
    assert "Tom is in fewer scenes than Maya." in page and "Against" in page
    assert "close call" in page
    assert 'class="frame"' in page  # frame scenes marked on the timeline
    view["divergence"] = "The spotlight is Maya's; the story is Tom's."
    assert "The spotlight is Maya&#x27;s; the story is Tom&#x27;s." in render_html(view)


def test_roles_that_agree_say_so(keeper: dict[str, Any]) -> None:
    view = copy.deepcopy(keeper)
    view.pop("divergence", None)
    for verdict in view["roles"].values():
        verdict["character"] = "MAYA"
    assert "Every role goes to MAYA" in render_html(view)


def _big_view(characters: int = 120, scenes: int = 320) -> dict[str, Any]:
    names = [f"CHARACTER {i:03d}" for i in range(characters)]
    rows = [
        {
            "name": n,
            "cells": [(s * (i + 1)) % 3 if s % (i % 7 + 1) == 0 else 0 for s in range(scenes)],
        }
        for i, n in enumerate(names)
    ]
    measures = {"cues": 1, "words": 2, "scenes_present": 3, "copresence_degree": 0.5}
    return {
        "schema_version": "0.1",
        "title": "Big cast",
        "format": "fountain",
        "source": "big.fountain",
        "scenes": scenes,
        "characters": [
            {"name": n, "group": False, "tier": "minor", "measures": measures} for n in names
        ],
        "roles": {
            "spotlight": {
                "character": names[0],
                "runner_up": names[1],
                "margin": 0.2,
                "close_call": False,
                "ranking": [{"name": n, "score": 1 - i / 10} for i, n in enumerate(names[:5])],
                "evidence": {"cues": {"winner": 10, "runner_up": 5}},
            },
            "protagonist": {
                "character": names[40],
                "runner_up": names[0],
                "margin": 0.01,
                "close_call": True,
                "ranking": [],
                "evidence": {},
            },
        },
        "timeline": {
            "scenes": [
                {"index": s + 1, "heading": f"INT. ROOM {s}", "number": None} for s in range(scenes)
            ],
            "rows": rows,
        },
        "network": {
            "nodes": [{"name": n, "scenes": characters - i} for i, n in enumerate(names)],
            "edges": [
                {"source": a, "target": b, "weight": 1 + (i + j) % 9}
                for i, a in enumerate(names)
                for j, b in enumerate(names[i + 1 :], i + 1)
                if (i + j) % 5 == 0
            ],
        },
        "diagnostics": [],
    }


def test_big_cast_collapses_minor_characters() -> None:
    view = _big_view()
    started = time.perf_counter()
    page = render_html(view)
    assert time.perf_counter() - started < 1.0
    main_chart = page.split('class="chart timeline"')[1].split("</svg>")[0]
    labels = re.findall(r'<text class="label"', main_chart)
    assert len(labels) == 16  # the top 15 and the protagonist further down
    assert "105 more characters" in page
    network = page.split('class="chart network"')[1].split("</svg>")[0]
    assert network.count("<circle") == 16
    assert len(page.encode()) < 2_000_000


@pytest.mark.skipif(not BIG_FISH.exists(), reason="../shared/data (Big Fish) is not present")
def test_big_fish_report_is_fast_and_small() -> None:
    view = report_view(whosestory.analyze(whosestory.load(BIG_FISH)))
    started = time.perf_counter()
    page = render_html(view)
    assert time.perf_counter() - started < 1.0
    assert len(page.encode("utf-8")) < 2_000_000
