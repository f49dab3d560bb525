"""Alt text for a chart, written from the data it shows."""

from __future__ import annotations

from collections.abc import Sequence

from generator.charts.kinds import KINDS, ChartKind
from generator.charts.spec import ChartSeries



def describe(kind: ChartKind, title: str, categories: Sequence[str], series: Sequence[ChartSeries]) -> str:
    """Describe a chart in one or two sentences using its formatted labels.

    Example: "Column chart of 2007/08 outcomes: 297 arrests, 131 children
    safeguarded, 25 offenders located."
    """
    head = KINDS[kind].noun
    if title.strip():
        head += f" of {title.strip().rstrip('.')}"
    if not series or not categories:
        return head + "."
    if len(series) == 1:
        return f"{head}: {_items(categories, series[0])}."
    parts = [f"{s.name}: {_items(categories, s)}" for s in series]
    return f"{head}. " + "; ".join(parts) + "."


def _items(categories: Sequence[str], series: ChartSeries) -> str:
    """Comma-separated "label category" items for one series."""
    return ", ".join(
        _item(category, label, derived)
        for category, label, derived in zip(categories, series.labels, series.derived)
    )


def _item(category: str, label: str, derived: bool) -> str:
    """One value: "297 arrests", or "2006/07: 99" when the category is a date or number."""
    value = f"{label} (derived)" if derived else label
    if category[:1].isdigit():
        # "99 2006/07" would read as one number; name the category first instead.
        return f"{category}: {value}"
    return f"{value} {category}"
