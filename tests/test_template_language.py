"""The layout language that lets one layout serve any report: collections, when/variants, empty blocks, themes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from generator.diagnostics import Collector, Span
from generator.layout.context import _EMPTY, tidy
from generator.layout.engine import lay_out
from generator.layout.frame import ChartItem, RectItem, TextItem
from generator.layoutfile.load import ThemeChoice, load_layout
from generator.model.collections import headline_figures, other_charts, pull_quotes
from generator.model.load_report import load_report

ROOT = Path(__file__).resolve().parent.parent
ORGS = ROOT / "tests" / "fixtures" / "orgs"
CEOP = ROOT / "data" / "ceop-2007-08.yaml"
PDF_LAYOUT = ROOT / "layouts" / "report-a4.yaml"
DECK_LAYOUT = ROOT / "layouts" / "deck-16x9.yaml"


def laid_out(data: Path, kind: str, theme: str | None = None):
    """A data file laid out with a shipped layout; the report, the document and every diagnostic."""
    problems = Collector()
    report = load_report(data, problems)
    assert report is not None, [d.format() for d in problems.items]
    choice = ThemeChoice(theme or report.theme, Span("test")) if (theme or report.theme) else None
    layout = load_layout(PDF_LAYOUT if kind == "pdf" else DECK_LAYOUT, kind, problems, choice)
    assert layout is not None, [d.format() for d in problems.items]
    return report, layout, lay_out(report, layout, problems), problems


# ---- separators left by empty values ------------------------------------------

@pytest.mark.parametrize("template, expected", [
    ("**Org** – {x}", "**Org**"),
    ("Org  ·  {x}", "Org"),
    ("{x} · Org", "Org"),
    ("Report ({x})", "Report"),
    ("Org: {x}.", "Org."),
    ("Org: Title, {x}. {x}.", "Org: Title."),
    ("Review {x}  ·  At a glance", "Review · At a glance"),
    ("Title\n\n{x}", "Title"),
    ("{x}", ""),
    ("No value here – kept", "No value here – kept"),
])
def test_an_empty_value_takes_its_separator_with_it(template: str, expected: str) -> None:
    assert tidy(template.replace("{x}", _EMPTY)) == expected


# ---- collections ------------------------------------------------------------------

def test_without_marked_headline_figures_the_first_six_lead() -> None:
    report = load_report(ORGS / "no-headline.yaml", Collector())
    assert not any(f.headline for f in report.figures.values())
    assert [f.key for f in headline_figures(report)] == list(report.figures)[:6]


def test_the_ceop_collections_follow_its_data() -> None:
    report = load_report(CEOP, Collector())
    assert [q.key for q in pull_quotes(report)] == ["jim_gamble", "vernon_coaker", "ken_jones"]
    others = [s.key for s in other_charts(report)]
    assert "arrests_by_year" not in others, "the feature chart is on the at-a-glance page"
    assert "reports_monthly_average" not in others, "set into the narrative after its section"
    assert "offenders_located_split" not in others, "charted: false"


# ---- pages by what the data holds ------------------------------------------------------

def test_a_charity_with_three_figures_gets_a_cover_and_its_figures_only() -> None:
    _report, _layout, doc, problems = laid_out(ORGS / "charity-3figs.yaml", "pdf")
    assert [d.format() for d in problems.items if d.severity.value == "error"] == []
    assert [p.id for p in doc.pages] == ["cover", "at-a-glance"]
    glance = doc.pages[1]
    assert not any(isinstance(i, ChartItem) for i in glance.items)
    assert not any(isinstance(i, TextItem) and i.role == "quote" for i in glance.items)


def test_the_ceop_glance_page_takes_the_variant_with_quote_and_chart() -> None:
    _report, _layout, doc, _problems = laid_out(CEOP, "pdf")
    glance = next(p for p in doc.pages if p.id == "at-a-glance")
    assert any(isinstance(i, ChartItem) and i.spec.categories == ("2006/07", "2007/08") for i in glance.items)
    assert any(isinstance(i, TextItem) and i.role == "quote" and "Jim Gamble" in i.text for i in glance.items)


def test_an_empty_intro_closes_up_its_row() -> None:
    """With no intro, the tiles start where the intro would have been (its row and gap collapse)."""
    report, layout, doc, _problems = laid_out(ORGS / "charity-3figs.yaml", "pdf")
    assert report.intro is None
    glance = doc.pages[1]
    heading = next(i for i in glance.items if isinstance(i, TextItem) and i.role == "title")
    first_tile = min((i.box for i in glance.items if isinstance(i, RectItem) and i.fill == layout.theme.colour("tint")),
                     key=lambda b: b.y)
    gap = 14  # the glance grids' gap
    assert first_tile.y == pytest.approx(heading.box.bottom + gap, abs=0.01)


def test_slides_exist_because_their_content_does() -> None:
    """No quotes: no quote slide; no full report: no closing slide; one slide per chart and per list."""
    report, _layout, doc, _problems = laid_out(ORGS / "nz-money.yaml", "deck")
    ids = [p.id for p in doc.pages]
    assert "quote" not in ids and not report.quotes
    assert ids.count("chart") == len([s for s in report.series.values() if s.plan is not None])
    assert ids.count("list") == len(report.lists)
    assert ("closing" in ids) == bool(report.full_review_url)


def test_many_headline_figures_take_the_glance_page_and_the_feature_chart_gets_its_own(tmp_path: Path) -> None:
    data = tmp_path / "big.yaml"
    data.write_text((ORGS / "big-12figs.yaml").read_text(encoding="utf-8").replace(
        "  visits_by_year:\n", "  visits_by_year:\n    headline: true\n", 1), encoding="utf-8")
    _report, _layout, doc, problems = laid_out(data, "pdf")
    assert [d.format() for d in problems.items if d.severity.value == "error"] == []
    glance = next(p for p in doc.pages if p.id == "at-a-glance")
    assert not any(isinstance(i, ChartItem) for i in glance.items)
    feature = next(p for p in doc.pages if p.id == "feature")
    assert sum(isinstance(i, ChartItem) for i in feature.items) == 1


# ---- the layout file's own checks -------------------------------------------------------

def test_a_block_kind_takes_only_its_own_fields(tmp_path: Path, cli) -> None:
    layout = tmp_path / "pdf.yaml"
    layout.write_text(PDF_LAYOUT.read_text(encoding="utf-8").replace(
        '      - {area: sub, type: heading, text: "{report.subtitle}", style: cover_sub}',
        '      - {area: sub, type: heading, text: "{report.subtitle}", style: cover_sub, series: outcomes}'),
        encoding="utf-8")
    done = cli("check", CEOP, "--pdf-layout", layout)
    assert done.returncode == 1
    line = next(n for n, text in enumerate(layout.read_text().splitlines(), 1) if "series: outcomes}" in text)
    assert re.search(rf"^{re.escape(str(layout))}:{line}:\d+: error: unknown key 'series' in pages\[0\]\.blocks\[3\]$",
                     done.stderr, re.M), done.stderr


def test_an_unknown_placeholder_is_an_error_even_as_a_whole_heading(tmp_path: Path, cli) -> None:
    layout = tmp_path / "pdf.yaml"
    layout.write_text(PDF_LAYOUT.read_text(encoding="utf-8").replace('text: "{report.subtitle}"', 'text: "{report.subtitel}"'),
                      encoding="utf-8")
    done = cli("check", CEOP, "--pdf-layout", layout)
    assert done.returncode == 1
    assert "error: unknown placeholder '{report.subtitel}'" in done.stderr
    assert "did you mean '{report.subtitle}'?" in done.stderr


# ---- themes -----------------------------------------------------------------------------

def primary_fill(pptx: Path) -> set[str]:
    """Colours of the title slide's background (its own or its slide layout's) and filled shapes.

    The deck names its theme's colours by scheme slot (tx2 for the brand's primary), so slots are
    read through the deck's theme.
    """
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation(str(pptx))
    slide = prs.slides[0]
    theme = etree.fromstring(prs.slide_masters[0].part.part_related_by(RT.THEME).blob)
    scheme = {slot.tag.split("}")[1]: slot[0].get("val") for slot in theme.iter() if slot.tag.endswith("}clrScheme")
              for slot in slot}
    slots = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}

    def hex_of(colour) -> str:
        if colour.type == 2:  # a scheme colour
            name = colour._color._xClr.get("val")
            return scheme[slots.get(name, name)]
        return str(colour.rgb)

    found = {hex_of(s.fill.fore_color) for s in slide.shapes if s.shape_type == 1 and s.fill.type == 1}
    backgrounds = [slide.background.fill, slide.slide_layout.background.fill]
    return found | {hex_of(fill.fore_color) for fill in backgrounds if fill.type == 1}


def test_the_data_file_names_its_theme_and_the_command_line_overrides_it(tmp_path: Path, cli) -> None:
    own = cli("build", CEOP, "--out", tmp_path / "own")
    default = cli("build", CEOP, "--out", tmp_path / "default", "--theme", "default")
    assert own.returncode == default.returncode == 0, own.stderr + default.stderr
    # The CEOP theme's navy against make-report's own blue, as the title slide's background.
    navy, blue = "0E2A47", "1D3557"
    assert navy in primary_fill(tmp_path / "own" / "ceop-2007-08.pptx")
    assert blue in primary_fill(tmp_path / "default" / "ceop-2007-08.pptx")
    assert navy not in primary_fill(tmp_path / "default" / "ceop-2007-08.pptx")


def test_an_unknown_theme_in_the_data_file_is_an_error_at_its_line(tmp_path: Path, cli) -> None:
    data = tmp_path / "ceop-2007-08.yaml"
    data.write_text(CEOP.read_text(encoding="utf-8").replace("  theme: ceop\n", "  theme: ceopp\n"), encoding="utf-8")
    line = next(n for n, text in enumerate(data.read_text().splitlines(), 1) if "theme: ceopp" in text)
    done = cli("check", data)
    assert done.returncode == 1
    assert re.search(rf"^{re.escape(str(data))}:{line}:\d+: error: unknown theme 'ceopp'$", done.stderr, re.M), done.stderr
    assert "hint: themes: ceop, default" in done.stderr


def test_an_unknown_theme_on_the_command_line_is_a_usage_error(cli) -> None:
    done = cli("check", CEOP, "--theme", "nosuch")
    assert done.returncode == 2
    assert "unknown theme 'nosuch' (themes: ceop, default)" in done.stderr


def test_a_report_without_a_theme_or_logo_gets_a_wordmark_of_its_own_names() -> None:
    report, _layout, doc, _problems = laid_out(ORGS / "charity-3figs.yaml", "pdf")
    cover = doc.pages[0]
    words = [i.text for i in cover.items if isinstance(i, TextItem) and i.role == "logo"]
    assert report.short_name not in ("", None)
    assert any(w == report.organisation or w == report.short_name for w in words), words


LOGO_SVG = """<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">
  <rect x="0" y="0" width="40" height="40" rx="6" fill="#3A7D2C"/>
  <path d="M50 8 L118 8 L118 32 L50 32 Z" fill="#A33B20"/>
