"""Validation of report views against docs/schema.json, for the tests that build or edit one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def schema_errors(data: Any) -> list[str]:
    """Every way `data` (as JSON would carry it) breaks the schema, with where."""
    plain = json.loads(json.dumps(data))
    return [f"{list(e.absolute_path)}: {e.message}" for e in _VALIDATOR.iter_errors(plain)]


def assert_valid(data: Any) -> None:
    """Fail with the first errors when `data` is not a report view the schema allows."""
    errors = schema_errors(data)
    assert errors == [], errors[:5]
