"""The report from Python: `Analysis.to_json()`, `.to_markdown()` and `.to_html()`."""

from __future__ import annotations

import json
from pathlib import Path

from view_schema import assert_valid

import whosestory
from whosestory.report.html import render_html
from whosestory.report.markdown import render_markdown
from whosestory.report.view import report_view

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "the-keeper.fountain"


def test_an_analysis_renders_its_own_report() -> None:
    analysis = whosestory.analyze(whosestory.load(EXAMPLE))
    view = report_view(analysis)
    data = json.loads(analysis.to_json())
    assert_valid(data)
    assert data == json.loads(json.dumps(view))
    assert analysis.to_markdown() == render_markdown(view)
    assert analysis.to_html() == render_html(view)
    assert data["stats"]["scenes"][0]["index"] == 1


def test_a_mention_scene_is_the_index_reports_show_minus_one() -> None:
    story = whosestory.load(EXAMPLE)
    mention = story.mentions[0]
    assert story.scenes[mention.scene].index == mention.scene  # 0-based, documented
