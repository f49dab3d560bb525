"""A brand template (.pptx or .potx) read for the layout stage: its slide size and its layouts' placeholders.

The layout stage places the deck's text and charts in the template's placeholders and
measures the text at the sizes the template gives them, so it needs, for every slide
layout, each placeholder's type, index, box and text style, with what the layout leaves
out inherited from its slide master, the master's text styles and the presentation's
defaults, as PowerPoint resolves them. The file's bytes are kept: the deck is built on
exactly what was checked.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.layout.frame import Box
from generator.load.boundary import Refused, read_bytes, size_text

MAX_TEMPLATE_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # a zip that would unpack to more is refused before it is opened
MAX_MEMBERS = 5_000
EMU_PER_PT = 12700
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
MACRO_MAIN = ("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
              "application/vnd.ms-powerpoint.template.macroEnabled.main+xml")
TITLES = ("title", "ctrTitle")
# The slide master's placeholder that a layout's placeholder of each type inherits from.
MASTER_TYPE = {"title": "title", "ctrTitle": "title", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}
DEFAULT_INSETS = (7.2, 3.6, 7.2, 3.6)  # points: left, top, right, bottom
ANCHORS = {"t": "top", "ctr": "middle", "b": "bottom", "just": "top", "dist": "top"}


@dataclass(frozen=True)
class Placeholder:
    """One placeholder of a template's slide layout, its style resolved."""

    kind: str  # its type as written: title, ctrTitle, subTitle, body, obj, chart, tbl, pic, sldNum...
    idx: int
    name: str
    box: Box  # points
    size: float  # first-level text size, points
    bold: bool
    italic: bool
    leading: float  # line pitch as a multiple of the size
    space: float  # space before a paragraph, points
    insets: tuple[float, float, float, float]  # left, top, right, bottom
    anchor: str  # top, middle, bottom
    bullets: bool  # its first level is bulleted
    font: str  # the Latin typeface its text is set in

    @property
    def inner(self) -> Box:
        """The box its text is set in: inside its insets."""
        left, top, right, bottom = self.insets
        b = self.box
        return Box(b.x + left, b.y + top, max(1.0, b.w - left - right), max(1.0, b.h - top - bottom))


@dataclass(frozen=True)
class TemplateLayout:
    """A slide layout of the template, by where it is: its master's index and its own within the master."""

    name: str
    master: int
    index: int
    placeholders: tuple[Placeholder, ...]


@dataclass(frozen=True)
class Template:
    """A brand template: its file, bytes, slide size and layouts."""

    path: Path
    data: bytes
    width: float
    height: float
    layouts: tuple[TemplateLayout, ...]

    def layout(self, name: str) -> TemplateLayout | None:
        """The first layout of that name, in any case (masters in order)."""
        wanted = name.casefold().strip()
        return next((l for l in self.layouts if l.name.casefold().strip() == wanted), None)


def read_template(path: Path) -> Template:
    """Read and check a .pptx or .potx file; Refused, with what is wrong, for anything else."""
    data = read_bytes(path, MAX_TEMPLATE_BYTES)
    return Template(path, data, *_contents(presentation_bytes(data)))


def presentation_bytes(data: bytes) -> bytes:
    """A template's bytes as a presentation's: a .potx's main part typed as a .pptx's (the parts are alike)."""
    archive = _archive(data)
    try:
        types = archive.read("[Content_Types].xml")
    except KeyError:
        raise _not_pptx("it has no [Content_Types].xml") from None
    if any(kind.encode() in types for kind in MACRO_MAIN):
        raise Refused("is a presentation with macros (.pptm or .potm)",
                      "save it from PowerPoint as a PowerPoint template (.potx) or presentation (.pptx)")
    if TEMPLATE_MAIN.encode() not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            blob = archive.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(TEMPLATE_MAIN.encode(), MAIN.encode())
            copy.writestr(info, blob)
    return out.getvalue()


