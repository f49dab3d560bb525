"""The parts of one whole drawn on the figure: a thin proportion bar, or a waffle of one square per unit.

No axes and no legend: the parts are labelled directly (under their segment when
the words fit there, else as a list whose keys are drawn like the parts).
Geometry comes from `parts.py`, which the layout and the deck share.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.transforms import IdentityTransform

from generator.charts import parts, style
from generator.charts.plot_axes import style_derived
from generator.charts.plot_text import Ctx, plain


def draw_parts(fig: Figure, ctx: Ctx, top: float) -> None:
    """Draw the bar or squares from `top` (points above the bottom of the box) down, then the labels."""
    measure = _measure(ctx)
    if ctx.spec.kind == "waffle":
        squares = parts.grid(ctx.spec, ctx.width)
        _squares(fig, ctx, squares, top)
        body, direct = squares.height, False
    else:
        body, direct = ctx.spec.font_size * parts.BAR_SCALE, True
        _bar(fig, ctx, top - body, body)
    placed = parts.labels(ctx.spec, ctx.width, measure, direct)
    for label in placed:
        _label(fig, ctx, label, top - body - parts.GAP)


def _measure(ctx: Ctx) -> parts.Measure:
    """The plotter's own text measure (the same font files as the layout's)."""
    return lambda text, scale, bold: ctx.measure(plain(text), scale, bold)


def _bar(fig: Figure, ctx: Ctx, bottom: float, height: float) -> None:
    """One bar, split into its parts left to right, with white seams between them."""
    placed = parts.segments(ctx.spec, ctx.width)
    for i, (part, left, right) in enumerate(placed):
        seam = parts.SEAM / 2.0
        x0 = left + (seam if i > 0 else 0.0)
        x1 = right - (seam if i + 1 < len(placed) else 0.0)
        fig.add_artist(_box(x0, bottom, max(0.0, x1 - x0), height, part))


def _squares(fig: Figure, ctx: Ctx, squares: parts.Grid, top: float) -> None:
    """One square per unit, the parts in turn, filling rows left to right."""
    unit = 0
    for part in parts.parts(ctx.spec):
        for _ in range(max(0, round(part.value))):
            x, down = squares.origin(unit)
            fig.add_artist(_box(x, top - down - squares.side, squares.side, squares.side, part))
            unit += 1


def _box(x: float, y: float, width: float, height: float, part: parts.Part) -> Rectangle:
    """A rectangle in points, drawn as its part is: solid, or derived (a tint inside an outline)."""
    rect = Rectangle((x, y), width, height, transform=IdentityTransform())
    if part.derived:
        # Inset by half the outline so the outline lies inside the part's own extent.
        inset = style.DERIVED_OUTLINE_WIDTH / 2.0
        rect.set_bounds(x + inset, y + inset, max(0.0, width - 2 * inset), max(0.0, height - 2 * inset))
        style_derived(rect, part.colour)
    else:
        rect.set(facecolor=part.colour, edgecolor="none", linewidth=0)
    return rect


def _label(fig: Figure, ctx: Ctx, label: parts.Label, top: float) -> None:
    """A part's words: its value in bold, then its category; after a key square in a list."""
    size = ctx.spec.font_size
    line = size * parts.LINE
    x = label.x
    y = top - label.top
    if label.keyed:
        key = parts.key_size(ctx.spec)
        fig.add_artist(_box(x, y - (line + key) / 2.0, key, key, label.part))
        x += key + parts.KEY_GAP
    value = label.part.label
    for n, text in enumerate(label.lines):
        baseline = y - n * line - size * 0.95
        if n == 0 and value and text.startswith(value):
            _text(fig, ctx, x, baseline, value, bold=True)
            rest = text[len(value):]
            if rest.strip():
                _text(fig, ctx, x + ctx.measure(plain(value), 1.0, True), baseline, rest, bold=False)
        else:
            _text(fig, ctx, x, baseline, text, bold=False)


def _text(fig: Figure, ctx: Ctx, x: float, baseline: float, text: str, bold: bool) -> None:
    """One run of label text, left-aligned on its baseline."""
    fig.text(x, baseline, plain(text), transform=IdentityTransform(), ha="left", va="baseline",
             color=ctx.spec.text_colour, fontproperties=ctx.props(bold=bold))
