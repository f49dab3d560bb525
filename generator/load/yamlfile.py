"""Read one YAML file safely into plain values plus a SpanMap.

Safety: only PyYAML's safe composer runs (no object construction from tags),
unknown tags are errors, aliases are expanded under a node budget so that
"billion laughs" files are refused quickly, and the file size is capped.
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path as FsPath
from typing import Any

import yaml

from generator.diagnostics import Collector, DiagnosticError, Span, display_path
from generator.load.spans import Path, SpanMap

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000

try:  # libyaml's composer is several times faster; fall back to pure Python.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


def load_yaml(path: str | FsPath, *, max_bytes: int = MAX_BYTES) -> tuple[Any, SpanMap]:
    """Read `path` and return (plain value, spans); raise DiagnosticError on any problem."""
    name = display_path(path)
    text = _read_text(FsPath(path), name, max_bytes)
    node = _compose(text, name)
    spans = SpanMap(name)
    if node is None:
        raise DiagnosticError([_err(name, 1, 1, "the file is empty", "a data file is a YAML mapping of keys to values")])
    builder = _Builder(spans)
    value = builder.build(node, ())
    builder.problems.raise_if_errors()
    return value, spans


def _err(path: str, line: int, col: int, message: str, hint: str | None = None):
    from generator.diagnostics import error

    return error(Span(path, line, col), message, hint)


def _read_text(path: FsPath, name: str, max_bytes: int) -> str:
    """Read the file as UTF-8 text, refusing huge, missing or binary files."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DiagnosticError([_err(name, 1, 1, f"cannot read the file: {exc.strerror or exc}")]) from None
    if len(data) > max_bytes:
        raise DiagnosticError([_err(name, 1, 1, f"the file is larger than {max_bytes // 1024} KiB",
                                    "data and layout files are small text files; is this the right file?")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise DiagnosticError([_err(name, line, col, "the file is not UTF-8 text",
                                    f"byte 0x{data[exc.start]:02x} cannot start a UTF-8 character; save the file as UTF-8")]) from None
    if "\x00" in text:
        line, col = _position(data, data.index(b"\x00"))
        raise DiagnosticError([_err(name, line, col, "the file is not text (it contains a NUL byte)")])
    return text


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def _compose(text: str, name: str) -> yaml.Node | None:
    """Parse to a node graph, turning YAML syntax errors into diagnostics."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"YAML syntax error: {exc.problem or exc.context}"
        raise DiagnosticError([_err(name, line, col, message, _syntax_hint(exc))]) from None
    except yaml.YAMLError as exc:
        raise DiagnosticError([_err(name, 1, 1, f"YAML error: {exc}")]) from None
    return node


def _syntax_hint(exc: yaml.MarkedYAMLError) -> str:
    """A hint for the commonest YAML mistakes."""
    problem = str(exc.problem or "")
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted"
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "expected <block end>" in problem or "indentation" in problem:
        return "check the indentation of this line against the lines above"
    if "found unexpected end of stream" in problem:
        return "a quoted string or bracket is not closed"
    return "check the YAML syntax near this position"


class _Builder:
    """Turns a composed node graph into plain values, recording spans and problems."""

    def __init__(self, spans: SpanMap) -> None:
        self.spans = spans
        self.problems = Collector()
        self.count = 0

    def span(self, node: yaml.Node) -> Span:
        """The span where a node starts."""
        mark = node.start_mark
        return Span(self.spans.file, mark.line + 1, mark.column + 1)

    def build(self, node: yaml.Node, path: Path) -> Any:
        """Convert one node (recursively), within the node budget."""
        self.count += 1
        if self.count > MAX_NODES:
            raise DiagnosticError([self._budget_error(node)])
        self.spans.values.setdefault(path, self.span(node))
        if node.tag not in _STANDARD_TAGS:
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problems.error(self.span(node), f"the tag {shown} is not allowed",
                                "only plain YAML values are read; remove the tag")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _budget_error(self, node: yaml.Node):
        return _err(self.spans.file, node.start_mark.line + 1, node.start_mark.column + 1,
                    f"the document expands to more than {MAX_NODES:,} values",
                    "this usually means aliases (*name) that repeat each other; write the values out")

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        """Convert a mapping, reporting duplicate and non-string keys."""
        result: dict[str, Any] = {}
        first: dict[str, Span] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.error(self.span(key_node), "merge keys (<<) are not supported", "write the keys out")
                continue
            key = self._key(key_node)
            if key is None:
                continue
            key_span = self.span(key_node)
            if key in first:
                was = first[key]
                self.problems.error(key_span, f"duplicate key {key!r}",
                                    f"it is already set at line {was.line}; YAML would silently keep only the last one")
                continue
            first[key] = key_span
            self.spans.keys[path + (key,)] = key_span
            result[key] = self.build(value_node, path + (key,))
        return result

    def _key(self, node: yaml.Node) -> str | None:
        """A mapping key as a string, or None (with a diagnostic) when it is not a plain scalar."""
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _STANDARD_TAGS:
            self.problems.error(self.span(node), "a key must be a plain word", "keys are names such as `title:`")
            return None
        value = self._scalar(node)
        return str(value).lower() if isinstance(value, bool) else str(value)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        """Resolve a scalar with the safe constructor, rejecting NaN and infinities."""
        constructor = yaml.SafeLoader.yaml_constructors[node.tag]
        try:
            value = constructor(_SCALAR_LOADER, node)
        except (ValueError, yaml.constructor.ConstructorError) as exc:
            self.problems.error(self.span(node), f"invalid {node.tag.rsplit(':', 1)[-1]}: {exc}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.problems.error(self.span(node), f"{node.value!r} is not a finite number",
                                "write a plain number such as 131 or 1.7")
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        return value


# A loader instance is only needed as the `self` argument of SafeLoader's
# scalar constructors, which read no state from it.
_SCALAR_LOADER = yaml.SafeLoader("")
