"""Read a data file (and the previous year's, if named) into a Report, or diagnostics."""

from __future__ import annotations

import os
from pathlib import Path

from generator.diagnostics import Collector, DiagnosticError
from generator.load import SpanMap, load_yaml
from generator.model.datafile import DataFile
from generator.model.report import Report
from generator.model.resolve import resolve
from generator.model.validate import validate_model


def read_datafile(path: Path, problems: Collector) -> tuple[DataFile | None, SpanMap | None]:
    """Load and validate one data file; problems are collected, not raised."""
    try:
        value, spans = load_yaml(path)
    except DiagnosticError as exc:
        problems.extend(exc.diagnostics)
        return None, None
    data, diagnostics = validate_model(DataFile, value, spans)
    problems.extend(diagnostics)
    return data, spans


def load_report(path: Path, problems: Collector) -> Report | None:
    """Load, validate and resolve a data file; None (with diagnostics) when it has errors."""
    return load_with_spans(path, problems)[0]


def load_with_spans(path: Path, problems: Collector) -> tuple[Report | None, SpanMap | None]:
    """The report and where each of its values was written (for `make-report explain`)."""
    data, spans = read_datafile(Path(path), problems)
    if data is None or spans is None:
        return None, spans
    previous = _read_previous(Path(path), data.previous, spans, problems) if data.previous else None
    report = resolve(data, spans, problems, previous)
    return (None if problems.has_errors else report), spans


def _read_previous(path: Path, name: str, spans: SpanMap, problems: Collector) -> DataFile | None:
    """Last year's data file, named by `previous:` relative to this one; None after reporting why not.

    Only its figures are used, so its own `previous:` is not followed.
    """
    where = spans.at(("previous",))
    prev_path = path.parent / name
    problem = _path_problem(prev_path, path)
    if problem is not None:
        problems.error(where, f"previous year's file {_short(name)!r} {problem}",
                       "name last year's data file, relative to this one")
        return None
    own = Collector()
    previous, _ = read_datafile(prev_path, own)
    problems.extend(own.items)
    if own.has_errors:
        problems.error(where, f"previous year's file {_short(name)!r} has errors",
                       "they are listed with that file's name; fix them or remove `previous:`")
        return None
    return previous


def _path_problem(candidate: Path, this: Path) -> str | None:
    """Why `candidate` cannot be last year's file, or None when it is a readable file."""
    try:
        if not candidate.exists():
            return "does not exist"
        if candidate.is_dir():
            return "is a folder, not a file"
        if not candidate.is_file():
            return "is not a regular file"
        if os.path.samefile(candidate, this):
            return "is this file itself"
    except (OSError, ValueError) as exc:  # a name too long, a NUL in it, a loop of links...
        return f"cannot be opened ({getattr(exc, 'strerror', None) or exc})"
    return None


def _short(name: str, limit: int = 60) -> str:
    """A file name for messages, cut short if it is absurdly long."""
    return name if len(name) <= limit else name[:limit - 3] + "..."
