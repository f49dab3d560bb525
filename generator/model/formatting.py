"""Locale-aware formatting of numbers, money, changes and dates (through Babel).

Every output uses these strings, so the PDF and the deck say the same thing.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal

from generator.model.numpattern import Symbols, affixes, round_half_up, symbols

_FOLD_WORDS = {2: "two-fold", 3: "three-fold", 4: "four-fold", 5: "five-fold", 6: "six-fold",
               7: "seven-fold", 8: "eight-fold", 9: "nine-fold", 10: "ten-fold"}
COMPACT_FROM = 1_000_000
LARGEST_STEP = 4  # a trillion (1000 ** 4): the largest power CLDR names


def _step(value: float) -> float:
    """The power of a thousand a compact form counts in (a million for 1.7 million)."""
    return float(1000 ** min(int(math.log10(abs(value))) // 3, LARGEST_STEP))


def _compact(value: float, rounded: bool) -> bool:
    """Whether to write a value as "1.7 million": from a million, and only when exact unless `rounded`."""
    if abs(value) < COMPACT_FROM:
        return False
    if rounded:
        return True
    # The compact forms step by thousands (million, billion, trillion) and show one decimal.
    return round(value / _step(value) * 10, 6).is_integer()


def places(values: list[float], unit: str) -> int:
    """Decimal places a chart's number format needs to show `values` as their labels do."""
    if unit == "money":
        return 0 if all(float(v).is_integer() for v in values) else 2
    return 0 if all(float(round_half_up(v, 1)).is_integer() for v in values) else 1


@dataclass(frozen=True)
class Formatter:
    """Formats values for one locale, written "en-GB" in data files (any locale Babel knows).

    Text and chart number format codes come from the same CLDR patterns
    (numpattern), so a label, an axis tick and a workbook cell agree.
    """

    locale: str = "en-GB"

    @property
    def _babel(self) -> str:
        return self.locale.replace("-", "_")

    @property
    def _symbols(self) -> Symbols:
        return symbols(self._babel)

    def number(self, value: float, unit: str = "count", currency: str | None = None,
               qualifier: str | None = None, *, rounded: bool = False) -> str:
        """A value as a reader sees it: 131; 5,812; 1.7 million; almost 1 million; 76%; £2.3 million.

        Millions are written compactly ("1.7 million") only when that is exact, so a
        published 1,234,567 is never silently shown as 1.2 million; `rounded` values
        (derived ones, already approximate) are always compact. A percent value is
        written as given (74 is 74%); money is in its own currency, placed and spaced
        as the locale writes it ("NZ$979 million" in en-GB, "$979 million" in en-NZ).
        """
        if unit != "percent" and _compact(value, rounded):
            step = _step(value)
            shown = round_half_up(abs(value) / step, 1) * step
            body = format_compact_decimal(shown, format_type="long", locale=self._babel, fraction_digits=1)
        else:
            low, high = self._places(value, unit, rounded)
            body = self._symbols.digits(abs(value), low, high)
        text = affixes(self._babel, unit, currency).wrap(body)
        if value < 0 and any(ch in "123456789" for ch in body):
            text = self._symbols.minus + text
        return f"{qualifier} {text}" if qualifier else text

    @staticmethod
    def _places(value: float, unit: str, rounded: bool) -> tuple[int, int]:
        """(fewest, most) decimal places: money in whole units or with pence; others to one optional place."""
        if unit == "money":
            return (0, 0) if float(value).is_integer() or rounded else (2, 2)
        return (0, 1)

    def code(self, unit: str = "count", currency: str | None = None, decimals: int = 0) -> str:
        """The Excel number format code that writes values of this unit as `number` does.

        Used for a chart's workbook cells, data labels and value axis: '#,##0',
        '#,##0"%"' (the value 74 shown as 74%), '"NZ$"#,##0', '#,##0" €"'.
        """
        digits = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return affixes(self._babel, unit, currency).code(digits)

    def rounded(self, value: float, unit: str = "count") -> float:
        """The number `approximately` shows: whole units, or tenths of a million and up."""
        if unit != "percent" and _compact(value, True):
            step = _step(value)
            return round_half_up(value / step, 1) * step
        return round_half_up(value, 0)

    def approximately(self, value: float, unit: str = "count", currency: str | None = None) -> str:
        """A derived, rounded value: "about 275", "about 1.2 million", "about £2,600"."""
        return "about " + self.number(self.rounded(value, unit), unit, currency, rounded=True)

    def percent_change(self, percent: float) -> str:
        """A relative change in words: "up 76%", "down 4%", "no change"."""
        if percent == 0:
            return "no change"
        return f"{'up' if percent > 0 else 'down'} {self.number(abs(percent), 'percent')}"

    def points_change(self, points: float) -> str:
        """A change of a percentage, in percentage points: "up 25 percentage points", "down 1 percentage point"."""
        if points == 0:
            return "no change"
        return f"{'up' if points > 0 else 'down'} {self.points(abs(points))}"

    def points(self, points: float) -> str:
        """A number of percentage points: "25 percentage points", "1 percentage point"."""
        return f"{self.number(points)} percentage point{'' if abs(points) == 1 else 's'}"

    def percent_phrase(self, percent: float) -> str:
        """A stated relative change as a noun phrase: "a 76% increase", "a fall of 4%", "no change"."""
        if percent == 0:
            return "no change"
        amount = self.number(abs(percent), "percent")
        return f"{_article(amount)} {amount} increase" if percent > 0 else f"a fall of {amount}"

    def factor(self, factor: float, wording: str | None = None) -> str:
        """A multiple as words: "a three-fold increase", "a 2.5-fold increase"; below 1, "a fall of 50%"."""
        if factor == 1:
            return "no change"
        if factor > 1:
            name = wording or (_FOLD_WORDS.get(int(factor)) if factor == int(factor) else None)
            name = name or f"{self.number(factor)}-fold"
            return f"{_article(name)} {name} increase"
        return self.percent_phrase((factor - 1) * 100)

    def multiplier(self, factor: float) -> str:
        """A multiplier as a reading of a stated change: "×3", "×1.76", "×0.96"."""
        return "×" + format_decimal(factor, locale=self._babel, format="#,##0.####")

    def date(self, value: datetime.date, pattern: str = "MMMM y") -> str:
        """A date as "April 2008" (or another CLDR pattern)."""
        return format_date(value, pattern, locale=self._babel)


def _article(word: str) -> str:
    """ "an" before a vowel sound as numbers are read aloud ("an 8% increase", "an 11-fold", "an 18,000"), else "a"."""
    spoken = word.lstrip("$£€¥")
    lead = re.split(r"[^0-9]", spoken)[0]  # the digits before the first separator: "18" of "18,000"
    return "an" if spoken[:1] in "aeiouAEIOU8" or lead in ("11", "18") else "a"
