"""The parts of one whole in the deck: a proportion bar as a native 100% stacked bar chart, a waffle as shapes.

A proportion bar is a real, editable chart with its workbook: one category (the
whole) and a series per part, so PowerPoint stacks the parts in one bar; its
legend names the parts with keys drawn like them, and each part's value sits in
its segment. A waffle has no native chart type, so it is a group of squares and
labels placed as the PDF places them (`parts.py`), its alt text on the group.
"""

from __future__ import annotations

from lxml import etree
from pptx.chart.chart import Chart
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape
from pptx.shapes.shapetree import SlideShapes
from pptx.util import Emu, Pt

from generator.charts import parts, style
from generator.charts.deck_common import plain_shape, rgb, set_font
from generator.charts.deck_workbook import MarkedChartData, marked_code, workbook_table
from generator.charts.numfmt import format_number
from generator.charts.spec import ChartSeries, ChartSpec

EMU_PER_POINT = 12700
TITLE_ROOM = 1.15  # PowerPoint sets a title a little looser than the PDF, inside its own insets
LABEL_GLYPH = 0.6  # a bold digit's rough advance, in ems: enough to tell whether a value fits its segment
DECK_BAR_SCALE = 2.6  # a projected bar is a little thicker than the page's: its values sit inside it


def add_proportion(shapes: SlideShapes, spec: ChartSpec, left: int, top: int, width: int, height: int,
                   decorate) -> GraphicFrame:
    """The parts as one 100% stacked bar: a series per part, its value in its segment, the legend naming it."""
    frame = shapes.add_chart(XL_CHART_TYPE.BAR_STACKED_100, left, top, width, height, MarkedChartData(spec))
    chart = frame.chart
    decorate(chart)
    plot = chart.plots[0]
    plot.gap_width = 0  # the plot area is the bar: its thickness is set by the plot area's layout below
    plot.overlap = 100
    plot.vary_by_categories = False
    for part, series, data in zip(parts.parts(spec), plot.series, workbook_table(spec)[1]):
        _fill(series.format, part)
        _value_label(series, spec, part, data, width / EMU_PER_POINT)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    set_font(chart.legend.font, spec)
    for axis in (chart.value_axis, chart.category_axis):
        axis.visible = False
        axis.has_major_gridlines = False
        axis.has_minor_gridlines = False
    _bar_band(chart, spec, width / EMU_PER_POINT, height / EMU_PER_POINT)
    return frame


def add_waffle(shapes: SlideShapes, spec: ChartSpec, left: int, top: int, width: int, height: int,
               alt_text: str) -> GroupShape:
    """One square per unit, the parts in turn, with their keyed labels; a group carrying the alt text."""
    from generator.render.deck_a11y import mark_decorative

    group = shapes.add_group_shape()
    x0, y = left / EMU_PER_POINT, top / EMU_PER_POINT
    w = width / EMU_PER_POINT
    measure = _measure(spec)
    y += _title(group.shapes, spec, x0, y, w, measure)
    squares = parts.grid(spec, w)
    unit = 0
    for part in parts.parts(spec):
        for _ in range(max(0, round(part.value))):
            dx, dy = squares.origin(unit)
            mark_decorative(_square(group.shapes, x0 + dx, y + dy, squares.side, part)._element)
            unit += 1
    y += squares.height + parts.GAP
    for label in parts.labels(spec, w, measure, direct=False):
        _label(group.shapes, spec, label, x0, y, w, mark_decorative)
    group._element.nvGrpSpPr.cNvPr.set("descr", alt_text)
    group.name = f"Waffle chart: {spec.title}" if spec.title.strip() else "Waffle chart"
    return group


def _fill(fmt, part: parts.Part, seams: bool = True) -> None:
    """A segment or square drawn as its part: solid (with white seams), or derived (a tint inside an outline)."""
    fmt.fill.solid()
    if part.derived:
        fmt.fill.fore_color.rgb = rgb(style.derived_fill(part.colour))
        fmt.line.color.rgb = rgb(part.colour)
        fmt.line.width = Pt(style.DERIVED_OUTLINE_WIDTH)
        return
    fmt.fill.fore_color.rgb = rgb(part.colour)
    if seams:
        fmt.line.color.rgb = rgb(style.WHITE)
        fmt.line.width = Pt(parts.SEAM)
    else:
        fmt.line.fill.background()


def _fits(spec: ChartSpec, part: parts.Part, width: float) -> bool:
    """Whether the part's value fits inside its segment of a bar `width` points long."""
    total = sum(p.value for p in parts.parts(spec) if p.value > 0)
    room = width * max(part.value, 0.0) / total if total > 0 else 0.0
    return len(part.label) * spec.font_size * LABEL_GLYPH + 4.0 <= room


