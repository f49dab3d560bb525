"""Kinds of slide and their slots, in the layout stage: placeholders at the grid's areas, items marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Collector, Span
from generator.layout.engine import lay_out
from generator.layout.frame import SLIDE_NUMBER, ChartItem, TextItem
from generator.layoutfile.load import ThemeChoice, load_layout
from generator.model.load_report import load_report

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "ceop-2007-08.yaml"
DECK_LAYOUT = ROOT / "layouts" / "deck-16x9.yaml"


@pytest.fixture(scope="module")
def deck():
    problems = Collector()
    layout = load_layout(DECK_LAYOUT, "deck", problems, ThemeChoice("ceop", Span("test")))
    doc = lay_out(load_report(DATA, problems), layout, problems)
    assert [d.format() for d in problems.items] == []
    return doc


def test_every_slide_has_its_pages_kind(deck) -> None:
    kinds = {page.id: page.kind for page in deck.pages}
    assert kinds == {"title": "title", "headline-figures": "figures", "chart": "chart", "quote": "quote",
                     "list": "list", "more-figures": "figures", "closing": "closing"}


def test_slots_are_the_blocks_areas(deck) -> None:
    chart = next(p for p in deck.pages if p.kind == "chart")
    slots = {s.name: s for s in chart.slots}
    assert [(s.name, s.kind, s.idx) for s in chart.slots] == [("Title", "title", 0), ("Chart", "chart", 1),
                                                               (SLIDE_NUMBER, "sldNum", 12)]
    drawn = next(i for i in chart.items if isinstance(i, ChartItem))
    assert drawn.slot == "Chart"
    # The chart fills its area but for the derived-value note set under it: same top, left and width.
    assert (drawn.box.x, drawn.box.y, drawn.box.w) == (slots["Chart"].box.x, slots["Chart"].box.y, slots["Chart"].box.w)
    title = chart.items[chart.title_item]
    assert title.slot == "Title" and title.box == slots["Title"].box
    assert slots["Title"].look.family == "Cambria" and slots["Title"].look.bold


def test_the_title_slides_text_fills_a_title_and_a_subtitle(deck) -> None:
    cover = deck.pages[0]
    assert [(s.name, s.kind) for s in cover.slots] == [("Title", "ctrTitle"), ("Sub", "subTitle"), ("Org", "body")]
    filled = {i.slot: i.text for i in cover.items if isinstance(i, TextItem) and i.slot}
    assert filled["Title"] == "Annual Review 2007/08" and filled["Sub"] == "Second-year results"
    assert cover.master is None and cover.furniture == 0


def test_the_page_number_is_the_slide_number_slot(deck) -> None:
    page = deck.pages[1]
    assert page.master == "default" and page.furniture > 0
    number = [i for i in page.items[:page.furniture] if isinstance(i, TextItem) and i.slot == SLIDE_NUMBER]
    assert len(number) == 1 and number[0].text == "2"


def test_the_brand_fills_every_slot_of_the_scheme(deck) -> None:
    colours = dict(deck.brand.colours)
    assert len(colours) == 12 and all(c.startswith("#") and len(c) == 7 for c in colours.values())
    assert (deck.brand.major, deck.brand.minor) == ("Cambria", "Calibri")


def test_slide_layout_in_a_pdf_layout_is_an_error(tmp_path: Path) -> None:
    layout = tmp_path / "pdf.yaml"
    layout.write_text((ROOT / "layouts" / "report-a4.yaml").read_text(encoding="utf-8").replace(
        "  - id: cover\n", "  - id: cover\n    slide_layout: title\n", 1), encoding="utf-8")
    (tmp_path / "themes").symlink_to(ROOT / "layouts" / "themes")
    problems = Collector()
    load_layout(layout, "pdf", problems, ThemeChoice("ceop", Span("test")))
    messages = [d.format() for d in problems.items]
    assert any("slide_layout" in m and "for the pdf" in m and f"{layout.name}:" in m for m in messages), messages
