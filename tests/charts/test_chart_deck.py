"""The deck route: native, editable PowerPoint charts that match the spec."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Pt

from generator.charts import style
from generator.charts.deck import add_chart
from generator.charts.numfmt import format_number
from generator.charts.spec import ChartSpec

from .conftest import NATIVE_KINDS, PALETTE, sample_spec

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
EXPECTED_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "stacked_column": XL_CHART_TYPE.COLUMN_STACKED,
    "stacked_bar": XL_CHART_TYPE.BAR_STACKED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "donut": XL_CHART_TYPE.DOUGHNUT,
    "pie": XL_CHART_TYPE.PIE,
    "proportion": XL_CHART_TYPE.BAR_STACKED_100,
}


def save_and_reopen(tmp_path: Path, specs: list[ChartSpec]) -> list:
    """Add each spec to its own slide, save, reopen; return the graphic frames."""
    prs = Presentation()
    for spec in specs:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        add_chart(slide.shapes, spec, Emu(Pt(30)), Emu(Pt(30)), Emu(Pt(400)), Emu(Pt(260)))
    path = tmp_path / "deck.pptx"
    prs.save(str(path))
    reopened = Presentation(str(path))
    return [next(s for s in slide.shapes if s.has_chart) for slide in reopened.slides]


def xp(element: etree._Element, expr: str) -> list:
    """Evaluate XPath with our own prefixes (python-pptx's xpath() fixes its own)."""
    return etree.XPath(expr, namespaces=NS)(element)


def chart_xml(chart: Chart) -> etree._Element:
    """The chart part's root element."""
    return chart._chartSpace


@pytest.fixture(scope="module")
def frames(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One reopened chart frame per kind."""
    specs = [sample_spec(kind) for kind in NATIVE_KINDS]
    return dict(zip(NATIVE_KINDS, save_and_reopen(tmp_path_factory.mktemp("deck"), specs)))


@pytest.mark.parametrize("kind", NATIVE_KINDS)
def test_type_categories_values(frames: dict, kind: str) -> None:
    spec = sample_spec(kind)  # type: ignore[arg-type]
    chart = frames[kind].chart
    assert chart.chart_type == EXPECTED_TYPES[kind]
    plot = chart.plots[0]
    if kind == "proportion":  # one bar: the whole (named as its row) is the category, each part a series
        assert tuple(plot.categories) == ("Reports",)
        assert [(s.name, tuple(s.values)) for s in plot.series] == [("Public", (12,)), ("Industry", (7,)),
                                                                    ("Police", (6,))]
        return
    assert tuple(plot.categories) == spec.categories
    drawn = style.chart_series(spec)
    assert [s.name for s in plot.series] == [s.name for s in drawn]
    for got, want in zip(plot.series, drawn):
        assert tuple(got.values) == want.values
    codes = xp(chart_xml(chart), ".//c:val//c:formatCode/text()")
    assert codes and set(codes) == {spec.number_format}


@pytest.mark.parametrize("kind", NATIVE_KINDS)
def test_alt_text_in_descr(frames: dict, kind: str) -> None:
    assert frames[kind]._element.nvGraphicFramePr.cNvPr.get("descr") == f"Alt text for the {kind} sample."


@pytest.mark.parametrize("kind", NATIVE_KINDS)
def test_axis_ids_positive_unique_and_paired(frames: dict, kind: str) -> None:
    root = chart_xml(frames[kind].chart)
    ids = [int(v) for v in xp(root, ".//c:plotArea/*[not(self::c:catAx or self::c:valAx)]/c:axId/@val")]
    axes = [int(v) for v in xp(root, ".//c:plotArea/*[self::c:catAx or self::c:valAx]/c:axId/@val")]
    crosses = [int(v) for v in xp(root, ".//c:crossAx/@val")]
    every = xp(root, ".//c:axId/@val | .//c:crossAx/@val")
    assert all(int(v) > 0 for v in every)
    if kind in ("donut", "pie"):
        assert not every
        return
    assert len(set(axes)) == len(axes) == 2
    assert sorted(ids) == sorted(axes) and sorted(crosses) == sorted(axes)


@pytest.mark.parametrize("kind", ["column", "bar", "stacked_column", "stacked_bar"])
def test_series_colours(frames: dict, kind: str) -> None:
    chart = frames[kind].chart
    for index, series in enumerate(chart.plots[0].series):
        assert str(series.format.fill.fore_color.rgb) == PALETTE[index].lstrip("#")


def test_line_colours(frames: dict) -> None:
    for index, series in enumerate(frames["line"].chart.plots[0].series):
        assert str(series.format.line.color.rgb) == PALETTE[index].lstrip("#")


def point_fill(root: etree._Element, index: int, series: int = 0) -> tuple[str, str | None]:
    """(fill, outline) colours of one data point's own format, as "#RRGGBB"."""
    (dpt,) = xp(root, f".//c:ser[c:idx/@val='{series}']/c:dPt[c:idx/@val='{index}']")
    fill = xp(dpt, "c:spPr/a:solidFill/a:srgbClr/@val")
    line = xp(dpt, "c:spPr/a:ln/a:solidFill/a:srgbClr/@val")
    return "#" + fill[0], ("#" + line[0]) if line else None


@pytest.mark.parametrize("kind", ["donut", "pie"])
def test_slice_colours_per_point(frames: dict, kind: str) -> None:
    root = chart_xml(frames[kind].chart)
    assert point_fill(root, 0)[0] == PALETTE[0] and point_fill(root, 1)[0] == PALETTE[1]
    assert point_fill(root, 2) == (style.derived_fill(PALETTE[2]), PALETTE[2])  # the derived slice


@pytest.mark.parametrize("kind", NATIVE_KINDS)
def test_labels_show_the_label_strings(frames: dict, kind: str) -> None:
    spec = sample_spec(kind)  # type: ignore[arg-type]
    root = chart_xml(frames[kind].chart)
    rich = xp(root, ".//c:dLbl/c:tx/c:rich//a:t/text()")
    for series in style.chart_series(spec):
        for value, label in zip(series.values, series.labels):
            if label != format_number(value, spec.number_format):
                assert label in rich, (label, rich)
    assert "c. 99" in rich or "c. 20%" in rich or "about 25" in rich or "c. 6" in rich
    shown = xp(root, ".//c:dLbls/c:showVal/@val")
    assert shown and set(shown) == {"1"}


@pytest.mark.parametrize("kind", NATIVE_KINDS)
def test_derived_points_tinted_and_outlined(frames: dict, kind: str) -> None:
    root = chart_xml(frames[kind].chart)
    assert not xp(root, ".//a:pattFill")  # no hatching anywhere
    if kind == "proportion":  # each part is a series: the derived third is tinted and outlined as a whole
        (third,) = xp(root, ".//c:ser[c:idx/@val='2']")
        assert xp(third, "c:spPr/a:solidFill/a:srgbClr/@val") == [style.derived_fill(PALETTE[2]).lstrip("#")]
        assert xp(third, "c:spPr/a:ln/a:solidFill/a:srgbClr/@val") == [PALETTE[2].lstrip("#")]
        return
    if kind == "line":
        dashed = xp(root, ".//c:dPt/c:spPr/a:ln/a:prstDash/@val")
        assert dashed == ["dash", "dash"]
        hollow = xp(root, ".//c:dPt/c:marker/c:spPr/a:solidFill/a:srgbClr/@val")
        assert "FFFFFF" in hollow
        return
    spec = sample_spec(kind)  # type: ignore[arg-type]
    (index,) = [i for i, d in enumerate(spec.series[0].derived) if d]
    fill, line = point_fill(root, index)
    assert line is not None and fill == style.derived_fill(line)
    assert line == style.point_colour(spec, 0, index)


def test_derived_series_key_is_tinted(tmp_path: Path) -> None:
    """The legend key PowerPoint draws is the series' own format: tint and outline when every value is derived."""
    from .conftest import series

    rows = (series("Estimated", [10, 20], ["c. 10*", "c. 20*"], [True, True]), series("Counted", [5, 9], ["5", "9"]))
    spec = sample_spec("column", categories=("North", "South"), series=rows, legend="bottom")
    (frame,) = save_and_reopen(tmp_path, [spec])
    root = chart_xml(frame.chart)
    (estimated, counted) = xp(root, ".//c:ser")
    assert xp(estimated, "c:spPr/a:solidFill/a:srgbClr/@val") == [style.derived_fill(PALETTE[0]).lstrip("#")]
    assert xp(estimated, "c:spPr/a:ln/a:solidFill/a:srgbClr/@val") == [PALETTE[0].lstrip("#")]
    assert xp(counted, "c:spPr/a:solidFill/a:srgbClr/@val") == [PALETTE[1].lstrip("#")]


@pytest.mark.parametrize("kind", NATIVE_KINDS)
def test_title_and_fonts(frames: dict, kind: str) -> None:
    chart = frames[kind].chart
    assert chart.has_title
    assert chart.chart_title.text_frame.text == f"Sample {kind.replace('_', ' ')}"
    root = chart_xml(chart)
    assert xp(root, "c:chart/c:title/c:layout/c:manualLayout/c:x/@val") == ["0"]
    faces = set(xp(root, ".//a:latin/@typeface"))
    assert faces == {"Calibri"}
    sizes = set(xp(root, ".//a:defRPr/@sz"))
    assert "900" in sizes


def test_no_title_when_empty(tmp_path: Path) -> None:
    (frame,) = save_and_reopen(tmp_path, [sample_spec("column", title="")])
    assert not frame.chart.has_title
    assert xp(chart_xml(frame.chart), "c:chart/c:autoTitleDeleted/@val") == ["1"]


def test_legend_position(tmp_path: Path) -> None:
    specs = [sample_spec("line", legend=p) for p in ("top", "bottom", "left", "right", "none")]
    frames = save_and_reopen(tmp_path, specs)
    positions = [f.chart.legend.position if f.chart.has_legend else None for f in frames]
    assert positions == [XL_LEGEND_POSITION.TOP, XL_LEGEND_POSITION.BOTTOM, XL_LEGEND_POSITION.LEFT, XL_LEGEND_POSITION.RIGHT, None]


def test_bar_categories_top_to_bottom(frames: dict) -> None:
    chart = frames["bar"].chart
    assert chart.category_axis.reverse_order
    assert xp(chart_xml(chart), ".//c:valAx/c:crosses/@val") == ["max"]
    assert not frames["column"].chart.category_axis.reverse_order


def test_value_axis_matches_shared_scale(frames: dict) -> None:
    axis = frames["column"].chart.value_axis
    assert (axis.minimum_scale, axis.maximum_scale, axis.major_unit) == (0.0, 300.0, 100.0)
    gridline = axis.major_gridlines.format.line.color.rgb
    assert str(gridline) == "D9DEE4"


def test_axis_titles(tmp_path: Path) -> None:
    (frame,) = save_and_reopen(tmp_path, [sample_spec("bar", x_title="Outcome", y_title="Count")])
    chart = frame.chart
    assert chart.category_axis.axis_title.text_frame.text == "Outcome"
    assert chart.value_axis.axis_title.text_frame.text == "Count"


def test_highlight_per_point(tmp_path: Path) -> None:
    spec = sample_spec("column", highlight="Children safeguarded", highlight_colour="#C8553D", muted_colour="#B8C2CC")
    (frame,) = save_and_reopen(tmp_path, [spec])
    root = chart_xml(frame.chart)
    fills = {i: point_fill(root, i) for i in range(3)}
    assert fills == {0: ("#B8C2CC", None), 1: ("#C8553D", None), 2: (style.derived_fill("#B8C2CC"), "#B8C2CC")}


def test_published_line_is_the_titles_second_paragraph(tmp_path: Path) -> None:
    specs = [sample_spec("column", subtitle="5,812 reports received"),
             sample_spec("column", title="", subtitle="5,812 reports received")]
    titled, untitled = save_and_reopen(tmp_path, specs)
    paragraphs = titled.chart.chart_title.text_frame.paragraphs
    assert [p.text for p in paragraphs] == ["Sample column", "5,812 reports received"]
    assert [p.runs[0].font.bold for p in paragraphs] == [True, False]
    assert [p.text for p in untitled.chart.chart_title.text_frame.paragraphs] == ["5,812 reports received"]