def _value_label(series, spec: ChartSpec, part: parts.Part, data: ChartSeries, width: float) -> None:
    """The part's value in its segment as its label reads ("15*": a derived cell's own number format), bold,
    in a colour that reads on its fill."""
    series.data_labels.show_value = bool(part.label) and _fits(spec, part, width)
    if not series.data_labels.show_value:
        return  # no room in a sliver of the bar: the legend names the part, the workbook and alt text hold its value
    labels = series.data_labels
    code = marked_code(spec, data, 0) if part.derived else spec.number_format
    labels.number_format = code
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.CENTER
    fill = style.derived_fill(part.colour) if part.derived else part.colour
    colour = style.text_on(fill, spec.text_colour)
    set_font(labels.font, spec, bold=True, colour=colour)
    if format_number(part.value, code, spec.locale) != part.label:  # no code writes it: the label's own words
        point = series.points[0].data_label
        point.text_frame.text = part.label
        for run in point.text_frame.paragraphs[0].runs:
            set_font(run.font, spec, bold=True, colour=colour)
        point.position = XL_LABEL_POSITION.CENTER
    # LibreOffice wraps a label to the bar's thickness ("113" over "*") unless told not to wrap.
    for body in series._element.xpath(".//c:dLbls//a:bodyPr | .//c:dLbl//a:bodyPr"):
        body.set("wrap", "none")


def _bar_band(chart: Chart, spec: ChartSpec, width: float, height: float) -> None:
    """Place the plot area (the bar) under the title band, as thick as the PDF's bar, across the full width."""
    title = parts.heading_height(spec, width, _measure(spec)) * TITLE_ROOM
    thickness = spec.font_size * DECK_BAR_SCALE
    plot_area = chart._chartSpace.xpath("c:chart/c:plotArea")[0]
    for old in plot_area.findall(qn("c:layout")):
        plot_area.remove(old)
    layout = etree.Element(qn("c:layout"))
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    values = (("c:layoutTarget", "inner"), ("c:xMode", "edge"), ("c:yMode", "edge"), ("c:x", "0"),
              ("c:y", f"{min(0.6, title / height):.4f}"), ("c:w", "1"), ("c:h", f"{min(0.4, thickness / height):.4f}"))
    for tag, value in values:
        etree.SubElement(manual, qn(tag)).set("val", value)
    plot_area.insert(0, layout)


def _measure(spec: ChartSpec) -> parts.Measure:
    """Text widths from the font files the layout measured with."""
    from reportlab.pdfbase import pdfmetrics

    from generator.charts.pdf import register_font

    assert spec.fonts is not None
    names = {False: register_font(spec.fonts.regular), True: register_font(spec.fonts.bold)}
    return lambda text, scale, bold: pdfmetrics.stringWidth(text, names[bold], spec.font_size * scale)


def _title(shapes, spec: ChartSpec, x: float, y: float, width: float, measure: parts.Measure) -> float:
    """The chart's title and the published figures line under it, above the squares; the height they take."""
    height = parts.heading_height(spec, width, measure)
    paragraphs = [[(text, bold, scale)] for text, bold, scale in ((spec.title.strip(), True, style.TITLE_SCALE),
                                                                   ((spec.subtitle or "").strip(), False, 1.0)) if text]
    if paragraphs:
        _text_box(shapes, spec, x, y, width, height - parts.BAND_GAP, paragraphs)
    return height


def _square(shapes, x: float, y: float, side: float, part: parts.Part):
    """One unit square, drawn as its part is."""
    shape = shapes.add_shape(MSO_SHAPE.RECTANGLE, _emu(x), _emu(y), _emu(side), _emu(side))
    _fill(shape, part, seams=False)
    plain_shape(shape)  # no theme style reference: nothing lends a square an effect
    return shape


def _label(shapes, spec: ChartSpec, label: parts.Label, x: float, y: float, width: float, decorative) -> None:
    """A keyed label: its key square (decoration), then the value in bold and the category."""
    line = spec.font_size * parts.LINE
    key = parts.key_size(spec)
    left, top = x + label.x, y + label.top
    decorative(_square(shapes, left, top + (line - key) / 2.0, key, label.part)._element)
    value = label.part.label
    paragraphs = []
    for n, text in enumerate(label.lines):
        if n == 0 and value and text.startswith(value):
            paragraphs.append([(value, True, 1.0), (text[len(value):], False, 1.0)])
        else:
            paragraphs.append([(text, False, 1.0)])
    indent = key + parts.KEY_GAP
    # As wide as its words (plus a little for the renderer's rounding), so neighbouring entries never overlap.
    room = min(label.width - indent + spec.font_size * 0.5, width - label.x - indent)
    _text_box(shapes, spec, left + indent, top, room, line * len(label.lines), paragraphs)


def _text_box(shapes, spec: ChartSpec, x: float, y: float, width: float, height: float,
              paragraphs: list[list[tuple[str, bool, float]]]) -> None:
    """A text box with no insets holding runs of (text, bold, scale), one list per paragraph."""
    box = shapes.add_textbox(_emu(x), _emu(y), _emu(width), _emu(height))
    frame = box.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.word_wrap = True
    for n, runs in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        for text, bold, scale in runs:
            if not text:
                continue
            run = paragraph.add_run()
            run.text = text
            set_font(run.font, spec, scale=scale, bold=bold)
            run.font._rPr.set("lang", spec.locale)


def _emu(points: float) -> Emu:
    """Points to EMU."""
    return Emu(round(points * EMU_PER_POINT))
