"""Next year's data file from last year's: the same structure, with nothing of last year's that could pass for this year's.

What is kept: every key, label, unit, figure reference and source key, with
period labels moved on a year ("Annual Review 2007/08" → "2008/09"). What is
left blank, so that `make-report check` lists it at its line: each figure's
value, numbers written into series, and the text that only this year can say
(quote words, section bodies, list items, source titles, and any kept title
that mentions a number, since the number is last year's). What is commented
out with last year's wording: optional text about last year's edition
(subtitle, publication date, notes, ...). Stated changes are dropped: they
compared last year with the year before, and `previous:` now gives the change.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Callable

from generator.scaffold.periods import PeriodShift
from generator.scaffold.yamltext import Block, Item, Scalar, listing, mapping, scalar_text

Rule = Callable[[str | None, Any], "Item | None"]


@dataclass(frozen=True)
class Carry:
    """How each kind of value is carried from last year's file into next year's."""

    shift: PeriodShift

    @property
    def last(self) -> str:
        """Last year's period label, for comments."""
        return self.shift.old

    def plain(self, value: Any, move: bool = True) -> Scalar | Block:
        """A value as it was, with period labels in its text moved on (unless `move` is false)."""
        if isinstance(value, dict):
            return mapping(*(Item(k, self.plain(v, move)) for k, v in value.items()))
        if isinstance(value, list):
            return listing(*(Item(None, self.plain(v, move)) for v in value))
        if move and isinstance(value, str) and not value.startswith(("http://", "https://")):
            return self.shift.move(value)[0]
        return value

    def keep(self, key: str | None, value: Any) -> Item:
        """Kept, period labels moved on (options such as a chart's highlighted category follow the year)."""
        return Item(key, self.plain(value))

    def verbatim(self, key: str | None, value: Any) -> Item:
        """Kept exactly: names, roles, addresses."""
        return Item(key, self.plain(value, move=False))

    def text(self, key: str | None, value: Any, required: bool = True) -> Item:
        """A title or label: kept with its period moved on, unless it mentions another number (last year's)."""
        if not isinstance(value, str):
            return self.keep(key, value)
        moved, numbers = self.shift.move(value)
        if not numbers:
            return Item(key, moved)
        if not required:
            return Item(key, moved, note=f"{self.last}'s, with its numbers: update it or delete it", off=True)
        return Item(key, None, note=f"{self.last}: {_short(value)} (it gave last year's numbers)")

    def optional_text(self, key: str | None, value: Any) -> Item:
        """An optional text: as `text`, but commented out rather than blank when it mentions a number."""
        return self.text(key, value, required=False)

    def off(self, key: str | None, value: Any) -> Item:
        """Commented out as last year wrote it: optional, and about last year's edition."""
        return Item(key, self.plain(value, move=False), note=f"{self.last}'s: update it or delete it", off=True)

    def blank(self, what: str, show: bool = False) -> Rule:
        """A rule leaving the value blank for this year's, saying what to write (and, if `show`, last year's)."""
        def rule(key: str | None, value: Any) -> Item:
            return Item(key, None, note=f"{what} ({self.last}: {_short(value)})" if show else what)
        return rule

    def date(self, key: str | None, value: Any) -> Item:
        """A period's first or last day, moved on by the years between the periods; else commented out."""
        day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
        moved = self.shift.move_date(day) if isinstance(day, datetime.date) else None
        return Item(key, moved) if moved is not None else self.off(key, value)


def drop(key: str | None, value: Any) -> None:
    """Not carried over."""
    return None


def next_year(data: dict[str, Any], new_period: str, previous: str) -> Block:
    """Next year's top-level mapping from last year's (a file that has already been checked)."""
    carry = Carry(PeriodShift.between(data["report"]["period"]["label"], new_period))
    sections: dict[str, Callable[[Any], Item]] = {
        "report": lambda v: Item("report", _report(v, carry)),
        "figures": lambda v: Item("figures", mapping(*(Item(k, _figure(f, carry)) for k, f in v.items())),
                                  doc=(_FIGURES_DOC.format(last=carry.last),)),
        "series": lambda v: Item("series", mapping(*(Item(k, _series(s, carry)) for k, s in v.items())),
                                 doc=(_SERIES_DOC.format(last=carry.last),)),
        "quotes": lambda v: Item("quotes", mapping(*(Item(k, _quote(q, carry)) for k, q in v.items())),
                                 doc=(_QUOTES_DOC.format(last=carry.last),)),
        "sections": lambda v: Item("sections", listing(*(Item(None, _section(s, carry)) for s in v)),
                                   doc=(_SECTIONS_DOC.format(last=carry.last),)),
        "lists": lambda v: Item("lists", mapping(*(Item(k, _list(n, carry)) for k, n in v.items())),
                                doc=(_LISTS_DOC.format(last=carry.last),)),
        "notes": lambda v: Item("notes", carry.plain(v, move=False), off=True, doc=(_NOTES_DOC.format(last=carry.last),)),
        "sources": lambda v: Item("sources", mapping(*(Item(k, _source(s, carry)) for k, s in v.items())),
                                  doc=(_SOURCES_DOC.format(last=carry.last),)),
        "contacts": lambda v: carry.verbatim("contacts", v),
        "links": lambda v: carry.verbatim("links", v),
    }
    items = []
    for key, value in data.items():
        if key == "previous":
            continue  # replaced, just after `report:`
        items.append(sections[key](value) if key in sections else carry.keep(key, value))
        if key == "report":
            items.append(Item("previous", previous, doc=(
                f"Last year's file, relative to this one: each figure it has too gets a derived change on {carry.last}.",)))
    return mapping(*items)


