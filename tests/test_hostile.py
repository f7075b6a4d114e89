"""The hostile-input suite: PDF bombs and giant scripts, generated here, with the budgets
as the assertions (issue 16): each is read or refused, naming the limit, within its time
and memory, by the command line in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import hostile
import pytest

ROOT = Path(__file__).resolve().parent.parent

# Runs the CLI, then reports the peak resident memory of the command and its worker (KB).
_RUN = """
import resource, sys
from whosestory.cli import main
code = main(sys.argv[2:])
peak = max(resource.getrusage(who).ru_maxrss for who in
           (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
open(sys.argv[1], "w").write(str(peak))
sys.exit(code)
"""


def _run_cli(path: Path, *options: str, timeout: float) -> tuple[int, str, float, float]:
    """(exit status, stderr, seconds, peak MB) of ``whosestory analyze PATH``."""
    peak_file = path.with_suffix(".peak")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(peak_file), "analyze", str(path), *options],
        capture_output=True,
        text=True,
        timeout=timeout + 30,
        env=env,
        cwd=ROOT,
    )
    seconds = time.monotonic() - start
    peak_mb = int(peak_file.read_text()) / 1024 if peak_file.exists() else 0.0
    return done.returncode, done.stderr, seconds, peak_mb


def _assert_read_or_refused(
    tmp_path: Path, name: str, data: bytes, seconds: float, megabytes: float
) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    code, err, took, peak = _run_cli(path, "--format", "json", timeout=seconds)
    assert "Traceback" not in err
    assert code in (0, 1), err
    if code == 1:  # refused: one sentence (naming the limit, when it is a budget)
        assert err.count("\n") == 1, err
    assert took < seconds, f"{name}: {took:.1f} s"
    assert peak < megabytes, f"{name}: {peak:.0f} MB"
    return err


PDF_BOMBS: dict[str, Callable[[], bytes]] = {
    "deflate-bomb.pdf": hostile.pdf_deflate_bomb,
    "deflate-bomb-ascii85.pdf": lambda: hostile.pdf_deflate_bomb(ascii85=True),
    "deflate-twice-bomb.pdf": hostile.pdf_double_deflate_bomb,
    "lzw-bomb.pdf": hostile.pdf_lzw_bomb,
    "inline-image-bomb.pdf": hostile.pdf_inline_image_bomb,
    "run-length-bomb.pdf": hostile.pdf_run_length_bomb,
    "pages-20k.pdf": lambda: hostile.pdf_pages(20_000),
    "pages-1m.pdf": lambda: hostile.pdf_page_tree(1000, 2),
    "text-operators-2m.pdf": lambda: hostile.pdf_text_operators(2_000_000),
    "rectangles-32k.pdf": lambda: hostile.pdf_rectangles_on_one_line(32_000),
    "lines-32k.pdf": lambda: hostile.pdf_lines_on_one_page(32_000),
}


REFUSED = {  # the bombs the default budget refuses, and the option each sentence names
    "deflate-bomb.pdf": "--limit-decompressed-mb",
    "deflate-bomb-ascii85.pdf": "--limit-decompressed-mb",
    "deflate-twice-bomb.pdf": "--limit-decompressed-mb",
    "lzw-bomb.pdf": "--limit-decompressed-mb",
    "inline-image-bomb.pdf": "--limit-decompressed-mb",
    "run-length-bomb.pdf": "--limit-decompressed-mb",
    "pages-20k.pdf": "--limit-pages",
    "pages-1m.pdf": "--limit-pages",
    "text-operators-2m.pdf": "--limit-text-operators",
}


@pytest.mark.hostile
@pytest.mark.parametrize("name", sorted(PDF_BOMBS))
def test_pdf_bomb_is_read_or_refused_within_30_s_and_1_gb(tmp_path: Path, name: str) -> None:
    err = _assert_read_or_refused(tmp_path, name, PDF_BOMBS[name](), 30, 1000)
    assert REFUSED.get(name, "") in err  # a bomb refused names its limit


@pytest.mark.hostile
@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("scenes-480k.fountain", lambda: hostile.fountain_scenes(480_000)),
        ("speakers-100k.fountain", lambda: hostile.fountain_speakers(100_000)),
    ],
)
def test_giant_script_is_read_or_refused_within_60_s_and_1_5_gb(
    tmp_path: Path, name: str, make: Callable[[], bytes]
) -> None:
    data = make()
    assert len(data) > 2_000_000  # 22 MB of scenes, 2.7 MB of speakers
    err = _assert_read_or_refused(tmp_path, name, data, 60, 1500)
    assert not err or "--limit-" in err  # read, or refused with the limit named


def test_a_giant_inside_raised_limits_is_stopped_by_the_time_budget(tmp_path: Path) -> None:
    path = tmp_path / "scenes.fountain"
    path.write_bytes(hostile.fountain_scenes(40_000))
    code, err, took, _ = _run_cli(path, "--limit-scenes", "0", "--limit-seconds", "2", timeout=20)
    assert code == 1 and "time limit of 2 s" in err and "--limit-seconds" in err
    assert took < 20
