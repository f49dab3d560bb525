"""`make-report preview`: a PNG per page and slide and a contact sheet, checked against the real outputs.

The slides' images are compared (loosely, after shrinking) with LibreOffice's rendering of the
.pptx, to show that the preview drawn from our own frames shows what the deck shows.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageChops, ImageStat
from pptx import Presentation
from pypdf import PdfReader

from tests.conftest import REPO, SHIPPED_DATA, run_cli

STEM = SHIPPED_DATA.stem
PIXELS_PER_POINT = 1.5
CELL, GAP, COLUMNS = 320, 16, 6  # the contact sheet's grid, as documented in generator/preview.py
COMPARE_SIZE = (96, 54)  # slides are compared at thumbnail size: fonts and antialiasing differ
MAX_MEAN_DIFFERENCE = 12.0  # of 255, per pixel, greyscale (about 2 to 6 when written)


@pytest.fixture(scope="module")
def preview(shipped_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped example previewed through the real command line; the image folder."""
    out = tmp_path_factory.mktemp("preview")
    done = run_cli("preview", SHIPPED_DATA, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "slide images" in done.stdout
    return out


def _images(folder: Path, kind: str) -> list[Path]:
    """The preview's images of one kind, in page order."""
    return sorted(folder.glob(f"{STEM}-{kind}-*.png"))


def test_one_png_per_page_and_slide_at_their_sizes(preview: Path, shipped_build: Path) -> None:
    pdf = PdfReader(shipped_build / f"{STEM}.pdf")
    deck = Presentation(str(shipped_build / f"{STEM}.pptx"))
    pages, slides = _images(preview, "page"), _images(preview, "slide")
    assert len(pages) == len(pdf.pages) and len(slides) == len(deck.slides)
    assert len(list(preview.glob("*.png"))) == len(pdf.pages) + len(deck.slides) + 1  # and the contact sheet
    for path, page in zip(pages, pdf.pages):
        expected = (float(page.mediabox.width) * PIXELS_PER_POINT, float(page.mediabox.height) * PIXELS_PER_POINT)
        assert all(abs(a - b) <= 1 for a, b in zip(Image.open(path).size, expected)), path.name
    slide_points = (deck.slide_width / 12700, deck.slide_height / 12700)
    for path in slides:
        assert all(abs(a - b * PIXELS_PER_POINT) <= 1 for a, b in zip(Image.open(path).size, slide_points)), path.name


def test_contact_sheet_is_a_png_of_the_whole_grid(preview: Path) -> None:
    pages, slides = len(_images(preview, "page")), len(_images(preview, "slide"))
    sheet = preview / f"{STEM}-contact.png"
    with Image.open(sheet) as image:
        image.verify()  # a complete, valid PNG
    rows = math.ceil(pages / COLUMNS) + math.ceil(slides / COLUMNS)
    columns = min(COLUMNS, max(pages, slides))
    with Image.open(sheet) as image:
        assert image.format == "PNG"
        assert image.size == (columns * CELL + (columns + 1) * GAP, rows * CELL + (rows + 1) * GAP)
        # Not blank: the thumbnails put many colours on it, the navy cover among them.
        assert len(image.convert("RGB").getcolors(1 << 20) or []) > 100


def test_title_slide_is_drawn_in_the_themes_primary_colour(preview: Path) -> None:
    theme = yaml.safe_load((REPO / "layouts" / "themes" / "ceop" / "theme.yaml").read_text(encoding="utf-8"))
    primary = theme["colours"]["primary"].lstrip("#")
    with Image.open(_images(preview, "slide")[0]) as image:
        rgb = image.convert("RGB")
        corner = rgb.getpixel((rgb.width - 4, rgb.height // 2))
        assert "%02X%02X%02X" % corner == primary.upper()
        assert len(rgb.getcolors(1 << 20) or []) > 10  # the title and its text are drawn on it


@pytest.fixture(scope="module")
def libreoffice_slides(shipped_build: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Image.Image]:
    """The deck as LibreOffice Impress draws it: converted to PDF headless, then rasterised by pdftoppm."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice (soffice) is not installed"
    work = tmp_path_factory.mktemp("lo-preview")
    subprocess.run([office, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(work), str(shipped_build / f"{STEM}.pptx")],
                   capture_output=True, timeout=300)
    assert (work / f"{STEM}.pdf").is_file(), "LibreOffice did not convert the deck"
    subprocess.run(["pdftoppm", "-r", "24", "-png", str(work / f"{STEM}.pdf"), str(work / "lo")], check=True)
    return [Image.open(p).convert("L").resize(COMPARE_SIZE) for p in sorted(work.glob("lo-*.png"),
                                                                            key=lambda p: int(re.findall(r"\d+", p.stem)[-1]))]


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference of two greyscale images of one size, 0 to 255."""
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def test_slides_look_like_libreoffices_rendering_of_the_deck(preview: Path, libreoffice_slides) -> None:
    ours = [Image.open(p).convert("L").resize(COMPARE_SIZE) for p in _images(preview, "slide")]
    assert len(ours) == len(libreoffice_slides)
    for n, (mine, theirs) in enumerate(zip(ours, libreoffice_slides), start=1):
        own = _difference(mine, theirs)
        assert own < MAX_MEAN_DIFFERENCE, f"slide {n} differs from LibreOffice's by {own:.1f}"
    # And the likeness means something: each preview is nearer its own slide than any other.
    for n, mine in enumerate(ours):
        nearest = min(range(len(ours)), key=lambda k: _difference(mine, libreoffice_slides[k]))
        assert nearest == n, f"slide {n + 1}'s preview looks most like LibreOffice's slide {nearest + 1}"


def test_a_broken_file_is_a_diagnostic_and_no_image(tmp_path: Path) -> None:
    bad = tmp_path / "broken-2024-25.yaml"
    bad.write_text("# FICTIONAL TEST DATA: a broken file.\nreport:\n  title: [unclosed\n", encoding="utf-8")
    done = run_cli("preview", bad, "--out", tmp_path / "preview")
    assert done.returncode == 1
    assert re.search(rf"^{re.escape(str(bad))}:\d+:\d+: error: ", done.stderr, re.M), done.stderr
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.glob("preview/*.png"))
