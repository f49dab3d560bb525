"""The one registry of chart kinds: what each kind is, for every stage that asks.

The data file, the layout file, the checks, both backends and the alt text all
read this table, so adding a kind means adding one row here (and teaching each
backend to draw it, which `tests/charts` checks kind by kind).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Kind:
    """What a chart kind is: its reader-facing name and its geometry."""

    name: str
    noun: str  # for alt text: "Column chart"
    horizontal: bool = False
    stacked: bool = False
    round: bool = False
    line: bool = False
    whole: bool = False  # parts of one whole: one row, each category a part (no value axis)
    compact: bool = False  # as tall as its content, not as its box: the layout gives it its natural height


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("column", "Column chart"),
    Kind("bar", "Bar chart", horizontal=True),
    Kind("stacked_column", "Stacked column chart", stacked=True),
    Kind("stacked_bar", "Stacked bar chart", horizontal=True, stacked=True),
    Kind("line", "Line chart", line=True),
    Kind("donut", "Donut chart", round=True, whole=True),
    Kind("pie", "Pie chart", round=True, whole=True),
    # A part of a whole as a proportion: one thin bar split into its parts, labelled directly.
    Kind("proportion", "Proportion bar", horizontal=True, whole=True, compact=True),
    # A small whole counted out: one square per unit (25 squares for 25 offenders), the parts in turn.
    Kind("waffle", "Waffle chart", whole=True, compact=True),
)}

ChartKind = Literal["column", "bar", "stacked_column", "stacked_bar", "line", "donut", "pie", "proportion", "waffle"]
ROUND_KINDS = tuple(k for k, v in KINDS.items() if v.round)
HORIZONTAL_KINDS = tuple(k for k, v in KINDS.items() if v.horizontal)
STACKED_KINDS = tuple(k for k, v in KINDS.items() if v.stacked)
WHOLE_KINDS = tuple(k for k, v in KINDS.items() if v.whole)
COMPACT_KINDS = tuple(k for k, v in KINDS.items() if v.compact)
AXIS_KINDS = tuple(k for k, v in KINDS.items() if not v.whole)  # drawn against a value axis
WAFFLE_MOST = 100  # units a waffle draws one square each for (10 x 10); a larger whole is a proportion bar

# The Literal spells the kinds out for type checkers and the JSON Schema; keep it the registry.
assert set(ChartKind.__args__) == set(KINDS), "ChartKind and KINDS disagree"  # type: ignore[attr-defined]
