"""Money says which currency it is in: per figure or series, else the report's default, never a guess."""

from __future__ import annotations

import difflib
from functools import lru_cache

from babel.numbers import list_currencies

from generator.diagnostics import Collector
from generator.load.spans import SpanMap
from generator.model.datafile import DataFile

_HINT = ("add `currency:` with its ISO 4217 code (e.g. `currency: NZD`) here, "
         "or a default `currency:` under `report:`")


def check_currencies(data: DataFile, spans: SpanMap, problems: Collector) -> None:
    """Every currency code is one Babel knows, and every money figure and series has one."""
    if data.report.currency is not None:
        _known(data.report.currency, spans, ("report", "currency"), problems)
    for kind, entries in (("figure", data.figures), ("series", data.series)):
        for key, entry in entries.items():
            path = ("figures" if kind == "figure" else "series", key)
            if entry.currency is not None:
                _known(entry.currency, spans, path + ("currency",), problems)
            if entry.unit == "money" and entry.currency is None and data.report.currency is None:
                problems.error(spans.at(path + ("unit",)), f"{kind} {key!r} is money but names no currency", _HINT)
            elif entry.unit != "money" and entry.currency is not None:
                problems.error(spans.at(path + ("currency",)), f"{kind} {key!r} has a currency but its unit is "
                               f"{entry.unit!r}", "write `unit: money`, or remove `currency:`")


def currency_of(entry_currency: str | None, unit: str, data: DataFile) -> str | None:
    """The currency a money figure or series is in: its own, else the report's default."""
    return (entry_currency or data.report.currency) if unit == "money" else None


def _known(code: str, spans: SpanMap, path: tuple, problems: Collector) -> None:
    """An ISO 4217 code Babel has data for."""
    if code in _codes():
        return
    close = difflib.get_close_matches(code, sorted(_codes()), n=3, cutoff=0.6)
    hint = ("did you mean " + " or ".join(repr(c) for c in close) + "?") if close else \
        "write a three-letter ISO 4217 code in capitals, e.g. GBP, EUR, NZD or USD"
    problems.error(spans.at(path), f"unknown currency {code!r}", hint)


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    """Every currency code CLDR (through Babel) names."""
    return frozenset(list_currencies())
