"""The JSON Schema of the data file, generated from the pydantic model."""

from __future__ import annotations

import json

from generator.model.datafile import DataFile

SCHEMA_ID = "https://make-report.invalid/schema/data.schema.json"


def schema_json() -> str:
    """The schema as stable, indented JSON text."""
    schema = DataFile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "make-report yearly data file"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
