"""Figure tiles: value, label, change and detail, arranged so a set of any size reads as one.

Tiles share their area's height (`tile_height: area`, the default), or each row is as tall
as its text (`tile_height: content`, generator.layout.stacked).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.layout import stacked
from generator.layout.context import Context, floor_scale, plain
from generator.layout.frame import Box, Item, RectItem
from generator.layoutfile.spec import Block
from generator.layout.text import Para, fit
from generator.layout.stacked import Stack
from generator.model.report import FigureView

MAX_COLUMNS = 6
# A few figures in a large area are set larger than their style's size, up to this many
# times, so a tile is filled by its number rather than left mostly empty.
MAX_GROWTH = 3.0


@dataclass(frozen=True)
class Arrangement:
    """How a set of tiles is laid out: columns, one common text scale, and whether details show."""

    columns: int
    scale: float
    details: bool
    fits: bool
    overflow: float  # the worst tile's overflow, in points, when they do not fit


def tile(ctx: Context, fig: FigureView, box: Box, path: tuple, block: Block, scale: float = 1.0,
         details: bool = True, stack: Stack | None = None) -> list[Item]:
    """Draw one figure tile in `box`, its text at `scale` or smaller (at the sizes of `stack`, when it hugs its text)."""
    theme = ctx.theme
    bar = theme.spacing.get("tile_bar", 4)
    items: list[Item] = [RectItem(box, fill=theme.colour(block.fill or "tint")),
                         RectItem(Box(box.x, box.y, bar, box.h), fill=theme.colour("accent"))]
    paras = stacked.paras(ctx, fig, path, stack) if stack else _paras(ctx, fig, path, details)
    items.append(ctx.fit_text(paras, _inner(ctx, box), path, f"figure tile {fig.key!r}", "top", None, "figure",
                              stack.scale if stack else scale))
    return items


def tiles(ctx: Context, figs: list[FigureView], box: Box, path: tuple, block: Block) -> list[Item]:
    """A tile per figure, in the arrangement that sets their text largest (all at one size)."""
    if not figs:
        return []
    if _hugs(block):
        return _stacked(ctx, figs, box, path, block)
    best = _arrange(ctx, figs, box, path, block)
    _report(ctx, best, path)
    items: list[Item] = []
    for fig, tile_box in zip(figs, _boxes(ctx, len(figs), box, best.columns)):
        items += tile(ctx, fig, tile_box, path, block, best.scale, best.details)
    return items


def tiles_height(ctx: Context, figs: list[FigureView], width: float, path: tuple, block: Block) -> float:
    """How tall tiles that hug their text are in an area of this width and no set height."""
    if not figs:
        return 0.0
    box = Box(0.0, 0.0, width, stacked.UNBOUNDED)
    stack = stacked.arrange(ctx, figs, box, path, _counts(block, figs), block.grow)
    cells = _boxes(ctx, len(figs), box, stack.columns)
    return max(b.bottom for b in stacked.boxes(ctx, figs, cells, stack, path))


def _stacked(ctx: Context, figs: list[FigureView], box: Box, path: tuple, block: Block) -> list[Item]:
    """Tiles that hug their text, rows stacked from the top of the area."""
    stack = stacked.arrange(ctx, figs, box, path, _counts(block, figs), block.grow)
    _report(ctx, Arrangement(stack.columns, min(stack.scale, stack.value_scale), stack.details, stack.fits,
                             stack.overflow), path)
    cells = stacked.boxes(ctx, figs, _boxes(ctx, len(figs), box, stack.columns), stack, path)
    items: list[Item] = []
    for fig, tile_box in zip(figs, cells):
        items += tile(ctx, fig, tile_box, path, block, stack=stack)
    return items


def _hugs(block: Block) -> bool:
    """Whether a block's tiles are as tall as their text (`tile_height: content`)."""
    return getattr(block, "tile_height", "area") == "content"


def _counts(block: Block, figs: list[FigureView]) -> list[int]:
    """The column counts to try: the block's, or every count for `columns: auto`."""
    if block.columns == "auto":
        return list(range(1, min(MAX_COLUMNS, len(figs)) + 1))
    return [min(block.columns, len(figs))]


