"""whosestory's own processes ask OpenBLAS for one thread, and keep a count the user set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from whosestory._blas import VARIABLE, one_blas_thread, one_blas_thread_in_children

REPO = Path(__file__).resolve().parent.parent


def test_one_thread_unless_the_user_chose_a_count() -> None:
    unset: dict[str, str] = {}
    one_blas_thread(unset)
    assert unset == {VARIABLE: "1"}
    chosen = {VARIABLE: "4"}
    one_blas_thread(chosen)
    assert chosen == {VARIABLE: "4"}


def test_children_get_one_thread_and_the_parent_is_restored() -> None:
    environ: dict[str, str] = {"OTHER": "x"}
    with one_blas_thread_in_children(environ):
        assert environ[VARIABLE] == "1"
    assert environ == {"OTHER": "x"}
    chosen = {VARIABLE: "3"}
    with one_blas_thread_in_children(chosen):
        assert chosen[VARIABLE] == "3"
    assert chosen == {VARIABLE: "3"}


def test_the_command_sets_it_before_numpy_loads_openblas() -> None:
    code = (
        "import os, sys, whosestory_entry; whosestory_entry._import_quietly(); "
        f"print(os.environ.get({VARIABLE!r}))"
    )
    env = {k: v for k, v in os.environ.items() if k != VARIABLE}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert found.stdout.strip() == "1"
