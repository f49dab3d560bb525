"""Per-series and per-point colours and data labels for the native deck chart."""

from __future__ import annotations

from pptx.chart.datalabel import DataLabel, DataLabels
from pptx.chart.plot import _BasePlot
from pptx.chart.series import _BaseSeries
from pptx.dml.chtfmt import ChartFormat
from pptx.enum.chart import XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.util import Pt

from generator.charts import style
from generator.charts.deck_common import rgb, set_font
from generator.charts.numfmt import format_number
from generator.charts.scale import value_scale
from generator.charts.spec import ChartSeries, ChartSpec

# Where the plot-level labels go; doughnut labels cannot be moved in PowerPoint.
_POSITIONS = {
    "column": XL_LABEL_POSITION.OUTSIDE_END,
    "bar": XL_LABEL_POSITION.OUTSIDE_END,
    "stacked_column": XL_LABEL_POSITION.CENTER,
    "stacked_bar": XL_LABEL_POSITION.CENTER,
    "line": XL_LABEL_POSITION.ABOVE,
    "pie": XL_LABEL_POSITION.OUTSIDE_END,
}
PLOT_SHARE = 0.75  # rough share of the chart box the plot area gets in PowerPoint
AVERAGE_GLYPH = 0.55  # rough advance of a digit or letter, in ems


def colour_points(plot: _BasePlot, spec: ChartSpec) -> None:
    """Series colours, and per-point colours where a point differs from its series."""
    for si, (series, data) in enumerate(zip(plot.series, style.chart_series(spec))):
        if spec.kind == "line":
            _line_series(series, spec, si, data)
        else:
            _filled_series(series, spec, si, data)


def label_points(plot: _BasePlot, spec: ChartSpec, box: tuple[float, float]) -> None:
    """Data labels showing exactly the series' label strings.

    `box` is the chart's (width, height) in points, used to leave out labels
    that cannot fit inside a small stack segment (the PDF drops those too).
    """
    plot.has_data_labels = spec.data_labels
    if not spec.data_labels:
        return
    _label_defaults(plot.data_labels, spec)
    for si, (series, data) in enumerate(zip(plot.series, style.chart_series(spec))):
        # Series-level c:dLbls (created as soon as any point label is touched)
        # would otherwise default to showVal=0 and hide the plot-level labels.
        _label_defaults(series.data_labels, spec)
        for ci in range(len(data.values)):
            _point_label(series.points[ci].data_label, spec, si, ci, data, box)


def _label_defaults(labels: DataLabels, spec: ChartSpec) -> None:
    """Value labels in the number format, bold, at the kind's position."""
    labels.number_format = spec.number_format
    labels.number_format_is_linked = False
    labels.show_value = True
    set_font(labels.font, spec, scale=_label_scale(spec), bold=True)
    if spec.kind in _POSITIONS:
        labels.position = _POSITIONS[spec.kind]


def _label_scale(spec: ChartSpec) -> float:
    """Round-chart values are a touch larger, as in the PDF."""
    return style.ROUND_VALUE_SCALE if spec.kind in style.ROUND_KINDS else 1.0


def _filled_series(series: _BaseSeries, spec: ChartSpec, si: int, data: ChartSeries) -> None:
    """Bars and slices: one series fill, overridden per point where needed."""
    if hasattr(series, "invert_if_negative"):
        series.invert_if_negative = False  # keep negative bars in their own colour
    # The series fill is what the legend key shows: the series colour, derived when all its values are.
    series_colour = style.series_colour(spec, si)
    whole = style.all_derived(data) and not style.by_category(spec)
    if whole:
        _derived(series.format, series_colour)
    else:
        _solid(series.format, series_colour, spec)
    for ci, derived in enumerate(data.derived):
        colour = style.point_colour(spec, si, ci)
        if derived and not (whole and colour == series_colour):
            _derived(series.points[ci].format, colour)
        elif not derived and (colour != series_colour or style.by_category(spec)):
            _solid(series.points[ci].format, colour, spec)


def _solid(fmt: ChartFormat, colour: str, spec: ChartSpec) -> None:
    """Solid fill; white seams for slices and stack segments, no outline otherwise."""
    fmt.fill.solid()
    fmt.fill.fore_color.rgb = rgb(colour)
    if spec.kind in style.ROUND_KINDS:
        _line(fmt, style.SLICE_EDGE, style.SLICE_EDGE_WIDTH)
    elif spec.kind in style.STACKED_KINDS:
        _line(fmt, style.WHITE, 0.75)
    else:
        fmt.line.fill.background()


def _derived(fmt: ChartFormat, colour: str) -> None:
    """The light tint inside a thin outline of the full colour, as the PDF draws a derived value."""
    fmt.fill.solid()
    fmt.fill.fore_color.rgb = rgb(style.derived_fill(colour))
    _line(fmt, colour, style.DERIVED_OUTLINE_WIDTH)


