"""Column, bar, stacked and line charts on a matplotlib Axes."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Annotation

from generator.charts import style
from generator.charts.numfmt import format_number
from generator.charts.plot_text import Ctx, plain
from generator.charts.scale import Scale, tick_format, value_scale

LABEL_GAP = 3.0  # points between a bar's end and its label
CATEGORY_SHARE = 0.92  # a wrapped category label may use this much of its slot
PLOT_SHARE = 0.8  # rough share of the chart box the plot takes, for spacing reference labels

FitCheck = tuple[Annotation, Rectangle]


def draw_cartesian(ax: Axes, ctx: Ctx) -> list[FitCheck]:
    """Draw the data and style the axes; return labels that must fit in their bars."""
    if ctx.spec.kind == "line":
        _draw_lines(ax, ctx)
        checks: list[FitCheck] = []
    else:
        checks = _draw_bars(ax, ctx)
    _style_axes(ax, ctx, value_scale(ctx.spec))
    _references(ax, ctx)
    return checks


def _draw_bars(ax: Axes, ctx: Ctx) -> list[FitCheck]:
    """All bars, series by series, with their data labels."""
    spec = ctx.spec
    stacked = spec.kind in style.STACKED_KINDS
    count = len(spec.series)
    width = 1.0 / (1.0 + style.GAP_WIDTH) if stacked else 1.0 / (count + style.GAP_WIDTH)
    ends = {True: [0.0] * len(spec.categories), False: [0.0] * len(spec.categories)}
    checks: list[FitCheck] = []
    for si, series in enumerate(spec.series):
        offset = 0.0 if stacked else (si - (count - 1) / 2.0) * width
        for ci, value in enumerate(series.values):
            base = ends[value >= 0][ci] if stacked else 0.0
            bar = _bar(ax, ctx, si, ci, ci + offset, base, value, width)
            if stacked:
                ends[value >= 0][ci] = base + value
            label = _bar_label(ax, ctx, bar, series.labels[ci], value, stacked)
            if label is not None and stacked:
                checks.append((label, bar))
    return checks


def _bar(ax: Axes, ctx: Ctx, si: int, ci: int, centre: float, base: float, value: float, width: float) -> Rectangle:
    """One bar (or stack segment), styled as published or derived."""
    horizontal = ctx.spec.kind in style.HORIZONTAL_KINDS
    if horizontal:
        rect = Rectangle((base, centre - width / 2.0), value, width)
    else:
        rect = Rectangle((centre - width / 2.0, base), width, value)
    colour = style.point_colour(ctx.spec, si, ci)
    if ctx.spec.series[si].derived[ci]:
        style_derived(rect, colour)
    elif ctx.spec.kind in style.STACKED_KINDS:
        # Thin white seams keep adjacent stack segments apart.
        rect.set(facecolor=colour, edgecolor=style.WHITE, linewidth=0.75)
    else:
        rect.set(facecolor=colour, edgecolor="none", linewidth=0)
    ax.add_patch(rect)
    return rect


def style_derived(patch: Patch, colour: str) -> None:
    """A light tint inside a thin outline of the full colour: a derived value reads as such, quietly."""
    patch.set(facecolor=style.derived_fill(colour), edgecolor=colour, linewidth=style.DERIVED_OUTLINE_WIDTH,
              linestyle="-", joinstyle="miter")


def _bar_label(ax: Axes, ctx: Ctx, rect: Rectangle, text: str, value: float, stacked: bool) -> Annotation | None:
    """The series' own label string at the bar end, or centred in a stack segment."""
    if not ctx.spec.data_labels or not text:
        return None
    horizontal = ctx.spec.kind in style.HORIZONTAL_KINDS
    x, y = rect.get_x(), rect.get_y()
    w, h = rect.get_width(), rect.get_height()
    if stacked:
        fill = rect.get_facecolor()
        colour = style.text_on(_hex(fill), ctx.spec.text_colour)
        return _label(ax, ctx, text, (x + w / 2, y + h / 2), (0, 0), "center", "center", colour)
    sign = 1.0 if value >= 0 else -1.0
    if horizontal:
        ha = "left" if sign > 0 else "right"
        return _label(ax, ctx, text, (x + w, y + h / 2), (sign * LABEL_GAP, 0), ha, "center", ctx.spec.text_colour)
    va = "bottom" if sign > 0 else "top"
    return _label(ax, ctx, text, (x + w / 2, y + h), (0, sign * LABEL_GAP), "center", va, ctx.spec.text_colour)


def _label(
    ax: Axes,
    ctx: Ctx,
    text: str,
    xy: tuple[float, float],
    offset: tuple[float, float],
    ha: str,
    va: str,
    colour: str,
) -> Annotation:
    """A bold data label, offset in points from a data point."""
    return ax.annotate(
        plain(text),
        xy=xy,
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        color=colour,
        fontproperties=ctx.props(bold=True),
        annotation_clip=False,
        zorder=5,
    )


def _draw_lines(ax: Axes, ctx: Ctx) -> None:
    """Each series as a line with markers; segments touching a derived value are dashed."""
    spec = ctx.spec
    for si, series in enumerate(spec.series):
        colour = style.line_colour(spec, si)
        for ci in range(len(series.values) - 1):
            dashed = series.derived[ci] or series.derived[ci + 1]
            ax.plot(
                [ci, ci + 1],
                series.values[ci : ci + 2],
                color=colour,
                linewidth=style.LINE_WIDTH,
                linestyle=(0, style.DERIVED_DASH) if dashed else "-",
                solid_capstyle="round",
                zorder=3,
            )
        for ci, value in enumerate(series.values):
            _marker(ax, ctx, si, ci, value)


