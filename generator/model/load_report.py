"""Read a data file (and the previous year's, if named) into a Report, or diagnostics."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Collector, DiagnosticError
from generator.load import load_yaml
from generator.model.datafile import DataFile
from generator.model.report import Report
from generator.model.resolve import resolve
from generator.model.validate import validate_model


def read_datafile(path: Path, problems: Collector) -> tuple[DataFile | None, object]:
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
    data, spans = read_datafile(path, problems)
    if data is None:
        return None
    previous = None
    if data.previous:
        prev_path = (path.parent / data.previous)
        if not prev_path.is_file():
            problems.error(spans.at(("previous",)), f"previous year's file {data.previous!r} does not exist",
                           "the path is relative to this data file")
        else:
            previous, _ = read_datafile(prev_path, problems)
    report = resolve(data, spans, problems, previous)
    return None if problems.has_errors else report
