"""Design rules shared by the PDF and deck renderers, so both draw the same chart.

Nothing here imports matplotlib or python-pptx: the deck, the PDF replay and
the recorder all read these constants and colour rules, which is what keeps
category order, colours and derived-value styling identical in both outputs.
"""

from __future__ import annotations

from generator.charts.kinds import (  # noqa: F401 - re-exported
    AXIS_KINDS,
    COMPACT_KINDS,
    HORIZONTAL_KINDS,
    ROUND_KINDS,
    STACKED_KINDS,
    WHOLE_KINDS,
)
from generator.charts.spec import ChartSeries, ChartSpec

# Gap between category groups as a fraction of one bar's width; PowerPoint's
# gap_width is this times 100, so the PDF and deck bars have the same width.
GAP_WIDTH = 0.6
# Donut hole radius over outer radius; PowerPoint's holeSize is this times 100.
DONUT_HOLE = 0.58
# Derived values: a light tint of the base colour (this share of it over
# white) inside a thin outline in the full base colour, and a starred label
# ("c. 99*"); never hatching, which would make an estimate the loudest mark.
DERIVED_TINT = 0.3
DERIVED_OUTLINE_WIDTH = 0.8
DERIVED_DASH = (2.5, 1.5)  # line segments touching a derived point
# Multi-series charts with a highlight keep full colour for the highlighted
# category only; the other categories get this share of the series colour.
MULTI_SERIES_MUTE = 0.35
# Several rows besides the one in focus: the neutral darkens towards the text colour by up to this share.
OTHER_ROWS_DARKEN = 0.4
DEFAULT_MUTED = "#B8C2CC"
LINE_WIDTH = 2.0
REFERENCE_WIDTH = 1.0  # a benchmark or target line: thin, long dashes (derived values use short ones)
REFERENCE_DASH = (5.0, 2.5)
MARKER_SIZE = 6.0
GRID_WIDTH = 0.6
AXIS_WIDTH = 0.8
SLICE_EDGE = "#FFFFFF"
SLICE_EDGE_WIDTH = 1.5
TITLE_SCALE = 1.25
ROUND_VALUE_SCALE = 1.15  # pie/donut value labels are a touch larger than their category line
NOTE_SCALE = 0.85
WHITE = "#FFFFFF"
# Bar-chart category labels get at most this share of the width (read by the layout stage too,
# which is why it lives here and not beside the matplotlib code).
BAR_LABEL_SHARE = 0.3



def mix(colour: str, other: str, share: float) -> str:
    """Return `share` of `colour` blended over `other` as "#RRGGBB"."""
    a, b = _rgb(colour), _rgb(other)
    parts = (round(x * share + y * (1.0 - share)) for x, y in zip(a, b))
    return "#" + "".join(f"{p:02X}" for p in parts)


def luminance(colour: str) -> float:
    """Relative luminance (WCAG) of a "#RRGGBB" colour, 0 black .. 1 white."""

    def channel(c: int) -> float:
        s = c / 255.0
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_on(fill: str, text_colour: str) -> str:
    """Pick white or the theme text colour, whichever reads better on `fill`."""
    white_contrast = 1.05 / (luminance(fill) + 0.05)
    dark_contrast = (luminance(fill) + 0.05) / (luminance(text_colour) + 0.05)
    return WHITE if white_contrast >= dark_contrast else text_colour


def focus_row(spec: ChartSpec) -> int | None:
    """The row in focus when the highlight names one of several rows (this year's among other years), else None."""
    if spec.highlight is None or len(spec.series) < 2 or spec.kind in WHOLE_KINDS:
        return None
    names = [s.name for s in spec.series]
    return names.index(spec.highlight) if spec.highlight in names else None


def is_highlighting(spec: ChartSpec) -> bool:
    """True when the spec names a highlighted category that exists (and no row in focus)."""
    return spec.highlight is not None and spec.highlight in spec.categories and focus_row(spec) is None


def by_category(spec: ChartSpec) -> bool:
    """True when colours follow the category, not the series."""
    single = len(spec.series) == 1
    return spec.kind in WHOLE_KINDS or (single and (spec.colour_by_category or is_highlighting(spec)))


def point_colour(spec: ChartSpec, series_index: int, category_index: int) -> str:
    """The full (published-value) colour of one data point."""
    palette = spec.palette or ("#000000",)
    if is_highlighting(spec):
        return _highlight_colour(spec, series_index, category_index)
    if by_category(spec):
        return palette[category_index % len(palette)]
    return series_colour(spec, series_index)


