"""Benchmark and target lines on a native column or line chart, as line series sharing its axes.

The line runs from the first category's centre to the last one's (how
PowerPoint draws a line series), and the legend names it.

python-pptx makes one chart type per chart; PowerPoint itself combines a
line with columns (a combo chart), so the line is added to the chart XML as
a c:lineChart on the same axes, reading its values from the workbook. Bar
charts (horizontal) cannot take a line this way; the layout states their
references in words under the chart instead.
"""

from __future__ import annotations

import copy

from lxml import etree
from pptx.chart.chart import Chart
from pptx.oxml.ns import qn
from pptx.util import Pt

from generator.charts import style
from generator.charts.deck_common import set_font
from generator.charts.deck_workbook import reference_column
from generator.charts.spec import ChartReference, ChartSpec

DRAWN_KINDS = ("column", "stacked_column", "line")
EMU_PER_POINT = 12700


def add_reference_lines(chart: Chart, spec: ChartSpec) -> None:
    """One dashed line series per reference, named by its words (shown in the legend)."""
    if spec.kind not in DRAWN_KINDS or not spec.references:
        return
    plot_area = chart._chartSpace.xpath("c:chart/c:plotArea")[0]
    first_plot = plot_area.xpath("c:barChart | c:lineChart")[0]
    axis_ids = [node.get("val") for node in first_plot.findall(qn("c:axId"))]
    categories = first_plot.xpath("c:ser/c:cat")[0]
    line_chart = etree.Element(qn("c:lineChart"))
    _child(line_chart, "c:grouping", "standard")
    _child(line_chart, "c:varyColors", "0")
    first_index = len(style.chart_series(spec))
    for ri, ref in enumerate(spec.references):
        line_chart.append(_series(spec, ref, ri, first_index + ri, categories))
    _child(line_chart, "c:marker", "1")
    for axis_id in axis_ids:
        _child(line_chart, "c:axId", axis_id)
    first_plot.addnext(line_chart)
    if spec.legend == "none":
        _legend_of_references(chart, spec, first_index)


def _legend_of_references(chart: Chart, spec: ChartSpec, data_series: int) -> None:
    """A legend under the chart naming only the reference lines (the data series' entries deleted).

    Words on the line itself would collide with the data labels of the bars it crosses.
    """
    chart.has_legend = True
    legend = chart._chartSpace.xpath("c:chart/c:legend")[0]
    for old in legend.findall(qn("c:legendPos")):
        legend.remove(old)
    position = etree.Element(qn("c:legendPos"))
    position.set("val", "b")
    legend.insert(0, position)
    for index in reversed(range(data_series)):
        entry = etree.Element(qn("c:legendEntry"))
        _child(entry, "c:idx", str(index))
        _child(entry, "c:delete", "1")
        position.addnext(entry)
    chart.legend.include_in_layout = False
    set_font(chart.legend.font, spec)


def _series(spec: ChartSpec, ref: ChartReference, ri: int, index: int, categories: etree._Element) -> etree._Element:
    """A c:ser holding the reference value at every category, dashed, with no markers."""
    column = reference_column(spec, ri)
    rows = len(spec.categories)
    ser = etree.Element(qn("c:ser"))
    _child(ser, "c:idx", str(index))
    _child(ser, "c:order", str(index))
    ser.append(_text_ref(f"Sheet1!${column}$1", ref.label))
    ser.append(_line_shape(spec))
    marker = etree.SubElement(ser, qn("c:marker"))
    _child(marker, "c:symbol", "none")
    ser.append(copy.deepcopy(categories))
    ser.append(_values(f"Sheet1!${column}$2:${column}${rows + 1}", spec.number_format, [ref.value] * rows))
    _child(ser, "c:smooth", "0")
    return ser


def _text_ref(formula: str, text: str) -> etree._Element:
    """c:tx naming the series from a workbook cell."""
    tx = etree.Element(qn("c:tx"))
    ref = etree.SubElement(tx, qn("c:strRef"))
    etree.SubElement(ref, qn("c:f")).text = formula
    cache = etree.SubElement(ref, qn("c:strCache"))
    _child(cache, "c:ptCount", "1")
    point = etree.SubElement(cache, qn("c:pt"), idx="0")
    etree.SubElement(point, qn("c:v")).text = text
    return tx


def _line_shape(spec: ChartSpec) -> etree._Element:
    """c:spPr: a thin dashed line in the text colour, as the PDF draws it."""
    sp = etree.Element(qn("c:spPr"))
    line = etree.SubElement(sp, qn("a:ln"), w=str(round(Pt(style.REFERENCE_WIDTH))))
    fill = etree.SubElement(line, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=spec.text_colour.lstrip("#").upper())
    etree.SubElement(line, qn("a:prstDash"), val="dash")
    return sp


def _values(formula: str, code: str, values: list[float]) -> etree._Element:
    """c:val reading `formula`, with its cached numbers."""
    val = etree.Element(qn("c:val"))
    ref = etree.SubElement(val, qn("c:numRef"))
    etree.SubElement(ref, qn("c:f")).text = formula
    cache = etree.SubElement(ref, qn("c:numCache"))
    etree.SubElement(cache, qn("c:formatCode")).text = code
    _child(cache, "c:ptCount", str(len(values)))
    for i, value in enumerate(values):
        point = etree.SubElement(cache, qn("c:pt"), idx=str(i))
        etree.SubElement(point, qn("c:v")).text = repr(float(value))
    return val


def _child(parent: etree._Element, tag: str, value: str) -> etree._Element:
    """Append `<tag val="value"/>`."""
    node = etree.SubElement(parent, qn(tag))
    node.set("val", value)
    return node
