"""The built PDF and deck, read back with the clients people use (issue 2's acceptance).

The shipped example is built once per session through the real command line
(`shipped_build`); every test here reads those files back with poppler, qpdf,
python-pptx or LibreOffice and checks what they say against the data file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE

from conftest import dehyphenated, plain_quotes
from pptx.util import Emu

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "ceop-2007-08.yaml"
STEM = DATA.stem
A4 = (595.28, 841.89)

# Numbers and phrases the press release states, as a reader must find them in the review.
STATED = ["131", "297", "1.7 million", "5,812", "almost 1 million", "11,000", "2,600", "three-fold"]
SPEAKERS = ["Jim Gamble", "Vernon Coaker", "Ken Jones"]


@cache
def data() -> dict:
    """The shipped data file, as plain YAML."""
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def squash(text: str) -> str:
    """Text with every run of white space made one space (line breaks differ between outputs)."""
    return " ".join(text.split())


def tool(*args: object) -> subprocess.CompletedProcess:
    """Run a command-line client; its output as text."""
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def pdf(shipped_build: Path) -> Path:
    return shipped_build / f"{STEM}.pdf"


@pytest.fixture(scope="module")
def deck_path(shipped_build: Path) -> Path:
    return shipped_build / f"{STEM}.pptx"


@pytest.fixture(scope="module")
def deck(deck_path: Path):
    return Presentation(str(deck_path))


@pytest.fixture(scope="module")
def pdf_info(pdf: Path) -> dict[str, str]:
    """pdfinfo's fields."""
    done = tool("pdfinfo", pdf)
    assert done.returncode == 0, done.stderr
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in done.stdout.splitlines())}


@pytest.fixture(scope="module")
def pdf_text(pdf: Path) -> str:
    """pdftotext's reading-order text, white space squashed."""
    done = tool("pdftotext", pdf, "-")
    assert done.returncode == 0, done.stderr
    return squash(dehyphenated(done.stdout))


# ---- PDF -------------------------------------------------------------------

def test_pdf_has_at_least_five_a4_pages(pdf_info: dict[str, str]) -> None:
    # The cover, the figures at a glance, two pages of narrative (its charts set into it) and the back page.
    assert int(pdf_info["Pages"]) >= 5
    size = re.match(r"([\d.]+) x ([\d.]+) pts", pdf_info["Page size"])
    assert size, pdf_info["Page size"]
    assert float(size[1]) == pytest.approx(A4[0], abs=0.01)
    assert float(size[2]) == pytest.approx(A4[1], abs=0.01)


def test_pdf_metadata_names_the_report(pdf_info: dict[str, str]) -> None:
    report = data()["report"]
    assert report["title"] in pdf_info["Title"]
    assert report["organisation"]["short_name"] in pdf_info["Title"]
    assert pdf_info["Author"] == report["organisation"]["name"]
    assert report["subtitle"] in pdf_info["Subject"]


def test_every_page_is_a4(pdf: Path, pdf_info: dict[str, str]) -> None:
    """pdfinfo reports the first page only; ask for each."""
    done = tool("pdfinfo", "-f", 1, "-l", pdf_info["Pages"], pdf)
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", done.stdout)
    assert len(sizes) == int(pdf_info["Pages"])
    for w, h in sizes:
        assert (float(w), float(h)) == pytest.approx(A4, abs=0.01)


def pdffonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts' table as rows of name, type, emb (columns cut where the header's words start)."""
    done = tool("pdffonts", pdf)
    assert done.returncode == 0, done.stderr
    header, _rule, *rows = done.stdout.splitlines()
    starts = {name: header.index(name) for name in ("name", "type", "encoding", "emb", "sub")}
    return [{"name": row[:starts["type"]].strip(), "type": row[starts["type"]:starts["encoding"]].strip(),
             "emb": row[starts["emb"]:starts["sub"]].strip()} for row in rows if row.strip()]


def test_pdf_embeds_every_font(pdf: Path) -> None:
    """No base-14 font left to the viewer and no Type 3 bitmaps: the theme's TrueType files, embedded."""
    fonts = pdffonts(pdf)
    assert fonts, "pdffonts found no fonts"
    not_embedded = [f["name"] for f in fonts if f["emb"] != "yes"]
    assert not not_embedded, f"fonts not embedded: {not_embedded}"
    assert not [f["name"] for f in fonts if f["type"].startswith("Type 3")]
    theme = yaml.safe_load((ROOT / "layouts" / "themes" / "default" / "theme.yaml").read_text(encoding="utf-8"))
    theme_families = {Path(face).stem.split("-")[0] for family in theme["fonts"].values()
                      for key, face in family.items() if key != "deck_name"}
    families = {f["name"].split("+")[-1].split("-")[0] for f in fonts}
    assert families <= theme_families, f"fonts not from the theme: {families - theme_families}"


