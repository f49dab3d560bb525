"""The starter data file: every key of the format, documented, with nothing made up.

What only the organisation knows (the figure's value and label) is left blank,
so `make-report check` lists it at its line until it is filled in; optional keys
are shown commented out, with blank values wherever a value would be the
organisation's own, so that uncommenting one never prints an invented word or
number. Each key is one line below: adding a key to the format adds one line.
The words come from docs/data-format.md and the model's field descriptions.
"""

from __future__ import annotations

from generator.scaffold.periods import earlier
from generator.scaffold.yamltext import Block, Item, listing, mapping

UNITS = "count (default), people (formatted like a count), percent (76 means 76%) or money"


def starter(name: str, short_name: str, period: str) -> Block:
    """The starter file's top-level mapping for one organisation and period."""
    return mapping(
        Item("report", _report(name, short_name, period)),
        Item("previous", note="last year's data file, relative to this one, e.g. ORG-2024-25.yaml", off=True,
             doc=("Each figure that last year's file has too gets a derived change on last year.",)),
        Item("figures", _figures(period), doc=(
            "The published numbers (at least one). Each figure has a key of your choosing (lower case letters, "
            "digits and underscores, starting with a letter); layouts and series refer to it by that key. "
            "Figures are shown in the order written.",)),
        _series(period), _quotes(), _sections(), _lists(), _notes(), _sources(), _contacts(), _links(),
    )


def header(name: str, period: str) -> tuple[str, ...]:
    """The comment paragraphs at the top (below the schema line): what the file is and what to do."""
    return ("", f"{name}, {period}: a starter data file written by `make-report new`. Fill in what is left blank "
            "(`make-report check` lists each blank at its line). Optional keys are commented out: remove the "
            "\"# \" to use one, and delete the rest. docs/data-format.md documents every key.")


def _off(key: str, note: str, value: object = None) -> Item:
    """An optional key, commented out; blank unless its value is a choice from a fixed set."""
    return Item(key, value, note=note, off=True)


def _report(name: str, short_name: str, period: str) -> Block:
    """The `report:` block: publisher, title, period, locale."""
    return mapping(
        Item("organisation", mapping(
            Item("name", name, note="required: who publishes the report"),
            Item("short_name", short_name, note="required: the short name, for running heads and the wordmark"),
            _off("website", "a full web address, e.g. https://www.example.org"),
            _off("description", "what the organisation is, as a phrase: \"the UK's dedicated organisation for ...\""),
        )),
        Item("title", f"Annual Report {period}", note="required: the report's title, as on its cover"),
        _off("subtitle", "a line under the title"),
        Item("period", mapping(
            Item("label", period, note='required: how the period is written, e.g. "2007/08"'),
            _off("description", "a phrase, e.g. \"the organisation's second year\""),
            _off("start", "the first day, YYYY-MM-DD"),
            _off("end", "the last day, YYYY-MM-DD"),
        )),
        _off("published", "the date of publication, YYYY-MM-DD; shown on the back page as \"Published April 2008\""),
        _off("contact", "how readers reach you, printed on the back page (each line only when given)", mapping(
            Item("address", note="the postal address: write `address: |` and its lines below"),
            Item("phone", note='as it should be printed, in quotes: "0300 123 4567"'),
            Item("email", note="an e-mail address for enquiries"),
            Item("website", note="a full web address (default: the organisation's website)"))),
        _off("copyright", "the copyright line, printed as written: \"© Name 2026\""),
        _off("alternative_formats", "how to ask for the report in another format (large print, Braille, audio, "
                                    "another language), printed as written"),
        Item("locale", "en-GB", note="any CLDR locale (en-GB, en-NZ, de-DE...): how numbers, money and dates are written"),
        _off("currency", "the currency of money that names none: an ISO 4217 code, e.g. GBP, NZD, EUR"),
        _off("full_review", "a link to the full document", mapping(
            Item("title", note="required"), Item("url", note="required: a full web address"))),
        _off("theme", "the brand: a folder under layouts/themes/ (default: make-report's own)"),
        _off("headline", "the headline over the headline figures (default: the title)"),
        _off("intro", "a sentence or two introducing the headline figures"),
    )


