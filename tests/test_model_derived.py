"""Formatting and derived values, checked against the numbers in the CEOP press release (shared/seed)."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from generator.diagnostics import Collector
from generator.model import derive
from generator.model.datafile import Figure
from generator.model.formatting import Formatter
from generator.model.load_report import load_report
from generator.model.report import Report

ROOT = Path(__file__).resolve().parent.parent
FMT = Formatter("en-GB")


def load(path: Path) -> Report:
    """Load a data file that must have no problems at all (not even warnings)."""
    problems = Collector()
    report = load_report(path, problems)
    assert problems.items == []
    assert report is not None
    return report


@pytest.fixture(scope="module")
def ceop() -> Report:
    """The shipped CEOP 2007/08 data file, resolved."""
    return load(ROOT / "data" / "ceop-2007-08.yaml")


@pytest.mark.parametrize(("args", "kwargs", "text"), [
    ((131,), {}, "131"),
    ((5812,), {}, "5,812"),
    ((2600,), {}, "2,600"),
    ((11000,), {}, "11,000"),
    ((1_700_000,), {}, "1.7 million"),
    ((1_000_000,), {"qualifier": "almost"}, "almost 1 million"),
    ((1_700_000,), {"qualifier": "over"}, "over 1.7 million"),
    ((76, "percent"), {}, "76%"),
    ((2_300_000, "money", "GBP"), {}, "£2.3 million"),  # in words, as counts are
    ((2600, "money", "GBP"), {}, "£2,600"),
    ((2.5, "money", "GBP"), {}, "£2.50"),
    ((1_234_567,), {}, "1,234,567"),  # a published figure is not silently rounded to "1.2 million"
])
def test_number_formatting(args: tuple, kwargs: dict, text: str) -> None:
    """Numbers, money and percentages read as the press release writes them (en-GB)."""
    assert FMT.number(*args, **kwargs) == text


def test_date_changes_and_approximations() -> None:
    """Dates, stated changes and rounded derived values."""
    assert FMT.date(datetime.date(2008, 4, 1)) == "April 2008"
    assert FMT.factor(3, "three-fold") == "a three-fold increase"
    assert FMT.factor(3) == "a three-fold increase"
    assert FMT.factor(2.5) == "a 2.5-fold increase"
    assert FMT.factor(0.5) == "a fall of 50%"
    assert FMT.factor(1) == "no change"
    assert FMT.percent_change(76) == "up 76%"
    assert FMT.percent_change(-12.5) == "down 12.5%"
    assert FMT.approximately(5812 / 12) == "about 484"
    assert FMT.approximately(1_234_567) == "about 1.2 million"


def test_stated_values_from_the_seed(ceop: Report) -> None:
    """Every headline figure shows the press release's own wording of its number."""
    texts = {key: fig.value.text for key, fig in ceop.figures.items()}
    assert texts["children_safeguarded"] == "131"
    assert texts["reports_received"] == "5,812"
    assert texts["thinkuknow_reach"] == "over 1.7 million"
    assert texts["images_processed"] == "almost 1 million"
    assert texts["professionals_trained"] == "2,600"
    assert not any(fig.value.derived for fig in ceop.figures.values())


def test_three_fold_change_and_implied_previous_arrests(ceop: Report) -> None:
    """297 arrests, "a three-fold increase": the 2006/07 figure is implied (about 99) and marked derived."""
    change = ceop.figures["arrests"].change
    assert change is not None
    assert change.text == "a three-fold increase on the first year's results"
    assert change.short == "three-fold increase"
    assert change.derived is False  # the change itself is stated in the release
    implied = change.previous
    assert implied is not None
    assert (implied.text, implied.derived, implied.approximate) == ("about 99", True, True)
    # The source's word is quoted, and the note says how it was read.
    assert implied.note == "2006/07 value derived from “three-fold” (read as ×3): 297 ÷ 3 = 99; not a published figure"
    row = ceop.series["arrests_by_year"].rows[0]
    assert [v.text for v in row.values] == ["about 99", "297"]
    assert [v.derived for v in row.values] == [True, False]


def test_percentage_change_implies_previous_total() -> None:
    """A stated "up 20%" on 120 implies about 100 last year, marked derived with a note."""
    fig = Figure.model_validate({"value": 120, "label": "cases", "change": {
        "percent": 20, "compared_with": "2006/07", "previous_period": "2006/07"}})
    change = derive.stated_change(fig, FMT)
    assert change is not None and (change.text, change.short) == ("a 20% increase on 2006/07", "up 20%")
    assert change.previous is not None
    assert (change.previous.text, change.previous.derived) == ("about 100", True)
    # No `wording:`, so no quotation marks: the note does not put words in the source's mouth.
    assert change.previous.note == ("2006/07 value derived from the stated 20% increase (read as ×1.2): "
                                    "120 ÷ 1.2 = 100; not a published figure")


