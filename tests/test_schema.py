"""docs/schema.json is generated from the report view's types and documents its JSON."""

from __future__ import annotations

import json
import random
from pathlib import Path

import jsonschema
import pytest
from view_schema import SCHEMA, schema_errors

import whosestory
from whosestory.cli import main
from whosestory.errors import WhosestoryError
from whosestory.report.schema import report_schema, schema_text
from whosestory.report.view import report_view

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OWN = sorted(
    p
    for p in [ROOT / "examples" / "the-keeper.fountain", *(ROOT / "tests" / "stories").iterdir()]
    if p.is_file() and p.suffix in {".fountain", ".txt", ".fdx", ".pdf", ".xml"}
)


def test_schema_is_valid_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_docs_schema_is_the_generated_one() -> None:
    """Regenerate with the command in `whosestory.report.schema`'s docstring."""
    assert report_schema() == SCHEMA
    assert (ROOT / "docs" / "schema.json").read_text(encoding="utf-8") == schema_text()


def test_cli_json_of_own_stories_validates(tmp_path: Path) -> None:
    validated = []
    for path in OWN:
        out = tmp_path / f"{path.name}.json"
        status = main(["analyze", str(path), "--format", "json", "-o", str(out)])
        if status != 0:  # the stories that must be refused (not a PDF, scanned, ...)
            assert not out.exists()
            continue
        assert schema_errors(json.loads(out.read_text(encoding="utf-8"))) == [], path.name
        validated.append(path.name)
    assert len(validated) >= len(OWN) // 2, f"too many stories refused: only {validated}"


def test_a_later_role_validates_with_the_same_shape() -> None:
    view = report_view(whosestory.analyze(whosestory.load(ROOT / "examples/the-keeper.fountain")))
    data = json.loads(json.dumps(view))
    data["roles"]["some_future_role"] = dict(data["roles"]["protagonist"])
    data["evidence"]["some_future_role"] = dict(data["evidence"]["protagonist"])
    assert schema_errors(data) == []
    data["roles"]["some_future_role"] = {"character": 3}
    assert schema_errors(data)


def test_an_unknown_key_or_a_missing_one_is_refused() -> None:
    view = report_view(whosestory.analyze(whosestory.load(ROOT / "examples/the-keeper.fountain")))
    data = json.loads(json.dumps(view))
    data["roles"]["spotlight"]["quotes"] = []
    assert schema_errors(data)
    data = json.loads(json.dumps(view))
    del data["characters"][0]["measures"]["cues"]
    assert schema_errors(data) == []  # a measure absent for a language is allowed
    data["characters"][0]["measures"]["not_a_measure"] = 1
    assert schema_errors(data)


def _real_sample(count: int = 12) -> list[Path]:
    films = sorted((DATA / "films" / "scripts").glob("*.txt"))
    plays = sorted((DATA / "plays" / "shakedracor").glob("*.xml"))
    pick = random.Random(0)
    return pick.sample(films, min(count, len(films))) + pick.sample(plays, min(3, len(plays)))


@pytest.mark.realdata
@pytest.mark.skipif(not DATA.exists(), reason="../shared/data is not present")
def test_sample_of_real_scripts_validates() -> None:
    failures, validated = [], 0
    for path in _real_sample():
        try:
            view = report_view(whosestory.analyze(whosestory.load(path)))
        except WhosestoryError:
            continue
        validated += 1
        errors = schema_errors(view)
        if errors:
            failures.append((path.name, errors[:3]))
    assert failures == []
    assert validated >= 10, f"only {validated} of the sample could be read"
