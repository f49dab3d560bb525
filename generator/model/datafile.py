"""The shape of a yearly data file, as pydantic models (validation and JSON Schema).

These classes describe what a person writes. They are immutable and forbid
unknown keys, so a misspelt key is reported rather than ignored.
"""

from __future__ import annotations

import datetime
import difflib
import re
from typing import Annotated, Literal

from generator.charts.kinds import ChartKind
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    HttpUrl,
    StringConstraints,
    Tag,
)

Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
# Values are bounded so that every derived value (value ÷ factor, ÷ 12, ...) stays
# a finite number that rounds and formats; a quadrillion is beyond any report.
MAX_VALUE = 1e15
Number = Annotated[float, Field(ge=-MAX_VALUE, le=MAX_VALUE)]
# Numbers (issue 9): a locale is checked against Babel's data in resolve (an unknown one is an
# error at its line with close matches); a currency is an ISO 4217 code.
Locale = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=35)]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
# Counts are bounded so that laying a file out takes seconds, not hours; each is far beyond a
# real annual review (the shipped one has 14 figures, 5 series of at most 12 categories, 4 quotes).
MAX_FIGURES = 200
MAX_SERIES = 50        # series; also named lists
MAX_CATEGORIES = 100   # categories of one series, and values of each of its rows
MAX_ROWS = 20          # named rows of one series
MAX_POINTS = 500       # values of one series, all rows together (every one is drawn, in both outputs)
MAX_ITEMS = 100        # quotes, sections, notes, sources, contacts, links; items of a list; paragraphs of a quote


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # the only form JSON Schema's "date" format allows


def _iso_date(value: object) -> object:
    """Accept a quoted "2008-04-01" as the date it names.

    In JSON (and so in the schema editors check against) a date is text, so a
    quoted ISO date must be as good as an unquoted one. Anything else is left
    for strict validation to refuse (a number is never taken as a date).
    """
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


Date = Annotated[datetime.date, BeforeValidator(_iso_date)]


class Strict(BaseModel):
    """Base for every data-file object: immutable, no unknown keys, no coercion of types."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Organisation(Strict):
    """Who publishes the report."""

    name: Text
    short_name: Text
    website: HttpUrl | None = None
    description: Text | None = None


class Period(Strict):
    """The year the report covers."""

    label: Text = Field(description='How the period is written, e.g. "2007/08".')
    description: Text | None = None
    start: Date | None = None
    end: Date | None = None


class Link(Strict):
    """A titled link."""

    title: Text
    url: HttpUrl


Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]


class ContactDetails(Strict):
    """How readers reach the organisation, printed on the back page: each line left out when not given."""

    address: Text | None = Field(None, description="The postal address; write it on several lines (`address: |`) "
                                 "and each line is printed on its own.")
    phone: Text | None = Field(None, description='A telephone number, as it should be printed: "0300 123 4567".')
    email: Email | None = Field(None, description="An e-mail address for enquiries (printed as a link).")
    website: HttpUrl | None = Field(None, description="A web address for enquiries (default: the organisation's "
                                    "website).")


class ReportInfo(Strict):
    """The report itself: publisher, title, period, locale."""

    organisation: Organisation
    title: Text
    subtitle: Text | None = None
    period: Period
    published: Date | None = Field(None, description="The date of publication, printed on the back page as "
                                   '"Published April 2008".')
    full_review: Link | None = None
    contact: ContactDetails | None = Field(None, description="Address, telephone, e-mail and website, printed on the "
                                           "back page.")
    copyright: Text | None = Field(None, description='The copyright line, printed as written: '
                                   '"© Fenwick Valley Community Larder 2024".')
    alternative_formats: Text | None = Field(None, description="How to ask for the report in another format (large "
                                             "print, Braille, audio, Easy Read, another language), printed as written.")
    # Words and brand a layout may use; each has a natural default, so none is required.
    theme: Key | None = Field(None, description="The theme (a folder under layouts/themes/) that brands this report; "
                              "default: the layout's, else make-report's own.")
    headline: Text | None = Field(None, description="The report's headline on the at-a-glance page "
                                  "(default: the report's title).")
    intro: Text | None = Field(None, description="A sentence or two introducing the headline figures (default: none).")
    # Numbers (issue 9): any locale Babel knows, checked in resolve with a hint; a default currency.
    locale: Locale = Field("en-GB", description='How numbers and dates are written: any CLDR locale, e.g. "en-GB", "en-NZ", "de-DE".')
    currency: CurrencyCode | None = Field(None, description="The currency of money figures and series that name none (ISO 4217, e.g. NZD).")


def _change_kind(value: object) -> str:
    """Pick the change model by its keys, so errors name one model, not both.

    A misspelt `percnt:` still picks the percentage model, so the error is
    "unknown key 'percnt', did you mean 'percent'?" rather than "missing factor".
    """
    if isinstance(value, PercentChange):
        return "percent_change"
    if isinstance(value, dict) and "factor" not in value:
        words = [str(k) for k in value]
        if "percent" in words or "of" in words or difflib.get_close_matches("percent", words, n=1, cutoff=0.6):
            return "percent_change"
    return "factor_change"


def _value_kind(value: object) -> str:
    """A series value is a figure reference when written as a mapping, else a number."""
    return "ref" if isinstance(value, (dict, FigureRef)) else "number"


class FactorChange(Strict):
    """A change stated as a multiple, e.g. "a three-fold increase"."""

    factor: Annotated[float, Field(ge=0.01, le=1000)]
    wording: Text | None = Field(None, description='How the source words it, e.g. "three-fold".')
    compared_with: Text
    previous_period: Text | None = None


class PercentChange(Strict):
    """A change stated as a percentage, optionally of a derived measure such as a monthly average."""

    # Above -100: a fall of 100% or more leaves nothing to divide by when deriving last year's value.
    percent: Annotated[float, Field(gt=-100, le=1_000_000)]
    of: Literal["total", "monthly average"] = "total"
    compared_with: Text
    previous_period: Text | None = None
    # Numbers (issue 9): the source's own words, quoted in notes only when given.
    wording: Text | None = Field(None, description='How the source words it, e.g. "a 76% increase" or "fell 4%".')


# ---- Numbers (issue 9): compared values, each with its own label and period -------------------

def _previous_kind(value: object) -> str:
    """`previous:` is a bare number, or a mapping with the value and its period."""
    return "previous_value" if isinstance(value, (dict, PreviousValue)) else "number"


class PreviousValue(Strict):
    """Last year's published value with the period it is for: `{value: 74, period: 2016/17}`."""

    value: Number
    period: Text | None = Field(None, description='The period the value is for, e.g. "2016/17".')


