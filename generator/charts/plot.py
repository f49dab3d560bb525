"""Build the matplotlib figure for a spec: title, legend, caption and the chart body.

Bands for the title (top), legend and derived-value caption (bottom) are
measured and reserved first; matplotlib's constrained layout then fits the
axes, tick labels, axis titles and data labels into what is left.
"""

from __future__ import annotations

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import IdentityTransform

from generator.charts import style
from generator.charts.backend import DPI, FontFiles, RecordingCanvas
from generator.charts.plot_axes import FitCheck, draw_cartesian
from generator.charts.plot_parts import draw_parts
from generator.charts.plot_round import draw_round
from generator.charts.plot_text import Ctx, plain
from generator.charts.spec import ChartSpec

BAND_GAP = 6.0  # points between the title/legend/caption bands and the plot
SUBTITLE_GAP = 2.0  # points between the title and the published figures line under it
LAYOUT_PAD = 2.0  # points constrained layout keeps around the axes decorations
SIDE_LEGEND_SHARE = 0.35  # a left/right legend may take this share of the width

Bands = tuple[float, float, float, float]  # left, bottom, right, top in points


def build(spec: ChartSpec, width: float, height: float, fonts: FontFiles) -> RecordingCanvas:
    """A laid-out figure of `width` x `height` points on a recording canvas."""
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    fig.patch.set_visible(False)  # the page shows through the chart box
    canvas = RecordingCanvas(fig, fonts)
    ctx = Ctx(spec, width, height, fonts, canvas.renderer)
    if spec.kind in style.COMPACT_KINDS:
        # Parts of a whole are labelled directly: no legend and no axes, drawn from just under the title.
        title = _title(fig, ctx)
        _note(fig, ctx)
        draw_parts(fig, ctx, height - title)
        return canvas
    bands = _legend(fig, ctx, (0.0, _note(fig, ctx), 0.0, _title(fig, ctx)))
    ax = fig.add_subplot()
    checks: list[FitCheck] = []
    if spec.kind in style.ROUND_KINDS:
        draw_round(ax, ctx)
    else:
        checks = draw_cartesian(ax, ctx)
    pad = LAYOUT_PAD / DPI  # constrained layout pads in inches
    fig.set_layout_engine(ConstrainedLayoutEngine(rect=_rect(ctx, bands), w_pad=pad, h_pad=pad))
    _drop_overflowing(fig, ctx, checks)
    return canvas


def _title(fig: Figure, ctx: Ctx) -> float:
    """Bold title at the top-left, then the published figures line; returns the band height (0 without either)."""
    height = 0.0
    title = ctx.spec.title.strip()
    if title:
        height = _heading(fig, ctx, title, ctx.height, style.TITLE_SCALE, True)
    subtitle = (ctx.spec.subtitle or "").strip()
    if subtitle:
        top = ctx.height - height - (SUBTITLE_GAP if height else 0.0)
        height = ctx.height - top + _heading(fig, ctx, subtitle, top, 1.0, False)
    return height + BAND_GAP if height else 0.0


def _heading(fig: Figure, ctx: Ctx, words: str, top: float, scale: float, bold: bool) -> float:
    """Lines of words wrapped to the box, hanging from `top`; returns their height."""
    artist = fig.text(
        0.0,
        top,
        plain(ctx.wrap(words, ctx.width, scale, bold=bold)),
        transform=IdentityTransform(),
        ha="left",
        va="top",
        color=ctx.spec.text_colour,
        fontproperties=ctx.props(scale, bold=bold),
        linespacing=1.15,
    )
    return artist.get_window_extent(ctx.renderer).height


def _note(fig: Figure, ctx: Ctx) -> float:
    """Small caption at the bottom-left, after a swatch of the derived style."""
    note = (ctx.spec.derived_note or "").strip()
    if not note:
        return 0.0
    size = ctx.spec.font_size * style.NOTE_SCALE
    swatch = _derived_colour(ctx.spec)
    key_width = size * 2.0 if ctx.spec.kind == "line" else size
    indent = key_width + 4.0 if swatch else 0.0
    text = ctx.wrap(note, ctx.width - indent, style.NOTE_SCALE)
    artist = fig.text(
        indent,
        0.0,
        plain(text),
        transform=IdentityTransform(),
        ha="left",
        va="bottom",
        color=style.note_colour(ctx.spec),
        fontproperties=ctx.props(style.NOTE_SCALE),
        linespacing=1.15,
    )
    height = artist.get_window_extent(ctx.renderer).height
    if swatch:
        if ctx.spec.kind == "line":
            fig.add_artist(_line_key(swatch, height - size * 0.55, key_width))
        else:
            fig.add_artist(_swatch(swatch, height - size * 1.05, size))
    return height + BAND_GAP


def _derived_colour(spec: ChartSpec) -> str | None:
    """Base colour of the first derived point drawn, or None if nothing is derived."""
    for si, series in enumerate(style.chart_series(spec)):
        for ci, derived in enumerate(series.derived):
            if derived:
                return style.point_colour(spec, si, ci)
    return None


