"""Geometry of the charts that show the parts of one whole: a proportion bar and a waffle.

Pure arithmetic on a spec and a way to measure text, so the layout (which sizes
the chart's box to its content), the PDF plotter and the deck (which draws a
waffle as shapes) all place the same bar, squares and labels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from generator.charts import style
from generator.charts.spec import ChartSpec

# (text, scale of the spec's font size, bold) -> advance width in points
Measure = Callable[[str, float, bool], float]

BAR_SCALE = 1.6  # a proportion bar is this many font sizes thick: a line, not a block
SEAM = 1.0  # points of white between neighbouring parts of the bar
SQUARE_SCALE = 1.5  # a waffle square's least side, in font sizes
SQUARE_MOST = 1.8  # ... and its greatest: squares grow to fill the width up to this
SQUARE_GAP = 0.25  # the gap between squares, as a share of their side
ROW_UNITS = (10, 5)  # squares a row holds when the whole takes more than one row: counted in tens
LINE = 1.25  # label line height, in font sizes
GAP = 6.0  # points between the bar (or squares) and the labels, and between entries of a row
KEY_GAP = 4.0  # points between a key square and its words
TITLE_LINE = 1.15  # title line spacing (as plot.py sets it)
BAND_GAP = 6.0  # as plot.py: between the title or caption bands and the chart
SLACK = 4.0  # points added to a natural height: measured text never quite fills its estimate


@dataclass(frozen=True)
class Part:
    """One part of the whole: its index among the categories, value, label strings and colour."""

    index: int
    value: float
    label: str  # the value as shown, "10" or "15*"
    category: str
    derived: bool
    colour: str


@dataclass(frozen=True)
class Label:
    """One part's words, placed: its lines (the first is the bold value), left edge, top offset and key."""

    part: Part
    x: float
    top: float  # points below the top of the label block
    lines: tuple[str, ...]
    keyed: bool  # drawn after a key square (a list of entries), not under its own segment
    width: float  # the room its words take, key included


@dataclass(frozen=True)
class Grid:
    """A waffle's squares: `columns` to a row, `side` points each, `gap` apart."""

    columns: int
    rows: int
    side: float
    gap: float

    def origin(self, unit: int) -> tuple[float, float]:
        """(x, y below the top) of square `unit`, filling rows left to right, top to bottom."""
        row, column = divmod(unit, self.columns)
        return column * (self.side + self.gap), row * (self.side + self.gap)

    @property
    def height(self) -> float:
        """Height of the grid in points."""
        return self.rows * self.side + (self.rows - 1) * self.gap


def parts(spec: ChartSpec) -> list[Part]:
    """The whole's parts in order, with the colour each is drawn in."""
    drawn = style.chart_series(spec)
    if not drawn:
        return []
    row = drawn[0]
    return [Part(i, v, row.labels[i] if spec.data_labels else "", c, row.derived[i], style.point_colour(spec, 0, i))
            for i, (v, c) in enumerate(zip(row.values, spec.categories))]


def segments(spec: ChartSpec, width: float) -> list[tuple[Part, float, float]]:
    """(part, left, right) of each part with a share of the bar, in points from its left end."""
    shown = [p for p in parts(spec) if p.value > 0]
    total = sum(p.value for p in shown)
    out, left = [], 0.0
    for part in shown:
        right = left + width * part.value / total if total > 0 else left
        out.append((part, left, right))
        left = right
    return out


