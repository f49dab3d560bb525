"""The resolved report: typed, immutable, with derived values computed once and marked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from generator.diagnostics import Span
from generator.model.chartplan import ChartPlan
from generator.model.markup import Block, Run


@dataclass(frozen=True)
class Value:
    """A number with its display text; `derived` when the tool computed it rather than the source."""

    number: float
    text: str
    derived: bool = False
    approximate: bool = False
    note: str | None = None  # how a derived value was computed, shown to readers
    shown: float | None = None  # the number `text` shows when it is rounded ("about 275" for 275.19)

    @property
    def as_shown(self) -> float:
        """The number as printed: what a chart's workbook holds, so Edit Data shows no false precision."""
        return self.number if self.shown is None else self.shown


@dataclass(frozen=True)
class Change:
    """A change on the previous year, as stated by the source or derived from last year's file."""

    text: str  # "a three-fold increase on the first year's results"
    short: str  # "three-fold increase" / "up 76%"
    derived: bool
    previous: Value | None  # the previous year's value, stated or implied
    note: str | None = None  # how a derived change was computed, shown to readers
    computation: str | None = None  # this figure's own arithmetic, when the note is shared (for `explain`)


@dataclass(frozen=True)
class Comparison:
    """A figure against a benchmark or a target, each with its own label and period."""

    kind: str  # "benchmark" or "target"
    text: str  # "4.5 percentage points above the national average (94.5% in 2016/17)"
    value: Value  # the benchmark or target, as published
    note: str  # how the difference was computed
    met: bool | None = None  # for a target: met or missed
    derived: bool = True  # the difference is computed by the tool


@dataclass(frozen=True)
class Share:
    """A part of another figure: "18 of the 131"."""

    whole_key: str
    text: str
    fraction: float


@dataclass(frozen=True)
class FigureView:
    """One figure, ready to show."""

    key: str
    value: Value
    unit: str
    label: str
    detail: str | None
    headline: bool
    change: Change | None
    share: Share | None
    source: str | None
    currency: str | None = None
    comparisons: tuple[Comparison, ...] = ()  # against a benchmark and a target (issue 9)

    @property
    def statements(self) -> tuple[tuple[str, bool], ...]:
        """The change and comparisons in words, each with whether it is derived, in reading order."""
        lines = [(self.change.text, self.change.derived)] if self.change else []
        return tuple(lines + [(c.text, c.derived) for c in self.comparisons])


@dataclass(frozen=True)
class Reference:
    """A benchmark or target drawn across a chart as a line, with its words: "The national average (2016/17): 94.5%"."""

    kind: str  # "benchmark" or "target"
    value: Value
    text: str


@dataclass(frozen=True)
class SeriesRow:
    """One named row of a resolved series."""

    name: str
    values: tuple[Value, ...]


@dataclass(frozen=True)
class SeriesView:
    """A resolved chart series: categories and rows of values, and how to chart it."""

    key: str
    title: str
    unit: str
    categories: tuple[str, ...]
    rows: tuple[SeriesRow, ...]
    plan: ChartPlan | None = None  # None: not to be charted by the shipped layouts' collections
    headline: bool = False
    section: str | None = None
    currency: str | None = None
    number_format: str = "#,##0"  # the Excel code that writes these values as their labels do
    locale: str = "en-GB"  # whose separators the charts' ticks use
    references: tuple[Reference, ...] = ()  # benchmark and target lines (issue 9)
    unlike_measures: tuple[str, ...] = ()  # the different measures its figures count, when not one (never charted)
    published: tuple[str, ...] = ()  # the published figures its derived values come from, in words

    @property
    def derived_notes(self) -> tuple[str, ...]:
        """The distinct notes of every derived value, in order."""
        notes = [v.note for row in self.rows for v in row.values if v.derived and v.note]
        return tuple(dict.fromkeys(notes))


@dataclass(frozen=True)
class QuoteView:
    """A quote in full, with its pull excerpt."""

    key: str
    speaker: str
    role: str
    paragraphs: tuple[str, ...]
    pull: str
    has_pull: bool = True  # the data file gave a pull excerpt (else `pull` is the first paragraph)
    section: str | None = None
    kind: str = "verbatim"  # or "reported": printed without quotation marks, as "X said that ..."


@dataclass(frozen=True)
class SectionView:
    """A narrative section as styled blocks; without a title it carries on the text before it."""

    key: str
    title: str | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ListView:
    """A titled list, each item as styled runs."""

    key: str
    title: str
    items: tuple[tuple[Run, ...], ...]


@dataclass(frozen=True)
class SourceView:
    """A source of figures."""

    key: str
    title: str
    publisher: str | None
    kind: str | None
    url: str | None
    note: str | None


@dataclass(frozen=True)
class Report:
    """Everything a layout can bind to, resolved from one data file."""

    path: str
    organisation: str
    short_name: str
    website: str | None
    description: str | None
    title: str
    subtitle: str | None
    period: str
    period_description: str | None
    published: str | None
    locale: str
    full_review_title: str | None
    full_review_url: str | None
    figures: Mapping[str, FigureView]
    series: Mapping[str, SeriesView]
    quotes: Mapping[str, QuoteView]
    sections: tuple[SectionView, ...]
    lists: Mapping[str, ListView]
    notes: tuple[str, ...]
    sources: Mapping[str, SourceView]
    theme: str | None = None
    theme_span: Span | None = None  # where the data file names its theme, for diagnostics
    headline: str | None = None
    intro: str | None = None
    address: tuple[str, ...] = ()  # the back page's contact details, each line left out when not given
    phone: str | None = None
    email: str | None = None
    contact_website: str | None = None  # the contact website, else the organisation's
    copyright: str | None = None
    alternative_formats: str | None = None

    @property
    def headline_figures(self) -> tuple[FigureView, ...]:
        """The figures that lead the report (see model.collections)."""
        from generator.model.collections import headline_figures

        return headline_figures(self)

    def placeholders(self) -> dict[str, str]:
        """Values for `{report.x}` placeholders in layout text."""
        return {
            "report.title": self.title,
            "report.headline": self.headline or self.title,
            "report.intro": self.intro or "",
            "report.period_description": self.period_description or "",
            "report.subtitle": self.subtitle or "",
            "report.period": self.period,
            # The period shown apart (large, on a cover) only when the title does not already say it.
            "report.period_unless_in_title": "" if self.period in self.title else self.period,
            "report.organisation": self.organisation,
            "report.short_name": self.short_name,
            "report.website": _bare(self.website or ""),
            "report.description": self.description or "",
            "report.published": self.published or "",
            "report.full_review_url": self.full_review_url or "",
            "report.full_review_title": self.full_review_title or "",
            # A paragraph per line of the address, so a text block sets it line by line.
            "report.address": "\n\n".join(self.address),
            "report.phone": self.phone or "",
            "report.email": self.email or "",
            "report.contact_website": _bare(self.contact_website or self.website or ""),
            "report.copyright": self.copyright or "",
            "report.alternative_formats": self.alternative_formats or "",
        }


def _bare(url: str) -> str:
    """A web address as printed: without its scheme or a trailing slash."""
    return url.removeprefix("https://").removeprefix("http://").rstrip("/")
