"""What `whosestory serve` runs in a worker process for one upload.

Kept apart from the server (`whosestory.serve`) so that the fork server that
starts the workers imports the analysis and nothing of the HTTP side.
"""

from __future__ import annotations

from whosestory.analysis import Analysis, analyze
from whosestory.build import build_story
from whosestory.readers import read_data
from whosestory.report.html import render_html
from whosestory.report.renderers import Options, render_json
from whosestory.report.view import report_view


def analyze_bytes(data: bytes, filename: str) -> Analysis:
    """Read, build and analyse a script held in memory; `filename` picks the reader.

    The scene, speaker and PDF budgets in force apply (`whosestory.budget`).
    """
    return analyze(build_story(read_data(data, filename)))


def answer(data: bytes, filename: str, html: bool) -> bytes:
    """The body of a successful answer: the HTML report, or the JSON view."""
    view = report_view(analyze_bytes(data, filename))
    if html:
        return render_html(view).encode("utf-8")
    return render_json(view, Options()).encode("utf-8")
