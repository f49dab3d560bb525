"""Brand templates made for the tests: different layout names, placeholder sets, theme colours and fonts.

Each starts from python-pptx's own blank presentation (PowerPoint's eleven layouts and
Office theme), then is made into a brand's template: a 16:9 slide size, its own theme
colours and fonts, layouts renamed (or retyped), and sample slides in sections, as a
designer's template usually has.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SECTIONS_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"

# Fictional brands (test data).
HARBOUR = {"name": "Harbour Trust", "colours": {"dk1": "10212B", "lt1": "FFFFFF", "dk2": "0B3C5D", "lt2": "E8EEF2",
                                                "accent1": "C6533B", "accent2": "328CC1", "accent3": "D9B310",
                                                "accent4": "5B8C5A", "accent5": "7A4069", "accent6": "3D5A80",
                                                "hlink": "328CC1", "folHlink": "7A4069"},
           "major": "Georgia", "minor": "Verdana"}
MEADOW = {"name": "Meadow Fund", "colours": {"dk1": "222222", "lt1": "FFFFFF", "dk2": "2D5016", "lt2": "F4F1E8",
                                             "accent1": "6A994E", "accent2": "BC4749", "accent3": "A7C957",
                                             "accent4": "386641", "accent5": "F2E8CF", "accent6": "E07A5F",
                                             "hlink": "386641", "folHlink": "BC4749"},
          "major": "Trebuchet MS", "minor": "Arial"}


def powerpoint_names(path: Path) -> Path:
    """PowerPoint's layout names and placeholders; the Harbour Trust's colours and fonts; two sample slides in sections."""
    prs = _blank(HARBOUR)
    _samples(prs, [("Title Slide", "Sample title"), ("Title and Content", "Sample content")])
    prs.save(path)
    return path


def google_names(path: Path) -> Path:
    """Google Slides' layout names, body placeholders where PowerPoint has content ones; the Meadow Fund's brand."""
    prs = _blank(MEADOW)
    names = {"Title Slide": "Title slide", "Title and Content": "Title and body", "Section Header": "Section header"}
    for layout in prs.slide_layouts:
        layout._element.cSld.set("name", names.get(layout.name, layout.name.lower()))
        for ph in layout.placeholders:
            if ph._element.ph.get("type") is None:  # a content placeholder, as Google Slides writes a body one
                ph._element.ph.set("type", "body")
    _drop_layouts(prs, ("two content", "comparison", "content with caption", "picture with caption"))
    _samples(prs, [("Title slide", "Sample cover"), ("Title and body", "Sample body"), ("Title and body", "Sample 3")])
    prs.save(path)
    return path


def own_names(path: Path) -> Path:
    """A brand's own layout names ("Cover", "Main", "Statement", "End"), which its theme maps by name."""
    prs = _blank(HARBOUR)
    names = {"Title Slide": "Cover", "Title and Content": "Main", "Section Header": "End", "Title Only": "Statement"}
    for layout in prs.slide_layouts:
        layout._element.cSld.set("name", names.get(layout.name, layout.name))
    _samples(prs, [("Cover", "Sample")])
    prs.save(path)
    return path


def resaved_by_libreoffice(source: Path, work: Path) -> Path:
    """The template opened and saved again by LibreOffice Impress (its layout names, its own theme writing)."""
    out = work / "libreoffice"
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{work / 'lo-profile'}", "--headless",
                           "--convert-to", "pptx", "--outdir", str(out), str(source)],
                          capture_output=True, text=True, timeout=300)
    result = out / source.name
    assert result.is_file(), f"LibreOffice did not save the template:\n{done.stdout}\n{done.stderr}"
    return result


def theme_of(prs) -> tuple[dict[str, str], str, str]:
    """The first master's theme colours by slot, and its heading and body fonts."""
    theme = etree.fromstring(prs.slide_masters[0].part.part_related_by(RT.THEME).blob)
    scheme = theme.find(f".//{{{A}}}clrScheme")
    colours = {slot.tag.split("}")[1]: (slot[0].get("val") or slot[0].get("lastClr") or "").upper() for slot in scheme}
    fonts = [theme.find(f".//{{{A}}}{tag}/{{{A}}}latin").get("typeface") for tag in ("majorFont", "minorFont")]
    return colours, fonts[0], fonts[1]


def _blank(brand: dict):
    """python-pptx's blank presentation at 16:9, with the brand's theme."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = 12192000, 6858000
    part = prs.slide_masters[0].part.part_related_by(RT.THEME)
    theme = etree.fromstring(part.blob)
    theme.set("name", brand["name"])
    scheme = theme.find(f".//{{{A}}}clrScheme")
    scheme.set("name", brand["name"])
    for slot in scheme:
        slot.clear()
        etree.SubElement(slot, f"{{{A}}}srgbClr", val=brand["colours"][slot.tag.split("}")[1]])
    for tag, face in (("majorFont", brand["major"]), ("minorFont", brand["minor"])):
        theme.find(f".//{{{A}}}{tag}/{{{A}}}latin").set("typeface", face)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)
    return prs


def _drop_layouts(prs, names: tuple[str, ...]) -> None:
    """Remove layouts by name from the first master."""
    master = prs.slide_masters[0]
    listed = master._element.find(qn("p:sldLayoutIdLst"))
    for entry in list(listed):
        layout = master.part.related_slide_layout(entry.get(qn("r:id")))
        if layout.name.lower() in names:
            listed.remove(entry)
            master.part.drop_rel(entry.get(qn("r:id")))


def _samples(prs, slides: list[tuple[str, str]]) -> None:
    """Sample slides with notes, listed in two sections."""
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for layout, title in slides:
        slide = prs.slides.add_slide(layouts[layout])
        slide.shapes.title.text = title
        slide.notes_slide.notes_text_frame.text = f"Notes for {title}"
    ids = [s.slide_id for s in prs.slides]
    ext_list = etree.SubElement(prs.part._element, qn("p:extLst"))
    ext = etree.SubElement(ext_list, qn("p:ext"), uri=SECTIONS_URI)
    sections = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for n, chunk in enumerate((ids[:1], ids[1:])):
        section = etree.SubElement(sections, f"{{{P14}}}section", name=f"Part {n + 1}",
                                   id=f"{{0000000{n}-0000-0000-0000-000000000000}}")
        listed = etree.SubElement(section, f"{{{P14}}}sldIdLst")
        for slide_id in chunk:
            etree.SubElement(listed, f"{{{P14}}}sldId", id=str(slide_id))