def _figures(period: str) -> Block:
    """The `figures:` block: one figure to fill in, with every key a figure can have."""
    last = earlier(period) or "the previous period"
    return mapping(Item("first_figure", mapping(
        Item("value", note="required: the number as published, in digits (131, 1700000, 2.3)"),
        Item("label", note="required: what the number counts"),
        _off("unit", UNITS, "count"),
        _off("currency", "for money: an ISO 4217 code in capitals (GBP, NZD, EUR...); else report.currency"),
        _off("approximate", "how the source qualifies the number: almost, over, about, nearly, more than or up to"),
        _off("detail", "a longer explanation, shown under the label"),
        _off("headline", "true to include the figure in the headline tiles", True),
        _off("part_of", "the key of a larger figure this one is a part of (gives a share, \"18 of the 131\")"),
        _off("previous", "last year's value, when the source publishes it (gives a derived change): a number, "
                         "or with the period it is for", mapping(
                             Item("value", note="required: last year's value as published"),
                             Item("period", last, note="the period it is for"))),
        _off("benchmark", "a value to compare with, such as a national average", mapping(
            Item("value", note="required: in the figure's unit"),
            Item("label", note='required: what it is, e.g. "the national average"'),
            Item("period", note="the period it is for"))),
        _off("target", "a target or performance standard, met or missed", mapping(
            Item("value", note="required: in the figure's unit"),
            Item("label", note='what it is (default: "the target")'),
            Item("period", note="the period it is set for"),
            Item("better", "higher", note="higher (default) or lower: which side meets it"))),
        _off("source", "the key of the source (in `sources`) the figure comes from"),
        _off("change", "the change on last year as the source states it, as a multiple ...", mapping(
            Item("factor", note="required: between 0.01 and 1000; 3 is three-fold, 0.5 a halving"),
            Item("wording", note='the source\'s own word, e.g. "three-fold"'),
            Item("compared_with", note="required: what the change is on, e.g. \"the first year's results\""),
            Item("previous_period", last, note="names the implied value"))),
        _off("change", "... or as a percentage", mapping(
            Item("percent", note="required: above -100; 76 is a 76% increase, -12 a 12% fall"),
            Item("wording", note='the source\'s own words for the change, e.g. "a 76% increase" or "fell 4%"'),
            Item("of", "total", note="total (default) or monthly average"),
            Item("compared_with", note="required"),
            Item("previous_period", last, note="names the implied value"))),
    ), doc=("A key of your choosing: rename it.",)))


def _series(period: str) -> Item:
    """The `series:` block, commented out: a chart's categories and rows."""
    last = earlier(period) or "last period"
    return _block("series", (
        "Data behind charts (optional). Each row has one value per category, in order: a number, or a figure's "
        "value as `figure: KEY` with `at:` value (default), previous, monthly_average, previous_monthly_average "
        "or remainder (the value minus the figures that are `part_of` it).",), mapping(Item("example_series", mapping(
            Item("title", note="required"),
            Item("unit", "count", note=UNITS.replace(" (formatted like a count)", "").replace(" (76 means 76%)", "")),
            Item("currency", note="for money: an ISO 4217 code; else report.currency"),
            Item("measure", note="what every value counts, when the values are figures with different labels "
                                 "(e.g. arrests in each region): says they are one measure on one axis"),
            Item("categories", listing(Item(None, last), Item(None, period)), note="required, at least one"),
            Item("series", listing(Item(None, mapping(
                Item("name", note="required"),
                Item("values", listing(
                    Item(None, mapping(Item("figure", "first_figure"), Item("at", "previous"))),
                    Item(None, mapping(Item("figure", "first_figure")))), note="one per category, in order"),
            ))), note="required: one or more named rows"),
            Item("chart", mapping(
                Item("kind", note="column, bar, stacked_column, stacked_bar, line, donut, pie, proportion or waffle"),
                Item("highlight", note="the focus: a category (or one of several rows) drawn in the highlight colour"),
                Item("sort", note="none, ascending or descending"),
                Item("legend", note="none, top, bottom, right or left"),
                Item("data_labels", note="true or false"),
                Item("x_title", note="a title along the category axis"),
                Item("y_title", note="a title along the value axis")), note="how to chart it (default: chosen from its shape)"),
            Item("charted", True, note="false keeps the series out of the charts"),
            Item("headline", False, note="true makes it the feature chart beside the headline figures"),
            Item("section", note="a section id: the chart is set into the narrative after it"),
            Item("benchmark", mapping(Item("value", note="required"), Item("label", note="required"), Item("period")),
                 note="a reference line, e.g. a national average"),
            Item("target", mapping(Item("value", note="required"), Item("label"), Item("period"),
                                   Item("better", "higher", note="higher or lower")),
                 note="a reference line for a target or standard"),
        ))))


