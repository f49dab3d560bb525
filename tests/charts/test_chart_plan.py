"""The chart plan: one measure per chart, and the kind and focus chosen from a series' shape."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Collector
from generator.model.collections import collection
from generator.model.load_report import load_report
from generator.model.report import Report

HEAD = (
    "report:\n  organisation: {name: Example Trust, short_name: Ex}\n  title: T\n  period: {label: 2024/25}\n"
    "figures:\n"
    "  arrests_north: {value: 120, label: arrests}\n"
    "  arrests_south: {value: 80, label: Arrests}\n"
    "  children: {value: 131, label: children safeguarded}\n"
    "  from_images: {value: 18, label: children identified from images, part_of: children}\n"
    "series:\n"
)


def load(tmp_path: Path, series: str, head: str = HEAD) -> tuple[Report, list[str]]:
    """A small fictional report with the given `series:` block, and its diagnostics."""
    path = tmp_path / "data.yaml"
    path.write_text(head + series, encoding="utf-8")
    problems = Collector()
    report = load_report(path, problems)
    assert report is not None
    return report, [d.format() for d in problems.items]


MIXED = (
    "  results:\n"
    "    title: Results\n"
    "    categories: [Arrests, Children]\n"
    "    series:\n"
    "      - name: \"2024/25\"\n"
    "        values: [{figure: arrests_north}, {figure: children}]\n"
)


def test_unlike_measures_are_not_charted_and_warned_at_the_series(tmp_path: Path) -> None:
    report, said = load(tmp_path, MIXED)
    assert said == [
        f"{tmp_path / 'data.yaml'}:11:3: warning: series 'results' puts 2 different measures on one axis "
        "(arrests; children safeguarded), so it is not charted\n"
        "  hint: a chart compares one measure: give each measure a series of its own; if these figures count the "
        "same thing, say what with `measure:` (e.g. `measure: arrests`); `charted: false` keeps the series "
        "uncharted without this warning"]
    assert report.series["results"].plan is None
    assert collection(report, "charts") == ()


def test_a_stated_measure_lets_figures_share_an_axis(tmp_path: Path) -> None:
    report, said = load(tmp_path, MIXED.replace("    title: Results\n", "    title: Results\n    measure: cases\n"))
    assert said == []
    assert [s.key for s in collection(report, "charts")] == ["results"]


def test_charted_false_is_quiet(tmp_path: Path) -> None:
    report, said = load(tmp_path, MIXED.replace("    title: Results\n", "    title: Results\n    charted: false\n"))
    assert said == [] and collection(report, "charts") == ()


def test_figures_with_one_label_and_parts_of_a_whole_are_one_measure(tmp_path: Path) -> None:
    report, said = load(tmp_path, (
        "  by_region:\n"
        "    title: Arrests by region\n"
        "    categories: [North, South]\n"
        "    series:\n"
        "      - name: Arrests\n"
        "        values: [{figure: arrests_north}, {figure: arrests_south}]\n"
        "  split:\n"
        "    title: How the children were safeguarded\n"
        "    categories: [From images, Other]\n"
        "    series:\n"
        "      - name: Children safeguarded\n"
        "        values: [{figure: from_images}, {figure: children, at: remainder}]\n"))
    assert said == []
    assert [s.key for s in collection(report, "charts")] == ["by_region", "split"]


def test_this_years_row_is_the_focus(tmp_path: Path) -> None:
    """Rows named for periods: the report's own period is highlighted, as a category of one row would be."""
    report, said = load(tmp_path, (
        "  by_region:\n"
        "    title: Arrests by region\n"
        "    categories: [North, South]\n"
        "    series:\n"
        "      - name: \"2023/24\"\n        values: [10, 12]\n"
        "      - name: \"2024/25\"\n        values: [14, 9]\n"))
    assert said == []
    assert report.series["by_region"].plan.highlight == "2024/25"


SPLITS = (
    "  split:\n"
    "    title: How the children were safeguarded\n"
    "    categories: [From images, Other]\n"
    "    series:\n"
    "      - name: Children safeguarded\n"
    "        values: [{figure: from_images}, {figure: children, at: remainder}]\n"
    "  small:\n"
    "    title: How the arrests were made\n"
    "    categories: [North, South]\n"
    "    series:\n"
    "      - name: Arrests\n"
    "        values: [7, 13]\n"
    "  by_rows:\n"
    "    title: Volunteer days\n"
    "    categories: [Volunteer days]\n"
    "    series:\n"
    "      - {name: Clearing, values: [9850]}\n"
    "      - {name: Painting, values: [6420]}\n"
)