def test_monthly_averages_are_derived(ceop: Report) -> None:
    """5,812 reports, "a 76% increase on the monthly average": about 484 a month, about 275 in 2006/07."""
    change = ceop.figures["reports_received"].change
    assert change is not None
    assert change.text == "a 76% increase on the monthly average from 2006/07"
    assert change.short == "up 76% in the monthly average"
    series = ceop.series["reports_monthly_average"]
    before, now = series.rows[0].values
    assert (before.text, now.text) == ("about 275", "about 484")
    assert before.derived and now.derived
    assert round(now.number, 2) == round(5812 / 12, 2)
    assert round(before.number, 2) == round(5812 / 12 / 1.76, 2)
    # Both averages share one note, so a chart of the two explains them once.
    assert series.derived_notes == (
        "Monthly averages derived: 5,812 ÷ 12 ≈ 484 for this year, and that ÷ 1.76 ≈ 275 for 2006/07 "
        "(from “a 76% increase”, read as ×1.76); not published figures",
    )


def test_remainder_and_shares(ceop: Report) -> None:
    """131 children, 18 of them identified from images: the other 113 are derived by subtraction."""
    identified, rest = ceop.series["children_safeguarded_split"].rows[0].values
    assert (identified.text, identified.derived) == ("18", False)
    assert (rest.number, rest.text, rest.derived) == (113, "113", True)
    assert rest.note == "Derived by subtraction: 131 − 18 = 113"
    share = ceop.figures["children_identified_from_images"].share
    assert share is not None and (share.whole_key, share.text) == ("children_safeguarded", "18 of the 131")
    assert share.fraction == pytest.approx(18 / 131)
    share = ceop.figures["offenders_located_via_wanted"].share
    assert share is not None and (share.text, share.fraction) == ("10 of the 25", 0.4)
    via_wanted, other = ceop.series["offenders_located_split"].rows[0].values
    assert (via_wanted.text, other.text, other.note) == ("10", "15", "Derived by subtraction: 25 − 10 = 15")


def test_change_derived_from_previous_file() -> None:
    """A `previous:` file gives each figure it shares a derived change ("up 30%"), with a note."""
    report = load(ROOT / "tests" / "fixtures" / "small-2007-08.yaml")
    trained = report.figures["professionals_trained"].change
    assert trained is not None
    assert (trained.text, trained.short, trained.derived) == ("up 30% from 2,000 in 2006/07", "up 30%", True)
    assert trained.previous is not None and (trained.previous.text, trained.previous.derived) == ("2,000", False)
    assert trained.note == ("Changes on 2006/07 derived from 2006/07's published values: (this year − 2006/07) ÷ 2006/07; "
                            "not published figures")
    assert report.figures["networks_disrupted"].change.note == trained.note  # one note for the lot
    networks = report.figures["networks_disrupted"].change
    assert networks is not None
    assert (networks.text, networks.short) == ("a three-fold increase from 2 in 2006/07", "three-fold increase")
    same = report.figures["operational_deployments"].change
    assert same is not None and same.short == "no change"
    assert report.figures["arrests"].change is None  # not in last year's file: no change is made up
    assert report.figures["budget"].value.text == "£2.3 million"
    assert report.published == "April 2008"
    # `at: previous` takes last year's published value from that file: stated, not derived.
    last_year, this_year = report.series["trained_by_year"].rows[0].values
    assert (last_year.text, last_year.derived, this_year.text) == ("2,000", False, "2,600")


def test_quoted_iso_date_is_a_date() -> None:
    """A date written "2007-04-01" (quoted, as JSON would) reads like an unquoted one."""
    report = load(ROOT / "tests" / "fixtures" / "small-2006-07.yaml")
    assert report.published == "April 2007"


def test_monthly_averages_from_last_years_file(tmp_path: Path) -> None:
    """Without a stated change, last year's monthly average is last year's published value ÷ 12, derived."""
    shutil.copy(ROOT / "tests" / "fixtures" / "small-2006-07.yaml", tmp_path / "last.yaml")
    (tmp_path / "this.yaml").write_text(
        "report:\n  organisation: {name: Example, short_name: Ex}\n  title: T\n  period: {label: 2007/08}\n"
        "previous: last.yaml\n"
        "figures:\n  professionals_trained: {value: 2600, label: trained}\n"
        "series:\n  monthly:\n    title: A month\n    categories: [\"2006/07\", \"2007/08\"]\n"
        "    series:\n      - name: Trained a month\n        values:\n"
        "          - {figure: professionals_trained, at: previous_monthly_average}\n"
        "          - {figure: professionals_trained, at: monthly_average}\n", encoding="utf-8")
    series = load(tmp_path / "this.yaml").series["monthly"]
    before, now = series.rows[0].values
    assert (before.text, before.derived, now.text, now.derived) == ("about 167", True, "about 217", True)
    assert series.derived_notes == (
        "Monthly averages derived: 2,600 ÷ 12 ≈ 217 for this year, and 2,000 ÷ 12 ≈ 167 for 2006/07; "
        "not published figures",)
