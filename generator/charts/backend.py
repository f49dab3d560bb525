"""A matplotlib backend that records drawing calls as a display list.

There is no rasteriser here (no Agg): the renderer turns each `draw_path` and
`draw_text` call into a JSON-ready op (see `displaylist`). Only `record.py`
imports this module, and only inside a function, so a cache hit never loads
matplotlib.

The figure is laid out at 72 dpi, so one matplotlib pixel is one PDF point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from matplotlib import ft2font
from matplotlib.backend_bases import FigureCanvasBase, GraphicsContextBase, RendererBase
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, get_font
from matplotlib.path import Path
from matplotlib.transforms import Bbox, Transform

from generator.charts.displaylist import DisplayList, Hatch, PathOp, Segment, TextOp

DPI = 72.0
PLACES = 3  # 0.001 pt: far below what anyone sees, and keeps the JSON small and stable
# reportlab draws glyphs by their advance widths with no kerning or ligatures,
# so measure the same way or centred labels drift by up to a couple of points.
_PLAIN_SHAPING = ("-kern", "-liga", "-clig", "-calt")
_BOLD_WEIGHTS = {"semibold", "demibold", "demi", "bold", "extra bold", "heavy", "black", "ultrabold"}


@dataclass(frozen=True)
class FontFiles:
    """The two TrueType files every chart text is measured and drawn with."""

    regular: str
    bold: str

    def for_props(self, prop: FontProperties) -> str:
        """The file the props name (if one of ours), else bold or regular by weight.

        Texts matplotlib creates itself (tick labels) carry no file name, so
        their weight decides; every chart text ends up in one of the two files.
        """
        named = prop.get_file()
        if named is not None and str(named) in (self.regular, self.bold):
            return str(named)
        weight = prop.get_weight()
        is_bold = weight >= 600 if isinstance(weight, int) else weight in _BOLD_WEIGHTS
        return self.bold if is_bold else self.regular


class RecordingRenderer(RendererBase):
    """Collects paths and text runs instead of painting pixels."""

    def __init__(self, width: float, height: float, fonts: FontFiles) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self.dpi = DPI  # some artists (images) read renderer.dpi
        self.fonts = fonts
        self.ops: DisplayList = []

    def flipy(self) -> bool:
        """y grows upwards, as in PDF."""
        return False

    def get_canvas_width_height(self) -> tuple[float, float]:
        """The chart box size in points."""
        return self.width, self.height

    def points_to_pixels(self, points: Any) -> Any:
        """Identity: at 72 dpi a pixel is a point."""
        return points

    def option_image_nocomposite(self) -> bool:
        """Never composite images: there are none to composite."""
        return True

    def draw_image(self, gc: GraphicsContextBase, x: float, y: float, im: Any, transform: Any = None) -> None:
        """Refuse raster content: charts must stay pure vector."""
        raise NotImplementedError("chart recording is vector-only; no images allowed")

    def get_text_width_height_descent(self, s: str, prop: FontProperties, ismath: Any) -> tuple[float, float, float]:
        """Measure `s` with the real TTF, unhinted and unkerned (as reportlab draws it)."""
        font = get_font(self.fonts.for_props(prop))
        font.clear()
        font.set_size(prop.get_size_in_points(), DPI)
        font.set_text(s, 0.0, flags=ft2font.LoadFlags.NO_HINTING, features=_PLAIN_SHAPING)
        width, height = font.get_width_height()
        return width / 64.0, height / 64.0, font.get_descent() / 64.0

    def draw_text(
        self,
        gc: GraphicsContextBase,
        x: float,
        y: float,
        s: str,
        prop: FontProperties,
        angle: float,
        ismath: Any = False,
        mtext: Any = None,
    ) -> None:
        """Record one line of text anchored on its baseline (see displaylist)."""
        if not s.strip():
            return
        width = self.get_text_width_height_descent(s, prop, ismath)[0]
        self.ops.append(text_op(gc, x, y, s, self.fonts.for_props(prop), prop, angle, width, _alignment(mtext)))

    def draw_path(self, gc: GraphicsContextBase, path: Path, transform: Transform, rgbFace: Any = None) -> None:
        """Record a path with its fill, stroke, hatch and (if it matters) clip."""
        op = path_op(gc, path, transform, rgbFace)
        if op is not None:
            self.ops.append(op)


class RecordingCanvas(FigureCanvasBase):
    """A canvas whose only output is the renderer's display list."""

    def __init__(self, figure: Figure, fonts: FontFiles) -> None:
        super().__init__(figure)
        width, height = figure.bbox.size
        self.renderer = RecordingRenderer(float(width), float(height), fonts)

    def get_renderer(self) -> RecordingRenderer:
        """The one renderer, also used by the layout engine to measure text."""
        return self.renderer

    def draw(self) -> None:
        """Lay out and draw the figure, replacing any earlier recording."""
        self.renderer.ops = []
        self.figure.draw(self.renderer)

    def record(self) -> DisplayList:
        """Draw and return the display list."""
        self.draw()
        return self.renderer.ops


def text_op(
    gc: GraphicsContextBase,
    x: float,
    y: float,
    s: str,
    font: str,
    prop: FontProperties,
    angle: float,
    width: float,
    align: str,
) -> TextOp:
    """Build a text op, moving the origin from the left end to the alignment anchor."""
    share = {"left": 0.0, "center": 0.5, "right": 1.0}[align]
    rad = math.radians(angle)
    colour, alpha = _colour(gc.get_rgb())
    return {
        "op": "text",
        "text": s,
        "font": font,
        "size": round(float(prop.get_size_in_points()), PLACES),
        "x": _r(x + math.cos(rad) * width * share),
        "y": _r(y + math.sin(rad) * width * share),
        "align": align,  # type: ignore[typeddict-item]
        "angle": _r(angle % 360.0),
        "colour": colour,
        "alpha": alpha,
    }


