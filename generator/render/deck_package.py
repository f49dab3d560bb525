"""The deck's own package: a presentation with our theme, master and slide layouts and no slides yet.

python-pptx's built-in template brings the Office theme (its colours, fonts and shadowed
effect styles), eleven layouts we do not use, a thumbnail, printer settings and a 4:3 slide
size. Instead the package is written here, part by part, from the laid-out deck, and
opened with python-pptx to add the slides.
"""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from generator.layout.frame import Document, TextLook
from generator.render.deck_master import KindPlan, MasterPlan, layout_xml, master_xml, plan
from generator.render.deck_text import EMU_PER_PT
from generator.render.deck_theme import Scheme, theme_xml

CT = "application/vnd.openxmlformats-officedocument."
PML = CT + "presentationml."
NS_P = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DEFAULT_LOOK = TextLook("Calibri", False, False, 18.0, "#000000", False, "left", 1.2)


def own_presentation(doc: Document):
    """A python-pptx presentation of our own master and layouts for the deck, and the plan they follow."""
    master = plan(doc)
    parts = _parts(doc, master)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    buffer.seek(0)
    return Presentation(buffer), master


def _parts(doc: Document, master: MasterPlan) -> dict[str, bytes]:
    """Every part of the package, by member name."""
    scheme = Scheme(doc.brand)
    kinds = list(master.kinds.values())
    heading = doc.brand.heading if doc.brand and doc.brand.heading else DEFAULT_LOOK
    body = doc.brand.body if doc.brand and doc.brand.body else DEFAULT_LOOK
    parts = {
        "[Content_Types].xml": _content_types(len(kinds)),
        "_rels/.rels": _rels([(RT.OFFICE_DOCUMENT, "ppt/presentation.xml"),
                              (RT.CORE_PROPERTIES, "docProps/core.xml"),
                              (RT.EXTENDED_PROPERTIES, "docProps/app.xml")]),
        "docProps/core.xml": _CORE,
        "docProps/app.xml": _APP,
        "ppt/presentation.xml": _presentation(doc, body, scheme),
        "ppt/_rels/presentation.xml.rels": _rels([(RT.SLIDE_MASTER, "slideMasters/slideMaster1.xml"),
                                                  (RT.THEME, "theme/theme1.xml"),
                                                  (RT.PRES_PROPS, "presProps.xml"),
                                                  (RT.VIEW_PROPS, "viewProps.xml"),
                                                  (RT.TABLE_STYLES, "tableStyles.xml")]),
        "ppt/presProps.xml": f'<p:presentationPr {NS_P}/>'.encode(),
        "ppt/viewProps.xml": f'<p:viewPr {NS_P}/>'.encode(),
        "ppt/tableStyles.xml": (b'<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                                b'def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>'),
        "ppt/theme/theme1.xml": theme_xml(doc.brand) if doc.brand else b"",
        "ppt/slideMasters/slideMaster1.xml": master_xml(master, [f"rId{n + 1}" for n in range(len(kinds))], scheme,
                                                        heading, body),
        "ppt/slideMasters/_rels/slideMaster1.xml.rels": _rels(
            [(RT.SLIDE_LAYOUT, f"../slideLayouts/slideLayout{n + 1}.xml") for n in range(len(kinds))]
            + [(RT.THEME, "../theme/theme1.xml")]),
    }
    for n, kind in enumerate(kinds, start=1):
        parts.update(_layout(n, kind, master, scheme))
    return parts


def _layout(n: int, kind: KindPlan, master: MasterPlan, scheme: Scheme) -> dict[str, bytes]:
    """The part of one slide layout and its relationship to the master."""
    return {f"ppt/slideLayouts/slideLayout{n}.xml": layout_xml(kind, master, scheme),
            f"ppt/slideLayouts/_rels/slideLayout{n}.xml.rels": _rels(
                [(RT.SLIDE_MASTER, "../slideMasters/slideMaster1.xml")])}


def _presentation(doc: Document, body: TextLook, scheme: Scheme) -> bytes:
    """presentation.xml: the master, the slide size (16:9 is no 4:3 screen), default text."""
    first = doc.pages[0] if doc.pages else None
    width, height = (first.width, first.height) if first else (960.0, 540.0)
    typeface = scheme.typeface(body.family)
    return (f'<p:presentation {NS_P} saveSubsetFonts="1"><p:sldMasterIdLst>'
            f'<p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
            f'<p:sldSz cx="{round(width * EMU_PER_PT)}" cy="{round(height * EMU_PER_PT)}"/>'
            f'<p:notesSz cx="6858000" cy="9144000"/><p:defaultTextStyle><a:lvl1pPr marL="0" algn="l">'
            f'<a:defRPr sz="1800"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
            f'<a:latin typeface="{typeface}"/></a:defRPr></a:lvl1pPr></p:defaultTextStyle></p:presentation>'
            ).encode("utf-8")


def _rels(targets: list[tuple[str, str]]) -> bytes:
    """A relationships part: rId1, rId2... in order."""
    rels = "".join(f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>'
                   for n, (kind, target) in enumerate(targets, start=1))
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{REL_NS}">{rels}</Relationships>'.encode()


def _content_types(layouts: int) -> bytes:
    """[Content_Types].xml for the skeleton's parts."""
    overrides = [("/ppt/presentation.xml", PML + "presentation.main+xml"),
                 ("/ppt/presProps.xml", PML + "presProps+xml"), ("/ppt/viewProps.xml", PML + "viewProps+xml"),
                 ("/ppt/tableStyles.xml", PML + "tableStyles+xml"), ("/ppt/theme/theme1.xml", CT + "theme+xml"),
                 ("/ppt/slideMasters/slideMaster1.xml", PML + "slideMaster+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", CT + "extended-properties+xml")]
    overrides += [(f"/ppt/slideLayouts/slideLayout{n}.xml", PML + "slideLayout+xml") for n in range(1, layouts + 1)]
    body = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{body}</Types>').encode()


_CORE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
         b'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
         b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
         b'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>')
_APP = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
        b'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>')