def grid(spec: ChartSpec, width: float) -> Grid:
    """One row of squares when the whole fits across, else rows of a round number of squares."""
    units = max(1, round(sum(p.value for p in parts(spec) if p.value > 0)))
    side = spec.font_size * SQUARE_SCALE
    fits = max(1, int((width + side * SQUARE_GAP) // (side * (1 + SQUARE_GAP))))
    columns = units if units <= fits else next((n for n in ROW_UNITS if n <= fits), fits)
    # Grow the squares to fill the width, within reason: a whole of 25 reads at a glance across a slide.
    side = max(side, min(spec.font_size * SQUARE_MOST, (width + side * SQUARE_GAP) / (columns * (1 + SQUARE_GAP))))
    return Grid(columns, math.ceil(units / columns), side, side * SQUARE_GAP)


def labels(spec: ChartSpec, width: float, measure: Measure, direct: bool) -> list[Label]:
    """Each part's words: under its own segment when `direct` and they fit there, else a keyed list."""
    if direct:
        placed = _under_segments(spec, width, measure)
        if placed is not None:
            return placed
    return _keyed(spec, width, measure)


def labels_height(spec: ChartSpec, placed: list[Label]) -> float:
    """Height of the label block in points."""
    line = spec.font_size * LINE
    return max((p.top + len(p.lines) * line for p in placed), default=0.0)


def content_height(spec: ChartSpec, width: float, measure: Measure) -> float:
    """Height of the bar or squares with their labels."""
    if spec.kind == "waffle":
        body = grid(spec, width).height
        placed = labels(spec, width, measure, direct=False)
    else:
        body = spec.font_size * BAR_SCALE
        placed = labels(spec, width, measure, direct=True)
    return body + (GAP + labels_height(spec, placed) if placed else 0.0)


def natural_height(spec: ChartSpec, width: float, measure: Measure) -> float:
    """The height a part-of-a-whole chart needs at `width`: title, subtitle, content and caption."""
    size = spec.font_size
    height = heading_height(spec, width, measure)
    note = (spec.derived_note or "").strip()
    if note:
        lines = wrap(note, width - size * 2, measure, style.NOTE_SCALE, False)
        height += len(lines) * size * style.NOTE_SCALE * TITLE_LINE * 1.2 + BAND_GAP
    return math.ceil(height + content_height(spec, width, measure) + SLACK)


def heading_height(spec: ChartSpec, width: float, measure: Measure) -> float:
    """Height of the title and the published figures line under it, with the gap below them (0 without either)."""
    size = spec.font_size
    title = wrap(spec.title.strip(), width, measure, style.TITLE_SCALE, True)
    subtitle = wrap((spec.subtitle or "").strip(), width, measure)
    height = len(title) * size * style.TITLE_SCALE * TITLE_LINE * 1.2 + len(subtitle) * size * TITLE_LINE * 1.2
    return height + BAND_GAP if height else 0.0


def wrap(text: str, width: float, measure: Measure, scale: float = 1.0, bold: bool = False) -> list[str]:
    """Greedy word wrap to `width` points; words are never split."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and measure(candidate, scale, bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def key_size(spec: ChartSpec) -> float:
    """Side of a key square, a touch smaller than a line of text."""
    return spec.font_size * 0.9


def _under_segments(spec: ChartSpec, width: float, measure: Measure) -> list[Label] | None:
    """Each label hanging under its segment, wrapped to the room before the next one; None when one cannot fit."""
    placed = segments(spec, width)
    out = []
    for i, (part, left, _right) in enumerate(placed):
        room = (placed[i + 1][1] if i + 1 < len(placed) else width) - left - (GAP if i + 1 < len(placed) else 0)
        words = part.category.split()
        if room <= 0 or any(measure(w, 1.0, False) > room for w in words) or measure(part.label, 1.0, True) > room:
            return None
        lines = ((part.label,) if part.label else ()) + tuple(wrap(part.category, room, measure))
        if len(lines) > 3:
            return None  # a tall thin column of words reads worse than a list
        out.append(Label(part, left, 0.0, lines, False, room))
    return out


def _keyed(spec: ChartSpec, width: float, measure: Measure) -> list[Label]:
    """Entries "■ 10 After appearing on ..." flowing left to right, each kept whole on its row."""
    indent = key_size(spec) + KEY_GAP
    line = spec.font_size * LINE
    out: list[Label] = []
    x, top, row_lines = 0.0, 0.0, 1
    for part in parts(spec):
        text = f"{part.label} {part.category}".strip()
        need = indent + measure(text, 1.0, False) + (measure(part.label, 1.0, True) - measure(part.label, 1.0, False))
        lines = (text,) if need <= width else tuple(wrap(text, width - indent, measure))
        if x > 0 and x + need > width:
            x, top, row_lines = 0.0, top + row_lines * line, 1
        out.append(Label(part, x, top, lines, True, min(need, width - x)))
        row_lines = max(row_lines, len(lines))
        x += min(need, width) + GAP * 2
    return out
