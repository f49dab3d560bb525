"""The PDF backend: draws laid-out pages with reportlab, deciding nothing about placement."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from generator.layout.frame import (
    Box,
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
from generator.layout.hyphenate import SOFT_HYPHEN
from generator.layout.hyphenate import shown as drawn_text
from generator.layout.text import BULLET
from generator.render.links import split_links
from generator.render.tags import Node, Tagger

ARTIFACT_ROLES = {"running": True, "logo": False}  # text roles that are furniture: is it pagination?
HEADINGS = {"title": "H1", "heading": "H2", "subheading": "H3"}  # levels are made consecutive when the tree is written


def render_pdf(doc: Document, cache_dir: Path | ChartCache | None) -> bytes:
    """The whole document as tagged PDF/UA-1 and PDF/A-2b bytes (repeatable: no timestamps or random ids)."""
    from generator.charts.cache import ChartCache
    from generator.render.structure import finish

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
    cache = cache_dir if isinstance(cache_dir, ChartCache) else ChartCache(cache_dir)
    tagger = Tagger(canvas)
    for page in doc.pages:
        _outline(canvas, page)
        _page(canvas, page, cache, tagger)
    canvas.showOutline()
    canvas.save()
    return finish(buffer.getvalue(), tagger.root, meta)


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


def _page(canvas: Canvas, page: PageFrame, cache, tagger: Tagger) -> None:
    """Draw one page: background, then items in order (which is the reading order of its content)."""
    canvas.setPageSize((page.width, page.height))
    tagger.new_page()
    if page.background:
        with tagger.artifact():
            canvas.setFillColor(HexColor(page.background))
            canvas.rect(0, 0, page.width, page.height, stroke=0, fill=1)
    for n, item in enumerate(page.items):
        before = len(tagger.section.kids)
        _item(canvas, item, page.height, cache, tagger, _flows_on(page, n))
        if n == page.title_item:  # a kicker may be drawn above the title, but the title is read first
            section = tagger.section
            section.kids[:] = section.kids[before:] + section.kids[:before]
    canvas.showPage()


def _item(canvas: Canvas, item: Item, height: float, cache, tagger: Tagger, flows_on: bool) -> None:
    """Draw one item (the single place that knows every item kind), tagged or as an artifact."""
    if isinstance(item, TextItem):
        _text(canvas, item, height, tagger, flows_on)
    elif isinstance(item, RectItem):
        with tagger.artifact():  # bands, tile backgrounds, logo marks: decoration
            _rect(canvas, item, height)
    elif isinstance(item, RuleItem):
        with tagger.artifact():
            canvas.setStrokeColor(HexColor(item.colour))
            canvas.setLineWidth(item.width)
            canvas.line(item.x1, height - item.y1, item.x2, height - item.y2)
    elif isinstance(item, ChartItem):
        from generator.charts.pdf import alt_text, draw_chart

        box = item.box
        figure = tagger.section.add("Figure", alt=alt_text(item.spec), bbox=_bbox(box, height))
        with tagger.content(figure):  # its labels are inside the Figure, so read as the alt text only
            draw_chart(canvas, item.spec, box.x, height - box.bottom, box.w, box.h, cache)
    elif isinstance(item, ImageItem):
        _image(canvas, item, height, tagger)
    else:  # a new kind of item must be drawn here, never silently skipped
        raise TypeError(f"no drawing for frame item {type(item).__name__}")


def _flows_on(page: PageFrame, n: int) -> bool:
    """True when item n is text and the next text of its role on the page carries on its last paragraph."""
    if not isinstance(page.items[n], TextItem):
        return False
    role = page.items[n].role
    later = (i for i in page.items[n + 1:] if isinstance(i, TextItem) and i.role == role and i.lines)
    following = next(later, None)
    return following is not None and not following.lines[0].starts_paragraph


def _bbox(box: Box, height: float) -> tuple[float, float, float, float]:
    """A frame box as a PDF rectangle (x0, y0, x1, y1), origin at the bottom left."""
    return (round(box.x, 2), round(height - box.bottom, 2), round(box.right, 2), round(height - box.y, 2))


def _image(canvas: Canvas, item: ImageItem, height: float, tagger: Tagger) -> None:
    """An image: a Figure with its description as alt text, or an artifact when it is decoration."""
    box = item.box
    if item.decorative or not item.description.strip():
        with tagger.artifact():
            _draw_image(canvas, item, height)
        return
    figure = tagger.section.add("Figure", alt=item.description.strip(), bbox=_bbox(box, height))
    with tagger.content(figure):
        _draw_image(canvas, item, height)


def _draw_image(canvas: Canvas, item: ImageItem, height: float) -> None:
    """Place an image file (SVG as vector shapes) in its box."""
    box = item.box
    if _is_svg(item.path):  # by its bytes, not its name
        from generator.render.svg import draw_svg

        draw_svg(canvas, item.path, box.x, height - box.bottom, box.w, box.h)
    else:
        canvas.drawImage(item.path, box.x, height - box.bottom, box.w, box.h, preserveAspectRatio=True,
                         anchor="c", mask="auto")


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


def _text(canvas: Canvas, item: TextItem, height: float, tagger: Tagger, flows_on: bool) -> None:
    """Each line's pieces at the positions the layout stage computed, inside its structure element.

    `flows_on` says the item's last paragraph carries on in a later item (the next column).
    """
    if item.role in ARTIFACT_ROLES:
        with tagger.artifact(pagination=ARTIFACT_ROLES[item.role]):
            for n, line in enumerate(item.lines):
                _line(canvas, item, n, height, tagger, None, None, False)
        return
    paragraphs = _Paragraphs(tagger.section, item.role)
    for n, line in enumerate(item.lines):
        element = paragraphs.element(line)
        _line(canvas, item, n, height, tagger, element, paragraphs.label, flows_on)


class _Paragraphs:
    """Structure elements for the paragraphs of one text item: headings, P, list items, quotes."""

    def __init__(self, section: Node, role: str) -> None:
        self.section = section
        self.role = role
        self.quote: Node | None = None  # a quote's paragraphs (excerpt, speaker, role) share one BlockQuote
        self.list: Node | None = None  # consecutive bullets share one L
        self.current: Node | None = None
        self.label: Node | None = None  # the bullet's Lbl, for the line that starts a list item
        self.toc: Node | None = None  # a contents list's TOC

    def element(self, line: Line) -> Node:
        """The element that `line`'s words belong to (a new one when the line starts a paragraph)."""
        self.label = None
        if self.current is not None and not line.starts_paragraph:
            return self.current
        if self.current is None and not line.starts_paragraph:  # a paragraph flowed on from the last column
            self.current = self._continued()
            if self.current is not None:
                return self.current
        bullet = bool(line.pieces) and line.pieces[0].text == BULLET
        if bullet or (not line.starts_paragraph and line.indent > 0):
            self.list = self.list or self._parent().add("L")
            item = self.list.add("LI")
            self.label = item.add("Lbl") if bullet else None
            self.current = item.add("LBody")
            return self.current
        self.list = None
        if self.role == "contents":  # a contents list: a TOC of entries, each a TOCI holding its links
            last = self.section.kids[-1] if self.section.kids else None
            continued = last if isinstance(last, Node) and last.tag == "TOC" else None  # its next column
            self.toc = self.toc or continued or self.section.add("TOC")
            self.current = self.toc.add("TOCI")
            return self.current
        self.current = self._parent().add(HEADINGS.get(self.role, "P"))
        return self.current

    def _continued(self) -> Node | None:
        """The paragraph this item's first line carries on, when it is the last one read on the page."""
        kids = self._parent(continuing=True).kids
        last = kids[-1] if kids else None
        return last if isinstance(last, Node) and last.tag == "P" and self.role not in HEADINGS else None

    def _parent(self, continuing: bool = False) -> Node:
        """Where a new paragraph goes: the section, or the quote's BlockQuote.

        A quote set in the flow comes as its attribution, then its paragraphs, in two text
        items: the paragraphs join the BlockQuote that holds only the attribution line, and
        a quote flowed on from the last column joins the one it carries on.
        """
        if self.role != "quote":
            return self.section
        if self.quote is None:
            last = self.section.kids[-1] if self.section.kids else None
            joins = isinstance(last, Node) and last.tag == "BlockQuote" and (continuing or len(last.kids) == 1)
            self.quote = last if joins else self.section.add("BlockQuote")
        return self.quote