def series_colour(spec: ChartSpec, series_index: int) -> str:
    """The colour that stands for a whole series (legend, lines): its role's, else the palette's in order."""
    row = focus_row(spec)
    if row is not None:
        return _row_colour(spec, series_index, row)
    palette = spec.palette or ("#000000",)
    return palette[series_index % len(palette)]


def _row_colour(spec: ChartSpec, series_index: int, row: int) -> str:
    """The row in focus in the highlight colour; the other rows in the neutral, darkening along the rows."""
    if series_index == row:
        return spec.highlight_colour or (spec.palette or ("#000000",))[0]
    others = [i for i in range(len(spec.series)) if i != row]
    neutral = spec.muted_colour or DEFAULT_MUTED
    if len(others) == 1:
        return neutral
    step = others.index(series_index) / (len(others) - 1)
    return mix(neutral, spec.text_colour, 1.0 - OTHER_ROWS_DARKEN * step)


def derived_fill(colour: str) -> str:
    """The lighter fill used for a derived value drawn in `colour`."""
    return mix(colour, WHITE, DERIVED_TINT)


def axis_colour(spec: ChartSpec) -> str:
    """Baseline colour: a step darker than the gridlines so zero reads as zero."""
    return mix(spec.text_colour, spec.grid_colour, 0.45)


def note_colour(spec: ChartSpec) -> str:
    """Caption colour: the text colour, softened so the note stays secondary."""
    return mix(spec.text_colour, WHITE, 0.8)


def legend_entries(spec: ChartSpec) -> list[tuple[str, str, bool]]:
    """(label, colour, derived) in reading order, per category or per series.

    A key is drawn as its marks are: derived when the category's value is, or when
    every value of the series is (a series mixing both keeps its published style).
    """
    if by_category(spec):
        first = chart_series(spec)[0]
        return [(c, point_colour(spec, 0, i), first.derived[i]) for i, c in enumerate(spec.categories)]
    return [(s.name, series_colour(spec, i), all_derived(s)) for i, s in enumerate(spec.series)]


def all_derived(series: ChartSeries) -> bool:
    """True when every value of the series is derived, so the series as a whole is drawn as derived."""
    return bool(series.derived) and all(series.derived)


def chart_series(spec: ChartSpec) -> tuple:
    """The series actually drawn: a whole split into parts shows one row, the first series."""
    return spec.series[:1] if spec.kind in WHOLE_KINDS else spec.series


def _highlight_colour(spec: ChartSpec, series_index: int, category_index: int) -> str:
    """Highlighted category in the highlight colour, the rest muted."""
    is_hit = spec.categories[category_index] == spec.highlight
    if len(spec.series) > 1 and spec.kind not in WHOLE_KINDS:
        # Several series: muting everything to one grey would hide the series,
        # so keep each series' hue and fade the non-highlighted categories.
        base = series_colour(spec, series_index)
        return base if is_hit else mix(base, WHITE, MULTI_SERIES_MUTE)
    palette = spec.palette or ("#000000",)
    if is_hit:
        return spec.highlight_colour or palette[0]
    return spec.muted_colour or DEFAULT_MUTED


def _rgb(colour: str) -> tuple[int, int, int]:
    """Parse "#RRGGBB" (or "RRGGBB") into integer channels."""
    h = colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def line_label_below(spec: ChartSpec, series_index: int, category_index: int) -> bool:
    """Put a line chart's label under its point when the line would run through it above.

    One line: labels go under points that sit below their neighbours' average
    (valleys, the foot of a rise), where the line leaves upwards. Several lines:
    the lowest line's labels go underneath so labels of close lines don't collide.
    """
    if len(spec.series) < 2:
        values = spec.series[series_index].values
        near = [values[i] for i in (category_index - 1, category_index + 1) if 0 <= i < len(values)]
        return bool(near) and values[category_index] < sum(near) / len(near)
    column = [s.values[category_index] for s in spec.series]
    value = column[series_index]
    return value == min(column) and value != max(column) and column.index(value) == series_index


def line_colour(spec: ChartSpec, series_index: int) -> str:
    """A line's colour; a single highlighted line is muted so its highlighted marker stands out."""
    if is_highlighting(spec) and len(spec.series) == 1:
        return spec.muted_colour or DEFAULT_MUTED
    return series_colour(spec, series_index)
