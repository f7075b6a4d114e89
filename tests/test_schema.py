"""docs/schema.json documents the JSON of `whosestory analyze --format json`."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import whosestory
from whosestory.cli import main
from whosestory.errors import WhosestoryError
from whosestory.report.chart_view import report_view

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))
DATA = ROOT.parent / "shared" / "data"
OWN = sorted(
    p
    for p in [ROOT / "examples" / "the-keeper.fountain", *(ROOT / "tests" / "stories").iterdir()]
    if p.is_file() and p.suffix in {".fountain", ".txt", ".fdx", ".pdf", ".xml"}
)


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(SCHEMA)


def _errors(data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in _validator().iter_errors(data)]


def test_schema_is_valid_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.name)
def test_cli_json_of_every_own_story_validates(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    status = main(["analyze", str(path), "--format", "json", "-o", str(out)])
    if status != 0:  # the stories that must be refused (not a PDF, scanned, ...)
        assert not out.exists()
        return
    assert _errors(json.loads(out.read_text(encoding="utf-8"))) == []


def test_report_view_validates() -> None:
    view = report_view(whosestory.analyze(whosestory.load(ROOT / "examples/the-keeper.fountain")))
    assert _errors(json.loads(json.dumps(view))) == []


def test_new_roles_validate_generically() -> None:
    view = whosestory.analyze(whosestory.load(ROOT / "examples/the-keeper.fountain"))
    data = json.loads(json.dumps(report_view(view)))
    data["roles"]["main_character"] = dict(data["roles"]["spotlight"])
    data["roles"]["some_future_role"] = dict(data["roles"]["protagonist"])
    data["divergence"] = "The spotlight is Maya's; the story is Tom's."
    assert _errors(data) == []
    data["roles"]["some_future_role"] = {"character": 3}
    assert _errors(data)


def _real_sample(count: int = 12) -> list[Path]:
    films = sorted((DATA / "films" / "scripts").glob("*.txt"))
    plays = sorted((DATA / "plays" / "shakedracor").glob("*.xml"))
    pick = random.Random(0)
    return pick.sample(films, min(count, len(films))) + pick.sample(plays, min(3, len(plays)))


@pytest.mark.skipif(not DATA.exists(), reason="../shared/data is not present")
def test_sample_of_real_scripts_validates() -> None:
    failures = []
    for path in _real_sample():
        try:
            view = report_view(whosestory.analyze(whosestory.load(path)))
        except WhosestoryError:
            continue
        errors = _errors(json.loads(json.dumps(view)))
        if errors:
            failures.append((path.name, errors[:3]))
    assert failures == []
