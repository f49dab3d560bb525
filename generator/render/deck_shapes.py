"""Shapes for frame items: the one place that knows how the deck draws every kind of item.

Colours are written as the theme's scheme colours wherever the brand has them in a slot,
so a presenter who changes the theme's colours restyles the shapes too; shapes carry no
theme style reference (which would lend them the theme's effects), only their own fill
and line, and an empty effect list: nothing gets a shadow.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.oxml.ns import qn

from generator.charts.deck_common import plain_shape
from generator.images import kind_of
from generator.layout.frame import ChartItem, ImageItem, Item, RectItem, RuleItem, TextItem, TextLook
from generator.render.deck_a11y import is_decorative, mark_decorative
from generator.render.deck_text import emu, frame_box, place, set_body, write_paragraphs
from generator.render.deck_theme import Scheme


@dataclass(frozen=True)
class Pen:
    """What drawing needs besides the item: the report's language and the theme's colours and fonts."""

    language: str
    scheme: Scheme
    inherit: bool = False  # on a brand template: placeholders keep its geometry, their text its face and colour


def draw(shapes, item: Item, pen: Pen):
    """Draw one item (the single place that knows every item kind); the shape made, if any.

    Furniture (bands, rules, tile backgrounds, logos, running heads) is marked decorative.
    """
    shape = _shape(shapes, item, pen)
    if shape is not None and is_decorative(item):
        mark_decorative(shape._element)
    return shape


def _shape(shapes, item: Item, pen: Pen):
    """The shape for one item, by kind; an unknown kind is an error, never silently skipped."""
    if isinstance(item, TextItem):
        return text_box(shapes, item, pen)
    if isinstance(item, RectItem):
        return _rect(shapes, item, pen)
    if isinstance(item, RuleItem):
        return _rule(shapes, item, pen)
    if isinstance(item, ChartItem):
        return chart(shapes, item)
    if isinstance(item, ImageItem):
        return _image(shapes, item)
    raise TypeError(f"no drawing for frame item {type(item).__name__}")


def text_box(shapes, item: TextItem, pen: Pen):
    """A text box whose paragraphs, sizes and spacing are exactly those the layout stage set."""
    if not item.lines:
        return None
    box = shapes.add_textbox(0, 0, 0, 0)
    fill_text(box, item, pen)
    return box


def fill_text(shape, item: TextItem, pen: Pen, look: TextLook | None = None, placed: bool = True) -> None:
    """Write an item's paragraphs into a text shape (a text box or a placeholder), placed at its frame box."""
    if placed:
        place(shape, frame_box(item))
    set_body(shape.text_frame, item, inherit=pen.inherit and look is not None)
    write_paragraphs(shape.text_frame, item, pen, look)


def chart(shapes, item: ChartItem):
    """A native chart in its box."""
    from generator.charts.deck import add_chart

    box = item.box
    return add_chart(shapes, item.spec, emu(box.x), emu(box.y), emu(box.w), emu(box.h))


def _image(shapes, item: ImageItem):
    """A picture with its alt text."""
    box = item.box
    source = item.path
    if kind_of(Path(source)) == "svg":  # by its bytes, as the layout's check judged it, not its name
        from generator.render.svg import svg_png

        source = svg_png(source)
    pic = shapes.add_picture(source, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    pic._element.nvPicPr.cNvPr.set("descr", item.description)
    return pic


def _rect(shapes, item: RectItem, pen: Pen):
    """A rectangle with its own fill and line, and no effects."""
    kind = MSO_SHAPE.ROUNDED_RECTANGLE if item.radius else MSO_SHAPE.RECTANGLE
    box = item.box
    shape = shapes.add_shape(kind, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    if item.radius:
        shape.adjustments[0] = item.radius / max(1e-6, min(box.w, box.h))
    if item.fill:
        shape.fill.solid()
        colour(shape.fill.fore_color, item.fill, pen.scheme)
    else:
        shape.fill.background()
    if item.stroke:
        colour(shape.line.color, item.stroke, pen.scheme)
        shape.line.width = emu(item.stroke_width)
    else:
        shape.line.fill.background()
    plain_shape(shape)
    return shape


def _rule(shapes, item: RuleItem, pen: Pen):
    """A straight line with its own colour and width, and no effects."""
    line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(item.x1), emu(item.y1), emu(item.x2), emu(item.y2))
    colour(line.line.color, item.colour, pen.scheme)
    line.line.width = emu(item.width)
    plain_shape(line)
    return line


def colour(colour_format, hex_colour: str, scheme: Scheme) -> None:
    """Set a colour as the theme's scheme colour that holds it, else as RGB."""
    slot = scheme.slot(hex_colour)
    if slot:
        colour_format.theme_color = MSO_THEME_COLOR.from_xml(slot)
    else:
        from pptx.dml.color import RGBColor

        colour_format.rgb = RGBColor.from_string(hex_colour.lstrip("#").upper())
