"""The layout stage: boxes, fitting and layout diagnostics, checked without rendering (like WeasyPrint's).

Most tests call `lay_out` directly and look at the Document it returns. Two
kinds go through the real command line: moving a block to another area (read
back from the real PDF and deck), and the diagnostics a designer sees.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from pptx import Presentation

from generator.diagnostics import Collector, Span, SpanlessError
from generator.layout.engine import SIZES, lay_out, page_areas
from generator.layout.frame import Box, ChartItem, Document, RectItem, TextItem
from generator.layout.grid import area_cells, resolve_grid
from generator.layout.variants import choose_variant
from generator.layoutfile.spec import Grid
from generator.layoutfile.load import Layout, ThemeChoice, load_layout
from generator.model.load_report import load_report

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "ceop-2007-08.yaml"
PDF_LAYOUT = ROOT / "layouts" / "report-a4.yaml"
DECK_LAYOUT = ROOT / "layouts" / "deck-16x9.yaml"
THEME = ROOT / "layouts" / "themes" / "ceop" / "theme.yaml"
CEOP = ThemeChoice("ceop", Span("test"))  # the theme the shipped data file names
PULL = "By us all working together 131 children are now safeguarded from some of the worst abuse imaginable – that is true impact."
EMU_PER_PT = 12700


@pytest.fixture(scope="module")
def laid_out() -> dict[str, tuple[Layout, Document]]:
    """The shipped report laid out with both shipped layouts; the layout stage reports nothing at all."""
    problems = Collector()
    report = load_report(DATA, problems)
    out = {}
    for path, kind in ((PDF_LAYOUT, "pdf"), (DECK_LAYOUT, "deck")):
        layout = load_layout(path, kind, problems, CEOP)
        assert layout is not None
        out[kind] = (layout, lay_out(report, layout, problems))
    assert [d.format() for d in problems.items] == []
    return out


def areas_of(layout: Layout, page_id: str, report=None) -> dict[str, Box]:
    """A page's named areas, from the grid math, the layout's margins and its auto rows' content (not its blocks)."""
    return page_areas(report or load_report(DATA, Collector()), layout, page_id, Collector())


def inside(inner: Box, outer: Box, slack: float = 0.5) -> bool:
    return (inner.x >= outer.x - slack and inner.y >= outer.y - slack
            and inner.right <= outer.right + slack and inner.bottom <= outer.bottom + slack)


# ---- boxes and fitting -----------------------------------------------------

@pytest.mark.parametrize("kind", ["pdf", "deck"])
def test_every_line_fits_inside_its_text_box(laid_out, kind: str) -> None:
    """Baselines within the box's height, lines within its width (bullets may hang into the indent only)."""
    _layout, doc = laid_out[kind]
    checked = 0
    for page in doc.pages:
        for item in (i for i in page.items if isinstance(i, TextItem)):
            for line in item.lines:
                where = f"{page.id}: {''.join(p.text for p in line.pieces)[:40]!r}"
                assert 0 < line.baseline <= item.box.h + 0.01, where
                assert line.x + line.width <= item.box.w + 0.5, where
                assert line.x + min((p.x for p in line.pieces), default=0) >= -0.5, where
                for piece in line.pieces:
                    assert piece.x + piece.width <= line.width + 0.5, where
                checked += 1
    assert checked > 100


@pytest.mark.parametrize("kind", ["pdf", "deck"])
def test_every_box_lies_on_its_page(laid_out, kind: str) -> None:
    _layout, doc = laid_out[kind]
    for page in doc.pages:
        for item in page.items:
            if hasattr(item, "box"):
                assert inside(item.box, Box(0, 0, page.width, page.height)), (page.id, item.box)


@pytest.mark.parametrize("kind, page_id", [("pdf", "at-a-glance"), ("deck", "headline-figures")])
def test_figure_tiles_fill_their_area_without_overlapping(laid_out, kind: str, page_id: str) -> None:
    """One tile per headline figure (the deck sets four to a slide), inside the area, none overlapping."""
    layout, doc = laid_out[kind]
    pages = [p for p in doc.pages if p.id == page_id]
    tint = layout.theme.colour("tint")
    per_page = [[i.box for i in page.items if isinstance(i, RectItem) and i.fill == tint] for page in pages]
    assert [len(t) for t in per_page] == ([6] if kind == "pdf" else [4, 2]), "one tile per headline figure"
    area = areas_of(layout, page_id)["tiles"]
    for tiles in per_page:
        for tile in tiles:
            assert inside(tile, area, 0.01)
            assert tile.w > 100 and tile.h > 60
        for a, b in itertools.combinations(tiles, 2):
            assert not a.overlaps(b), (a, b)


