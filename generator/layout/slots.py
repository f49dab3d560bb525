"""Slots: the placeholders of a kind of slide, one per block of its page, at the block's grid area.

The deck's own master has a slide layout per kind of slide (a deck page's `slide_layout:`),
generated from the first page of that kind: a title placeholder for its title heading, a
body placeholder (a subtitle on the title slide) for each other block of text, a chart
placeholder for a chart and a content placeholder for tiles, tables and images, each where
the grid puts the block and styled as the block's style sets its text. The slides fill
them, so a presenter edits text in placeholders and restyles a kind of slide on its layout.
"""

from __future__ import annotations

from dataclasses import replace

from generator.layout.context import Context
from generator.layout.frame import SLIDE_NUMBER, Box, ChartItem, Item, Slot, TextItem, TextLook
from generator.layout.theme import Style
from generator.layoutfile.spec import Block, Page

DEFAULT_KIND = "body"
TITLE_STYLES = ("h1", "display")  # as generator/layout/blocks.py decides a heading is a title
# The style each kind of text block sets its first paragraph in, unless it names one (blocks.py).
TEXT_BLOCKS = {"heading": "h1", "text": "body", "section": "h2", "list": "body", "quote": "quote", "sources": "h3"}
CONTENT_BLOCKS = ("figures", "figure", "table", "charts", "image")
TITLE = "Title"
SLIDE_NUMBER_IDX = 12  # PowerPoint's own layouts number their slide number placeholder so


def slide_kind(page: Page) -> str:
    """The kind of slide a deck page is: its `slide_layout:`, else the plain body kind."""
    return page.slide_layout or DEFAULT_KIND


def is_title_block(block: Block) -> bool:
    """Whether a heading block sets a title (blocks.py gives its text the role "title")."""
    if block.type != "heading":
        return False
    return block.title if block.title is not None else (block.style or "h1") in TITLE_STYLES


def page_slots(ctx: Context, page: Page, areas: dict[str, Box], kind: str) -> tuple[Slot, ...]:
    """A slot for each block of a page that fills a placeholder, at its (uncollapsed) grid area."""
    slots: list[Slot] = []
    titled = False
    for block in page.blocks:
        box = areas.get(block.area)
        if box is None:
            continue
        if is_title_block(block) and not titled:
            titled = True
            slots.insert(0, Slot(TITLE, "ctrTitle" if kind == "title" else "title", 0, box.inset(block.padding),
                                 block.valign, look(ctx, block)))
        elif block.type in TEXT_BLOCKS or block.type == "chart" or block.type in CONTENT_BLOCKS:
            slots.append(_block_slot(ctx, block, box, kind, slots))
    return tuple(slots)


def _block_slot(ctx: Context, block: Block, box: Box, kind: str, slots: list[Slot]) -> Slot:
    """The slot of one block other than the title: named for its area, numbered after the others."""
    idx = 1 + sum(1 for s in slots if s.kind != "title" and s.kind != "ctrTitle")
    name = block.area.replace("_", " ").replace("-", " ").capitalize()
    if block.type == "chart":
        return Slot(name, "chart", idx, box.inset(block.padding))
    if block.type in CONTENT_BLOCKS:
        return Slot(name, "obj", idx, box.inset(block.padding))
    first_text = not any(s.kind in ("subTitle", "body") for s in slots)
    ph = "subTitle" if kind == "title" and first_text else "body"
    return Slot(name, ph, idx, box.inset(block.padding), block.valign, look(ctx, block))


def look(ctx: Context, block: Block) -> TextLook:
    """How a block's first paragraph is set, as its builder styles it (style, colour and size overrides)."""
    style = _style(ctx, block)
    return text_look(style, block.align)


def text_look(style: Style, align: str = "left") -> TextLook:
    """A style as a slot's look."""
    return TextLook(style.font.deck_family, style.bold, style.italic, style.size, style.colour, style.upper, align,
                    style.leading)


def _style(ctx: Context, block: Block) -> Style:
    """The block's style with its colour and preferred size, reporting nothing (its builder reports)."""
    default = TEXT_BLOCKS.get(block.type, "body")
    name = block.style if block.style in ctx.theme.styles else default
    style = ctx.theme.styles.get(name) or next(iter(ctx.theme.styles.values()))
    if block.colour:
        style = replace(style, colour=ctx.theme.colour(block.colour))
    if block.size:
        style = style.scaled(block.size[1])
    return style


def look_of(item: TextItem) -> TextLook:
    """How an item's first line is set, as a look (for slots of the master's furniture)."""
    line = item.lines[0]
    piece = line.pieces[0]
    return TextLook(piece.font.deck_family, piece.font.bold, piece.font.italic, piece.size, piece.colour,
                    piece.source is not None, line.align, line.height / piece.size)


def furniture_slots(items: list[Item]) -> tuple[Slot, ...]:
    """The slide number's slot, when the master drew one among its items."""
    for item in items:
        if isinstance(item, TextItem) and item.slot == SLIDE_NUMBER and item.lines and item.lines[0].pieces:
            return (Slot(SLIDE_NUMBER, "sldNum", SLIDE_NUMBER_IDX, item.box, item.valign, look_of(item)),)
    return ()


def tagged(items: list[Item], block: Block, slots: tuple[Slot, ...]) -> list[Item]:
    """A block's items with the one that fills its slot marked: its text, or its chart."""
    slot = next((s for s in slots if s.name != TITLE and s.kind not in ("obj",) and _slot_of(block) == s.name), None)
    if slot is None:
        return items
    wanted = ChartItem if slot.kind == "chart" else TextItem
    for n, item in enumerate(items):
        if isinstance(item, wanted) and (wanted is ChartItem or item.lines):
            return items[:n] + [replace(item, slot=slot.name)] + items[n + 1:]
    return items


def _slot_of(block: Block) -> str:
    """The name of the slot a block fills."""
    return block.area.replace("_", " ").replace("-", " ").capitalize()


def titled(items: tuple[Item, ...], title_at: int | None) -> tuple[Item, ...]:
    """The items with the page's title marked as filling the title slot (a template's, when it has one)."""
    if title_at is None:
        return items
    title = items[title_at]
    assert isinstance(title, TextItem)
    return items[:title_at] + (replace(title, slot=title.slot or TITLE),) + items[title_at + 1:]
