"""The architecture holds: data flows one way, each measure runs once, each role and measure
is declared once."""

from __future__ import annotations

import ast
import inspect
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import whosestory
from whosestory import measure_registry, roles
from whosestory.analysis import analyze as analyze_here
from whosestory.measures import agency, arc, frame, interiority, network, spotlight, ties

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "whosestory"
EXAMPLE = ROOT / "examples" / "the-keeper.fountain"
READERS_OF_THE_ANALYSIS = [
    *sorted((PACKAGE / "report").glob("*.py")),
    *sorted((PACKAGE / "corpus").glob("*.py")),
    PACKAGE / "serve.py",
    PACKAGE / "argue.py",
    PACKAGE / "compare.py",
]
MEASURE_MODULES = (agency, arc, frame, interiority, network, spotlight, ties)
LANGUAGE_OWNED = {"whosestory.measures.arc", "whosestory.measures.interiority"}
"""Modules whose calls (and what those calls call) are not counted: they keep their own
per-story caches and their owners are rewriting them; the analysis stage's calls to them
are counted."""


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", READERS_OF_THE_ANALYSIS, ids=lambda p: p.name)
def test_readers_of_the_analysis_import_no_measure(path: Path) -> None:
    measures = {m for m in _imports(path) if m.startswith("whosestory.measures")}
    assert measures == set(), f"{path.name} imports {measures}: read the Analysis instead"


_FORBIDDEN = {("sys", "exit"), ("traceback", "print_exc"), ("os", "_exit")}
_ALLOWED = {("whosestory/worker.py", ("os", "_exit"))}
"""The worker's forked child ends there, as a multiprocessing child does: it must never
return into the code of the process it was forked from."""