def test_tile_text_stays_inside_its_tile(laid_out) -> None:
    layout, doc = laid_out["pdf"]
    page = next(p for p in doc.pages if p.id == "at-a-glance")
    tiles = [i.box for i in page.items if isinstance(i, RectItem) and i.fill == layout.theme.colour("tint")]
    texts = [i for i in page.items if isinstance(i, TextItem) and i.role == "figure"]
    assert len(texts) == 6
    for text in texts:
        assert sum(inside(text.box, tile) for tile in tiles) == 1


def test_a_part_of_a_whole_alone_on_a_slide_is_set_larger(laid_out) -> None:
    """A proportion bar or waffle with a slide to itself grows (type, bar, squares) rather than sit as a sliver."""
    layout, doc = laid_out["deck"]
    size = layout.theme.spacing["chart_font"]
    compact = [(page, item) for page in doc.pages for item in page.items
               if isinstance(item, ChartItem) and item.spec.kind in ("proportion", "waffle")]
    assert compact
    for page, item in compact:
        assert size < item.spec.font_size <= size * 2, page.id
        assert item.box.h >= page.height * 0.2, page.id  # a real share of the slide (a sliver was 85 pt of 540)


def test_blocks_sit_in_their_named_areas(laid_out) -> None:
    """The at-a-glance chart fills its area exactly; the quote's text stays within its area."""
    layout, doc = laid_out["pdf"]
    page = next(p for p in doc.pages if p.id == "at-a-glance")
    areas = areas_of(layout, "at-a-glance")
    chart = next(i for i in page.items if isinstance(i, ChartItem))
    assert chart.box == areas["chart"]
    quote = next(i for i in page.items if isinstance(i, TextItem) and i.role == "quote")
    assert inside(quote.box, areas["quote"], 0.01)
    assert "Jim Gamble" in quote.text


# ---- grid math --------------------------------------------------------------

def test_named_areas_follow_the_grid_math() -> None:
    """Worked by hand: 400 × 300 pt at (10, 20); columns 100pt 1fr 2fr, gap 20; rows 50 1fr, gap 10.

    Free width 400 − 100 − 2 × 20 = 260, so 1fr = 86⅔ and 2fr = 173⅓; columns start at 0, 120, 226⅔.
    Free height 300 − 50 − 10 = 240; rows start at 0 and 60.
    """
    grid = Grid(columns=["100pt", "1fr", "2fr"], rows=[50.0, "1fr"], gap=[10.0, 20.0],
                areas=["head head head", "side main main"])
    boxes = resolve_grid(grid, Box(10, 20, 400, 300))
    assert set(boxes) == {"head", "side", "main"}
    assert boxes["head"] == pytest.approx(Box(10, 20, 400, 50))
    assert boxes["side"] == pytest.approx(Box(10, 80, 100, 240))
    main = boxes["main"]
    assert (main.x, main.y, main.w, main.h) == pytest.approx((130, 80, 280, 240))


def test_empty_cells_and_equal_columns() -> None:
    """`columns: 3` is three equal columns; "." cells make no area; one gap for rows and columns."""
    grid = Grid(columns=3, rows=["1fr", "1fr"], gap=15.0, areas=["a . b", "a c c"])
    boxes = resolve_grid(grid, Box(0, 0, 330, 215))
    assert set(boxes) == {"a", "b", "c"}
    assert (boxes["a"].x, boxes["a"].y, boxes["a"].w, boxes["a"].h) == pytest.approx((0, 0, 100, 215))
    assert (boxes["b"].x, boxes["b"].w, boxes["b"].h) == pytest.approx((230, 100, 100))
    assert (boxes["c"].x, boxes["c"].y, boxes["c"].w) == pytest.approx((115, 115, 215))


def test_an_empty_area_gives_its_columns_to_its_neighbour_on_the_same_rows() -> None:
    """No intro: the contents list beside it takes its width; an area on other rows takes nothing."""
    grid = Grid(columns=3, rows=["1fr", "1fr"], gap=15.0, areas=["head head side", "intro intro list"])
    boxes = resolve_grid(grid, Box(0, 0, 330, 215), frozenset({"intro"}))
    assert (boxes["list"].x, boxes["list"].w) == pytest.approx((0, 330))
    assert (boxes["side"].x, boxes["side"].w) == pytest.approx((230, 100))  # its rows are not the intro's
    boxes = resolve_grid(grid, Box(0, 0, 330, 215), frozenset({"list"}))
    assert (boxes["intro"].x, boxes["intro"].w) == pytest.approx((0, 330))  # likewise to the left


