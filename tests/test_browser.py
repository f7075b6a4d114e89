"""The HTML report and the served page in a real browser (Debian's chromium, headless).

Skipped only when /usr/bin/chromium is missing. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import BROWSER_TESTS

import whosestory
from whosestory.report.html import render_html
from whosestory.report.view import report_view

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "the-keeper.fountain"
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = BROWSER_TESTS


def _record(page: Any) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def _local(urls: list[str], port: int | None = None) -> list[str]:
    allowed = ("file://", "data:", "about:", "blob:")
    if port:
        allowed += (f"http://127.0.0.1:{port}/",)
    return [u for u in urls if not u.startswith(allowed)]


def _charts_drawn(frame: Any) -> None:
    for css in ("svg.timeline", "svg.network", "svg.arc"):
        box = frame.locator(css).first.bounding_box()
        assert box and box["width"] > 50 and box["height"] > 50, css
    assert frame.locator("svg.timeline rect.speaks").count() > 0


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["laptop", "phone"])
def test_report_file_draws_its_charts_offline(
    browser: Any, tmp_path: Path, viewport: tuple[int, int]
) -> None:
    report = tmp_path / "the-keeper.html"
    view = report_view(whosestory.analyze(whosestory.load(EXAMPLE)))
    report.write_text(render_html(view), encoding="utf-8")
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    urls = _record(page)
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(report.as_uri())
    _charts_drawn(page)
    spotlight = view["roles"]["spotlight"]["character"]
    assert page.locator(".verdict .who").first.inner_text() == spotlight
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport[0] + 1  # nothing overflows the page sideways
    page.locator("table.sortable thead th").nth(3).click()  # sorting runs without errors
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-{viewport[0]}.png"), full_page=True)
    assert errors == []
    assert _local(urls) == []
    page.close()


# The served page's tests are in test_serve_browser.py.
