"""Derived values: changes, shares and values implied by a stated change.

Everything computed here is marked `derived` and carries a note saying how,
so that every output can tell the reader it is not a published figure.
"""

from __future__ import annotations

from typing import NamedTuple

from generator.model.datafile import FactorChange, Figure, PercentChange
from generator.model.formatting import Formatter
from generator.model.report import Change, Share, Value

MONTHS = 12


class LastYear(NamedTuple):
    """Last year's published value of a figure (its `previous:`, or the previous file's), and that year's label."""

    value: float
    period: str | None


def stated_value(fig: Figure, fmt: Formatter) -> Value:
    """The published value of a figure, formatted."""
    text = fmt.number(fig.value, fig.unit, fig.currency, fig.approximate)
    return Value(fig.value, text, derived=False, approximate=fig.approximate is not None)


def derived_value(number: float, fmt: Formatter, unit: str, note: str, currency: str | None = None) -> Value:
    """A computed value: rounded, shown as "about N", always with its note."""
    return Value(number, fmt.approximately(number, unit, currency), derived=True, approximate=True, note=note,
                 shown=fmt.rounded(number, unit))


def implied_previous(fig: Figure, fmt: Formatter) -> Value | None:
    """Last year's value implied by a stated change ("three-fold" → value ÷ 3)."""
    change = fig.change
    if isinstance(change, FactorChange):
        word = change.wording or fmt.factor(change.factor)
        return derived_value(fig.value / change.factor, fmt, fig.unit,
                             f"{_period(change)} value derived from “{word}”: "
                             f"{fmt.number(fig.value)} ÷ {fmt.number(change.factor)}; not a published figure",
                             fig.currency)
    if isinstance(change, PercentChange) and change.of == "total":
        return derived_value(fig.value / (1 + change.percent / 100), fmt, fig.unit,
                             f"{_period(change)} value derived from “{fmt.percent_change(change.percent)}”; not a published figure",
                             fig.currency)
    return None


def monthly_average(fig: Figure, fmt: Formatter, last: LastYear | None = None) -> Value:
    """This year's monthly average (value ÷ 12), derived.

    When last year's monthly average can be derived too (from a stated change
    in the monthly average, or from last year's value), both averages share
    one note, so a chart of the two shows one explanation, not two.
    """
    return derived_value(fig.value / MONTHS, fmt, fig.unit, _monthly_note(fig, fmt, last), fig.currency)


def _monthly_note(fig: Figure, fmt: Formatter, last: LastYear | None = None) -> str:
    """How the monthly averages of a figure were derived."""
    change = fig.change
    this_year = f"Monthly averages derived: {fmt.number(fig.value)} ÷ 12 for this year"
    if _monthly_change(fig) is not None:
        return (f"{this_year}, and that ÷ {1 + change.percent / 100:g} for {_period(change)} "
                f"(from “{fmt.percent_change(change.percent)}”); not published figures")
    if last is not None:
        return f"{this_year}, and {fmt.number(last.value)} ÷ 12 for {last.period or 'the previous year'}; not published figures"
    return f"{this_year}; not published figures"


def previous_monthly_average(fig: Figure, fmt: Formatter, last: LastYear | None = None) -> Value | None:
    """Last year's monthly average: implied by a stated change of the monthly average, else last year's value ÷ 12."""
    change = _monthly_change(fig)
    if change is not None:
        number = fig.value / MONTHS / (1 + change.percent / 100)
    elif last is not None:
        number = last.value / MONTHS
    else:
        return None
    return derived_value(number, fmt, fig.unit, _monthly_note(fig, fmt, last), fig.currency)


def _monthly_change(fig: Figure) -> PercentChange | None:
    """The figure's stated percentage change of the monthly average, if it has one."""
    change = fig.change
    return change if isinstance(change, PercentChange) and change.of == "monthly average" else None


def remainder(whole: Figure, parts: list[Figure], fmt: Formatter) -> Value:
    """The part of a whole not covered by its named parts (131 − 18), derived."""
    rest = whole.value - sum(p.value for p in parts)
    named = " − ".join([fmt.number(whole.value)] + [fmt.number(p.value) for p in parts])
    return Value(rest, fmt.number(rest, whole.unit, whole.currency), derived=True, approximate=False,
                 note=f"Derived by subtraction: {named} = {fmt.number(rest)}")


def stated_change(fig: Figure, fmt: Formatter) -> Change | None:
    """The change the source states, worded for readers."""
    change = fig.change
    if isinstance(change, FactorChange):
        phrase = fmt.factor(change.factor, change.wording)
        return Change(f"{phrase} on {change.compared_with}", phrase.removeprefix("a ").removeprefix("an "),
                      derived=False, previous=implied_previous(fig, fmt))
    if isinstance(change, PercentChange):
        short = fmt.percent_change(change.percent)
        measure = "" if change.of == "total" else f" in the {change.of}"
        noun = "increase" if change.percent >= 0 else "decrease"
        text = f"a {fmt.number(abs(change.percent), 'percent')} {noun} on {change.compared_with}"
        return Change(text, short + measure, derived=False, previous=implied_previous(fig, fmt))
    return None


def change_from_previous(fig: Figure, previous: float, period: str | None, fmt: Formatter) -> Change:
    """A change computed from last year's value (from the data file or the previous year's file)."""
    stated_prev = Value(previous, fmt.number(previous, fig.unit, fig.currency))
    when = period or "the previous year"
    if previous == 0:
        return Change(f"from none in {when}", "new", True, stated_prev,
                      note=f"Change derived: none in {when}, {fmt.number(fig.value)} this year")
    percent = (fig.value - previous) / previous * 100
    phrase = short = fmt.percent_change(round(percent))
    factor = fig.value / previous
    if factor >= 2:
        phrase = fmt.factor(round(factor, 1))
        short = phrase.removeprefix("a ")
    # One note for every change on the same year, as for monthly averages: the method is the same for each
    # figure and the change's text names last year's value, so a note per figure would only repeat the
    # arithmetic (a dozen of them, from a `previous:` file, crowd the sources off the page).
    note = f"Changes on {when} derived from {when}'s published values: (this year − {when}) ÷ {when}; not published figures"
    return Change(f"{phrase} on {when} ({stated_prev.text})", short, True, stated_prev, note=note)


def share(part: Figure, whole: Figure, whole_key: str, fmt: Formatter) -> Share:
    """ "18 of the 131", with the fraction for charts."""
    fraction = part.value / whole.value if whole.value else 0.0
    return Share(whole_key, f"{fmt.number(part.value)} of the {fmt.number(whole.value)}", fraction)


def _period(change: FactorChange | PercentChange) -> str:
    return change.previous_period or "Previous year's"
