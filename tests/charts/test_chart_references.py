"""Benchmark and target lines: a dashed line in the PDF's vector drawing, a line series in the deck's chart XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from generator.charts.deck import add_chart
from generator.charts.record import record
from generator.charts.scale import value_scale
from generator.charts.spec import ChartReference

from .conftest import TEXT, sample_spec, series

C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
     "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
AVERAGE = ChartReference(94.5, "The national average (2016/17): 94.5%")
STANDARD = ChartReference(90, "The performance standard (2017/18): 90%")


def percent_spec(kind: str = "column", **extra: object):
    return sample_spec(kind, categories=("2016/17", "2017/18"), number_format='#,##0"%"',
                       series=(series("Within the hour", [74, 99], ["74%", "99%"]),),
                       references=(AVERAGE, STANDARD), legend="none", **extra)


def dashed_lines(ops: list) -> list[tuple[float, float, float, float]]:
    """(x0, y0, x1, y1) of every two-point dashed stroke in the text colour."""
    found = []
    for op in ops:
        if op["op"] == "path" and op["stroke"] == TEXT and op["dash"] and len(op["d"]) == 2:
            (_, x0, y0), (_, x1, y1) = op["d"]
            found.append((x0, y0, x1, y1))
    return found


def test_pdf_draws_each_reference_as_a_dashed_line_with_its_words() -> None:
    """Two horizontal dashed lines, the higher for 94.5%, each labelled with its words and period."""
    ops = record(percent_spec(), 300, 220)
    lines = sorted(dashed_lines(ops), key=lambda line: line[1])
    assert len(lines) == 2 and all(y0 == y1 for _, y0, _, y1 in lines)
    low, high = lines
    assert high[1] > low[1]  # y up: 94.5 above 90
    assert low[2] - low[0] > 150  # across the plot
    texts = {op["text"] for op in ops if op["op"] == "text"}
    assert {AVERAGE.label, STANDARD.label} <= texts


def test_bar_reference_is_vertical() -> None:
    spec = sample_spec("bar", references=(ChartReference(200, "Target: 200"),))
    [(x0, y0, x1, y1)] = dashed_lines(record(spec, 300, 220))
    assert x0 == x1 and abs(y1 - y0) > 100


def test_scale_reaches_every_reference() -> None:
    spec = sample_spec("column", references=(ChartReference(450, "Target: 450"),))
    assert value_scale(spec).high >= 450


@pytest.mark.parametrize("kind", ["column", "line", "stacked_column"])
def test_deck_adds_a_line_series_named_by_the_reference(tmp_path: Path, kind: str) -> None:
    """A c:lineChart on the column chart's own axes, dashed, its values in the workbook, named in the legend."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    spec = percent_spec(kind)
    add_chart(slide.shapes, spec, Emu(0), Emu(0), Emu(6_000_000), Emu(4_000_000))
    path = tmp_path / "deck.pptx"
    prs.save(str(path))
    chart = next(s.chart for s in Presentation(str(path)).slides[0].shapes if s.has_chart)
    xml = etree.fromstring(chart.part.blob)
    plot = xml.xpath("//c:plotArea", namespaces=C)[0]
    lines = plot.xpath("c:lineChart[c:ser/c:spPr/a:ln/a:prstDash[@val='dash']]", namespaces=C)
    assert len(lines) == 1
    names = lines[0].xpath("c:ser/c:tx//c:v/text()", namespaces=C)
    assert names == [AVERAGE.label, STANDARD.label]
    values = [lines[0].xpath(f"c:ser[{i}]/c:val//c:v/text()", namespaces=C) for i in (1, 2)]
    assert values == [["94.5", "94.5"], ["90.0", "90.0"]]
    axes = {tuple(p.xpath("c:axId/@val", namespaces=C)) for p in plot.xpath("c:barChart | c:lineChart", namespaces=C)}
    assert len(axes) == 1  # every plot shares the one pair of axes
    deleted = xml.xpath("//c:legend/c:legendEntry[c:delete/@val='1']/c:idx/@val", namespaces=C)
    assert deleted == ["0"]  # the legend names only the reference lines
    assert [s.name for s in chart.plots[-1].series] == [AVERAGE.label, STANDARD.label]


def test_deck_bar_chart_gets_no_line(tmp_path: Path) -> None:
    """A horizontal bar chart cannot take a line series; the layout states the reference in words instead."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = add_chart(slide.shapes, sample_spec("bar", references=(ChartReference(200, "Target: 200"),)),
                      Emu(0), Emu(0), Emu(6_000_000), Emu(4_000_000))
    assert not etree.fromstring(frame.chart.part.blob).xpath("//c:lineChart", namespaces=C)