def _line(canvas: Canvas, item: TextItem, n: int, height: float, tagger: Tagger, element: Node | None,
          label: Node | None, flows_on: bool) -> None:
    """One line of text (its bullet in `label`, if any), with link annotations where a piece links somewhere."""
    line = item.lines[n]
    y = height - (item.box.y + line.baseline)
    for k, piece in enumerate(line.pieces):
        x = item.box.x + line.x + piece.x
        canvas.setFillColor(HexColor(piece.colour))
        canvas.setFont(piece.font.name, piece.size)
        text = piece.text + (" " if k == len(line.pieces) - 1 and _runs_on(item, n, flows_on) else "")
        if element is None:
            _draw(canvas, x, y, text, tagger)
            continue
        if k == 0 and label is not None:
            with tagger.content(label):
                _draw(canvas, x, y, text, tagger)
            continue
        _parts(canvas, piece, text, x, y, tagger, element)


def _parts(canvas: Canvas, piece, text: str, x: float, y: float, tagger: Tagger, element: Node) -> None:
    """A piece's words, with its link, or any web or e-mail address in them, as tagged Link elements."""
    for part, link in [(text, piece.link)] if piece.link else split_links(text):
        width = pdfmetrics.stringWidth(drawn_text(part), piece.font.name, piece.size)
        owner = _link_element(element, link) if link else element
        with tagger.content(owner):
            _draw(canvas, x, y, part, tagger)
        if link:
            shown = pdfmetrics.stringWidth(drawn_text(part).rstrip(), piece.font.name, piece.size)
            rect = (x, y - piece.size * 0.25, x + shown, y + piece.size * 0.85)
            if link.startswith("#page"):  # a page of this document (a contents list): its bookmark's destination
                canvas.linkRect("", link[1:], rect, relative=0)
                tagger.link(owner, f"Link to page {link.removeprefix('#page')}")
            else:
                canvas.linkURL(link, rect, relative=0)
                tagger.link(owner, f"Link to {link.removeprefix('mailto:')}")
        x += width


