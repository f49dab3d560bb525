"""The PDF route: real vector charts with selectable, embedded-font text and no images."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from generator.charts.cache import ChartCache
from generator.charts.pdf import alt_text, draw_chart, register_font
from generator.charts.spec import ChartSpec

from .conftest import FONTS, KINDS, sample_spec

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
BOX = (20.0, 20.0, 360.0, 260.0)


def build_pdf(path: Path, specs: list[ChartSpec], cache: ChartCache | None = None) -> bytes:
    """One page per spec, invariant mode, page default font set to an embedded TTF."""
    canvas = Canvas(str(path), pagesize=(400, 300), invariant=1, initialFontName=register_font(FONTS.regular))
    for spec in specs:
        draw_chart(canvas, spec, *BOX, cache)
        canvas.showPage()
    canvas.save()
    return path.read_bytes()


def run(*args: str) -> str:
    """Run a poppler tool and return its stdout."""
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_text(pdf: Path, page: int) -> str:
    """pdftotext in content-stream order, whitespace collapsed."""
    raw = run("pdftotext", "-raw", "-f", str(page), "-l", str(page), str(pdf), "-")
    return " ".join(raw.split())


@pytest.fixture(scope="module")
def all_kinds_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PDF with one page per chart kind."""
    path = tmp_path_factory.mktemp("pdf") / "charts.pdf"
    build_pdf(path, [sample_spec(kind) for kind in KINDS])
    return path


def test_no_raster_images(all_kinds_pdf: Path) -> None:
    listing = run("pdfimages", "-list", str(all_kinds_pdf)).splitlines()
    assert listing[:2] and listing[0].startswith("page"), listing
    assert listing[2:] == []


def test_xobjects_absent_too(all_kinds_pdf: Path) -> None:
    for page in PdfReader(str(all_kinds_pdf)).pages:
        resources = page["/Resources"]
        assert "/XObject" not in resources or not resources["/XObject"]


@pytest.mark.parametrize("index,kind", list(enumerate(KINDS, start=1)))
def test_categories_and_labels_are_text(all_kinds_pdf: Path, index: int, kind: str) -> None:
    spec = sample_spec(kind)  # type: ignore[arg-type]
    text = page_text(all_kinds_pdf, index)
    for category in spec.categories:
        assert category in text, (category, text)
    for series in spec.series[:1] if kind in ("donut", "pie") else spec.series:
        for label in series.labels:
            assert re.search(rf"(^|\s){re.escape(label)}(\s|$)", text), (label, text)
    assert spec.title in text
    assert spec.derived_note in text


def test_every_font_embedded(all_kinds_pdf: Path) -> None:
    rows = run("pdffonts", str(all_kinds_pdf)).splitlines()[2:]
    assert len(rows) >= 2, rows  # regular and bold Carlito at least
    for row in rows:
        emb = row.split()[-5]  # columns: ... emb sub uni object ID
        assert emb == "yes", row
    assert any("Carlito-Bold" in row for row in rows)


def test_no_invisible_text(all_kinds_pdf: Path) -> None:
    # The alt text is the Figure's /Alt in the tagged report (tests/test_accessibility.py),
    # not invisible text that a screen reader would read along with every tick label.
    stream = PdfReader(str(all_kinds_pdf)).pages[0].get_contents().get_data()
    assert b"3 Tr" not in stream
    assert "Alt text for the column sample." not in page_text(all_kinds_pdf, 1)


def test_alt_text_is_the_authors_when_given() -> None:
    assert alt_text(sample_spec("column")) == "Alt text for the column sample."


def test_alt_text_generated_when_spec_has_none() -> None:
    assert alt_text(sample_spec("column", alt_text="")).startswith("Column chart of Sample column: 297 Arrests")


def test_same_bytes_fresh_and_cached(tmp_path: Path) -> None:
    specs = [sample_spec(kind) for kind in KINDS]
    cache = ChartCache(tmp_path / "cache")
    fresh = build_pdf(tmp_path / "fresh.pdf", specs, ChartCache(None))
    miss = build_pdf(tmp_path / "miss.pdf", specs, cache)
    assert len(list((tmp_path / "cache").glob("*.json"))) == len(KINDS)
    hit = build_pdf(tmp_path / "hit.pdf", specs, cache)
    assert fresh == miss == hit


def test_chart_drawn_inside_its_box(tmp_path: Path) -> None:
    pdf = tmp_path / "box.pdf"
    build_pdf(pdf, [sample_spec("stacked_bar", legend="right")])
    bbox = run("pdftotext", "-bbox", str(pdf), "-")
    x0, y0, width, height = BOX
    page_height = 300.0
    for match in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', bbox):
        xmin, ymin, xmax, ymax = (float(v) for v in match.groups())
        assert x0 - 0.5 <= xmin and xmax <= x0 + width + 0.5
        assert page_height - (y0 + height) - 0.5 <= ymin and ymax <= page_height - y0 + 0.5