def _marker(ax: Axes, ctx: Ctx, si: int, ci: int, value: float) -> None:
    """A filled marker (hollow when derived) and its label above it."""
    series = ctx.spec.series[si]
    colour = style.point_colour(ctx.spec, si, ci)
    derived = series.derived[ci]
    ax.plot(
        [ci],
        [value],
        marker="o",
        markersize=style.MARKER_SIZE,
        markerfacecolor=style.WHITE if derived else colour,
        markeredgecolor=colour if derived else style.WHITE,
        markeredgewidth=1.4 if derived else 1.0,
        linestyle="none",
        zorder=4,
    )
    if ctx.spec.data_labels and series.labels[ci]:
        below = style.line_label_below(ctx.spec, si, ci)
        offset = (0.0, -style.MARKER_SIZE if below else style.MARKER_SIZE)
        va = "top" if below else "bottom"
        _label(ax, ctx, series.labels[ci], (ci, value), offset, "center", va, ctx.spec.text_colour)


def _style_axes(ax: Axes, ctx: Ctx, scale: Scale) -> None:
    """Light value gridlines behind the data, a zero baseline, no box, themed ticks."""
    spec = ctx.spec
    horizontal = spec.kind in style.HORIZONTAL_KINDS
    value_axis, category_axis = (ax.xaxis, ax.yaxis) if horizontal else (ax.yaxis, ax.xaxis)
    ticks, code = scale.ticks(), tick_format(spec, scale)
    value_axis.set_ticks(ticks, labels=[plain(format_number(t, code, spec.locale)) for t in ticks])
    category_axis.set_ticks(range(len(spec.categories)), labels=_category_labels(ctx, horizontal))
    last = len(spec.categories) - 0.5
    if horizontal:
        ax.set_xlim(scale.low, scale.high)
        ax.set_ylim(last, -0.5)  # first category at the top, as it reads
        ax.axvline(0.0, color=style.axis_colour(spec), linewidth=style.AXIS_WIDTH, zorder=2.5)
    else:
        ax.set_ylim(scale.low, scale.high)
        ax.set_xlim(-0.5, last)
        ax.axhline(0.0, color=style.axis_colour(spec), linewidth=style.AXIS_WIDTH, zorder=2.5)
    ax.grid(True, axis="x" if horizontal else "y", color=spec.grid_colour, linewidth=style.GRID_WIDTH)
    ax.set_axisbelow(True)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0, pad=5, labelsize=spec.font_size, labelcolor=spec.text_colour)
    ax.patch.set_visible(False)
    _axis_titles(ax, ctx, horizontal)


def _references(ax: Axes, ctx: Ctx) -> None:
    """Each benchmark or target as a dashed line across the plot, its words at the far end on a white ground.

    When two lines are closer than a line of text, the lower one's words go below it.
    """
    spec = ctx.spec
    horizontal = spec.kind in style.HORIZONTAL_KINDS
    scale = value_scale(spec)
    per_point = (scale.high - scale.low) / max(1.0, (ctx.width if horizontal else ctx.height) * PLOT_SHARE)
    ordered = sorted(spec.references, key=lambda r: r.value)
    for i, ref in enumerate(ordered):
        crowded = i + 1 < len(ordered) and ordered[i + 1].value - ref.value < spec.font_size * 1.6 * per_point
        line = dict(color=spec.text_colour, linewidth=style.REFERENCE_WIDTH, linestyle=(0, style.REFERENCE_DASH),
                    zorder=4.5)
        text = dict(color=spec.text_colour, fontproperties=ctx.props(), zorder=6, annotation_clip=False,
                    bbox=dict(facecolor=style.WHITE, edgecolor="none", pad=1.0))
        if horizontal:
            ax.axvline(ref.value, **line)
            ax.annotate(plain(ref.label), xy=(ref.value, 1), xycoords=("data", "axes fraction"),
                        xytext=(LABEL_GAP, -LABEL_GAP - (spec.font_size * 1.6 if crowded else 0)),
                        textcoords="offset points", ha="left", va="top", **text)
        else:
            ax.axhline(ref.value, **line)
            ax.annotate(plain(ref.label), xy=(1, ref.value), xycoords=("axes fraction", "data"),
                        xytext=(0, -LABEL_GAP if crowded else LABEL_GAP), textcoords="offset points", ha="right",
                        va="top" if crowded else "bottom", **text)


def _category_labels(ctx: Ctx, horizontal: bool) -> list[str]:
    """Category names wrapped to their slot so neighbours never collide."""
    spec = ctx.spec
    if horizontal:
        limit = ctx.width * style.BAR_LABEL_SHARE
    else:
        limit = ctx.width * CATEGORY_SHARE / max(1, len(spec.categories)) - 4.0
    return [plain(ctx.wrap(c, limit)) for c in spec.categories]


def _axis_titles(ax: Axes, ctx: Ctx, horizontal: bool) -> None:
    """x_title names the category axis and y_title the value axis, whichever way they run."""
    spec = ctx.spec
    category_title, value_title = spec.x_title, spec.y_title
    x_title, y_title = (value_title, category_title) if horizontal else (category_title, value_title)
    props = ctx.props()
    if x_title:
        ax.set_xlabel(plain(x_title), fontproperties=props, color=spec.text_colour, labelpad=6)
    if y_title:
        ax.set_ylabel(plain(y_title), fontproperties=props, color=spec.text_colour, labelpad=6)


def _hex(rgba: tuple[float, ...]) -> str:
    """Matplotlib RGBA floats to "#RRGGBB"."""
    return "#" + "".join(f"{round(v * 255):02X}" for v in rgba[:3])
