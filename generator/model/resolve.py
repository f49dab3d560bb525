"""Resolve a validated data file into a Report, checking every cross-reference."""

from __future__ import annotations

import difflib
import re
from types import MappingProxyType

from generator.diagnostics import Collector
from generator.load.spans import SpanMap
from generator.model import derive, formatting, locales
from generator.model.currency import check_currencies, currency_of
from generator.model.datafile import MAX_POINTS, DataFile, Figure, FigureRef, PercentChange, Series
from generator.model.formatting import Formatter
from generator.model.chartplan import plan_chart, unlike_measures
from generator.model.markup import parse_blocks, parse_inline
from generator.model.repeats import without_repeats
from generator.model.report import (
    FigureView,
    ListView,
    QuoteView,
    Reference,
    Report,
    SectionView,
    SeriesRow,
    SeriesView,
    SourceView,
    Value,
)


def resolve(data: DataFile, spans: SpanMap, problems: Collector,
            previous: DataFile | None = None) -> Report:
    """Build the Report; cross-reference problems go to `problems` (the caller stops on errors)."""
    locale = _locale(data, spans, problems)
    fmt = Formatter(locale)
    check_currencies(data, spans, problems)
    data = _with_currencies(data)
    info = data.report
    _check_section_ids(data, spans, problems)
    _check_section_refs(data, spans, problems)
    _check_highlights(data, spans, problems)
    figures = _figures(data, spans, problems, fmt, previous)
    return Report(
        path=spans.file,
        organisation=info.organisation.name,
        short_name=info.organisation.short_name,
        website=str(info.organisation.website) if info.organisation.website else None,
        description=info.organisation.description,
        title=info.title,
        subtitle=info.subtitle,
        period=info.period.label,
        period_description=info.period.description,
        published=fmt.date(info.published) if info.published else None,
        locale=locale,
        full_review_title=info.full_review.title if info.full_review else None,
        full_review_url=str(info.full_review.url) if info.full_review else None,
        figures=MappingProxyType(figures),
        series=MappingProxyType(_all_series(data, spans, problems, fmt, previous, figures)),
        quotes=MappingProxyType(_quotes(data, spans, problems)),
        sections=without_repeats(data, tuple(SectionView(s.id, s.title, parse_blocks(s.body)) for s in data.sections),
                                 spans, problems),
        lists=MappingProxyType({k: ListView(k, v.title, tuple(parse_inline(i) for i in v.items))
                                for k, v in data.lists.items()}),
        notes=tuple(data.notes),
        sources=MappingProxyType({k: SourceView(k, s.title, s.publisher, s.kind, str(s.url) if s.url else None, s.note)
                                  for k, s in data.sources.items()}),
        theme=info.theme,
        theme_span=spans.at(("report", "theme")) if info.theme else None,
        headline=info.headline,
        intro=info.intro,
        **_contact(info),
    )


def _contact(info) -> dict:
    """The back page's lines: contact details, copyright and alternative formats, as written."""
    contact = info.contact
    lines = tuple(line.strip() for line in (contact.address or "").splitlines() if line.strip()) if contact else ()
    return {"address": lines, "phone": contact.phone if contact else None, "email": contact.email if contact else None,
            "contact_website": str(contact.website) if contact and contact.website else None,
            "copyright": info.copyright, "alternative_formats": info.alternative_formats}


def _locale(data: DataFile, spans: SpanMap, problems: Collector) -> str:
    """The report's locale as CLDR spells it; an unknown one is an error (and en-GB stands in)."""
    written = data.report.locale
    known = locales.canonical(written)
    if known is not None:
        return known
    problems.error(spans.at(("report", "locale")), f"unknown locale {written!r}", locales.hint(written))
    return locales.DEFAULT


def _with_currencies(data: DataFile) -> DataFile:
    """The data with each money figure and series in its currency (its own, else the report's default)."""
    figures = {k: f.model_copy(update={"currency": currency_of(f.currency, f.unit, data)})
               for k, f in data.figures.items()}
    series = {k: s.model_copy(update={"currency": currency_of(s.currency, s.unit, data)})
              for k, s in data.series.items()}
    return data.model_copy(update={"figures": figures, "series": series})


