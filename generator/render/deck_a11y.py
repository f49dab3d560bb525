"""Accessibility marks python-pptx has no API for: decorative shapes and the language of runs."""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

from generator.layout.frame import ImageItem, Item, RectItem, RuleItem, TextItem

# Office's extension for "Mark as decorative": screen readers skip such shapes.
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
FURNITURE_ROLES = ("running", "logo")  # text that repeats on every slide or spells the logo


def is_decorative(item: Item) -> bool:
    """True for furniture: bands, rules, tile backgrounds, logos, running heads and page numbers."""
    if isinstance(item, (RectItem, RuleItem)):
        return True
    if isinstance(item, TextItem):
        return item.role in FURNITURE_ROLES
    return isinstance(item, ImageItem) and item.decorative


def mark_decorative(shape_element) -> None:
    """Add <adec:decorative val="1"/> to the shape's non-visual properties (p:cNvPr/a:extLst)."""
    c_nv_pr = shape_element.xpath("./*[1]/p:cNvPr")[0]
    ext_list = c_nv_pr.find(qn("a:extLst"))
    if ext_list is None:
        ext_list = etree.SubElement(c_nv_pr, qn("a:extLst"))  # extLst is cNvPr's last child
    ext = etree.SubElement(ext_list, qn("a:ext"))
    ext.set("uri", DECORATIVE_URI)
    etree.SubElement(ext, f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS}).set("val", "1")


def set_language(run, language: str) -> None:
    """The run's language (a:rPr/@lang), so a screen reader speaks it with the right voice."""
    run.font._rPr.set("lang", language)