def _archive(data: bytes) -> zipfile.ZipFile:
    """The file as a zip archive, refused when it is none or would unpack to too much."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_pptx("it is not a zip package (a .ppt from PowerPoint 97-2003, or damaged?)") from None
    if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise Refused(f"unpacks to more than {size_text(MAX_UNPACKED_BYTES)} or {MAX_MEMBERS:,} parts",
                      "is this the right file?")
    return archive


def _not_pptx(why: str) -> Refused:
    return Refused(f"is not a PowerPoint presentation or template (.pptx, .potx): {why}",
                   "save it from PowerPoint as a PowerPoint template (.potx) or presentation (.pptx)")


def _contents(data: bytes) -> tuple[float, float, tuple[TemplateLayout, ...]]:
    """Slide size and layouts, read with python-pptx."""
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(data))
        layouts = tuple(_layouts(prs))
        width, height = prs.slide_width, prs.slide_height
    except Refused:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged package makes the parsers raise anything
        raise _not_pptx(f"it is damaged ({type(exc).__name__}: {str(exc)[:120]})") from None
    if not layouts:
        raise Refused("has no slide layouts", "use a template with a slide master and its layouts")
    return (width or 9144000) / EMU_PER_PT, (height or 6858000) / EMU_PER_PT, layouts


def _layouts(prs) -> list[TemplateLayout]:
    """Every slide layout of every master, with its placeholders."""
    defaults = prs.part._element.find(f"{P}defaultTextStyle")
    found = []
    for m, master in enumerate(prs.slide_masters):
        fonts = _theme_fonts(master)
        for n, layout in enumerate(master.slide_layouts):
            holders = tuple(h for h in (_placeholder(ph, master, defaults, fonts) for ph in layout.placeholders) if h)
            found.append(TemplateLayout(layout.name or f"Layout {n + 1}", m, n, holders))
    return found


def _placeholder(ph, master, defaults, fonts: dict[str, str]) -> Placeholder | None:
    """One layout placeholder with its box and text style resolved; None when it has no box at all."""
    kind = ph._element.ph.get("type", "obj")
    if None in (ph.left, ph.top, ph.width, ph.height):
        return None
    box = Box(ph.left / EMU_PER_PT, ph.top / EMU_PER_PT, ph.width / EMU_PER_PT, ph.height / EMU_PER_PT)
    ours = ph._element
    base = _master_placeholder(master, kind)
    chain = [_level(ours), _level(base), _text_style(master, kind), _first(defaults)]
    size = (_attr(chain, "defRPr", "sz") or _prompt_size(ours, base) or 1800) / 100
    pitch, space = _spacing(chain, size)
    return Placeholder(kind, int(ours.ph.get("idx", "0")), ph.name or kind, box, size,
                       _flag(chain, "b"), _flag(chain, "i"), pitch, space, _insets(ours, base), _anchor(ours, base),
                       _bullets(chain), _font(chain, kind, fonts))


def _master_placeholder(master, kind: str):
    """The master's placeholder a layout's placeholder of this type inherits from, if any."""
    wanted = MASTER_TYPE.get(kind, "body")
    for sp in master._element.iter(f"{P}sp"):
        ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is not None and (ph.get("type") or ("body" if wanted == "body" else "obj")) == wanted:
            return sp
    return None


def _level(sp):
    """A placeholder's own first-level paragraph style, if it has one."""
    return None if sp is None else sp.find(f"{P}txBody/{A}lstStyle/{A}lvl1pPr")


def _text_style(master, kind: str):
    """The master's first-level style for titles, body text or other text."""
    which = "titleStyle" if kind in TITLES else "otherStyle" if kind in ("dt", "ftr", "sldNum") else "bodyStyle"
    return master._element.find(f"{P}txStyles/{P}{which}/{A}lvl1pPr")


def _first(defaults):
    return None if defaults is None else defaults.find(f"{A}lvl1pPr")


def _attr(chain: list, child: str, name: str) -> int | None:
    """The first value of an attribute of a level's child (defRPr) along the inheritance chain."""
    for level in chain:
        node = level.find(f"{A}{child}") if level is not None else None
        if node is not None and node.get(name) is not None:
            try:
                return int(node.get(name))
            except ValueError:
                continue
    return None


