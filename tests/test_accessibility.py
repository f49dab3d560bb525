"""The PDF is tagged PDF/UA-1 and PDF/A-2b, and the deck is accessible: checked and read back.

page-validation (a PDF/UA and PDF/A checker of its own, MIT) must report no failure on the
shipped example and on every fictional organisation's report. The structure tree is read
back with poppler (`pdfinfo -struct-text`) and pikepdf and asserted as a screen reader would
meet it. The decks are read back for decorative furniture, reading order, languages and
hyperlinks. Negative controls break one thing in a good file and show each check then fails.
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import page
import pikepdf
import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from conftest import SHIPPED_DATA, read_pdf_words

ORGS_DIR = Path(__file__).resolve().parent / "fixtures" / "orgs"
ORGS = sorted(p.stem for p in ORGS_DIR.glob("*.yaml"))
PROFILES = ("ua1", "2b")
HEADER_BAND = 0.07  # of the page height: where the running head sits


@dataclass
class Element:
    """A structure element as poppler dumps it: its type, its own text lines and its kids."""

    tag: str
    lines: list[str] = field(default_factory=list)
    kids: list["Element"] = field(default_factory=list)

    def text(self) -> str:
        """All the text under this element, in reading order."""
        return "".join(self.lines) + "".join(k.text() for k in self.kids)

    def walk(self):
        """This element and every one under it, in reading order."""
        yield self
        for kid in self.kids:
            yield from kid.walk()


def struct_tree(pdf: Path) -> Element:
    """The structure tree from `pdfinfo -struct-text` (two spaces of indent per level)."""
    dump = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], check=True, capture_output=True, text=True).stdout
    root = Element("(root)")
    stack: list[tuple[int, Element]] = [(-1, root)]
    for raw in dump.splitlines():
        depth = (len(raw) - len(raw.lstrip(" "))) // 2
        body = raw.strip()
        if not body or body.startswith("/"):
            continue  # attributes such as /BBox
        while stack[-1][0] >= depth:
            stack.pop()
        if body.startswith('"'):
            stack[-1][1].lines.append(body[1:-1])
            continue
        element = Element(re.split(r"[ :(]", body, maxsplit=1)[0])
        stack[-1][1].kids.append(element)
        stack.append((depth, element))
    return root.kids[0]


# ---- checks, each returning its problems (empty when all is well) --------------

def validator_failures(pdf: bytes, profile: str) -> list[str]:
    """page-validation's failed rules for one profile."""
    return sorted({f"{f.rule_id}: {f.message}" for f in page.validate_pdf_bytes(pdf, profile=profile).failures})


def heading_problems(document: Element) -> list[str]:
    """Headings that skip a level, or a document that does not start at H1."""
    problems, last = [], 0
    for element in document.walk():
        if re.fullmatch(r"H[1-6]", element.tag):
            level = int(element.tag[1])
            if level > last + 1:
                problems.append(f"{element.tag} {element.text()!r} after H{last}")
            last = level
    return problems


def figures_without_alt(pdf: bytes) -> list[str]:
    """Figure elements whose /Alt is missing or blank (read with pikepdf)."""
    doc = pikepdf.open(io.BytesIO(pdf))
    problems, todo = [], [doc.Root.StructTreeRoot]
    while todo:
        node = todo.pop()
        kids = node.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        todo += [k for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") != "/MCR"
                 and k.get("/Type") != "/OBJR"]
        if node.get("/S") == "/Figure" and not str(node.get("/Alt", "")).strip():
            problems.append(repr(node.get("/A")))
    return problems


def running_heads_in_tree(pdf_path: Path, document: Element) -> list[str]:
    """Running heads (the words in each page's top band) found inside that page's Sect."""
    sects = [k for k in document.kids if k.tag == "Sect"]
    problems = []
    for number, (_, height, words) in enumerate(read_pdf_words(pdf_path)):
        head = " ".join(w[0] for w in words if w[4] < height * HEADER_BAND)
        if number and head and number < len(sects) and head in " ".join(sects[number].text().split()):
            problems.append(f"page {number + 1}: {head!r}")
    return problems


