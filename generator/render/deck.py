"""The deck backend: draws laid-out slides with python-pptx, deciding nothing about placement."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE

from generator.layout.frame import (
    ChartItem,
    Document,
    ImageItem,
    Item,
    PageFrame,
    RectItem,
    RuleItem,
    TextItem,
)
from generator.render.deck_a11y import is_decorative, mark_decorative
from generator.render.deck_text import emu, frame_box, place, set_body, write_paragraphs
from generator.images import kind_of
from generator.render.dates import build_time
from generator.render.zipfix import save_presentation

BLANK_LAYOUT = 6
TITLE_ONLY_LAYOUT = 5  # its title placeholder names the slide for screen readers and the slide sorter


def render_deck(doc: Document, cache_dir=None) -> bytes:
    """The whole deck as .pptx bytes, repeatable byte for byte."""
    prs = Presentation()
    first = doc.pages[0]
    prs.slide_width, prs.slide_height = emu(first.width), emu(first.height)
    _metadata(prs, doc)
    for page in doc.pages:
        _slide(prs, page, doc.metadata.language)
    return save_presentation(prs)


def _metadata(prs, doc: Document) -> None:
    """Core properties, with fixed times."""
    props = prs.core_properties
    meta = doc.metadata
    props.title, props.author, props.subject = meta.title, meta.author, meta.subject
    props.keywords = ", ".join(meta.keywords)
    props.language = meta.language
    props.last_modified_by = "make-report"
    props.revision = 1
    when = build_time()  # the PDF's dates too (see generator/render/dates.py)
    props.created = props.modified = when
    props.last_printed = when


def _slide(prs, page: PageFrame, language: str) -> None:
    """One slide: background, items in order, speaker notes.

    The title placeholder comes first in the shape tree, so it is read first; furniture is
    marked decorative and skipped, so the content follows in the order it was laid out.
    """
    titled = page.title_item is not None
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT if titled else BLANK_LAYOUT])
    if page.background:
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(page.background)
    for n, item in enumerate(page.items):
        if n == page.title_item and isinstance(item, TextItem):
            _fill_text(slide.shapes.title, item, language)
            continue
        shape = _item(slide.shapes, item, language)
        if shape is not None and is_decorative(item):
            mark_decorative(shape._element)
    slide.notes_slide.notes_text_frame.text = page.notes or page.id


def _item(shapes, item: Item, language: str):
    """Draw one item (the single place that knows every item kind); the shape made, if any."""
    if isinstance(item, TextItem):
        return _text(shapes, item, language)
    if isinstance(item, RectItem):
        return _rect(shapes, item)
    if isinstance(item, RuleItem):
        line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(item.x1), emu(item.y1), emu(item.x2), emu(item.y2))
        line.line.color.rgb = _rgb(item.colour)
        line.line.width = emu(item.width)
        return line
    if isinstance(item, ChartItem):
        from generator.charts.deck import add_chart

        box = item.box
        return add_chart(shapes, item.spec, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    if isinstance(item, ImageItem):
        box = item.box
        source = item.path
        if kind_of(Path(source)) == "svg":  # by its bytes, as the layout's check judged it, not its name
            from generator.render.svg import svg_png

            source = svg_png(source)
        pic = shapes.add_picture(source, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
        pic._element.nvPicPr.cNvPr.set("descr", item.description)
        return pic
    raise TypeError(f"no drawing for frame item {type(item).__name__}")  # never silently skipped


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _rect(shapes, item: RectItem):
    """A rectangle shape with no text and no shadow."""
    kind = MSO_SHAPE.ROUNDED_RECTANGLE if item.radius else MSO_SHAPE.RECTANGLE
    box = item.box
    shape = shapes.add_shape(kind, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    if item.radius:
        shape.adjustments[0] = item.radius / max(1e-6, min(box.w, box.h))
    if item.fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(item.fill)
    else:
        shape.fill.background()
    if item.stroke:
        shape.line.color.rgb = _rgb(item.stroke)
        shape.line.width = emu(item.stroke_width)
    else:
        shape.line.fill.background()
    shape.shadow.inherit = False
    return shape


def _text(shapes, item: TextItem, language: str):
    """A text box whose paragraphs, sizes and spacing are exactly those the layout stage set."""
    if not item.lines:
        return None
    box = shapes.add_textbox(0, 0, 0, 0)
    _fill_text(box, item, language)
    return box


def _fill_text(shape, item: TextItem, language: str) -> None:
    """Place a text shape (a text box or a placeholder) and write its paragraphs."""
    place(shape, frame_box(item))
    set_body(shape.text_frame, item)
    write_paragraphs(shape.text_frame, item, language)
