"""The theme's wordmark, drawn as vector shapes and text (no image file to go stale)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.layout.context import Context, plain
from generator.layout.frame import Box, ImageItem, Item, RectItem
from generator.layout.text import Para


def logo_items(ctx: Context, box: Box, light: bool, path: tuple) -> list[Item]:
    """The theme's logo file, else a wordmark typeset from the organisation's own names."""
    file = ctx.theme.logo_file_light if light else ctx.theme.logo_file
    if file:
        return [ImageItem(_fitted(box, file), file, f"{ctx.report.organisation} logo", decorative=True)]
    return _wordmark(ctx, box, light, path)


def _fitted(box: Box, file: str) -> Box:
    """The largest box of the image's proportions inside `box`, at its left and vertically centred."""
    from generator.images import size_of

    w, h = size_of(Path(file))
    scale = min(box.w / w, box.h / h)
    return Box(box.x, box.y + (box.h - h * scale) / 2, w * scale, h * scale)


def _wordmark(ctx: Context, box: Box, light: bool, path: tuple) -> list[Item]:
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
    mark_text = theme.logo_mark or _mark(ctx.report.short_name)
    mark_style = mark_style.scaled(min(mark_style.size, side * 1.1 / max(1, len(mark_text))))
    items.append(ctx.fit_text([Para(plain(mark_text), mark_style, align="centre")],
                              Box(mark.x + side * 0.06, mark.y, side * 0.88, side * 0.86), path, "logo mark", "middle",
                              0.3, "logo"))
    if box.w > side * 2:
        name_style = replace(ctx.style(None, "logo_name", path), colour=ink)
        name_style = name_style.scaled(min(name_style.size, side * 0.3))
        name_box = Box(mark.right + side * 0.3, box.y, box.w - side * 1.3, side)
        items.append(ctx.fit_text([Para(plain(theme.logo_name or _name(ctx.report.organisation, ctx.report.short_name)), name_style)], name_box, path, "logo name",
                                  "middle", 0.5, "logo"))
    return items


# The mark's letters are set at up to 0.3 times its side, and four letters at 1.1 / 4 of it.
_MARK_TEXT = 1.1 / 4


def side_for(text: float) -> float:
    """The side of a wordmark whose words (a mark of up to four letters, the name) are set at least at `text` pt."""
    return text / _MARK_TEXT


def _mark(short_name: str) -> str:
    """The wordmark's letters: a short name as it is ("CEOP"), a longer one by its initials ("GT")."""
    if len(short_name) <= 5:
        return short_name
    initials = "".join(word[0] for word in short_name.split() if word[:1].isalnum())
    return initials[:4].upper() or short_name[:4]


def _name(organisation: str, short_name: str) -> str:
    """The name beside the mark: the organisation's, or its short name when the full one is long."""
    return organisation if len(organisation) <= 32 else short_name