def test_qpdf_finds_no_errors(pdf: Path) -> None:
    done = tool("qpdf", "--check", pdf)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors" in done.stdout


@pytest.mark.parametrize("phrase", STATED)
def test_pdf_states_the_figures(pdf_text: str, phrase: str) -> None:
    assert phrase in pdf_text


@pytest.mark.parametrize("speaker", SPEAKERS)
def test_pdf_quotes_each_speaker_with_their_pull_excerpt(pdf_text: str, speaker: str) -> None:
    quote = next(q for q in data()["quotes"].values() if q["speaker"] == speaker)
    assert speaker in pdf_text
    assert squash(quote["pull"]) in pdf_text
    assert squash(quote["role"]) in pdf_text


@pytest.mark.parametrize("key", ["jim_gamble", "vernon_coaker", "ken_jones"])
def test_pdf_prints_each_quote_in_full(pdf: Path, pdf_text: str, pdf_words, key: str) -> None:
    """Every paragraph of every quote, word for word, with its speaker and role."""
    quote = data()["quotes"][key]
    assert f"{quote['speaker']}, {squash(quote['role'])}" in pdf_text
    # The outputs set quotes typographically ("safety first" nested in a quote becomes 'safety first').
    words = [plain_quotes(w).replace('"', "'") for w in column_order(pdf_words(pdf))]
    for paragraph in quote["text"]:
        assert words_in_order(plain_quotes(paragraph).replace('"', "'").split(), words), paragraph[:60]


def column_order(pages) -> list[str]:
    """Words page by page, left half before right half, each top to bottom (two-column reading)."""
    ordered: list[str] = []
    for width, _height, words in pages:
        ordered += [w[0] for w in sorted(words, key=lambda w: (w[1] >= width / 2, round(w[2]), w[1]))]
    return ordered


def words_in_order(words: list[str], text: list[str], max_interruption: int = 30) -> bool:
    """True when `words` appear in `text` in order, interrupted only briefly.

    A paragraph that continues in the next column is read by pdftotext after
    that page's footer and header; nothing else may come between its words.
    """
    for start in (i for i, w in enumerate(text) if words[0] in w):
        pos, skipped = start, 0
        for word in words[1:]:
            pos += 1
            while pos < len(text) and word not in text[pos] and skipped <= max_interruption:
                pos, skipped = pos + 1, skipped + 1
            if pos >= len(text) or skipped > max_interruption:
                break
        else:
            return True
    return False


def test_pdf_marks_derived_values(pdf_text: str) -> None:
    """The first year's arrests (297 ÷ 3) is not a published figure: marked where shown and explained."""
    assert "derived" in pdf_text.lower()
    assert re.search(r"\b99\s?\*", pdf_text), "the derived 99 is not marked with *"
    assert "297 ÷ 3" in pdf_text


def test_pdf_pages_are_numbered(pdf: Path, pdf_words) -> None:
    """Every page but the front and back covers carries its number in the bottom margin."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    covers = {1} | {n for n, entry in enumerate(reader.outline, start=1) if entry.title == "Contact details"}
    assert covers == {1, reader.get_num_pages()}  # the front cover, and the back cover with the website
    pages = pdf_words(pdf)
    for number, (_w, height, words) in enumerate(pages, start=1):
        if number in covers:
            continue
        footer = [w for w in words if w[0] == str(number) and w[2] > height - 62]
        assert footer, f"page {number} has no page number in its footer"


def test_pdf_names_sources_and_the_full_review(pdf_text: str) -> None:
    assert data()["sources"]["press_release"]["title"] in pdf_text
    # A web address wider than its column breaks after a slash: join those breaks to read it whole.
    assert data()["report"]["full_review"]["url"] in re.sub(r"(?<=[/.])\s+", "", pdf_text)


# ---- deck ------------------------------------------------------------------

def test_deck_has_at_least_six_16x9_slides(deck) -> None:
    assert len(deck.slides) >= 6
    assert deck.slide_width * 9 == deck.slide_height * 16
    assert Emu(deck.slide_width).pt == pytest.approx(960)


def test_deck_metadata(deck) -> None:
    props = deck.core_properties
    assert data()["report"]["title"] in props.title
    assert props.author == data()["report"]["organisation"]["name"]


def figure_value(key: str, at: str | None = None) -> float:
    """A figure's value from the YAML, or what remains of it after its parts (`at: remainder`)."""
    figures = data()["figures"]
    value = figures[key]["value"]
    if at == "remainder":
        value -= sum(f["value"] for f in figures.values() if f.get("part_of") == key)
    return value