def report_unknown(problems: Collector, spans: SpanMap, path: tuple, what: str, name: str, known: list[str]) -> None:
    """Report a reference to something that does not exist, with a did-you-mean."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        hint = f"did you mean {close[0]!r}?"
    else:
        hint = f"known {what}s: " + ", ".join(known) if known else f"the file has no {what}s"
    problems.error(spans.at(path), f"unknown {what} {name!r}", hint)


def _figures(data: DataFile, spans: SpanMap, problems: Collector, fmt: Formatter,
             previous: DataFile | None) -> dict[str, FigureView]:
    """Resolve every figure with its change and share."""
    views: dict[str, FigureView] = {}
    for key, fig in data.figures.items():
        path = ("figures", key)
        share = None
        if fig.part_of == key:
            problems.error(spans.at(path + ("part_of",)), f"figure {key!r} is named as part of itself",
                           "`part_of:` names the larger figure this one is a part of")
        elif fig.part_of is not None:
            whole = data.figures.get(fig.part_of)
            if whole is None:
                report_unknown(problems, spans, path + ("part_of",), "figure", fig.part_of, list(data.figures))
            else:
                share = derive.share(fig, whole, fig.part_of, fmt)
        _check_wording(fig, path, spans, problems, fmt)
        if fig.source is not None and fig.source not in data.sources:
            report_unknown(problems, spans, path + ("source",), "source", fig.source, list(data.sources))
        views[key] = FigureView(key, derive.stated_value(fig, fmt), fig.unit, fig.label, fig.detail, fig.headline,
                                _change(fig, key, fmt, previous, data), share, fig.source, fig.currency,
                                tuple(c for c in (derive.benchmark(fig, fmt), derive.target(fig, fmt)) if c))
    _check_parts(data, spans, problems, fmt)
    return views


def _check_wording(fig: Figure, path: tuple, spans: SpanMap, problems: Collector, fmt: Formatter) -> None:
    """A percentage change's `wording:` is the source's words for that change, so it states its number."""
    change = fig.change
    if not isinstance(change, PercentChange) or change.wording is None:
        return
    amount = abs(change.percent)
    spellings = {fmt.number(amount), f"{amount:g}"}
    if not any(re.search(rf"(?<![\d.,]){re.escape(s)}(?![\d]|[.,]\d)", change.wording) for s in spellings):
        problems.error(spans.at(path + ("change", "wording")),
                       f"the wording {change.wording!r} does not state the {fmt.number(amount, 'percent')} of `percent:`",
                       "quote the source's own words for this change, or correct `percent:`")


def _check_parts(data: DataFile, spans: SpanMap, problems: Collector, fmt: Formatter) -> None:
    """The parts of a figure must not add up to more than it (else its remainder would be negative)."""
    parts: dict[str, list[tuple[str, Figure]]] = {}
    for key, fig in data.figures.items():
        if fig.part_of is not None and fig.part_of != key and fig.part_of in data.figures:
            parts.setdefault(fig.part_of, []).append((key, fig))
    for key, named in parts.items():
        whole = data.figures[key]
        total = sum(f.value for _, f in named)
        if total > whole.value:
            names = ", ".join(k for k, _ in named)
            problems.error(spans.at(("figures", key, "value")),
                           f"the parts of figure {key!r} ({names}) add up to {fmt.number(total)}, "
                           f"more than its {fmt.number(whole.value)}",
                           "check the values, or the `part_of:` of each part")


def _check_section_refs(data: DataFile, spans: SpanMap, problems: Collector) -> None:
    """A series or quote set into the narrative names a section that exists."""
    ids = [s.id for s in data.sections]
    for kind, items in (("series", data.series), ("quotes", data.quotes)):
        for key, item in items.items():
            if item.section is not None and item.section not in ids:
                report_unknown(problems, spans, (kind, key, "section"), "section", item.section, ids)


def _check_highlights(data: DataFile, spans: SpanMap, problems: Collector) -> None:
    """A highlighted category is one of the series' categories (or, of several rows, one of the rows)."""
    for key, series in data.series.items():
        wanted = series.chart.highlight if series.chart else None
        rows = [row.name for row in series.series] if len(series.series) > 1 else []  # a row in focus, or a part
        if wanted is not None and wanted not in (*series.categories, *rows):
            report_unknown(problems, spans, ("series", key, "chart", "highlight"),
                           "category or row" if rows else "category", wanted, [*series.categories, *rows])


