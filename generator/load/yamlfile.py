"""Read one YAML file safely into plain values plus a SpanMap.

Safety: only PyYAML's safe composer runs (no object construction from tags),
unknown tags are errors, aliases are expanded under a node budget so that
"billion laughs" files are refused quickly, nesting depth is capped (and an
alias that contains itself is refused), and the file size is capped.
"""

from __future__ import annotations

import datetime
import math
import re
from pathlib import Path as FsPath
from typing import Any

import yaml

from generator.diagnostics import (
    Collector,
    Diagnostic,
    DiagnosticError,
    Span,
    display_path,
    error,
)
from generator.load.boundary import Refused, read_bytes
from generator.load.numbers import odd_number
from generator.load.spans import Path, SpanMap, dotted
from generator.load.syntax import describe_syntax_error

MAX_BYTES = 2 * 1024 * 1024
# A real data file has a few hundred values; the budget leaves ample room and
# still stops an alias bomb after a fraction of a second.
MAX_NODES = 50_000
# Text is laid out at some tens of thousands of characters a second: 300,000 (about 50,000 words,
# a hundred pages) keeps a build to seconds, and stops aliases that repeat a long text from
# multiplying it past anything a file could hold.
MAX_CHARS = 300_000
# Well below Python's recursion limit, and far deeper than any data file.
MAX_DEPTH = 64

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
_BOM = b"\xef\xbb\xbf"
# YAML 1.1 resolves a bare `=` to this tag; here it is just the text "=".
_VALUE_TAG = "tag:yaml.org,2002:value"
_STR_TAG = "tag:yaml.org,2002:str"
# Characters XML 1.0 (and so the deck) cannot hold, which a double-quoted YAML escape can still
# produce ("\a", "\x07", "\0"): every C0 control but tab and line breaks, and the two non-characters.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_KIND_WORDS = {"timestamp": "a valid date", "bool": "true or false", "int": "a whole number", "float": "a number"}


class _Unreadable:
    """The value of a node that was reported and could not be read (a refused tag, an octal number...)."""

    def __repr__(self) -> str:
        return "<unreadable value>"


# Stands where a value was reported at loading; validation drops every error about it, so the
# problems of the rest of the file are still reported (once each) in the same run.
UNREADABLE: Any = _Unreadable()


def load_yaml(path: str | FsPath, *, max_bytes: int = MAX_BYTES) -> tuple[Any, SpanMap]:
    """Read `path` and return (plain value, spans); raise DiagnosticError on any problem."""
    problems = Collector()
    loaded = read_yaml(path, problems, max_bytes=max_bytes)
    problems.raise_if_errors()
    assert loaded is not None
    return loaded


def read_yaml(path: str | FsPath, problems: Collector, *, max_bytes: int = MAX_BYTES) -> tuple[Any, SpanMap] | None:
    """Read `path` into (value, spans), recording problems; None when nothing could be read.

    Problems confined to one value (a duplicate key, a refused tag, a number in octal) are
    recorded and the rest of the document is still returned, with UNREADABLE in place of each
    refused value, so that validation can report the file's other problems in the same run.
    """
    name = display_path(path)
    try:
        text = _read_text(FsPath(path), name, max_bytes)
        node = _compose(text, name)
        spans = SpanMap(name)
        if node is None:
            message = "the file is empty" if not text.strip() else "the file has only comments, no values"
            raise DiagnosticError([_err(name, 1, 1, message, "a data file is a YAML mapping of keys to values")])
        builder = _Builder(spans)
        value = builder.build(node, ())
    except DiagnosticError as exc:
        problems.extend(exc.diagnostics)
        return None
    problems.extend(builder.problems.items)
    return value, spans


def _err(path: str, line: int, col: int, message: str, hint: str | None = None) -> Diagnostic:
    return error(Span(path, line, col), message, hint)


