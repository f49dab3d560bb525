"""Derived values: changes, shares and values implied by a stated change.

Everything computed here is marked `derived` and carries a note saying how,
so that every output can tell the reader it is not a published figure.
"""

from __future__ import annotations

from typing import NamedTuple

from generator.model.datafile import FactorChange, Figure, PercentChange, PreviousValue
from generator.model.formatting import Formatter
from generator.model.numpattern import round_half_up
from generator.model.report import Change, Comparison, Share, Value

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
    """Last year's value implied by a stated change ("three-fold" → value ÷ 3), with the reading used."""
    change = fig.change
    if isinstance(change, FactorChange):
        return _implied(fig, change.factor, _source(change, fmt), fmt)
    if isinstance(change, PercentChange) and change.of == "total":
        return _implied(fig, 1 + change.percent / 100, _source(change, fmt), fmt)
    return None


def _implied(fig: Figure, multiplier: float, source: str, fmt: Formatter) -> Value:
    """`fig.value ÷ multiplier`, marked derived, its note naming the stated change and how it was read."""
    number = fig.value / multiplier
    note = (f"{_period(fig.change)} value derived from {source} (read as {fmt.multiplier(multiplier)}): "
            f"{_sum(fmt.number(fig.value, fig.unit, fig.currency), '÷', _factor(multiplier, fmt), number, fig, fmt)}; "
            f"not a published figure")
    return derived_value(number, fmt, fig.unit, note, fig.currency)


def _source(change: FactorChange | PercentChange, fmt: Formatter) -> str:
    """The stated change a value is derived from: the source's own words in quotation marks, else unquoted."""
    if change.wording:
        return f"“{change.wording}”"
    if isinstance(change, FactorChange):
        return "the stated " + fmt.factor(change.factor).removeprefix("a ").removeprefix("an ")
    return "the stated " + fmt.percent_phrase(change.percent).removeprefix("a ").removeprefix("an ")


def _sum(left: str, op: str, right: str, result: float, fig: Figure, fmt: Formatter) -> str:
    """A computation as a note writes it: "297 ÷ 3 = 99", or "5,812 ÷ 12 ≈ 484" when the result is rounded."""
    shown = fmt.rounded(result, fig.unit)
    sign = "=" if abs(shown - result) < 1e-9 else "≈"
    return f"{left} {op} {right} {sign} {fmt.number(shown, fig.unit, fig.currency, rounded=True)}"


def _factor(multiplier: float, fmt: Formatter) -> str:
    """A divisor in a note: "3", "1.76"."""
    return fmt.multiplier(multiplier).removeprefix("×")


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
    this_month = fig.value / MONTHS
    this_year = (f"Monthly averages derived: "
                 f"{_sum(fmt.number(fig.value, fig.unit, fig.currency), '÷', '12', this_month, fig, fmt)} for this year")
    if _monthly_change(fig) is not None:
        multiplier = 1 + change.percent / 100
        before = _sum("that", "÷", _factor(multiplier, fmt), this_month / multiplier, fig, fmt)
        return (f"{this_year}, and {before} for {change.previous_period or 'the previous year'} "
                f"(from {_source(change, fmt)}, read as {fmt.multiplier(multiplier)}); not published figures")
    if last is not None:
        before = _sum(fmt.number(last.value, fig.unit, fig.currency), "÷", "12", last.value / MONTHS, fig, fmt)
        return f"{this_year}, and {before} for {last.period or 'the previous year'}; not published figures"
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
    """The change the source states, in its own words when it gives them, with what it compares."""
    change = fig.change
    if isinstance(change, FactorChange):
        phrase = fmt.factor(change.factor, change.wording)
        short = phrase.removeprefix("a ").removeprefix("an ") if change.factor > 1 else fmt.percent_change(
            (change.factor - 1) * 100)
        return Change(f"{phrase} on {change.compared_with}", short, derived=False,
                      previous=implied_previous(fig, fmt))
    if isinstance(change, PercentChange):
        measure = "" if change.of == "total" else f" in the {change.of}"
        phrase = change.wording or fmt.percent_phrase(change.percent)
        return Change(f"{phrase} on {change.compared_with}", fmt.percent_change(change.percent) + measure,
                      derived=False, previous=implied_previous(fig, fmt))
    return None


def previous_of(fig: Figure) -> tuple[float, str | None] | None:
    """A figure's `previous:` as (value, period label or None)."""
    if fig.previous is None:
        return None
    if isinstance(fig.previous, PreviousValue):
        return fig.previous.value, fig.previous.period
    return float(fig.previous), None


