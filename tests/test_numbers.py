"""One formatter for every number: units × locales, checked against Babel's own output.

The text a reader sees (tiles, tables, labels) and the Excel number format code
of a chart (workbook cells, data labels, value axis) come from the same locale
patterns; these tables check both against Babel and against each other.
"""

from __future__ import annotations

import re

import pytest
from babel.numbers import format_compact_decimal, format_currency, format_decimal, format_percent, get_currency_symbol

from generator.charts.numfmt import format_number
from generator.model.formatting import Formatter, places

LOCALES = ("en-GB", "en-US", "en-NZ", "en-AU", "en-IE", "de-DE", "fr-FR")
CURRENCIES = ("GBP", "NZD", "USD", "EUR")
COUNTS = (0, 7, 131, 5812, 11000, 1_234_567, 12.5)
PERCENTS = (0, 4, 74, 99, 100, -4)


def babel(locale: str) -> str:
    return locale.replace("-", "_")


def cldr_spaced(text: str) -> str:
    """Babel's currency output with CLDR's currencySpacing, which Babel leaves out ("NZD2.50" → "NZD 2.50")."""
    return re.sub(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z$£€])", "\u00a0", text)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("unit", ["count", "people"])
@pytest.mark.parametrize("value", COUNTS)
def test_counts_as_babel_writes_them(locale: str, unit: str, value: float) -> None:
    """A count or a number of people is Babel's decimal in the locale ("5,812", "5.812", "5 812")."""
    assert Formatter(locale).number(value, unit) == format_decimal(value, locale=babel(locale))


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("value", PERCENTS)
def test_percentages_as_babel_writes_them(locale: str, value: float) -> None:
    """A percent value is written as given: 74 is Babel's 74% ("74%", "74 %"), never 7400%."""
    assert Formatter(locale).number(value, "percent") == format_percent(value / 100, locale=babel(locale))


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("currency", CURRENCIES)
@pytest.mark.parametrize("value", [2.5, 1234.56, -4.25])
def test_money_with_pence_as_babel_writes_it(locale: str, currency: str, value: float) -> None:
    """Money with pence or cents is Babel's currency format in the locale, symbol placed as it places it."""
    expected = cldr_spaced(format_currency(value, currency, locale=babel(locale)))
    assert Formatter(locale).number(value, "money", currency) == expected


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("currency", CURRENCIES)
def test_whole_money_drops_the_zero_pence(locale: str, currency: str) -> None:
    """A whole amount is written without ".00" (as the release writes "2,600"), otherwise as Babel does."""
    loc = babel(locale)
    full = cldr_spaced(format_currency(2600, currency, locale=loc))
    decimal = format_decimal(0.5, locale=loc)[1]
    assert Formatter(locale).number(2600, "money", currency) == full.replace(decimal + "00", "")


@pytest.mark.parametrize(("locale", "text"), [
    ("en-GB", "NZ$979 million"),
    ("en-US", "NZ$979 million"),
    ("en-NZ", "$979 million"),  # at home the dollar needs no country
    ("en-AU", "NZD\u00a0979 million"),  # CLDR's en-AU writes other dollars by their code
    ("en-IE", "NZ$979 million"),
    ("de-DE", "979 Millionen\u00a0NZ$"),
    ("fr-FR", "979 millions\u00a0$NZ"),
])
def test_millions_of_money_in_words_with_the_locales_symbol(locale: str, text: str) -> None:
    """Large money is the locale's word for millions with its own symbol for the currency ("NZD979M" no more)."""
    written = Formatter(locale).number(979_000_000, "money", "NZD")
    assert written == text
    assert get_currency_symbol("NZD", babel(locale)) in written
    assert format_compact_decimal(979_000_000, format_type="long", locale=babel(locale)) in written


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(("unit", "currency", "values"), [
    ("count", None, [0, 7, 131, 5812, 412_000, -4]),
    ("people", None, [2600, 11000]),
    ("count", None, [4.5, 12]),
    ("percent", None, [0, 74, 99, 100, -4]),
    ("percent", None, [4.5, -0.5, 20]),
    *[("money", c, [0, 2600, 412_000, -25]) for c in CURRENCIES],
    *[("money", c, [2.5, 1234.56]) for c in CURRENCIES],
])
def test_chart_number_format_agrees_with_the_text(locale: str, unit: str, currency: str | None,
                                                   values: list[float]) -> None:
    """The Excel code a chart's workbook, labels and axis use shows each value as its label text does.

    (A whole value in a series that needs decimals shows "20.0%" by the code; the
    deck then writes its label as text, so only values of the series' precision are compared.)
    """
    fmt = Formatter(locale)
    decimals = places(values, unit)
    code = fmt.code(unit, currency, decimals)
    compared = [v for v in values if places([v], unit) == decimals]
    assert compared
    for value in compared:
        assert format_number(value, code, locale) == fmt.number(value, unit, currency), (code, value)


@pytest.mark.parametrize(("unit", "currency", "code"), [
    ("count", None, "#,##0"),
    ("percent", None, '#,##0"%"'),
    ("money", "GBP", '"£"#,##0'),
    ("money", "NZD", '"NZ$"#,##0'),
])
def test_codes_en_gb(unit: str, currency: str | None, code: str) -> None:
    """Percent codes write the sign as text: the value 74 is shown as 74%, not multiplied by 100."""
    assert Formatter("en-GB").code(unit, currency) == code


def test_codes_follow_the_locale() -> None:
    """The symbol goes where the locale puts it, with its spacing (no-break spaces, as CLDR writes them)."""
    assert Formatter("en-NZ").code("money", "NZD") == '"$"#,##0'
    assert Formatter("en-AU").code("money", "NZD") == '"NZD\u00a0"#,##0'
    assert Formatter("de-DE").code("money", "EUR", 2) == '#,##0.00"\u00a0€"'
    assert Formatter("fr-FR").code("percent", None, 1) == '#,##0.0"\u00a0%"'


def test_derived_values_round_as_their_text() -> None:
    """A derived value's number is rounded as "about N" shows it, so a workbook holds 275, not 275.189…"""
    fmt = Formatter("en-GB")
    assert (fmt.approximately(5812 / 12 / 1.76), fmt.rounded(5812 / 12 / 1.76)) == ("about 275", 275)
    assert (fmt.approximately(1_234_567), fmt.rounded(1_234_567)) == ("about 1.2 million", 1_200_000)
    assert fmt.approximately(2_250_000, "money", "NZD") == "about NZ$2.3 million"  # halves round up
    assert fmt.rounded(2_250_000, "money") == 2_300_000
