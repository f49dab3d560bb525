"""Turn pydantic validation errors into diagnostics that point at the YAML text."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from generator.diagnostics import Collector, Diagnostic, error
from generator.load.spans import Path, SpanMap

_TYPE_NAMES = {
    "float_type": "a number",
    "int_type": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "list_type": "a list",
}


def validate_model(model: type[BaseModel], value: Any, spans: SpanMap) -> tuple[Any | None, list[Diagnostic]]:
    """Validate `value` against `model`; return (instance or None, every diagnostic)."""
    if not isinstance(value, dict):
        found = _describe(value)
        return None, [error(spans.at(()), f"the top level must be a mapping of keys to values, not {found}",
                            "start the file with keys such as `report:`")]
    try:
        return model.model_validate(value), []
    except ValidationError as exc:
        return None, list(_diagnostics(model, value, spans, exc.errors(include_url=False)))


def _diagnostics(model: type[BaseModel], value: Any, spans: SpanMap, errors: Iterable[dict]) -> Iterable[Diagnostic]:
    """One diagnostic per distinct problem, located through the data's own path."""
    seen: set[tuple[Path, str]] = set()
    for err in errors:
        loc = tuple(err["loc"])
        path = _data_path(value, loc[:-1]) + loc[-1:] if err["type"] == "missing" else _data_path(value, loc)
        if (path, err["type"]) in seen:
            continue
        seen.add((path, err["type"]))
        yield _diagnostic(model, value, spans, path, err)


def _data_path(value: Any, loc: tuple) -> Path:
    """The part of a pydantic location that names real keys and indices (drops union tags)."""
    path: list[str | int] = []
    node = value
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _is_tag(part):
            path.append(part)  # a missing or unknown key: keep it, it has no node below
            node = None
    return tuple(path)


def _is_tag(part: str) -> bool:
    """Union member tags that pydantic puts in locations (not keys a person wrote)."""
    return part in {"number", "ref", "factor_change", "percent_change"} or part.startswith("function-")


def _diagnostic(model: type[BaseModel], value: Any, spans: SpanMap, path: Path, err: dict) -> Diagnostic:
    """Build the message and hint for one pydantic error."""
    kind = err["type"]
    where = _dotted(path)
    if kind == "extra_forbidden":
        allowed = allowed_keys(model, path[:-1])
        return error(spans.key(path), f"unknown key {path[-1]!r}" + (f" in {_dotted(path[:-1])}" if path[:-1] else ""),
                     _did_you_mean(str(path[-1]), allowed))
    if kind == "missing":
        parent = path[:-1]
        return error(spans.key(parent) if parent else spans.at(()), f"missing required key {path[-1]!r}" + (f" in {_dotted(parent)}" if parent else ""),
                     f"add `{path[-1]}:` here")
    found = _describe(_lookup(value, path))
    if kind in _TYPE_NAMES:
        return error(spans.at(path), f"{where}: expected {_TYPE_NAMES[kind]}, found {found}", _type_hint(kind))
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        return error(spans.at(path), f"{where}: {found} is not allowed", f"use one of {expected}")
    if kind == "string_pattern_mismatch" and path and isinstance(path[-2] if len(path) > 1 else None, str):
        return error(spans.key(path), f"{where}: {found} is not a valid key",
                     "keys are lower case letters, digits and underscores, starting with a letter")
    return error(spans.at(path), f"{where}: {err['msg'][0].lower() + err['msg'][1:]}" + (f", found {found}" if found else ""))


def _type_hint(kind: str) -> str | None:
    """What to write instead, for type errors."""
    return {
        "float_type": "write the number without quotes or words, e.g. 131 or 1700000",
        "int_type": "write a whole number without quotes",
        "string_type": "write text; quote it if it looks like a number or date",
        "bool_type": "write true or false",
        "date_type": "write a date as YYYY-MM-DD",
    }.get(kind)


def _lookup(value: Any, path: Path) -> Any:
    """The value at `path`, or None."""
    node = value
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _describe(value: Any) -> str:
    """A short description of a value for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _dotted(path: Path) -> str:
    """A path written the way a person navigates the file: figures.arrests.value."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + part)
    return out or "the file"


def _did_you_mean(word: str, allowed: list[str]) -> str | None:
    """Suggest the nearest allowed key, or list them all."""
    close = difflib.get_close_matches(word, allowed, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    if allowed:
        return "allowed keys: " + ", ".join(allowed)
    return None


def allowed_keys(model: type[BaseModel], path: Path) -> list[str]:
    """The keys a mapping at `path` may hold, found by walking the model's annotations."""
    current: Any = model
    for part in path:
        current = _step(current, part)
        if current is None:
            return []
    cls = _model_in(current)
    return list(cls.model_fields) if cls else []


def _step(annotation: Any, part: str | int) -> Any:
    """The annotation one step below `annotation` for key or index `part`."""
    cls = _model_in(annotation)
    if cls is not None and isinstance(part, str):
        field = cls.model_fields.get(part)
        return field.annotation if field else None
    for inner in _unwrap(annotation):
        origin = typing.get_origin(inner)
        if origin is list and isinstance(part, int):
            return typing.get_args(inner)[0]
        if origin is dict and isinstance(part, str):
            return typing.get_args(inner)[1]
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The first pydantic model named by an annotation (through Optional and Annotated)."""
    for inner in _unwrap(annotation):
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    return None


def _unwrap(annotation: Any) -> list[Any]:
    """Flatten Annotated and unions into their member types."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _unwrap(arg)]
    return [annotation]


def collect(collector: Collector, diagnostics: Iterable[Diagnostic]) -> None:
    """Add diagnostics to a collector (a small helper so stages read the same)."""
    collector.extend(diagnostics)
