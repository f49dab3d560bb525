"""Narrative flow: sections, pull quotes, charts and lists poured through areas and onto new pages."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from generator.layout.blocks import check_chart, check_chart_glyphs, pull_quote
from generator.layout.chartspec import chart_spec, fit_ticks, natural_height
from generator.layout.context import Context, lines_height, plain
from generator.layout.quoting import printed
from generator.layout.frame import Box, ChartItem, Item, Line, TextItem
from generator.layout.notes import sources_paras
from generator.layoutfile.spec import ChartOptions, FlowItem
from generator.layout.text import Para, Setting, set_paras


# A column is never left emptier than this share of its height by keeping text together.
MOST_EMPTY = 0.4
# Lines of a paragraph kept together at the foot and at the head of a column (no orphan, no widow).
LEAST_LINES = 2


@dataclass(frozen=True)
class TextChunk:
    """Lines that may split between any two lines; `keep` lines must stay with what follows.

    `keep_together` text (a quote in full) moves whole to the next column when it does not
    fit, if it fits a column and the room it leaves is under MOST_EMPTY of the column.
    """

    paras: tuple[Para, ...]
    keep_with_next: bool = False
    role: str = "body"
    path: tuple = ()  # the flow item it came from, for diagnostics
    keep_together: bool = False


@dataclass(frozen=True)
class BoxChunk:
    """Something of fixed height that never splits: a pull quote, a chart."""

    height: float
    build: Callable[[Box], list[Item]]
    path: tuple = ()  # the flow item it came from, for diagnostics


Chunk = TextChunk | BoxChunk


def chunks(ctx: Context, content: list[FlowItem], path: tuple, width: float) -> list[Chunk]:
    """Turn flow content into chunks, reporting references to missing data.

    `width` is the flow's column width, for measuring what is set in whole.
    """
    from generator.layout.variants import holds

    out: list[Chunk] = []
    for i, item in enumerate(content):
        where = path + (i,)
        if holds(ctx.report, item.when):
            out.extend(_item_chunks(ctx, item, where, width))
    return out


def _item_chunks(ctx: Context, item: FlowItem, where: tuple, width: float) -> list[Chunk]:
    """The chunks of one flow item."""
    if item.sections:
        return _all_sections(ctx, item, where, width)
    if item.section:
        section = ctx.bound("section", item.section, where + ("section",))
        return _section(ctx, section, where) if section else []
    if item.quote:
        quote = ctx.bound("quote", item.quote, where + ("quote",))
        return [_pull_quote(ctx, quote, where, width, item.height)] if quote else []
    if item.list or item.lists:
        names = [item.list] if item.list else list(ctx.report.lists)
        found = [ctx.bound("list", n, where + ("list",)) for n in names]
        return [c for lst in found if lst for c in _list(ctx, lst, where)]
    if item.chart or item.series:
        key = item.series or item.chart or ""
        series = ctx.bound("series", key, where + ("series" if item.series else "chart",))
        return _chart(ctx, series, item.options, where, width, item.height) if series else []
    if item.charts:
        from generator.model.collections import collection

        return [c for one in collection(ctx.report, item.charts)
                for c in _chart(ctx, one, item.options, where, width, item.height)]
    if item.figure:
        fig = ctx.bound("figure", item.figure, where + ("figure",))
        return [_figure(ctx, fig, item, where, width)] if fig else []
    if item.figures:
        return _figure_rows(ctx, item.figures, where)
    if item.heading:
        text = ctx.fill(item.heading, where + ("heading",))
        return [TextChunk((Para(plain(text), ctx.style(None, "h2", where)),), True, "heading", where)] if text else []
    if item.full_quote or item.full_quotes:
        from generator.model.collections import collection

        if item.full_quote:
            found = [ctx.bound("quote", item.full_quote, where + ("full_quote",))]
        else:
            found = list(ctx.report.quotes.values() if item.full_quotes == "all" else collection(ctx.report, item.full_quotes))
        return [c for q in found if q for c in _full_quote(ctx, q, where)]
    if item.sources:
        return _headed(sources_paras(ctx, where), ctx.style(None, "h3", where), where)
    return []


def _headed(paras: list[Para], heading: object, where: tuple) -> list[Chunk]:
    """Paragraphs as chunks, each paragraph in the heading style kept with the lines after it."""
    out: list[Chunk] = []
    for para in paras:
        if para.style == heading:  # the notes' own headings ("Sources"), under the flow's sections
            out.append(TextChunk((para,), True, "subheading", where))
        elif out and not isinstance(out[-1], BoxChunk) and not out[-1].keep_with_next:
            out[-1] = TextChunk(out[-1].paras + (para,), False, "body", where)
        else:
            out.append(TextChunk((para,), False, "body", where))
    return out


def _section(ctx: Context, section, where: tuple) -> list[Chunk]:
    """A section's title (kept with what follows) and its body."""
    body = ctx.style(None, "body", where)
    text = [TextChunk(tuple(Para(b.runs, body, b.kind) for b in section.blocks), path=where)] if section.blocks else []
    if not section.title:
        return text
    return [TextChunk((Para(plain(section.title), ctx.style(None, "h2", where), balance=True),), True, "heading",
                      where)] + text


