"""A map from a value's path inside a document to the place it was written."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.diagnostics import Span

Path = tuple[str | int, ...]


@dataclass
class SpanMap:
    """Spans of every value (and every mapping key) in one loaded YAML document."""

    file: str
    values: dict[Path, Span] = field(default_factory=dict)
    keys: dict[Path, Span] = field(default_factory=dict)
    literal: set[Path] = field(default_factory=set)  # literal block scalars (`|`): their text starts a line below

    def at(self, path: Path) -> Span:
        """The span of the value at `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            span = self.values.get(tuple(path[:end]))
            if span is not None:
                return span
        return Span(self.file, 1, 1)

    def line_of(self, path: Path, line: int) -> Span:
        """The span of line `line` (from 0) of the text at `path`: exact for a literal block, else the value's start."""
        where = self.at(path)
        return Span(where.path, where.line + 1 + line, 1) if tuple(path) in self.literal else where

    def key(self, path: Path) -> Span:
        """The span of the key that names `path`, falling back to its value's span."""
        return self.keys.get(tuple(path)) or self.at(path)

    def child(self, prefix: Path) -> "SpanMap":
        """A view of the sub-document at `prefix`, with paths relative to it."""
        n = len(prefix)
        sub = SpanMap(self.file)
        sub.values = {p[n:]: s for p, s in self.values.items() if p[:n] == prefix}
        sub.keys = {p[n:]: s for p, s in self.keys.items() if p[:n] == prefix}
        sub.literal = {p[n:] for p in self.literal if p[:n] == prefix}
        if () not in sub.values:
            sub.values[()] = self.at(prefix)
        return sub


def dotted(path: Path) -> str:
    """A path written the way a person navigates the file: figures.arrests.value, sections[0].title."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out or "the file"