@pytest.mark.parametrize("areas, message", [
    (["a b", "b a"], "area 'a' is not a rectangle"),
    (["a a", "a"], "row 2 of the areas has 1 cells, the first row has 2"),
])
def test_bad_areas_are_refused(areas: list[str], message: str) -> None:
    with pytest.raises(SpanlessError, match=re.escape(message)):
        area_cells(areas)


def test_fixed_tracks_larger_than_the_page_are_refused() -> None:
    grid = Grid(columns=["300pt", "300pt"], rows=1, gap=0.0, areas=["a b"])
    with pytest.raises(SpanlessError, match="need 600 pt but only 500 pt"):
        resolve_grid(grid, Box(0, 0, 500, 100))


# ---- moving a block moves it in both outputs -------------------------------

def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"expected exactly one {old!r} in the layout"
    return text.replace(old, new)


@pytest.fixture(scope="module")
def swapped(tmp_path_factory: pytest.TempPathFactory, shipped_build: Path, cli) -> dict[str, Path]:
    """Layouts where the at-a-glance chart and quote swap areas, and a slide's chart moves to the side.

    Written as copies of the shipped layouts (theme by absolute path), then built for real.
    """
    work = tmp_path_factory.mktemp("swapped")
    pdf = PDF_LAYOUT.read_text(encoding="utf-8")
    pdf = replace_once(pdf, "theme: themes/default/theme.yaml", f"theme: {THEME}")
    pdf = replace_once(pdf, '{area: quote, type: quote, quote: "pull_quotes[0]", size: [10, 14]}',
                       '{area: chart, type: quote, quote: "pull_quotes[0]", size: [10, 14]}')
    pdf = replace_once(pdf, '          - {area: chart, type: chart, series: "headline_charts[0]"}\n      - when: {headline_charts: 1}',
                       '          - {area: quote, type: chart, series: "headline_charts[0]"}\n      - when: {headline_charts: 1}')
    deck = DECK_LAYOUT.read_text(encoding="utf-8")
    deck = replace_once(deck, "theme: themes/default/theme.yaml", f"theme: {THEME}")
    deck = replace_once(deck, '  chart:\n    columns: 1\n    rows: [44pt, 1fr]\n    gap: 16\n    areas:\n      - "heading"\n      - "chart"\n',
                        '  chart:\n    columns: [1fr, 300pt]\n    rows: [44pt, 1fr]\n    gap: 16\n    areas:\n'
                        '      - "heading heading"\n      - "chart   side"\n')
    shipped = work / "shipped-deck.yaml"
    shipped.write_text(deck, encoding="utf-8")
    deck = replace_once(deck, '{area: chart, type: chart, chart: {title: ""}, valign: middle}',
                        '{area: side, type: chart, chart: {title: ""}, valign: middle}')
    paths = {"pdf_layout": work / "report-a4.yaml", "deck_layout": work / "deck-16x9.yaml", "out": work / "out"}
    paths["pdf_layout"].write_text(pdf, encoding="utf-8")
    paths["deck_layout"].write_text(deck, encoding="utf-8")
    done = cli("build", DATA, "--out", paths["out"], "--pdf-layout", paths["pdf_layout"],
               "--deck-layout", paths["deck_layout"])
    assert done.returncode == 0, done.stderr
    paths["shipped"] = shipped_build
    paths["deck_before"] = work / "before"
    done = cli("build", DATA, "--out", paths["deck_before"], "--deck-layout", shipped)
    assert done.returncode == 0, done.stderr
    return paths


def glance_words(pdf_words, pdf: Path, below: float) -> tuple[list[Box], list[Box]]:
    """On the at-a-glance page, below the tiles: boxes of the quote's speaker and of the chart's category labels."""
    _w, _h, words = pdf_words(pdf)[1]
    words = [w for w in words if w[2] >= below]  # the tiles above may mention 2006/07 too
    speaker = [Box(x0, y0, x1 - x0, y1 - y0) for text, x0, y0, x1, y1 in words if text == "Gamble"]
    labels = [Box(x0, y0, x1 - x0, y1 - y0) for text, x0, y0, x1, y1 in words if text.startswith("2006/07")]
    assert speaker and labels
    return speaker, labels