class Benchmark(Strict):
    """A value to compare with, such as a national average or a peer group's."""

    value: Number
    label: Text = Field(description='What it is, e.g. "the national average".')
    period: Text | None = Field(None, description='The period it is for, e.g. "2016/17".')


class Target(Strict):
    """A target or performance standard that the figure meets or misses."""

    value: Number
    label: Text = Field("the target", description='What it is, e.g. "the four-hour standard".')
    period: Text | None = Field(None, description='The period it is set for, e.g. "2017/18".')
    better: Literal["higher", "lower"] = Field("higher", description="Whether a higher or a lower value meets it.")


# "people" reads like "count" and says what is counted; percentages and money format differently.
Unit = Literal["count", "people", "percent", "money"]
Qualifier = Literal["almost", "over", "about", "nearly", "more than", "up to"]


class Figure(Strict):
    """One published figure: a value with its label, detail and provenance."""

    value: Number
    unit: Unit = "count"
    currency: CurrencyCode | None = None
    approximate: Qualifier | None = Field(None, description='How the source qualifies the value, e.g. "almost".')
    label: Text
    detail: Text | None = None
    headline: bool = False
    part_of: Key | None = Field(None, description="A figure this one is a part of (gives a share).")
    previous: Annotated[
        Annotated[Number, Tag("number")] | Annotated[PreviousValue, Tag("previous_value")],
        Discriminator(_previous_kind),
    ] | None = Field(None, description="Last year's value, when published: a number, or {value, period}.")
    change: Annotated[
        Annotated[FactorChange, Tag("factor_change")] | Annotated[PercentChange, Tag("percent_change")],
        Discriminator(_change_kind),
    ] | None = None
    source: Key | None = None
    # Numbers (issue 9): comparators other than last year.
    benchmark: Benchmark | None = None
    target: Target | None = None


class FigureRef(Strict):
    """A series value taken from a figure, or computed from it (then marked derived)."""

    figure: Key
    at: Literal["value", "previous", "monthly_average", "previous_monthly_average", "remainder"] = "value"


