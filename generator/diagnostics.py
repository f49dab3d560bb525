"""Diagnostics: problems found in a person's files, reported with the place they wrote it."""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass, field
from typing import Iterable, Sequence


class Severity(enum.Enum):
    """How bad a diagnostic is: errors stop the build, warnings do not (unless --strict)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Span:
    """A place in a source file: path, 1-based line and 1-based column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: severity, where it is, what is wrong and how to fix it."""

    severity: Severity
    span: Span
    message: str
    hint: str | None = None

    def format(self) -> str:
        """Render as `path:line:col: error: message`, with an indented hint line."""
        text = f"{self.span}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


def error(span: Span, message: str, hint: str | None = None) -> Diagnostic:
    """Build an error diagnostic."""
    return Diagnostic(Severity.ERROR, span, message, hint)


def warning(span: Span, message: str, hint: str | None = None) -> Diagnostic:
    """Build a warning diagnostic."""
    return Diagnostic(Severity.WARNING, span, message, hint)


class DiagnosticError(Exception):
    """Raised by a stage that found errors; carries every diagnostic it gathered."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)


class SpanlessError(Exception):
    """Raised by low-level helpers that do not know where the text came from.

    The caller, which knows the span, turns it into a Diagnostic.
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass
class Collector:
    """Gathers diagnostics from one stage so that every problem is reported at once."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        """Record one diagnostic."""
        self.items.append(diagnostic)

    def error(self, span: Span, message: str, hint: str | None = None) -> None:
        """Record an error."""
        self.items.append(error(span, message, hint))

    def warning(self, span: Span, message: str, hint: str | None = None) -> None:
        """Record a warning."""
        self.items.append(warning(span, message, hint))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Record several diagnostics."""
        self.items.extend(diagnostics)

    @property
    def has_errors(self) -> bool:
        """True when at least one error (not only warnings) was recorded."""
        return any(d.severity is Severity.ERROR for d in self.items)

    def raise_if_errors(self) -> None:
        """Stop the stage with every diagnostic gathered so far, if any is an error."""
        if self.has_errors:
            raise DiagnosticError(sorted_diagnostics(self.items))


def sorted_diagnostics(items: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Order diagnostics by file and position, keeping distinct ones only."""
    unique = list(dict.fromkeys(items))
    return sorted(unique, key=lambda d: (d.span.path, d.span.line, d.span.column))


def display_path(path: str | os.PathLike[str]) -> str:
    """Show a path relative to the working directory when it lies below it."""
    text = os.fspath(path)
    try:
        rel = os.path.relpath(text)
    except ValueError:
        return text
    return text if rel.startswith("..") else rel