def test_swapping_areas_moves_quote_and_chart_in_the_pdf(swapped, pdf_words) -> None:
    problems = Collector()
    layout = load_layout(swapped["pdf_layout"], "pdf", problems, CEOP)
    areas = areas_of(layout, "at-a-glance")
    assert areas["quote"].x < areas["chart"].x, "the test expects the quote area left of the chart area"

    speaker, labels = glance_words(pdf_words, swapped["shipped"] / "ceop-2007-08.pdf", areas["tiles"].bottom)
    assert all(inside(b, areas["quote"], 1) for b in speaker)
    assert all(inside(b, areas["chart"], 1) for b in labels)

    speaker, labels = glance_words(pdf_words, swapped["out"] / "ceop-2007-08.pdf", areas["tiles"].bottom)
    assert all(inside(b, areas["chart"], 1) for b in speaker), "the quote did not move to the chart's area"
    assert all(inside(b, areas["quote"], 1) for b in labels), "the chart did not move to the quote's area"


def arrests_slide(pptx: Path):
    """The slide holding the arrests-by-year chart, and that chart's graphic frame."""
    for slide in Presentation(str(pptx)).slides:
        for shape in slide.shapes:
            if shape.has_chart and shape.chart.plots[0].series[0].name == "Arrests":
                return slide, shape
    raise AssertionError("no arrests chart in the deck")


def emu_box(shape) -> Box:
    return Box(shape.left / EMU_PER_PT, shape.top / EMU_PER_PT, shape.width / EMU_PER_PT, shape.height / EMU_PER_PT)


def test_moving_a_chart_on_a_slide_moves_the_native_chart(swapped) -> None:
    problems = Collector()
    layout = load_layout(swapped["deck_layout"], "deck", problems, CEOP)
    areas = areas_of(layout, "chart")

    def top_of(area: Box, box: Box) -> None:
        """The chart fills its area's width from the top; its derived-value note takes the foot of the area."""
        assert (box.x, box.y, box.w) == pytest.approx((area.x, area.y, area.w), abs=0.01)
        assert area.h * 0.7 < box.h < area.h

    _slide, frame = arrests_slide(swapped["deck_before"] / "ceop-2007-08.pptx")
    top_of(areas["chart"], emu_box(frame))

    _slide, frame = arrests_slide(swapped["out"] / "ceop-2007-08.pptx")
    top_of(areas["side"], emu_box(frame))
    assert not emu_box(frame).overlaps(areas["chart"])


# ---- overflow ---------------------------------------------------------------

KEN_PULL = "Those successes are down to joint working and effective alliances."


def data_with_pull(tmp_path: Path, pull: str, old: str = PULL, first_words: str = "I hope offenders") -> Path:
    """The shipped data with one pull quote replaced (and added to the speaker's words, where it must appear)."""
    text = DATA.read_text(encoding="utf-8")
    text = replace_once(text, f"    pull: {old}\n", f"    pull: {pull}\n")
    text = replace_once(text, f"    text:\n      - >-\n        {first_words}",
                        f"    text:\n      - {pull}\n      - >-\n        {first_words}")
    path = tmp_path / "ceop-2007-08.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def first_line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line containing `needle`."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line)


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the only line containing `needle`."""
    found = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line]
    assert len(found) == 1, needle
    return found[0]


def test_text_ten_times_too_long_is_an_error_at_the_layout_line(tmp_path: Path, cli) -> None:
    data = data_with_pull(tmp_path, " ".join([PULL] * 10))
    done = cli("check", data)
    assert done.returncode == 1
    glance = line_of(PDF_LAYOUT, '{area: quote, type: quote, quote: "pull_quotes[0]", size: [10, 14]}')
    assert re.search(rf"^layouts/report-a4\.yaml:{glance}:\d+: error: quote 'jim_gamble' on page 'at-a-glance' "
                     rf"does not fit its box: it overflows by \d+ pt", done.stderr, re.M), done.stderr
    assert re.search(r"^layouts/deck-16x9\.yaml:\d+:\d+: error: quote 'jim_gamble' on slide 'quote' "
                     r"does not fit its box", done.stderr, re.M), done.stderr
    assert "Traceback" not in done.stderr


def test_a_pull_quote_in_the_flow_that_cannot_fit_is_an_error_at_its_line(tmp_path: Path, cli) -> None:
    # Pull quotes in the flow are as tall as their words: this one is taller than a whole column.
    data = data_with_pull(tmp_path, " ".join([KEN_PULL] * 60), KEN_PULL, "We have seen great successes")
    done = cli("check", data)
    assert done.returncode == 1
    flow = line_of(PDF_LAYOUT, "- sections: all")
    assert re.search(rf"^layouts/report-a4\.yaml:{flow}:\d+: error: quote 'ken_jones' on page 'story' "
                     rf"does not fit its box: it overflows by \d+ pt", done.stderr, re.M), done.stderr


def test_somewhat_long_text_shrinks_with_a_warning(tmp_path: Path, cli) -> None:
    longer = " ".join([KEN_PULL] * 5)
    data = data_with_pull(tmp_path, longer, KEN_PULL, "We have seen great successes")
    slide = line_of(DECK_LAYOUT, "{area: quote, type: quote, style: quote_large")
    warning = rf"^layouts/deck-16x9\.yaml:{slide}:\d+: %s: quote 'ken_jones' on slide 'quote' was set at [\d.]+ pt, below its preferred 36\.0 pt"

    done = cli("check", data)
    assert done.returncode == 0, done.stderr
    assert re.search(warning % "warning", done.stderr, re.M), done.stderr
    assert ": error: " not in done.stderr

    strict = cli("check", data, "--strict")
    assert strict.returncode == 1
    assert re.search(warning % "error", strict.stderr, re.M), strict.stderr


# ---- layout diagnostics -------------------------------------------------------

SEMANTIC = """\
output: pdf
theme: {theme}
size: A4
margins: {{top: 60, right: 50, bottom: 60, left: 50}}
grids:
  main:
    columns: 2
    rows: [40pt, 1fr, 1fr]
    gap: 12
    areas:
      - "head  head"
      - "left  right"
      - "left  foot"
  broken:
    columns: 2
    rows: 2
    areas:
      - "a b"
      - "b a"