def _check_section_ids(data: DataFile, spans: SpanMap, problems: Collector) -> None:
    """Section ids must be unique: layouts pick sections by id."""
    first: dict[str, int] = {}
    for i, section in enumerate(data.sections):
        if section.id in first:
            was = spans.at(("sections", first[section.id], "id"))
            problems.error(spans.at(("sections", i, "id")), f"duplicate section id {section.id!r}",
                           f"it is already used at line {was.line}; give each section its own id")
        else:
            first[section.id] = i


def _change(fig: Figure, key: str, fmt: Formatter, previous: DataFile | None, data: DataFile):
    """The stated change, else one computed from a stated or previous-file value."""
    stated = derive.stated_change(fig, fmt)
    if stated is not None:
        return stated
    period = previous.report.period.label if previous else None
    stated = derive.previous_of(fig)
    if stated is not None:
        value, own_period = stated
        return derive.change_from_previous(fig, value, own_period or period, fmt)
    if previous is not None and key in previous.figures:
        return derive.change_from_previous(fig, previous.figures[key].value, period, fmt)
    return None


def _all_series(data: DataFile, spans: SpanMap, problems: Collector, fmt: Formatter,
                previous: DataFile | None = None, figures: dict[str, FigureView] | None = None) -> dict[str, SeriesView]:
    """Resolve every series, checking lengths and figure references."""
    return {key: _series(key, s, data, spans, problems, fmt, previous, figures or {})
            for key, s in data.series.items()}


def _series(key: str, series: Series, data: DataFile, spans: SpanMap, problems: Collector,
            fmt: Formatter, previous: DataFile | None = None,
            figures: dict[str, FigureView] | None = None) -> SeriesView:
    """Resolve one series."""
    points = len(series.categories) * len(series.series)
    if points > MAX_POINTS:
        problems.error(spans.key(("series", key)), f"series {key!r} has {points:,} values "
                       f"({len(series.series)} rows of {len(series.categories)}), more than the {MAX_POINTS:,} a chart may draw",
                       "chart fewer rows or categories (the limit keeps a build to seconds)")
    errors = _error_count(problems)
    rows = []
    for i, row in enumerate(series.series):
        path = ("series", key, "series", i, "values")
        if len(row.values) != len(series.categories):
            problems.error(spans.at(path), f"series {key!r}, row {row.name!r}: {len(row.values)} values for "
                           f"{len(series.categories)} categories", "give one value per category, in order")
        rows.append(SeriesRow(row.name, tuple(_point(v, path + (j,), series, data, spans, problems, fmt, previous)
                                             for j, v in enumerate(row.values))))
    # Measures are judged only on references that resolved: a wrong one is already an error at its line.
    clean = _error_count(problems) == errors and not _dangling_part_of(data)
    unlike = unlike_measures(series, data.figures) if clean else ()
    if unlike and series.charted:
        problems.warning(spans.key(("series", key)), f"series {key!r} puts {len(unlike)} different measures on one "
                         f"axis ({'; '.join(unlike)}), so it is not charted",
                         "a chart compares one measure: give each measure a series of its own; if these figures "
                         "count the same thing, say what with `measure:` (e.g. `measure: arrests`); "
                         "`charted: false` keeps the series uncharted without this warning")
    shown = [v.as_shown for row in rows for v in row.values]
    plan = plan_chart(series, data.report.period.label, tuple(v.number for row in rows for v in row.values),
                      data.figures) if series.charted and not unlike else None
    code = fmt.code(series.unit, series.currency, formatting.places(shown, series.unit))
    return SeriesView(key, series.title, series.unit, tuple(series.categories), tuple(rows), plan,
                      series.headline, series.section, currency=series.currency, number_format=code,
                      locale=fmt.locale, references=_references(series, fmt), unlike_measures=unlike,
                      published=_published(series, rows, figures or {}))


