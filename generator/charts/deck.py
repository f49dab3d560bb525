"""Add a chart to a slide as a NATIVE PowerPoint chart (editable, with its workbook)."""

from __future__ import annotations

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.shapetree import SlideShapes

from generator.charts import style
from generator.charts.alt import describe
from generator.charts.deck_axes import style_axes
from generator.charts.deck_common import set_font
from generator.charts.deck_parts import add_proportion, add_waffle
from generator.charts.deck_workbook import MarkedChartData
from generator.charts.deck_points import colour_points, label_points
from generator.charts.deck_reference import add_reference_lines
from generator.charts.deck_xml import (
    fix_axis_ids,
    place_title_top_left,
    set_alt_text,
    set_hole_size,
)
from generator.charts.kinds import KINDS
from generator.charts.spec import ChartSpec

# The native chart type of each kind. A waffle has none: it is drawn as a group of shapes
# carrying the chart's alt text (generator/charts/deck_parts.py).
CHART_TYPES: dict[str, XL_CHART_TYPE | None] = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "stacked_column": XL_CHART_TYPE.COLUMN_STACKED,
    "stacked_bar": XL_CHART_TYPE.BAR_STACKED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "donut": XL_CHART_TYPE.DOUGHNUT,
    "pie": XL_CHART_TYPE.PIE,
    "proportion": XL_CHART_TYPE.BAR_STACKED_100,
    "waffle": None,
}
assert set(CHART_TYPES) == set(KINDS), "every chart kind needs a deck chart type (or None: shapes)"
EMU_PER_POINT = 12700
_LEGEND_POSITIONS = {
    "top": XL_LEGEND_POSITION.TOP,
    "bottom": XL_LEGEND_POSITION.BOTTOM,
    "left": XL_LEGEND_POSITION.LEFT,
    "right": XL_LEGEND_POSITION.RIGHT,
}


def add_chart(shapes: SlideShapes, spec: ChartSpec, left: int, top: int, width: int, height: int) -> GraphicFrame:
    """Add `spec` as a native chart in the given EMU box and return its graphic frame (a waffle: its group)."""
    alt = spec.alt_text.strip() or describe(spec.kind, spec.title, spec.categories, spec.series)
    if spec.kind == "waffle":
        return add_waffle(shapes, spec, left, top, width, height, alt)
    if spec.kind == "proportion":
        frame = add_proportion(shapes, spec, left, top, width, height, lambda chart: _decorate(chart, spec))
        fix_axis_ids(frame.chart)
        set_alt_text(frame, alt)
        return frame
    frame = shapes.add_chart(CHART_TYPES[spec.kind], left, top, width, height, chart_data(spec))
    chart = frame.chart
    _decorate(chart, spec)
    _legend(chart, spec)
    _plot(chart, spec)
    colour_points(chart.plots[0], spec)
    label_points(chart.plots[0], spec, (width / EMU_PER_POINT, height / EMU_PER_POINT))
    if spec.kind not in style.ROUND_KINDS:
        style_axes(chart, spec)
    add_reference_lines(chart, spec)
    fix_axis_ids(chart)
    set_alt_text(frame, alt)
    return frame


def _decorate(chart: Chart, spec: ChartSpec) -> None:
    """The chart-wide font and the title, for every native kind."""
    _text_defaults(chart, spec)
    _title(chart, spec)


def chart_data(spec: ChartSpec) -> CategoryChartData:
    """Categories and values (with their number format) for the embedded workbook, derived cells marked."""
    return MarkedChartData(spec)


def _text_defaults(chart: Chart, spec: ChartSpec) -> None:
    """Chart-wide font: the deck family at the spec size in the theme text colour."""
    set_font(chart.font, spec)


def _title(chart: Chart, spec: ChartSpec) -> None:
    """Bold title at the top-left with the published figures line under it, or none at all (also no automatic
    series-name title)."""
    lines = [(text, bold) for text, bold in ((spec.title.strip(), True), ((spec.subtitle or "").strip(), False))
             if text]
    chart.has_title = bool(lines)
    if not lines:
        return
    frame = chart.chart_title.text_frame
    frame.text = "\n".join(text for text, _ in lines)  # a paragraph each
    for paragraph, (_, bold) in zip(frame.paragraphs, lines):
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            set_font(run.font, spec, scale=style.TITLE_SCALE if bold else 1.0, bold=bold)
    place_title_top_left(chart)


def _legend(chart: Chart, spec: ChartSpec) -> None:
    """Legend at the spec position, outside the plot area."""
    chart.has_legend = spec.legend != "none"
    if spec.legend == "none":
        return
    chart.legend.position = _LEGEND_POSITIONS[spec.legend]
    chart.legend.include_in_layout = False
    set_font(chart.legend.font, spec)


def _plot(chart: Chart, spec: ChartSpec) -> None:
    """Bar widths, overlaps and ring size matching the PDF geometry."""
    plot = chart.plots[0]
    plot.vary_by_categories = style.by_category(spec)
    if not (KINDS[spec.kind].round or KINDS[spec.kind].line):
        plot.gap_width = round(style.GAP_WIDTH * 100)
        plot.overlap = 100 if spec.kind in style.STACKED_KINDS else 0
    if spec.kind == "donut":
        set_hole_size(chart, round(style.DONUT_HOLE * 100))