pages:
  - id: first
    grid: main
    master: none
    blocks:
      - {{area: head, type: heading, text: "Hello"}}
      - {{area: middle, type: text, text: "Nowhere"}}
      - {{area: left, type: figure, figure: arrest}}
      - {{area: right, type: chart, series: outcome}}
      - {{area: foot, type: quote, quote: jim_gambol}}
      - {{area: head, type: heading, text: "Again"}}
  - id: second
    grid: broken
    master: none
    blocks:
      - {{area: a, type: heading, text: "Never laid out"}}
"""

UNKNOWN_KEYS = """\
output: deck
theme: {theme}
margin: {{top: 10}}
grids:
  main:
    columns: 1
    rows: 1
    areas: ["body"]
pages:
  - id: only
    grid: main
    master: none
    blocks:
      - {{area: body, type: heading, txt: "Hello"}}
    note: a slide note
"""

BROKEN_THEME = """\
extends: {parent}
name: Broken fonts
fonts:
  serif:
    regular: fonts/NoSuchFont-Regular.ttf
    deck_name: Cambria
styles:
  h1: {{family: slab, size: 20}}
"""


def diagnostics(stderr: str) -> list[str]:
    """The `path:line:col: severity: message` lines, without hints or the summary."""
    return [line for line in stderr.splitlines() if re.match(r"^\S+:\d+:\d+: (error|warning): ", line)]


def test_layout_problems_are_all_reported_at_their_lines(tmp_path: Path, cli) -> None:
    """Semantic problems in the PDF layout and unknown keys in the deck layout, in one run.

    Lines and columns counted by hand in SEMANTIC and UNKNOWN_KEYS above.
    """
    pdf = tmp_path / "pdf.yaml"
    pdf.write_text(SEMANTIC.format(theme=THEME), encoding="utf-8")
    deck = tmp_path / "deck.yaml"
    deck.write_text(UNKNOWN_KEYS.format(theme=THEME), encoding="utf-8")

    done = cli("check", unthemed(tmp_path), "--pdf-layout", pdf, "--deck-layout", deck)

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert diagnostics(done.stderr) == [
        f"{deck}:3:1: error: unknown key 'margin'",
        f"{deck}:14:37: error: unknown key 'txt' in pages[0].blocks[0]",
        f"{deck}:15:5: error: unknown key 'note' in pages[0]",
        f"{pdf}:18:9: error: grid 'broken': area 'a' is not a rectangle",
        f"{pdf}:26:16: error: unknown area 'middle'",
        f"{pdf}:27:44: error: unknown figure 'arrest'",
        f"{pdf}:28:44: error: unknown series 'outcome'",
        f"{pdf}:29:42: error: unknown quote 'jim_gambol'",
        f"{pdf}:30:9: error: this block overlaps block 1 in area 'head' on page 'first'",
    ], done.stderr
    for hint in ("did you mean 'margins'?", "did you mean 'text'?", "did you mean 'notes'?", "did you mean 'arrests'?",
                 "did you mean 'outcomes'?", "did you mean 'jim_gamble'?", "known areas: foot, head, left, right"):
        assert f"  hint: {hint}" in done.stderr
    assert "9 error(s)" in done.stderr


def test_missing_font_file_in_a_theme(tmp_path: Path, cli) -> None:
    (tmp_path / "theme.yaml").write_text(BROKEN_THEME.format(parent=THEME), encoding="utf-8")
    layout = tmp_path / "layout.yaml"
    layout.write_text(SEMANTIC.format(theme="theme.yaml").split("  broken:")[0]
                      + "pages:\n  - id: first\n    grid: main\n    master: none\n", encoding="utf-8")

    done = cli("check", unthemed(tmp_path), "--pdf-layout", layout)

    assert done.returncode == 1
    theme = tmp_path / "theme.yaml"
    assert diagnostics(done.stderr) == [
        f"{theme}:5:14: error: font file 'fonts/NoSuchFont-Regular.ttf' does not exist",
        f"{theme}:8:16: error: unknown font family 'slab'",
    ], done.stderr


REPEAT_DECK = """\
output: deck
extends: {parent}
pages:
  - id: figure-slide
    grid: figures
    repeat: headline_figures
    notes: "{{item.value}} {{item.label}}"
    blocks:
      - {{area: heading, type: heading, text: "{{item.value}} {{item.label}}", style: h1}}
      - {{area: tiles, type: figure}}
  - id: series-slide
    grid: chart
    repeat: series
    blocks:
      - {{area: heading, type: heading, text: "{{item.title}}", style: h1}}
      - {{area: chart, type: chart, chart: {{kind: column}}}}
