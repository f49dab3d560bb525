"""The deck's own slide master and slide layouts, from the laid-out slides.

One master carries the furniture every slide of the layout's most used master shares (the
band, the running head, the logo, the rule) and a slide number field; one slide layout per
kind of slide (a deck page's `slide_layout:`) carries that kind's placeholders where the
grid puts them, styled as the theme sets their text (generator/layout/slots.py). Slides
then fill the placeholders; furniture that differs from slide to slide stays on its slide.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from generator.layout.frame import SLIDE_NUMBER, Box, Document, Item, PageFrame, Slot, TextLook
from generator.render.deck_text import EMU_PER_PT, SLACK, WRAP_SLACK
from generator.render.deck_theme import Scheme

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
FIRST_LAYOUT_ID = 2147483649  # after the master's own id, 2147483648 (ids of masters and layouts share a range)
FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"  # one fixed id for the slide number field: repeatable output
ANCHORS = {"top": "t", "middle": "ctr", "bottom": "b"}
ALIGNS = {"left": "l", "centre": "ctr", "right": "r"}
SINGLE_SPACING = 1.2  # a line pitch of 100% in DrawingML is 1.2 times the size
TITLE_PROMPT = "Title"


@dataclass(frozen=True)
class KindPlan:
    """One kind of slide as its slide layout has it."""

    name: str  # the layout's name: the kind, capitalised
    slots: tuple[Slot, ...]
    background: str | None
    shows_master: bool  # its slides show the master's furniture


@dataclass(frozen=True)
class MasterPlan:
    """What goes on the master and on each slide layout, decided from every slide of the deck."""

    master: str | None  # the layout's master whose furniture the deck's master carries
    furniture: tuple[Item, ...]  # items every slide of that master shares
    number: Slot | None  # where the slide number goes
    kinds: dict[str, KindPlan]
    paper: str

    def on_master(self, page: PageFrame, item: Item) -> bool:
        """Whether an item of a page's furniture is drawn by the master rather than on the slide."""
        return self.shows_master(page) and item in self.furniture

    def shows_master(self, page: PageFrame) -> bool:
        """Whether a slide shows the master's furniture (its own master is the one the master carries)."""
        return page.master is not None and page.master == self.master and self.kinds[page.kind].shows_master


def plan(doc: Document) -> MasterPlan:
    """The master's furniture and each kind's layout, from the slides."""
    masters = Counter(p.master for p in doc.pages if p.master is not None)
    master = masters.most_common(1)[0][0] if masters else None
    pages = [p for p in doc.pages if p.master == master and master is not None]
    paper = dict(doc.brand.colours)["lt1"] if doc.brand else "#FFFFFF"
    kinds: dict[str, KindPlan] = {}
    for page in doc.pages:
        if page.kind not in kinds:
            slots = tuple(s for s in page.slots if s.kind != "sldNum")
            kinds[page.kind] = KindPlan(page.kind.replace("-", " ").replace("_", " ").capitalize(), slots,
                                        page.background, page.master == master and master is not None)
    number = next((s for p in pages for s in p.slots if s.kind == "sldNum"), None)
    return MasterPlan(master, _shared(pages), number, kinds, paper)


def _shared(pages: list[PageFrame]) -> tuple[Item, ...]:
    """The furniture items (other than the slide number) that every page of a master has alike."""
    if not pages:
        return ()
    first = [i for i in pages[0].items[:pages[0].furniture] if getattr(i, "slot", None) != SLIDE_NUMBER]
    rest = [set(p.items[:p.furniture]) for p in pages[1:]]
    return tuple(i for i in first if all(i in others for others in rest))


# ---- XML ---------------------------------------------------------------------

def master_xml(master: MasterPlan, layout_rids: list[str], scheme: Scheme, title: TextLook, body: TextLook) -> bytes:
    """The slide master: background, title and body placeholders, the slide number, text styles."""
    shapes = [_placeholder(2, Slot("Title Placeholder", "title", 0, _title_box(master)), scheme, title),
              _placeholder(3, Slot("Text Placeholder", "body", 1, _body_box(master)), scheme, body)]
    if master.number is not None:
        shapes.append(_placeholder(4, master.number, scheme, master.number.look))
    ids = "".join(f'<p:sldLayoutId id="{FIRST_LAYOUT_ID + n}" r:id="{rid}"/>' for n, rid in enumerate(layout_rids))
    colour_map = ('<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
                  'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
                  'folHlink="folHlink"/>')
    return _document(f'<p:sldMaster {NS}><p:cSld>{_background(master.paper, scheme)}{_tree(shapes)}</p:cSld>'
                     f'{colour_map}<p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>'
                     f'<p:txStyles>{_text_styles(scheme, title, body)}</p:txStyles></p:sldMaster>')


def layout_xml(kind: KindPlan, master: MasterPlan, scheme: Scheme) -> bytes:
    """A kind's slide layout: its background when it has its own, its placeholders, the slide number."""
    shapes = [_placeholder(n + 2, slot, scheme, slot.look) for n, slot in enumerate(kind.slots)]
    if kind.shows_master and master.number is not None:
        shapes.append(_placeholder(len(shapes) + 2, master.number, scheme, master.number.look))
    background = _background(kind.background, scheme) if kind.background else ""
    hide = "" if kind.shows_master else ' showMasterSp="0"'
    return _document(f'<p:sldLayout {NS} preserve="1"{hide}><p:cSld name={quoteattr(kind.name)}>{background}'
                     f'{_tree(shapes)}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')


def _document(xml: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml).encode("utf-8")


def _tree(shapes: list[str]) -> str:
    """A shape tree holding the shapes."""
    return ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
            f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{"".join(shapes)}</p:spTree>')


