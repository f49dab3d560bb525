"""How a series is charted when its data file does not say: chosen from the series' shape."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.charts.kinds import ROUND_KINDS, WAFFLE_MOST, WHOLE_KINDS
from generator.model.datafile import ChartChoice, Figure, FigureRef, Series

# "2007/08", "2024", "2023-24", "FY2024", "Q3 2024": categories that read as periods in time.
_PERIOD = re.compile(r"^(FY ?)?(Q[1-4] )?(19|20)\d\d([/-]\d{2,4})?( Q[1-4])?$", re.I)
LONG_LABEL = 16  # characters: longer category labels read better along a bar than under a column
MANY_PERIODS = 6  # more periods than this read better as a line
MOST_PARTS = 5  # a whole split into more parts than this reads better as bars


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


def plan_chart(series: Series, period: str, values: tuple[float, ...] = (),
               figures: dict[str, Figure] | None = None) -> ChartPlan:
    """The data file's choices, with a default for each one it leaves out.

    `values` are the series' resolved numbers (row by row), which decide whether a whole
    is small enough to count out square by square; `figures` name the part in focus.
    """
    choice = series.chart or ChartChoice()
    kind = choice.kind or default_kind(series, values)
    highlight = choice.highlight if choice.highlight is not None \
        else _default_highlight(series, kind, period, figures or {})
    several = len(series.series) > 1 and kind not in WHOLE_KINDS
    legend = choice.legend or ("bottom" if several or kind in ROUND_KINDS else "none")
    return ChartPlan(kind, highlight, choice.sort or "none", legend,
                     choice.data_labels if choice.data_labels is not None else True, choice.x_title, choice.y_title)


def default_kind(series: Series, values: tuple[float, ...] = ()) -> str:
    """A kind that suits the series: time runs left to right, parts make a whole, long labels lie along bars."""
    rows, categories = series.series, series.categories
    if len(categories) == 1 and len(rows) > 1:
        return _whole_kind(series, values)  # parts of one total, written as rows
    if all(_PERIOD.match(c.strip()) for c in categories):
        return "line" if len(categories) > MANY_PERIODS else "column"
    if len(rows) == 1 and _is_parts(series) and len(categories) <= MOST_PARTS:
        return _whole_kind(series, values)
    if max(len(c) for c in categories) > LONG_LABEL or len(categories) > MANY_PERIODS:
        return "bar"
    return "column"


def _whole_kind(series: Series, values: tuple[float, ...]) -> str:
    """Parts of a whole as a proportion: a square per unit when the whole is a small count, else one thin bar."""
    if any(v < 0 for v in values):
        return "stacked_bar"  # not parts of a whole after all: a negative part has no share
    countable = series.unit in ("count", "people") and values and all(v == int(v) for v in values)
    return "waffle" if countable and 0 < sum(values) <= WAFFLE_MOST else "proportion"


def _is_parts(series: Series) -> bool:
    """Whether the series splits one figure into parts (it uses a figure's remainder)."""
    return any(isinstance(v, FigureRef) and v.at == "remainder" for row in series.series for v in row.values)


def _default_highlight(series: Series, kind: str, period: str, figures: dict[str, Figure]) -> str | None:
    """The focus: over time, the report's own period (a category, or a row); of a whole, its one published part."""
    if kind in WHOLE_KINDS:
        return _published_part(series, figures)
    if kind in ("column", "bar", "line") and len(series.series) == 1 and period in series.categories \
            and len(series.categories) > 1:
        return period
    if len(series.series) > 1 and period in [row.name for row in series.series]:
        return period
    return None


def _published_part(series: Series, figures: dict[str, Figure]) -> str | None:
    """The category of the one published part beside the rest of its whole (18 identified, of 131), if so."""
    if len(series.series) != 1:
        return None
    refs = [(c, v) for c, v in zip(series.categories, series.series[0].values) if isinstance(v, FigureRef)]
    wholes = [v.figure for _, v in refs if v.at == "remainder"]
    parts = [c for c, v in refs if v.at == "value" and v.figure in figures and figures[v.figure].part_of in wholes]
    return parts[0] if len(wholes) == 1 and len(parts) == 1 else None


def unlike_measures(series: Series, figures: dict[str, Figure]) -> tuple[str, ...]:
    """The different measures a series' figures count, when there is more than one and the data does not say otherwise.

    A figure's measure is its label, or the label of the whole it is `part_of` (18 children
    identified from images are children safeguarded), so a figure over time and a whole split
    into parts are one measure. Figures with different labels are different measures
    (arrests, children safeguarded, rings disrupted) unless the series states its `measure:`.
    A monthly average is a measure of its own: reports a month do not share an axis with reports.
    Numbers written out have no label: the series' title is what they count.
    """
    if series.measure is not None:
        return ()
    found: dict[str, str] = {}
    for row in series.series:
        for value in row.values:
            if isinstance(value, FigureRef) and value.figure in figures:
                label = _root(value.figure, figures).label
                monthly = value.at in ("monthly_average", "previous_monthly_average")
                found.setdefault(" ".join(label.casefold().split()) + (" a month" if monthly else ""),
                                 label + (" a month" if monthly else ""))
    return tuple(found.values()) if len(found) > 1 else ()


def _root(key: str, figures: dict[str, Figure]) -> Figure:
    """The whole a figure is part of (following `part_of:` up), or the figure itself."""
    seen = {key}
    figure = figures[key]
    while figure.part_of is not None and figure.part_of in figures and figure.part_of not in seen:
        seen.add(figure.part_of)
        figure = figures[figure.part_of]
    return figure