def _all_sections(ctx: Context, item: FlowItem, where: tuple, width: float) -> list[Chunk]:
    """Every section in order, each followed by the pull quotes due there, its charts and, asked, its quotes in full."""
    from generator.model.collections import pull_quotes, section_charts

    sections = ctx.report.sections
    ids = [s.key for s in sections]
    quotes = list(pull_quotes(ctx.report)) if item.pull_quotes != "none" else []
    if item.pull_quotes == "rest":
        quotes = quotes[1:]
    placed = _after_passages(quotes, ids) if item.quotes_in_full else _place_quotes(quotes, ids)
    out: list[Chunk] = []
    for section in sections:
        out += _section(ctx, section, where)
        out += [_pull_quote(ctx, q, where, width, None) for q in placed.get(section.key, [])]
        for series in section_charts(ctx.report, section.key):
            out += _chart(ctx, series, None, where, width, None)
        if item.quotes_in_full:
            out += [c for q in ctx.report.quotes.values() if q.section == section.key for c in _full_quote(ctx, q, where)]
    return out


def _after_passages(quotes: list, section_ids: list[str]) -> dict[str, list]:
    """Each pull quote after the section that follows its quote in full: never before the words it is pulled from.

    A quote set in full after the last section, or not in the narrative at all, has no pull quote there.
    """
    placed: dict[str, list] = {}
    for q in quotes:
        at = section_ids.index(q.section) + 1 if q.section in section_ids else len(section_ids)
        if at < len(section_ids):
            placed.setdefault(section_ids[at], []).append(q)
    return placed


def _pull_quote(ctx: Context, quote, where: tuple, width: float, height: float | None) -> BoxChunk:
    """A pull quote set in whole, as tall as its words need."""
    need = height or measured_height(ctx, pull_quote(ctx, quote, Box(0, 0, width, 2000), where)) + 6
    return BoxChunk(need, lambda box, q=quote, w=where: pull_quote(ctx, q, box, w), where)


def measured_height(ctx: Context, items: list[Item]) -> float:
    """How far down the items' text reaches, from the top of the box they were set in."""
    bottoms = [i.box.y + lines_height(i.lines) for i in items if isinstance(i, TextItem) and i.lines]
    return max(bottoms, default=0.0)


def _list(ctx: Context, lst, where: tuple) -> list[Chunk]:
    """A list's title and its items."""
    body = ctx.style(None, "body", where)
    return [TextChunk((Para(plain(lst.title), ctx.style(None, "h2", where), balance=True),), True, "heading", where),
            TextChunk(tuple(Para(runs, body, "bullet") for runs in lst.items), path=where)]


def _chart(ctx: Context, series, options: ChartOptions | None, where: tuple, width: float,
           height: float | None) -> list[Chunk]:
    """A chart set in whole, in the proportions of the column."""
    from generator.layout.blocks import chart_options

    chosen = chart_options(series, options)
    if not check_chart(ctx, series, chosen, where + ("options",)):
        return []
    spec = chart_spec(series, chosen, ctx.theme, ctx.theme.spacing.get("chart_font", 9))
    check_chart_glyphs(ctx, spec, where)
    # A compact kind (a proportion bar, a waffle) is as tall as its content; other charts take the column's proportions.
    natural = natural_height(spec, width)
    need = height or natural or round(width * 0.7)
    return [BoxChunk(need, lambda box, s=spec: [ChartItem(box, fit_ticks(s, box.w))], where)]


