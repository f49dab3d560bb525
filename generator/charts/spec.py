"""The resolved chart spec that the layout stage hands to both backends."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Literal

from generator.charts.kinds import ChartKind

LegendPosition = Literal["none", "top", "bottom", "right", "left"]


@dataclass(frozen=True)
class ChartSeries:
    """One named series of values; `derived[i]` marks a value computed, not published."""

    name: str
    values: tuple[float, ...]
    labels: tuple[str, ...]  # each value formatted for display, e.g. "5,812" or "c. 99"
    derived: tuple[bool, ...]
    notes: tuple[str | None, ...] = ()  # how each derived value was computed (for the deck's workbook)


@dataclass(frozen=True)
class ChartReference:
    """A benchmark or target drawn across the chart: a dashed line at `value`, with its words."""

    value: float
    label: str  # "The national average (2016/17): 94.5%"


@dataclass(frozen=True)
class ChartFonts:
    """Font files (TrueType) and the family name the deck should name."""

    regular: str
    bold: str
    deck_family: str


@dataclass(frozen=True)
class ChartSpec:
    """Everything needed to draw one chart, decided before any backend runs.

    Colours are "#RRGGBB" strings; `palette[i]` colours series i (or category i
    for donut/pie and single-series charts with `colour_by_category`).
    """

    kind: ChartKind
    title: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    number_format: str  # Excel-style format code for the deck, e.g. '#,##0' or '#,##0"%"' (74 shown as 74%)
    palette: tuple[str, ...]
    text_colour: str
    grid_colour: str
    highlight: str | None = None  # a category drawn in the highlight colour
    highlight_colour: str | None = None
    muted_colour: str | None = None  # colour of non-highlighted categories when highlight is set
    data_labels: bool = True
    legend: LegendPosition = "none"
    x_title: str | None = None
    y_title: str | None = None
    colour_by_category: bool = False
    fonts: ChartFonts | None = None
    font_size: float = 9.0
    derived_note: str | None = None  # e.g. "* 2006/07 value derived from “three-fold” ..."
    alt_text: str = ""
    locale: str = "en-GB"  # the report's locale: separators of axis ticks drawn in the PDF
    max_ticks: int = 5  # fewer when long tick labels would collide along a horizontal value axis
    references: tuple[ChartReference, ...] = ()  # benchmark and target lines
    # The published figures its derived values come from, set under the title:
    # "5,812 reports received and activated, a 76% increase on the monthly average from 2006/07"
    subtitle: str | None = None

    def cache_key(self) -> str:
        """A stable hash of everything that affects the drawing."""
        payload = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()
