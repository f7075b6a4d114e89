"""docs/schema.json, generated from the report view's declarations (`report.types`).

    python -c "from whosestory.report.schema import schema_text; print(schema_text(), end='')" \
        > docs/schema.json

Each TypedDict becomes a definition whose keys are all required and no others
allowed; ``X | None`` becomes a choice of X or null; the ``measures`` of a
character list every measure of the measure registry with its type and meaning,
and a role's verdict and case are the same shape for every role, declared or to
come. A test checks that docs/schema.json equals `report_schema()` and that real
reports validate against it.
"""

from __future__ import annotations

import json
import types as pytypes
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

from whosestory import measure_registry
from whosestory.report import types
from whosestory.roles import REGISTRY

SCHEMA_ID = "https://github.com/whosestory/whosestory/docs/schema.json"
_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _ref(cls: type) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{cls.__name__}"}


def _schema_of(hint: Any, found: dict[str, type]) -> dict[str, Any]:
    """The schema of one type hint; TypedDicts met on the way are added to `found`."""
    origin = get_origin(hint)
    if hint is type(None):
        return {"type": "null"}
    if hint in _SCALARS:
        return {"type": _SCALARS[hint]}
    if is_typeddict(hint):
        found.setdefault(hint.__name__, hint)
        return _ref(hint)
    if origin in (Union, pytypes.UnionType):
        return {"anyOf": [_schema_of(arg, found) for arg in get_args(hint)]}
    if origin is list:
        return {"type": "array", "items": _schema_of(get_args(hint)[0], found)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _schema_of(get_args(hint)[1], found)}
    if origin is Literal:
        return {"enum": list(get_args(hint))}
    raise TypeError(f"no JSON Schema for {hint!r}")


def _object(cls: type, found: dict[str, type]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    return {
        "type": "object",
        "description": " ".join((cls.__doc__ or "").split()),
        "required": [key for key in hints if key in getattr(cls, "__required_keys__", hints)],
        "additionalProperties": False,
        "properties": {key: _schema_of(hint, found) for key, hint in hints.items()},
    }


def _measures() -> dict[str, Any]:
    """Every registered measure, by its type, with its meaning; no other key."""
    return {
        "type": "object",
        "description": "Every measure of the measure registry (docs/measures.md).",
        "additionalProperties": False,
        "properties": {
            m.name: {"type": m.type, "description": f"{m.label} ({m.unit}): {m.meaning}"}
            for m in measure_registry.MEASURES
        },
    }


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `report_view`, as docs/schema.json holds it."""
    found: dict[str, type] = {}
    root = _object(types.ReportView, found)
    definitions: dict[str, Any] = {}
    while len(definitions) < len(found):
        for name, cls in list(found.items()):
            if name not in definitions:
                definitions[name] = _object(cls, found)
    definitions["Character"]["properties"]["measures"] = _measures()
    roles = ", ".join(r.name for r in REGISTRY)
    root["properties"]["roles"]["description"] = (
        f"Role -> verdict, every declared role ({roles}); a later role has the same shape."
    )
    root["properties"]["schema_version"]["pattern"] = r"^[0-9]+\.[0-9]+$"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "whosestory analyze --format json",
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def schema_text() -> str:
    """docs/schema.json as text."""
    return json.dumps(report_schema(), ensure_ascii=False, indent=2) + "\n"
