"""Turn pydantic validation errors into diagnostics that point at the YAML text."""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from generator.diagnostics import Diagnostic, error
from generator.load.spans import Path, SpanMap, dotted
from generator.load.yamlfile import UNREADABLE

_TYPE_NAMES = {
    "float_type": "a number",
    "int_type": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "list_type": "a list",
    "url_type": "a web address",
}
_BOUNDS = {"greater_than": ("gt", "greater than"), "greater_than_equal": ("ge", "at least"),
           "less_than": ("lt", "less than"), "less_than_equal": ("le", "at most")}
_KEY_PATTERN = "^[a-z][a-z0-9_]*$"
_KEY_HINT = "names are lower case letters, digits and underscores, starting with a letter, e.g. `arrests_2008`"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BOUND_HINTS = {
    "percent": "write the change in percent: 76 for a 76% increase, -12 for a 12% fall (a fall is above -100)",
    "factor": "write the multiple: 3 for a three-fold increase, 0.5 for a halving",
    "value": "values are limited to a quadrillion either way",
    "previous": "values are limited to a quadrillion either way",
}
# Most bounded numbers of layouts and themes are sizes and distances.
_LENGTH_HINT = "sizes and distances are in points (1/72 inch); check the value against the range"
_BOUND_HINTS.update({
    "leading": "line height as a multiple of the text size: 1.2 is usual, from 0.8 to 3",
    "size": "text sizes are in points, above 0 and at most 400 (a page size: 72 to 14,400 pt each way)",
    "min_size": "the smallest size text may shrink to, in points, above 0 and at most 400",
    "columns": "a number of columns; or \"auto\" where tiles may choose",
    "rows": "a number of rows, or a list of track sizes",
})
# pydantic puts a dict key's own errors under this pseudo-key in the location.
_DICT_KEY = "[key]"


@dataclass(frozen=True)
class _Located:
    """A pydantic error with its path in the data, and whether it concerns a mapping key itself."""

    path: Path
    err: dict
    is_key: bool = False


def validate_model(model: type[BaseModel], value: Any, spans: SpanMap) -> tuple[Any | None, list[Diagnostic]]:
    """Validate `value` against `model`; return (instance or None, every diagnostic)."""
    if value is UNREADABLE:  # reported when it was loaded
        return None, []
    if not isinstance(value, dict):
        first = next(iter(model.model_fields), "name")
        # Only the kind of value is named: a file that is not a mapping is not this kind of file at
        # all, and its text (it may be any file) is never echoed.
        return None, [error(spans.at(()), f"the top level must be a mapping of keys to values, not {_kind(value)}",
                            f"start the file with keys such as `{first}:`")]
    try:
        return model.model_validate(value), []
    except ValidationError as exc:
        # Values already reported when the file was read are left out: one problem, one diagnostic.
        errors = [e for e in exc.errors(include_url=False) if e.get("input") is not UNREADABLE]
        return None, list(_diagnostics(model, value, spans, errors))


def _diagnostics(model: type[BaseModel], value: Any, spans: SpanMap, errors: Iterable[dict]) -> Iterable[Diagnostic]:
    """One diagnostic per distinct problem, located through the data's own path.

    A misspelt required key gives pydantic two errors (unknown `lable`, missing
    `label`); we report it once, as the unknown key with a did-you-mean.
    """
    located = _locate(value, errors)
    missing = {(item.path[:-1], item.path[-1]) for item in located if item.err["type"] == "missing"}
    covered: set[tuple[Path, Any]] = set()
    for item in located:
        if item.err["type"] == "extra_forbidden":
            parent = item.path[:-1]
            close = _close(str(item.path[-1]), [str(k) for p, k in missing if p == parent])
            if close is not None:
                covered.add((parent, close))
    for item in located:
        if item.err["type"] == "missing" and (item.path[:-1], item.path[-1]) in covered:
            continue
        yield _diagnostic(model, spans, item, missing)


