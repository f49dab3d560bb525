"""Draw a chart on a reportlab canvas by replaying its display list as vector ops.

Everything is native PDF: paths for shapes and real TrueType text (subset and
embedded by reportlab), so labels stay selectable and there are no images.
"""

from __future__ import annotations

import math

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from generator.charts.alt import describe
from generator.charts.cache import ChartCache
from generator.charts.displaylist import DisplayList, Hatch, PathOp, Segment, TextOp
from generator.charts.spec import ChartSpec

_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}
_ALIGN_SHARE = {"left": 0.0, "center": 0.5, "right": 1.0}
HATCH_DENSITY = 6.0  # matplotlib's hatch lines per inch per pattern character


def draw_chart(
    canvas: Canvas, spec: ChartSpec, x: float, y: float, width: float, height: float, cache: ChartCache | None
) -> None:
    """Draw `spec` in the box whose bottom-left corner is (x, y), size in points."""
    ops = (cache or ChartCache(None)).display_list(spec, width, height)
    canvas.saveState()
    canvas.translate(x, y)
    replay(canvas, ops)
    canvas.restoreState()


def replay(canvas: Canvas, ops: DisplayList) -> None:
    """Paint display-list ops in order; coordinates are relative to the current origin."""
    for op in ops:
        if op["op"] == "path":
            _path(canvas, op)  # type: ignore[arg-type]
        else:
            _text(canvas, op)  # type: ignore[arg-type]


def register_font(path: str) -> str:
    """Register a TTF with reportlab once (under a name of its own, see fonts.registered); return that name."""
    from generator.layout.fonts import registered

    return registered(path)


def alt_text(spec: ChartSpec) -> str:
    """The chart's alternative text: the author's, else a description generated from its data."""
    return spec.alt_text.strip() or describe(spec.kind, spec.title, spec.categories, spec.series)


def _path(canvas: Canvas, op: PathOp) -> None:
    """Fill, then hatch, then stroke one path (outline stays on top of hatching)."""
    isolated = bool(op["clip"]) or op["fill_alpha"] < 1 or op["stroke_alpha"] < 1 or bool(op["hatch"])
    if isolated:
        canvas.saveState()
    if op["clip"]:
        box = canvas.beginPath()
        box.rect(*op["clip"])
        canvas.clipPath(box, stroke=0, fill=0, fillMode=FILL_NON_ZERO)
    if op["fill"]:
        canvas.setFillColor(HexColor(op["fill"]))
        if op["fill_alpha"] < 1:
            canvas.setFillAlpha(op["fill_alpha"])
        canvas.drawPath(_build(canvas, op["d"]), stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    if op["hatch"]:
        _hatch(canvas, op["d"], op["hatch"])
    if op["stroke"]:
        _set_stroke(canvas, op)
        canvas.drawPath(_build(canvas, op["d"]), stroke=1, fill=0)
    if isolated:
        canvas.restoreState()


def _set_stroke(canvas: Canvas, op: PathOp) -> None:
    """Stroke colour, alpha, width, dashes, caps and joins for one path."""
    canvas.setStrokeColor(HexColor(op["stroke"]))
    if op["stroke_alpha"] < 1:
        canvas.setStrokeAlpha(op["stroke_alpha"])
    canvas.setLineWidth(op["width"])
    canvas.setDash(op["dash"] or [], op["dash_offset"] if op["dash"] else 0)
    canvas.setLineCap(_CAPS.get(op["cap"], 0))
    canvas.setLineJoin(_JOINS.get(op["join"], 0))


def _build(canvas: Canvas, segments: list[Segment]) -> PDFPathObject:
    """A reportlab path from display-list segments."""
    path = canvas.beginPath()
    for seg in segments:
        letter = seg[0]
        if letter == "M":
            path.moveTo(seg[1], seg[2])
        elif letter == "L":
            path.lineTo(seg[1], seg[2])
        elif letter == "C":
            path.curveTo(*seg[1:7])
        else:
            path.close()
    return path


def _hatch(canvas: Canvas, segments: list[Segment], hatch: Hatch) -> None:
    """Hatch lines clipped to the path, on the same page-anchored grid matplotlib uses."""
    canvas.saveState()
    canvas.clipPath(_build(canvas, segments), stroke=0, fill=0, fillMode=FILL_NON_ZERO)
    canvas.setStrokeColor(HexColor(hatch["colour"]))
    if hatch["alpha"] < 1:
        canvas.setStrokeAlpha(hatch["alpha"])
    canvas.setLineWidth(hatch["width"])
    canvas.setDash([], 0)
    canvas.setLineCap(0)
    lines = canvas.beginPath()
    for direction, count in _hatch_directions(hatch["pattern"]).items():
        _hatch_lines(lines, _bounds(segments), direction, 72.0 / (count * HATCH_DENSITY))
    canvas.drawPath(lines, stroke=1, fill=0)
    canvas.restoreState()


def _hatch_directions(pattern: str) -> dict[str, int]:
    """How many pattern characters ask for each line direction."""
    counts = {
        "/": pattern.count("/") + pattern.count("x") + pattern.count("X"),
        "\\": pattern.count("\\") + pattern.count("x") + pattern.count("X"),
        "-": pattern.count("-") + pattern.count("+"),
        "|": pattern.count("|") + pattern.count("+"),
    }
    return {d: c for d, c in counts.items() if c}


def _hatch_lines(path: PDFPathObject, box: tuple[float, float, float, float], direction: str, step: float) -> None:
    """Add evenly spaced lines in one direction across `box` (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    if direction in "-|":
        lo, hi = (y0, y1) if direction == "-" else (x0, x1)
        for i in range(math.floor(lo / step), math.ceil(hi / step) + 1):
            v = i * step
            path.moveTo(*((x0, v) if direction == "-" else (v, y0)))
            path.lineTo(*((x1, v) if direction == "-" else (v, y1)))
        return
    sign = 1.0 if direction == "/" else -1.0  # lines y = sign * x + c
    ends = (y0 - sign * x0, y0 - sign * x1, y1 - sign * x0, y1 - sign * x1)
    for i in range(math.floor(min(ends) / step), math.ceil(max(ends) / step) + 1):
        c = i * step
        path.moveTo(x0, sign * x0 + c)
        path.lineTo(x1, sign * x1 + c)


def _bounds(segments: list[Segment]) -> tuple[float, float, float, float]:
    """Bounding box of all points in the segments (control points included)."""
    xs = [v for seg in segments for v in seg[1::2]]
    ys = [v for seg in segments for v in seg[2::2]]
    return min(xs), min(ys), max(xs), max(ys)


def _text(canvas: Canvas, op: TextOp) -> None:
    """One line of real, selectable text placed on its alignment anchor."""
    name = register_font(op["font"])
    width = pdfmetrics.stringWidth(op["text"], name, op["size"])
    dx = -width * _ALIGN_SHARE.get(op["align"], 0.0)
    isolated = bool(op["angle"]) or op["alpha"] < 1
    if isolated:
        canvas.saveState()
    canvas.setFont(name, op["size"])
    canvas.setFillColor(HexColor(op["colour"]))
    if op["alpha"] < 1:
        canvas.setFillAlpha(op["alpha"])
    if op["angle"]:
        canvas.translate(op["x"], op["y"])
        canvas.rotate(op["angle"])
        canvas.drawString(dx, 0.0, op["text"])
    else:
        canvas.drawString(op["x"] + dx, op["y"], op["text"])
    if isolated:
        canvas.restoreState()
