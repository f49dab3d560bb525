"""Masters: the band, running header, footer, logo and page number that pages inherit."""

from __future__ import annotations

from dataclasses import replace

from generator.layout.context import Context, plain
from generator.layout.frame import SLIDE_NUMBER, Box, Item, RectItem, RuleItem
from generator.layout.logo import logo_items, side_for

MIN_PRINT = 8.0  # pt: nothing is printed smaller
from generator.layoutfile.spec import Margins, Master
from generator.layout.text import Para


def master_items(ctx: Context, master: Master, width: float, height: float, margins: Margins,
                 number: int, section: str, path: tuple) -> list[Item]:
    """Items a master draws behind a page's blocks."""
    theme = ctx.theme
    items: list[Item] = []
    if master.band:
        items.append(RectItem(Box(0, 0, width, theme.spacing.get("band", 6)), fill=theme.colour(master.band)))
    left, right = margins.left, width - margins.right
    header_y = margins.top * 0.42
    small = ctx.style(None, "running", path)
    extra = {"section": section, "page": str(number)}
    if master.header:
        text = ctx.fill(master.header, path + ("header",), extra)
        items.append(ctx.fit_text([Para(plain(text), small)], Box(left, header_y, (right - left) * 0.75, small.size * 1.6),
                                  path + ("header",), "running header", "middle", None, "running"))
    if master.logo:
        # Never so small that the wordmark's words would be set below 8 pt, the smallest print size.
        side = max(small.size * 2.4, side_for(MIN_PRINT))
        items += logo_items(ctx, Box(right - side * 5.2, header_y - side * 0.25, side * 5.2, side), False, path)
    foot_y = height - margins.bottom * 0.62
    items.append(RuleItem(left, foot_y - 6, right, foot_y - 6, theme.colour("rule"), 0.5))
    if master.footer:
        text = ctx.fill(master.footer, path + ("footer",), extra)
        items.append(ctx.fit_text([Para(plain(text), small)], Box(left, foot_y, (right - left) * 0.8, small.size * 1.6),
                                  path + ("footer",), "footer", "top", None, "running"))
    if master.page_number:
        number_style = ctx.style(None, "page_number", path)
        number_item = ctx.fit_text([Para(plain(str(number)), number_style, align="right")],
                                   Box(right - 60, foot_y, 60, number_style.size * 1.6), path, "page number", "top",
                                   1.0, "running")
        items.append(replace(number_item, slot=SLIDE_NUMBER))  # the deck writes it as a slide number field
    return items
