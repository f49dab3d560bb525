"""Text in the deck: the layout's lines joined into paragraphs that reflow, at the sizes the layout set.

The layout stage broke every paragraph into lines with the fonts the deck names (or
metric-compatible ones), so a text frame that wraps at the same width breaks it the same
way; writing each paragraph once, with word wrap on, lets a presenter edit a sentence and
see it reflow. Only the breaks the layout chose for itself (balanced display lines, a dash
kept off a line's start) are written, as line breaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from lxml import etree
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from generator.layout.frame import Box, Line, Piece, TextItem, TextLook
from generator.render.links import split_links

EMU_PER_PT = 12700
SLACK = 1.0  # points below the last line: centipoint rounding of line pitches never tips a full box over
# Points of width beyond the measured box, per point of text size: more than the rounding of
# advance widths can add to a line, less than a space and the narrowest word, so a client
# wrapping at this width breaks where the layout did.
WRAP_SLACK = 0.2
ALIGN = {"left": PP_ALIGN.LEFT, "centre": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
BULLET = "•"
HYPERLINK_COLOUR_URI = "{A12FA001-AC4F-418D-AE19-62706E023703}"
HYPERLINK_COLOUR_NS = "http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"


def emu(points: float) -> Emu:
    """Points to EMU (the one conversion for this backend)."""
    return Emu(round(points * EMU_PER_PT))


@dataclass(frozen=True)
class Span:
    """Consecutive pieces of one paragraph in one face, size, colour and link, joined as the lines end."""

    text: str
    piece: Piece  # the first piece: its face, size, colour, link and capitals stand for all
    capitals: bool


def frame_box(item: TextItem) -> Box:
    """The text frame's box: the item's box, widened by the wrap slack and deepened by SLACK.

    The slack goes where the text does not: to the right of left-aligned text, the left of
    right-aligned, both sides of centred; and below top-aligned text, above bottom-aligned.
    """
    box = item.box
    extra = WRAP_SLACK * max((p.size for line in item.lines for p in line.pieces), default=0.0)
    align = item.lines[0].align if item.lines else "left"
    x = box.x - {"left": 0.0, "centre": extra / 2, "right": extra}[align]
    y = box.y - {"top": 0.0, "middle": SLACK / 2, "bottom": SLACK}[item.valign]
    return Box(x, y, box.w + extra, max(1.0, box.h) + SLACK)


def place(shape, box: Box) -> None:
    """Move and size a shape to a box in points."""
    shape.left, shape.top = emu(box.x), emu(box.y)
    shape.width, shape.height = emu(box.w), emu(box.h)


def set_body(frame, item: TextItem, inherit: bool = False) -> None:
    """Word wrap on, no autofit, no insets, anchored as the layout placed the lines.

    In a brand template's placeholder (`inherit`), its insets and anchor stay the template's,
    and text that the template's fonts set wider than the metrics it was measured with
    shrinks to fit.
    """
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE if inherit else MSO_AUTO_SIZE.NONE
    if inherit:
        return
    frame.vertical_anchor = ANCHOR[item.valign]
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0


def write_paragraphs(frame, item: TextItem, pen, look: TextLook | None = None) -> None:
    """One paragraph of the frame per laid-out paragraph, replacing what the frame held.

    With a look (the placeholder's own style), what the text shares with it is left for the
    placeholder to give, so restyling the slide layout restyles the slide; sizes and line
    pitches are always written, as the layout measured them.
    """
    frame.clear()
    for n, lines in enumerate(paragraphs(item.lines)):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        _paragraph(para, lines, n == 0, pen, look)


def paragraphs(lines: tuple[Line, ...]) -> Iterator[list[Line]]:
    """The lines grouped by the paragraph they belong to."""
    group: list[Line] = []
    for line in lines:
        if line.starts_paragraph and group:
            yield group
            group = []
        group.append(line)
    if group:
        yield group


def _paragraph(para, lines: list[Line], first: bool, pen, look: TextLook | None) -> None:
    """One paragraph: alignment, exact line pitch, space before, bullet, then its runs and chosen breaks."""
    head = lines[0]
    if look is None or look.align != head.align:
        para.alignment = ALIGN[head.align]
    para.line_spacing = Pt(head.height)
    para.space_before = Pt(0 if first else head.space_before)
    para.space_after = Pt(0)
    bulleted = bool(head.pieces) and head.pieces[0].text == BULLET and bool(head.indent)
    if pen.inherit and look is not None:
        _template_bullet(para._p.get_or_add_pPr(), head, bulleted, look.bullets)
    else:
        _bullet(para._p.get_or_add_pPr(), head, bulleted)
    # Breaks chosen by measuring with the template's fonts' stand-ins are not kept: the client wraps.
    for span in spans(lines, skip_bullet=bulleted, keep_breaks=not (pen.inherit and look is not None)):
        if span is None:
            _break(para, lines[0], pen.language)
        else:
            for text, link in [(span.text, span.piece.link)] if span.piece.link else split_links(span.text):
                _run(para, span, text, link, pen, look)


def _bullet(ppr, line: Line, bulleted: bool) -> None:
    """Set the paragraph's indent, with a native bullet when the line opens with one."""
    ppr.set("marL", str(int(emu(line.indent))))
    ppr.set("indent", str(-int(emu(line.indent))) if bulleted else "0")
    if bulleted:
        etree.SubElement(ppr, qn("a:buChar")).set("char", BULLET)
    else:
        etree.SubElement(ppr, qn("a:buNone"))


def _template_bullet(ppr, line: Line, bulleted: bool, template_bullets: bool) -> None:
    """In a template's placeholder: its own bullets for list items, none for other paragraphs."""
    if bulleted and not template_bullets:
        _bullet(ppr, line, True)
    elif not bulleted and template_bullets:
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        etree.SubElement(ppr, qn("a:buNone"))


def spans(lines: list[Line], skip_bullet: bool = False, keep_breaks: bool = True) -> Iterator[Span | None]:
    """A paragraph's text as spans of like pieces, None where the layout chose a line break.

    Lines that end at a space are joined with one, a word broken across lines is joined
    whole again, so a web address split over two lines is one link.
    """
    current: Span | None = None
    for n, line in enumerate(lines):
        pieces = line.pieces[1:] if skip_bullet and n == 0 else line.pieces
        for piece in pieces:
            capitals = piece.source is not None
            words = piece.source if capitals else piece.text
            if current is not None and _alike(current, piece, capitals):
                current = Span(current.text + words, current.piece, capitals)
            else:
                if current is not None:
                    yield current
                current = Span(words, piece, capitals)
        if n + 1 < len(lines):
            if line.ends == "break" and keep_breaks:
                if current is not None:
                    yield current
                    current = None
                yield None
            elif line.ends != "word" and current is not None:
                current = Span(current.text + " ", current.piece, current.capitals)
    if current is not None:
        yield current


def _alike(span: Span, piece: Piece, capitals: bool) -> bool:
    """Whether a piece can join a span as one run."""
    first = span.piece
    return (first.font, first.size, first.colour, first.link, span.capitals) == (
        piece.font, piece.size, piece.colour, piece.link, capitals)


def _run(para, span: Span, text: str, link: str | None, pen, look: TextLook | None) -> None:
    """One run: its words, size, language and link, and its face and colour unless the look gives them."""
    from generator.render.deck_shapes import colour

    run = para.add_run()
    run.text = text
    piece = span.piece
    font = run.font
    font.size = Pt(piece.size)
    # Capitals as a font attribute keep the words as written, for screen readers and editing; like
    # the size, always written, since the layout measured the words in capitals.
    if span.capitals:
        font._rPr.set("cap", "all")
    styled = pen.inherit and look is not None  # a template's placeholder: its face and colour are the template's
    if not styled and (look is None or look.family != piece.font.deck_family):
        # On our own master, the theme font it is; on a template, whose theme fonts were not measured
        # here, the family itself, so text outside placeholders (tiles, tables) fits as measured.
        font.name = piece.font.deck_family if pen.inherit else pen.scheme.typeface(piece.font.deck_family)
    if look is None or look.bold != piece.font.bold:
        font.bold = piece.font.bold
    if look is None or look.italic != piece.font.italic:
        font.italic = piece.font.italic
    if not styled and (look is None or look.colour.upper() != piece.colour.upper()):
        colour(font.color, piece.colour, pen.scheme)
    font._rPr.set("lang", pen.language)
    if link:
        run.hyperlink.address = link
        _in_text_colour(font._rPr.find(qn("a:hlinkClick")))


def _in_text_colour(click) -> None:
    """A link shown in its text's colour, not the theme's link colour (which may not read on a dark slide).

    Office's hyperlink-colour extension; clients without it fall back to the theme's link colour.
    """
    ext = etree.SubElement(etree.SubElement(click, qn("a:extLst")), qn("a:ext"), uri=HYPERLINK_COLOUR_URI)
    etree.SubElement(ext, f"{{{HYPERLINK_COLOUR_NS}}}hlinkClr", nsmap={"ahyp": HYPERLINK_COLOUR_NS}).set("val", "tx")


def _break(para, line: Line, language: str) -> None:
    """A line break the layout chose, sized like the line's text so it adds no taller line."""
    br = etree.SubElement(para._p, qn("a:br"))
    rpr = etree.SubElement(br, qn("a:rPr"))
    rpr.set("lang", language)
    if line.pieces:
        rpr.set("sz", str(round(line.pieces[-1].size * 100)))