def _prompt_size(ours, base) -> int | None:
    """The size of the prompt text on the master's (else the layout's) placeholder.

    Templates saved by LibreOffice style their placeholders this way, on the master, rather
    than with list styles (their layouts' prompts carry a stray default); LibreOffice shows
    slide text at that size, PowerPoint would not. The deck writes the sizes it fitted, so
    both show the same.
    """
    for sp in (base, ours):
        paragraphs = [] if sp is None else sp.findall(f"{P}txBody/{A}p")
        sizes = [node.get("sz") for p in paragraphs for node in (*p.findall(f"{A}r/{A}rPr"), *p.findall(f"{A}endParaRPr"))]
        found = next((int(size) for size in sizes if size and size.isdigit()), None)
        if found is not None:
            return found
    return None


def _flag(chain: list, name: str) -> bool:
    """A character property that is on or off (b, i), along the chain."""
    for level in (l for l in chain if l is not None):
        node = level.find(f"{A}defRPr")
        if node is not None and node.get(name) is not None:
            return node.get(name) in ("1", "true", "on")
    return False


def _spacing(chain: list, size: float) -> tuple[float, float]:
    """Line pitch (a multiple of the size; single spacing is 1.2) and space before a paragraph."""
    pitch, before = None, None
    for level in (l for l in chain if l is not None):
        if pitch is None and level.find(f"{A}lnSpc") is not None:
            percent, points = level.find(f"{A}lnSpc/{A}spcPct"), level.find(f"{A}lnSpc/{A}spcPts")
            if percent is not None:
                pitch = 1.2 * _number(percent.get("val"), 100000) / 100000
            elif points is not None:
                pitch = _number(points.get("val"), 1200) / 100 / size
        if before is None and level.find(f"{A}spcBef/{A}spcPts") is not None:
            before = _number(level.find(f"{A}spcBef/{A}spcPts").get("val"), 0) / 100
        elif before is None and level.find(f"{A}spcBef/{A}spcPct") is not None:
            before = _number(level.find(f"{A}spcBef/{A}spcPct").get("val"), 0) / 100000 * size * 1.2
    return max(0.8, pitch or 1.2), before or 0.0


def _number(text: str | None, default: float) -> float:
    try:
        return float(text) if text is not None else default
    except ValueError:
        return default


def _bullets(chain: list) -> bool:
    """Whether first-level paragraphs are bulleted (the nearest bullet setting wins)."""
    for level in (l for l in chain if l is not None):
        if level.find(f"{A}buNone") is not None:
            return False
        if level.find(f"{A}buChar") is not None or level.find(f"{A}buAutoNum") is not None:
            return True
    return False


def _font(chain: list, kind: str, fonts: dict[str, str]) -> str:
    """The Latin typeface, theme fonts resolved; titles default to the heading font, the rest to the body's."""
    for level in (l for l in chain if l is not None):
        latin = level.find(f"{A}defRPr/{A}latin")
        if latin is not None and latin.get("typeface"):
            face = latin.get("typeface")
            return fonts.get(face[:3], face) if face.startswith("+") else face
    return fonts["+mj" if kind in TITLES else "+mn"]


def _theme_fonts(master) -> dict[str, str]:
    """The master's theme's heading (+mj) and body (+mn) Latin fonts."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    found = {"+mj": "Calibri", "+mn": "Calibri"}
    try:
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        return found
    for key, tag in (("+mj", "majorFont"), ("+mn", "minorFont")):
        latin = theme.find(f".//{A}{tag}/{A}latin")
        if latin is not None and latin.get("typeface"):
            found[key] = latin.get("typeface")
    return found


def _insets(ours, base) -> tuple[float, float, float, float]:
    """Text insets in points: the layout's, else the master's, else PowerPoint's defaults."""
    values = []
    for n, name in enumerate(("lIns", "tIns", "rIns", "bIns")):
        value = next((_number(body.get(name), 0) for body in _bodies(ours, base) if body.get(name) is not None), None)
        values.append(value / EMU_PER_PT if value is not None else DEFAULT_INSETS[n])
    return tuple(values)  # type: ignore[return-value]


def _anchor(ours, base) -> str:
    """Where text sits in the box: the layout's anchor, else the master's, else the top."""
    anchor = next((body.get("anchor") for body in _bodies(ours, base) if body.get("anchor")), "t")
    return ANCHORS.get(anchor, "top")


def _bodies(ours, base) -> list:
    return [b for b in (sp.find(f"{P}txBody/{A}bodyPr") if sp is not None else None for sp in (ours, base))
            if b is not None]
