"""The deck built on a brand template (--deck-template, or the theme's deck_template:), read back.

Four templates made here (tests/deck/templates.py): PowerPoint's layout names, Google
Slides' names with body placeholders, a brand's own names mapped in its theme, and the
first one opened and saved again by LibreOffice. Each deck is read back with python-pptx
(layouts used, placeholders filled, theme kept, no sample slide, charts native), checked
as a package, and converted to PDF by LibreOffice to read its words.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from tests.conftest import REPO, run_cli
from tests.deck.package_check import package_problems
from tests.deck.projects import brand_project, brand_theme, build_project
from tests.deck.templates import google_names, own_names, powerpoint_names, resaved_by_libreoffice, theme_of

DATA = REPO / "data" / "ceop-2007-08.yaml"
REPORT = yaml.safe_load(DATA.read_text(encoding="utf-8"))
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
FIGURES = ["131", "297", "5,812", "almost 1 million", "2,600", "11,000"]


def build(template: Path, out: Path, *extra: object) -> Path:
    """Build the CEOP example on a template through the command line; the deck."""
    done = run_cli("build", DATA, "--out", out, "--deck-template", template, *extra)
    assert done.returncode == 0, done.stderr
    return out / "ceop-2007-08.pptx"


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("templates")


@pytest.fixture(scope="module")
def templates(work: Path) -> dict[str, Path]:
    """The test templates, by name."""
    made = {"powerpoint": powerpoint_names(work / "powerpoint.pptx"), "google": google_names(work / "google.pptx")}
    made["libreoffice"] = resaved_by_libreoffice(made["powerpoint"], work)
    return made


@pytest.fixture(scope="module")
def decks(templates: dict[str, Path], work: Path) -> dict[str, Path]:
    """The CEOP deck built on each template."""
    return {name: build(template, work / f"out-{name}") for name, template in templates.items()}


# Each template's layout for each kind of slide (by the name of the kind's layout on our own master).
TEMPLATE_LAYOUT = {
    "powerpoint": {"Title": "Title Slide", "Closing": "Section Header", None: "Title and Content"},
    "google": {"Title": "Title slide", "Closing": "Section header", None: "Title and body"},
    "libreoffice": {"Title": "Title Slide", "Closing": "Title Slide", None: "Title, Content"},
}
EXPECTED_LAYOUTS = list(TEMPLATE_LAYOUT)


@pytest.fixture(scope="module")
def own_kinds(shipped_build: Path) -> list[str]:
    """The kind of each slide of the shipped deck on our own master, in order."""
    return [slide.slide_layout.name for slide in Presentation(str(shipped_build / "ceop-2007-08.pptx")).slides]


@pytest.mark.parametrize("name", EXPECTED_LAYOUTS)
def test_each_kind_of_slide_takes_its_template_layout(decks, own_kinds, name: str) -> None:
    prs = Presentation(str(decks[name]))
    mapping = TEMPLATE_LAYOUT[name]
    assert [slide.slide_layout.name for slide in prs.slides] == [mapping.get(k, mapping[None]) for k in own_kinds]


@pytest.mark.parametrize("name", EXPECTED_LAYOUTS)
def test_no_sample_slide_or_section_is_left(decks, own_kinds, name: str) -> None:
    prs = Presentation(str(decks[name]))
    assert len(prs.slides) == len(own_kinds)
    text = " ".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame)
    notes = " ".join(slide.notes_slide.notes_text_frame.text for slide in prs.slides)
    assert "Sample" not in text and "Notes for" not in notes
    with zipfile.ZipFile(decks[name]) as archive:
        presentation = archive.read("ppt/presentation.xml").decode("utf-8")
        assert "sectionLst" not in presentation and "custShow" not in presentation
        assert 'type="screen4x3"' not in presentation  # the templates are 16:9
        assert "<PresentationFormat>Widescreen</PresentationFormat>" in archive.read("docProps/app.xml").decode()
        assert not any(n.startswith("docProps/thumbnail") for n in archive.namelist())


@pytest.mark.parametrize("name", EXPECTED_LAYOUTS)
def test_the_deck_is_a_sound_package(decks, name: str) -> None:
    assert package_problems(decks[name]) == []


@pytest.mark.parametrize("name", EXPECTED_LAYOUTS)
def test_the_templates_theme_is_kept(decks, templates, name: str) -> None:
    assert theme_of(Presentation(str(decks[name]))) == theme_of(Presentation(str(templates[name])))


@pytest.mark.parametrize("name", EXPECTED_LAYOUTS)
def test_placeholders_hold_the_right_text(decks, name: str) -> None:
    prs = Presentation(str(decks[name]))
    cover = prs.slides[0]
    assert cover.shapes.title.is_placeholder and cover.shapes.title.text_frame.text == REPORT["report"]["title"]
    subtitle = next(s for s in cover.placeholders if s.placeholder_format.type not in TITLE_TYPES
                    and s.placeholder_format.type != PP_PLACEHOLDER.SLIDE_NUMBER)
    assert subtitle.text_frame.paragraphs[0].text == REPORT["report"]["subtitle"]
    assert "Child Exploitation and Online Protection Centre" in subtitle.text_frame.text  # shares the subtitle
    titles = [slide.shapes.title.text_frame.text for slide in prs.slides]
    assert "2007/08 at a glance (1 of 2)" in titles and "In their own words: Jim Gamble" in titles
    quote = next(s for s in prs.slides if s.shapes.title.text_frame.text == "In their own words: Jim Gamble")
    body = content_text(quote)
    assert "131 children are now safeguarded" in body.text_frame.text and "Jim Gamble" in body.text_frame.text
    listing = next(s for s in prs.slides if s.shapes.title.text_frame.text == "2007/08 also saw")
    assert len(content_text(listing).text_frame.paragraphs) == len(REPORT["lists"]["developments"]["items"])


def content_text(slide):
    """The slide's placeholder of text other than its title and number."""
    return next(s for s in slide.placeholders if s.has_text_frame and s.placeholder_format.type not in
                (*TITLE_TYPES, PP_PLACEHOLDER.SLIDE_NUMBER))


