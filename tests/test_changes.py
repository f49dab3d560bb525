"""Changes that read right: percentage points for percentages, falls as falls, stated changes in their own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Collector
from generator.model import derive
from generator.model.datafile import Figure
from generator.model.formatting import Formatter
from generator.model.load_report import load_report

FMT = Formatter("en-GB")
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "numbers-nz.yaml"


def change_of(**figure: object):
    """The change the tool writes for a figure given as keyword arguments."""
    fig = Figure.model_validate({"label": "test", **figure})
    stated = derive.stated_change(fig, FMT)
    if stated is not None:
        return stated
    value, period = derive.previous_of(fig)
    return derive.change_from_previous(fig, value, period, FMT)


def test_a_percentage_changes_in_percentage_points() -> None:
    """99% against 74% is up 25 percentage points (not "up 34%"), from 74% in the period the data names."""
    change = change_of(value=99, unit="percent", previous={"value": 74, "period": "2016/17"})
    assert (change.text, change.short) == ("up 25 percentage points, from 74% in 2016/17", "up 25 percentage points")
    assert change.computation == "99% − 74% = 25 percentage points"
    # One note for every such change (the sources list each method once, not each figure's sum).
    assert change.note == ("Changes of percentages on 2016/17 derived from 2016/17's published percentages: "
                           "this year − 2016/17, in percentage points; not published figures")
    assert change.derived and change.previous.text == "74%"


@pytest.mark.parametrize(("value", "previous", "text"), [
    (73, 74, "down 1 percentage point, from 74% the previous year"),
    (74, 74, "no change from 74% the previous year"),
    (4.5, 6, "down 1.5 percentage points, from 6% the previous year"),
])
def test_percentage_point_wording(value: float, previous: float, text: str) -> None:
    """One point is singular; a bare `previous:` number has no period, so it is "the previous year"."""
    assert change_of(value=value, unit="percent", previous=previous).text == text


@pytest.mark.parametrize(("figure", "text", "short"), [
    ({"value": 1200, "previous": {"value": 1250, "period": "2016/17"}}, "down 4% from 1,250 in 2016/17", "down 4%"),
    ({"value": 2600, "previous": 2000}, "up 30% from 2,000 the previous year", "up 30%"),
    ({"value": 6, "previous": 2}, "a three-fold increase from 2 the previous year", "three-fold increase"),
    ({"value": 979_000_000, "unit": "money", "currency": "NZD", "previous": {"value": 890_000_000, "period": "2016/17"}},
     "up 10% from NZ$890 million in 2016/17", "up 10%"),
])
def test_counts_and_money_change_by_percent_or_factor(figure: dict, text: str, short: str) -> None:
    """Counts and money change by a percentage, or a multiple from two-fold; a fall is worded as a fall."""
    change = change_of(**figure)
    assert (change.text, change.short) == (text, short)


def test_a_stated_fall_without_a_base_is_worded_as_a_fall() -> None:
    """ "Crime fell 4%" with no published base: a fall of 4%, and the implied base is marked and explained."""
    change = change_of(value=1200, change={"percent": -4, "compared_with": "2016/17", "previous_period": "2016/17"})
    assert (change.text, change.short, change.derived) == ("a fall of 4% on 2016/17", "down 4%", False)
    assert change.previous.text == "about 1,250" and change.previous.derived
    # Not quoted: the source's own words were not given.
    assert change.previous.note == ("2016/17 value derived from the stated fall of 4% (read as ×0.96): "
                                    "1,200 ÷ 0.96 = 1,250; not a published figure")


def test_a_stated_change_keeps_its_own_words() -> None:
    """`wording:` is shown as written and quoted in the note, as the source's words."""
    change = change_of(value=1200, change={"percent": -4, "wording": "fell 4%", "compared_with": "2016/17",
                                           "previous_period": "2016/17"})
    assert change.text == "fell 4% on 2016/17"
    assert change.previous.note.startswith("2016/17 value derived from “fell 4%” (read as ×0.96)")


def test_a_factor_is_kept_as_stated_with_the_reading_used() -> None:
    """ "Three-fold" stays three-fold; the base it implies is derived, the note saying it was read as ×3."""
    change = change_of(value=297, change={"factor": 3, "compared_with": "the first year's results"})
    assert change.text == "a three-fold increase on the first year's results"
    assert change.previous.note == ("The previous year's value derived from the stated three-fold increase "
                                    "(read as ×3): 297 ÷ 3 = 99; not a published figure")


