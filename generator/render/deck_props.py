"""The deck's properties, true to the deck: who and what it is, its size, slides, titles and fonts.

Core properties come from the report (title, author, subject, keywords, language), dated
with the build's date; nothing says which library wrote the file. The application's
properties (docProps/app.xml) count the slides and notes, name the presentation format
from the slide size, and list the fonts, the theme and every slide title, as PowerPoint's
own do.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from generator.layout.frame import Document
from generator.render.dates import build_time

APP_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
EMU_PER_INCH = 914400
# PowerPoint's names for its slide sizes (inches), else "Custom".
FORMATS = {(13.333, 7.5): "Widescreen", (10.0, 5.625): "On-screen Show (16:9)", (10.0, 7.5): "On-screen Show (4:3)",
           (10.0, 6.25): "On-screen Show (16:10)", (7.5, 10.0): "Letter Paper (8.5x11 in)"}


def set_core_properties(prs, doc: Document) -> None:
    """Title, author, subject, keywords and language from the report; the build's date; nothing else."""
    props = prs.core_properties
    root = props._element
    for child in list(root):
        root.remove(child)  # a template's own title, author, description and dates go
    meta = doc.metadata
    props.title, props.author, props.subject = meta.title, meta.author, meta.subject
    props.keywords = ", ".join(meta.keywords)
    props.language = meta.language
    props.last_modified_by = meta.author
    props.revision = 1
    props.created = props.modified = build_time()  # the PDF's dates too (see generator/render/dates.py)


def set_app_properties(prs, doc: Document) -> None:
    """docProps/app.xml written from the finished deck (replacing any a template had)."""
    package = prs.part.package
    blob = app_xml(prs, doc)
    try:
        part = package.part_related_by(RT.EXTENDED_PROPERTIES)
    except KeyError:
        part = Part(PackURI("/docProps/app.xml"), APP_CONTENT_TYPE, package, blob)
        package.relate_to(part, RT.EXTENDED_PROPERTIES)
    part._blob = blob


def app_xml(prs, doc: Document) -> bytes:
    """The application properties: format, counts, fonts, theme and slide titles."""
    fonts = _fonts(prs)
    theme = _theme_name(prs)
    titles = [_title(slide, page.title) for slide, page in zip(prs.slides, doc.pages)]
    words = sum(len(shape.text_frame.text.split()) for slide in prs.slides for shape in slide.shapes
                if shape.has_text_frame)
    paragraphs = sum(len(shape.text_frame.paragraphs) for slide in prs.slides for shape in slide.shapes
                     if shape.has_text_frame)
    pairs = [("Fonts Used", len(fonts)), ("Theme", 1), ("Slide Titles", len(titles))]
    vector = "".join(f"<vt:variant><vt:lpstr>{name}</vt:lpstr></vt:variant><vt:variant><vt:i4>{count}</vt:i4>"
                     "</vt:variant>" for name, count in pairs)
    parts = "".join(f"<vt:lpstr>{escape(name)}</vt:lpstr>" for name in [*fonts, theme, *titles])
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<TotalTime>0</TotalTime><Words>{words}</Words><Application>make-report</Application>"
            f"<PresentationFormat>{escape(presentation_format(prs.slide_width, prs.slide_height))}</PresentationFormat>"
            f"<Paragraphs>{paragraphs}</Paragraphs><Slides>{len(prs.slides)}</Slides>"
            f"<Notes>{sum(1 for s in prs.slides if s.has_notes_slide)}</Notes><HiddenSlides>0</HiddenSlides>"
            "<MMClips>0</MMClips><ScaleCrop>false</ScaleCrop>"
            f'<HeadingPairs><vt:vector size="{2 * len(pairs)}" baseType="variant">{vector}</vt:vector></HeadingPairs>'
            f'<TitlesOfParts><vt:vector size="{len(fonts) + 1 + len(titles)}" baseType="lpstr">{parts}</vt:vector>'
            f"</TitlesOfParts><Company>{escape(doc.metadata.author)}</Company><LinksUpToDate>false</LinksUpToDate>"
            "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>").encode("utf-8")


def _title(slide, fallback: str) -> str:
    """A slide's title as written (capitals set as a font attribute stay as typed)."""
    title = slide.shapes.title
    text = title.text_frame.text if title is not None else ""
    return " ".join(text.split()) or fallback


def presentation_format(width: int, height: int) -> str:
    """PowerPoint's name for a slide size in EMU ("Widescreen" for 13.333 × 7.5 in), else "Custom"."""
    size = (round(width / EMU_PER_INCH, 3), round(height / EMU_PER_INCH, 3))
    return next((name for (w, h), name in FORMATS.items() if abs(w - size[0]) < 0.01 and abs(h - size[1]) < 0.01),
                "Custom")


def _fonts(prs) -> list[str]:
    """The fonts the theme names and the families the slides' runs name, in order of first use."""
    names = list(_theme_fonts(prs))
    for slide in prs.slides:
        for latin in slide._element.iter(f"{A}latin"):
            face = latin.get("typeface", "")
            if face and not face.startswith("+"):
                names.append(face)
    return list(dict.fromkeys(names))


def _theme_part(prs):
    """The theme part of the first slide master."""
    return prs.slide_masters[0].part.part_related_by(RT.THEME)


def _theme_fonts(prs) -> list[str]:
    """The theme's major and minor Latin fonts."""
    theme = etree.fromstring(_theme_part(prs).blob)
    return [latin.get("typeface") for tag in ("majorFont", "minorFont")
            for latin in theme.iter(f"{A}{tag}") for latin in latin.findall(f"{A}latin") if latin.get("typeface")]


def _theme_name(prs) -> str:
    """The theme's name (its colour scheme's, when it has none of its own)."""
    theme = etree.fromstring(_theme_part(prs).blob)
    return theme.get("name") or "Theme"


def notes_master_with_theme(prs) -> None:
    """The notes master, listed in presentation.xml and themed like the slides (not with Office's theme).

    python-pptx makes a notes master from its own template when the deck has none, with a
    theme part of its own: that theme takes the slide master's.
    """
    part = prs.part
    try:
        notes = part.part_related_by(RT.NOTES_MASTER)
    except KeyError:
        notes = part.notes_master_part
        notes.part_related_by(RT.THEME)._element = etree.fromstring(_theme_part(prs).blob)
    _list_notes_master(prs, notes)


def _list_notes_master(prs, notes) -> None:
    """<p:notesMasterIdLst> after the slide masters, naming the notes master's relationship."""
    from pptx.oxml.ns import qn

    root = prs.part._element
    if root.find(qn("p:notesMasterIdLst")) is not None:
        return
    rid = next(r.rId for r in prs.part.rels.values() if not r.is_external and r.target_part is notes)
    listed = etree.Element(qn("p:notesMasterIdLst"))
    etree.SubElement(listed, qn("p:notesMasterId")).set(qn("r:id"), rid)
    root.find(qn("p:sldMasterIdLst")).addnext(listed)