def path_op(gc: GraphicsContextBase, path: Path, transform: Transform, rgbFace: Any) -> PathOp | None:
    """Build a path op, or None when nothing would be visible."""
    fill, fill_alpha = _fill(gc, rgbFace)
    stroke, stroke_alpha = _colour(gc.get_rgb())
    if gc.get_linewidth() <= 0 or stroke_alpha <= 0:
        stroke = None
    hatch = _hatch(gc)
    if fill is None and stroke is None and hatch is None:
        return None
    segments, bounds = _segments(path, transform)
    clip = _clip(gc, bounds)
    if not segments or clip == "outside":
        return None
    offset, dashes = gc.get_dashes()
    return {
        "op": "path",
        "d": segments,
        "fill": fill,
        "fill_alpha": fill_alpha,
        "stroke": stroke,
        "stroke_alpha": stroke_alpha,
        "width": _r(gc.get_linewidth()),
        "dash": [_r(d) for d in dashes] if dashes is not None and len(dashes) else None,
        "dash_offset": _r(offset or 0.0),
        "cap": str(gc.get_capstyle()),
        "join": str(gc.get_joinstyle()),
        "hatch": hatch,
        "clip": clip if isinstance(clip, list) else None,
    }


def _segments(path: Path, transform: Transform) -> tuple[list[Segment], Bbox | None]:
    """Transformed segments (quadratics raised to cubics) and their bounds."""
    out: list[Segment] = []
    current = (0.0, 0.0)
    points: list[tuple[float, float]] = []
    for verts, code in path.iter_segments(transform, remove_nans=True, simplify=False, curves=True):
        xy = [float(v) for v in verts]
        if code == Path.CLOSEPOLY:
            out.append(["Z"])
            continue
        if code == Path.CURVE3:
            xy = _quad_to_cubic(current, xy)
        out.append([_LETTERS[code], *(_r(v) for v in xy)])
        points.extend(zip(xy[0::2], xy[1::2]))
        current = (xy[-2], xy[-1])
    return out, (Bbox.from_extents(*_extents(points)) if points else None)


_LETTERS = {Path.MOVETO: "M", Path.LINETO: "L", Path.CURVE3: "C", Path.CURVE4: "C"}


def _quad_to_cubic(start: tuple[float, float], xy: list[float]) -> list[float]:
    """Exact cubic form of a quadratic Bezier (PDF has no quadratic operator)."""
    (sx, sy), (qx, qy), (ex, ey) = start, (xy[0], xy[1]), (xy[2], xy[3])
    return [sx + 2 / 3 * (qx - sx), sy + 2 / 3 * (qy - sy), ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey), ex, ey]


def _extents(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 of a point list."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _clip(gc: GraphicsContextBase, bounds: Bbox | None) -> list[float] | str | None:
    """The clip rectangle only when it actually cuts the path; 'outside' if it hides it all.

    Dropping clips that change nothing keeps the PDF free of needless
    save/clip/restore groups. Clip *paths* (polar axes etc.) are not used by
    any chart kind here and are ignored.
    """
    rect = gc.get_clip_rectangle()
    if rect is None or bounds is None:
        return None
    tol = 0.01
    inside_x = bounds.x0 >= rect.x0 - tol and bounds.x1 <= rect.x1 + tol
    inside_y = bounds.y0 >= rect.y0 - tol and bounds.y1 <= rect.y1 + tol
    if inside_x and inside_y:
        return None
    if bounds.x0 > rect.x1 or bounds.x1 < rect.x0 or bounds.y0 > rect.y1 or bounds.y1 < rect.y0:
        return "outside"
    return [_r(rect.x0), _r(rect.y0), _r(rect.width), _r(rect.height)]


def _fill(gc: GraphicsContextBase, rgb_face: Any) -> tuple[str | None, float]:
    """Fill colour and alpha, honouring a forced alpha the way Agg does."""
    if rgb_face is None:
        return None, 0.0
    colour, alpha = _colour(rgb_face)
    if gc.get_forced_alpha():
        alpha = _r(gc.get_alpha())
    return (colour, alpha) if alpha > 0 else (None, 0.0)


def _hatch(gc: GraphicsContextBase) -> Hatch | None:
    """The hatch pattern, colour and line width, if the path is hatched."""
    pattern = gc.get_hatch()
    if not pattern:
        return None
    colour, alpha = _colour(gc.get_hatch_color())
    return {"pattern": pattern, "colour": colour, "alpha": alpha, "width": _r(gc.get_hatch_linewidth())}


def _colour(rgba: Any) -> tuple[str, float]:
    """("#RRGGBB", alpha) from a 3- or 4-tuple of floats."""
    values = [float(v) for v in rgba]
    alpha = values[3] if len(values) > 3 else 1.0
    return "#" + "".join(f"{round(v * 255):02X}" for v in values[:3]), _r(alpha)


def _alignment(mtext: Any) -> str:
    """How a line sits on its anchor: the line alignment matplotlib used."""
    if mtext is None:
        return "left"
    getter = getattr(mtext, "_get_multialignment", None)
    align = getter() if getter is not None else mtext.get_horizontalalignment()
    return align if align in ("left", "center", "right") else "left"


def _r(value: float) -> float:
    """Round to PLACES and normalise -0.0, so equal drawings give equal JSON."""
    rounded = round(float(value), PLACES)
    return 0.0 if rounded == 0 else rounded