def test_only_the_cli_prints_or_exits() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("cli.py", "__main__.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            if called and node.func.id in ("print", "exit", "quit"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            attribute = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            if attribute and (node.value.id, node.attr) in _FORBIDDEN:
                where = path.relative_to(ROOT).as_posix()
                if (where, (node.value.id, node.attr)) not in _ALLOWED:
                    offenders.append(f"{where}:{node.lineno}")
    assert offenders == []


def _key(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    def one(value: Any) -> Any:
        return value if isinstance(value, (str, int, float, bool, type(None))) else id(value)

    return (*map(one, args), *sorted((k, one(v)) for k, v in kwargs.items()))


_KEPT: list[Any] = []
"""Every argument counted, kept alive so that no two arguments share an id()."""


def _counting(fn: Callable[..., Any], calls: Counter[tuple[Any, ...]]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        _KEPT.append((args, kwargs))
        frame, callers = sys._getframe(1), set()
        while frame is not None:
            callers.add(frame.f_globals.get("__name__"))
            frame = frame.f_back
        if not callers & LANGUAGE_OWNED:
            calls[(f"{fn.__module__}.{fn.__name__}", *_key(args, kwargs))] += 1
        return fn(*args, **kwargs)

    return counted


def test_no_measure_runs_twice_in_one_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    story = whosestory.load(EXAMPLE)
    calls: Counter[tuple[Any, ...]] = Counter()
    wrapped = {
        fn: _counting(fn, calls)
        for module in MEASURE_MODULES
        for name, fn in vars(module).items()
        if inspect.isfunction(fn) and fn.__module__ == module.__name__ and name[0] != "_"
    }
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("whosestory"):
            for attr, value in list(vars(module).items()):
                if inspect.isfunction(value) and value in wrapped:
                    monkeypatch.setattr(module, attr, wrapped[value])
    analyze_here(story)  # in this process, where the counting wrappers are
    _KEPT.clear()
    assert calls, "no measure was counted: the wrapping missed"
    assert {call: n for call, n in calls.items() if n > 1} == {}


def test_each_role_is_declared_once_and_named_nowhere_else() -> None:
    names = [role.name for role in roles.REGISTRY]
    assert len(names) == len(set(names)) and tuple(names) == roles.ROLES
    analysis = whosestory.analyze(whosestory.load(EXAMPLE))
    assert tuple(analysis.roles) == roles.ROLES
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("roles.py", "evaluate.py") or "measures" in path.parts:
            continue  # evaluate.py names a column of the label files, not the role
        text = path.read_text(encoding="utf-8")
        assert '"main_character"' not in text and "'main_character'" not in text, path.name


def test_every_verdict_is_finished() -> None:
    analysis = whosestory.analyze(whosestory.load(EXAMPLE))
    for name, verdict in analysis.roles.items():
        assert verdict.character, name
        assert verdict.case.support and verdict.case.components, name
        assert set(verdict.case.components) == set(analysis.parts[name]), name
        if name in roles.FITTED:  # a fitted model: a probability per character, summing to 1
            assert verdict.probabilities is not None
            assert sum(verdict.probabilities.values()) == pytest.approx(1.0)
            for r in verdict.ranking:  # each ranked character carries its own probability
                assert r.probability == pytest.approx(verdict.probabilities[r.name], abs=1e-4)
        else:
            assert verdict.probabilities is None
            assert all(r.probability is None for r in verdict.ranking)
    assert analysis.charts.arcs and analysis.charts.presence and analysis.charts.edges


def test_the_analysis_computes_exactly_the_registered_measures() -> None:
    analysis = whosestory.analyze(whosestory.load(EXAMPLE))
    assert list(analysis.tables) == [m.name for m in measure_registry.MEASURES]
    integers = {m.name for m in measure_registry.MEASURES if m.type == "integer"}
    for name in integers:
        assert all(float(v).is_integer() for v in analysis.tables[name].values()), name


def test_docs_measures_is_generated_from_the_registry() -> None:
    text = (ROOT / "docs" / "measures.md").read_text(encoding="utf-8")
    assert text == measure_registry.markdown_table()


def test_a_fitted_model_plugs_into_the_scorer_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    """A scorer that returns probabilities: the verdict carries them, the reports show them."""
    from whosestory.argue import argue
    from whosestory.report.renderers import RENDERERS, Options
    from whosestory.report.view import report_view

    declared = roles.role("spotlight")

    def model(signals: Any, decided: Any) -> roles.Scored:
        found = declared.scorer(signals, decided)
        total = sum(found.scores.values()) or 1.0
        chances = {n: s / total for n, s in found.scores.items()}
        return roles.Scored(chances, found.parts, found.weights, found.evidence, chances)

    fitted = roles.Role(
        **{**{f: getattr(declared, f) for f in declared.__slots__}, "scorer": model}
    )
    registry = tuple(fitted if r.name == "spotlight" else r for r in roles.REGISTRY)
    monkeypatch.setattr(roles, "REGISTRY", registry)
    analysis = analyze_here(whosestory.load(EXAMPLE))  # in this process, where the patch is
    verdict = analysis.roles["spotlight"]
    assert verdict.probabilities is not None
    assert sum(verdict.probabilities.values()) == pytest.approx(1.0)
    top = verdict.ranking[0]
    assert top.probability == pytest.approx(verdict.probabilities[top.name], abs=1e-4)
    view = report_view(analysis)
    shown = f"{top.probability:.0%}"
    for output in ("text", "md", "html"):
        assert shown in RENDERERS["analyze"][output](view, Options()), output
    argument = argue(analysis, f"{top.name} has the spotlight")
    assert argument["probabilities"][top.name] == top.probability
    assert f"Probabilities: {top.name} {shown}" in RENDERERS["argue"]["text"](argument, Options())


def test_regression_the_protagonists_figures_follow_its_weights() -> None:
    """It quoted `agency` (not in its score) and left out screen time, four centralities and
    scene openers (in it): the list was written by hand beside the weights and drifted."""
    from whosestory import verdict

    analysis = whosestory.analyze(whosestory.load(EXAMPLE))
    quoted = set(analysis.roles["protagonist"].evidence)
    weighed = {*verdict.PRESENCE_WEIGHTS, *verdict.NETWORK_WEIGHTS, *verdict.AGENCY_WEIGHTS}
    assert quoted == weighed
