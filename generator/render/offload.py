"""Offload: the deck rendered, and missed charts drawn, in helper processes beside the main one.

A single build is mostly one long chain: imports, the model, layout, then the two renderers.
Two pieces of it need no more than a laid-out document, and are slow for reasons of their own:

- the deck: python-pptx's import and its object API (about a quarter of a warm build);
- charts that the chart cache does not hold: matplotlib's import (about 0.4 s) and drawing.

So a build started from the command line forks a deck helper at once, which imports
python-pptx while the main process imports and loads everything else; the main process lays
out the deck first and hands it over, then lays out and renders the PDF while the deck is
rendered on the other core. When charts will probably have to be drawn (the data or a layout
is newer than the last outputs, or the cache is empty), a chart helper is forked at once too
and imports matplotlib meanwhile; otherwise one is forked at the first miss. The chart
helper's recordings are served to the PDF renderer through the chart cache, and reach the
cache on disk only after the outputs are written, as the main process's own would.

Outputs are the same bytes as a build in one process: the helpers run the very same
functions on the same frames. If a helper fails (an error, or it is killed), the main process
does that work itself, so a helper can cost time, never a result.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from generator.helper import Helper, HelperFailed

if TYPE_CHECKING:
    from generator.charts.cache import ChartCache
    from generator.charts.displaylist import DisplayList
    from generator.charts.spec import ChartSpec
    from generator.layout.frame import Document

# The deck helper imports the deck backend, then renders a small deck of its own while it waits
# for the real one, so that the first real render finds python-pptx's lazy parts warm.
DECK_MODULES = ("generator.render.deck", "generator.charts.deck", "generator.render.offload:warm_deck")
CHART_MODULES = ("generator.charts.record", "generator.charts.plot")
RENDER_DECK = "generator.render.deck:render_deck"
RECORD_CHARTS = "generator.render.offload:record_charts"

Chart = tuple["ChartSpec", float, float]  # a spec and the size of its box, in points


class Offload:
    """The helpers of one build command, and the work handed to them."""

    def __init__(self, deck: Helper | None, charts: Helper | None, preview: bool = False) -> None:
        self._deck = deck
        self._charts = charts
        self._preview = preview  # draw the deck's charts too, for preview images of the slides
        self._deck_doc: Document | None = None  # the document the deck helper is rendering
        self._preview_doc: Document | None = None  # a deck whose charts are yet to be asked for
        self._charts_asked: list[list[Chart]] = []  # the charts of each request to the chart helper, oldest first

    @classmethod
    def start(cls, prefetch_charts: bool, preview: bool = False) -> Offload:
        """Fork the deck helper, and the chart helper too when charts will probably be drawn.

        With `preview` (watch --serve), the chart helper also draws the deck's charts, after the
        PDF's, for the preview page's images of the slides (they are drawn through the PDF backend).
        """
        # The chart helper goes first: when charts are drawn, its import of matplotlib is the
        # longest road. The frames the deck helper is sent are made of layout.frame's modules (and
        # reportlab's, for fonts), which this process needs too: imported once, before its fork.
        charts = Helper.fork(CHART_MODULES) if prefetch_charts else None
        import generator.layout.frame  # noqa: F401

        deck = Helper.fork(DECK_MODULES)
        return cls(deck, charts, preview)

    @classmethod
    def for_build(cls, data_files: list[Path], layouts: list[Path], out: Path, cache_dir: Path | None) -> Offload | None:
        """The helpers for a build command, or None where they would not help (see `wanted`)."""
        if not wanted(watching=False):
            return None
        return cls.start(charts_likely_missed(data_files, layouts, out, cache_dir))

    def laid_out(self, doc: Document, cache_dir: Path | None) -> None:
        """Start on a document as soon as it is laid out: the deck, or the PDF's missed charts.

        Work a failed build left unclaimed (in a batch) is collected and dropped first.
        """
        if doc.output == "deck":
            self._preview_doc = doc if self._preview else None
            if self._deck is not None:
                if self._deck_doc is not None:
                    self.deck(self._deck_doc)  # a failed build's deck, never claimed: dropped
                if self._deck.send(RENDER_DECK, doc, None):
                    self._deck_doc = doc
        elif doc.output == "pdf":
            if self._charts_asked:
                self.supply_charts(_Discard(), every=True)  # a failed build's charts, never claimed
            self._draw_missed(doc, cache_dir)
            if self._preview_doc is not None:
                self._draw_missed(self._preview_doc, cache_dir)
                self._preview_doc = None

    def deck(self, doc: Document) -> bytes | None:
        """The deck's bytes from the helper, when it rendered this very document; else None."""
        if doc is not self._deck_doc or self._deck is None:
            return None
        self._deck_doc = None
        try:
            return self._deck.receive()
        except HelperFailed:
            return None

    def supply_charts(self, cache: ChartCache, every: bool = False) -> None:
        """Hand the chart helper's recordings to `cache`, which serves them to the PDF renderer.

        Those of the oldest request (the PDF's), or of every request with `every` (the preview's too).
        """
        while self._charts_asked:
            asked = self._charts_asked.pop(0)
            try:
                recordings = self._charts.receive() if self._charts is not None else []
            except HelperFailed:
                recordings = []  # the renderer draws them itself
            for (spec, width, height), ops in zip(asked, recordings):
                cache.supply(spec, width, height, ops)
            if not every:
                return

    def close(self) -> None:
        """Stop the helpers."""
        for helper in (self._deck, self._charts):
            if helper is not None:
                helper.close()
        self._deck = self._charts = None

    def _draw_missed(self, doc: Document, cache_dir: Path | None) -> None:
        """Send the charts the cache does not hold to the chart helper (forked now if it was not yet)."""
        from generator.charts.cache import ChartCache

        cache = ChartCache(cache_dir)
        missed = [chart for chart in charts_of(doc) if not cache.has(*chart)]
        if not missed:
            return
        if self._charts is None:
            self._charts = Helper.fork(CHART_MODULES)
        if self._charts is not None and self._charts.send(RECORD_CHARTS, missed):
            self._charts_asked.append(missed)