def test_wording_must_state_the_percentage(tmp_path: Path) -> None:
    """A `wording:` that states another number than `percent:` is an error at its line."""
    stated = "    change: {percent: -4, compared_with: 2016/17, previous_period: 2016/17}"
    wrong = "    change: {percent: -4, wording: fell 5%, compared_with: 2016/17}"
    text = FIXTURE.read_text(encoding="utf-8")
    assert text.count(stated) == 1
    data = tmp_path / "data.yaml"
    data.write_text(text.replace(stated, wrong), encoding="utf-8")
    problems = Collector()
    assert load_report(data, problems) is None
    [error] = problems.items
    line = data.read_text().splitlines().index(wrong) + 1
    assert (error.span.line, error.message) == (line, "the wording 'fell 5%' does not state the 4% of `percent:`")


def comparisons(**figure: object) -> list:
    """The benchmark and target comparisons of a figure given as keyword arguments."""
    fig = Figure.model_validate({"label": "test", **figure})
    return [c for c in (derive.benchmark(fig, FMT), derive.target(fig, FMT)) if c]


def test_a_percentage_against_a_benchmark_and_a_standard() -> None:
    """99% against a national average of 94.5% and a standard of 90%: differences in points, each with its period."""
    bench, goal = comparisons(value=99, unit="percent",
                              benchmark={"value": 94.5, "label": "the national average", "period": "2016/17"},
                              target={"value": 90, "label": "the performance standard", "period": "2017/18"})
    assert bench.text == "4.5 percentage points above the national average (94.5% in 2016/17)"
    assert bench.note == ("Difference from the national average derived: 99% − 94.5% = 4.5 percentage points; "
                          "not a published figure")
    assert (goal.text, goal.met) == ("met the performance standard of 90% for 2017/18, by 9 percentage points", True)
    assert goal.value.text == "90%" and not goal.value.derived


@pytest.mark.parametrize(("figure", "text", "met"), [
    ({"value": 1200, "target": {"value": 1300, "period": "2017/18"}}, "missed the target of 1,300 for 2017/18, by 100", False),
    ({"value": 3120, "target": {"value": 3000, "label": "the leakage target", "better": "lower"}},
     "missed the leakage target of 3,000, by 120", False),
    ({"value": 12, "unit": "money", "currency": "NZD", "target": {"value": 15, "label": "the budget", "better": "lower"}},
     "met the budget of NZ$15, by NZ$3", True),
    ({"value": 74, "unit": "percent", "target": {"value": 74}}, "met the target of 74% exactly", True),
])
def test_targets_are_met_or_missed_by_an_amount(figure: dict, text: str, met: bool) -> None:
    """A target is met or missed (lower is better where it says so), by how much, in the figure's unit."""
    [goal] = comparisons(**figure)
    assert (goal.text, goal.met) == (text, met)


@pytest.mark.parametrize(("figure", "text"), [
    ({"value": 1200, "benchmark": {"value": 1000, "label": "the peer-group median"}}, "20% above the peer-group median (1,000)"),
    ({"value": 74, "unit": "percent", "benchmark": {"value": 75, "label": "the national average"}},
     "1 percentage point below the national average (75%)"),
    ({"value": 75, "unit": "percent", "benchmark": {"value": 75, "label": "the national average"}},
     "the same as the national average (75%)"),
])
def test_benchmarks_above_or_below(figure: dict, text: str) -> None:
    """Counts differ from a benchmark by a percentage, percentages by points."""
    [bench] = comparisons(**figure)
    assert bench.text == text


def test_comparison_notes_are_listed_with_the_sources() -> None:
    """Each computed difference is explained among the derived values."""
    from generator.model.derived_notes import derived_notes

    problems = Collector()
    notes = derived_notes(load_report(FIXTURE, problems))
    assert "Difference from the national average derived: 99% − 94.5% = 4.5 percentage points; not a published figure" in notes
    assert any(n.startswith("Against the leakage target derived: 3,120 is 120 above 3,000 (lower is better)") for n in notes)
