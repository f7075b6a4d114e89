"""The HTML report: self-contained, escaped, legible for big casts, defensive about the view."""

from __future__ import annotations

import copy
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from view_schema import assert_valid

import whosestory
from whosestory.report.html import render_html
from whosestory.report.view import report_view

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
    assert 'table class="sortable names"' in page


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
    quote = {"scene": PAYLOAD, "line": 1, "quote": PAYLOAD, "heading": PAYLOAD}
    bad["frame"] = {"owner": PAYLOAD, "how": [PAYLOAD], "scenes": [1], "evidence": [quote]}
    bad["evidence"] = {
        role: {
            "for": [PAYLOAD],
            "quotes": [quote],
            "against": [PAYLOAD],
            "what_would_change": PAYLOAD,
            "components": {},
            "carried": {},
        }
        for role in bad["roles"]
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


def test_a_view_without_chart_data_renders_without_charts(keeper: dict[str, Any]) -> None:
    view = copy.deepcopy(keeper)
    view["timeline"] = {"scenes": [], "rows": []}
    view["network"] = {"nodes": [], "edges": []}
    view["arcs"] = []
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
    }
    view["evidence"]["main_character"] = {
        "for": ["Tom narrates."],
        "quotes": [
            {
                "scene": "4",
                "heading": "EXT. CLIFF",
                "line": 57,
                "quote": "Tom looks out at the sea.",
            }
        ],
        "against": ["Tom is in fewer scenes than Maya."],
        "what_would_change": None,
        "components": {},
        "carried": {},
    }
    view["roles"]["mentor"] = {**base, "character": "DR. OKAFOR"}
    view["evidence"]["mentor"] = view["evidence"]["spotlight"]
    view["frame"] = {"owner": "TOM", "how": ["markers"], "scenes": [1, 11], "evidence": []}
    view["divergence"] = None
    assert_valid(view)
    page = render_html(view)
    assert "Main character" in page and "Mentor" in page
    assert "The roles part:" in page and 'class="divergence"' in page
    assert "Tom looks out at the sea." in page and "scene 4, EXT. CLIFF, line 57" in page
    assert "Tom is in fewer scenes than Maya." in page and "Against" in page
    assert "close call" in page
    assert 'class="frame"' in page  # frame scenes marked on the timeline
    view["divergence"] = "The spotlight is Maya's; the story is Tom's."
    assert "The spotlight is Maya&#x27;s; the story is Tom&#x27;s." in render_html(view)


def test_roles_that_agree_say_so(keeper: dict[str, Any]) -> None:
    view = copy.deepcopy(keeper)
    view["divergence"] = None
    for verdict in view["roles"].values():
        verdict["character"] = "MAYA"
    assert "Every role goes to MAYA" in render_html(view)


def _big_view(keeper: dict[str, Any], characters: int = 120, scenes: int = 320) -> dict[str, Any]:
    """The Keeper's view, grown to a big cast and many scenes (every key as the view has it)."""
    names = [f"CHARACTER {i:03d}" for i in range(characters)]
    rows = [
        {
            "name": n,
            "cells": [(s * (i + 1)) % 3 if s % (i % 7 + 1) == 0 else 0 for s in range(scenes)],
        }
        for i, n in enumerate(names)
    ]
    view = copy.deepcopy(keeper)
    template = view["characters"][0]
    view["characters"] = [{**template, "name": n, "aliases": [], "merges": []} for n in names]
    spotlight, protagonist = view["roles"]["spotlight"], view["roles"]["protagonist"]
    spotlight.update(character=names[0], runner_up=names[1])
    spotlight["ranking"] = [
        {"name": n, "score": 1 - i / 10, "probability": None} for i, n in enumerate(names[:5])
    ]
    protagonist.update(character=names[40], runner_up=names[0], close_call=True, ranking=[])
    view["roles"] = {"spotlight": spotlight, "protagonist": protagonist}
    view["evidence"] = {role: view["evidence"][role] for role in view["roles"]}
    view["divergence"] = None
    view["timeline"] = {
        "scenes": [
            {
                "index": s + 1,
                "heading": f"INT. ROOM {s}",
                "number": None,
                "act": None,
                "frame": False,
            }
            for s in range(scenes)
        ],
        "rows": rows,
    }
    view["network"] = {
        "nodes": [{"name": n, "scenes": characters - i} for i, n in enumerate(names)],
        "edges": [
            {"source": a, "target": b, "weight": 1 + (i + j) % 9}
            for i, a in enumerate(names)
            for j, b in enumerate(names[i + 1 :], i + 1)
            if (i + j) % 5 == 0
        ],
    }
    view["arcs"] = []
    return view


def test_big_cast_collapses_minor_characters(keeper: dict[str, Any]) -> None:
    view = _big_view(keeper)
    assert_valid(view)
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


@pytest.mark.realdata
@pytest.mark.skipif(not BIG_FISH.exists(), reason="../shared/data (Big Fish) is not present")
def test_big_fish_report_is_fast_and_small() -> None:
    view = report_view(whosestory.analyze(whosestory.load(BIG_FISH)))
    started = time.perf_counter()
    page = render_html(view)
    assert time.perf_counter() - started < 1.0
    assert len(page.encode("utf-8")) < 2_000_000


def test_statistics_section_has_every_table_and_its_whole_csv(keeper: dict[str, Any]) -> None:
    import html as htmllib

    page = render_html(keeper)
    assert "<h2>Statistics</h2>" in page and 'class="chart parts"' in page
    for name in ("characters", "locations", "scenes", "matrix", "network", "every-measure"):
        assert f'data-csv="{name}"' in page, name
    found = re.search(r'<textarea hidden data-csv-for="characters">(.*?)</textarea>', page, re.S)
    assert found
    header = htmllib.unescape(found.group(1)).splitlines()[0].split(",")
    parts = keeper["stats"]["parts"]
    assert header[-len(parts) :] == parts  # the page shows a chart of them, the CSV the columns


def test_the_measures_table_shows_the_chosen_columns_and_the_rest_in_groups(
    keeper: dict[str, Any],
) -> None:
    from whosestory.report.html_tables import CHOSEN, GROUP_COLUMNS

    page = render_html(keeper)
    first = re.search(r'<table class="sortable names" data-table="measures">(.*?)</thead>', page)
    assert first and first.group(1).count("</th>") == 2 + len(CHOSEN)
    groups = re.findall(r'data-table="all"><thead><tr>(.*?)</tr>', page)
    assert groups and all(g.count("</th>") <= 2 + GROUP_COLUMNS for g in groups)
    shown = sum(g.count("</th>") - 2 for g in groups)
    assert shown == len(keeper["characters"][0]["measures"])  # every measure, once