def test_a_whole_split_into_parts_is_a_proportion_not_a_donut(tmp_path: Path) -> None:
    """A whole of at most 100 units is counted out as squares; a larger one is a thin bar; its published part is
    the focus; parts written as rows of one category are parts too; the parts are labelled directly."""
    report, said = load(tmp_path, SPLITS.replace("values: [7, 13]", "values: [{figure: from_images}, "
                                                 "{figure: children, at: remainder}]"))
    plans = {k: s.plan for k, s in report.series.items()}
    assert said == []
    assert (plans["split"].kind, plans["split"].highlight, plans["split"].legend) == (
        "proportion", "From images", "none")  # 131 children: more than a waffle counts out
    assert (plans["by_rows"].kind, plans["by_rows"].legend) == ("proportion", "none")
    report, _ = load(tmp_path, SPLITS, HEAD.replace("{value: 131,", "{value: 31,"))
    assert report.series["split"].plan.kind == "waffle"


def test_a_waffle_counts_out_a_small_whole_of_whole_units(tmp_path: Path) -> None:
    from generator.layout.chartcheck import chart_problems
    from generator.layoutfile.spec import ChartOptions

    report, _ = load(tmp_path, SPLITS)
    waffle = ChartOptions(kind="waffle")
    assert chart_problems(report.series["small"], waffle) == []
    assert chart_problems(report.series["split"], waffle) == [
        ("kind", "a waffle chart draws one square per unit, at most 100, but series 'split' adds up to 131",
         "use `kind: proportion`")]
    halves, _ = load(tmp_path, SPLITS.replace("values: [7, 13]", "values: [7.5, 12.5]"))
    assert chart_problems(halves.series["small"], waffle)[0][1].endswith("has values that are not whole numbers")
    assert chart_problems(report.series["by_rows"], ChartOptions(kind="proportion")) == []


def test_the_published_figure_behind_derived_values_is_named_where_the_chart_does_not_show_it(tmp_path: Path) -> None:
    head = HEAD.replace("  children:", "  reports: {value: 5812, label: reports received, change: {percent: 76, "
                        "wording: a 76% increase, of: monthly average, compared_with: the monthly average from 2023/24}}"
                        "\n  children:")
    report, said = load(tmp_path, (
        "  monthly:\n"
        "    title: Reports a month\n"
        "    categories: [\"2023/24\", \"2024/25\"]\n"
        "    series:\n"
        "      - name: Reports a month\n"
        "        values: [{figure: reports, at: previous_monthly_average}, {figure: reports, at: monthly_average}]\n"
        "  split:\n"
        "    title: How the 131 children were safeguarded\n"
        "    categories: [From images, Other]\n"
        "    series:\n"
        "      - name: Children safeguarded\n"
        "        values: [{figure: from_images}, {figure: children, at: remainder}]\n"
        "  untitled_split:\n"
        "    title: How the children were safeguarded\n"
        "    categories: [From images, Other]\n"
        "    series:\n"
        "      - name: Children safeguarded\n"
        "        values: [{figure: from_images}, {figure: children, at: remainder}]\n"), head)
    assert said == []
    assert report.series["monthly"].published == (
        "5,812 reports received, a 76% increase on the monthly average from 2023/24",)
    assert report.series["split"].published == ()  # 131 is in the title
    assert report.series["untitled_split"].published == ("131 children safeguarded",)


def test_a_monthly_average_is_a_measure_of_its_own(tmp_path: Path) -> None:
    report, said = load(tmp_path, (
        "  mixed:\n"
        "    title: Arrests and arrests a month\n"
        "    categories: [In the year, A month]\n"
        "    series:\n"
        "      - name: Arrests\n"
        "        values: [{figure: arrests_north}, {figure: arrests_north, at: monthly_average}]\n"))
    assert report.series["mixed"].unlike_measures == ("arrests", "arrests a month")
    assert "puts 2 different measures on one axis (arrests; arrests a month)" in said[0]