def _line(fmt: ChartFormat, colour: str, width: float, dashed: bool = False) -> None:
    """Outline (or, on a line series, the line) colour, width and dash."""
    fmt.line.color.rgb = rgb(colour)
    fmt.line.width = Pt(width)
    if dashed:
        fmt.line.dash_style = MSO_LINE_DASH_STYLE.DASH


def _line_series(series: _BaseSeries, spec: ChartSpec, si: int, data: ChartSeries) -> None:
    """Line and markers; derived points hollow, segments touching them dashed."""
    colour = style.line_colour(spec, si)
    whole = style.all_derived(data)  # the legend key shows the series' own line and marker
    series.smooth = False
    _line(series.format, colour, style.LINE_WIDTH, dashed=whole)
    series.marker.style = XL_MARKER_STYLE.CIRCLE
    series.marker.size = round(style.MARKER_SIZE + 1)
    if whole:
        _marker(series.marker.format, style.WHITE, colour, 1.4)
    else:
        _marker(series.marker.format, colour, style.WHITE, 0.75)
    for ci, derived in enumerate(data.derived):
        point = series.points[ci]
        point_colour = style.point_colour(spec, si, ci)
        if derived:
            _marker(point.marker.format, style.WHITE, point_colour, 1.4)
        elif point_colour != colour:
            _marker(point.marker.format, point_colour, style.WHITE, 0.75)
        # PowerPoint draws a point's line format on the segment that ends at it.
        if ci > 0 and (derived or data.derived[ci - 1]):
            _line(point.format, colour, style.LINE_WIDTH, dashed=True)


def _marker(fmt: ChartFormat, fill: str, edge: str, width: float) -> None:
    """Marker fill and edge."""
    fmt.fill.solid()
    fmt.fill.fore_color.rgb = rgb(fill)
    _line(fmt, edge, width)


def _point_label(
    label: DataLabel, spec: ChartSpec, si: int, ci: int, data: ChartSeries, box: tuple[float, float]
) -> None:
    """Per-point c:dLbl only where this point's label differs from the series default."""
    text = data.labels[ci]
    colour = _label_colour(spec, si, ci, data)
    with_category = spec.kind in style.ROUND_KINDS and spec.legend == "none"
    custom = bool(text) and (with_category or text != format_number(data.values[ci], spec.number_format, spec.locale))
    below = spec.kind == "line" and style.line_label_below(spec, si, ci)
    if not text or not _fits_segment(spec, text, data.values[ci], box):
        _hide(label)
        return
    if not (custom or below or colour != spec.text_colour):
        return
    if custom:
        _custom_text(label, spec, text, spec.categories[ci] if with_category else None, colour)
    else:
        set_font(label.font, spec, scale=_label_scale(spec), bold=True, colour=colour)
    if below:
        label.position = XL_LABEL_POSITION.BELOW
    elif spec.kind in _POSITIONS:
        label.position = _POSITIONS[spec.kind]


def _fits_segment(spec: ChartSpec, text: str, value: float, box: tuple[float, float]) -> bool:
    """Rough check that a centred stack label fits its segment (estimated plot size)."""
    if spec.kind not in style.STACKED_KINDS:
        return True
    scale = value_scale(spec)
    horizontal = spec.kind in style.HORIZONTAL_KINDS
    length = (box[0] if horizontal else box[1]) * PLOT_SHARE * abs(value) / (scale.high - scale.low)
    thickness = (box[1] if horizontal else box[0]) * PLOT_SHARE / len(spec.categories) / (1.0 + style.GAP_WIDTH)
    width = len(text) * spec.font_size * AVERAGE_GLYPH
    along, across = (width, spec.font_size) if horizontal else (spec.font_size, width)
    return along + 2.0 <= length and across + 2.0 <= thickness


def _custom_text(label: DataLabel, spec: ChartSpec, text: str, category: str | None, colour: str) -> None:
    """Rich label text: the value in bold, then the category (round charts without a legend)."""
    frame = label.text_frame
    frame.text = text if category is None else f"{text}\n{category}"
    round_chart = spec.kind in style.ROUND_KINDS
    for index, paragraph in enumerate(frame.paragraphs):
        for run in paragraph.runs:
            value_line = index == 0
            scale = style.ROUND_VALUE_SCALE if round_chart and value_line else 1.0
            set_font(run.font, spec, scale=scale, bold=value_line, colour=colour)


def _label_colour(spec: ChartSpec, si: int, ci: int, data: ChartSeries) -> str:
    """Labels inside a fill (stack segments, doughnut ring) contrast with it."""
    inside = spec.kind in style.STACKED_KINDS or spec.kind == "donut"
    if not inside:
        return spec.text_colour
    colour = style.point_colour(spec, si, ci)
    fill = style.derived_fill(colour) if data.derived[ci] else colour
    return style.text_on(fill, spec.text_colour)


def _hide(label: DataLabel) -> None:
    """No label for this point: its label string is empty, or it cannot fit its segment."""
    # python-pptx has no public switch for one point's label; clear showVal on its c:dLbl.
    for show in label._get_or_add_dLbl().findall(qn("c:showVal")):
        show.set("val", "0")
