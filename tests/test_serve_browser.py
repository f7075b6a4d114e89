"""`whosestory serve` in a real browser (Debian's chromium, headless): the report shown inline
as the whole page, the sentence for a file it cannot read, and the README's API called from a
page. Skipped only when /usr/bin/chromium is missing; screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BROWSER_TESTS, serving
from test_browser import _charts_drawn, _local, _record

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "the-keeper.fountain"
BAD = ROOT / "tests" / "stories" / "not-a-pdf.pdf"
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = BROWSER_TESTS


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    with serving() as number:
        yield number


def test_the_report_is_the_page_not_a_frame(browser: Any, port: int) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    urls = _record(page)
    page.goto(f"http://127.0.0.1:{port}/")
    with page.expect_navigation(timeout=60_000):
        page.set_input_files("#file", str(EXAMPLE))
    page.locator("svg.timeline").wait_for(timeout=30_000)
    _charts_drawn(page)
    assert "The Keeper" in page.locator("h1").first.inner_text()
    assert page.locator("iframe").count() == 0
    # one scroll, the page's own: the report is as wide as the window allows
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-report.png"), full_page=True)
    page.go_back()
    page.locator("#file").wait_for(state="attached", timeout=30_000)
    assert _local(urls, port) == []
    page.close()


def test_a_file_it_cannot_read_comes_back_with_the_sentence(browser: Any, port: int) -> None:
    page = browser.new_page()
    urls = _record(page)
    page.goto(f"http://127.0.0.1:{port}/")
    with page.expect_navigation(timeout=60_000):
        page.set_input_files("#file", str(BAD))
    error = page.locator("#error")
    assert "not-a-pdf.pdf" in error.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-bad-file.png"))
    with page.expect_navigation(timeout=60_000):  # the server is still up
        page.set_input_files("#file", str(EXAMPLE))
    page.locator("svg.timeline").wait_for(timeout=30_000)
    assert _local(urls, port) == []
    page.close()


def test_the_readme_api_answers_a_page(browser: Any, port: int) -> None:
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{port}/")
    script = EXAMPLE.read_text(encoding="utf-8")
    answers = page.evaluate(
        """async (script) => {
            const raw = await fetch('/api/analyze', {method: 'POST', body: script,
                headers: {'X-Filename': encodeURIComponent('the keeper.fountain')}});
            const form = new FormData();
            form.append('file', new Blob([script]), 'k.fountain');
            const html = await fetch('/report', {method: 'POST', body: form});
            const junk = new FormData();
            junk.append('file', new Blob(['\\u0000\\u0001 not a script']), 'cat.png');
            const bad = await fetch('/api/analyze', {method: 'POST', body: junk});
            const missing = await fetch('/nothing', {method: 'POST', body: 'x'});
            return [raw.status, (await raw.json()).source, html.status,
                    html.headers.get('content-type'), (await html.text()).includes('<svg'),
                    bad.status, (await bad.json()).error, missing.status];
        }""",
        script,
    )
    assert answers[:5] == [200, "the keeper.fountain", 200, "text/html; charset=utf-8", True]
    assert answers[5] == 422 and answers[6].startswith("cat.png")
    assert answers[7] == 404
    page.close()
