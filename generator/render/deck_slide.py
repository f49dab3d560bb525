"""One slide: its layout's placeholders filled with the page's title, text and chart, the rest drawn.

The title is first in the shape tree, so a screen reader reads it first; the other items
follow in the order the layout stage set them. Placeholders the page does not fill are
removed (an empty one would show its prompt while editing). The slide number is the
layout's slide number placeholder holding a `slidenum` field.
"""

from __future__ import annotations

from copy import deepcopy

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.shapes.placeholder import SlidePlaceholder

from generator.layout.frame import SLIDE_NUMBER, ChartItem, Item, PageFrame, Slot, TextItem
from generator.render.deck_a11y import mark_decorative
from generator.render.deck_master import FIELD_ID
from generator.render.deck_shapes import Pen, chart, colour, draw, fill_text
from generator.render.deck_text import frame_box, place, set_body


def fill_slide(slide, page: PageFrame, pen: Pen, skip=lambda item: False) -> None:
    """Fill a new slide with a page's items and notes, each slot's item in a placeholder of its own.

    The placeholders python-pptx copied from the layout are removed first, and one is made
    for each filled slot (of the slot's type and index, so it inherits from the layout's);
    a layout's placeholder the page leaves empty is thus never left showing its prompt.
    `skip` says which of the page's items its master already draws.
    """
    tree = slide.shapes._spTree
    for copied in list(slide.placeholders):
        tree.remove(copied._element)
    slots = {slot.name: slot for slot in page.slots}
    for n in _reading_order(page):
        item = page.items[n]
        if skip(item) or getattr(item, "slot", None) == SLIDE_NUMBER:
            continue
        slot = slots.get(getattr(item, "slot", None) or "")
        if slot is not None and slot.kind != "sldNum":
            _fill(slide, _placeholder(slide, slot), slot, item, pen)
        else:
            draw(slide.shapes, item, pen)
    _slide_number(slide, page, pen)
    slide.notes_slide.notes_text_frame.text = page.notes or page.id


def _reading_order(page: PageFrame) -> list[int]:
    """Indices of a page's items with its title first."""
    order = list(range(len(page.items)))
    if page.title_item is not None:
        order.remove(page.title_item)
        order.insert(0, page.title_item)
    return order


def _fill(slide, holder, slot: Slot, item: Item, pen: Pen) -> None:
    """Fill one placeholder with its item: text in its own text frame, a chart in its place."""
    if isinstance(item, ChartItem):
        _chart_in(slide, holder, item)
        return
    assert isinstance(item, TextItem)
    # On our own layouts, placed explicitly even where the layout's placeholder sits alike: checkers
    # (and some clients) match a placeholder to its layout's by type alone, which misplaces a second
    # body placeholder. On a template, where the template puts it.
    fill_text(holder, item, pen, slot.look, placed=not pen.inherit)


def _chart_in(slide, holder, item: ChartItem) -> None:
    """A native chart in a placeholder's stead, keeping its reference to the placeholder (as PowerPoint does)."""
    frame = chart(slide.shapes, item)
    element = frame._element
    # A native chart's frame keeps the placeholder reference; a chart drawn as a group of
    # shapes (a waffle) cannot fill a placeholder, so it simply takes its place.
    if element.tag == qn("p:graphicFrame"):
        element.nvGraphicFramePr.nvPr.append(deepcopy(holder._element.ph))
    holder._element.addprevious(element)
    holder._element.getparent().remove(holder._element)


def _slide_number(slide, page: PageFrame, pen: Pen) -> None:
    """The slide number: the layout's slide number placeholder with a field, last in the shape tree."""
    number = next((s for s in page.slots if s.kind == "sldNum"), None)
    item = next((i for i in page.items if getattr(i, "slot", None) == SLIDE_NUMBER), None)
    if number is None or (item is None and not pen.inherit):  # on a template, numbered where it has the slot
        return
    shape = _placeholder(slide, number)
    if isinstance(item, TextItem):
        place(shape, frame_box(item))
        set_body(shape.text_frame, item)
    _field(shape, page.number, pen)
    mark_decorative(shape._element)


def _placeholder(slide, slot: Slot):
    """A new placeholder at the end of the shape tree, of the slot's type and index, named like the slot's."""
    shape_id = slide.shapes._next_shape_id
    name = slot.name.split(": ", 1)[-1]  # a template's placeholder name, without the slot's number
    kind = PP_PLACEHOLDER.from_xml(slot.kind)
    size = "quarter" if slot.kind in ("sldNum", "dt", "ftr") else "full"
    sp = slide.shapes._spTree.add_placeholder(shape_id, f"{name} {shape_id - 1}" if name == slot.name else name,
                                              kind, "horz", size, slot.idx)
    sp.get_or_add_txBody()
    return SlidePlaceholder(sp, slide.shapes)


def _field(shape, number: int, pen: Pen) -> None:
    """A paragraph holding one slide number field, showing the slide's number until the client counts."""
    body = shape._element.txBody
    for para in body.findall(qn("a:p")):
        body.remove(para)
    para = etree.SubElement(body, qn("a:p"))
    field = etree.SubElement(para, qn("a:fld"), id=FIELD_ID, type="slidenum")
    etree.SubElement(field, qn("a:rPr"), lang=pen.language)
    etree.SubElement(field, qn("a:t")).text = str(number)


def paint_background(slide, hex_colour: str, pen: Pen) -> None:
    """A slide's own solid background."""
    background = slide.background.fill
    background.solid()
    colour(background.fore_color, hex_colour, pen.scheme)

