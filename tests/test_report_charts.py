"""The report's new charts: participation by part, shares across a season, the network."""

from __future__ import annotations

import re

from whosestory.report import charts


def test_regression_a_long_act_name_fits_its_column() -> None:
    """``act Fünfter Akt`` ran out of a 64 px column in print: columns grow with the names."""
    svg = charts.parts_svg(["act Erster Akt", "act Fünfter Akt"], [("Luise", [3, 5])])
    assert ">Fünfter Akt<" in svg and "act Fünfter" not in svg
    width = float(re.search(r'width="(\d+)"', svg).group(1))
    assert width >= charts.LABEL_WIDTH + 2 * 7.0 * len("Fünfter Akt")


def test_parts_cells_carry_their_counts() -> None:
    svg = charts.parts_svg(["Q1", "Q2"], [("ANNA", [2, 0]), ("BEN", [1, 4])])
    assert "ANNA, Q1: 2 scenes" in svg and "BEN, Q2: 4 scenes" in svg


def test_network_layout_is_the_same_each_time_and_inside_its_box() -> None:
    edges = [
        {"source": "A", "target": "B", "weight": 3},
        {"source": "B", "target": "C", "weight": 1},
        {"source": "D", "target": "E", "weight": 2},
    ]
    first = charts.spring_layout(list("ABCDE"), edges, 640, 460, (100, 30))
    assert first == charts.spring_layout(list("ABCDE"), edges, 640, 460, (100, 30))
    assert all(100 <= x <= 540 and 30 <= y <= 430 for x, y in first.values())


def test_share_chart_names_each_line() -> None:
    svg = charts.share_svg(["E1", "E2", "E3"], [("NELL", [0.25, 0.6, 1.0])])
    assert svg.count("<polyline") == 1 and ">NELL<" in svg and "E3: 100% of the words" in svg
