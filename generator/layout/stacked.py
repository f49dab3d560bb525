"""Tiles that hug their text (`tile_height: content`): rows as tall as their words, stacked from the top.

Two sizes are shared by every tile of a block: the numbers' and the words'. A number is
set as large as the narrowest tile lets every number be (up to VALUE_GROWTH times its
style), the words at most WORDS_GROWTH times theirs, so a few figures in a large area are
set large without their labels shouting, and the tiles of a long number keep readable words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.layout import fonts
from generator.layout.context import Context, floor_scale
from generator.layout.frame import Box
from generator.layout.text import SIZE_STEP, set_paras
from generator.model.report import FigureView

VALUE_GROWTH = 4.0
WORDS_GROWTH = 1.5
# Scales within this share of the largest count as equal when choosing columns; then tiles
# no wider than STRIP times their height win (not long strips), then an arrangement that
# fills FULL of a bounded area, then the one whose tiles are nearest a landscape card of
# ASPECT : 1.
CLOSE_SCALE = 0.85
STRIP = 4.0
FULL = 0.8
ASPECT = 2.0
UNBOUNDED = 100_000.0  # the height of the box in which an `auto` row's tiles are measured


@dataclass(frozen=True)
class Stack:
    """An arrangement of hugging tiles: columns, the common scale, the numbers' cap, details shown."""

    columns: int
    scale: float  # of the words, and of the numbers up to `value_cap`
    value_cap: float
    details: bool
    fits: bool
    overflow: float

    @property
    def value_scale(self) -> float:
        """The scale the numbers are set at."""
        return min(self.scale, self.value_cap)


def arrange(ctx: Context, figs: list[FigureView], box: Box, path: tuple, counts: range | list[int],
            grow: bool) -> Stack:
    """The arrangement that sets the tiles largest, then fills the area, then is nearest a landscape card."""
    from generator.layout.tiles import _boxes

    tried: list[Stack] = []
    cache: dict = ctx.memo.setdefault("stacked tiles", {})  # a tile's text set once per width and sizes
    for details in (True, False):
        options = [_largest(ctx, figs, box, path, n, details, grow, cache) for n in counts]
        fitting = [o for o in options if o.fits]
        if fitting:
            top = max(o.value_scale for o in fitting)
            close = [o for o in fitting if o.value_scale >= top * CLOSE_SCALE - 1e-9]

            def rank(o: Stack) -> tuple:
                stacked = boxes(ctx, figs, _boxes(ctx, len(figs), box, o.columns), o, path, cache)
                fill = (max(b.bottom for b in stacked) - box.y) / box.h
                full = box.h >= UNBOUNDED or fill >= FULL
                strips = any(b.w > b.h * STRIP for b in stacked)
                return (strips, not full, _shape_error(stacked), -o.value_scale)

            return min(close, key=rank)
        tried += options
    return min(tried, key=lambda o: (o.overflow, not o.details))


def boxes(ctx: Context, figs: list[FigureView], cells: list[Box], stack: Stack, path: tuple,
          cache: dict | None = None) -> list[Box]:
    """The tile boxes with each row as tall as the tallest text in it, rows stacked from the top."""
    heights = [setting(ctx, fig, cell, stack, path, cache).height for fig, cell in zip(figs, cells)]
    return _stacked(ctx, cells, heights)


def _stacked(ctx: Context, cells: list[Box], heights: list[float]) -> list[Box]:
    """The cells with each row as tall as its tallest text (plus padding), rows stacked from the top."""
    pad = ctx.theme.spacing.get("tile_padding", 12)
    gap = ctx.theme.spacing.get("gap", 12)
    rows: dict[float, float] = {}
    for cell, height in zip(cells, heights):
        rows[cell.y] = max(rows.get(cell.y, 0.0), height + 2 * pad)
    tops: dict[float, float] = {}
    y = cells[0].y if cells else 0.0
    for row_y in sorted(rows):
        tops[row_y] = y
        y += rows[row_y] + gap
    return [Box(c.x, tops[c.y], c.w, rows[c.y]) for c in cells]


def setting(ctx: Context, fig: FigureView, cell: Box, stack: Stack, path: tuple, cache: dict | None = None):
    """A tile's text set at the arrangement's sizes, in the width of its cell (kept in `cache`, when given)."""
    from generator.layout.tiles import _inner

    width = _inner(ctx, cell).w
    key = (fig.key, round(width, 3), stack.scale, stack.value_cap, stack.details)
    if cache is not None and key in cache:
        return cache[key]
    result = set_paras(paras(ctx, fig, path, stack), width, stack.scale)
    if cache is not None:
        cache[key] = result
    return result


def paras(ctx: Context, fig: FigureView, path: tuple, stack: Stack):
    """A tile's paragraphs with the numbers' and the words' caps."""
    from dataclasses import replace

    from generator.layout.tiles import _paras

    value, *words = _paras(ctx, fig, path, stack.details)
    return [replace(value, max_scale=stack.value_cap)] + [replace(p, max_scale=WORDS_GROWTH) for p in words]


def _largest(ctx: Context, figs: list[FigureView], box: Box, path: tuple, columns: int, details: bool,
             grow: bool, cache: dict) -> Stack:
    """The largest common scale at which the stacked rows fit the area with this many columns.

    The numbers are capped where the widest one fills its tile; then a smaller scale never
    needs more room, so the scale steps are searched by bisection, as text fitting does.
    """
    from generator.layout.tiles import _boxes, _inner

    cells = _boxes(ctx, len(figs), box, columns)
    value_style = ctx.style(None, "figure", path)
    widest = max(fonts.width(f.value.text, value_style.font, value_style.size) for f in figs)
    top = VALUE_GROWTH if grow else 1.0
    cap = min(top, min(_inner(ctx, c).w for c in cells) / max(widest, 1.0))
    start = max(cap, WORDS_GROWTH) if grow else 1.0
    floor = min(floor_scale(paras(ctx, f, path, Stack(columns, 1.0, cap, details, True, 0.0))) for f in figs)
    step = SIZE_STEP / value_style.size
    last = max(0, int((start - floor) / step + 1e-9))

    def at(k: int) -> Stack:
        return Stack(columns, start - k * step, cap, details, True, 0.0)

    def over(stack: Stack) -> float:
        settings = [setting(ctx, f, c, stack, path, cache) for f, c in zip(figs, cells)]
        wide = max(s.too_wide for s in settings)
        tall = max(b.bottom for b in _stacked(ctx, cells, [s.height for s in settings])) - box.bottom
        return max(wide, tall)

    smallest = over(at(last))
    if smallest > 0.01 or cap < value_style.min_size / value_style.size - 1e-9:
        return Stack(columns, start - last * step, cap, details, False, max(smallest, 0.0))
    low, high = -1, last  # step `low` does not fit (or is above the start), step `high` does
    while high - low > 1:
        mid = (low + high) // 2
        if over(at(mid)) <= 0.01:
            high = mid
        else:
            low = mid
    return at(high)


def _shape_error(tiles: list[Box]) -> float:
    """How far the tiles are, on average, from a landscape card (the log of the ratio of their ratios)."""
    return sum(abs(math.log(b.w / max(b.h, 1.0) / ASPECT)) for b in tiles) / len(tiles)