def _read_text(path: FsPath, name: str, max_bytes: int) -> str:
    """Read the file as UTF-8 text, refusing huge, missing, binary and non-regular files (a FIFO unopened)."""
    try:
        data = read_bytes(path, max_bytes)
    except Refused as exc:
        if exc.message.startswith("is larger than"):
            raise DiagnosticError([_err(name, 1, 1, f"the file {exc.message}",
                                        "data and layout files are small text files; is this the right file?")]) from None
        raise DiagnosticError([_err(name, 1, 1, f"cannot read the file: it {exc.message}", exc.hint)]) from None
    # Strip a byte-order mark ourselves so that error offsets refer to `data`.
    data = data.removeprefix(_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise DiagnosticError([_err(name, line, col, "the file is not UTF-8 text",
                                    _encoding_hint(data, exc.start))]) from None
    if "\x00" in text:
        line, col = _position(data, data.index(b"\x00"))
        raise DiagnosticError([_err(name, line, col, "the file is not text (it contains a NUL byte)",
                                    "is this the right file? a data file is plain UTF-8 text")]) from None
    return text


def _encoding_hint(data: bytes, offset: int) -> str:
    """Say which byte is wrong, and name the likely encoding when it is the usual Windows one."""
    hint = f"byte 0x{data[offset]:02x} is not UTF-8"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return hint + "; save the file as UTF-8"
    return hint + "; the file looks like Windows-1252 (\"ANSI\") text: save it as UTF-8"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters, as editors count) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    # Everything before the first bad byte decodes, so this counts characters.
    col = len(data[start:offset].decode("utf-8", errors="replace")) + 1
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
        line, col, message, hint = describe_syntax_error(exc, text)
        raise DiagnosticError([_err(name, line, col, message, hint)]) from None
    except yaml.reader.ReaderError as exc:
        line, col = _char_position(text, exc.position)
        raise DiagnosticError([_err(name, line, col, f"the file contains a control character (#x{exc.character:04x})",
                                    "remove it: it is invisible in most editors and not allowed in YAML")]) from None
    except yaml.YAMLError as exc:
        raise DiagnosticError([_err(name, 1, 1, f"YAML error: {exc}")]) from None
    except RecursionError:  # only the pure-Python composer recurses; libyaml caps depth itself
        raise DiagnosticError([_err(name, 1, 1, "the values are nested too deeply",
                                    f"a data file needs far fewer than {MAX_DEPTH} levels")]) from None
    return node


def _char_position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - start + 1


