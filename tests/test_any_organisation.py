"""Any organisation's data file builds with the shipped layouts and default theme (issue 8's acceptance).

Six fictional organisations of very different shapes (tests/fixtures/orgs/) are each
built once through the real command line, with the shipped layouts and theme
unchanged. Their PDF and deck are read back with poppler, qpdf, python-pptx and
LibreOffice and checked for what a reader of that organisation's report must find
(its headline figures, quotes, sections and name) and must never find (another
organisation's words, unfilled placeholders, dangling separators, empty quote
pages, pages or slides with nothing on them, overflow).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from conftest import dehyphenated

from generator.model.formatting import Formatter

ORGS_DIR = Path(__file__).resolve().parent / "fixtures" / "orgs"
ORGS = sorted(p.stem for p in ORGS_DIR.glob("*.yaml"))
# Each file's data, read once here so that tests can be chosen by what a file holds.
DATA = {name: yaml.safe_load((ORGS_DIR / f"{name}.yaml").read_text(encoding="utf-8")) for name in ORGS}
NO_HEADLINE = [n for n in ORGS if not any(f.get("headline") for f in DATA[n]["figures"].values())]
WITH_QUOTES = [n for n in ORGS if DATA[n].get("quotes")]
NO_QUOTES = [n for n in ORGS if not DATA[n].get("quotes")]
WITH_SECTIONS = [n for n in ORGS if DATA[n].get("sections")]

# Words of the shipped CEOP example (and of the shipped layouts written for it) that
# no other organisation's report may contain, unless its own data file says them.
# "Annual Review" also stands for "Annual Review 2007/08": a report's running heads use its own title.
FOREIGN = ["CEOP", "Annual Review", "child sex", "press release", "Jim Gamble", "Centre's", "Thinkuknow",
           "paedophile", "safeguarded"]

# What an empty optional field leaves behind, matched in one paragraph or text block.
DANGLING = {
    "ends with a separator": r"\s[–·]$",
    "starts with a separator": r"^[–·]\s",
    "two separators in a row": r"[–·]\s*[–·]",
    "empty brackets": r"\(\s*\)",
    "a colon before a full stop": r":\s*[.,;]",
    "a space before a comma": r"\s[,;]",
    "a space before a full stop": r"\s\.(\s|$)",
}

MIN_PAGE_WORDS = 15  # a page with fewer words outside its running head and foot is next to empty
HEADER_BAND, FOOTER_BAND = 0.07, 0.05  # of the page height: where running heads and feet sit


# ---- reading the outputs back ------------------------------------------------

def squash(text: str) -> str:
    """Text with every run of white space made one space."""
    return " ".join(text.split())


def canon(text: str) -> str:
    """Text as compared for presence: no soft or line-break hyphens, one kind of apostrophe, any case.

    Hyphens are dropped with the space after them from both sides of a comparison,
    so "three-fold", "three-\\nfold" (a break at a hyphen) and "organi-\\nsation"
    (hyphenation) all match their source words.
    """
    text = text.replace("\u00ad", "").replace("’", "'").replace("‘", "'")
    text = re.sub(r"[-\u2010\u2011]\s*", "", squash(text))
    return text.casefold()


def contains(haystack: str, needle: str) -> bool:
    """Whether `needle` appears in `haystack`, ignoring line breaks, hyphenation and case."""
    return canon(needle) in canon(haystack)


def tool(*args: object) -> subprocess.CompletedProcess:
    """Run a command-line client; its output as text."""
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300)


@dataclass(frozen=True)
class Slide:
    """What one slide says: its title, every other text frame and table cell, chart titles and notes.

    Each text is one frame's non-empty paragraphs, one a line, white space squashed.
    """

    title: str
    texts: tuple[str, ...]
    charts: tuple[str, ...]
    tables: int
    notes: str

    @property
    def shown(self) -> str:
        """Everything on the slide itself (not its notes), as one text."""
        return "\n".join((self.title, *self.texts, *self.charts))


def _shapes(shapes):
    """Every shape, looking inside groups."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shapes(shape.shapes)
        else:
            yield shape


def _frame_text(frame) -> str:
    """A text frame's non-empty paragraphs, one a line, white space squashed."""
    return "\n".join(squash(p.text) for p in frame.paragraphs if p.text.strip())


