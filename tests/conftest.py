"""Shared test fixtures: paths to the project's own stories."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from whosestory.serve import make_server

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "stories"
EXAMPLE = ROOT / "examples" / "the-keeper.fountain"


@pytest.fixture
def example() -> Path:
    return EXAMPLE


@contextmanager
def serving(**options: object) -> Iterator[int]:
    """`whosestory serve` on 127.0.0.1 in a thread, for a module's tests: yields its port."""
    server = make_server("127.0.0.1", 0, **options)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


CHROMIUM = Path("/usr/bin/chromium")
"""Debian's chromium: the browser tests drive it with Playwright (never a downloaded one)."""
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (apt-get install chromium)"
    ),
]
"""The marks of a module of browser tests: `pytestmark = BROWSER_TESTS`."""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A headless chromium for a module's browser tests (skipped without Playwright)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
