"""Preview images: a PNG of every page and every slide, and one contact sheet, without LibreOffice.

Both documents go through the PDF backend (the deck's laid-out slides are frames like any
page) into PDFs in memory, and PDFium (pypdfium2, already used for logos) rasterises them.
So a slide's preview shows what layout decided for it; its chart is the same recorded chart
the PDF draws, not PowerPoint's rendering of the native one.
"""

from __future__ import annotations

import io
import math
import os
import re
from pathlib import Path

from generator.diagnostics import Collector, display_path
from generator.layout.frame import Document
from generator.pipeline import Options, Result
from generator.render.atomic import write_all_atomic

SCALE = 1.5  # pixels per point: 108 dpi, enough to read body text
CELL = 320  # contact sheet: each image fits a square of this many pixels
GAP = 16
COLUMNS = 6
SHEET_BACKGROUND = (225, 228, 232)
KIND = {"pdf": "page", "deck": "slide"}
# Fast PNG compression: previews are looked at and replaced, not kept; level 1 is several
# times quicker to encode than the default and the files stay a few hundred kB.
PNG_LEVEL = 1


def write_preview(documents: list[Document], path: Path, options: Options, problems: Collector,
                  result: Result) -> None:
    """Render every page and slide to PNG, with a contact sheet, into options.out (all or none)."""
    from PIL import Image

    stem = path.stem
    images: list[tuple[str, Image.Image]] = []
    for doc in documents:
        images += [(KIND[doc.output], image) for image in page_images(doc, options.cache)]
    counts: dict[str, int] = {}
    names: list[Path] = []
    for kind, _image in images:
        counts[kind] = counts.get(kind, 0) + 1
        names.append(options.out / f"{stem}-{kind}-{counts[kind]:02d}.png")
    sheet = options.out / f"{stem}-contact.png"
    pictures = [image for _, image in images]
    pictures.append(contact_sheet([i for k, i in images if k == "page"], [i for k, i in images if k == "slide"]))
    files = list(zip(names + [sheet], _pngs(pictures)))
    write_all_atomic(files)
    _remove_stale(options.out, stem, {p for p, _ in files})
    result.written.extend(p for p, _ in files)
    result.messages.append(f"wrote {counts.get('page', 0)} page and {counts.get('slide', 0)} slide images "
                           f"and {display_path(sheet)} to {display_path(options.out)}")


def page_images(doc: Document, cache_dir, scale: float = SCALE) -> list:
    """Each page of a laid-out document as a PIL image, drawn by the PDF backend and PDFium.

    `cache_dir`: the chart cache's folder, or a ChartCache.
    """
    from generator.render.pdf import render_pdf

    return pdf_images(render_pdf(doc, cache_dir), scale)


def pdf_images(pdf_bytes: bytes, scale: float = SCALE) -> list:
    """Each page of a PDF as a PIL image (PDFium)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(pdf_bytes)
    try:
        return [pdf[n].render(scale=scale).to_pil().convert("RGB") for n in range(len(pdf))]
    finally:
        pdf.close()


def sheet_size(pages: int, slides: int) -> tuple[int, int]:
    """The contact sheet's size in pixels: pages in rows of COLUMNS, then slides from a new row."""
    rows = math.ceil(pages / COLUMNS) + math.ceil(slides / COLUMNS)
    columns = min(COLUMNS, max(pages, slides, 1))
    return columns * CELL + (columns + 1) * GAP, max(rows, 1) * CELL + (max(rows, 1) + 1) * GAP


def contact_sheet(pages: list, slides: list):
    """Every page, then every slide, as thumbnails centred in a grid of square cells."""
    from PIL import Image

    sheet = Image.new("RGB", sheet_size(len(pages), len(slides)), SHEET_BACKGROUND)
    row = 0
    for group in (pages, slides):
        for n, image in enumerate(group):
            thumb = image.copy()
            thumb.thumbnail((CELL, CELL), Image.Resampling.LANCZOS)
            r, c = divmod(n, COLUMNS)
            x = GAP + c * (CELL + GAP) + (CELL - thumb.width) // 2
            y = GAP + (row + r) * (CELL + GAP) + (CELL - thumb.height) // 2
            sheet.paste(thumb, (x, y))
        row += math.ceil(len(group) / COLUMNS)
    return sheet


def _pngs(images: list) -> list[bytes]:
    """PNG bytes of each image, in order, encoded on every core.

    Encoding is most of a preview's time, and Pillow's encoder releases the GIL while it
    compresses, so threads share the work with no process to start.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, min(len(images), os.cpu_count() or 1))) as pool:
        return list(pool.map(_png, images))


def _png(image) -> bytes:
    """PNG bytes of an image."""
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=PNG_LEVEL)
    return out.getvalue()


def _remove_stale(folder: Path, stem: str, keep: set[Path]) -> None:
    """Delete images of pages or slides an earlier, longer preview of this file left behind."""
    pattern = re.compile(re.escape(stem) + r"-(page|slide)-\d+\.png")
    for path in folder.iterdir():
        if pattern.fullmatch(path.name) and path not in keep:
            path.unlink(missing_ok=True)
