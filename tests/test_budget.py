"""Budgets: defaults, the environment and options, the counted limits, and the worker that
holds a story to its time and memory."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import hostile
import pytest

import whosestory
from whosestory.budget import Limits, check_count, current, using
from whosestory.errors import BudgetError, InputError, ParseError, UnsafeXMLError
from whosestory.worker import run_bounded


def test_limits_come_from_the_environment_and_ignore_malformed_values() -> None:
    limits = Limits.from_env({"WHOSESTORY_LIMIT_PAGES": "10", "WHOSESTORY_LIMIT_SECONDS": "x"})
    assert limits.pages == 10 and limits.seconds == Limits().seconds
    assert limits.updated(pages=None, scenes=3) == Limits(pages=10, scenes=3)


def test_over_a_count_is_one_sentence_naming_the_limit_and_the_option() -> None:
    with using(Limits(pages=5)), pytest.raises(BudgetError) as caught:
        check_count("a.pdf", "pages", 6, "pages")
    message = str(caught.value)
    assert message.startswith("a.pdf: it has 6 pages, over the pages limit of 5;")
    assert "--limit-pages" in message and "WHOSESTORY_LIMIT_PAGES" in message
    assert "\n" not in message and caught.value.limit == "pages"
    assert isinstance(caught.value, InputError)  # so corpus makes it an error row
    with using(Limits(pages=0)):
        check_count("a.pdf", "pages", 10**9, "pages")  # 0: no limit


def test_the_loader_holds_a_story_to_its_scenes_and_speakers(tmp_path: Path) -> None:
    path = tmp_path / "many.fountain"
    path.write_bytes(hostile.fountain_scenes(30))
    with using(Limits(scenes=20)), pytest.raises(BudgetError, match="--limit-scenes"):
        whosestory.load(path)
    path.write_bytes(hostile.fountain_speakers(30))
    with using(Limits(speakers=20)), pytest.raises(BudgetError, match="--limit-speakers"):
        whosestory.load(path)
    assert whosestory.load(path).scenes


def test_the_pdf_reader_counts_pages_inflation_and_text_operators(tmp_path: Path) -> None:
    cases = [
        (hostile.pdf_pages(12), Limits(pages=10), "--limit-pages"),
        (hostile.pdf_deflate_bomb(8 << 20), Limits(decompressed_mb=4), "--limit-decompressed-mb"),
        (  # ASCII85 in front of the deflate filter is undone, then the stream inflated
            hostile.pdf_deflate_bomb(8 << 20, ascii85=True),
            Limits(decompressed_mb=4),
            "--limit-decompressed-mb",
        ),
        (  # a bomb that says it is an image is counted all the same
            hostile.pdf_deflate_bomb(8 << 20, marked_as_image=True),
            Limits(decompressed_mb=4),
            "--limit-decompressed-mb",
        ),
        (hostile.pdf_text_operators(2000), Limits(text_operators=1000), "--limit-text-operators"),
    ]
    for number, (data, limits, option) in enumerate(cases):
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(data)
        with using(limits), pytest.raises(BudgetError, match=option):
            whosestory.read_script(path)
        whosestory.read_script(path)  # within the default budget


def test_errors_survive_the_trip_from_a_worker() -> None:
    for error in (
        ParseError("a.fdx", "bad", 3),
        UnsafeXMLError("b.xml", "entity"),
        BudgetError("x", "pages"),
    ):
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and str(again) == str(error)


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1_000_000))


def _fail() -> None:
    raise ParseError("c.fdx", "expected <Content>", 7)


def _limits_inside() -> Limits:
    return current()


def test_the_worker_returns_results_and_raises_what_the_work_raised() -> None:
    limits = Limits(seconds=30, memory_mb=500)
    assert run_bounded(_sleep, (0,), limits) == "woke"
    assert run_bounded(_limits_inside, (), limits) == limits
    with pytest.raises(ParseError, match=r"c\.fdx, line 7"):
        run_bounded(_fail, (), limits)


def test_the_worker_is_stopped_at_the_time_limit() -> None:
    start = time.monotonic()
    with pytest.raises(BudgetError, match=r"time limit of 0\.5 s") as caught:
        run_bounded(_sleep, (30,), Limits(seconds=0.5), "slow.fountain")
    assert time.monotonic() - start < 10
    assert str(caught.value).startswith("slow.fountain:") and caught.value.limit == "seconds"


def test_the_worker_is_held_to_its_memory() -> None:
    assert run_bounded(_allocate, (50,), Limits(memory_mb=300)) == 50_000_000
    with pytest.raises(BudgetError, match="memory limit of 100 MB") as caught:
        run_bounded(_allocate, (400,), Limits(memory_mb=100), "big.fdx")
    assert "--limit-memory-mb" in str(caught.value)


def test_without_time_and_memory_limits_the_work_runs_here() -> None:
    assert run_bounded(_limits_inside, (), Limits(seconds=0, memory_mb=0, pages=3)).pages == 3


def test_the_size_errors_say_what_the_readme_says() -> None:
    from whosestory import readers, serve

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    readme = " ".join(readme.split())
    assert "Files larger than 50 MB are not read" in readme and "uploads up to 20 MB" in readme
    assert "reads files up to 50 MB" in str(readers._too_large("big.pdf", 60_000_000))
    assert serve.MAX_BYTES == 20_000_000


def test_killing_the_command_ends_its_worker() -> None:
    import os
    import subprocess
    import sys

    psutil = pytest.importorskip("psutil")
    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from test_budget import _sleep\n"
        "from whosestory.budget import Limits\n"
        "from whosestory.worker import run_bounded\n"
        "run_bounded(_sleep, (60,), Limits(seconds=100))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root)}
    command = subprocess.Popen([sys.executable, "-c", code], cwd=root, env=env)
    try:
        children: list = []
        for _ in range(400):
            children = psutil.Process(command.pid).children()
            if children:
                break
            time.sleep(0.05)
        assert children, "no worker started"
    finally:
        command.kill()
        command.wait()
    _, alive = psutil.wait_procs(children, timeout=5)
    assert alive == []
