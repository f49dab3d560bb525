"""Axes of the native deck chart: same scale, gridlines and order as the PDF."""

from __future__ import annotations

from pptx.chart.axis import _BaseAxis
from pptx.chart.chart import Chart
from pptx.enum.chart import XL_TICK_LABEL_POSITION, XL_TICK_MARK
from pptx.util import Pt

from generator.charts import style
from generator.charts.deck_common import rgb, set_font
from generator.charts.deck_xml import cross_at_last_category, ensure_cross_between
from generator.charts.scale import tick_format, value_scale
from generator.charts.spec import ChartSpec


def style_axes(chart: Chart, spec: ChartSpec) -> None:
    """Value axis with the shared scale and light gridlines; quiet category axis."""
    _value_axis(chart.value_axis, spec)
    _category_axis(chart, spec)
    ensure_cross_between(chart)
    # x_title names the category axis and y_title the value axis, as in the PDF.
    _axis_title(chart.category_axis, spec.x_title, spec)
    _axis_title(chart.value_axis, spec.y_title, spec)


def _value_axis(axis: _BaseAxis, spec: ChartSpec) -> None:
    """Fixed min/max/step (not PowerPoint's auto scale), gridlines, no axis line."""
    scale = value_scale(spec)
    axis.minimum_scale = scale.low
    axis.maximum_scale = scale.high
    axis.major_unit = scale.step
    axis.has_major_gridlines = True
    axis.has_minor_gridlines = False
    gridlines = axis.major_gridlines.format.line
    gridlines.color.rgb = rgb(spec.grid_colour)
    gridlines.width = Pt(style.GRID_WIDTH)
    axis.format.line.fill.background()
    _no_ticks(axis)
    axis.tick_labels.number_format = tick_format(spec, scale)
    axis.tick_labels.number_format_is_linked = False
    set_font(axis.tick_labels.font, spec)


def _category_axis(chart: Chart, spec: ChartSpec) -> None:
    """The zero baseline; bar charts list categories top to bottom like the PDF."""
    axis = chart.category_axis
    axis.has_major_gridlines = False
    axis.format.line.color.rgb = rgb(style.axis_colour(spec))
    axis.format.line.width = Pt(style.AXIS_WIDTH)
    _no_ticks(axis)
    set_font(axis.tick_labels.font, spec)
    if spec.kind not in style.HORIZONTAL_KINDS and any(v < 0 for s in spec.series for v in s.values):
        # Category names go below the plot, not at the zero line among negative bars (as in the PDF).
        axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if spec.kind in style.HORIZONTAL_KINDS:
        # PowerPoint draws the first category at the bottom of a bar chart;
        # reversing puts it on top, and crossing at the maximum keeps the
        # value axis labels along the bottom edge.
        axis.reverse_order = True
        cross_at_last_category(chart)


def _no_ticks(axis: _BaseAxis) -> None:
    """No tick marks: gridlines and labels carry the scale."""
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE


def _axis_title(axis: _BaseAxis, text: str | None, spec: ChartSpec) -> None:
    """An axis title in the regular face, or none."""
    axis.has_title = bool(text)
    if not text:
        return
    frame = axis.axis_title.text_frame
    frame.text = text
    for run in frame.paragraphs[0].runs:
        set_font(run.font, spec)