def read_slide(slide) -> Slide:
    """One slide's words, read with python-pptx."""
    title_shape = slide.shapes.title
    texts, charts, tables = [], [], 0
    for shape in _shapes(slide.shapes):
        if shape.has_text_frame and (title_shape is None or shape.shape_id != title_shape.shape_id):
            texts.append(_frame_text(shape.text_frame))
        if getattr(shape, "has_table", False) and shape.has_table:
            tables += 1
            texts += [squash(cell.text) for row in shape.table.rows for cell in row.cells if cell.text.strip()]
        if getattr(shape, "has_chart", False) and shape.has_chart:
            chart = shape.chart
            charts.append(_frame_text(chart.chart_title.text_frame) if chart.has_title else "")
    notes = _frame_text(slide.notes_slide.notes_text_frame) if slide.has_notes_slide else ""
    title = _frame_text(title_shape.text_frame) if title_shape is not None else ""
    return Slide(title, tuple(t for t in texts if t), tuple(charts), tables, notes)


def pdf_pages(pdf: Path) -> list[str]:
    """pdftotext's reading-order text of each page (not -layout), words hyphenated at line ends joined."""
    done = tool("pdftotext", pdf, "-")
    assert done.returncode == 0, done.stderr
    return dehyphenated(done.stdout).split("\f")[:-1]


def blocks(page: str) -> list[str]:
    """A page's text blocks, which pdftotext separates by blank lines."""
    return [b for b in re.split(r"\n\s*\n", page) if b.strip()]


def unwrapped(text: str) -> list[str]:
    """A block's lines with each wrapped line joined back to the one it continues, white space squashed.

    Both outputs break long lines (the deck writes one paragraph a line), so a line
    that starts in lower case or with punctuation continues the one before it; a
    line ending "Name –" before a capitalised line is a separator left dangling.
    """
    joined: list[str] = []
    for line in filter(None, (squash(line) for line in text.splitlines())):
        if joined and re.match(r"[a-z–·,.;:)”’]", line):
            joined[-1] += " " + line
        else:
            joined.append(line)
    return joined


def pdf_metadata(pdf: Path) -> str:
    """pdfinfo's document fields that carry words (title, subject, keywords, author)."""
    info = tool("pdfinfo", pdf).stdout
    fields = ("Title", "Subject", "Keywords", "Author")
    return "\n".join(line for line in info.splitlines() if line.split(":")[0] in fields)


def deck_metadata(deck) -> str:
    """The deck's core properties that carry words."""
    props = deck.core_properties
    return "\n".join(filter(None, (props.title, props.subject, props.keywords, props.author,
                                   props.comments, props.category)))


@dataclass(frozen=True)
class Outputs:
    """One organisation's built PDF and deck, read back."""

    pages: list[str]
    pdf_meta: str
    slides: list[Slide]
    deck_meta: str

    @property
    def pdf_text(self) -> str:
        return "\n".join(self.pages)

    @property
    def deck_text(self) -> str:
        """Everything the deck says on its slides (not in its notes)."""
        return "\n".join(s.shown for s in self.slides)

    @property
    def deck_all(self) -> str:
        """Everything the deck says, notes and properties included."""
        return "\n".join([self.deck_text, *(s.notes for s in self.slides), self.deck_meta])


@dataclass(frozen=True)
class Org:
    """One fictional organisation: its data file, its build and, when it built, its outputs."""

    name: str
    source: str
    data: dict
    done: subprocess.CompletedProcess
    pdf: Path
    deck: Path
    read: Outputs | None

    def outputs(self) -> Outputs:
        """The outputs read back; the test fails (naming the build's first problems) when there are none."""
        if self.read is None:
            head = "\n".join(self.done.stderr.splitlines()[:8])
            pytest.fail(f"{self.name} did not build (exit {self.done.returncode}):\n{head}")
        return self.read

    def __repr__(self) -> str:
        return f"Org({self.name!r})"

    @property
    def organisation(self) -> dict:
        return self.data["report"]["organisation"]

    def says(self, phrase: str) -> bool:
        """Whether this organisation's own data file contains `phrase` (any case)."""
        return phrase.casefold() in self.source.casefold()