@pytest.mark.parametrize("name", EXPECTED_LAYOUTS)
def test_placeholder_text_takes_the_templates_face_and_colour(decks, name: str) -> None:
    prs = Presentation(str(decks[name]))
    for slide in prs.slides:
        for holder in slide.placeholders:
            for run in (r for p in holder.text_frame.paragraphs for r in p.runs) if holder.has_text_frame else ():
                assert run.font.name is None and run.font._rPr.find(
                    "{http://schemas.openxmlformats.org/drawingml/2006/main}solidFill") is None
                assert run.font.size is not None  # the size the layout stage fitted


@pytest.mark.parametrize("name", EXPECTED_LAYOUTS)
def test_charts_are_native_charts_in_the_content_placeholder(decks, own_kinds, name: str) -> None:
    prs = Presentation(str(decks[name]))
    charts = [(slide, shape) for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    groups = [s for slide in prs.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]  # waffles
    assert charts and len(charts) + len(groups) == own_kinds.count("Chart")
    for slide, frame in charts:
        assert frame.chart.plots[0].categories
        if name == "google":  # body placeholders only: the chart sits where the body placeholder is
            body = next(ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.BODY)
            assert not frame.is_placeholder and within(frame, body)
            continue
        # In the content placeholder's stead, referring to it by type and index, as PowerPoint does.
        assert frame.is_placeholder and frame.placeholder_format.type == PP_PLACEHOLDER.OBJECT
        content = next(ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.type ==
                       PP_PLACEHOLDER.OBJECT and ph.placeholder_format.idx == frame.placeholder_format.idx)
        assert within(frame, content)


def within(frame, holder) -> bool:
    """The chart spans the placeholder's width, inside its height (one as tall as its content sits in its middle)."""
    return ((frame.left, frame.width) == (holder.left, holder.width) and holder.top <= frame.top
            and frame.top + frame.height <= holder.top + holder.height)


@pytest.mark.parametrize("name", EXPECTED_LAYOUTS)
def test_slide_numbers_are_the_templates_fields(decks, own_kinds, name: str) -> None:
    prs = Presentation(str(decks[name]))
    for number, slide in enumerate(prs.slides, start=1):
        fields = [f for f in slide._element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}fld")
                  if f.get("type") == "slidenum"]
        shows_number = number not in (1, len(own_kinds))  # not on the cover or the closing slide, as on our own master
        assert len(fields) == shows_number


@pytest.mark.parametrize("name", EXPECTED_LAYOUTS)
def test_libreoffice_shows_the_figures(decks, own_kinds, work: Path, name: str) -> None:
    out = work / f"pdf-{name}"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(decks[name])], capture_output=True, timeout=300)
    pdf = out / "ceop-2007-08.pdf"
    assert pdf.is_file()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info)[1]) == len(own_kinds)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    for figure in FIGURES:
        assert figure in text, figure
    assert "Jim Gamble" in text and "Annual Review 2007/08" in text


def test_a_brands_own_layout_names_mapped_in_its_theme(tmp_path: Path) -> None:
    """A theme that names its template (deck_template:, beside it) and maps kinds to the template's own names."""
    project = brand_project(tmp_path)
    own_names(project / "layouts" / "themes" / "harbour" / "harbour.pptx")
    brand_theme(project, "deck_template: harbour.pptx\ndeck_layouts:\n  title: Cover\n  closing: End\n"
                         "  figures: Main\n  chart: Main\n  quote: [Quote, Main]\n  list: Main\n")
    done = build_project(project, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    prs = Presentation(str(tmp_path / "out" / "data.pptx"))
    names = [slide.slide_layout.name for slide in prs.slides]
    assert names[0] == "Cover" and names[-1] == "End" and set(names[1:-1]) == {"Main"}
    assert theme_of(prs)[1:] == ("Georgia", "Verdana")


@pytest.mark.parametrize("name", EXPECTED_LAYOUTS)
def test_tiles_keep_the_fonts_they_were_measured_with_and_take_the_templates_colours(decks, name: str) -> None:
    prs = Presentation(str(decks[name]))
    figures = prs.slides[1]
    value = next(s for s in figures.shapes if s.has_text_frame and s.text_frame.text.startswith("131"))
    run = value.text_frame.paragraphs[0].runs[0]
    assert run.font.name == "Cambria"  # the theme's figure style, named: it fits as measured
    assert run.font.color.theme_color is not None  # the brand's primary, as the template's Dark 2
    tile = next(s for s in figures.shapes if not s.has_text_frame or not s.text_frame.text)
    assert tile.fill.fore_color.theme_color is not None


def test_a_deck_on_a_template_is_the_same_bytes_run_to_run(templates, decks, work: Path) -> None:
    again = build(templates["powerpoint"], work / "again")
    assert again.read_bytes() == decks["powerpoint"].read_bytes()