def _published(series: Series, rows: list[SeriesRow], figures: dict[str, FigureView]) -> tuple[str, ...]:
    """The published figures the series' derived values come from, in words, where the chart would not show them.

    A chart of monthly averages derived from 5,812 reports shows only derived bars; the reader
    still sees the published total and the change the source states ("5,812 reports received
    and activated, a 76% increase on the monthly average from 2006/07"). A figure whose value is
    already a label of the chart, or written in its title, needs no such line.
    """
    shown = {v.text for row in rows for v in row.values if not v.derived}
    found: dict[str, str] = {}
    for row, resolved in zip(series.series, rows):
        for value, point in zip(row.values, resolved.values):
            if not (isinstance(value, FigureRef) and point.derived and value.figure in figures):
                continue
            fig = figures[value.figure]
            if fig.value.text in shown or re.search(rf"(?<![\w.,]){re.escape(fig.value.text)}(?![\w]|[.,]\d)",
                                                      series.title):
                continue
            change = fig.change.text if fig.change is not None and not fig.change.derived else None
            found.setdefault(value.figure, f"{fig.value.text} {fig.label}" + (f", {change}" if change else ""))
    return tuple(found.values())


def _error_count(problems: Collector) -> int:
    """How many errors have been recorded so far."""
    return sum(1 for d in problems.items if d.severity.value == "error")


def _references(series: Series, fmt: Formatter) -> tuple[Reference, ...]:
    """The series' benchmark and target as lines to draw, each saying what it is and when."""
    found = []
    for kind, mark in (("benchmark", series.benchmark), ("target", series.target)):
        if mark is not None:
            value = Value(mark.value, fmt.number(mark.value, series.unit, series.currency))
            when = f" ({mark.period})" if mark.period else ""
            found.append(Reference(kind, value, f"{mark.label[:1].upper()}{mark.label[1:]}{when}: {value.text}"))
    return tuple(found)


def _point(value: float | FigureRef, path: tuple, series: Series, data: DataFile, spans: SpanMap,
           problems: Collector, fmt: Formatter, previous: DataFile | None = None) -> Value:
    """One series value: a number, or a figure (or something derived from it)."""
    if not isinstance(value, FigureRef):
        return Value(value, fmt.number(value, series.unit, series.currency))
    fig = data.figures.get(value.figure)
    if fig is None:
        report_unknown(problems, spans, path + ("figure",), "figure", value.figure, list(data.figures))
        return Value(0, "?")
    _check_same_unit(fig, value.figure, series, path, spans, problems)
    resolved = _at(value, fig, data, fmt, previous)
    if resolved is None and value.at == "remainder" and _dangling_part_of(data):
        return Value(0, "?")  # the unknown `part_of:` is already reported; this would only repeat it
    if resolved is None:
        problems.error(spans.at(path + ("at",)), f"figure {value.figure!r} has no {value.at.replace('_', ' ')} value",
                       _at_hint(value.at))
        return Value(0, "?")
    return resolved


def _check_same_unit(fig: Figure, name: str, series: Series, path: tuple, spans: SpanMap,
                     problems: Collector) -> None:
    """A series charts one unit on one axis: a figure of another unit or currency would be mislabelled."""
    if fig.unit != series.unit and {fig.unit, series.unit} != {"count", "people"}:
        problems.error(spans.at(path + ("figure",)), f"figure {name!r} is in {fig.unit!r} but the series is in "
                       f"{series.unit!r}", "chart figures of one unit together, or set the series' `unit:`")
    elif fig.unit == "money" and fig.currency != series.currency:
        problems.error(spans.at(path + ("figure",)), f"figure {name!r} is in {fig.currency} but the series is in "
                       f"{series.currency}", "chart money of one currency together, or set the series' `currency:`")


