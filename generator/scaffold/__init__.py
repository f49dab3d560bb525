"""`make-report new`: write a starter data file, or next year's file from last year's.

Both are written as text (generator/scaffold/yamltext.py) so that they can
carry comments, and both leave blank what only the organisation can supply,
so that `make-report check` lists each blank at its line: no placeholder is
ever a number or a word that could be printed as if it were the report's.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.diagnostics import Collector, DiagnosticError, Span, display_path
from generator.scaffold.nextyear import next_year
from generator.scaffold.periods import PeriodShift
from generator.scaffold.starter import header, starter
from generator.scaffold.yamltext import document

SCHEMA = Path("docs/schema/data.schema.json")


def starter_text(target: Path, name: str, short_name: str, period: str) -> str:
    """The text of a starter data file to be written at `target`."""
    return document(starter(name, short_name, period), header(name, period), schema_line(target))


def next_year_text(target: Path, source: Path, period: str, problems: Collector) -> str | None:
    """The text of next year's file from `source`, or None when `source` has errors (they go to `problems`)."""
    from generator.load import load_yaml
    from generator.model.load_report import load_report

    if load_report(source, problems) is None or problems.has_errors:
        return None
    try:
        data, _ = load_yaml(source)
    except DiagnosticError as exc:  # it loaded a moment ago; only a file changed meanwhile gets here
        problems.extend(exc.diagnostics)
        return None
    last = data["report"]["period"]["label"]
    block = next_year(data, period, relative(source, target.parent))
    org = data["report"]["organisation"]["short_name"]
    lines = ("", f"{org}, {period}: next year's data file, written by `make-report new` from "
             f"{relative(source, target.parent)}. What was particular to {last} is left blank (`make-report check` "
             "lists each blank at its line) or commented out with last year's wording; the rest is carried over: "
             "read it through.")
    return document(block, lines, schema_line(target))


def period_problem(source: Path, period: str) -> str | None:
    """Why `period` cannot follow the period of last year's file `source`, or None.

    A file that cannot be read gives None here: reading it again reports why, at its line.
    """
    from generator.load import load_yaml

    try:
        data, _ = load_yaml(source)
        last = data["report"]["period"]["label"]
    except (DiagnosticError, KeyError, TypeError):
        return None
    if not isinstance(last, str):
        return None
    shift = PeriodShift.between(last, period)
    if last == period or (shift.years is not None and shift.years <= 0):
        return f"--period {period} is not after {last}, the period of {display_path(source)}"
    return None


def target_problem(target: Path, force: bool) -> tuple[str, str] | None:
    """Why `target` may not be written, with a hint, or None."""
    if target.is_dir():
        return f"{display_path(target)} is a folder", "name the data file to write, e.g. data/ORG-2025-26.yaml"
    if target.exists() and not force:
        return f"{display_path(target)} already exists", "name another file, or add --force to replace it"
    return None


def write_new(target: Path, text: str, problems: Collector) -> bool:
    """Write the file atomically (a temporary file renamed into place); a failure is a diagnostic."""
    from generator.render.atomic import write_atomic

    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        problems.error(Span(display_path(target)), f"cannot write {display_path(target)}: {exc.strerror or exc}",
                       "check that its folder can be created and written")
        return False
    return True


def schema_line(target: Path) -> str:
    """The first line's comment naming the project's JSON Schema, relative to `target`'s folder, for editors."""
    from generator.pipeline import shipped

    return f"yaml-language-server: $schema={relative(shipped(SCHEMA), target.parent)}"


def relative(path: Path, folder: Path) -> str:
    """`path` relative to `folder`, with forward slashes; absolute when the two share only the root (or a drive)."""
    path, folder = Path(path).resolve(), Path(folder).resolve()
    try:
        shared = os.path.commonpath([path, folder])
    except ValueError:
        return path.as_posix()
    if Path(shared) == Path(shared).parent:  # only the root in common: "../../../.." would say less than the path
        return path.as_posix()
    return Path(os.path.relpath(path, folder)).as_posix()