class _Discard:
    """Takes recordings and keeps none (for those a failed build never claimed)."""

    def supply(self, *_: object) -> None:
        """Drop a recording."""


def wanted(watching: bool) -> bool:
    """Whether to use helpers, as MAKE_REPORT_HELPERS says: `never`, `always`, or `auto` (the default).

    Never on a machine (or in a CPU set) of one core, where they would only take turns with the
    main process. With `auto`, a one-shot build uses them only when another core is idle as it
    starts (no other process is runnable, says /proc/loadavg): on a busy machine the helpers
    would take turns with the main process and with the neighbours, and a build in one process
    finishes sooner. A watch, which lives on, always has them.
    """
    mode = os.environ.get("MAKE_REPORT_HELPERS", "auto")
    cores = _cores()
    if mode == "never" or cores < 2:
        return False
    return mode == "always" or watching or _idle_core(cores)


def _idle_core(cores: int) -> bool:
    """True when fewer processes than cores are runnable right now, this one included."""
    runnable = _runnable()
    return runnable is None or runnable < cores


def _runnable() -> int | None:
    """How many processes and threads are runnable right now (Linux's /proc/loadavg), or None if unknown."""
    try:
        return int(Path("/proc/loadavg").read_text().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return None


def _cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def charts_of(doc: Document) -> list[Chart]:
    """Every chart of a laid-out document with its box's size, in drawing order."""
    from generator.layout.frame import ChartItem

    return [(item.spec, item.box.w, item.box.h) for page in doc.pages for item in page.items
            if isinstance(item, ChartItem)]


def record_charts(charts: list[Chart]) -> list[DisplayList]:
    """In the chart helper: record each chart, as the PDF renderer would on a miss."""
    from generator.charts.record import record

    return [record(spec, width, height) for spec, width, height in charts]


def warm_deck() -> None:
    """In the deck helper, while it waits: render a one-slide deck with text, shapes and a chart, and drop it."""
    from generator.charts.spec import ChartFonts, ChartSeries, ChartSpec
    from generator.layout.fonts import Font
    from generator.layout.frame import (Box, ChartItem, Document, Line, Metadata, PageFrame, Piece, RectItem,
                                        RuleItem, TextItem)
    from generator.render.deck import render_deck

    regular, bold = Font("", "", "Calibri", False, False), Font("", "", "Calibri", True, False)
    line = Line((Piece("Warm", regular, 12.0, "#000000", 0.0, 20.0),
                 Piece("up", bold, 12.0, "#000000", 22.0, 10.0, link="https://example.org")),
                0.0, 40.0, 10.0, 14.0, 0.0, "left", True, 0.0)
    series = ChartSeries("s", (1.0, 2.5), ("1", "2.5"), (False, True), (None, "derived"))
    spec = ChartSpec("column", "Warm", ("a", "b"), (series,), "#,##0.0", ("#336699",), "#000000", "#CCCCCC",
                     fonts=ChartFonts("", "", "Calibri"), derived_note="derived", alt_text="warm")
    items = (TextItem(Box(10, 10, 200, 30), (line,)), RectItem(Box(0, 0, 10, 10), fill="#FF0000"),
             RuleItem(0, 0, 10, 10, "#000000"), ChartItem(Box(10, 50, 300, 200), spec),
             TextItem(Box(10, 300, 200, 30), (line,), "body"))
    page = PageFrame("warm", 960.0, 540.0, "#FFFFFF", items, notes="warm", title="warm", title_item=0)
    render_deck(Document("deck", (page,), Metadata("warm", "", "", (), "en-GB")))


def charts_likely_missed(data_files: list[Path], layouts: list[Path], out: Path, cache_dir: Path | None) -> bool:
    """A guess, from file times alone, that some chart will have to be drawn.

    True when the cache is off or empty, or when a data file or a layout is newer than that data
    file's last PDF (or there is none). Only the start of the chart helper depends on it: a wrong
    guess costs a little time on the other core, or a later start, never a different output.
    """
    if cache_dir is None or not _has_entries(cache_dir):
        return True
    newest_layout = max((_mtime(path) for path in layouts), default=0.0)
    for data in data_files:
        built = _mtime(out / f"{data.stem}.pdf")
        if built == 0.0 or max(_mtime(data), newest_layout) > built:
            return True
    return False


def _has_entries(folder: Path) -> bool:
    """True when the cache folder holds at least one recorded chart."""
    try:
        with os.scandir(folder) as entries:
            return any(entry.name.endswith(".json") and not entry.name.startswith(".") for entry in entries)
    except OSError:
        return False


def _mtime(path: Path) -> float:
    """A file's modification time, or 0 when it cannot be read."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
