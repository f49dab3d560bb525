"""The deck's own master, read back with python-pptx and from its XML: theme, layouts, placeholders, fields, properties."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Emu

from generator.diagnostics import Collector
from generator.layout.engine import SIZES
from generator.layout.frame import Box
from generator.layout.grid import resolve_grid
from generator.layoutfile.load import load_layout

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "ceop-2007-08.yaml"
DECK_LAYOUT = ROOT / "layouts" / "deck-16x9.yaml"
THEME = yaml.safe_load((ROOT / "layouts" / "themes" / "ceop" / "theme.yaml").read_text(encoding="utf-8"))
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
# Each deck page of the shipped layout, by id, and the slide layout its kind gets.
LAYOUT_OF = {"title": "Title", "headline-figures": "Figures", "chart": "Chart", "quote": "Quote", "list": "List",
             "more-figures": "Figures", "closing": "Closing"}


@pytest.fixture(scope="module")
def deck_path(shipped_build: Path) -> Path:
    return shipped_build / "ceop-2007-08.pptx"


@pytest.fixture(scope="module")
def deck(deck_path: Path):
    return Presentation(str(deck_path))


@pytest.fixture(scope="module")
def parts(deck_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(deck_path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(parts: dict[str, bytes], name: str):
    return etree.fromstring(parts[name])


# ---- the theme -----------------------------------------------------------------

def test_theme_colours_are_the_brand(parts) -> None:
    scheme = xml(parts, "ppt/theme/theme1.xml").find(f".//{A}clrScheme")
    colour = {slot.tag.removeprefix(A): slot[0].get("val") for slot in scheme}
    colours = THEME["colours"]
    wanted = {"dk1": "ink", "lt1": "paper", "dk2": "primary", "lt2": "tint", "accent1": "accent", "accent2": "highlight"}
    for slot, name in wanted.items():
        assert "#" + colour[slot] == colours[name].upper(), slot
    assert list(colour) == ["dk1", "lt1", "dk2", "lt2", *[f"accent{n}" for n in range(1, 7)], "hlink", "folHlink"]
    assert "#" + colour["accent3"] in [c.upper() for c in THEME["chart_palette"]]


def test_theme_fonts_are_the_families_the_deck_names(parts) -> None:
    fonts = xml(parts, "ppt/theme/theme1.xml").find(f".//{A}fontScheme")
    assert fonts.find(f"{A}majorFont/{A}latin").get("typeface") == "Cambria"  # headings: Caladea's deck name
    assert fonts.find(f"{A}minorFont/{A}latin").get("typeface") == "Calibri"  # body: Carlito's


def test_no_office_theme_no_effects_no_boilerplate(parts) -> None:
    themes = [name for name in parts if name.startswith("ppt/theme/")]
    assert themes and all(xml(parts, name).get("name") == "CEOP" for name in themes)  # the notes master's too
    for name, blob in parts.items():
        if name.endswith(".xml"):
            assert b"Office Theme" not in blob and b"python-pptx" not in blob, name
            assert b"outerShdw" not in blob and b"effectRef" not in blob, f"{name} has an effect or refers to one"
    styles = xml(parts, "ppt/theme/theme1.xml").findall(f".//{A}effectStyle")
    assert len(styles) == 3 and all(len(style.find(f"{A}effectLst")) == 0 for style in styles)
    assert not any(name.startswith(("docProps/thumbnail", "ppt/printerSettings")) for name in parts)


# ---- presentation and properties --------------------------------------------------

def test_slide_size_is_16x9_and_not_a_4x3_screen(parts, deck) -> None:
    size = xml(parts, "ppt/presentation.xml").find(f"{P}sldSz")
    assert size.get("type") is None
    assert (int(size.get("cx")), int(size.get("cy"))) == (12192000, 6858000)
    assert deck.slide_width * 9 == deck.slide_height * 16


def test_app_properties_are_true_to_the_deck(parts, deck) -> None:
    app = parts["docProps/app.xml"].decode("utf-8")
    assert "<PresentationFormat>Widescreen</PresentationFormat>" in app
    assert f"<Slides>{len(deck.slides)}</Slides>" in app and f"<Notes>{len(deck.slides)}</Notes>" in app
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    listed = re.findall(r"<vt:lpstr>(.*?)</vt:lpstr>", app)
    assert listed[-len(titles):] == [t.replace("&", "&amp;") for t in titles]
    assert "Calibri" in listed and "Cambria" in listed and "CEOP" in listed
    assert "4:3" not in app and "Microsoft" not in app


def test_core_properties_come_from_the_report(deck, parts) -> None:
    report = yaml.safe_load(DATA.read_text(encoding="utf-8"))["report"]
    props = deck.core_properties
    assert props.title == f"{report['organisation']['short_name']} {report['title']}"
    assert props.author == report["organisation"]["name"]
    assert props.subject.startswith(report["title"])
    assert props.language == "en-GB"
    core = parts["docProps/core.xml"].decode("utf-8")
    assert "description" not in core and "lastPrinted" not in core


# ---- layouts and placeholders ----------------------------------------------------

def test_each_slide_uses_its_kinds_layout(deck) -> None:
    names = [slide.slide_layout.name for slide in deck.slides]
    assert names[0] == "Title" and names[-1] == "Closing"
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    charted = [key for key, series in data["series"].items() if series.get("charted", True)]
    assert names.count("Quote") == len(data["quotes"]) and names.count("List") == len(data["lists"])
    assert names.count("Chart") == len(charted)
    assert names.count("Figures") == 3  # two of headline figures, one of more figures
    layouts = {layout.name for layout in deck.slide_layouts}
    assert layouts == set(LAYOUT_OF.values())


def grid_areas(page_id: str) -> dict[str, Box]:
    """A deck page's grid areas, from the layout file's grid (independently of the deck)."""
    layout = load_layout(DECK_LAYOUT, "deck", Collector())
    spec = layout.spec
    page = next(p for p in spec.pages if p.id == page_id)
    width, height = SIZES["16:9"]
    m = spec.margins
    return resolve_grid(spec.grids[page.grid], Box(m.left, m.top, width - m.left - m.right, height - m.top - m.bottom))


def box_of(shape) -> tuple[float, float, float, float]:
    return tuple(round(Emu(v).pt, 1) for v in (shape.left, shape.top, shape.width, shape.height))


@pytest.mark.parametrize("page_id, area, kind", [("chart", "chart", PP_PLACEHOLDER.CHART),
                                                 ("headline-figures", "tiles", PP_PLACEHOLDER.OBJECT),
                                                 ("list", "list", PP_PLACEHOLDER.BODY),
                                                 ("quote", "quote", PP_PLACEHOLDER.BODY)])
def test_placeholders_sit_at_the_grid_areas(deck, page_id: str, area: str, kind) -> None:
    layout = next(l for l in deck.slide_layouts if l.name == LAYOUT_OF[page_id])
    holder = next(ph for ph in layout.placeholders if ph.name == area.capitalize())
    assert holder.placeholder_format.type == kind
    want = grid_areas(page_id)[area]
    x, y, w, h = box_of(holder)
    # Text placeholders are a fraction of an em wider and a point deeper than their area (deck_text.frame_box).
    assert x == pytest.approx(want.x, abs=0.1) and y == pytest.approx(want.y, abs=1.0)
    assert want.w - 0.1 <= w <= want.w + 12 and want.h - 0.1 <= h <= want.h + 1.1


def test_title_layout_has_a_centred_title_and_subtitle(deck) -> None:
    layout = next(l for l in deck.slide_layouts if l.name == "Title")
    kinds = [ph.placeholder_format.type for ph in layout.placeholders]
    assert PP_PLACEHOLDER.CENTER_TITLE in kinds and PP_PLACEHOLDER.SUBTITLE in kinds
    assert layout._element.get("showMasterSp") == "0"  # no band or running head behind the cover


def test_slides_fill_their_placeholders(deck) -> None:
    report = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    cover = deck.slides[0]
    assert cover.shapes.title.text_frame.text == report["report"]["title"]
    subtitle = next(s for s in cover.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE)
    assert subtitle.text_frame.text == report["report"]["subtitle"]
    lists = next(s for s in deck.slides if s.slide_layout.name == "List")
    body = next(s for s in lists.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.BODY)
    assert len(body.text_frame.paragraphs) == len(report["lists"]["developments"]["items"])
    for slide in deck.slides:  # no empty placeholder left showing its prompt
        for holder in slide.placeholders:
            assert holder.has_text_frame is False or holder.text_frame.text.strip(), (slide.slide_id, holder.name)


def test_native_charts_fill_the_chart_placeholder(deck) -> None:
    chart_slides = [slide for slide in deck.slides if slide.slide_layout.name == "Chart"]
    charts = [(slide, shape) for slide in chart_slides for shape in slide.shapes if shape.has_chart]
    # A waffle is a group of squares (no native chart draws one): it stands where the placeholder was.
    waffles = [shape for slide in chart_slides for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.GROUP]
    assert charts and len(charts) + len(waffles) == len(chart_slides)
    assert all(group._element.nvGrpSpPr.cNvPr.get("descr") for group in waffles)  # its alt text
    for slide, frame in charts:
        assert frame.is_placeholder and frame.placeholder_format.type == PP_PLACEHOLDER.CHART
        layout_holder = next(ph for ph in slide.slide_layout.placeholders
                             if ph.placeholder_format.idx == frame.placeholder_format.idx)
        assert layout_holder.placeholder_format.type == PP_PLACEHOLDER.CHART
        # In the placeholder's box (a chart as tall as its content, such as a proportion bar, sits in its middle).
        assert frame.left == layout_holder.left and frame.width == layout_holder.width
        assert layout_holder.top <= frame.top and frame.top + frame.height <= layout_holder.top + layout_holder.height


def test_placeholder_text_takes_the_layouts_style(deck) -> None:
    """Title runs leave face, weight and colour to their layout: restyling the layout restyles the slides."""
    figures = next(s for s in deck.slides if s.slide_layout.name == "Figures")
    runs = [r for p in figures.shapes.title.text_frame.paragraphs for r in p.runs]
    assert runs and all(r.font.name is None and r.font.bold is None and r.font._rPr.find(f"{A}solidFill") is None
                        for r in runs)
    assert all(r.font.size is not None for r in runs)  # the measured size stays explicit
    layout_title = next(ph for ph in figures.slide_layout.placeholders if ph.placeholder_format.idx == 0)
    defaults = layout_title._element.find(f".//{A}lvl1pPr/{A}defRPr")
    assert defaults.find(f"{A}latin").get("typeface") == "+mj-lt"
    assert defaults.find(f"{A}solidFill/{A}schemeClr").get("val") == "tx2"  # the brand's primary


# ---- slide numbers and furniture ---------------------------------------------------

def slide_number_fields(element) -> list:
    return [f for f in element.iter(f"{A}fld") if f.get("type") == "slidenum"]


def test_slide_numbers_are_fields(deck) -> None:
    numbered = 0
    for number, slide in enumerate(deck.slides, start=1):
        fields = slide_number_fields(slide._element)
        if slide.slide_layout.name in ("Title", "Closing"):
            assert not fields
            continue
        numbered += 1
        assert len(fields) == 1 and fields[0].findtext(f"{A}t") == str(number)
        holder = fields[0].getparent().getparent().getparent()
        assert holder.find(f".//{P}ph").get("type") == "sldNum"
    assert numbered == len(deck.slides) - 2
    assert slide_number_fields(deck.slide_masters[0]._element)
    assert all(slide_number_fields(l._element) for l in deck.slide_layouts if l.name not in ("Title", "Closing"))


def test_shared_furniture_is_on_the_master_once(deck) -> None:
    master = deck.slide_masters[0]
    furniture = [s for s in master.shapes if not s.is_placeholder]
    heads = [s for s in furniture if s.has_text_frame and "2007/08" in s.text_frame.text]
    assert len(furniture) >= 5 and len(heads) == 1  # band, running head, wordmark, rule
    for slide in deck.slides:
        assert not any(s.has_text_frame and s.text_frame.text == heads[0].text_frame.text for s in slide.shapes)
