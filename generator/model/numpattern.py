"""How a locale writes a number: digits, separators, percent sign and currency symbol (CLDR, through Babel).

One description serves both the text a reader sees ("NZ$2,600", "74 %") and
the Excel number format code a chart's workbook and axes use ('"NZ$"#,##0',
'#,##0" %"'), so the two cannot drift apart. Percent values are written as
the data file gives them (74 means 74%), so a percent sign is a literal in
the code, never Excel's multiply-by-100 "%".
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import get_currency_symbol, parse_pattern

NBSP = "\u00a0"
NUMBERING = "latn"  # Western digits: the ones Excel codes and the theme's fonts have


def round_half_up(value: float, places: int) -> float:
    """`value` rounded to `places` decimals, halves away from zero (as Excel and readers round)."""
    return float(_quantize(value, places))


def _quantize(value: float, places: int) -> Decimal:
    """The exact decimal of `value`'s shortest repr, rounded half up (so 2.25 gives 2.3, not 2.2)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Symbols:
    """A locale's decimal and group separators, minus sign and digit grouping."""

    decimal: str
    group: str
    minus: str
    grouping: tuple[int, int]  # (3, 3) for 1,234,567; (3, 2) for 12,34,567

    def digits(self, value: float, places_min: int, places_max: int, grouped: bool = True) -> str:
        """A non-negative number with these separators, rounded half up as Excel and readers do."""
        whole, _, frac = f"{_quantize(value, places_max):f}".partition(".")
        frac = frac.rstrip("0").ljust(places_min, "0")
        if grouped:
            whole = self.group_digits(whole)
        return whole + (self.decimal + frac if frac else "")

    def group_digits(self, whole: str) -> str:
        """A run of digits grouped from the right: a first group of `grouping[0]`, then of `grouping[1]`."""
        primary, secondary = self.grouping
        if len(whole) <= primary:
            return whole
        head, groups = whole[:-primary], [whole[-primary:]]
        while len(head) > secondary:
            head, groups = head[:-secondary], [head[-secondary:], *groups]
        return self.group.join([head, *groups] if head else groups)


@dataclass(frozen=True)
class Affixes:
    """What a locale writes before and after a non-negative number of one unit."""

    prefix: str
    suffix: str
    currency: bool = False  # CLDR's currency spacing applies to currency symbols only

    def wrap(self, number: str) -> str:
        """The number with its sign or symbol (a currency symbol spaced as CLDR asks)."""
        prefix, suffix = self._spaced(number[:1].isdigit(), number[-1:].isdigit())
        return prefix + number + suffix

    def code(self, number_code: str) -> str:
        """An Excel number format code: the affixes as quoted literals around `number_code`."""
        prefix, suffix = self._spaced(True, True)
        return _quoted(prefix) + number_code + _quoted(suffix)

    def _spaced(self, digit_first: bool, digit_last: bool) -> tuple[str, str]:
        """CLDR currencySpacing: a symbol ending in a letter ("NZD") is kept apart from digits by a no-break space.

        Babel leaves this rule out, which is how "NZD979M" came about; CLDR writes "NZD 979".
        """
        prefix, suffix = self.prefix, self.suffix
        if self.currency and prefix and digit_first and _plain(prefix[-1]):
            prefix += NBSP
        if self.currency and suffix and digit_last and _plain(suffix[0]):
            suffix = NBSP + suffix
        return prefix, suffix


@lru_cache(maxsize=256)
def symbols(locale: str) -> Symbols:
    """The separators and grouping a locale writes numbers with."""
    loc = Locale.parse(locale)
    table = loc.number_symbols[NUMBERING]
    pattern = parse_pattern(loc.decimal_formats[None].pattern)
    primary, secondary = pattern.grouping
    return Symbols(table["decimal"], table["group"], table["minusSign"], (primary, secondary))


@lru_cache(maxsize=1024)
def affixes(locale: str, unit: str, currency: str | None = None) -> Affixes:
    """The percent sign or currency symbol, where the locale puts it; nothing for counts."""
    loc = Locale.parse(locale)
    if unit == "percent":
        pattern = parse_pattern(loc.percent_formats[None].pattern)
        sign = loc.number_symbols[NUMBERING]["percentSign"]
        return Affixes(pattern.prefix[0].replace("%", sign), pattern.suffix[0].replace("%", sign))
    if unit == "money" and currency:
        pattern = parse_pattern(loc.currency_formats["standard"].pattern)
        symbol = get_currency_symbol(currency, locale=loc)
        return Affixes(pattern.prefix[0].replace("¤", symbol), pattern.suffix[0].replace("¤", symbol), True)
    return Affixes("", "")


def _plain(char: str) -> bool:
    """Neither a symbol (£, $, %) nor a space: CLDR's [[:^S:]&[:^Z:]]."""
    return unicodedata.category(char)[0] not in "SZ"


def _quoted(literal: str) -> str:
    """A literal for an Excel format code: quoted, or each character escaped if it holds a quote."""
    if not literal:
        return ""
    return f'"{literal}"' if '"' not in literal else "".join("\\" + ch for ch in literal)


@lru_cache(maxsize=256)
def compact_short(locale: str, magnitude: int) -> tuple[int, str, str] | None:
    """How the locale abbreviates numbers of `magnitude` (a power of ten) on an axis: "100M", "100 Mio.".

    Returns (powers of a thousand to divide by, text before, text after), or
    None when the locale counts in other steps (lakh, crore, 万): an Excel code
    can only divide by thousands.
    """
    forms = Locale.parse(locale).compact_decimal_formats.get("short", {}).get("other", {})
    pattern = forms.get(str(magnitude))
    if pattern is None:
        return None
    text = pattern.pattern if hasattr(pattern, "pattern") else str(pattern)
    zeros = text.count("0")
    if zeros == 0:
        return None
    divisor = magnitude // 10 ** (zeros - 1)
    thousands = round(math.log(divisor, 1000)) if divisor > 1 else 0
    if thousands < 1 or 1000 ** thousands != divisor:
        return None
    before, _, after = text.replace("'", "").partition("0" * zeros)
    return thousands, before, after
