"""The JSON Schema of the data file, generated from the pydantic model.

The committed copy is docs/schema/data.schema.json (editors use it for
completion and checks; the shipped data file names it in its first line).
Regenerate it with `python -m generator.model.schema > docs/schema/data.schema.json`.
"""

from __future__ import annotations

import json
from typing import Any

from generator.model.datafile import DataFile

SCHEMA_ID = "https://make-report.invalid/schema/data.schema.json"


def schema() -> dict[str, Any]:
    """The schema as a JSON-ready dict."""
    result = DataFile.model_json_schema(mode="validation")
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["$id"] = SCHEMA_ID
    result["title"] = "make-report yearly data file"
    _constrain_names(result)
    return result


def schema_json() -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _constrain_names(node: Any) -> None:
    """Make the pattern of named entries (`figures:`, `series:`...) bind every key.

    pydantic writes `dict[Key, X]` as patternProperties, which only checks keys
    that match; a key that does not (`Arrests:`) would slip through unchecked.
    The model refuses it, so the schema must too: put the pattern in propertyNames.
    """
    if isinstance(node, dict):
        patterns = node.get("patternProperties")
        if isinstance(patterns, dict) and len(patterns) == 1 and isinstance(node.get("propertyNames"), dict):
            node["propertyNames"]["pattern"] = next(iter(patterns))
        for value in node.values():
            _constrain_names(value)
    elif isinstance(node, list):
        for value in node:
            _constrain_names(value)


if __name__ == "__main__":
    print(schema_json(), end="")
