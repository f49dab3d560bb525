"""Small python-pptx helpers shared by the deck modules."""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.text.text import Font
from pptx.util import Pt

from generator.charts.spec import ChartSpec


def rgb(colour: str) -> RGBColor:
    """python-pptx colour from "#RRGGBB"."""
    return RGBColor.from_string(colour.lstrip("#").upper())


def set_font(font: Font, spec: ChartSpec, scale: float = 1.0, bold: bool = False, colour: str | None = None) -> None:
    """Deck family, spec size (times `scale`), weight and colour on one font."""
    if spec.fonts is not None:
        font.name = spec.fonts.deck_family
    font.size = Pt(spec.font_size * scale)
    font.bold = bold
    font.color.rgb = rgb(colour or spec.text_colour)


def plain_shape(shape) -> None:
    """No theme style reference and an empty effect list: the shape looks as drawn under any theme."""
    element = shape._element
    style = element.find(qn("p:style"))
    if style is not None:
        element.remove(style)
    properties = element.spPr
    if properties.find(qn("a:effectLst")) is None:
        effects = etree.SubElement(properties, qn("a:effectLst"))
        line = properties.find(qn("a:ln"))
        if line is not None:
            line.addnext(effects)  # after the line, as the schema orders spPr
