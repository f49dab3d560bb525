"""Donut and pie charts: clockwise from twelve o'clock, as PowerPoint draws them."""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.patches import Wedge

from generator.charts import style
from generator.charts.plot_axes import style_derived
from generator.charts.plot_text import Ctx, plain

LABEL_RADIUS = 1.08  # labels sit just outside the ring
SIDE = 0.2  # |cos| below this counts as the top or bottom of the circle


def draw_round(ax: Axes, ctx: Ctx) -> None:
    """One ring (the first series) of wedges with labels outside."""
    ax.set_xlim(-1.0, 1.0)
    ax.set_ylim(-1.0, 1.0)
    ax.set_aspect("equal")
    ax.set_axis_off()
    drawn = style.chart_series(ctx.spec)
    values = drawn[0].values if drawn else ()
    total = sum(v for v in values if v > 0)
    start = 0.0
    for ci, value in enumerate(values):
        if value <= 0 or total <= 0:
            continue  # a pie cannot show zero or negative shares
        share = value / total
        theta1, theta2 = 90.0 - 360.0 * (start + share), 90.0 - 360.0 * start
        _wedge(ax, ctx, ci, theta1, theta2)
        if ctx.spec.data_labels:
            _labels(ax, ctx, ci, (theta1 + theta2) / 2.0)
        start += share


def _wedge(ax: Axes, ctx: Ctx, ci: int, theta1: float, theta2: float) -> None:
    """One slice: white seams between slices; a derived slice a light tint inside an outline of its colour."""
    colour = style.point_colour(ctx.spec, 0, ci)
    ring = 1.0 - style.DONUT_HOLE if ctx.spec.kind == "donut" else None
    wedge = Wedge((0.0, 0.0), 1.0, theta1, theta2, width=ring)
    # Unclipped: the white seams may overhang the axes edge by half their width.
    wedge.set(edgecolor=style.SLICE_EDGE, linewidth=style.SLICE_EDGE_WIDTH, joinstyle="round", clip_on=False)
    if ctx.spec.series[0].derived[ci]:
        style_derived(wedge, colour)
    else:
        wedge.set(facecolor=colour)
    ax.add_patch(wedge)


def _labels(ax: Axes, ctx: Ctx, ci: int, angle: float) -> None:
    """Value in bold with the category under it (category only when there is no legend)."""
    spec = ctx.spec
    x, y = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    ha = "center" if abs(x) < SIDE else ("left" if x > 0 else "right")
    with_category = spec.legend == "none"
    line = spec.font_size * 1.2
    # Side labels centre their block on the anchor; top/bottom ones sit clear of the ring.
    shift = 0.0 if abs(x) >= SIDE else (line if y > 0 else -line)
    if not with_category:
        shift /= 2.0
    anchor = (LABEL_RADIUS * x, LABEL_RADIUS * y)
    value_va = "bottom" if with_category else "center"
    _text(ax, ctx, spec.series[0].labels[ci], anchor, shift, ha, value_va, bold=True)
    if with_category:
        _text(ax, ctx, spec.categories[ci], anchor, shift, ha, "top", bold=False)


def _text(
    ax: Axes, ctx: Ctx, text: str, anchor: tuple[float, float], shift: float, ha: str, va: str, bold: bool
) -> None:
    """One label line, nudged vertically by `shift` points."""
    ax.annotate(
        plain(text),
        xy=anchor,
        xytext=(0.0, shift),
        textcoords="offset points",
        ha=ha,
        va=va,
        color=ctx.spec.text_colour,
        fontproperties=ctx.props(style.ROUND_VALUE_SCALE if bold else 1.0, bold),
        annotation_clip=False,
    )