"""


def test_repeated_slides_follow_their_collections(tmp_path: Path) -> None:
    """`repeat:` makes a slide per headline figure and per series, each bound to its item."""
    layout_file = tmp_path / "deck.yaml"
    layout_file.write_text(REPEAT_DECK.format(parent=DECK_LAYOUT), encoding="utf-8")
    problems = Collector()
    report = load_report(DATA, problems)
    layout = load_layout(layout_file, "deck", problems, CEOP)
    assert layout is not None
    doc = lay_out(report, layout, problems)
    assert [d.format() for d in problems.items if d.severity.value == "error"] == []

    figure_slides = [p for p in doc.pages if p.id == "figure-slide"]
    headline = report.headline_figures
    assert len(figure_slides) == len(headline) == 6
    for page, fig in zip(figure_slides, headline):
        texts = [i.text for i in page.items if isinstance(i, TextItem)]
        assert any(" ".join(t.split()) == f"{fig.value.text} {fig.label}" for t in texts), texts
        assert any(t.startswith(fig.value.text + "\n") for t in texts if t.split("\n")[0] == fig.value.text)
        assert page.notes.startswith(f"{fig.value.text} {fig.label}")

    series_slides = [p for p in doc.pages if p.id == "series-slide"]
    assert len(series_slides) == len(report.series)
    charts = [next((i for i in p.items if isinstance(i, ChartItem)), None) for p in series_slides]
    # A series of unlike measures gets its slide but no chart, and a warning at the chart block.
    assert [c.spec.categories if c else None for c in charts] == [
        None if s.unlike_measures else s.categories for s in report.series.values()]
    assert report.series["outcomes"].unlike_measures
    warned = [d.format() for d in problems.items if "is not charted" in d.message]
    assert warned == [f"{layout_file}:16:9: warning: series 'outcomes' is not charted: it puts 5 different measures "
                      "on one axis\n  hint: state the series' `measure:` in the data file if its figures count one "
                      "thing, or bind this chart to another series"], warned


def every_figure_headline(tmp_path: Path) -> Path:
    """The shipped data with all twelve figures marked as headline figures."""
    lines = DATA.read_text(encoding="utf-8").splitlines()
    out = [line for line in lines if line.strip() != "headline: true"]
    marked = [line + "\n    headline: true" if line.startswith("    value: ") else line for line in out]
    path = tmp_path / "twelve.yaml"
    path.write_text("\n".join(marked) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind, layout_file, page_id", [("pdf", PDF_LAYOUT, "at-a-glance"),
                                                        ("deck", DECK_LAYOUT, "headline-figures")])
def test_the_same_layout_serves_twelve_headline_figures(tmp_path: Path, kind: str, layout_file: Path,
                                                        page_id: str) -> None:
    """Twelve tiles instead of six: rearranged and set smaller (with warnings), never overflowing."""
    problems = Collector()
    report = load_report(every_figure_headline(tmp_path), problems)
    assert report is not None and len(report.headline_figures) == 12
    layout = load_layout(layout_file, kind, problems, CEOP)
    doc = lay_out(report, layout, problems)
    errors = [d.format() for d in problems.items if d.severity.value == "error"]
    assert errors == []
    pages = [p for p in doc.pages if p.id == page_id]
    # Six to a page in the PDF and four to a slide in the deck, so that type stays legible.
    assert len(pages) == (2 if kind == "pdf" else 3)
    tint = layout.theme.colour("tint")
    areas = areas_of(layout, page_id, report)
    area = areas["tiles"]
    # On later pages the headline and intro are not repeated (`once:`): their rows close up above the tiles.
    later = Box(area.x, areas["kicker"].bottom, area.w, area.bottom - areas["kicker"].bottom) if "kicker" in areas else area
    shown: set[str] = set()
    for n, page in enumerate(pages):
        tiles = [i.box for i in page.items if isinstance(i, RectItem) and i.fill == tint]
        assert len(tiles) == 12 // len(pages)
        assert all(inside(t, area if n == 0 else later) for t in tiles)
        assert not any(a.overlaps(b) for a, b in itertools.combinations(tiles, 2))
        shown |= {i.text.split("\n")[0] for i in page.items if isinstance(i, TextItem) and i.role == "figure"}
        sizes = {line.pieces[0].size for i in page.items if isinstance(i, TextItem) and i.role == "figure"
                 for line in i.lines[:1]}
        assert len(sizes) == 1, "every tile's value on a page is set at one size"
    assert {f.value.text for f in report.headline_figures} <= shown


FLOW_WITH_FIGURE = """\
output: pdf
extends: {parent}
pages:
  - id: story
    grid: narrative
    title: The year in review
    flow:
      into: [left, right]
      content:
        - section: overview
        - figure: arrests
          height: 110
        - section: investigation