def _locate(value: Any, errors: Iterable[dict]) -> list[_Located]:
    """Map each error to a path in the data, dropping duplicates."""
    seen: set[tuple[Path, str, bool]] = set()
    out: list[_Located] = []
    for err in errors:
        loc = tuple(err["loc"])
        is_key = bool(loc) and loc[-1] == _DICT_KEY
        if is_key:
            path = _data_path(value, loc[:-1])
        elif err["type"] == "missing":
            path = _data_path(value, loc[:-1]) + loc[-1:]
        else:
            path = _data_path(value, loc)
        if (path, err["type"], is_key) not in seen:
            seen.add((path, err["type"], is_key))
            out.append(_Located(path, err, is_key))
    return out


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
        elif isinstance(node, dict) and isinstance(part, str) and node.get("type") == part:
            continue  # the tag of a union told apart by its `type:` (a layout's block kinds)
        elif isinstance(node, dict) and isinstance(part, str) and not _is_tag(part):
            path.append(part)  # a missing or unknown key: keep it, it has no node below
            node = None
    return tuple(path)


def _is_tag(part: str) -> bool:
    """Union member tags that pydantic puts in locations (not keys a person wrote)."""
    return part in {"number", "ref", "factor_change", "percent_change", "previous_value", _DICT_KEY} or part.startswith("function-")


def _diagnostic(model: type[BaseModel], spans: SpanMap, item: _Located, missing: set[tuple[Path, Any]]) -> Diagnostic:
    """Build the message and hint for one pydantic error."""
    path, err, kind = item.path, item.err, item.err["type"]
    if item.is_key:
        return _key_diagnostic(spans, path, err)
    if kind == "extra_forbidden":
        return _unknown_key(model, spans, path, missing)
    if kind == "missing":
        parent = path[:-1]
        return error(spans.key(parent) if parent else spans.at(()),
                     f"missing required key {path[-1]!r}" + (f" in {dotted(parent)}" if parent else ""),
                     f"add `{path[-1]}:` here")
    where, found = dotted(path), _describe(err.get("input"))
    if kind in _TYPE_NAMES and err.get("input") is None:
        return error(spans.key(path), f"{where} is empty", _empty_hint(model, path, kind))
    if kind in _TYPE_NAMES:
        return error(spans.at(path), f"{where}: expected {_TYPE_NAMES[kind]}, found {found}",
                     _type_hint(model, path, kind, err.get("input")))
    if kind in ("literal_error", "enum"):
        return _literal(spans, path, err)
    message, hint = _constraint(kind, err, path[-1] if path else None)
    if message is not None:
        # A collection that is too long is reported at its key: its value's span is its first entry.
        at = spans.key(path) if kind == "too_long" else spans.at(path)
        return error(at, f"{where}: {message}", hint)
    return error(spans.at(path), f"{where}: {err['msg'][0].lower() + err['msg'][1:]}, found {found}")


def _key_diagnostic(spans: SpanMap, path: Path, err: dict) -> Diagnostic:
    """A mapping key that is not a valid name (e.g. `Arrests:` under `figures:`)."""
    where = dotted(path[:-1]) if path[:-1] else "the file"
    return error(spans.key(path), f"{where}: {path[-1]!r} is not a valid name", _KEY_HINT)


def _unknown_key(model: type[BaseModel], spans: SpanMap, path: Path, missing: set[tuple[Path, Any]]) -> Diagnostic:
    """An unknown key, with the nearest missing or allowed key suggested."""
    parent = path[:-1]
    wanted = [str(k) for p, k in missing if p == parent]
    close = _close(str(path[-1]), wanted) or _close(str(path[-1]), allowed_keys(model, parent))
    if close is not None:
        hint = f"did you mean {close!r}?"
    else:
        allowed = allowed_keys(model, parent)
        hint = "allowed keys: " + ", ".join(allowed) if allowed else None
    return error(spans.key(path), f"unknown key {path[-1]!r}" + (f" in {dotted(parent)}" if parent else ""), hint)