def _quotes() -> Item:
    """The `quotes:` block, commented out."""
    return _block("quotes", ("Quotations (optional), each under a key of your choosing.",), mapping(
        Item("example_quote", mapping(
            Item("speaker", note="required"),
            Item("role", note="required"),
            Item("text", listing(Item(None)), note="required: the quote's paragraphs, in full, one `- ` each"),
            Item("pull", note="an excerpt for pull quotes; must appear in the text verbatim"),
            Item("kind", "verbatim", note="verbatim (default): the speaker's own words, in quotation marks; "
                                          "reported: reported speech, written to follow \"X said that\""),
            Item("section", note="a section id: the pull quote is set into the narrative after it"),
        ))))


def _sections() -> Item:
    """The `sections:` block, commented out."""
    return _block("sections", (
        "Narrative (optional), in order, in light Markdown: **bold**, *italic*, [links](https://...), "
        "bullet lists. Write a long body as `body: |` with the text indented on the lines below.",), listing(
        Item(None, mapping(
            Item("id", "overview", note="required: a key of your choosing, unique"),
            Item("title", note="the section's heading; leave it out to carry on the text before it"),
            Item("body", note="required"),
        ))))


def _lists() -> Item:
    """The `lists:` block, commented out."""
    return _block("lists", ("Titled lists (optional), each under a key of your choosing.",), mapping(
        Item("example_list", mapping(
            Item("title", note="required"),
            Item("items", listing(Item(None)), note="required, at least one; light Markdown"),
        ))))


def _notes() -> Item:
    """The `notes:` list, commented out."""
    return _block("notes", ("Notes shown with the sources (optional).",), listing(Item(None)))


def _sources() -> Item:
    """The `sources:` block, commented out."""
    return _block("sources", ("Where figures come from (optional), each under the key figures name in `source:`.",),
                  mapping(Item("main_source", mapping(
                      Item("title", note="required"),
                      Item("publisher"), Item("kind", note='e.g. "press release"'),
                      Item("url", note="a full web address"), Item("date", note="YYYY-MM-DD"), Item("note"),
                  ))))


def _contacts() -> Item:
    """The `contacts:` list, commented out."""
    return _block("contacts", ("Contacts for enquiries (optional).",), listing(Item(None, mapping(
        Item("name", note="required"), Item("role"), Item("email"),
        Item("phone", note='quote numbers that are really text: "020 7000 0000"'),
    ))))


def _links() -> Item:
    """The `links:` list, commented out."""
    return _block("links", ("Titled links (optional).",), listing(Item(None, mapping(
        Item("title", note="required"), Item("url", note="required: a full web address"),
    ))))


def _block(key: str, doc: tuple[str, ...], value: Block) -> Item:
    """An optional top-level block, documented and commented out."""
    return Item(key, value, doc=doc, off=True)

