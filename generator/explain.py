"""`make-report explain`: every figure string each output prints, with the data file line it came from.

The outputs are laid out (not rendered) exactly as a build would lay them
out; each page's and slide's words, including its charts' labels, are then
searched for the strings the model made from the data: figure values,
changes, comparisons, shares, chart values and reference lines. A derived
string is listed with the computation that made it. Any other number printed
is looked up in the data file as written (narrative, lists, quotes); one
found nowhere is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path as FilePath

from generator.diagnostics import Collector, display_path
from generator.layout.chartspec import label_of
from generator.layout.frame import ChartItem, Document, PageFrame, TextItem
from generator.load.spans import Path, SpanMap, dotted
from generator.model.report import Report, Value

# A number standing alone: "5,812", "1.76", "2006/07"; not the "2" of "2nd" or the "2008" of a file name.
_NUMBER = re.compile(r"(?<![\w.,/])\d(?:[\d,./]*\d)?(?![\w])")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


@dataclass(frozen=True)
class Source:
    """A string the model made, and where it came from."""

    text: str
    path: Path
    note: str | None = None  # how a derived string was computed
    explains: bool = False  # the string is itself a note explaining the value at `path`


@dataclass(frozen=True)
class Found:
    """One string printed on a page, explained."""

    text: str
    where: str  # "figures.arrests.value, line 45" or "written at line 262"
    note: str | None = None


def sources(report: Report) -> list[Source]:
    """Every figure string the model made, longest first (so "up 25 percentage points" wins over "25")."""
    found: list[Source] = []
    for key, fig in report.figures.items():
        base = ("figures", key)
        found.append(Source(fig.value.text, base + ("value",)))
        if fig.change:
            # A stated change is written under `change:`; a derived one comes from `previous:`
            # (the figure's own, or the same figure in last year's file).
            change = fig.change
            where = base + (("previous",) if change.derived else ("change",))
            note = (change.computation or change.note) if change.derived else None  # this figure's own sum
            found += [Source(change.text, where, note), Source(change.short, where, note)]
            if change.previous is not None:  # last year's value: stated, or implied by the stated change
                found.append(_value(change.previous, base + (("change",) if change.previous.derived else ("previous",))))
        for comparison in fig.comparisons:
            found += [Source(comparison.text, base + (comparison.kind,), comparison.note),
                      Source(comparison.value.text, base + (comparison.kind, "value"))]
        if fig.share:
            found.append(Source(fig.share.text, base + ("part_of",)))
    for key, series in report.series.items():
        for i, row in enumerate(series.rows):
            for j, value in enumerate(row.values):
                path = ("series", key, "series", i, "values", j)
                found += [_value(value, path), Source(label_of(value), path, value.note if value.derived else None)]
        for ref in series.references:
            found.append(Source(ref.text, ("series", key, ref.kind)))
    found.append(Source(report.period, ("report", "period", "label")))
    found += _notes(report)
    unique = {(s.text.casefold(), s.path): s for s in found if s.text and _NUMBER.search(s.text)}
    return sorted(unique.values(), key=lambda s: -len(s.text))


def _notes(report: Report) -> list[Source]:
    """The notes that explain derived values (printed with the sources and under charts), as whole strings."""
    notes: list[Source] = []
    for key, fig in report.figures.items():
        change = fig.change
        if change and change.derived and change.note:
            notes.append(Source(change.note, ("figures", key, "previous"), explains=True))
        if change and change.previous and change.previous.derived and change.previous.note:
            notes.append(Source(change.previous.note, ("figures", key, "change"), explains=True))
        notes += [Source(c.note, ("figures", key, c.kind), explains=True) for c in fig.comparisons]
    for key, series in report.series.items():
        for i, row in enumerate(series.rows):
            for j, value in enumerate(row.values):
                if value.derived and value.note:
                    notes.append(Source(value.note, ("series", key, "series", i, "values", j), explains=True))
    return notes


def _value(value: Value, path: Path) -> Source:
    return Source(value.text, path, value.note if value.derived else None)


_PART = re.compile(r"\b\d+ of \d+\b")


def page_words(page: PageFrame) -> str:
    """All the words a page or slide prints: its text boxes, and its charts' titles, labels and notes.

    A contents list is left out: its numbers are page numbers, not figures.
    """
    parts: list[str] = []
    for item in page.items:
        if isinstance(item, TextItem) and item.role != "contents":
            parts.append(item.text)
        elif isinstance(item, ChartItem):
            spec = item.spec
            parts += [spec.title, spec.subtitle or "", *spec.categories,
                      *(label for s in spec.series for label in s.labels),
                      *(r.label for r in spec.references), spec.derived_note or ""]
    return _SPACES.sub(" ", "\n".join(parts))


def explain_page(page: PageFrame, index: list[Source], spans: SpanMap, raw: list[str]) -> list[Found]:
    """The figure strings on one page, in the order first printed, then the other numbers it prints."""
    text = page_words(page)
    hits: list[tuple[int, Found]] = []
    for source in index:
        pattern = re.compile(r"(?<![\w.,])" + re.escape(_SPACES.sub(" ", source.text)) + r"(?![\w]|[.,]\d)",
                             re.IGNORECASE)
        for match in pattern.finditer(text):
            where = f"{'note on ' if source.explains else ''}{dotted(source.path)}, line {spans.at(source.path).line}"
            hits.append((match.start(), Found(match.group(0), where, source.note)))
            text = text[:match.start()] + "\0" * len(match.group(0)) + text[match.end():]
    for match in _PART.finditer(text):  # "(1 of 2)": the layout numbering a collection's pages, not a figure
        hits.append((match.start(), Found(match.group(0), "the layout's page sequence ({item.part})")))
        text = text[:match.start()] + "\0" * len(match.group(0)) + text[match.end():]
    for match in _NUMBER.finditer(text):
        if match.group(0) != str(page.number):
            hits.append((match.start(), Found(match.group(0), _written(match.group(0), raw))))
    seen: dict[tuple[str, str], Found] = {}
    for _, found in sorted(hits, key=lambda h: h[0]):
        seen.setdefault((found.text, found.where), found)
    return list(seen.values())


def _written(number: str, raw: list[str]) -> str:
    """Where a number not made by the model is written in the data file (narrative, lists, quotes)."""
    pattern = re.compile(r"(?<![\w.,])" + re.escape(number) + r"(?![\w]|[.,]\d)")
    for i, line in enumerate(raw, 1):
        if pattern.search(line) and not line.lstrip().startswith("#"):
            return f"written at line {i}"
    return "NOT IN THE DATA FILE"


def explain(report: Report, spans: SpanMap, documents: list[Document], names: list[str]) -> list[str]:
    """The report's explanation, one output after another, page by page."""
    index = sources(report)
    raw = FilePath(spans.file).read_text(encoding="utf-8").splitlines()
    lines: list[str] = [f"{display_path(FilePath(spans.file))}: where each printed figure comes from"]
    for document, name in zip(documents, names):
        noun = "slide" if document.output == "deck" else "page"
        lines.append("")
        lines.append(name)
        for page in document.pages:
            found = explain_page(page, index, spans, raw)
            if not found:
                continue
            lines.append(f"  {noun} {page.number} ({page.id})")
            for item in found:
                lines.append(f"    {item.text!r}  ← {item.where}")
                if item.note:
                    lines.append(f"        computed: {item.note}")
    return lines


def run(data: FilePath, options, problems: Collector) -> list[str] | None:
    """Load and lay out `data` with both layouts, as a build would; the explanation, or None after problems."""
    from generator import pipeline
    from generator.layout.engine import lay_out
    from generator.model.load_report import load_with_spans

    report, spans = load_with_spans(data, problems, pipeline.boundary_for(data, options))
    layouts = pipeline.layouts_for(options, report, data, problems)
    if report is None or spans is None or None in layouts:
        return None
    documents = [lay_out(report, layout, problems) for layout in layouts]
    if problems.has_errors:
        return None
    return explain(report, spans, documents, [f"{data.stem}.pdf", f"{data.stem}.pptx"])
