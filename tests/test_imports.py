"""The public namespace is exactly `__all__`, and a command imports only what it uses."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

import whosestory
import whosestory.corpus


@pytest.mark.parametrize("package", [whosestory, whosestory.corpus], ids=lambda p: p.__name__)
def test_public_namespace_is_all(package: types.ModuleType) -> None:
    """dir() lists `__all__` and nothing else public (no Path or annotations leaking)."""
    assert set(dir(package)) - {"__version__"} == set(package.__all__)
    for name in package.__all__:
        assert getattr(package, name) is not None, name
    leaked = {
        name
        for name, value in vars(package).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert leaked <= set(package.__all__)


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = whosestory.no_such_name  # type: ignore[attr-defined]


def _imported_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running `code`."""
    script = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(out.stdout.split())


def test_importing_the_package_imports_nothing_heavy() -> None:
    modules = _imported_after("import whosestory, whosestory.corpus")
    assert not {"numpy", "networkx", "whosestory.analysis", "whosestory.corpus.run"} & modules


def _analyze_code(*options: str) -> str:
    argv = ["analyze", "tests/stories/salt-and-static.fountain", "--format", "json", *options]
    return (
        "import contextlib, io\n"
        "from whosestory.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({argv!r}) == 0\n"
    )


def test_analyze_needs_neither_networkx_nor_the_corpus_engine(tmp_path: object) -> None:
    # the time and memory limits off: the work runs in this process, where its imports show
    modules = _imported_after(_analyze_code("--limit-seconds", "0", "--limit-memory-mb", "0"))
    assert "whosestory.analysis" in modules
    heavy = {"networkx", "igraph", "charset_normalizer", "numpy.ma", "whosestory.corpus.run"}
    heavy |= {"whosestory.serve", "http.server", "whosestory.evalcommand", "whosestory.argue"}
    heavy |= {"multiprocessing"}  # its worker is forked with os.fork (`worker._Forked`)
    assert not heavy & modules


def test_analyze_leaves_numpy_and_the_analysis_to_its_worker() -> None:
    """The forked worker imports them: modules of its own, not the parent's pages copied."""
    modules = _imported_after(_analyze_code())
    assert not {"numpy", "whosestory.analysis", "whosestory.report.view"} & modules


def test_only_a_story_command_leaves_numpy_to_its_worker_and_skips_teardown() -> None:
    from whosestory.cli import story_in_worker

    assert story_in_worker(["analyze", "x.fountain"]) and story_in_worker(["--debug", "cast", "x"])
    for argv in (["corpus", "x", "--out", "y.csv"], ["serve"], ["eval", "l.tsv"], ["--help"]):
        assert not story_in_worker(argv), argv


def test_every_command_is_still_in_the_parser_when_none_is_named() -> None:
    import argparse

    from whosestory.cli import ANALYSIS_COMMANDS, OWN_MODULE_COMMANDS, _command_word, _parser

    commands = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == {*ANALYSIS_COMMANDS, *OWN_MODULE_COMMANDS}
    assert _command_word(["--debug", "serve", "--port", "1"]) == "serve"
    assert _command_word(["--help"]) is None and _command_word(["analyse", "x"]) is None


def test_regression_scene_speeches_are_found_once() -> None:
    """`Scene.speeches` was recomputed at every call (a dozen calls a scene per analysis)."""
    import dataclasses

    story = whosestory.load("tests/stories/salt-and-static.fountain")
    scene = next(s for s in story.scenes if s.speeches())
    assert scene.speeches() is scene.speeches()
    assert dataclasses.replace(scene) == scene  # the kept value is no part of equality
    assert dataclasses.replace(scene).speeches() == scene.speeches()