def change_from_previous(fig: Figure, previous: float, period: str | None, fmt: Formatter) -> Change:
    """A change computed from last year's value: percentage points for a percentage, else percent or a multiple."""
    before = Value(previous, fmt.number(previous, fig.unit, fig.currency))
    now = fmt.number(fig.value, fig.unit, fig.currency)
    when = f"in {period}" if period else "the previous year"
    if fig.unit == "percent":
        return _points_change(fig, before, now, period, fmt)
    if previous == 0:
        return Change(f"new: none {when}", "new", True, before,
                      note=f"Change derived: none {when}, {now} this year")
    percent = (fig.value - previous) / previous * 100
    phrase = short = fmt.percent_change(round_half_up(percent, 0))
    factor = fig.value / previous
    if factor >= 2:
        phrase = fmt.factor(round_half_up(factor, 1))
        short = phrase.removeprefix("a ").removeprefix("an ")
    text = f"{phrase} from {before.text} {when}" if short != "no change" else f"no change from {before.text} {when}"
    computation = (f"({now} − {before.text}) ÷ {before.text} = {fmt.number(round_half_up(percent, 1), 'percent')}")
    return Change(text, short, True, before, note=_shared_note(period, "(this year − {y}) ÷ {y}"),
                  computation=computation)


def _points_change(fig: Figure, before: Value, now: str, period: str | None, fmt: Formatter) -> Change:
    """A percentage that changed: "up 25 percentage points, from 74% in 2016/17" (not "up 34%")."""
    when = f"in {period}" if period else "the previous year"
    points = round_half_up(fig.value - before.number, 1)
    short = fmt.points_change(points)
    text = f"{short}, from {before.text} {when}" if points else f"no change from {before.text} {when}"
    return Change(text, short, True, before, note=_shared_note(period, "this year − {y}, in percentage points",
                                                               "percentages"),
                  computation=f"{now} − {before.text} = {fmt.points(points)}")


def _shared_note(period: str | None, method: str, what: str = "values") -> str:
    """One note for every change on the same year and of the same kind.

    The method is the same for each figure and each change's text names last
    year's value, so a note per figure would only repeat the arithmetic (a dozen
    of them, from a `previous:` file, crowd the sources off the page); the
    figure's own arithmetic is its Change.computation (`make-report explain`).
    """
    year = period or "the previous year"
    kind = "Changes of percentages" if what == "percentages" else "Changes"
    return (f"{kind} on {year} derived from {year}'s published {what}: {method.format(y=year)}; "
            f"not published figures")


def benchmark(fig: Figure, fmt: Formatter) -> Comparison | None:
    """The figure against a benchmark: "4.5 percentage points above the national average (94.5% in 2016/17)"."""
    mark = fig.benchmark
    if mark is None:
        return None
    stated = Value(mark.value, fmt.number(mark.value, fig.unit, fig.currency))
    where = f"{mark.label} ({stated.text}{' in ' + mark.period if mark.period else ''})"
    now = fmt.number(fig.value, fig.unit, fig.currency)
    if fig.unit == "percent":  # percentages differ in points
        difference = round_half_up(fig.value - mark.value, 1)
        amount, sums = fmt.points(abs(difference)), f"{now} − {stated.text} = {fmt.points(difference)}"
    elif mark.value == 0:  # nothing to take a percentage of
        difference = fig.value - mark.value
        amount = fmt.number(abs(difference), fig.unit, fig.currency)
        sums = f"{now} − {stated.text} = {fmt.number(difference, fig.unit, fig.currency)}"
    else:
        difference = round_half_up((fig.value - mark.value) / mark.value * 100, 1)
        amount = fmt.number(abs(difference), "percent")
        sums = f"({now} − {stated.text}) ÷ {stated.text} = {fmt.number(difference, 'percent')}"
    text = f"the same as {where}" if difference == 0 else \
        f"{amount} {'above' if difference > 0 else 'below'} {where}"
    note = f"Difference from {mark.label} derived: {sums}; not a published figure"
    return Comparison("benchmark", text, stated, note)


def target(fig: Figure, fmt: Formatter) -> Comparison | None:
    """The figure against a target: "met the performance standard of 90% for 2017/18, by 9 percentage points"."""
    goal = fig.target
    if goal is None:
        return None
    stated = Value(goal.value, fmt.number(goal.value, fig.unit, fig.currency))
    difference = round_half_up(fig.value - goal.value, 1)
    met = difference >= 0 if goal.better == "higher" else difference <= 0
    amount = fmt.points(abs(difference)) if fig.unit == "percent" else fmt.number(abs(difference), fig.unit, fig.currency)
    what = f"{goal.label} of {stated.text}{' for ' + goal.period if goal.period else ''}"
    text = f"{'met' if met else 'missed'} {what}" + (" exactly" if difference == 0 else f", by {amount}")
    now = fmt.number(fig.value, fig.unit, fig.currency)
    side = "above" if difference > 0 else "below"
    note = (f"Against {goal.label} derived: {now} is {amount} {side} {stated.text} "
            f"({'higher' if goal.better == 'higher' else 'lower'} is better); not a published figure") if difference else (
            f"Against {goal.label}: {now} equals {stated.text}")
    return Comparison("target", text, stated, note, met)


def share(part: Figure, whole: Figure, whole_key: str, fmt: Formatter) -> Share:
    """ "18 of the 131", with the fraction for charts."""
    fraction = part.value / whole.value if whole.value else 0.0
    return Share(whole_key, f"{fmt.number(part.value)} of the {fmt.number(whole.value)}", fraction)


def _period(change: FactorChange | PercentChange | None) -> str:
    """How a note names the earlier period: "2006/07", or "The previous year's"."""
    return (change.previous_period if change else None) or "The previous year's"