def _dangling_part_of(data: DataFile) -> bool:
    """True when some figure's `part_of:` names no figure, or the figure itself."""
    return any(f.part_of is not None and (f.part_of not in data.figures or f.part_of == k)
               for k, f in data.figures.items())


def _at(ref: FigureRef, fig: Figure, data: DataFile, fmt: Formatter,
        previous: DataFile | None = None) -> Value | None:
    """The value a reference asks for, or None when the figure cannot give it."""
    if ref.at == "value":
        return derive.stated_value(fig, fmt)
    if ref.at == "previous":
        stated = derive.previous_of(fig)
        if stated is not None:
            return Value(stated[0], fmt.number(stated[0], fig.unit, fig.currency))  # published, not derived
        if previous is not None and ref.figure in previous.figures:
            # Published in last year's file: a stated figure, not a derived one.
            return derive.stated_value(previous.figures[ref.figure], fmt)
        return derive.implied_previous(fig, fmt)
    if ref.at == "monthly_average":
        return derive.monthly_average(fig, fmt, _last_year(ref.figure, fig, previous))
    if ref.at == "previous_monthly_average":
        return derive.previous_monthly_average(fig, fmt, _last_year(ref.figure, fig, previous))
    parts = [f for f in data.figures.values() if f.part_of == ref.figure]
    return derive.remainder(fig, parts, fmt) if parts else None


def _last_year(key: str, fig: Figure, previous: DataFile | None) -> derive.LastYear | None:
    """Last year's published value of a figure: its own `previous:`, else the same figure in last year's file."""
    period = previous.report.period.label if previous else None
    stated = derive.previous_of(fig)
    if stated is not None:
        return derive.LastYear(stated[0], stated[1] or period)
    if previous is not None and key in previous.figures:
        return derive.LastYear(previous.figures[key].value, period)
    return None


def _at_hint(at: str) -> str:
    """Why a figure cannot give a value."""
    return {
        "previous": "give the figure a `previous:` value or a `change:` with a factor or percentage, "
                    "or name last year's file in `previous:` at the top",
        "previous_monthly_average": "give the figure a `previous:` value or a `change:` with `of: monthly average`, "
                                    "or name last year's file in `previous:` at the top",
        "remainder": "name this figure in another figure's `part_of:`",
    }.get(at, "")


def _quotes(data: DataFile, spans: SpanMap, problems: Collector) -> dict[str, QuoteView]:
    """Resolve quotes, checking that each pull excerpt is quoted verbatim."""
    views = {}
    for key, q in data.quotes.items():
        full = " ".join(q.text)
        pull = q.pull or q.text[0]
        if q.pull is not None and " ".join(q.pull.split()) not in " ".join(full.split()):
            problems.error(spans.at(("quotes", key, "pull")), f"the pull quote of {key!r} is not in its text",
                           _pull_hint(q.pull, full))
        views[key] = QuoteView(key, q.speaker, q.role, tuple(q.text), pull, q.pull is not None, q.section,
                                kind=q.kind)
    return views


def _pull_hint(pull: str, full: str) -> str:
    """Show how far the pull quote matches the quote's text, so the difference is easy to find."""
    pull, full = " ".join(pull.split()), " ".join(full.split())
    matched = pull[:_matching_prefix(pull, full)]
    if len(matched) < len(pull) and matched[-1:].isalnum() and pull[len(matched)].isalnum():
        matched = matched.rsplit(" ", 1)[0] if " " in matched else ""  # stop at the last whole word
    why = "a pull quote must be an exact excerpt of the quote, so nobody is misquoted"
    if len(matched.strip()) < 3:
        return why
    return f"it matches the quote only as far as “{matched.strip()}”; {why}"


def _matching_prefix(pull: str, full: str) -> int:
    """Length of the longest start of `pull` found in `full` (binary search: shorter starts match too)."""
    low, high = 0, len(pull)
    while low < high:
        mid = (low + high + 1) // 2
        if pull[:mid] in full:
            low = mid
        else:
            high = mid - 1
    return low
