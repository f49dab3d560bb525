"""Locale-aware formatting of numbers, money, changes and dates (through Babel).

Every output uses these strings, so the PDF and the deck say the same thing.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from babel.dates import format_date
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
)

_FOLD_WORDS = {2: "two-fold", 3: "three-fold", 4: "four-fold", 5: "five-fold", 6: "six-fold",
               7: "seven-fold", 8: "eight-fold", 9: "nine-fold", 10: "ten-fold"}
COMPACT_FROM = 1_000_000


def _compact(value: float, rounded: bool) -> bool:
    """Whether to write a value as "1.7 million": from a million, and only when exact unless `rounded`."""
    if abs(value) < COMPACT_FROM:
        return False
    if rounded:
        return True
    # The compact forms step by thousands (million, billion, trillion) and show one decimal.
    step = 1000 ** min(int(math.log10(abs(value))) // 3, 4)
    return round(value / step * 10, 6).is_integer()


@dataclass(frozen=True)
class Formatter:
    """Formats values for one locale, written "en-GB" in data files."""

    locale: str = "en-GB"

    @property
    def _babel(self) -> str:
        return self.locale.replace("-", "_")

    def number(self, value: float, unit: str = "count", currency: str | None = None,
               qualifier: str | None = None, *, rounded: bool = False) -> str:
        """A value as a reader sees it: 131; 5,812; 1.7 million; almost 1 million; 76%; £2.3m.

        Millions are written compactly ("1.7 million") only when that is exact, so a
        published 1,234,567 is never silently shown as 1.2 million; `rounded` values
        (derived ones, already approximate) are always compact.
        """
        if unit == "percent":
            text = format_percent(value / 100, locale=self._babel, format="#,##0.#%")
        elif unit == "money":
            text = self._money(value, currency or "GBP", rounded)
        elif _compact(value, rounded):
            text = format_compact_decimal(value, format_type="long", locale=self._babel, fraction_digits=1)
        else:
            text = format_decimal(value, locale=self._babel, format="#,##0.#")
        return f"{qualifier} {text}" if qualifier else text

    def _money(self, value: float, currency: str, rounded: bool = False) -> str:
        """Money: compact from a million (£2.3m), whole units below (£2,600), pence only when given."""
        if _compact(value, rounded):
            return format_compact_currency(value, currency, locale=self._babel, fraction_digits=1)
        pattern = "¤#,##0" if float(value).is_integer() or rounded else "¤#,##0.00"
        # currency_digits=False: otherwise Babel forces the currency's decimals (£2,600.00).
        return format_currency(value, currency, locale=self._babel, format=pattern, currency_digits=False)

    def approximately(self, value: float, unit: str = "count") -> str:
        """A derived, rounded value: "about 275", "about 1.2 million"."""
        return "about " + self.number(round(value), unit, rounded=True)

    def percent_change(self, percent: float) -> str:
        """Signed change as words: "up 76%", "down 12%", "no change"."""
        if percent == 0:
            return "no change"
        word = "up" if percent > 0 else "down"
        return f"{word} {format_decimal(abs(percent), locale=self._babel, format='#,##0.#')}%"

    def factor(self, factor: float, wording: str | None = None) -> str:
        """A multiple as words: "a three-fold increase", "a 2.5-fold increase", "a halving"."""
        if factor == 1:
            return "no change"
        if factor > 1:
            name = wording or (_FOLD_WORDS.get(int(factor)) if factor == int(factor) else None)
            name = name or f"{format_decimal(factor, locale=self._babel, format='#,##0.#')}-fold"
            return f"a {name} increase"
        return f"a {self.percent_change((factor - 1) * 100).replace('down ', '')} decrease"

    def date(self, value: datetime.date, pattern: str = "MMMM y") -> str:
        """A date as "April 2008" (or another CLDR pattern)."""
        return format_date(value, pattern, locale=self._babel)