def _background(colour: str, scheme: Scheme) -> str:
    return f'<p:bg><p:bgPr>{fill(colour, scheme)}<a:effectLst/></p:bgPr></p:bg>'


def fill(colour: str, scheme: Scheme) -> str:
    """A solid fill of a colour, by its scheme slot when it has one."""
    slot = scheme.slot(colour)
    inner = f'<a:schemeClr val="{slot}"/>' if slot else f'<a:srgbClr val="{colour.lstrip("#").upper()}"/>'
    return f"<a:solidFill>{inner}</a:solidFill>"


def slot_frame(slot: Slot) -> Box:
    """Where a slot's placeholder sits: its box with the slack a slide's text frame gets (deck_text.frame_box)."""
    box = slot.box
    if slot.look is None or slot.kind == "chart" or slot.kind == "obj":
        return box
    extra = WRAP_SLACK * slot.look.size
    x = box.x - {"left": 0.0, "centre": extra / 2, "right": extra}[slot.look.align]
    y = box.y - {"top": 0.0, "middle": SLACK / 2, "bottom": SLACK}[slot.valign]
    return Box(x, y, box.w + extra, max(1.0, box.h) + SLACK)


def _placeholder(shape_id: int, slot: Slot, scheme: Scheme, look: TextLook | None) -> str:
    """A placeholder shape of a master or layout, with its box, text body and prompt."""
    box = slot_frame(slot)
    idx = "" if slot.kind in ("title", "ctrTitle") else f' idx="{slot.idx}"'
    xfrm = (f'<a:xfrm><a:off x="{_emu(box.x)}" y="{_emu(box.y)}"/>'
            f'<a:ext cx="{_emu(box.w)}" cy="{_emu(box.h)}"/></a:xfrm>')
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(slot.name)}/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="{slot.kind}"{idx}/></p:nvPr></p:nvSpPr>'
            f'<p:spPr>{xfrm}</p:spPr><p:txBody>{_body_properties(slot)}<a:lstStyle>'
            f'{_level(1, look, scheme) if look else ""}</a:lstStyle>{_prompt(slot)}</p:txBody></p:sp>')


def _body_properties(slot: Slot) -> str:
    """No insets, wrapping, anchored as the slot's text; new text shrinks to fit (slides fix their sizes)."""
    return (f'<a:bodyPr vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" '
            f'anchor="{ANCHORS[slot.valign]}" anchorCtr="0"><a:normAutofit/></a:bodyPr>')


def _prompt(slot: Slot) -> str:
    """The prompt text of an empty placeholder: its name, or a slide number field."""
    if slot.kind == "sldNum":
        return f'<a:p><a:fld id="{FIELD_ID}" type="slidenum"><a:rPr/><a:t>‹#›</a:t></a:fld></a:p>'
    return f"<a:p><a:r><a:rPr/><a:t>{escape(slot.name)}</a:t></a:r></a:p>"


def _level(n: int, look: TextLook, scheme: Scheme, bullet: bool = False, indent: float = 0.0) -> str:
    """One level of a list style: alignment, line pitch, bullet and character properties."""
    spacing = round(look.leading / SINGLE_SPACING * 100000)
    marks = (f'<a:buFontTx/><a:buChar char="•"/>' if bullet else "<a:buNone/>")
    margin = f' marL="{_emu(indent)}" indent="{-_emu(look.size * 1.15) if bullet else 0}"'
    return (f'<a:lvl{n}pPr algn="{ALIGNS[look.align]}"{margin}><a:lnSpc><a:spcPct val="{spacing}"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="0"/></a:spcBef>{marks}{run_properties(look, scheme, "defRPr")}'
            f'</a:lvl{n}pPr>')


def run_properties(look: TextLook, scheme: Scheme, tag: str) -> str:
    """Character properties of a look: size, weight, slant, capitals, colour and font."""
    caps = ' cap="all"' if look.upper else ""
    return (f'<a:{tag} sz="{round(look.size * 100)}" b="{int(look.bold)}" i="{int(look.italic)}"{caps}>'
            f'{fill(look.colour, scheme)}<a:latin typeface={quoteattr(scheme.typeface(look.family))}/></a:{tag}>')


def _text_styles(scheme: Scheme, title: TextLook, body: TextLook) -> str:
    """The master's title, body and other text styles (body levels below the first are bulleted)."""
    bodies = "".join(_level(n, body, scheme, bullet=n > 1, indent=(n - 1) * body.size * 1.6) for n in range(1, 6))
    return (f"<p:titleStyle>{_level(1, title, scheme)}</p:titleStyle><p:bodyStyle>{bodies}</p:bodyStyle>"
            f"<p:otherStyle>{_level(1, body, scheme)}</p:otherStyle>")


def _title_box(master: MasterPlan) -> Box:
    """The master's title placeholder: where the slides with its furniture set their titles."""
    for kind in master.kinds.values():
        title = next((s for s in kind.slots if s.kind == "title"), None)
        if kind.shows_master and title is not None:
            return title.box
    return next((s.box for k in master.kinds.values() for s in k.slots if s.kind in ("title", "ctrTitle")),
                Box(56, 64, 848, 44))


def _body_box(master: MasterPlan) -> Box:
    """The master's body placeholder: the content area of the first kind of slide that has one."""
    for kind in master.kinds.values():
        body = next((s for s in kind.slots if s.kind in ("body", "obj", "chart")), None)
        if kind.shows_master and body is not None:
            return body.box
    return Box(56, 124, 848, 368)


def _emu(points: float) -> int:
    return round(points * EMU_PER_PT)