def _literal(spans: SpanMap, path: Path, err: dict) -> Diagnostic:
    """A value outside a fixed set of words, with a did-you-mean."""
    expected = err.get("ctx", {}).get("expected", "")
    choices = re.findall(r"'([^']*)'", expected)
    written = err.get("input")
    close = _close(written, choices) if isinstance(written, str) else None
    hint = f"did you mean {close!r}?" if close else f"use one of {expected}"
    return error(spans.at(path), f"{dotted(path)}: {_describe(written)} is not allowed", hint)


def _constraint(kind: str, err: dict, field: Any = None) -> tuple[str | None, str | None]:
    """Message and hint for a value of the right type that breaks a constraint."""
    ctx = err.get("ctx", {})
    found = _describe(err.get("input"))
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        return f"must be {words} {_number(ctx.get(name))}, found {found}", _BOUND_HINTS.get(field, _LENGTH_HINT)
    if kind == "string_too_short":
        return "the text is empty", "write some text, or remove the key if it is optional"
    if kind == "string_too_long":
        return f"is longer than {_number(ctx.get('max_length'))} characters", "shorten it"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        one, many = ("entry", "entries") if isinstance(err.get("input"), dict) else ("item", "items")
        noun = one if n == 1 else many
        actual = ctx.get("actual_length", 0)
        return f"needs at least {n} {noun}, found {actual or 'none'}", f"add at least {n} {noun}"
    if kind == "too_long":
        n = ctx.get("max_length")
        given = err.get("input")
        actual = ctx.get("actual_length") or (len(given) if isinstance(given, (list, dict, str)) else None)
        noun = "entries" if isinstance(given, dict) else "items"
        found = f", found {actual:,}" if isinstance(actual, int) else ""
        why = " (the limit keeps a build to seconds)" if isinstance(n, int) and n >= 20 else ""
        return f"takes at most {n:,} {noun}{found}", f"remove {noun} to leave {n:,}{why}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == _KEY_PATTERN:
            return f"{found} is not a valid name", _KEY_HINT
        if str(ctx.get("pattern", "")).startswith("^[A-Za-z]{2,3}"):
            return f"{found} is not a locale", _locale_hint(err.get("input"))
        if ctx.get("pattern") == "^[A-Z]{3}$":
            return f"{found} is not a currency code", "write a three-letter ISO 4217 code in capitals, e.g. GBP or EUR"
        return _pattern_words(str(ctx.get("pattern", "")), found)
    if kind.startswith("url_"):
        reason = " (it must start with http:// or https://)" if kind == "url_scheme" else ""
        return (f"{found} is not a web address{reason}",
                "write the full address, e.g. https://www.example.org/page")
    return None, None


def _empty_hint(model: type[BaseModel], path: Path, kind: str) -> str:
    """What to write where a key (or a `- `) has nothing after it, as `make-report new` leaves them."""
    if path[:1] == ("figures",) and path[-1:] == ("value",):
        return "fill in this year's figure as published, in digits, e.g. 131 or 1700000"
    if path[:1] == ("series",) and "values" in path:
        return "fill in the number, in digits, or take it from a figure with `figure: KEY` on the lines below"
    if kind == "float_type":
        return "fill in the number, in digits, e.g. 131 or 1700000"
    if kind == "list_type":
        return "write each item on its own line below, starting with `- `"
    if path and isinstance(path[-1], int):
        return f"write {_TYPE_NAMES[kind]} after the `- `, or remove the item"
    what = ("its keys on the lines below, indented" if kind in ("model_type", "model_attributes_type", "dict_type")
            else _TYPE_NAMES[kind] + " here")
    return f"write {what}" if _required(model, path) else f"write {what}, or remove the key"


def _required(model: type[BaseModel], path: Path) -> bool:
    """True when the key at `path` must be written (found by walking the model, as `allowed_keys` does)."""
    current: Any = model
    for part in path[:-1]:
        current = _step(current, part)
    return any(path[-1] in cls.model_fields and cls.model_fields[path[-1]].is_required()
               for cls in _models_in(current))
def _locale_hint(written: Any) -> str:
    """Close matches among the locales Babel knows."""
    from generator.model.locales import hint

    return hint(written)


