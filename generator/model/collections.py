"""The collections a layout binds to: what a report is made of, by role rather than by key.

Layouts name these (`figures: headline`, `repeat: other_charts`, `when: {pull_quotes: 1}`),
so one layout serves any report: a page exists because its collection has items.
"""

from __future__ import annotations

from typing import Any, Callable

from generator.model.report import FigureView, QuoteView, Report, SeriesView

# With no figure marked `headline: true`, this many figures (in file order) lead the report.
DEFAULT_HEADLINES = 6


def headline_figures(report: Report) -> tuple[FigureView, ...]:
    """Figures marked as headline, in file order; else the first few figures."""
    marked = tuple(f for f in report.figures.values() if f.headline)
    return marked or tuple(report.figures.values())[:DEFAULT_HEADLINES]


def other_figures(report: Report) -> tuple[FigureView, ...]:
    """Figures that are not headline figures, in file order."""
    headline = {f.key for f in headline_figures(report)}
    return tuple(f for f in report.figures.values() if f.key not in headline)


def more_figures(report: Report) -> tuple[FigureView, ...]:
    """Other figures that the narrative and the lists do not already state (see model.told), in file order."""
    from generator.model.told import told

    others = other_figures(report)
    stated = told(report, others)
    return tuple(f for f in others if f.key not in stated)


def pull_quotes(report: Report) -> tuple[QuoteView, ...]:
    """Quotes that have a pull excerpt, in file order."""
    return tuple(q for q in report.quotes.values() if q.has_pull)


def other_quotes(report: Report) -> tuple[QuoteView, ...]:
    """Quotes that name no section of the report (a narrative that sets quotes in full sets the others)."""
    ids = {s.key for s in report.sections}
    return tuple(q for q in report.quotes.values() if q.section not in ids)


def charts(report: Report) -> tuple[SeriesView, ...]:
    """Every series to be charted, in file order."""
    return tuple(s for s in report.series.values() if s.plan is not None)


def headline_charts(report: Report) -> tuple[SeriesView, ...]:
    """Charted series marked as the report's feature chart."""
    return tuple(s for s in charts(report) if s.headline)


def section_charts(report: Report, section: str) -> tuple[SeriesView, ...]:
    """Charted series set into the narrative after one section."""
    featured = {s.key for s in headline_charts(report)[:1]}
    return tuple(s for s in charts(report) if s.section == section and s.key not in featured)


def other_charts(report: Report) -> tuple[SeriesView, ...]:
    """Charted series neither featured (the first headline chart) nor set into the narrative."""
    ids = {s.key for s in report.sections}
    featured = {s.key for s in headline_charts(report)[:1]}
    return tuple(s for s in charts(report) if s.key not in featured and s.section not in ids)


def sources(report: Report) -> tuple[Any, ...]:
    """What a sources block has to say: sources, the full report, notes and derived values."""
    from generator.model.derived_notes import derived_notes

    full = (report.full_review_url,) if report.full_review_url else ()
    return tuple(report.sources.values()) + full + report.notes + tuple(derived_notes(report))


def colophon(report: Report) -> tuple[str, ...]:
    """What the back page says besides the sources: contact details, publication date, copyright, formats."""
    lines = report.address + tuple(x for x in (report.phone, report.email, report.contact_website, report.published,
                                               report.copyright, report.alternative_formats) if x)
    return lines


COLLECTIONS: dict[str, Callable[[Report], tuple[Any, ...]]] = {
    "figures": lambda r: tuple(r.figures.values()),
    "headline_figures": headline_figures,
    "other_figures": other_figures,
    "more_figures": more_figures,
    "quotes": lambda r: tuple(r.quotes.values()),
    "pull_quotes": pull_quotes,
    "other_quotes": other_quotes,
    "sections": lambda r: r.sections,
    "lists": lambda r: tuple(r.lists.values()),
    "series": lambda r: tuple(r.series.values()),
    "charts": charts,
    "headline_charts": headline_charts,
    "other_charts": other_charts,
    "sources": sources,
    "intro": lambda r: (r.intro,) if r.intro else (),
    "subtitle": lambda r: (r.subtitle,) if r.subtitle else (),
    "full_review": lambda r: (r.full_review_url,) if r.full_review_url else (),
    "website": lambda r: (r.website,) if r.website else (),
    "colophon": colophon,
}


def collection(report: Report, name: str) -> tuple[Any, ...]:
    """The items of a named collection (names are checked when a layout is loaded)."""
    return COLLECTIONS[name](report)
