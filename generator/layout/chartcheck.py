"""Problems a chart block can have with its data, found before anything is drawn."""

from __future__ import annotations

import difflib

from generator.charts.kinds import KINDS, WAFFLE_MOST
from generator.layoutfile.spec import ChartOptions
from generator.charts.numfmt import is_percent
from generator.model.report import SeriesView



def chart_problems(series: SeriesView, options: ChartOptions) -> list[tuple[str, str, str | None]]:
    """(option key, message, hint) for each way `options` cannot show `series`."""
    found: list[tuple[str, str, str | None]] = []
    values = [v.number for row in series.rows for v in row.values]
    kind = options.kind.replace("_", " ")
    if KINDS[options.kind].whole:
        if any(v < 0 for v in values):
            found.append(("kind", f"a {kind} chart cannot show negative values (series {series.key!r})",
                          "use a column or bar chart"))
        if len(series.rows) > 1 and len(series.categories) > 1:
            found.append(("kind", f"a {kind} chart shows the parts of one whole: one row (or one category in "
                          f"several rows), but series {series.key!r} has {len(series.rows)} rows of "
                          f"{len(series.categories)} categories", "use a stacked or clustered chart"))
        if series.references:
            found.append(("kind", f"a {kind} chart has no value axis to draw series {series.key!r}'s "
                          f"{' and '.join(r.kind for r in series.references)} line on",
                          "use a column, bar or line chart, or remove the series' `benchmark:`/`target:`"))
        if values and sum(values) <= 0:
            found.append(("kind", f"a {kind} chart needs a positive total (series {series.key!r})", None))
    if options.kind == "waffle":
        found += _waffle_problems(series, values)
    if KINDS[options.kind].stacked and any(v < 0 for v in values):
        found.append(("kind", f"a stacked chart cannot show negative values (series {series.key!r})",
                      "use a clustered column or bar chart"))
    if KINDS[options.kind].line and len(series.categories) < 2:
        found.append(("kind", "a line chart needs at least two categories", "use a column chart"))
    if series.unit == "percent" and options.number_format and is_percent(options.number_format):
        found.append(("number_format", f"number format {options.number_format!r} multiplies by 100, but series "
                      f"{series.key!r} holds percentages as written (74 for 74%), so 74 would show as 7400%",
                      f'leave `number_format:` out, or write the sign as text, e.g. \'0"%"\''))
    rows = [row.name for row in series.rows] if len(series.rows) > 1 else []
    if KINDS[options.kind].whole and len(series.categories) == 1 and rows:
        categories, rows = rows, []  # parts of one whole, written as rows: each row is a part
    elif KINDS[options.kind].whole:
        categories, rows = list(series.categories), []
    else:
        categories = list(series.categories)
    if options.highlight is not None and options.highlight not in (*categories, *rows):
        close = difflib.get_close_matches(options.highlight, [*categories, *rows], n=1)
        what = "a category or row" if rows else "a category"
        found.append(("highlight", f"highlight {options.highlight!r} is not {what} of series {series.key!r}",
                      f"did you mean {close[0]!r}?" if close else "categories: " + ", ".join(categories)
                      + ("; rows: " + ", ".join(rows) if rows else "")))
    return found


def _waffle_problems(series: SeriesView, values: list[float]) -> list[tuple[str, str, str | None]]:
    """A waffle draws one square per unit: whole numbers, and a whole small enough to count out."""
    if any(v != int(v) for v in values):
        return [("kind", f"a waffle chart draws one square per unit, but series {series.key!r} has values that are "
                 "not whole numbers", "use `kind: proportion`")]
    if sum(values) > WAFFLE_MOST:
        return [("kind", f"a waffle chart draws one square per unit, at most {WAFFLE_MOST}, but series "
                 f"{series.key!r} adds up to {sum(values):,.0f}", "use `kind: proportion`")]
    return []
