"""Slides on a brand template: the page's blocks set into the template layout's placeholders.

Fitting: each placeholder's text is set in the template's own style for it (its size,
weight, slant, line spacing and space between paragraphs, inside its insets), measured with
the theme's font files as metrics (the family whose deck name is the template's font, else
the theme's heading or body family), and shrunk when it does not fit, never below the
theme's smallest size for headings or body text. The deck writes the sizes fitted here and
leaves the face, colour, alignment and bullets to the template, with shrink-on-overflow as
a safety net for fonts wider than the metrics. Charts, tiles and tables are drawn into
their content placeholder's box, as in the deck's own layouts.
"""

from __future__ import annotations

from dataclasses import replace

from generator.layout.blocks import build_block
from generator.layout.context import Context, plain
from generator.layout.frame import ChartItem, Item, Slot, TextItem, TextLook
from generator.layout.quoting import printed
from generator.layout.slots import is_title_block
from generator.layout.text import Para
from generator.layout.theme import Family, Style
from generator.layoutfile.spec import Block, Page
from generator.layoutfile.template import TITLES, Placeholder, TemplateLayout
from generator.layoutfile.template_plan import TEXT, Placement
from generator.model.markup import Run, parse_blocks, parse_inline

FILLED_BY_CHARTS = ("chart", "obj")  # placeholder types a chart takes the place of (others: drawn over their box)
# A font the theme has no files for is measured with a stand-in as if the placeholder were this
# much narrower: common faces (Arial, Helvetica, Georgia, Segoe UI) run up to about this much
# wider than the metric-compatible stand-ins for Calibri and Cambria.
UNKNOWN_FONT_MARGIN = 0.15


def template_slots(layout: TemplateLayout) -> tuple[Slot, ...]:
    """A slot for each placeholder of a template's layout (its slide number's too)."""
    return tuple(_slot(n, holder) for n, holder in enumerate(layout.placeholders)
                 if holder.kind not in ("dt", "ftr", "hdr"))


def _slot(n: int, holder: Placeholder) -> Slot:
    look = TextLook(holder.font, holder.bold, holder.italic, holder.size, "", False, "left", holder.leading,
                    holder.bullets)
    return Slot(slot_name(n, holder), holder.kind, holder.idx, holder.box, holder.anchor, look)


def slot_name(n: int, holder: Placeholder) -> str:
    """A name unique on its layout (templates may repeat placeholder names)."""
    return f"{n + 1}: {holder.name}"


def templated_items(ctx: Context, page: Page, path: tuple, shown: list[tuple[int, Block]],
                    placement: Placement) -> list[Item]:
    """The items of a page's shown blocks, each group of blocks in the placeholder it fills."""
    groups: dict[int, list[tuple[int, Block]]] = {}
    for j, block in shown:
        holder = placement.blocks[j]
        if holder is not None:
            groups.setdefault(holder, []).append((j, block))
    items: list[Item] = []
    for n, members in groups.items():
        holder = placement.layout.placeholders[n]
        if all(block.type in TEXT for _, block in members):
            items.append(_text(ctx, members, n, holder, path))
        else:
            j, block = members[0]
            items += _content(ctx, block, n, holder, path + ("blocks", j))
    return items


def _text(ctx: Context, members: list[tuple[int, Block]], n: int, holder: Placeholder, path: tuple) -> TextItem:
    """The paragraphs of the blocks that share a placeholder, in its style, fitted into it."""
    titled = holder.kind in TITLES
    style = _style(ctx, holder, titled)
    paras: list[Para] = []
    for j, block in members:
        paras += block_paras(ctx, block, path + ("blocks", j), style)
    role = "title" if titled and any(is_title_block(b) for _, b in members) else (
        "quote" if members[0][1].type == "quote" else "body")
    j = members[0][0]
    box = holder.inner
    if not _known(ctx, holder.font):
        box = replace(box, w=box.w * (1 - UNKNOWN_FONT_MARGIN))
    item = ctx.fit_text(paras, box, path + ("blocks", j), f"the text in {holder.name!r}", holder.anchor,
                        None, role, warn_shrink=False)
    return replace(item, slot=slot_name(n, holder))


def _content(ctx: Context, block: Block, n: int, holder: Placeholder, path: tuple) -> list[Item]:
    """A chart, tiles, a table or an image drawn into a content placeholder's box; a chart takes its place."""
    items = build_block(ctx, block, holder.box, path)
    if holder.kind not in FILLED_BY_CHARTS:
        return items
    charts = [k for k, item in enumerate(items) if isinstance(item, ChartItem)]
    if len(charts) == 1:
        k = charts[0]
        items[k] = replace(items[k], slot=slot_name(n, holder))
    return items


def _style(ctx: Context, holder: Placeholder, titled: bool) -> Style:
    """The placeholder's text style, measured with the theme's font files, shrinking to the theme's floor."""
    theme = ctx.theme
    ours = theme.styles.get("h1" if titled else "body") or next(iter(theme.styles.values()))
    family = _family(ctx, holder.font, ours.family)
    floor = min(holder.size, ours.min_size)
    return Style(family, holder.bold, holder.italic, holder.size, floor, holder.leading, theme.colour("ink"),
                 holder.space, False, 0.0)


def _known(ctx: Context, font: str) -> bool:
    """Whether the theme has the font files of a face (as the family the deck names so)."""
    return any(f.regular.deck_family.casefold() == font.casefold() for f in ctx.theme.families.values())


def _family(ctx: Context, font: str, fallback: Family) -> Family:
    """The theme's family that the deck names as this font, else the fallback (metrics of a like family)."""
    wanted = font.casefold()
    return next((f for f in ctx.theme.families.values() if f.regular.deck_family.casefold() == wanted), fallback)


def block_paras(ctx: Context, block: Block, path: tuple, style: Style) -> list[Para]:
    """A text block's paragraphs, all in one style: emphasis, bullets and links as the block writes them."""
    kind = block.type
    if kind == "heading":
        text = ctx.fill(block.text or "", path + ("text",))
        return [Para(parse_inline(line) or plain(line), style) for line in text.split("\n") if line.strip()]
    if kind == "text":
        return [Para(b.runs, style, b.kind) for b in parse_blocks(ctx.fill(block.text or "", path + ("text",)))]
    if kind == "quote":
        return _quote(ctx, block, path, style)
    if kind == "list":
        return _list(ctx, block, path, style)
    if kind == "section":
        section = ctx.bound("section", block.section, path + ("section",))
        if section is None:
            return []
        return [Para((Run(section.title, bold=True),), style)] + [Para(b.runs, style, b.kind) for b in section.blocks]
    from generator.layout.notes import sources_paras

    return [replace(p, style=style) for p in sources_paras(ctx, path, block)]


def _quote(ctx: Context, block: Block, path: tuple, style: Style) -> list[Para]:
    """A pull quote in italics, then its speaker in bold and role."""
    quote = ctx.bound("quote", block.quote, path + ("quote",))
    if quote is None:
        return []
    paras = [Para((Run(printed(quote, quote.pull), italic=True),), style),
             Para((Run(quote.speaker, bold=True),), style)]
    return paras + ([Para(plain(quote.role), style)] if quote.role else [])


def _list(ctx: Context, block: Block, path: tuple, style: Style) -> list[Para]:
    """A list's items as bullets, under its title in bold unless the block leaves it out."""
    lst = ctx.bound("list", block.list, path + ("list",))
    if lst is None:
        return []
    title = [Para((Run(lst.title, bold=True),), style)] if block.show_title else []
    return title + [Para(item, style, "bullet") for item in lst.items]