class NamedSeries(Strict):
    """One named row of values in a chart series."""

    name: Text
    values: list[
        Annotated[
            Annotated[Number, Tag("number")] | Annotated[FigureRef, Tag("ref")],
            Discriminator(_value_kind),
        ]
    ] = Field(min_length=1, max_length=MAX_CATEGORIES)


class ChartChoice(Strict):
    """How the data's author wants a series charted; anything left out is chosen from its shape."""

    kind: ChartKind | None = Field(None, description="column, bar, stacked_column, stacked_bar, line, donut or pie.")
    highlight: Text | None = Field(None, description="A category (or, of several rows, a row) drawn in the highlight "
                                   "colour: the focus; the rest are drawn in the neutral.")
    sort: Literal["none", "ascending", "descending"] | None = None
    legend: Literal["none", "top", "bottom", "right", "left"] | None = None
    data_labels: bool | None = None
    x_title: Text | None = None
    y_title: Text | None = None


class Series(Strict):
    """Data behind a chart: categories and one or more named series."""

    title: Text
    unit: Unit = "count"
    measure: Text | None = Field(
        None, description="What every value counts, when the values come from figures with different labels: "
                          "says they are one measure that may share an axis (e.g. `arrests` for arrests by region).")
    categories: list[Text] = Field(min_length=1, max_length=MAX_CATEGORIES)
    series: list[NamedSeries] = Field(min_length=1, max_length=MAX_ROWS)
    chart: ChartChoice | None = Field(None, description="How to chart it (default: chosen from the series' shape).")
    charted: bool = Field(True, description="false keeps the series out of the shipped layouts' charts.")
    headline: bool = Field(False, description="The report's feature chart, beside the headline figures.")
    section: Key | None = Field(None, description="A section id: the chart is set into the narrative after it.")
    # Numbers (issue 9): a money series names its currency (else the report's `currency:`).
    currency: CurrencyCode | None = None
    # Numbers (issue 9): reference lines drawn across the chart, labelled with their period.
    benchmark: Benchmark | None = None
    target: Target | None = None


class Quote(Strict):
    """A quotation in full, with who said it and a short pull excerpt taken from it verbatim."""

    speaker: Text
    role: Text
    text: list[Text] = Field(min_length=1, max_length=MAX_ITEMS, description="The quote's paragraphs, in full.")
    pull: Text | None = Field(None, description="An excerpt for pull quotes; must appear in the text verbatim.")
    section: Key | None = Field(None, description="A section id: the pull quote is set into the narrative after it.")
    # Numbers and words (issue 9): reported speech is printed without quotation marks, attributed.
    kind: Literal["verbatim", "reported"] = Field(
        "verbatim", description="verbatim: the speaker's own words, in quotation marks; reported: what the source "
                                "reports they said, written to follow \"X said that\", printed without quotation marks.")


class Section(Strict):
    """A section of narrative in light Markdown (emphasis, links, bullet lists)."""

    id: Key
    title: Text | None = Field(None, description="The section's heading; without one, the section carries on the "
                               "text before it (the first section, the headline).")
    body: Text


class NamedList(Strict):
    """A titled list of items in light Markdown."""

    title: Text
    items: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)


class Source(Strict):
    """Where figures come from."""

    title: Text
    publisher: Text | None = None
    kind: Text | None = None
    url: HttpUrl | None = None
    date: Date | None = None
    note: Text | None = None


class Contact(Strict):
    """A contact for enquiries."""

    name: Text
    role: Text | None = None
    email: Text | None = None
    phone: Text | None = None


class DataFile(Strict):
    """A whole yearly data file."""

    report: ReportInfo
    previous: Text | None = Field(None, description="Path of last year's data file, relative to this one.")
    figures: dict[Key, Figure] = Field(min_length=1, max_length=MAX_FIGURES)
    series: dict[Key, Series] = Field(default_factory=dict, max_length=MAX_SERIES)
    quotes: dict[Key, Quote] = Field(default_factory=dict, max_length=MAX_ITEMS)
    sections: list[Section] = Field(default_factory=list, max_length=MAX_ITEMS)
    lists: dict[Key, NamedList] = Field(default_factory=dict, max_length=MAX_SERIES)
    notes: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    sources: dict[Key, Source] = Field(default_factory=dict, max_length=MAX_ITEMS)
    contacts: list[Contact] = Field(default_factory=list, max_length=MAX_ITEMS)
    links: list[Link] = Field(default_factory=list, max_length=MAX_ITEMS)
