"""The PDF backend: draws laid-out pages with reportlab, deciding nothing about placement."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from generator.layout.frame import (
    ChartItem,
    Document,
    ImageItem,
    Item,
    Line,
    PageFrame,
    RectItem,
    RuleItem,
    TextItem,
)


def render_pdf(doc: Document, cache_dir: Path | None) -> bytes:
    """The whole document as PDF bytes (repeatable: no timestamps or random ids)."""
    from generator.charts.cache import ChartCache

    buffer = io.BytesIO()
    first = doc.pages[0]
    canvas = Canvas(buffer, pagesize=(first.width, first.height), invariant=1, pageCompression=1,
                    lang=doc.metadata.language, initialFontName=_first_font(doc))
    meta = doc.metadata
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(", ".join(meta.keywords))
    canvas.setCreator("make-report")
    canvas.setProducer("make-report (reportlab)")
    cache = ChartCache(cache_dir)
    for page in doc.pages:
        _outline(canvas, page)
        _page(canvas, page, cache)
    canvas.showOutline()
    canvas.save()
    return buffer.getvalue()


def _first_font(doc: Document) -> str | None:
    """A font the document embeds anyway, for the state reportlab sets at the top of every page.

    Left to itself reportlab names Helvetica there, a base-14 font the PDF would not embed.
    """
    return next((piece.font.name for page in doc.pages for item in page.items if isinstance(item, TextItem)
                 for line in item.lines for piece in line.pieces), None)


def _outline(canvas: Canvas, page: PageFrame) -> None:
    """A bookmark for the page, named by its title, so readers can navigate the review."""
    key = f"page{page.number}"
    canvas.bookmarkPage(key)
    canvas.addOutlineEntry(page.title or f"Page {page.number}", key, level=0)


def _page(canvas: Canvas, page: PageFrame, cache) -> None:
    """Draw one page: background, then items in order."""
    canvas.setPageSize((page.width, page.height))
    if page.background:
        canvas.setFillColor(HexColor(page.background))
        canvas.rect(0, 0, page.width, page.height, stroke=0, fill=1)
    for item in page.items:
        _item(canvas, item, page.height, cache)
    canvas.showPage()


def _item(canvas: Canvas, item: Item, height: float, cache) -> None:
    """Draw one item (the single place that knows every item kind)."""
    if isinstance(item, TextItem):
        _text(canvas, item, height)
    elif isinstance(item, RectItem):
        _rect(canvas, item, height)
    elif isinstance(item, RuleItem):
        canvas.setStrokeColor(HexColor(item.colour))
        canvas.setLineWidth(item.width)
        canvas.line(item.x1, height - item.y1, item.x2, height - item.y2)
    elif isinstance(item, ChartItem):
        from generator.charts.pdf import draw_chart

        box = item.box
        draw_chart(canvas, item.spec, box.x, height - box.bottom, box.w, box.h, cache)
    elif isinstance(item, ImageItem):
        box = item.box
        if item.path.lower().endswith(".svg"):
            from generator.render.svg import draw_svg

            draw_svg(canvas, item.path, box.x, height - box.bottom, box.w, box.h)
        else:
            canvas.drawImage(item.path, box.x, height - box.bottom, box.w, box.h, preserveAspectRatio=True,
                             anchor="c", mask="auto")
    else:  # a new kind of item must be drawn here, never silently skipped
        raise TypeError(f"no drawing for frame item {type(item).__name__}")


def _rect(canvas: Canvas, item: RectItem, height: float) -> None:
    """A filled and/or stroked rectangle, optionally rounded."""
    box = item.box
    if item.fill:
        canvas.setFillColor(HexColor(item.fill))
    if item.stroke:
        canvas.setStrokeColor(HexColor(item.stroke))
        canvas.setLineWidth(item.stroke_width)
    args = (box.x, height - box.bottom, box.w, box.h)
    if item.radius:
        canvas.roundRect(*args, item.radius, stroke=1 if item.stroke else 0, fill=1 if item.fill else 0)
    else:
        canvas.rect(*args, stroke=1 if item.stroke else 0, fill=1 if item.fill else 0)


def _text(canvas: Canvas, item: TextItem, height: float) -> None:
    """Each line's pieces at the positions the layout stage computed."""
    for line in item.lines:
        _line(canvas, item, line, height)


def _line(canvas: Canvas, item: TextItem, line: Line, height: float) -> None:
    """One line of text, with link annotations where a piece links somewhere."""
    y = height - (item.box.y + line.baseline)
    for piece in line.pieces:
        x = item.box.x + line.x + piece.x
        canvas.setFillColor(HexColor(piece.colour))
        canvas.setFont(piece.font.name, piece.size)
        canvas.drawString(x, y, piece.text)
        if piece.link:
            canvas.linkURL(piece.link, (x, y - piece.size * 0.25, x + piece.width, y + piece.size * 0.85), relative=0)
