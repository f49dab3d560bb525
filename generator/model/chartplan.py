"""How a series is charted when its data file does not say: chosen from the series' shape."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model.datafile import ChartChoice, Figure, FigureRef, Series

# "2007/08", "2024", "2023-24", "FY2024", "Q3 2024": categories that read as periods in time.
_PERIOD = re.compile(r"^(FY ?)?(Q[1-4] )?(19|20)\d\d([/-]\d{2,4})?( Q[1-4])?$", re.I)
LONG_LABEL = 16  # characters: longer category labels read better along a bar than under a column
MANY_PERIODS = 6  # more periods than this read better as a line


@dataclass(frozen=True)
class ChartPlan:
    """The chart options a series asks for (or that its shape suggests)."""

    kind: str
    highlight: str | None = None
    sort: str = "none"
    legend: str = "none"
    data_labels: bool = True
    x_title: str | None = None
    y_title: str | None = None


def plan_chart(series: Series, period: str) -> ChartPlan:
    """The data file's choices, with a default for each one it leaves out."""
    choice = series.chart or ChartChoice()
    kind = choice.kind or default_kind(series)
    highlight = choice.highlight if choice.highlight is not None else _default_highlight(series, kind, period)
    legend = choice.legend or ("bottom" if len(series.series) > 1 or kind in ("donut", "pie") else "none")
    return ChartPlan(kind, highlight, choice.sort or "none", legend,
                     choice.data_labels if choice.data_labels is not None else True, choice.x_title, choice.y_title)


def default_kind(series: Series) -> str:
    """A kind that suits the series: time runs left to right, parts make a whole, long labels lie along bars."""
    rows, categories = series.series, series.categories
    if len(categories) == 1 and len(rows) > 1:
        return "stacked_bar"  # parts of one total, side by side in one bar
    if all(_PERIOD.match(c.strip()) for c in categories):
        return "line" if len(categories) > MANY_PERIODS else "column"
    if len(rows) == 1 and _is_parts(series) and len(categories) <= 5:
        return "donut"
    if max(len(c) for c in categories) > LONG_LABEL or len(categories) > MANY_PERIODS:
        return "bar"
    return "column"


def _is_parts(series: Series) -> bool:
    """Whether the series splits one figure into parts (it uses a figure's remainder)."""
    return any(isinstance(v, FigureRef) and v.at == "remainder" for row in series.series for v in row.values)


def _default_highlight(series: Series, kind: str, period: str) -> str | None:
    """Over time, the report's own period stands out, as a category or as a row; elsewhere nothing does unless asked."""
    if kind in ("column", "bar", "line") and len(series.series) == 1 and period in series.categories \
            and len(series.categories) > 1:
        return period
    if len(series.series) > 1 and period in [row.name for row in series.series]:
        return period
    return None


def unlike_measures(series: Series, figures: dict[str, Figure]) -> tuple[str, ...]:
    """The different measures a series' figures count, when there is more than one and the data does not say otherwise.

    A figure's measure is its label, or the label of the whole it is `part_of` (18 children
    identified from images are children safeguarded), so a figure over time and a whole split
    into parts are one measure. Figures with different labels are different measures
    (arrests, children safeguarded, rings disrupted) unless the series states its `measure:`.
    Numbers written out have no label: the series' title is what they count.
    """
    if series.measure is not None:
        return ()
    found: dict[str, str] = {}
    for row in series.series:
        for value in row.values:
            if isinstance(value, FigureRef) and value.figure in figures:
                label = _root(value.figure, figures).label
                found.setdefault(" ".join(label.casefold().split()), label)
    return tuple(found.values()) if len(found) > 1 else ()


def _root(key: str, figures: dict[str, Figure]) -> Figure:
    """The whole a figure is part of (following `part_of:` up), or the figure itself."""
    seen = {key}
    figure = figures[key]
    while figure.part_of is not None and figure.part_of in figures and figure.part_of not in seen:
        seen.add(figure.part_of)
        figure = figures[figure.part_of]
    return figure