def _arrange(ctx: Context, figs: list[FigureView], box: Box, path: tuple, block: Block) -> Arrangement:
    """Try the block's columns (or every count, for `columns: auto`), with details, then without."""
    counts = _counts(block, figs)
    tried: list[Arrangement] = []
    for details in (True, False):
        options = [_try(ctx, figs, box, path, n, details) for n in counts]
        fitting = [o for o in options if o.fits]
        if fitting:
            return max(fitting, key=lambda o: (o.scale, -o.columns))
        tried += options
    # Nothing fits: draw the arrangement that comes closest, and let each tile report its overflow.
    return min(tried, key=lambda o: (o.overflow, not o.details))


def _try(ctx: Context, figs: list[FigureView], box: Box, path: tuple, columns: int, details: bool) -> Arrangement:
    """The common scale at which every tile fits with this many columns.

    The common scale is the smallest tile's, so no tile is tried above the smallest found so
    far: each tile after the first is usually one setting, not a search, and the time grows
    linearly with the number of figures.
    """
    scale, fits, overflow = MAX_GROWTH, True, 0.0
    for fig, tile_box in zip(figs, _boxes(ctx, len(figs), box, columns)):
        paras = _paras(ctx, fig, path, details)
        inner = _inner(ctx, tile_box)
        result = fit(paras, inner.w, inner.h, floor_scale(paras), MAX_GROWTH, cap=scale)
        scale = min(scale, result.setting.scale)
        fits = fits and result.fits
        overflow = max(overflow, result.overflow)
    return Arrangement(columns, scale, details, fits, overflow)


def _report(ctx: Context, chosen: Arrangement, path: tuple) -> None:
    """Warn when the tiles had to shrink or lose their details to fit."""
    where = f"{'slide' if ctx.layout.spec.output == 'deck' else 'page'} {ctx.page_id!r}"
    style = ctx.style(None, "figure", path)
    if chosen.fits and not chosen.details:
        ctx.problems.warning(ctx.span(path), f"figure tiles on {where} leave out their detail lines to fit their boxes",
                             "enlarge the area, or show fewer figures")
    if chosen.fits and chosen.scale < 1.0:
        ctx.problems.warning(ctx.span(path), f"figure tiles on {where} were set at {style.size * chosen.scale:.1f} pt, "
                             f"below their preferred {style.size:.1f} pt, to fit their boxes",
                             "shorten labels and details, or enlarge the area")


def _boxes(ctx: Context, count: int, box: Box, columns: int) -> list[Box]:
    """Tile boxes filling `box` row by row; a last row with fewer tiles shares the whole width (no empty cell)."""
    gap = ctx.theme.spacing.get("gap", 12)
    rows = math.ceil(count / columns)
    h = (box.h - gap * (rows - 1)) / rows
    boxes = []
    for i in range(count):
        r, c = divmod(i, columns)
        across = min(columns, count - r * columns)  # tiles in this row
        w = (box.w - gap * (across - 1)) / across
        boxes.append(Box(box.x + c * (w + gap), box.y + r * (h + gap), w, h))
    return boxes


def _inner(ctx: Context, box: Box) -> Box:
    """The text box inside a tile, right of its accent bar."""
    bar = ctx.theme.spacing.get("tile_bar", 4)
    pad = ctx.theme.spacing.get("tile_padding", 12)
    return Box(box.x + bar + pad, box.y + pad, box.w - bar - 2 * pad, box.h - 2 * pad)


def _paras(ctx: Context, fig: FigureView, path: tuple, details: bool = True) -> list[Para]:
    """A tile's paragraphs: value (on one line), label, change and comparisons (marked if derived), detail."""
    paras = [Para(plain(fig.value.text), ctx.style(None, "figure", path), one_line=True),
             Para(plain(fig.label), ctx.style(None, "label", path))]
    for text, derived in fig.statements:  # the change, then any benchmark and target
        paras.append(Para(plain(_capital(text) + (" (derived)" if derived else "")), ctx.style(None, "change", path)))
    if fig.detail and details:
        paras.append(Para(plain(_capital(fig.detail)), ctx.style(None, "caption", path)))
    return paras


def _capital(text: str) -> str:
    """Text with its first letter in capitals."""
    return text[:1].upper() + text[1:]
