"""Natural heights: how tall a block is at its preferred size, for a grid's `auto` rows."""

from __future__ import annotations

from dataclasses import replace

from generator.diagnostics import Collector
from generator.layout.context import Context, lines_height
from generator.layout.frame import Box, TextItem
from generator.layoutfile.spec import Block

# Kinds whose height follows from their words; others (charts, images, rules) have none of their own.
MEASURED = ("heading", "text", "section", "quote", "list", "sources", "figures", "contents")
_TALL = 100_000.0


def natural_height(ctx: Context, block: Block, width: float, path: tuple) -> float | None:
    """The height `block` needs at `width`, at its preferred size; None for a kind that has no natural height.

    The block is built into a very tall box, with its diagnostics discarded (building
    it for real reports them), and its text measured from the top.
    """
    if block.type not in MEASURED:
        return None
    quiet = replace(ctx, problems=Collector())
    pad = block.padding
    if block.type == "figures":
        from generator.layout.blocks import figure_list
        from generator.layout.tiles import tiles_height

        return tiles_height(quiet, figure_list(quiet, block, path, quiet=True), width - 2 * pad, path, block) + 2 * pad
    from generator.layout.blocks import build_block

    top = block.model_copy(update={"valign": "top"})
    items = build_block(quiet, top, Box(0.0, 0.0, width, _TALL), path)
    bottoms = [i.box.y + lines_height(i.lines) for i in items if isinstance(i, TextItem) and i.lines]
    return max(bottoms, default=0.0) + pad
