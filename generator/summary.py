"""The machine-readable summary of a build (`--json`): outputs, pages, slides, diagnostics with spans, timings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, Severity, display_path
from generator.pipeline import Result


def report_summary(path: Path, part: Result, seconds: float) -> dict[str, Any]:
    """One data file's entry: what was written, how many pages and slides, what was said, how long it took."""
    return {
        "data": display_path(path),
        "ok": not part.failed,
        "outputs": [display_path(p) for p in part.written],
        "pages": part.counts.get("pdf", 0),
        "slides": part.counts.get("deck", 0),
        "errors": sum(1 for d in part.diagnostics if d.severity is Severity.ERROR),
        "warnings": sum(1 for d in part.diagnostics if d.severity is Severity.WARNING),
        "diagnostics": [diagnostic_json(d) for d in part.diagnostics],
        "seconds": round(seconds, 3),
    }


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    """A diagnostic as plain data: severity, file, line, column, message and hint."""
    return {"severity": d.severity.value, "path": d.span.path, "line": d.span.line, "column": d.span.column,
            "message": d.message, "hint": d.hint}


def summary_json(reports: list[dict[str, Any]]) -> str:
    """The whole batch's summary as indented JSON text."""
    failed = sum(1 for r in reports if not r["ok"])
    return json.dumps({"built": len(reports) - failed, "failed": failed, "reports": reports},
                      indent=2, ensure_ascii=False) + "\n"
