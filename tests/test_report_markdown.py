"""The Markdown report: verdicts, GitHub tables and evidence, with no HTML and no live markup."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from view_schema import assert_valid

import whosestory
from whosestory.report.markdown import escape_md, render_markdown
from whosestory.report.view import report_view

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "the-keeper.fountain"


@pytest.fixture(scope="module")
def keeper() -> dict[str, Any]:
    return report_view(whosestory.analyze(whosestory.load(EXAMPLE)))


def _tables(text: str) -> list[list[str]]:
    tables: list[list[str]] = []
    current: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


def _columns(row: str) -> int:
    return len(re.split(r"(?<!\\)\|", row)) - 2


def test_verdicts_tables_and_evidence(keeper: dict[str, Any]) -> None:
    text = render_markdown(keeper)
    name = keeper["roles"]["spotlight"]["character"]
    assert text.startswith("# The Keeper")
    assert f"- **Spotlight**: {name}, ahead of" in text
    assert "## Every measure" in text and "## The evidence" in text
    tables = _tables(text)
    assert len(tables) >= 4
    for table in tables:
        widths = {_columns(row) for row in table}
        assert len(widths) == 1, table[0]
        assert re.fullmatch(r"\|( (:---|---:) \|)+", table[1])


def test_no_html_and_markup_escaped(keeper: dict[str, Any]) -> None:
    view = copy.deepcopy(keeper)
    payload = "<b>x</b> | [link](http://x) *a* _b_ `c`"
    view["title"] = payload
    view["characters"][0]["name"] = payload
    verdict = view["roles"]["spotlight"]
    verdict["character"] = payload
    case = view["evidence"]["spotlight"]
    case["quotes"] = [{"scene": "2", "heading": "INT. ROOM", "line": 30, "quote": payload}]
    case["against"] = ["1. not a list", "- nor this"]
    assert_valid(view)
    text = render_markdown(view)
    assert not re.search(r"(?<!\\)<[a-zA-Z/]", text)
    assert "\\<b\\>x\\</b\\> \\| \\[link\\](http://x) \\*a\\* \\_b\\_ \\`c\\`" in text
    assert "1\\. not a list" in text and "\\- nor this" in text and "**Against:**" in text
    assert "— scene 2, INT. ROOM, line 30" in text
    for table in _tables(text):
        assert len({_columns(row) for row in table}) == 1


def test_escape_md() -> None:
    assert escape_md("a|b") == "a\\|b"
    assert escape_md("- item") == "\\- item"
    assert escape_md("3. item") == "3\\. item"
    assert escape_md("3.5 pages", line_start=False) == "3.5 pages"
    assert escape_md("two\nlines") == "two lines"


def test_derived_divergence(keeper: dict[str, Any]) -> None:
    view = copy.deepcopy(keeper)
    view["divergence"] = None
    view["roles"]["main_character"] = {**view["roles"]["spotlight"], "character": "SOMEONE ELSE"}
    text = render_markdown(view)
    assert "> **The roles part:" in text and "main character goes to SOMEONE ELSE" in text
