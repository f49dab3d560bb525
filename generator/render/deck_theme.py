"""The deck's theme part, from the brand: its colour scheme and fonts, and no effects at all.

Shapes and text name a scheme colour wherever theirs is one of the brand's slots, so
changing the theme's colours in PowerPoint restyles the whole deck; and the theme's
formatting styles (the fills, lines and effects a shape's style may point at) are plain,
with empty effects, so nothing picks up a shadow or a bevel.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from generator.layout.frame import Brand

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
# The names a slide's shapes use for the scheme's slots (through the master's colour map).
SLOT_NAMES = {"dk1": "tx1", "lt1": "bg1", "dk2": "tx2", "lt2": "bg2"}
# The slots that hold a colour by its role (text, background, primary, tint, accent, highlight):
# a shape in one of these colours names the slot, so it follows the theme (a template's too).
# The other accents hold the chart palette and spare colours, which name no role.
NAMED = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2")


def theme_xml(brand: Brand) -> bytes:
    """theme1.xml for the brand: colours, fonts and plain formatting styles."""
    name = quoteattr(brand.name or "Theme")
    colours = "".join(f'<a:{slot}><a:srgbClr val="{hex_colour.lstrip("#")}"/></a:{slot}>'
                      for slot, hex_colour in brand.colours)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<a:theme xmlns:a="{A}" name={name}><a:themeElements>'
            f'<a:clrScheme name={name}>{colours}</a:clrScheme>'
            f'<a:fontScheme name={name}>{_fonts("majorFont", brand.major)}{_fonts("minorFont", brand.minor)}'
            f'</a:fontScheme>{_FORMATS}</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>'
            ).encode("utf-8")


def _fonts(tag: str, family: str) -> str:
    """A major or minor font: the family for Latin text, the client's choice for the others."""
    return f'<a:{tag}><a:latin typeface={quoteattr(family)}/><a:ea typeface=""/><a:cs typeface=""/></a:{tag}>'


_SOLID = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_LINE = f'<a:ln w="{{w}}" cap="flat" cmpd="sng" algn="ctr">{_SOLID}<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
# Three of each, as the schema asks: solid fills, thin solid lines, and effect styles with no effect.
_FORMATS = ("<a:fmtScheme name=\"Plain\">"
            f"<a:fillStyleLst>{_SOLID * 3}</a:fillStyleLst>"
            f"<a:lnStyleLst>{''.join(_LINE.format(w=w) for w in (6350, 12700, 19050))}</a:lnStyleLst>"
            "<a:effectStyleLst>" + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3 + "</a:effectStyleLst>"
            f"<a:bgFillStyleLst>{_SOLID * 3}</a:bgFillStyleLst></a:fmtScheme>")


class Scheme:
    """Which scheme slot holds a colour by its role, and which theme font a family is: for what follows the theme."""

    def __init__(self, brand: Brand | None) -> None:
        slots: dict[str, str] = {}
        for slot, hex_colour in (brand.colours if brand else ()):
            if slot in NAMED:
                slots.setdefault(hex_colour.upper(), SLOT_NAMES.get(slot, slot))
        self._slots = slots
        # The body's family first: when headings and body share a family, text names the body font.
        self._fonts = {brand.minor: "+mn-lt", brand.major: "+mj-lt"} if brand else {}
        if brand and brand.major == brand.minor:
            self._fonts = {brand.minor: "+mn-lt"}

    def slot(self, hex_colour: str) -> str | None:
        """The slot name (tx1, bg2, accent3...) a shape writes for this colour, or None."""
        return self._slots.get(hex_colour.upper())

    def typeface(self, family: str) -> str:
        """The theme font a family is (+mj-lt for headings, +mn-lt for the body), else the family itself."""
        return self._fonts.get(family, family)
