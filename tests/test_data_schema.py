"""The committed JSON Schema is the generated one, and it agrees with the model on real files."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.load import load_yaml
from generator.model.schema import schema_json

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "docs" / "schema" / "data.schema.json"


def as_json(value: Any) -> Any:
    """A loaded YAML value as JSON would carry it: dates become ISO text, the way editors see them."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    """A validator for the committed schema, checking formats such as dates too."""
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_committed_schema_is_up_to_date() -> None:
    """docs/schema/data.schema.json equals schema_json(); regenerate it after changing the model."""
    assert COMMITTED.read_text(encoding="utf-8") == schema_json(), (
        "run: python -m generator.model.schema > docs/schema/data.schema.json")


def test_shipped_data_file_names_the_schema() -> None:
    """The shipped file's first line points editors at the committed schema."""
    first = (ROOT / "data" / "ceop-2007-08.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/schema/data.schema.json"
    assert (ROOT / "data" / "../docs/schema/data.schema.json").resolve() == COMMITTED


@pytest.mark.parametrize("path", ["data/ceop-2007-08.yaml", "tests/fixtures/small-2007-08.yaml",
                                  "tests/fixtures/small-2006-07.yaml"])
def test_good_files_validate(validator: jsonschema.Draft202012Validator, path: str) -> None:
    """Files the model accepts are valid against the schema (including a date and money)."""
    value, _ = load_yaml(ROOT / path)
    errors = [e.message for e in validator.iter_errors(as_json(value))]
    assert errors == []


@pytest.mark.parametrize("case", [
    "13-misspelt-top-level-key", "14-misspelt-figure-key", "17-misspelt-percent-key", "19-number-as-words",
    "20-quoted-number", "24-missing-report-title", "25-missing-figure-value", "27-list-where-mapping-expected",
    "28-mapping-where-text-expected", "48-bad-at-value", "59-bad-locale", "60-bad-figure-name", "61-empty-text",
    "62-no-figures", "63-percent-fall-of-100", "64-change-as-text", "65-quoted-boolean", "66-bad-currency",
])
def test_files_the_model_refuses_are_invalid(validator: jsonschema.Draft202012Validator, case: str) -> None:
    """The schema refuses what the model refuses, so an editor flags the same mistakes."""
    value, _ = load_yaml(ROOT / "tests" / "data_errors" / f"{case}.yaml")
    assert not validator.is_valid(as_json(value))