class _Builder:
    """Turns a composed node graph into plain values, recording spans and problems."""

    def __init__(self, spans: SpanMap) -> None:
        self.spans = spans
        self.problems = Collector()
        self.count = 0
        self.chars = 0  # characters of every scalar built, counting repeats through aliases
        self.unique_chars = 0  # the same, each scalar once
        self.open: set[int] = set()  # ids of the collection nodes being built (to catch self-reference)
        self.seen: set[int] = set()  # ids of every node built so far (building one again means an alias)

    def span(self, node: yaml.Node) -> Span:
        """The span where a node starts."""
        mark = node.start_mark
        return Span(self.spans.file, mark.line + 1, mark.column + 1)

    def build(self, node: yaml.Node, path: Path) -> Any:
        """Convert one node (recursively), within the node budget and depth limit."""
        self.count += 1
        if self.count > MAX_NODES:
            raise DiagnosticError([self._budget_error(path)])
        first_time = id(node) not in self.seen
        self.seen.add(id(node))
        self.spans.values.setdefault(path, self.span(node))
        if isinstance(node, yaml.ScalarNode) and node.style == "|":
            self.spans.literal.add(path)
        if node.tag == _VALUE_TAG:
            node.tag = _STR_TAG
        if node.tag not in _STANDARD_TAGS:
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problems.error(self.span(node), f"the tag {shown} is not allowed",
                                "only plain YAML values are read; remove the tag")
            return UNREADABLE
        if isinstance(node, yaml.ScalarNode):
            self.chars += len(node.value)
            self.unique_chars += len(node.value) if first_time else 0
            if self.chars > MAX_CHARS:
                raise DiagnosticError([self._text_budget_error(path)])
            return self._scalar(node, path)
        return self._collection(node, path)

    def _collection(self, node: yaml.MappingNode | yaml.SequenceNode, path: Path) -> Any:
        """Convert a mapping or sequence, refusing self-reference and deep nesting."""
        if id(node) in self.open:
            self.problems.error(self.span(node),
                                f"{dotted(path)}: an alias (*name) puts the value anchored here inside itself",
                                "a value cannot contain itself; write the values out")
            return UNREADABLE
        if len(path) > MAX_DEPTH:
            raise DiagnosticError([error(self.span(node), f"the values are nested more than {MAX_DEPTH} levels deep",
                                         "a data file needs only a few levels of nesting")])
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def _budget_error(self, path: Path) -> Diagnostic:
        """Refuse a document that expands to too many values, at the top-level key being built."""
        where = self.spans.key(path[:1]) if path else Span(self.spans.file)
        repeated = len(self.seen) < self.count // 2  # most values were reached again through aliases
        hint = ("this usually means aliases (*name) that repeat each other; write the values out" if repeated
                else "a data file has a few hundred values; is this the right file?")
        return error(where, f"the document expands to more than {MAX_NODES:,} values", hint)

    def _text_budget_error(self, path: Path) -> Diagnostic:
        """Refuse a document with more text than a build lays out in seconds, at the top-level key being built."""
        where = self.spans.key(path[:1]) if path else Span(self.spans.file)
        repeated = self.unique_chars < self.chars // 2
        hint = ("aliases (*name) repeat a long text many times; write each text once" if repeated
                else "an annual review needs far less text; move the rest to the full report and link to it")
        return error(where, f"the document holds more than {MAX_CHARS:,} characters of text", hint)

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
                self.problems.error(key_span, f"duplicate key {key!r}" + (f" in {dotted(path)}" if path else ""),
                                    f"it is already set at line {was.line}; YAML would silently keep only the last one")
                continue
            first[key] = key_span
            self.spans.keys[path + (key,)] = key_span
            result[key] = self.build(value_node, path + (key,))
        return result

    def _key(self, node: yaml.Node) -> str | None:
        """A mapping key as the text the person wrote, or None (with a diagnostic) if it is not a plain scalar."""
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _STANDARD_TAGS | {_VALUE_TAG}:
            self.problems.error(self.span(node), "a key must be a plain word", "keys are names such as `title:`")
            return None
        # The written text, not the resolved value: `yes:` stays "yes", `null:` stays "null".
        return node.value

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        """Resolve a scalar with the safe constructor, rejecting NaN, infinities and numbers not in decimal."""
        if node.tag in (_INT_TAG, _FLOAT_TAG):
            odd = odd_number(node.value, node.tag == _INT_TAG)
            if odd is not None:
                self.problems.error(self.span(node), f"{dotted(path)}: {odd[0]}", odd[1])
                return UNREADABLE
        constructor = yaml.SafeLoader.yaml_constructors[node.tag]
        try:
            value = constructor(_SCALAR_LOADER, node)
        except Exception as exc:  # an explicit tag (`!!bool maybe`) reaches a constructor that assumes a match
            kind = node.tag.rsplit(":", 1)[-1]
            what = _KIND_WORDS.get(kind, f"a valid {kind}")
            no_such_day = kind == "timestamp" and isinstance(exc, ValueError)
            detail = f" ({exc})" if no_such_day else ""
            hint = ("there is no such day; write a real date as YYYY-MM-DD" if no_such_day
                    else "write a date as YYYY-MM-DD" if kind == "timestamp" else "remove the !! tag")
            self.problems.error(self.span(node), f"{dotted(path)}: {_shown(node.value)} is not {what}{detail}", hint)
            return UNREADABLE
        if isinstance(value, float) and not math.isfinite(value):
            self.problems.error(self.span(node), f"{dotted(path)}: {node.value!r} is not a finite number",
                                "write a plain number such as 131 or 1.7")
            return UNREADABLE
        if isinstance(value, str) and _UNPRINTABLE.search(value):
            char = _UNPRINTABLE.search(value).group()
            self.problems.error(self.span(node), f"{dotted(path)}: the text contains the control character "
                                f"U+{ord(char):04X}", "remove it: it prints as nothing, and the deck (XML) cannot hold it")
            return UNREADABLE
        if isinstance(value, datetime.datetime):
            return value.date()
        return value


# A loader instance is only needed as the `self` argument of SafeLoader's
# scalar constructors, which read no state from it.
_SCALAR_LOADER = yaml.SafeLoader("")


def _shown(text: str, limit: int = 40) -> str:
    """Written text for a message, quoted, cut short if long."""
    return repr(text if len(text) <= limit else text[:limit - 3] + "...")