"""


def test_a_figure_box_is_set_into_the_flow_whole(tmp_path: Path) -> None:
    """A figure tile in the narrative flow: between the sections, in a column, 110 pt tall, never split."""
    layout_file = tmp_path / "pdf.yaml"
    layout_file.write_text(FLOW_WITH_FIGURE.format(parent=PDF_LAYOUT), encoding="utf-8")
    problems = Collector()
    report = load_report(DATA, problems)
    layout = load_layout(layout_file, "pdf", problems)
    doc = lay_out(report, layout, problems)
    assert [d.format() for d in problems.items] == []
    page = next(p for p in doc.pages if p.id == "story")
    tint = layout.theme.colour("tint")
    tile = next(i.box for i in page.items if isinstance(i, RectItem) and i.fill == tint)
    assert tile.h == pytest.approx(110)
    columns = areas_of(layout, "story")
    assert inside(tile, columns["left"]) or inside(tile, columns["right"]), "the tile sits whole in one column"
    texts = [i for i in page.items if isinstance(i, TextItem)]
    value = next(t for t in texts if t.role == "figure")
    assert value.text.split("\n")[:2] == ["297", "arrests"]
    before = next(t for t in texts if "three-fold increase on the organisation" in " ".join(t.text.split()))
    after = next(t for t in texts if t.text.startswith("Tracking offenders"))

    def reading(box: Box) -> tuple[int, float]:
        """Where a box comes in reading order: its column (the columns are balanced), then down it."""
        return (0 if box.x < columns["right"].x else 1, box.y)

    assert reading(before.box) < reading(tile) < reading(after.box)
    if reading(before.box)[0] == reading(tile)[0]:
        assert before.box.bottom <= tile.y


COLOURLESS_THEME = """\
name: Colourless
colours:
  primary: "#102030"
  ink: "#111111"
fonts:
  sans: {regular: %s, deck_name: Calibri}
styles:
  h1: {size: 20}
  body: {size: 10}
""" % (ROOT / "layouts/themes/default/fonts/Carlito-Regular.ttf")

COLOURED_LAYOUT = """\
output: pdf
theme: theme.yaml
margins: {top: 60, right: 50, bottom: 60, left: 50}
grids:
  main:
    columns: 2
    rows: 2
    gap: [12]
    areas: ["a b", "c d"]
pages:
  - id: first
    grid: main
    master: none
    background: navy
    blocks:
      - {area: a, type: heading, text: Hello, colour: inkk}