def _swatch(colour: str, y: float, size: float) -> Rectangle:
    """A small square in the derived style, so the caption explains itself."""
    from generator.charts.plot_axes import style_derived

    rect = Rectangle((0.5, y), size - 1.0, size - 1.0, transform=IdentityTransform())
    style_derived(rect, colour)
    return rect


def _line_key(colour: str, y: float, width: float) -> Line2D:
    """A short dashed line through a hollow marker: how a derived point is drawn."""
    return Line2D(
        [0.5, width / 2.0, width - 0.5],
        [y, y, y],
        transform=IdentityTransform(),
        color=colour,
        linewidth=style.LINE_WIDTH * 0.6,
        linestyle=(0, style.DERIVED_DASH),
        marker="o",
        markevery=[1],
        markersize=style.MARKER_SIZE * 0.8,
        markerfacecolor=style.WHITE,
        markeredgecolor=colour,
        markeredgewidth=1.2,
    )


def _legend(fig: Figure, ctx: Ctx, bands: Bands) -> Bands:
    """Place the legend per spec.legend inside the box; return the grown bands."""
    position = ctx.spec.legend
    if position == "none":
        return bands
    left, bottom, right, top = bands
    middle = (bottom + ctx.height - top) / 2.0
    anchors = {
        "top": ("upper left", (0.0, ctx.height - top)),
        "bottom": ("lower left", (0.0, bottom)),
        "left": ("center left", (0.0, middle)),
        "right": ("center right", (ctx.width, middle)),
    }
    loc, anchor = anchors[position]
    legend = _fitted_legend(fig, ctx, loc, anchor, position in ("top", "bottom"))
    box = legend.get_window_extent(ctx.renderer)
    grow = {
        "top": (0, 0, 0, box.height),
        "bottom": (0, box.height, 0, 0),
        "left": (box.width, 0, 0, 0),
        "right": (0, 0, box.width, 0),
    }
    dl, db, dr, dt = (d + BAND_GAP if d else 0.0 for d in grow[position])
    return left + dl, bottom + db, right + dr, top + dt


def _fitted_legend(fig: Figure, ctx: Ctx, loc: str, anchor: tuple[float, float], in_row: bool) -> Legend:
    """One row when it fits the box width, fewer columns otherwise."""
    entries = style.legend_entries(ctx.spec)
    limit = ctx.width if in_row else ctx.width * SIDE_LEGEND_SHARE
    labels = [plain(label if in_row else ctx.wrap(label, limit * 0.8)) for label, _, _ in entries]
    handles = [_handle(ctx, colour, derived) for _, colour, derived in entries]
    columns = len(entries) if in_row else 1
    while True:
        legend = fig.legend(
            handles,
            labels,
            loc=loc,
            bbox_to_anchor=anchor,
            bbox_transform=IdentityTransform(),
            ncols=columns,
            frameon=False,
            prop=ctx.props(),
            labelcolor=ctx.spec.text_colour,
            handlelength=2.0 if ctx.spec.kind == "line" else 0.9,
            handleheight=0.9,
            handletextpad=0.5,
            columnspacing=1.4,
            labelspacing=0.45,
            borderpad=0.0,
            borderaxespad=0.0,
        )
        if columns == 1 or legend.get_window_extent(ctx.renderer).width <= limit:
            return legend
        legend.remove()
        columns -= 1


def _handle(ctx: Ctx, colour: str, derived: bool) -> Artist:
    """Legend key styled as its marks: a line with a marker for line charts, a square otherwise.

    A derived key is drawn as derived marks are: a tint inside an outline, or a dashed line through a hollow marker.
    """
    if ctx.spec.kind == "line":
        return Line2D([], [], color=colour, linewidth=style.LINE_WIDTH, marker="o", markersize=style.MARKER_SIZE * 0.8,
                      linestyle=(0, style.DERIVED_DASH) if derived else "-",
                      markerfacecolor=style.WHITE if derived else colour, markeredgecolor=colour,
                      markeredgewidth=1.2 if derived else 0)
    key = Rectangle((0, 0), 1, 1, facecolor=colour, edgecolor="none")
    if derived:
        from generator.charts.plot_axes import style_derived

        style_derived(key, colour)
    return key


def _rect(ctx: Ctx, bands: Bands) -> tuple[float, float, float, float]:
    """The constrained-layout rectangle (figure fractions) left after the bands."""
    left, bottom, right, top = bands
    width = max(1.0, ctx.width - left - right)
    height = max(1.0, ctx.height - bottom - top)
    return left / ctx.width, bottom / ctx.height, width / ctx.width, height / ctx.height


def _drop_overflowing(fig: Figure, ctx: Ctx, checks: list[FitCheck]) -> None:
    """Remove stack-segment labels that would spill out of their segment."""
    if not checks:
        return
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)
    for label, rect in checks:
        text = label.get_window_extent(ctx.renderer)
        bar = rect.get_window_extent(ctx.renderer)
        if text.width > bar.width - 2.0 or text.height > bar.height:
            label.remove()