def _read(pdf: Path, deck_path: Path) -> Outputs:
    """Read back one build's two files."""
    deck = Presentation(str(deck_path))
    return Outputs(pdf_pages(pdf), pdf_metadata(pdf), [read_slide(s) for s in deck.slides], deck_metadata(deck))


@pytest.fixture(scope="session")
def orgs(cli, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Org]:
    """Every fictional organisation built once through the real command line, and read back."""
    root = tmp_path_factory.mktemp("orgs")
    built = {}
    for name in ORGS:
        path = ORGS_DIR / f"{name}.yaml"
        done = cli("build", path, "--out", root / name)
        pdf, deck = root / name / f"{name}.pdf", root / name / f"{name}.pptx"
        ok = done.returncode == 0 and pdf.is_file() and deck.is_file()
        built[name] = Org(name, path.read_text(encoding="utf-8"), DATA[name], done, pdf, deck,
                          _read(pdf, deck) if ok else None)
    return built


@pytest.fixture(params=ORGS)
def org(request: pytest.FixtureRequest, orgs: dict[str, Org]) -> Org:
    """Each fictional organisation in turn."""
    return orgs[request.param]


@pytest.fixture(scope="session")
def decks_as_pdf(orgs: dict[str, Org], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every deck that built, converted by LibreOffice Impress in one headless call with a fresh profile."""
    decks = [o.deck for o in orgs.values() if o.read is not None]
    if not decks:
        return {}
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice (soffice) is not installed"
    work = tmp_path_factory.mktemp("orgs-lo")
    done = tool(office, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                "--convert-to", "pdf", "--outdir", work / "out", *decks)
    assert done.returncode == 0, done.stdout + done.stderr
    return {p.stem: p for p in (work / "out").glob("*.pdf")}


# ---- the build ---------------------------------------------------------------

def test_fixture_is_labelled_fictional(org: Org) -> None:
    """Test data for a fictional organisation says so in its first comment lines."""
    first, second = org.source.splitlines()[:2]
    assert first == "# yaml-language-server: $schema=../../../docs/schema/data.schema.json"
    assert second.startswith("# FICTIONAL TEST DATA: not a real organisation")


def test_builds_cleanly(org: Org) -> None:
    """Exit 0 with no error and nothing reported as overflowing or not fitting."""
    problems = [line for line in org.done.stderr.splitlines()
                if "error:" in line or re.search(r"overflow|does not fit", line)]
    assert not problems, "\n".join(problems[:8])
    assert org.done.returncode == 0, org.done.stderr[-2000:]


def test_build_leaves_no_content_out(org: Org) -> None:
    """Nothing in the data is dropped to make it fit (for example figure tiles' detail lines)."""
    dropped = [line for line in org.done.stderr.splitlines() if re.search(r"leave out|left out|omit", line)]
    assert not dropped, "\n".join(dropped)
    assert org.done.returncode == 0, org.done.stderr[-2000:]


# ---- what must be there ------------------------------------------------------

def formatted(org: Org, figure: dict) -> str:
    """A figure's value as the report's one formatter writes it, from the YAML."""
    fmt = Formatter(org.data["report"].get("locale", "en-GB"))
    return fmt.number(figure["value"], figure.get("unit", "count"), figure.get("currency"),
                      figure.get("approximate"))


def headline(org: Org) -> list[dict]:
    """The figures the data file marks as headline, in file order."""
    return [f for f in org.data["figures"].values() if f.get("headline")]


def missing_figures(org: Org, text: str, figures: list[dict]) -> list[str]:
    """The figures (value and label) that `text` does not show."""
    return [f"{formatted(org, f)} {f['label']}" for f in figures
            if not (contains(text, formatted(org, f)) and contains(text, f["label"]))]


@pytest.mark.parametrize("output", ["pdf", "deck"])
def test_every_headline_figure_is_shown(org: Org, output: str) -> None:
    """Each headline figure's formatted value and label; with none marked, the layout's choice, at least one."""
    text = org.outputs().pdf_text if output == "pdf" else org.outputs().deck_text
    figures = headline(org)
    if figures:
        assert not missing_figures(org, text, figures), missing_figures(org, text, figures)
    else:
        every = list(org.data["figures"].values())
        assert len(missing_figures(org, text, every)) < len(every), f"the {output} shows none of the figures"


@pytest.mark.parametrize("name", NO_HEADLINE)
def test_pdf_gives_every_figure_value_when_none_is_headline(orgs: dict[str, Org], name: str) -> None:
    """With no headline figures marked, the PDF still gives every figure's value somewhere."""
    org = orgs[name]
    text = org.outputs().pdf_text
    absent = [formatted(org, f) for f in org.data["figures"].values() if not contains(text, formatted(org, f))]
    assert not absent, absent


def quote_words(quote: dict) -> str:
    """The words a reader must find for a quote: its pull excerpt, else the first words of its text."""
    return quote.get("pull") or " ".join(quote["text"][0].split()[:10])


@pytest.mark.parametrize("name", WITH_QUOTES)
def test_pdf_gives_every_quote(orgs: dict[str, Org], name: str) -> None:
    """Each quote's pull (or its first words) and its speaker."""
    org = orgs[name]
    text = org.outputs().pdf_text
    missing = [q["speaker"] for q in org.data["quotes"].values()
               if not (contains(text, quote_words(q)) and contains(text, q["speaker"]))]
    assert not missing, f"quotes missing from the PDF: {missing}"


@pytest.mark.parametrize("name", WITH_SECTIONS)
def test_pdf_gives_every_section_title(orgs: dict[str, Org], name: str) -> None:
    org = orgs[name]
    missing = [s["title"] for s in org.data["sections"] if not contains(org.outputs().pdf_text, s["title"])]
    assert not missing, missing


@pytest.mark.parametrize("output", ["pdf", "deck"])
def test_organisation_is_named(org: Org, output: str) -> None:
    text = org.outputs().pdf_text if output == "pdf" else org.outputs().deck_text
    assert contains(text, org.organisation["name"]), org.organisation["name"]


# ---- what must never be there ------------------------------------------------

def texts(org: Org, output: str) -> str:
    """Every word an output carries: pages or slides, speaker notes and document properties."""
    return org.outputs().pdf_text + "\n" + org.outputs().pdf_meta if output == "pdf" else org.outputs().deck_all


@pytest.mark.parametrize("output", ["pdf", "deck"])
def test_no_other_organisations_words(org: Org, output: str) -> None:
    text = texts(org, output).casefold()
    found = [w for w in FOREIGN if w.casefold() in text and not org.says(w)]
    assert not found, found


@pytest.mark.parametrize("output", ["pdf", "deck"])
def test_no_unfilled_braces(org: Org, output: str) -> None:
    lines = [line for line in texts(org, output).splitlines() if "{" in line or "}" in line]
    assert not lines, lines[:5]


def units(org: Org, output: str) -> list[str]:
    """The pieces of text a separator must not dangle in: PDF text blocks, or deck paragraphs and notes."""
    out = org.outputs()
    if output == "pdf":
        return [u for page in out.pages for b in blocks(page) for u in unwrapped(b)] + out.pdf_meta.splitlines()
    return [u for s in out.slides for t in (s.title, *s.texts, *s.charts, s.notes) for u in unwrapped(t)] \
        + out.deck_meta.splitlines()


@pytest.mark.parametrize("output", ["pdf", "deck"])
def test_no_dangling_separators(org: Org, output: str) -> None:
    """An empty optional field leaves no "Name –", "… ·", ": .", "()" or " ," behind."""
    found = [(why, unit) for unit in units(org, output) for why, pattern in DANGLING.items()
             if re.search(pattern, unit)]
    assert not found, found[:5]


@pytest.mark.parametrize("output", ["pdf", "deck"])
def test_no_empty_quotation(org: Org, output: str) -> None:
    """No opening quotation mark without words after it."""
    empty = [u for u in units(org, output) if re.search(r"“\s*(”|$)", u)]
    assert not empty, empty[:3]


@pytest.mark.parametrize("output", ["pdf", "deck"])
@pytest.mark.parametrize("name", NO_QUOTES)
def test_no_quotation_marks_without_quotes(orgs: dict[str, Org], name: str, output: str) -> None:
    """A report with no quotes has nothing in quotation marks (its data file has none)."""
    org = orgs[name]
    assert not org.says("“") and not org.says("”")
    quoted = [u for u in units(org, output) if "“" in u or "”" in u]
    assert not quoted, f"quotation marks in a report with no quotes: {quoted[:3]}"


@pytest.mark.parametrize("name", NO_QUOTES)
def test_no_quote_slide_without_quotes(orgs: dict[str, Org], name: str) -> None:
    """No slide's title or notes speak of quotes or "own words" when the report has none."""
    org = orgs[name]
    about = [n for n, s in enumerate(org.outputs().slides, start=1)
             if re.search(r"quot|own words", s.title + "\n" + s.notes, re.I)]
    assert not about, f"quote slides in a report with no quotes: {about}"


@pytest.mark.parametrize("name", WITH_QUOTES)
def test_quote_slides_give_the_quote(orgs: dict[str, Org], name: str) -> None:
    """A slide that names a speaker gives their words (pull excerpt, or the quote's first words)."""
    org = orgs[name]
    quotes = org.data["quotes"].values()
    bare = [(n, q["speaker"]) for n, slide in enumerate(org.outputs().slides, start=1) for q in quotes
            if contains(slide.shown, q["speaker"]) and not contains(slide.shown, quote_words(q))]
    assert not bare, f"slides naming a speaker without their words: {bare}"


# ---- every page and slide holds something ------------------------------------

def body_words(width: float, height: float, words: list) -> list[str]:
    """A page's words outside the bands of its running head and foot."""
    return [w[0] for w in words if w[2] >= height * HEADER_BAND and w[4] <= height * (1 - FOOTER_BAND)]


def test_every_pdf_page_has_content(org: Org, pdf_words) -> None:
    """Each page between the covers has words of its own, not just a heading and its running head and foot.

    The back cover (the organisation's name and contact details, when the data gives them)
    is a cover: it may say little.
    """
    from pypdf import PdfReader

    org.outputs()
    back = {n for n, entry in enumerate(PdfReader(str(org.pdf)).outline, start=1) if entry.title == "Contact details"}
    thin = [n for n, page in enumerate(pdf_words(org.pdf), start=1)
            if n > 1 and n not in back and len(body_words(*page)) < MIN_PAGE_WORDS]
    assert not thin, f"pages with fewer than {MIN_PAGE_WORDS} words of content: {thin}"


def identity(org: Org) -> list[str]:
    """The words every slide may carry as chrome: names, title, period and website."""
    report = org.data["report"]
    found = [report["title"], report["period"]["label"], org.organisation["name"], org.organisation["short_name"]]
    website = org.organisation.get("website")
    return found + ([website.split("//")[-1].rstrip("/")] if website else [])


def own_words(org: Org, text: str) -> list[str]:
    """The words of `text` left once the report's identity, numbers alone and separators are removed."""
    for name in sorted(identity(org), key=len, reverse=True):
        text = text.replace(name, " ")
    return [w for w in text.split() if re.search(r"[^\W\d_]", w)]


def test_every_slide_has_content(org: Org) -> None:
    """Each slide after the title slide has a chart, a table or words beyond its title and chrome."""
    empty = [n for n, s in enumerate(org.outputs().slides, start=1)
             if n > 1 and not s.charts and not s.tables and len(own_words(org, " ".join(s.texts))) < 3]
    assert not empty, f"slides with nothing but a title: {empty}"


# ---- the files open cleanly in the clients people use --------------------------

def test_qpdf_finds_no_errors(org: Org) -> None:
    org.outputs()
    done = tool("qpdf", "--check", org.pdf)
    assert done.returncode == 0 and "No syntax or stream encoding errors" in done.stdout, done.stdout + done.stderr


def test_python_pptx_reopens_the_deck(org: Org) -> None:
    org.outputs()
    deck = Presentation(str(org.deck))
    assert len(deck.slides) >= 1
    assert deck.slide_width * 9 == deck.slide_height * 16


def test_libreoffice_shows_every_slide(org: Org, decks_as_pdf: dict[str, Path]) -> None:
    slides = len(org.outputs().slides)
    assert org.name in decks_as_pdf, f"LibreOffice did not convert {org.deck.name}"
    pages = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", decks_as_pdf[org.name]).stdout)[1])
    assert pages == slides