# ---- the builds ----------------------------------------------------------------

@pytest.fixture(scope="module")
def reports(cli, shipped_build: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped example's PDF and every fictional organisation's, built through the command line."""
    out = tmp_path_factory.mktemp("a11y-orgs")
    done = cli("build", "-q", *(ORGS_DIR / f"{name}.yaml" for name in ORGS), "--out", out)
    assert done.returncode == 0, done.stderr
    return {"ceop": shipped_build / f"{SHIPPED_DATA.stem}.pdf"} | {n: out / f"{n}.pdf" for n in ORGS}


@pytest.fixture(scope="module")
def ceop(reports: dict[str, Path]) -> Path:
    """The shipped example's PDF."""
    return reports["ceop"]


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("name", ["ceop", *ORGS])
def test_validator_reports_no_failure(reports: dict[str, Path], name: str, profile: str) -> None:
    assert validator_failures(reports[name].read_bytes(), profile) == []


@pytest.mark.parametrize("name", ["ceop", *ORGS])
def test_structure_reads_as_a_person_would(reports: dict[str, Path], name: str) -> None:
    pdf = reports[name]
    document = struct_tree(pdf)
    assert document.tag == "Document"
    assert heading_problems(document) == []
    assert figures_without_alt(pdf.read_bytes()) == []
    assert running_heads_in_tree(pdf, document) == []


def test_every_page_is_a_section_that_starts_with_its_title(ceop: Path) -> None:
    document = struct_tree(ceop)
    sects = [k for k in document.kids if k.tag == "Sect"]
    assert len(sects) == len(read_pdf_words(ceop))
    assert sects[1].kids[0].tag == "H1" and sects[1].kids[0].text().startswith("The battle against")


def test_at_a_glance_reading_order(ceop: Path) -> None:
    glance = [k for k in struct_tree(ceop).kids if k.tag == "Sect"][1]
    tags = [k.tag for k in glance.kids]
    texts = [" ".join(k.text().split()) for k in glance.kids]
    title = tags.index("H1")
    first_tile = texts.index("131")
    quote = tags.index("BlockQuote")
    chart = tags.index("Figure")
    assert title < first_tile < quote < chart, list(zip(tags, texts))


def test_charts_are_figures_with_their_alt_text(ceop: Path) -> None:
    doc = pikepdf.open(ceop)
    alts = [str(o.Alt) for o in doc.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Figure"]
    charted = [s for s in yaml.safe_load(SHIPPED_DATA.read_text(encoding="utf-8"))["series"].values()
               if s.get("charted", True)]
    assert len(alts) == len(charted) >= 4  # each chart once
    assert all(len(a) > 20 for a in alts), alts
    text = subprocess.run(["pdftotext", str(ceop), "-"], check=True, capture_output=True, text=True).stdout
    assert not any(a in " ".join(text.split()) for a in alts)  # no longer invisible text on the page


def test_words_keep_their_space_at_line_breaks(ceop: Path) -> None:
    lines_of = [e.lines for e in struct_tree(ceop).walk() if e.tag == "P" and len(e.lines) > 1]
    assert lines_of
    for lines in lines_of:
        for line in lines[:-1]:
            assert line.endswith((" ", "-")), lines


def test_links_are_tagged_with_a_description(ceop: Path) -> None:
    doc = pikepdf.open(ceop)
    links = [a for p in doc.pages for a in p.get("/Annots", []) if a.get("/Subtype") == "/Link"]
    assert links
    for link in links:
        assert str(link.Contents).startswith("Link to ")
        assert doc.Root.StructTreeRoot.ParentTree.Nums[2 * int(link.StructParent) + 1].S == "/Link"


def test_declared_conformance_and_metadata(ceop: Path) -> None:
    doc = pikepdf.open(ceop)
    xmp = doc.Root.Metadata.read_bytes().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "<pdfaid:part>2</pdfaid:part>" in xmp
    assert "CEOP Annual Review 2007/08" in xmp
    assert str(doc.Root.Lang) == "en-GB"
    assert bool(doc.Root.ViewerPreferences.DisplayDocTitle) and bool(doc.Root.MarkInfo.Marked)
    assert all(p.Tabs == "/S" for p in doc.pages)
    fonts = subprocess.run(["pdffonts", str(ceop)], check=True, capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows)  # every font embedded
    assert "Helvetica" not in fonts


def test_rebuild_is_byte_identical(cli, ceop: Path, tmp_path: Path) -> None:
    done = cli("build", "-q", SHIPPED_DATA, "--out", tmp_path, "--cache", "none")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / ceop.name).read_bytes() == ceop.read_bytes()


# ---- negative controls: each check can fail ------------------------------------

def _edited(pdf: Path, edit) -> bytes:
    """The PDF after `edit(pikepdf.Pdf)`, saved to bytes."""
    doc = pikepdf.open(pdf)
    edit(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_control_a_figure_without_alt_is_caught(ceop: Path, tmp_path: Path) -> None:
    def strip_alt(doc: pikepdf.Pdf) -> None:
        figure = next(o for o in doc.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Figure")
        del figure["/Alt"]

    broken = _edited(ceop, strip_alt)
    assert figures_without_alt(broken)
    assert any("FIGURE-ALTERNATIVE-TEXT" in f for f in validator_failures(broken, "ua1"))


def test_control_an_untagged_header_is_caught(ceop: Path) -> None:
    def untag_first_pagination(doc: pikepdf.Pdf) -> None:
        page2 = doc.pages[1]
        ops = pikepdf.parse_content_stream(page2)
        start = next(n for n, (operands, op) in enumerate(ops) if str(op) == "BDC" and str(operands[0]) == "/Artifact")
        depth, end = 0, start
        for end in range(start, len(ops)):
            op = str(ops[end][1])
            depth += op in ("BDC", "BMC")
            depth -= op == "EMC"
            if depth == 0:
                break
        page2.Contents = doc.make_stream(pikepdf.unparse_content_stream(ops[:start] + ops[start + 1:end] + ops[end + 1:]))

    broken = _edited(ceop, untag_first_pagination)
    assert any("CONTENT-TAGGING" in f for f in validator_failures(broken, "ua1"))


def test_control_a_skipped_heading_level_is_caught(ceop: Path, tmp_path: Path) -> None:
    def h2_to_h4(doc: pikepdf.Pdf) -> None:
        heading = next(o for o in doc.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/H2")
        heading.S = pikepdf.Name.H4

    broken = tmp_path / "skipped.pdf"
    broken.write_bytes(_edited(ceop, h2_to_h4))
    assert heading_problems(struct_tree(broken))
    assert any("HEADING" in f for f in validator_failures(broken.read_bytes(), "ua1"))


def test_control_a_running_head_in_the_tree_is_caught(ceop: Path) -> None:
    _, height, words = read_pdf_words(ceop)[1]
    head = " ".join(w[0] for w in words if w[4] < height * HEADER_BAND)
    assert head  # the page has a running head to find
    document = struct_tree(ceop)
    [k for k in document.kids if k.tag == "Sect"][1].kids.append(Element("P", [head]))
    assert running_heads_in_tree(ceop, document)


# ---- the deck ------------------------------------------------------------------

DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
TOP_BAND = 0.12  # of the slide height: running head and logo


def _decorative(shape) -> bool:
    """True when the shape carries Office's "mark as decorative" flag."""
    return any(d.get("val") == "1" for d in shape._element.iter(DECORATIVE))


def shown_master_shapes(slide) -> list:
    """The shapes of its slide master that a slide shows (unless its layout or itself hides them)."""
    layout = slide.slide_layout
    if "0" in (layout._element.get("showMasterSp"), slide._element.get("showMasterSp")):
        return []
    return [shape for shape in layout.slide_master.shapes if not shape.is_placeholder]


def undecorated_furniture(prs) -> list[str]:
    """Furniture not marked decorative: lines, empty shapes, running heads, logos and slide numbers.

    Furniture every slide shares may be drawn on the slide master instead: it must be decorative there too.
    """
    problems = [f"master: {shape.name}" for master in prs.slide_masters for shape in master.shapes
                if not shape.is_placeholder and not _decorative(shape)]
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if shape.is_placeholder or shape.shape_type == MSO_SHAPE_TYPE.CHART or _decorative(shape):
                continue
            text = shape.text_frame.text.strip() if shape.has_text_frame else ""
            top = shape.top < prs.slide_height * TOP_BAND and slide.shapes.title is not None
            # The slide number sits at the foot: a figure that happens to equal it ("9" on slide 9) is content.
            page_number = text == str(number) and shape.top > prs.slide_height * (1 - TOP_BAND)
            if not text or page_number or top:
                problems.append(f"slide {number}: {shape.name} {text!r}")
    return problems


def reading_order_problems(prs) -> list[str]:
    """Slides on which something a screen reader reads comes before the title."""
    problems = []
    for number, slide in enumerate(prs.slides, start=1):
        read = [s for s in slide.shapes if not _decorative(s)]
        if slide.shapes.title is not None and read[0].shape_id != slide.shapes.title.shape_id:
            problems.append(f"slide {number}: {read[0].name} before the title")
    return problems


def runs_without_language(prs) -> list[str]:
    """Text runs (title, text boxes) whose language is not the report's."""
    language = prs.core_properties.language
    return [f"slide {n}: {r.text!r}" for n, slide in enumerate(prs.slides, start=1) for shape in slide.shapes
            if shape.has_text_frame for p in shape.text_frame.paragraphs for r in p.runs
            if r.font._rPr is None or r.font._rPr.get("lang") != language]


@pytest.mark.parametrize("name", ["ceop", *ORGS])
def test_deck_marks_furniture_reads_title_first_and_has_a_language(reports: dict[str, Path], name: str) -> None:
    prs = Presentation(reports[name].with_suffix(".pptx"))
    assert prs.core_properties.language
    assert undecorated_furniture(prs) == []
    assert reading_order_problems(prs) == []
    assert runs_without_language(prs) == []
    decorated = sum(_decorative(s) for slide in prs.slides for s in [*slide.shapes, *shown_master_shapes(slide)])
    assert decorated >= 3 * len(prs.slides)  # band, rule, logo or head on (nearly) every slide


def test_deck_addresses_are_hyperlinks(reports: dict[str, Path]) -> None:
    prs = Presentation(reports["ceop"].with_suffix(".pptx"))
    runs = {r.text: r.hyperlink.address for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for r in p.runs}
    assert runs["www.ceop.gov.uk"] == "https://www.ceop.gov.uk"
    assert runs["ceop.gov.uk/wanted"] == "https://ceop.gov.uk/wanted"


def test_control_deck_checks_can_fail(reports: dict[str, Path]) -> None:
    prs = Presentation(reports["ceop"].with_suffix(".pptx"))
    slide = prs.slides[1]
    band = next(s for s in slide.shapes if _decorative(s) and not (s.has_text_frame and s.text_frame.text))
    for flag in list(band._element.iter(DECORATIVE)):
        flag.getparent().getparent().remove(flag.getparent())
    assert undecorated_furniture(prs)
    on_master = Presentation(reports["ceop"].with_suffix(".pptx"))
    master_band = next(s for s in on_master.slide_masters[0].shapes if _decorative(s))
    for flag in list(master_band._element.iter(DECORATIVE)):
        flag.getparent().getparent().remove(flag.getparent())
    assert undecorated_furniture(on_master) == [f"master: {master_band.name}"]
    # Move the title after a text box: the box is then read first.
    tree = slide.shapes._spTree
    tree.append(slide.shapes.title._element)
    assert reading_order_problems(prs)
    run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    del run.font._rPr.attrib["lang"]
    assert runs_without_language(prs)
