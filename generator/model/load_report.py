"""Read a data file (and the previous year's, if named) into a Report, or diagnostics."""

from __future__ import annotations

import os
from pathlib import Path

from generator.diagnostics import Collector
from generator.load import SpanMap, read_yaml
from generator.load.boundary import Boundary, Refused, regular_file
from generator.load.yamlfile import MAX_BYTES
from generator.model.datafile import DataFile
from generator.model.report import Report
from generator.model.resolve import resolve
from generator.model.validate import validate_model


def read_datafile(path: Path, problems: Collector) -> tuple[DataFile | None, SpanMap | None]:
    """Load and validate one data file; problems are collected, not raised."""
    loaded = read_yaml(path, problems)  # problems confined to one value do not stop validation
    if loaded is None:
        return None, None
    value, spans = loaded
    data, diagnostics = validate_model(DataFile, value, spans)
    problems.extend(diagnostics)
    return data, spans


def load_report(path: Path, problems: Collector, boundary: Boundary | None = None) -> Report | None:
    """Load, validate and resolve a data file; None (with diagnostics) when it has errors.

    `previous:` is read only inside `boundary` (by default, the project around this file).
    """
    return load_with_spans(path, problems, boundary)[0]


def load_with_spans(path: Path, problems: Collector,
                    boundary: Boundary | None = None) -> tuple[Report | None, SpanMap | None]:
    """The report and where each of its values was written (for `make-report explain`)."""
    data, spans = read_datafile(Path(path), problems)
    if data is None or spans is None:
        return None, spans
    boundary = boundary or Boundary.around(path)
    previous = _read_previous(Path(path), data.previous, spans, problems, boundary) if data.previous else None
    report = resolve(data, spans, problems, previous)
    return (None if problems.has_errors else report), spans


def _read_previous(path: Path, name: str, spans: SpanMap, problems: Collector, boundary: Boundary) -> DataFile | None:
    """Last year's data file, named by `previous:` relative to this one; None after reporting why not.

    Only its figures are used, so its own `previous:` is not followed.
    """
    where = spans.at(("previous",))
    prev_path = path.parent / name
    real, problem, hint = _admit_previous(prev_path, path, boundary)
    if real is None:
        problems.error(where, f"previous year's file {_short(name)!r} {problem}",
                       hint or "name last year's data file, relative to this one")
        return None
    own = Collector()
    previous, _ = read_datafile(real, own)  # the checked file, not the name again
    problems.extend(own.items)
    if own.has_errors:
        problems.error(where, f"previous year's file {_short(name)!r} has errors",
                       "they are listed with that file's name; fix them or remove `previous:`")
        return None
    return previous


def _admit_previous(candidate: Path, this: Path, boundary: Boundary) -> tuple[Path | None, str | None, str | None]:
    """The resolved path of last year's file, or None with why it cannot be read and a hint."""
    try:
        real = boundary.admit(candidate)
        regular_file(real, MAX_BYTES)
        if os.path.samefile(real, this):
            return None, "is this file itself", None
    except Refused as exc:
        return None, exc.message, exc.hint
    except (OSError, ValueError) as exc:  # samefile on a file that vanished meanwhile
        return None, f"cannot be opened ({getattr(exc, 'strerror', None) or exc})", None
    return real, None, None


def _short(name: str, limit: int = 60) -> str:
    """A file name for messages, cut short if it is absurdly long."""
    return name if len(name) <= limit else name[:limit - 3] + "..."
