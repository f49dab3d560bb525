"""A brand template opened as the deck's base: its masters, layouts and theme kept, its sample slides gone.

A template (.pptx or .potx) usually holds sample slides. They are removed with everything
that refers to them: their entries in the slide list, the sections that list them
(p14:sectionLst), custom shows, and any relationship another part has to them, so their
parts (and their notes, charts and media, unless something kept refers to those) are not
written at all: no orphan part, no dangling relationship. The template's thumbnail, a
picture of its first sample slide, goes too, and shape ids repeated in a master or layout
are made unique.
"""

from __future__ import annotations

import io

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from generator.layout.frame import BrandTemplate
from generator.layoutfile.template import presentation_bytes

SECTIONS_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"  # the extension holding p14:sectionLst
R_ID = qn("r:id")


def open_template(template: BrandTemplate):
    """The template as a python-pptx presentation with no slides."""
    prs = Presentation(io.BytesIO(presentation_bytes(template.data)))
    slides = _remove_slides(prs)
    _remove_sections(prs)
    _remove_custom_shows(prs)
    _forget(prs, slides)
    _drop_thumbnail(prs)
    _true_size_type(prs)
    for master in prs.slide_masters:
        for part in (master, *master.slide_layouts):
            unique_shape_ids(part._element)
    return prs


def unique_shape_ids(root) -> None:
    """Give a second shape with an id already used in its master or layout an id of its own.

    LibreOffice writes masters and layouts with repeated shape ids, which PowerPoint may
    repair; the first shape keeps its id (and whatever refers to it).
    """
    shapes = list(root.iter(qn("p:cNvPr")))
    seen: set[str] = set()
    highest = max((int(s.get("id")) for s in shapes if s.get("id", "").isdigit()), default=0)
    for shape in shapes:
        if shape.get("id") in seen:
            highest += 1
            shape.set("id", str(highest))
        seen.add(shape.get("id"))


def _remove_slides(prs) -> set:
    """Take every slide out of the slide list and drop the presentation's relationships to them."""
    part = prs.part
    listed = part._element.find(qn("p:sldIdLst"))
    slides = set()
    for entry in list(listed) if listed is not None else []:
        rid = entry.get(R_ID)
        slides.add(part.related_part(rid))
        listed.remove(entry)
        part.drop_rel(rid)
    return slides


def _remove_sections(prs) -> None:
    """Drop the presentation's sections: they list the sample slides, and the deck's slides are in none."""
    ext_list = prs.part._element.find(qn("p:extLst"))
    for ext in list(ext_list) if ext_list is not None else []:
        if ext.get("uri") == SECTIONS_URI:
            ext_list.remove(ext)
    if ext_list is not None and len(ext_list) == 0:
        prs.part._element.remove(ext_list)


def _remove_custom_shows(prs) -> None:
    """Drop custom shows, which are lists of the sample slides."""
    shows = prs.part._element.find(qn("p:custShowLst"))
    if shows is not None:
        for rid in [e.get(R_ID) for e in shows.iter(qn("p:sld"))]:
            prs.part._rels.pop(rid, None)
        prs.part._element.remove(shows)


def _forget(prs, slides: set) -> None:
    """Drop every other relationship to a removed slide, and whatever in the part names it."""
    package = prs.part.package
    for part in list(package.iter_parts()):
        for rid, rel in list(part.rels.items()):
            if not rel.is_external and rel.target_part in slides:
                _unname(part, rid)
                part._rels.pop(rid)


def _unname(part, rid: str) -> None:
    """Remove the elements of a part that refer to a relationship (a viewProps outline's slide list...)."""
    element = getattr(part, "_element", None)
    if element is None:
        root = etree.fromstring(part.blob)
        _remove_naming(root, rid)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    else:
        _remove_naming(element, rid)


def _remove_naming(root, rid: str) -> None:
    for node in [n for n in root.iter() if rid in n.attrib.values() and any(
            k.startswith("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}") for k in n.attrib)]:
        node.getparent().remove(node)


# The on-screen sizes a slide size may be named as, in EMU.
SCREENS = {"screen4x3": (9144000, 6858000), "screen16x9": (9144000, 5143500), "screen16x10": (9144000, 5715000)}


def _true_size_type(prs) -> None:
    """No on-screen size name that is not the slide size (a 16:9 template resized from a 4:3 one keeps it)."""
    size = prs.part._element.find(qn("p:sldSz"))
    kind = size.get("type") if size is not None else None
    if kind in SCREENS and SCREENS[kind] != (int(size.get("cx", 0)), int(size.get("cy", 0))):
        del size.attrib["type"]


def _drop_thumbnail(prs) -> None:
    """No thumbnail: the template's shows its sample slide, not this deck."""
    package = prs.part.package
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(rid)
