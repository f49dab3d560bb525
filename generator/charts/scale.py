"""The value-axis scale, computed once so the PDF and the deck show the same ticks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from generator.charts import numfmt
from generator.charts.spec import ChartSpec
from generator.charts.style import STACKED_KINDS
from generator.model.numpattern import compact_short

MAX_TICKS = 5
NEGATIVE_LABEL_ROOM = 0.5  # share of a step left below the lowest negative bar for its label
COMPACT_TICKS_FROM = 1_000_000  # ticks from a million are abbreviated as the locale does ("$400M")
_NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


@dataclass(frozen=True)
class Scale:
    """Value axis from `low` to `high` with gridlines every `step`."""

    low: float
    high: float
    step: float

    def ticks(self) -> list[float]:
        """Tick values from low to high inclusive, free of float noise."""
        count = round((self.high - self.low) / self.step)
        return [round(self.low + i * self.step, 10) for i in range(count + 1)]


def value_scale(spec: ChartSpec) -> Scale:
    """A zero-based scale with 'nice' steps covering every drawn value."""
    low, high = _extent(spec)
    step = _nice_step((high - low) / max(1, spec.max_ticks), _min_step(spec.number_format))
    if high <= low:
        return Scale(0.0, step, step)
    floor = _snap(low, step, math.floor)
    if low < 0 and spec.data_labels and low - floor < step * NEGATIVE_LABEL_ROOM:
        floor -= step  # a label below the lowest bar needs room above the category names
    ceiling = _snap(high, step, math.ceil)
    # Values far below the smallest step the format shows snap to one line: keep one step of axis.
    return Scale(round(floor, 10), ceiling if ceiling > floor else round(floor + step, 10), step)


def tick_format(spec: ChartSpec, scale: Scale) -> str:
    """The number format of the value axis: the labels' code with as many decimals as the step needs.

    The PDF's ticks and the deck's axis both use it, so they show the same text;
    a step of 5 on a series with a 4.5% value gives "5%", not "5.0%".
    """
    code = spec.number_format
    if not code or code.lower() == "general":
        return code
    step = scale.step * (100 if numfmt.is_percent(code) else 1)
    largest = max(abs(scale.low), abs(scale.high))
    short = compact_short(spec.locale.replace("-", "_"), 10 ** int(math.log10(largest))) \
        if largest >= COMPACT_TICKS_FROM and not numfmt.is_percent(code) else None
    if short is not None:
        step /= 1000 ** short[0]
    places = next((p for p in range(7) if abs(round(step, p) - step) < 1e-9), 6)
    if places != numfmt.decimals(code):
        code = numfmt.with_decimals(code, places)
    return numfmt.scaled(code, *short) if short is not None else code


def _snap(value: float, step: float, direction: Callable[[float], int]) -> float:
    """Move `value` outwards to a multiple of `step` (tolerating float noise)."""
    nudge = -1e-9 if direction is math.ceil else 1e-9
    return round(direction(value / step + nudge) * step, 10)


def _extent(spec: ChartSpec) -> tuple[float, float]:
    """Lowest and highest value the axis must show, always including zero."""
    if spec.kind in STACKED_KINDS:
        columns = list(zip(*(s.values for s in spec.series))) or [()]
        highs = [sum(v for v in col if v > 0) for col in columns] + [r.value for r in spec.references]
        lows = [sum(v for v in col if v < 0) for col in columns] + [r.value for r in spec.references]
        return min([0.0, *lows]), max([0.0, *highs])
    values = [v for s in spec.series for v in s.values] + [r.value for r in spec.references]
    return min([0.0, *values]), max([0.0, *values])


def _min_step(number_format: str) -> float:
    """Smallest step whose ticks the number format can still tell apart."""
    places = numfmt.decimals(number_format)
    if numfmt.is_percent(number_format):
        places += 2
    return 10.0 ** -places


def _nice_step(raw: float, minimum: float) -> float:
    """Round `raw` up to 1, 2, 2.5 or 5 times a power of ten, at least `minimum`."""
    if raw <= 0:
        return max(minimum, 1.0)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in _NICE_STEPS:
        step = factor * magnitude
        if step >= raw - 1e-12 and step >= minimum - 1e-12:
            # 2.5 steps need one more decimal than the format may show.
            if factor == 2.5 and step < minimum * 10:
                continue
            return round(step, 12)
    return max(minimum, 10.0 * magnitude)
