"""Alt text, number formats and the shared value scale."""

from __future__ import annotations

import pytest

from generator.charts.alt import describe
from generator.charts.numfmt import format_number
from generator.charts.scale import value_scale

from .conftest import sample_spec, series


def test_describe_single_series_example() -> None:
    text = describe(
        "column",
        "2007/08 outcomes",
        ("arrests", "children safeguarded", "offenders located"),
        (series("2007/08", [297, 131, 25], ["297", "131", "25"]),),
    )
    assert text == "Column chart of 2007/08 outcomes: 297 arrests, 131 children safeguarded, 25 offenders located."


def test_describe_marks_derived_and_uses_labels() -> None:
    text = describe("bar", "Arrests", ("2006/07", "2007/08"), (series("Arrests", [99, 297], ["c. 99", "297"], [True, False]),))
    assert text == "Bar chart of Arrests: 2006/07: c. 99 (derived), 2007/08: 297."


def test_describe_several_series_and_no_title() -> None:
    text = describe(
        "stacked_column",
        "",
        ("Q1", "Q2"),
        (series("Public", [1, 2], ["1", "2"]), series("Police", [3, 4], ["3", "4"])),
    )
    assert text == "Stacked column chart. Public: 1 Q1, 2 Q2; Police: 3 Q1, 4 Q2."


@pytest.mark.parametrize(
    "value,code,expected",
    [
        (5812, "#,##0", "5,812"),
        (0.25, "0%", "25%"),
        (0.125, "0.0%", "12.5%"),
        (2.5, "0", "3"),
        (-3, "#,##0", "-3"),
        (-3, "#,##0;(#,##0)", "(3)"),
        (1234.5, '"£"#,##0.00', "£1,234.50"),
        (1700000, '#,##0.0,,"m"', "1.7m"),
        (12, "General", "12"),
    ],
)
def test_number_formats(value: float, code: str, expected: str) -> None:
    assert format_number(value, code) == expected


def test_scale_is_zero_based_and_nice() -> None:
    scale = value_scale(sample_spec("column"))
    assert (scale.low, scale.high, scale.step) == (0.0, 300.0, 100.0)
    stacked = value_scale(sample_spec("stacked_column"))
    assert stacked.high >= 297 + 150 and stacked.ticks()[0] == 0.0
    percent = value_scale(sample_spec("column", number_format="0%", series=(series("s", [0.1, 0.42], ["10%", "42%"]),)))
    assert percent.high == pytest.approx(0.5) and percent.step == pytest.approx(0.1)