"""


def test_theme_and_layout_colours_are_checked(tmp_path: Path, cli) -> None:
    """A theme without the colours the blocks draw with, a colour name the theme lacks, a bad gap."""
    (tmp_path / "theme.yaml").write_text(COLOURLESS_THEME, encoding="utf-8")
    layout = tmp_path / "layout.yaml"
    layout.write_text(COLOURED_LAYOUT, encoding="utf-8")

    data = unthemed(tmp_path)
    done = cli("check", data, "--pdf-layout", layout)

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    theme = tmp_path / "theme.yaml"
    assert diagnostics(done.stderr) == [f"{layout}:8:10: error: grids.main.gap: needs at least 2 items, found 1"]
    assert "  hint: add at least 2 items" in done.stderr

    layout.write_text(COLOURED_LAYOUT.replace("gap: [12]", "gap: 12"), encoding="utf-8")
    done = cli("check", data, "--pdf-layout", layout)
    assert done.returncode == 1
    assert [d for d in diagnostics(done.stderr) if ": error: " in d] == [
        f"{layout}:14:17: error: unknown colour 'navy'",
        f"{layout}:16:55: error: unknown colour 'inkk'",
        f"{theme}:2:1: error: the theme has no colour 'accent', 'paper', 'tint', 'rule'",
    ], done.stderr
    assert "  hint: did you mean 'ink'?" in done.stderr


def test_changes_derived_from_last_years_file_are_explained_in_the_sources() -> None:
    """A change computed from the previous year's file carries a note, and the sources block prints it."""
    from generator.layout.context import Context
    from generator.layout.notes import derived_notes, sources_paras

    problems = Collector()
    report = load_report(ROOT / "tests" / "fixtures" / "small-2007-08.yaml", problems)
    assert report is not None, [d.format() for d in problems.items]
    changed = [f for f in report.figures.values() if f.change and f.change.derived]
    assert changed, "the fixture derives at least one change from last year's file"
    layout = load_layout(PDF_LAYOUT, "pdf", problems)
    ctx = Context(report, layout, problems, "back")
    notes = derived_notes(ctx.report)
    for fig in changed:
        assert fig.change.note in notes
    printed = [" ".join(r.text for r in p.runs) for p in sources_paras(ctx, ("pages", 0))]
    assert all(any(fig.change.note in line for line in printed) for fig in changed)


def unthemed(tmp_path: Path) -> Path:
    """The shipped data without its `theme:`, so a test's own layout brings its theme."""
    return edited_data(tmp_path, ("  theme: ceop\n", ""))


def edited_data(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """The shipped data file with each (old, new) text replaced once, written into tmp_path."""
    text = DATA.read_text(encoding="utf-8")
    for old, new in edits:
        text = replace_once(text, old, new)
    data = tmp_path / "ceop-2007-08.yaml"
    data.write_text(text, encoding="utf-8")
    return data


def test_characters_the_fonts_cannot_draw_are_errors(tmp_path: Path, cli) -> None:
    """A tick mark the theme's fonts lack would print as an empty box: reported wherever it is set."""
    data = edited_data(tmp_path,
                       ("    pull: Two years on the concept is proven.\n", "    pull: Two years on the concept is proven ✓.\n"),
                       ("answer. Two years on the concept is\n        proven.", "answer. Two years on the concept is\n        proven ✓."))

    done = cli("check", data)

    assert done.returncode == 1
    missing = "uses characters the font Caladea-Italic does not have: '✓' (U+2713)"
    assert diagnostics(done.stderr) == [
        f"layouts/deck-16x9.yaml:{line_of(DECK_LAYOUT, '{area: quote, type: quote, style: quote_large')}:9: error: "
        f"quote 'vernon_coaker' on slide 'quote' {missing}",
        # The quote is set in full after the section it names (its pull quote would follow the next
        # section, and there is none): reported where the narrative is poured.
        f"layouts/report-a4.yaml:{line_of(PDF_LAYOUT, '- sections: all')}:11: error: "
        f"flow text on page 'story' {missing}",
    ], done.stderr


def test_chart_words_the_fonts_cannot_draw_are_errors_at_the_chart_block(tmp_path: Path, cli) -> None:
    data = edited_data(tmp_path, ("      - Identified through image examination\n",
                                  "      - Identified through image examination ✓\n"))

    done = cli("check", data)

    assert done.returncode == 1
    missing = "uses characters the fonts Carlito-Bold and Carlito-Regular do not have: '✓' (U+2713)"
    assert diagnostics(done.stderr) == [
        f"layouts/deck-16x9.yaml:{line_of(DECK_LAYOUT, 'type: chart, chart:')}:9: error: a chart on slide 'chart' {missing}",
        f"layouts/report-a4.yaml:{line_of(PDF_LAYOUT, '- sections: all')}:11: error: "
        f"chart 'How the 131 children were safe' on page 'story' {missing}",
    ], done.stderr
