"""The HTML report in a real browser (Debian's chromium, headless, driven by Playwright).

For our own story and, when ../shared/data is there, a screenplay (Big Fish), a
Shakespeare play (Hamlet) and a German play (Kabale und Liebe): screenshots at a
desktop and a phone width and a printed PDF, kept in tmp/artifacts/ (not committed).
The tests assert that the measures table fits its page with its names sticky, that no
header is clipped, and that print keeps every column and label: each table and chart
lies inside the printed page, and the PDF's text holds every header and name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import BROWSER_TESTS

import whosestory
from whosestory.report.html import render_html
from whosestory.report.html_tables import CHOSEN
from whosestory.report.prose import measure_label
from whosestory.report.view import report_view

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
ARTIFACTS = ROOT / "tmp" / "artifacts"
STORIES = {
    "the-keeper": ROOT / "examples" / "the-keeper.fountain",
    "big-fish": DATA / "screenplays" / "screenplain" / "examples" / "Big-Fish.fountain",
    "hamlet": DATA / "plays" / "shakedracor" / "hamlet.xml",
    "kabale-und-liebe": DATA / "plays" / "gerdracor" / "schiller-kabale-und-liebe.xml",
}
WIDTHS = {"desktop": 1280, "phone": 390}
PRINT_WIDTH = 700
"""CSS pixels across an A4 page inside 12 mm margins (186 mm at 96 px an inch)."""

pytestmark = BROWSER_TESTS


_REPORTS: dict[str, tuple[Path, dict[str, Any]]] = {}


def _report(name: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The report of a story, written once per test run."""
    if name not in _REPORTS:
        source = STORIES[name]
        if not source.exists():
            pytest.skip(f"{source} is not here (../shared/data)")
        view = report_view(whosestory.analyze(whosestory.load(source)))
        path = tmp_path_factory.mktemp("reports") / f"{name}.html"
        path.write_text(render_html(view), encoding="utf-8")
        _REPORTS[name] = (path, dict(view))
    return _REPORTS[name]


def _open(browser: Any, path: Path, width: int, height: int = 900) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": height})
    problems: list[str] = []
    page.on("pageerror", lambda err: problems.append(f"error: {err}"))
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:", "blob:")) else problems.append(r.url),
    )
    page.goto(path.as_uri())
    return page, problems


_CLIPPED_HEADERS = """() => Array.from(document.querySelectorAll('table[data-table="measures"] th'))
  .filter(th => th.scrollWidth > th.clientWidth + 1).map(th => th.textContent)"""


@pytest.mark.parametrize("width", list(WIDTHS), ids=list(WIDTHS))
@pytest.mark.parametrize("name", list(STORIES))
def test_report_fits_its_page(
    browser: Any, tmp_path_factory: pytest.TempPathFactory, name: str, width: str
) -> None:
    path, _ = _report(name, tmp_path_factory)
    pixels = WIDTHS[width]
    page, problems = _open(browser, path, pixels)
    assert page.evaluate("document.documentElement.scrollWidth") <= pixels + 1
    table = page.locator('table[data-table="measures"]')
    box = page.locator("main").bounding_box()
    if width == "desktop":  # the chosen columns fit a desktop page without scrolling
        assert table.bounding_box()["width"] <= box["width"] + 1
    first = table.locator("tbody td").first
    assert first.evaluate("td => getComputedStyle(td).position") == "sticky"
    assert page.evaluate(_CLIPPED_HEADERS) == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    assert problems == []
    page.close()


_OUTSIDE = """(right) => Array.from(document.querySelectorAll('table, svg'))
  .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > right + 1)
  .map(e => e.getAttribute('data-table') || e.getAttribute('class'))"""
_CUT = """() => Array.from(document.querySelectorAll('th, td:first-child'))
  .filter(c => c.getClientRects().length && c.scrollWidth > c.clientWidth + 1)
  .map(c => c.textContent)"""
_CUT_LABELS = """() => Array.from(document.querySelectorAll('svg text'))
  .filter(t => { const b = t.getBBox(), box = t.ownerSVGElement.viewBox.baseVal;
                 return b.x < -1 || b.x + b.width > box.width + 1; })
  .map(t => t.textContent)"""


def _squeezed(text: str) -> str:
    return re.sub(r"[\s\u00ad-]+", "", text).casefold()


def _printed(label: str, text: str) -> bool:
    """Every word of `label` is in the PDF's squeezed text (a wrapped header is read line by
    line across its neighbours, so its words need not be together)."""
    return all(_squeezed(word) in text for word in re.split(r"[\s-]+", label) if word)


def _pdf_text(path: Path) -> str:
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(str(path))
    try:
        return " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.mark.parametrize("name", list(STORIES))
def test_print_loses_no_column_or_label(
    browser: Any, tmp_path_factory: pytest.TempPathFactory, name: str
) -> None:
    path, view = _report(name, tmp_path_factory)
    page, problems = _open(browser, path, PRINT_WIDTH)
    page.emulate_media(media="print")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    right = page.locator("main").bounding_box()
    assert page.evaluate(_OUTSIDE, right["x"] + right["width"]) == []
    assert page.evaluate(_CUT) == []  # no header or name cut off
    assert page.evaluate(_CUT_LABELS) == []  # no chart label outside its chart
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    page.pdf(
        path=str(pdf),
        format="A4",
        print_background=True,
        margin={"top": "14mm", "bottom": "14mm", "left": "12mm", "right": "12mm"},
    )
    text = _squeezed(_pdf_text(pdf))
    characters = [c for c in view["characters"] if not c["group"]]
    keys = {k for c in characters for k in c["measures"]}
    labels = [measure_label(k) for k in keys]
    missing = [label for label in labels if not _printed(label, text)]
    assert missing == [], f"measure labels missing from the printed report: {missing}"
    names = [c["name"] for c in characters[:15]]
    assert [n for n in names if not _printed(n, text)] == []
    assert any(k in keys for k in CHOSEN)
    assert problems == []
    page.close()


def test_csv_download_holds_every_measure(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path, view = _report("the-keeper", tmp_path_factory)
    page, problems = _open(browser, path, WIDTHS["desktop"])
    with page.expect_download() as download:
        page.locator('button[data-csv="every-measure"]').click()
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    header, *rows = saved.strip().splitlines()
    keys = list(view["characters"][0]["measures"])
    assert header.split(",")[:2] == ["character", "tier"]
    assert len(header.split(",")) == 2 + len(keys)
    assert len(rows) == len([c for c in view["characters"] if not c["group"]])
    assert problems == []
    page.close()


@pytest.mark.parametrize("width", list(WIDTHS), ids=list(WIDTHS))
def test_season_report_shows_the_shift(browser: Any, tmp_path: Path, width: str) -> None:
    from test_season import EPISODES

    from whosestory.report.season_report import render_season_html
    from whosestory.report.view import season_view
    from whosestory.season import analyze_season

    for file, text in EPISODES.items():
        (tmp_path / file).write_text(text, encoding="utf-8")
    path = tmp_path / "season.html"
    path.write_text(render_season_html(season_view(analyze_season([tmp_path]))), encoding="utf-8")
    page, problems = _open(browser, path, WIDTHS[width])
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width] + 1
    assert page.locator("td.shift").count() >= 2  # the holders who are not the season's
    assert page.locator("svg.shares polyline").count() == 2
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"season-{width}.png"), full_page=True)
    if width == "desktop":
        page.emulate_media(media="print")
        page.pdf(path=str(ARTIFACTS / "season.pdf"), format="A4", print_background=True)
    assert problems == []
    page.close()
