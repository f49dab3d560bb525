"""The value-axis scale, computed once so the PDF and the deck show the same ticks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from generator.charts import numfmt
from generator.charts.spec import ChartSpec
from generator.charts.style import STACKED_KINDS

MAX_TICKS = 5
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
    step = _nice_step((high - low) / MAX_TICKS, _min_step(spec.number_format))
    if high <= low:
        return Scale(0.0, step, step)
    return Scale(_snap(low, step, math.floor), _snap(high, step, math.ceil), step)


def _snap(value: float, step: float, direction: Callable[[float], int]) -> float:
    """Move `value` outwards to a multiple of `step` (tolerating float noise)."""
    nudge = -1e-9 if direction is math.ceil else 1e-9
    return round(direction(value / step + nudge) * step, 10)


def _extent(spec: ChartSpec) -> tuple[float, float]:
    """Lowest and highest value the axis must show, always including zero."""
    if spec.kind in STACKED_KINDS:
        columns = list(zip(*(s.values for s in spec.series))) or [()]
        highs = [sum(v for v in col if v > 0) for col in columns]
        lows = [sum(v for v in col if v < 0) for col in columns]
        return min([0.0, *lows]), max([0.0, *highs])
    values = [v for s in spec.series for v in s.values]
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
