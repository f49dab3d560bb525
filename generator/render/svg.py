"""SVG images: drawn as vector paths in the PDF, and as a sharp PNG in the deck.

svglib turns the SVG into reportlab shapes, so the PDF keeps it vector. python-pptx
cannot place SVG, so the deck gets it rendered at four times its size: through a
one-page PDF of the same shapes and PDFium (pypdfium2), which needs no system library.
"""

from __future__ import annotations

from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

SCALE = 4  # deck pictures are rendered at four times their size in points: sharp when projected


def draw_svg(canvas: Canvas, path: str, x: float, y: float, w: float, h: float) -> None:
    """Draw an SVG file scaled into the box with its lower-left corner at (x, y), in PDF units."""
    from reportlab.graphics import renderPDF
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(path)
    if drawing is None or not drawing.width or not drawing.height:
        return
    scale = min(w / drawing.width, h / drawing.height)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    renderPDF.draw(drawing, canvas, x, y)


def svg_png(path: str) -> BytesIO:
    """An SVG file rendered as a transparent PNG, for the deck."""
    import pypdfium2
    from reportlab.graphics import renderPDF
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(path)
    document = pypdfium2.PdfDocument(renderPDF.drawToString(drawing))
    image = document[0].render(scale=SCALE, fill_color=(255, 255, 255, 0)).to_pil()
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    out.seek(0)
    return out