def _figure(ctx: Context, fig, item: FlowItem, where: tuple, width: float) -> BoxChunk:
    """A figure tile set in whole."""
    from generator.layoutfile.spec import FigureBlock
    from generator.layout.tiles import tile

    block = FigureBlock(area="flow", type="figure", figure=fig.key)
    return BoxChunk(item.height or round(width * 0.4), lambda box, f=fig, w=where, b=block: tile(ctx, f, box, w, b))


def _figure_rows(ctx: Context, name: str, where: tuple) -> list[Chunk]:
    """Figures of a collection as a run of value-and-label lines."""
    from generator.model.collections import collection
    from generator.model.markup import Run

    figs = collection(ctx.report, name)
    body = ctx.style(None, "body", where)
    paras = tuple(Para((Run(f.value.text + ("*" if f.value.derived else ""), bold=True), Run(" " + f.label)), body)
                  for f in figs)
    return [TextChunk(paras, False, "body", where)] if paras else []


def _full_quote(ctx: Context, quote, where: tuple) -> list[Chunk]:
    """A quote in full: who said it (kept with the words), then every paragraph (quoted when verbatim)."""
    from generator.model.markup import Run

    who = Para((Run(quote.speaker, bold=True), Run(", " + quote.role)), ctx.style(None, "attribution", where))
    body = ctx.style(None, "quote_body", where)
    paras = [Para(plain(printed(quote, p, i, i == len(quote.paragraphs) - 1)), body)
             for i, p in enumerate(quote.paragraphs)]
    return [TextChunk((who,), True, "quote", where), TextChunk(tuple(paras), False, "quote", where, keep_together=True)]


@dataclass
class Filler:
    """Pours chunks into a sequence of areas; asks for a new page when the areas run out."""

    ctx: Context
    gap: float
    new_page: Callable[[], list[Box]]
    path: tuple
    pages: list[list[Item]] = field(default_factory=list)
    areas: list[Box] = field(default_factory=list)
    y: float = 0.0
    # Text set once per chunk and width: pouring asks for it again to look ahead, and the
    # flow is poured several times over (balancing, saving a page). Shared between pours.
    settings: dict[tuple[int, float], Setting] = field(default_factory=dict)

    def _set(self, chunk: TextChunk, width: float) -> Setting:
        """The chunk's text set at `width` (kept for the next time it is asked for)."""
        key = (id(chunk), round(width, 3))
        if key not in self.settings:
            self.settings[key] = set_paras(chunk.paras, width, hyphens=self.ctx.hyphens)
        return self.settings[key]

    def start(self) -> None:
        """Open the first page."""
        self._next_page()

    def _next_page(self) -> None:
        self.pages.append([])
        self.areas = list(self.new_page())
        self.y = 0.0

    def _next_area(self) -> None:
        self.areas.pop(0)
        self.y = 0.0
        if not self.areas:
            self._next_page()

    @property
    def _room(self) -> float:
        return self.areas[0].h - self.y

    def pour(self, items: list[Chunk]) -> None:
        """Place every chunk, splitting text between lines and moving boxes whole."""
        for i, chunk in enumerate(items):
            if self.y > 0:
                self.y += self.gap
            if isinstance(chunk, BoxChunk):
                self._box(chunk)
            else:
                self._text(chunk, items[i + 1:])

    def _box(self, chunk: BoxChunk) -> None:
        if chunk.height > self._room and self.y > 0:
            self._next_area()
        area = self.areas[0]
        if chunk.height > area.h + 0.01:
            self.ctx.problems.error(self.ctx.span(chunk.path or self.path), f"a flow item of height {chunk.height:.0f} pt is taller "
                                    f"than its area ({area.h:.0f} pt) on page {self.ctx.page_id!r}", "lower its height")
        self.pages[-1].extend(chunk.build(Box(area.x, area.y + self.y, area.w, min(chunk.height, area.h))))
        self.y += chunk.height

    def _text(self, chunk: TextChunk, after: list[Chunk]) -> None:
        setting = self._set(chunk, self.areas[0].w)
        self.ctx.report_missing_glyphs(setting.missing_glyphs(), f"flow text on page {self.ctx.page_id!r}", chunk.path or self.path)
        lines = list(setting.lines)
        if self.y > 0 and not self._starts([chunk] + after, self._room):
            self._next_area()
        while lines:
            take = _fitting(lines, self._room, at_top=self.y == 0)
            if 0 < take < len(lines) and self.y > 0:
                take = _without_widows(lines, take)
            if take == 0:
                self._next_area()
                continue
            placed, lines = lines[:take], lines[take:]
            self._emit(placed, chunk.role)
            if lines:
                self._next_area()

    def _moves_whole(self, height: float, room: float) -> bool:
        """Whether text kept together that does not fit in `room` goes whole to the next column."""
        column = self.areas[0].h
        return room < height <= column and room < column * MOST_EMPTY

    def _starts(self, chunks: list[Chunk], room: float) -> bool:
        """Whether the first chunk can start in `room` as the rules want it to.

        A heading (kept with what follows) needs room for itself and for the start of what
        follows; text kept together, room for all of it unless it may split; other text, room
        for the lines a paragraph keeps at a column's foot; a box, room for all of it.
        """
        if not chunks:
            return True
        chunk, width = chunks[0], self.areas[0].w
        if isinstance(chunk, BoxChunk):
            return chunk.height <= room + 0.01
        lines = list(self._set(chunk, width).lines)
        height = _height(lines)
        if chunk.keep_with_next:
            return height <= room + 0.01 and self._starts(chunks[1:], room - height - self.gap)
        if chunk.keep_together and self._moves_whole(height, room):
            return False
        return _fitting(lines, room, at_top=False) >= _first_break(lines)

    def _emit(self, lines: list[Line], role: str) -> None:
        """Place lines at the cursor, rebased so the first starts at the top of its box."""
        area = self.areas[0]
        skip = lines[0].space_before if self.y == 0 else 0.0
        top = lines[0].baseline - _line_top(lines[0])
        rebased = tuple(_rebase(line, top + skip, first=(j == 0 and skip > 0)) for j, line in enumerate(lines))
        height = _height(lines) - skip
        self.pages[-1].append(TextItem(Box(area.x, area.y + self.y, area.w, height), rebased, role))
        self.y += height