def expected_series(series: dict) -> list[tuple[str, list[float]]] | None:
    """A series' names and values straight from the YAML; None when it needs the tool's arithmetic."""
    out = []
    for s in series["series"]:
        refs = s["values"]
        if any(r.get("at") not in (None, "remainder") for r in refs):
            return None
        out.append((s["name"], [figure_value(r["figure"], r.get("at")) for r in refs]))
    return out


def deck_charts(deck) -> list:
    return [shape.chart for slide in deck.slides for shape in slide.shapes
            if shape.has_chart]


def held(series: dict, chart) -> list[tuple[str, list[float]]] | None:
    """What a native chart of `series` holds, when the YAML states it outright and the chart is of it.

    A proportion bar (a 100% stacked bar) holds one category, the whole, named as the row is, and a
    series per part; any other chart holds the series' categories and rows."""
    rows = expected_series(series)
    categories = list(chart.plots[0].categories)
    if rows is None:
        return None
    if series["categories"] == categories:
        return rows
    if chart.chart_type == XL_CHART_TYPE.BAR_STACKED_100 and len(rows) == 1 and categories == [rows[0][0]]:
        return [(c, [v]) for c, v in zip(series["categories"], rows[0][1])]
    return None


def test_deck_charts_are_native_and_hold_the_data(deck) -> None:
    """Each native chart whose series the YAML states outright holds exactly those categories and values;
    the one waffle (25 offenders, a square each) is a group of shapes whose alt text gives its numbers."""
    charts = deck_charts(deck)
    assert charts, "no native charts in the deck"
    checked = 0
    for chart in charts:
        expected = [e for s in data()["series"].values() if (e := held(s, chart)) is not None]
        if not expected:
            continue
        assert [(s.name, list(s.values)) for s in chart.series] in expected
        checked += 1
    assert checked >= 1, "no chart could be checked against the YAML"
    groups = [s for slide in deck.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    alts = [g._element.nvGrpSpPr.cNvPr.get("descr") for g in groups]
    assert alts == ["Waffle chart of How the 25 highest-risk offenders were located: 10 After appearing on "
                    "ceop.gov.uk/wanted, 15* (derived) Through other CEOP activity."]


def test_no_chart_puts_the_outcomes_unlike_measures_on_one_axis(deck, pdf_text) -> None:
    """Arrests, children, offenders, deployments and rings are figures, not bars against one scale."""
    outcomes = data()["series"]["outcomes"]
    assert outcomes["charted"] is False
    for chart in deck_charts(deck):
        assert len(set(outcomes["categories"]) & set(chart.plots[0].categories)) <= 1, chart.plots[0].categories
    assert outcomes["title"] not in pdf_text


def test_every_slide_has_speaker_notes(deck) -> None:
    for n, slide in enumerate(deck.slides, start=1):
        assert slide.has_notes_slide, f"slide {n} has no notes"
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.strip(), f"slide {n} has empty notes"
        assert not re.search(r"\{[a-z_.]+\}", notes), f"slide {n}'s notes keep a placeholder: {notes[:80]!r}"


def slide_text(slide) -> str:
    return squash(" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame))


@pytest.mark.parametrize("key", ["jim_gamble", "vernon_coaker", "ken_jones"])
def test_each_quote_has_a_slide_with_its_pull_quote(deck, key: str) -> None:
    quote = data()["quotes"][key]
    slides = [s for s in deck.slides if squash(quote["pull"]) in slide_text(s)]
    assert slides, f"no slide shows {quote['speaker']}'s pull quote"
    assert quote["speaker"] in slide_text(slides[0])


def test_deck_states_the_figures(deck) -> None:
    text = " ".join(slide_text(s) for s in deck.slides)
    for phrase in ["131", "297", "1.7 million", "5,812", "11,000", "2,600"]:
        assert phrase in text, phrase


@pytest.fixture(scope="module")
def deck_as_pdf(deck_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The deck converted by LibreOffice Impress, headless, with a private profile."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice (soffice) is not installed"
    work = tmp_path_factory.mktemp("lo")
    profile = (work / "profile").as_uri()
    done = tool(office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                "--outdir", work / "out", deck_path)
    result = work / "out" / f"{STEM}.pdf"
    assert result.is_file(), f"LibreOffice did not convert the deck:\n{done.stdout}\n{done.stderr}"
    return result


def test_libreoffice_opens_the_deck_and_shows_every_slide(deck_as_pdf: Path, deck) -> None:
    info = tool("pdfinfo", deck_as_pdf).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info)[1]) == len(deck.slides)
    text = squash(tool("pdftotext", deck_as_pdf, "-").stdout)
    for speaker in SPEAKERS:
        assert speaker in text
    assert "5,812" in text


# ---- reproducible, atomic --------------------------------------------------

def test_two_builds_are_byte_identical(shipped_build: Path, tmp_path: Path, cli) -> None:
    """Built again into another folder (cold chart cache), then once more there (warm cache)."""
    again = tmp_path / "again"
    for _ in range(2):
        done = cli("build", DATA, "--out", again)
        assert done.returncode == 0, done.stderr
        for suffix in (".pdf", ".pptx"):
            first = (shipped_build / f"{STEM}{suffix}").read_bytes()
            assert (again / f"{STEM}{suffix}").read_bytes() == first, f"{suffix} differs between builds"


def test_failed_build_keeps_previous_outputs(shipped_build: Path, tmp_path: Path, cli) -> None:
    """A data error: exit 1, a `path:line:col: error:` line, no traceback, old files untouched, no temp files."""
    out = tmp_path / "out"
    shutil.copytree(shipped_build, out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    broken = tmp_path / DATA.name
    lines = DATA.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if text == "    value: 297\n")
    lines[line] = "    value: 29x7\n"
    broken.write_text("".join(lines), encoding="utf-8")

    done = cli("build", broken, "--out", out)

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert re.search(rf"^{re.escape(str(broken))}:{line + 1}:12: error: .*29x7", done.stderr, re.M), done.stderr
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_render_failure_writes_neither_file(shipped_build: Path, tmp_path: Path, monkeypatch) -> None:
    """Both outputs are rendered in memory first: a deck that fails to render leaves the PDF untouched too."""
    from generator.diagnostics import Collector
    from generator.layout.engine import lay_out
    from generator.layoutfile.load import load_layout
    from generator.model.load_report import load_report
    from generator.render import deck as deck_backend
    from generator.render.write import render_documents

    problems = Collector()
    report = load_report(DATA, problems)
    documents = [lay_out(report, load_layout(ROOT / "layouts" / name, kind, problems), problems)
                 for name, kind in (("report-a4.yaml", "pdf"), ("deck-16x9.yaml", "deck"))]
    assert not problems.has_errors
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{STEM}.pdf").write_bytes(b"last good pdf")

    def broken(*_args, **_kwargs):
        raise RuntimeError("deck backend failed")

    monkeypatch.setattr(deck_backend, "render_deck", broken)
    with pytest.raises(RuntimeError):
        render_documents(documents, out, STEM, None)
    assert (out / f"{STEM}.pdf").read_bytes() == b"last good pdf"
    assert sorted(p.name for p in out.iterdir()) == [f"{STEM}.pdf"]


def test_write_atomic_leaves_old_file_when_the_rename_fails(tmp_path: Path, monkeypatch) -> None:
    from generator.render import atomic

    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")

    def fail(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OSError):
        atomic.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_no_output_is_replaced_unless_all_were_written(tmp_path: Path, monkeypatch) -> None:
    """The deck fails to stage (disk full): the PDF written before it is not replaced either."""
    from generator.render import atomic

    pdf, pptx = tmp_path / "r.pdf", tmp_path / "r.pptx"
    pdf.write_bytes(b"old pdf")
    pptx.write_bytes(b"old deck")
    real = atomic._write_new

    def write_new(path: Path, data: bytes) -> None:
        if data == b"new deck":
            raise OSError("disk full")
        real(path, data)

    monkeypatch.setattr(atomic, "_write_new", write_new)
    with pytest.raises(OSError):
        atomic.write_all_atomic([(pdf, b"new pdf"), (pptx, b"new deck")])
    assert (pdf.read_bytes(), pptx.read_bytes()) == (b"old pdf", b"old deck")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf", "r.pptx"]


def test_a_failed_second_rename_puts_the_first_file_back(tmp_path: Path, monkeypatch) -> None:
    """The swap renames one file after the other: when the second rename fails, the first is rolled back."""
    from generator.render import atomic

    pdf, pptx = tmp_path / "r.pdf", tmp_path / "r.pptx"
    pdf.write_bytes(b"old pdf")
    pptx.write_bytes(b"old deck")
    real = atomic.os.replace

    def replace(src, dst) -> None:
        if Path(dst) == pptx and Path(src).name.startswith("new-"):
            raise OSError("I/O error")
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(OSError):
        atomic.write_all_atomic([(pdf, b"new pdf"), (pptx, b"new deck")])
    assert (pdf.read_bytes(), pptx.read_bytes()) == (b"old pdf", b"old deck")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf", "r.pptx"]


def test_an_unwritable_output_folder_is_a_diagnostic(tmp_path: Path, cli) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    done = cli("build", DATA, "--out", blocker / "out")
    assert done.returncode == 1
    assert re.search(r"^data/ceop-2007-08\.yaml:1:1: error: cannot write to .*out: Not a directory$", done.stderr, re.M), done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_every_slide_has_its_own_title(deck) -> None:
    """Screen readers and the slide sorter name slides by their title placeholder: one each, all different."""
    titles = [slide.shapes.title.text if slide.shapes.title is not None else None for slide in deck.slides]
    assert None not in titles and "" not in titles, titles
    assert len(set(titles)) == len(titles), titles
    assert "2007/08 at a glance (1 of 2)" in titles and "2007/08 at a glance (2 of 2)" in titles
    speakers = [q["speaker"] for q in data()["quotes"].values()]
    assert all(any(s.upper() in t.upper() for t in titles) for s in speakers)


def test_pdf_outline_names_every_page(pdf: Path, pdf_info: dict[str, str]) -> None:
    """A bookmark per page, named by the page's title, for readers navigating the review."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    titles = [entry.title for entry in reader.outline]
    assert len(titles) == int(pdf_info["Pages"])
    assert titles[0] == data()["report"]["title"]
    assert titles[1] == data()["report"]["headline"]
    assert "The year in review" in titles  # the narrative's first page; its later pages by the section they open with
    sections = {" ".join(s["title"].split()) for s in data()["sections"] if s.get("title")}
    assert set(titles[3:-1]) <= sections | {"The year in review", "In their own words", "Sources"}
    assert all("\n" not in t and t.strip() for t in titles)
    pages = [reader.get_destination_page_number(entry) for entry in reader.outline]
    assert pages == list(range(len(titles)))


def test_capitals_are_a_font_attribute_in_the_deck(deck) -> None:
    """Small-caps-style kickers keep their words as written (screen readers, editing) and set caps="all"."""
    title = next(s.shapes.title for s in deck.slides if s.shapes.title.text_frame.text.startswith("In their own"))
    runs = [r for p in title.text_frame.paragraphs for r in p.runs]
    assert title.text_frame.text == "In their own words: Jim Gamble"
    assert runs and all(r.font._rPr.get("cap") == "all" for r in runs)


def integrity(path: Path) -> dict:
    """docx-integrity's JSON verdict on one file."""
    import json

    done = subprocess.run([sys.executable, "-m", "docx_integrity.cli", "check", "--json", "--no-config", str(path)],
                          capture_output=True, text=True)
    return json.loads(done.stdout)["files"][0]


def test_an_independent_checker_finds_no_text_overflowing_the_deck(deck_path: Path, tmp_path: Path) -> None:
    """docx-integrity measures every text box with the fonts it finds (Carlito for Calibri) and
    reports overflow, overlap and shapes off the slide; it must find nothing at all, not even a warning."""
    verdict = integrity(deck_path)
    assert verdict["findings"] == [], verdict["findings"]

    # The same checker does catch text that overflows, so its silence above means something.
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Pt

    prs = Presentation()
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(Pt(50), Pt(50), Pt(200), Pt(30))
    box.text_frame.word_wrap = True
    box.text_frame.auto_size = MSO_AUTO_SIZE.NONE  # a new text box would otherwise grow to its text
    box.text_frame.text = "A sentence far too long for its small box. " * 8
    for run in box.text_frame.paragraphs[0].runs:
        run.font.name, run.font.size = "Calibri", Pt(14)
    bad = tmp_path / "overflowing.pptx"
    prs.save(bad)
    assert [f["code"] for f in integrity(bad)["findings"]] == ["PPT001"]


PUBLISHED = "5,812 reports received and activated, a 76% increase on the monthly average from 2006/07"


def test_a_chart_of_derived_values_shows_the_published_figure(deck, pdf_text) -> None:
    """The reports chart plots monthly averages the tool derives (both marked), and says under its title what
    the release published: the 5,812 reports and its stated 76% increase, in both outputs."""
    chart = next(c for c in deck_charts(deck) if c.plots[0].series[0].name == "Reports a month")
    assert [p.text for p in chart.chart_title.text_frame.paragraphs] == [PUBLISHED]  # the slide's heading is the title
    assert PUBLISHED in pdf_text
    assert "c. 484*" in pdf_text and "c. 275*" in pdf_text