</svg>
"""


def test_an_svg_logo_is_vector_in_the_pdf_and_a_picture_in_the_deck(tmp_path: Path, cli) -> None:
    """A theme's own SVG logo: drawn as paths in the PDF (no image), placed as a PNG picture in the deck."""
    theme = tmp_path / "themes" / "acme"
    theme.mkdir(parents=True)
    (theme / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    (theme / "theme.yaml").write_text(f"extends: {ROOT / 'layouts/themes/default/theme.yaml'}\nname: Acme\n"
                                      "logo: {file: logo.svg, file_light: logo.svg}\n", encoding="utf-8")
    for name in ("report-a4.yaml", "deck-16x9.yaml"):
        (tmp_path / name).write_text(f"extends: {ROOT / 'layouts' / name}\noutput: {'pdf' if 'a4' in name else 'deck'}\n",
                                     encoding="utf-8")
    out = tmp_path / "out"
    done = cli("build", ORGS / "charity-3figs.yaml", "--out", out, "--theme", "acme",
               "--pdf-layout", tmp_path / "report-a4.yaml", "--deck-layout", tmp_path / "deck-16x9.yaml")
    assert done.returncode == 0, done.stderr
    pdf = out / "charity-3figs.pdf"
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2, f"the logo should be vector, not an image:\n{images}"
    plain = tmp_path / "plain.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(plain)], check=True)
    content = plain.read_bytes()
    assert b".227451 .490196 .172549 rg" in content, "the logo's green square is drawn as a filled path"
    assert b".639216 .231373 .12549 rg" in content
    deck = Presentation(str(out / "charity-3figs.pptx"))
    pictures = [s for s in deck.slides[0].shapes if s.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].image.content_type == "image/png"
    assert pictures[0].width / pictures[0].height == pytest.approx(3, rel=0.01), "the logo keeps its proportions"


# ---- typography ----------------------------------------------------------------------

@pytest.mark.parametrize("typed, set_as", [
    ("the UK's dedicated organisation", "the UK’s dedicated organisation"),
    ('our "safety first" activity', "our “safety first” activity"),
    ("“it is our “safety first” activity”", "“it is our ‘safety first’ activity”"),
    ("the organisations' staff", "the organisations’ staff"),
    ("'single' and \"double\"", "‘single’ and “double”"),
])
def test_quotes_and_apostrophes_are_set_typographically(typed: str, set_as: str) -> None:
    from generator.layout.typography import curly_runs
    from generator.model.markup import Run

    assert curly_runs((Run(typed),))[0].text == set_as


def test_no_line_starts_with_a_dash_and_display_lines_keep_two_words_together() -> None:
    """Set narrow, a sentence with a spaced dash never opens a line with it; a heading ends on two words or more."""
    from generator.layout.text import Para, set_paras
    from generator.model.markup import Run

    _report, layout, _doc, _problems = laid_out(CEOP, "pdf")
    body, h1 = layout.theme.style("body"), layout.theme.style("h1")
    text = "Reports from the public – through the unique report abuse environment – continue to rise"
    for width in range(60, 400, 7):
        lines = set_paras([Para((Run(text),), body)], width).lines
        assert not any("".join(p.text for p in line.pieces).lstrip().startswith("–") for line in lines), width
    heading = "The battle against child sex offenders gathers pace"
    for width in range(250, 700, 10):
        lines = set_paras([Para((Run(heading),), h1, balance=True)], width).lines
        if len(lines) > 1:
            assert len("".join(p.text for p in lines[-1].pieces).split()) >= 2, width
