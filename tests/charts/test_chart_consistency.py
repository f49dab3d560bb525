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

    A derived mark is filled with a tint inside an outline of the base colour: its colour is the tint.
    Only works for specs without legend or caption (no swatches).
    """
    marks = []
    for op in record(spec, 360, 240):
        if op["op"] != "path" or not op["fill"] or op["fill"] == style.WHITE:
            continue
        colour = op["fill"]
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


def chart_items(document) -> list:
    """Every chart item of a laid-out document, in page order."""
    from generator.layout.frame import ChartItem

    return [item for page in document.pages for item in page.items if isinstance(item, ChartItem)]


def test_one_colour_meaning_per_report(every_report: dict) -> None:
    """In every chart of every report, the highlight colour marks only the focus (this year, the part in focus),
    and no colour of the series palette is the focus or the neutral colour."""
    checked = 0
    for name, (_report, pdf, deck) in every_report.items():
        for item in chart_items(pdf) + chart_items(deck):
            spec = item.spec
            assert spec.highlight_colour not in spec.palette and spec.muted_colour not in spec.palette, name
            row = style.focus_row(spec)
            for si, series in enumerate(style.chart_series(spec)):
                for ci, category in enumerate(spec.categories):
                    focus = si == row if row is not None else spec.highlight == category
                    assert (style.point_colour(spec, si, ci) == spec.highlight_colour) == focus, (name, spec.title)
                    checked += 1
    assert checked > 100


def test_the_row_in_focus_is_the_highlight_colour_in_both_outputs(tmp_path: Path) -> None:
    """Two years side by side: this year's row in the highlight colour, last year's in the neutral, in both outputs."""
    from .conftest import series

    rows = (series("2006/07", [40, 60], ["40", "60"]), series("2007/08", [55, 70], ["55", "70"]))
    spec = sample_spec("column", categories=("North", "South"), series=rows, highlight="2007/08", title="",
                       derived_note=None, legend="none", highlight_colour="#C8553D", muted_colour="#B8C2CC")
    assert [c for _, c in sorted(pdf_marks(spec))] == ["#B8C2CC", "#C8553D", "#B8C2CC", "#C8553D"]
    prs = Presentation()
    add_chart(prs.slides.add_slide(prs.slide_layouts[6]).shapes, spec, 0, 0, Emu(Pt(360)), Emu(Pt(240)))
    root = next(s for s in prs.slides[0].shapes if s.has_chart).chart._chartSpace
    fills = etree.XPath(".//c:ser/c:spPr/a:solidFill/a:srgbClr/@val", namespaces=NS)(root)
    assert fills == ["B8C2CC", "C8553D"]


def charts_with_titles(document) -> list[tuple[str, object]]:
    """(the title a reader sees, spec) for each chart: its own title, else the heading of its page or slide."""
    from generator.layout.frame import ChartItem, TextItem

    found = []
    for page in document.pages:
        heading = page.items[page.title_item] if page.title_item is not None else None
        page_title = " ".join(heading.text.split()) if isinstance(heading, TextItem) else ""
        for item in page.items:
            if isinstance(item, ChartItem):
                found.append((item.spec.title or page_title, item.spec))
    return found


def data_of(spec) -> tuple:
    """What identifies a chart's data: its categories, rows and values."""
    return spec.categories, tuple((s.name, s.values) for s in spec.series)


def test_same_titles_order_direction_and_colours_in_the_pdf_and_the_deck(every_report: dict) -> None:
    """Every chart appears in both outputs with the same title, kind (so direction), categories in the same order,
    rows, colours, derived marks and published-figure line; for the CEOP example and every fictional organisation."""
    from generator.charts.kinds import KINDS

    compared = 0
    for name, (_report, pdf, deck) in every_report.items():
        pdf_charts = {data_of(spec): (title, spec) for title, spec in charts_with_titles(pdf)}
        deck_charts = {data_of(spec): (title, spec) for title, spec in charts_with_titles(deck)}
        assert pdf_charts.keys() == deck_charts.keys(), name
        for key, (pdf_title, one) in pdf_charts.items():
            deck_title, other = deck_charts[key]
            assert pdf_title == deck_title, (name, pdf_title, deck_title)
            assert one.kind == other.kind and KINDS[one.kind].horizontal == KINDS[other.kind].horizontal, name
            assert (one.highlight, one.subtitle, one.legend) == (other.highlight, other.subtitle, other.legend)
            assert [s.labels for s in one.series] == [s.labels for s in other.series]
            assert [s.derived for s in one.series] == [s.derived for s in other.series]
            colours = [[style.point_colour(spec, si, ci) for ci in range(len(spec.categories))]
                       for spec in (one, other) for si in range(len(style.chart_series(spec)))]
            half = len(colours) // 2
            assert colours[:half] == colours[half:], (name, pdf_title)
            compared += 1
    assert compared >= 18  # CEOP 4, big-12figs 6, fire-charts 5, no-headline 1, nz-money 2


def test_proportion_parts_in_the_same_order_and_colours(tmp_path: Path) -> None:
    """The PDF's segments left to right and the deck's stacked series are the same parts in the same colours."""
    spec = sample_spec("proportion", title="", derived_note=None, highlight="Public", highlight_colour="#C8553D",
                       muted_colour="#B8C2CC")
    bars = [op for op in record(spec, 360, 120) if op["op"] == "path" and op["fill"]]
    pdf = [op["fill"] for op in sorted(bars, key=lambda op: min(seg[1] for seg in op["d"] if len(seg) > 2))]
    prs = Presentation()
    add_chart(prs.slides.add_slide(prs.slide_layouts[6]).shapes, spec, 0, 0, Emu(Pt(360)), Emu(Pt(120)))
    chart = next(s for s in prs.slides[0].shapes if s.has_chart).chart
    names = [s.name for s in chart.plots[0].series]
    fills = ["#" + etree.XPath("c:spPr/a:solidFill/a:srgbClr/@val", namespaces=NS)(s._element)[0]
             for s in chart.plots[0].series]
    assert names == list(spec.categories)
    assert pdf == fills == ["#C8553D", "#B8C2CC", style.derived_fill("#B8C2CC")]
