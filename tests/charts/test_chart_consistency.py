"""One spec, two outputs: the PDF and the deck show categories in the same order and colours."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu, Pt

from generator.charts import style
from generator.charts.deck import add_chart
from generator.charts.record import record
from generator.charts.spec import ChartSpec

from .conftest import sample_spec

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


def pdf_marks(spec: ChartSpec) -> list[tuple[float, str]]:
    """(position along the category axis, base colour) of each drawn bar or slice.

    A derived mark is filled with a tint; its hatch carries the base colour.
    Only works for specs without legend or caption (no swatches).
    """
    marks = []
    for op in record(spec, 360, 240):
        if op["op"] != "path" or not op["fill"] or op["fill"] == style.WHITE:
            continue
        colour = op["hatch"]["colour"] if op["hatch"] else op["fill"]
        xs = [seg[1] for seg in op["d"] if len(seg) > 2]
        ys = [seg[2] for seg in op["d"] if len(seg) > 2]
        marks.append(((sum(xs) / len(xs)), (sum(ys) / len(ys)), colour))
    if spec.kind in style.HORIZONTAL_KINDS:
        return [(-y, c) for _, y, c in marks]  # top first
    if spec.kind in style.ROUND_KINDS:
        return [(float(i), c) for i, (_, _, c) in enumerate(marks)]  # drawing order is clockwise order
    return [(x, c) for x, _, c in marks]


def deck_marks(spec: ChartSpec, tmp_path: Path) -> tuple[list[str], list[str], bool]:
    """Categories, per-point base colours (series 0) and whether the category axis is reversed."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    add_chart(slide.shapes, spec, 0, 0, Emu(Pt(360)), Emu(Pt(240)))
    prs.save(str(tmp_path / "d.pptx"))
    chart = next(s for s in Presentation(str(tmp_path / "d.pptx")).slides[0].shapes if s.has_chart).chart
    root = chart._chartSpace
    (ser,) = etree.XPath(".//c:ser[c:idx/@val='0']", namespaces=NS)(root)
    default = etree.XPath("c:spPr/a:solidFill/a:srgbClr/@val", namespaces=NS)(ser)
    colours = []
    for index in range(len(spec.categories)):
        point = etree.XPath(
            f"c:dPt[c:idx/@val='{index}']/c:spPr/a:solidFill/a:srgbClr/@val"
            f" | c:dPt[c:idx/@val='{index}']/c:spPr/a:pattFill/a:fgClr/a:srgbClr/@val",
            namespaces=NS,
        )(ser)
        colours.append("#" + (point or default)[0])
    reversed_axis = chart.category_axis.reverse_order if spec.kind not in style.ROUND_KINDS else False
    return list(chart.plots[0].categories), colours, reversed_axis


@pytest.mark.parametrize("kind", ["column", "bar", "donut", "pie"])
def test_same_order_and_colours(kind: str, tmp_path: Path) -> None:
    spec = sample_spec(
        kind,  # type: ignore[arg-type]
        title="",
        derived_note=None,
        legend="none",
        highlight=None if kind in ("donut", "pie") else "Children safeguarded",
        highlight_colour="#C8553D",
        muted_colour="#B8C2CC",
    )
    pdf = [colour for _, colour in sorted(pdf_marks(spec))]
    categories, deck, reversed_axis = deck_marks(spec, tmp_path)
    assert categories == list(spec.categories)
    assert pdf == deck
    assert len(set(pdf)) >= 2
    # PowerPoint bar charts list categories bottom-up unless the axis is reversed.
    assert reversed_axis == (kind == "bar")
