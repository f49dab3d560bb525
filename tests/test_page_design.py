"""The PDF's design rules, for every report: checked on the laid-out pages, without rendering.

One hierarchy (each content page opens with a kicker and an H1 of one size, in one
place); nothing printed under 8 pt; a measure of at most 75 characters for running
text; tiles as tall as their text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Collector, Span
from generator.layout.context import lines_height
from generator.layout.engine import lay_out
from generator.layout.frame import Document, RectItem, TextItem
from generator.layoutfile.load import Layout, ThemeChoice, load_layout
from generator.model.load_report import load_report

ROOT = Path(__file__).resolve().parent.parent
REPORTS = [ROOT / "data" / "ceop-2007-08.yaml", *sorted((ROOT / "tests" / "fixtures" / "orgs").glob("*.yaml"))]
MEASURE = 75  # characters a line of running text may hold
SMALLEST = 8.0  # pt


def laid_out(data: Path) -> tuple[Layout, Document]:
    problems = Collector()
    report = load_report(data, problems)
    choice = ThemeChoice(report.theme, Span("test")) if report.theme else None
    layout = load_layout(ROOT / "layouts" / "report-a4.yaml", "pdf", problems, choice)
    return layout, lay_out(report, layout, problems)


def texts(page) -> list[TextItem]:
    return [i for i in page.items if isinstance(i, TextItem) and i.lines]


def line_text(line) -> str:
    return "".join(p.text for p in line.pieces)


@pytest.mark.parametrize("data", REPORTS, ids=lambda p: p.stem)
def test_every_content_page_opens_with_a_kicker_and_an_h1_in_one_place(data: Path) -> None:
    layout, doc = laid_out(data)
    kicker, h1 = layout.theme.style("kicker"), layout.theme.style("h1")
    heads = []
    for page in doc.pages:
        if page.cover:
            continue
        body = [i for i in texts(page) if i.role != "running" and i.role != "logo"]
        first = min(body, key=lambda i: i.box.y)
        assert first.lines[0].pieces[0].size == kicker.size and first.lines[0].pieces[0].font == kicker.font, page.id
        titles = [i for i in body if i.role == "title"]
        if titles:  # the first page of each part: its H1 under the kicker
            title = titles[0]
            assert {p.size for line in title.lines for p in line.pieces} == {h1.size}, (page.id, page.number)
            heads.append((page.id, first.box.y, title.box.y + title.lines[0].baseline))
        else:  # a page a flow or a repeated page continues onto: the kicker alone, in the same place
            heads.append((page.id, first.box.y, None))
    assert len({y for _, y, _ in heads}) == 1, heads
    assert len({b for _, _, b in heads if b is not None}) == 1, heads
    parts = {page.id for page in doc.pages if not page.cover}
    assert {pid for pid, _, b in heads if b is not None} == parts, "every part has its H1"


@pytest.mark.parametrize("data", REPORTS, ids=lambda p: p.stem)
def test_nothing_is_printed_under_8_pt(data: Path) -> None:
    _layout, doc = laid_out(data)
    small = [(page.number, i.role, p.text) for page in doc.pages for i in texts(page) for line in i.lines
             for p in line.pieces if p.size < SMALLEST - 0.001]
    assert small == []


@pytest.mark.parametrize("data", REPORTS, ids=lambda p: p.stem)
def test_running_text_keeps_a_measure_of_75_characters(data: Path) -> None:
    """The intro, the narrative, quotes and lists: no line longer than 75 characters."""
    layout, doc = laid_out(data)
    running = {layout.theme.style(name).size for name in ("intro", "body", "quote_body")}
    long = [(page.number, line_text(line)) for page in doc.pages for i in texts(page) if i.role not in ("running",)
            for line in i.lines if line.pieces and line.pieces[0].size in running and len(line_text(line)) > MEASURE]
    assert long == []


@pytest.mark.parametrize("data", REPORTS, ids=lambda p: p.stem)
def test_tiles_are_as_tall_as_their_text(data: Path) -> None:
    """No tile is left with more than its padding and a line's height empty below its text."""
    layout, doc = laid_out(data)
    tint = layout.theme.colour("tint")
    pad = layout.theme.spacing["tile_padding"]
    checked = 0
    for page in (p for p in doc.pages if p.id == "at-a-glance"):
        tiles = [i.box for i in page.items if isinstance(i, RectItem) and i.fill == tint]
        values = [i for i in texts(page) if i.role == "figure"]
        rows: dict[float, list] = {}
        for tile in tiles:
            text = next(t for t in values if tile.x <= t.box.x <= tile.right and tile.y <= t.box.y <= tile.bottom)
            rows.setdefault(round(tile.y, 1), []).append(tile.bottom - (text.box.y + lines_height(text.lines)))
            checked += 1
        for row in rows.values():  # the tallest text of each row fills its tile
            assert min(row) <= pad + 0.5, (page.number, row)
    assert checked > 0


@pytest.mark.parametrize("data", REPORTS, ids=lambda p: p.stem)
def test_one_or_two_loose_charts_join_the_flow_rather_than_a_half_empty_page(data: Path) -> None:
    """Charts no section claims get a page of their own only from three up; fewer are set after the narrative."""
    from generator.layout.frame import ChartItem
    from generator.model.collections import collection

    layout, doc = laid_out(data)
    loose = collection(load_report(data, Collector()), "other_charts")
    own_page = [p for p in doc.pages if p.id == "in-numbers"]
    assert bool(own_page) == (len(loose) >= 3), data.stem
    drawn = {item.spec.title for page in doc.pages for item in page.items if isinstance(item, ChartItem)}
    assert {series.title for series in loose} <= drawn  # every chart is drawn somewhere, once its page or flow