def _line_top(line: Line) -> float:
    """Offset of the line's top (above its space before) from its baseline."""
    size = max((p.size for p in line.pieces), default=line.height)
    return (line.height - size) / 2 + size * 0.8 + line.space_before


def _rebase(line: Line, dy: float, first: bool) -> Line:
    """A line moved up by dy (and without its space before when it opens an area)."""
    return replace(line, baseline=line.baseline - dy, space_before=0.0 if first else line.space_before)


def _height(lines: list[Line]) -> float:
    return sum(line.height + line.space_before for line in lines)


def _fitting(lines: list[Line], room: float, at_top: bool) -> int:
    """How many lines fit in `room` (the first line's space before is dropped at an area's top)."""
    used = 0.0
    for n, line in enumerate(lines):
        used += line.height + (0.0 if (n == 0 and at_top) else line.space_before)
        if used > room + 0.01:
            return n
    return len(lines)


def _first_break(lines: list[Line]) -> int:
    """How many lines must fit for text to start in a column: its first paragraph whole when it is
    too short to break, else the lines a paragraph keeps at a column's foot."""
    end = next((i for i in range(1, len(lines)) if lines[i].starts_paragraph), len(lines))
    return end if end < 2 * LEAST_LINES else LEAST_LINES


def _without_widows(lines: list[Line], take: int) -> int:
    """Where to break `lines` at or before `take` so no paragraph leaves one line at a column's foot or head.

    A paragraph broken across columns keeps LEAST_LINES lines on each side; one too short
    for that moves whole to the next column.
    """
    if lines[take].starts_paragraph:
        return take  # the break falls between paragraphs
    start = max(i for i in range(take) if lines[i].starts_paragraph or i == 0)
    end = next((i for i in range(take + 1, len(lines)) if lines[i].starts_paragraph), len(lines))
    if end - start < 2 * LEAST_LINES:
        return start
    take = min(take, end - LEAST_LINES)  # carry at least two lines over
    return take if take - start >= LEAST_LINES else start
