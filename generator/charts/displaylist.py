"""The display list: a JSON-ready list of vector drawing ops for one chart box.

Coordinates are PDF points from the chart box's bottom-left corner, y up.
Colours are "#RRGGBB" with a separate alpha in 0..1.

Path op::

    {"op": "path",
     "d": [["M", x, y], ["L", x, y], ["C", x1, y1, x2, y2, x, y], ["Z"]],
     "fill": "#RRGGBB" | None, "fill_alpha": 1.0,
     "stroke": "#RRGGBB" | None, "stroke_alpha": 1.0,
     "width": 0.8, "dash": [on, off, ...] | None, "dash_offset": 0.0,
     "cap": "butt" | "round" | "projecting", "join": "miter" | "round" | "bevel",
     "hatch": {"pattern": "////", "colour": "#RRGGBB", "alpha": 1.0, "width": 0.6} | None,
     "clip": [x, y, w, h] | None}

Text op (one line of text on its baseline)::

    {"op": "text", "text": "297", "font": "path/to/Carlito-Bold.ttf", "size": 9.0,
     "x": 10.0, "y": 20.0, "align": "left" | "center" | "right", "angle": 0.0,
     "colour": "#RRGGBB", "alpha": 1.0}

For text, (x, y) is the anchor on the baseline: the left end, middle or right
end of the line according to `align`, before rotating by `angle` degrees
anticlockwise about that point. Anchoring by alignment (rather than by the
left end only) keeps centred labels centred even if the replaying library
measures a string a fraction of a point differently.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

# Bump when the recorder's output changes meaning, so old cache files are ignored.
FORMAT_VERSION = 1

Segment = list[Any]  # ["M", x, y] | ["L", x, y] | ["C", x1, y1, x2, y2, x, y] | ["Z"]


class Hatch(TypedDict):
    """Hatching drawn inside a path, clipped to it."""

    pattern: str
    colour: str
    alpha: float
    width: float


class PathOp(TypedDict):
    """A filled and/or stroked vector path."""

    op: Literal["path"]
    d: list[Segment]
    fill: str | None
    fill_alpha: float
    stroke: str | None
    stroke_alpha: float
    width: float
    dash: list[float] | None
    dash_offset: float
    cap: str
    join: str
    hatch: Hatch | None
    clip: list[float] | None


class TextOp(TypedDict):
    """One line of text in a TrueType font file."""

    op: Literal["text"]
    text: str
    font: str
    size: float
    x: float
    y: float
    align: Literal["left", "center", "right"]
    angle: float
    colour: str
    alpha: float


Op = PathOp | TextOp
DisplayList = list[Op]
