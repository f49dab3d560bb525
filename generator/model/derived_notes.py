"""Every note that explains a derived value, once each, in report order."""

from __future__ import annotations

from generator.model.report import Report


def derived_notes(report: Report) -> list[str]:
    """Every note of a derived value in the report, once each."""
    notes: list[str] = []
    for series in report.series.values():
        notes.extend(series.derived_notes)
    for fig in report.figures.values():
        change = fig.change
        if change and change.derived and change.note:
            notes.append(change.note)
        if change and change.previous and change.previous.derived and change.previous.note:
            notes.append(change.previous.note)
        notes.extend(c.note for c in fig.comparisons if c.derived)  # benchmark and target differences
    return list(dict.fromkeys(notes))
