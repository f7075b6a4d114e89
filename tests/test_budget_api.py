"""The Python API (`whosestory.load`, `read_script`, `analyze`) is held to the same budgets
as the command line: time and memory in a worker process, the counted limits in the
readers, each settable, each over-budget answer one sentence (issue 16)."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import hostile
import pytest

import whosestory
from whosestory.budget import Limits, using
from whosestory.errors import BudgetError, InputError
from whosestory.worker import run_bounded

SCRIPT = b"""INT. KITCHEN - NIGHT

Anna watches the door. She remembers the harbour.

ANNA
Ben, you came back.

BEN
I never left.

EXT. HARBOUR - DAY

ANNA (V.O.)
That was the summer I learned to leave.
"""


@pytest.fixture()
def script(tmp_path: Path) -> Path:
    path = tmp_path / "kitchen.fountain"
    path.write_bytes(SCRIPT)
    return path


def test_the_api_names_its_budget_types() -> None:
    assert whosestory.Limits is Limits and whosestory.BudgetError is BudgetError
    assert issubclass(whosestory.BudgetError, whosestory.InputError)


def test_load_and_analyze_give_the_same_story_bounded_or_not(script: Path) -> None:
    here = Limits(seconds=0, memory_mb=0)
    bounded = whosestory.analyze(whosestory.load(script))
    unbounded = whosestory.analyze(whosestory.load(script, limits=here), limits=here)
    assert bounded.story == unbounded.story
    assert bounded.roles.keys() == unbounded.roles.keys()
    assert {n: v.character for n, v in bounded.roles.items()} == {
        n: v.character for n, v in unbounded.roles.items()
    }
    assert whosestory.read_script(script).elements


def test_a_counted_limit_given_to_the_api_is_one_sentence(script: Path) -> None:
    with pytest.raises(BudgetError) as caught:
        whosestory.load(script, limits=Limits(scenes=1))
    message = str(caught.value)
    assert message.startswith(f"{script}: it has 2 scenes, over the scenes limit of 1;")
    assert "--limit-scenes" in message and "\n" not in message
    with using(Limits(speakers=1)), pytest.raises(InputError, match="speakers limit of 1"):
        whosestory.read_script(script)


def test_the_api_is_stopped_at_its_time_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.fountain"
    path.write_bytes(hostile.fountain_scenes(60_000))
    start = time.monotonic()
    with pytest.raises(BudgetError, match=r"time limit of 0\.5 s") as caught:
        whosestory.load(path, limits=Limits(seconds=0.5, scenes=0))
    assert time.monotonic() - start < 10 and caught.value.limit == "seconds"


def test_the_api_is_held_to_its_memory(tmp_path: Path) -> None:
    path = tmp_path / "crowd.fountain"
    # ~190 MB to read: far past 20 MB even where the caller's heap holds freed memory the
    # worker may reuse without mapping more
    path.write_bytes(hostile.fountain_speakers(100_000))
    with pytest.raises(BudgetError, match="memory limit of 20 MB") as caught:
        whosestory.load(path, limits=Limits(memory_mb=20, speakers=0))
    assert "--limit-memory-mb" in str(caught.value)


def test_analyze_is_held_to_its_time_limit(script: Path) -> None:
    story = whosestory.load(script)
    with pytest.raises(BudgetError, match="time limit"):
        whosestory.analyze(story, limits=Limits(seconds=0.001))


def _load_inside(path: str) -> tuple[int, bool]:
    """Inside a worker: a nested API call runs here (same pid), not in a worker of its own."""
    import os

    from whosestory import worker

    pid = run_bounded(os.getpid, (), Limits())
    whosestory.load(path)
    return pid, worker._bounded


def test_a_call_inside_a_worker_runs_in_that_worker(script: Path) -> None:
    import os

    pid, bounded = run_bounded(_load_inside, (str(script),), Limits())
    assert bounded and pid != os.getpid()


def _allocate_in_bounded_process(megabytes: int) -> str:
    from whosestory.worker import bound_this_process

    bound_this_process(100)
    try:
        run_bounded(bytearray, (megabytes * 1_000_000,), Limits(), "big.fdx")
    except BudgetError as err:
        return str(err)
    return "no error"


def test_out_of_memory_inside_a_bounded_process_is_the_memory_sentence() -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:  # a worker of our own making, not run_bounded's child
        message = pool.apply(_allocate_in_bounded_process, (400,))
    assert message.startswith("big.fdx: it needed more memory than the memory limit")
