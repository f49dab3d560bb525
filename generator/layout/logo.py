"""The theme's wordmark, drawn as vector shapes and text (no image file to go stale)."""

from __future__ import annotations

from dataclasses import replace

from generator.layout.context import Context, plain
from generator.layout.frame import Box, Item, RectItem
from generator.layout.text import Para


def logo_items(ctx: Context, box: Box, light: bool, path: tuple) -> list[Item]:
    """A square mark with the short name, and the organisation's name beside it."""
    theme = ctx.theme
    side = min(box.h, box.w)
    mark_fill = theme.colour("paper") if light else theme.logo_colour
    mark_ink = theme.logo_colour if light else theme.colour("paper")
    ink = theme.colour("paper") if light else theme.logo_text_colour
    mark = Box(box.x, box.y, side, side)
    style = ctx.style(None, "logo_mark", path)
    items: list[Item] = [RectItem(mark, fill=mark_fill, radius=side * 0.12),
                         RectItem(Box(mark.x, mark.bottom - side * 0.14, side, side * 0.14), fill=theme.colour("accent"))]
    mark_style = replace(style.scaled(side * 0.3), colour=mark_ink)
    items.append(ctx.fit_text([Para(plain(theme.logo_mark), mark_style, align="centre")],
                              Box(mark.x + side * 0.06, mark.y, side * 0.88, side * 0.86), path, "logo mark", "middle",
                              0.3, "logo"))
    if box.w > side * 2:
        name_style = replace(ctx.style(None, "logo_name", path), colour=ink)
        name_style = name_style.scaled(min(name_style.size, side * 0.3))
        name_box = Box(mark.right + side * 0.3, box.y, box.w - side * 1.3, side)
        items.append(ctx.fit_text([Para(plain(theme.logo_name), name_style)], name_box, path, "logo name",
                                  "middle", 0.5, "logo"))
    return items