def _pattern_words(pattern: str, found: str) -> tuple[str, str | None]:
    """Message and hint for text that does not match a layout or theme field's pattern."""
    if "#[0-9A-Fa-f]{6}" in pattern:
        return f"{found} is not a colour", "write #RRGGBB (e.g. #0E2A47) or the name of a theme colour (e.g. primary)"
    if "(fr|pt)" in pattern:
        return (f"{found} is not a track size", "write points as a number (120) or with pt (120pt), or a share of "
                "the free space as fr (1fr); at most 5 digits before the point")
    if pattern.startswith("^[a-z][a-z0-9_"):
        return f"{found} is not a valid name", "names are lower case letters, digits, _ and -, starting with a letter"
    return f"{found} does not have the expected form (pattern {pattern})", None


def _type_hint(model: type[BaseModel], path: Path, kind: str, found: Any) -> str | None:
    """What to write instead, for type errors."""
    if kind in ("float_type", "int_type") and isinstance(found, str) and re.fullmatch(r"[-+]?0[0-9]+", found):
        return (f"a number may not start with 0 (YAML reads some such numbers as octal); "
                f"write {int(found):d} without the leading zero")
    if kind == "date_type" and isinstance(found, str) and _ISO_DATE.match(found):
        return "there is no such day; write a real date as YYYY-MM-DD"
    if kind == "string_type" and isinstance(found, dict):
        return "write the text itself after the key, not keys indented below it"
    if kind == "string_type" and isinstance(found, list):
        return "write one piece of text, not a list"
    if kind in ("model_type", "model_attributes_type"):
        keys = allowed_keys(model, path)
        return "write its keys on the lines below, indented: " + ", ".join(keys) if keys else None
    if kind == "dict_type":
        return "write named entries, each `name:` on its own line with its keys indented below"
    if kind == "list_type":
        return "write each item on its own line, starting with `- `"
    return {
        "float_type": "write the number in digits, without quotes, commas or words, e.g. 131 or 1700000",
        "int_type": "write a whole number in digits, without quotes",
        "string_type": "write text; quote it if it looks like a number, a date or true/false",
        "bool_type": "write true or false, without quotes",
        "date_type": "write a date as YYYY-MM-DD, e.g. 2008-04-01",
        "url_type": "write the full address, e.g. https://www.example.org/page",
    }.get(kind)


def _number(value: Any) -> str:
    """A bound for messages: 1,000,000 or 0.01."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if abs(value) < 10**21 else "with more than 20 digits"
    if isinstance(value, float) and value.is_integer() and abs(value) <= 1e15:
        return f"{int(value):,}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _kind(value: Any) -> str:
    """What kind of value this is, without its content."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return _describe(value) if isinstance(value, (list, type(None))) else type(value).__name__


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
        return f"the number {_number(value)}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _close(word: str, choices: list[str]) -> str | None:
    """The nearest of `choices` to a misspelt word, if any is near enough."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def allowed_keys(model: type[BaseModel], path: Path) -> list[str]:
    """The keys a mapping at `path` may hold, found by walking the model's annotations.

    Where the annotation is a union of models (a change by factor or by
    percentage), the keys of every member are allowed.
    """
    current: Any = model
    for part in path:
        current = _step(current, part)
        if current is None:
            return []
    keys = [name for cls in _models_in(current) for name in cls.model_fields]
    return list(dict.fromkeys(keys))


def _step(annotation: Any, part: str | int) -> Any:
    """The annotation one step below `annotation` for key or index `part`."""
    for cls in _models_in(annotation):
        if isinstance(part, str) and part in cls.model_fields:
            return cls.model_fields[part].annotation
    for inner in _unwrap(annotation):
        origin = typing.get_origin(inner)
        if origin is list and isinstance(part, int):
            return typing.get_args(inner)[0]
        if origin is dict and isinstance(part, str):
            return typing.get_args(inner)[1]
    return None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models named by an annotation (through Optional, unions and Annotated)."""
    return [inner for inner in _unwrap(annotation) if isinstance(inner, type) and issubclass(inner, BaseModel)]


def _unwrap(annotation: Any) -> list[Any]:
    """Flatten Annotated and unions into their member types."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _unwrap(arg)]
    return [annotation]