def _link_element(element: Node, link: str) -> Node:
    """The Link element for a linked part: the one just made for the same target on this line, else a new one."""
    last = element.kids[-1] if element.kids else None
    if isinstance(last, Node) and last.tag == "Link" and last.target == link:
        return last
    return element.add("Link", target=link)


def _draw(canvas: Canvas, x: float, y: float, text: str, tagger: Tagger) -> None:
    """Draw text at (x, y); a soft hyphen at a line end is drawn as a hyphen that reads as U+00AD.

    The hyphen glyph is wrapped in a Span whose ActualText is the soft hyphen, so text
    extraction and screen readers read the hyphenated word whole (ISO 32000-1, 14.8.2.2.3).
    """
    if SOFT_HYPHEN not in text:
        canvas.drawString(x, y, text)
        return
    head = text.replace(SOFT_HYPHEN, "")
    canvas.drawString(x, y, head)
    with tagger.actual_text(SOFT_HYPHEN):
        canvas.drawString(x + canvas.stringWidth(head), y, "-")


def _runs_on(item: TextItem, n: int, flows_on: bool) -> bool:
    """True when the paragraph goes on past line `n` (here, or in the next column): its last word keeps its space.

    Without it, text extraction and screen readers would join the words either side of the break.
    """
    last = n + 1 >= len(item.lines)
    if not item.lines[n].pieces or (last and not flows_on) or (not last and item.lines[n + 1].starts_paragraph):
        return False
    return not item.lines[n].pieces[-1].text.endswith((" ", "-", "\u00ad", "\u2010"))


def _is_svg(path: str) -> bool:
    """True when the image file is an SVG (judged from its first bytes, as the layout's check judged it)."""
    from generator.images import kind_of

    return kind_of(Path(path)) == "svg"