def _rules(value: dict[str, Any], rules: dict[str, Rule], default: Rule) -> Block:
    """A mapping carried key by key: each key by its rule, the others by `default`; a rule may drop its key."""
    items = (rules.get(key, default)(key, item) for key, item in value.items())
    return mapping(*(item for item in items if item is not None))


def _report(report: dict[str, Any], carry: Carry) -> Block:
    """The report's title and period moved on; notes about last year's edition commented out."""
    return _rules(report, {
        "organisation": carry.verbatim, "title": carry.text,
        "subtitle": carry.off, "published": carry.off, "full_review": carry.off,
        "contact": carry.verbatim, "alternative_formats": carry.verbatim,
        "copyright": carry.off,  # it usually names last year
        "headline": carry.off, "intro": carry.off,  # last year's words: rewritten each year
        "period": lambda key, value: Item(key, _period(value, carry)),
    }, carry.keep)


def _period(period: dict[str, Any], carry: Carry) -> Block:
    """The new period's label, with its dates moved on when the labels are years."""
    return _rules(period, {
        "label": lambda key, value: Item(key, carry.shift.new),
        "description": carry.off, "start": carry.date, "end": carry.date,
    }, carry.keep)


def _figure(figure: dict[str, Any], carry: Carry) -> Block:
    """A figure with its value left blank (last year's in a comment) and last year's change dropped."""
    qualifier = f"{figure['approximate']} " if isinstance(figure.get("approximate"), str) else ""
    return _rules(figure, {
        "value": lambda key, value: Item(key, None, note=f"this year's figure ({carry.last}: {qualifier}{scalar_text(value)})"),
        "approximate": carry.off, "label": carry.text, "detail": carry.optional_text,
        "previous": drop, "change": drop,
    }, carry.keep)


def _series(series: dict[str, Any], carry: Carry) -> Block:
    """A series with its categories' periods moved on; figure references kept, numbers left blank."""
    return _rules(series, {
        "title": carry.text,
        "categories": lambda key, value: Item(key, listing(*(carry.text(None, c) for c in value))),
        "series": lambda key, value: Item(key, listing(*(Item(None, _row(r, carry)) for r in value))),
    }, carry.keep)


def _row(row: dict[str, Any], carry: Carry) -> Block:
    """One named row of a series."""
    return _rules(row, {
        "name": carry.text,
        "values": lambda key, value: Item(key, listing(*(_point(p, carry) for p in value))),
    }, carry.keep)


def _point(point: Any, carry: Carry) -> Item:
    """A reference to a figure, kept; a number written out, left blank."""
    if isinstance(point, dict):
        return Item(None, carry.plain(point))
    return Item(None, None, note=f"this year's number ({carry.last}: {scalar_text(point)})")


def _quote(quote: dict[str, Any], carry: Carry) -> Block:
    """A speaker kept, their words left blank."""
    return _rules(quote, {
        "text": carry.blank("this year's words, one paragraph per `- ` line below"),
        "pull": carry.off,
    }, carry.verbatim)


def _section(section: dict[str, Any], carry: Carry) -> Block:
    """A section's id and title kept, its body left blank."""
    return _rules(section, {
        "id": carry.verbatim, "title": carry.text,
        "body": carry.blank("this year's text: write `body: |` and the text indented on the lines below"),
    }, carry.keep)


def _list(named: dict[str, Any], carry: Carry) -> Block:
    """A list's title kept, its items left blank."""
    return _rules(named, {
        "title": carry.text,
        "items": carry.blank("this year's items, one `- ` line each below"),
    }, carry.keep)


def _source(source: dict[str, Any], carry: Carry) -> Block:
    """A source's key, publisher and kind kept; this year's title to write, last year's details commented out."""
    return _rules(source, {
        "title": carry.blank("this year's source", show=True),
        "url": carry.off, "date": carry.off, "note": carry.off,
    }, carry.verbatim)


def _short(value: Any, limit: int = 100) -> str:
    """Last year's value for a comment: on one line, cut short."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


_FIGURES_DOC = (
    "Fill in each `value:` with this year's figure as published; last year's is in the comment. Stated `change:` "
    "blocks compared {last} with the year before and are not carried over: with `previous:` each figure's change "
    "on {last} is derived (and marked as derived). Write a `change:` only when this year's source states one.")
_SERIES_DOC = (
    "As in {last}, with period labels moved on a year: figure references are kept, numbers written out are left "
    "blank, and a title or category that gave last year's numbers is left blank, its old wording in a comment.")
_QUOTES_DOC = ("{last}'s speakers: write this year's words for each, or delete the quote.")
_SECTIONS_DOC = ("{last}'s sections: titles kept, text left blank. Write this year's, or delete a section.")
_LISTS_DOC = ("{last}'s lists: titles kept, items left blank.")
_NOTES_DOC = ("{last}'s notes: update them and uncomment them, or delete them.")
_SOURCES_DOC = ("{last}'s sources: name this year's (and its address or date, if it has them).")
