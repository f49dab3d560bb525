"""Direct chart-XML fixes for things python-pptx has no API for."""

from __future__ import annotations

from lxml import etree
from pptx.chart.chart import Chart
from pptx.oxml.ns import qn
from pptx.shapes.graphfrm import GraphicFrame


def fix_axis_ids(chart: Chart) -> None:
    """Renumber c:axId / c:crossAx values as 1, 2, ... in document order.

    python-pptx writes fixed negative ids (e.g. -2068027336); the schema types
    them as unsignedInt, so strict OOXML validators reject the part. The same
    old value always maps to the same new one, so axis pairings survive.
    """
    mapping: dict[str, str] = {}
    for node in chart._chartSpace.xpath(".//c:axId | .//c:crossAx"):
        old = node.get("val")
        node.set("val", mapping.setdefault(old, str(len(mapping) + 1)))


def set_alt_text(frame: GraphicFrame, text: str) -> None:
    """The graphic frame's description (p:cNvPr/@descr), read by screen readers."""
    frame._element.nvGraphicFramePr.cNvPr.set("descr", text)


def place_title_top_left(chart: Chart) -> None:
    """Pin the chart title to the top-left corner, not PowerPoint's centred default."""
    title = chart._chartSpace.xpath("c:chart/c:title")[0]
    for old in title.findall(qn("c:layout")):
        title.remove(old)
    layout = etree.SubElement(title, qn("c:layout"))
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, value in (("c:xMode", "edge"), ("c:yMode", "edge"), ("c:x", "0"), ("c:y", "0")):
        etree.SubElement(manual, qn(tag)).set("val", value)
    tx = title.find(qn("c:tx"))
    title.remove(layout)
    # Schema order is tx, layout, overlay, ...: layout goes right after tx.
    if tx is not None:
        tx.addnext(layout)
    else:
        title.insert(0, layout)
    overlay = title.find(qn("c:overlay"))
    if overlay is None:
        overlay = etree.Element(qn("c:overlay"))
        layout.addnext(overlay)
    overlay.set("val", "0")


def set_hole_size(chart: Chart, percent: int) -> None:
    """Doughnut hole as a percentage of the outer diameter (PowerPoint allows 10-90)."""
    for node in chart._chartSpace.xpath(".//c:doughnutChart/c:holeSize"):
        node.set("val", str(max(10, min(90, percent))))


def ensure_cross_between(chart: Chart) -> None:
    """Points sit in the middle of their category, as in the PDF (python-pptx omits this for lines)."""
    for val_ax in chart._chartSpace.xpath(".//c:valAx"):
        if val_ax.find(qn("c:crossBetween")) is not None:
            continue
        node = etree.Element(qn("c:crossBetween"))
        node.set("val", "between")
        anchor = val_ax.find(qn("c:crossesAt"))
        if anchor is None:
            anchor = val_ax.find(qn("c:crosses"))
        if anchor is None:
            anchor = val_ax.find(qn("c:crossAx"))
        anchor.addnext(node)


def cross_at_last_category(chart: Chart) -> None:
    """Make the value axis cross the category axis at its last category.

    With the category order reversed (bar charts reading top to bottom) the
    last category is at the bottom, so this keeps the value labels along the
    bottom edge. python-pptx only offers `crosses` on the value axis, which
    writes the opposite element (c:catAx/c:crosses), so set c:valAx/c:crosses.
    """
    for val_ax in chart._chartSpace.xpath(".//c:valAx"):
        for old in val_ax.findall(qn("c:crossesAt")):
            val_ax.remove(old)
        crosses = val_ax.find(qn("c:crosses"))
        if crosses is None:
            crosses = etree.Element(qn("c:crosses"))
            val_ax.find(qn("c:crossAx")).addnext(crosses)
        crosses.set("val", "max")
