"""Block builders: each turns one block bound to data into positioned items inside its box."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from generator.layout import fonts
from generator.layout.chartspec import chart_spec, deck_note, fit_ticks, natural_height
from generator.layout.quoting import printed
from generator.layout.context import Context, plain
from generator.layout.frame import Box, ChartItem, ImageItem, Item, RectItem, RuleItem
from generator.layoutfile.spec import BLOCK_KINDS, Block, ChartOptions
from generator.layout.text import Para
from generator.layout.tiles import tile, tiles
from generator.model.markup import Run, parse_inline
from generator.model.report import FigureView, QuoteView, SeriesView

TITLE_STYLES = ("h1", "display")
Builder = Callable[[Context, Block, Box, tuple], list[Item]]


def build_block(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """Dispatch a block to its builder (the one place that knows every block kind)."""
    inner = box.inset(block.padding)
    items: list[Item] = [RectItem(box, fill=ctx.theme.colour(block.fill))] if block.fill else []
    return items + _BUILDERS[block.type](ctx, block, inner, path)


def is_empty(ctx: Context, block: Block) -> bool:
    """Whether a block has nothing to show for this report (it is left out, and its row closes up).

    Only the absence of content counts: a binding to a key that does not exist is not
    empty, so that building the block reports it.
    """
    kind = block.type
    if kind == "heading":
        return not ctx.names_unknown(block.text) and not ctx.fill(block.text, (), quiet=True).strip()
    if kind == "text":
        return not ctx.names_unknown(block.text) and not ctx.fill_paragraphs(block.text, (), quiet=True).strip()
    if kind in _SINGLE:
        name = getattr(block, _SINGLE[kind])
        return name is not None and ctx.quiet_bound(kind if kind != "chart" else "series", name) is None
    if kind in ("figures", "table"):
        return not figure_list(ctx, block, (), quiet=True)
    if kind == "charts":
        return not chart_list(ctx, block, (), quiet=True)
    if kind == "sources":
        from generator.model.collections import sources

        return not sources(ctx.report)
    if kind == "contents":
        return not contents_entries(ctx, block)
    return False


_SINGLE = {"section": "section", "figure": "figure", "chart": "series", "quote": "quote", "list": "list"}


def _heading(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """A heading or line of static text with placeholders."""
    style = _coloured(ctx, ctx.style(block.style, "h1", path), block)
    text = ctx.fill(block.text or "", path + ("text",))
    paras = [Para(parse_inline(line) or plain(line), style, align=block.align, balance=True) for line in text.split("\n")]
    # A heading in a title style is a candidate for the page's title (the first one wins).
    is_title = block.title if block.title is not None else (block.style or "h1") in TITLE_STYLES
    role = "title" if is_title else "heading"
    # A block that sets its own size range has chosen to shrink within it: no warning for that.
    return [ctx.fit_text(paras, box, path, f"heading {text[:30]!r}", block.valign, None, role,
                         warn_shrink=block.size is None)]


def _text(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """Static text in light Markdown, with placeholders."""
    from generator.model.markup import parse_blocks

    style = _coloured(ctx, ctx.style(block.style, "body", path), block)
    text = ctx.fill_paragraphs(block.text or "", path + ("text",))
    paras = [Para(b.runs, style, b.kind, block.align) for b in parse_blocks(text)]
    return [ctx.fit_text(paras, box, path, "text", block.valign, None, "body", warn_shrink=block.size is None)]


def _section(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """A narrative section: its title and body."""
    section = ctx.bound("section", block.section, path + ("section",))
    if section is None:
        return []
    body = _coloured(ctx, ctx.style(block.style, "body", path), block)
    paras = [Para(plain(section.title), ctx.style(None, "h2", path))] if section.title else []
    paras += [Para(b.runs, body, b.kind) for b in section.blocks]
    return [ctx.fit_text(paras, box, path, f"section {section.key!r}", block.valign, None, "body")]


def _figure(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """A figure tile: value, label, change and detail."""
    fig = ctx.bound("figure", block.figure, path + ("figure",))
    if fig is None:
        return []
    return tile(ctx, fig, box, path, block)


def _figures(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """A tile per figure of the collection."""
    return tiles(ctx, figure_list(ctx, block, path), box, path, block)


def figure_list(ctx: Context, block: Block, path: tuple, quiet: bool = False) -> list[FigureView]:
    """The figures a `figures` or `table` block shows: its page's group, a collection, or keys."""
    if block.figures == "headline":
        return list(ctx.report.headline_figures)
    return _picked(ctx, block.figures, "headline_figures", ctx.report.figures, FigureView, path + ("figures",),
                   "figure", quiet)


def chart_list(ctx: Context, block: Block, path: tuple, quiet: bool = False) -> list[SeriesView]:
    """The series a `charts` block draws: its page's group, a collection, or keys."""
    return _picked(ctx, block.charts, "charts", ctx.report.series, SeriesView, path + ("charts",), "series", quiet)


def _picked(ctx: Context, named, default: str, by_key, kind: type, path: tuple, what: str, quiet: bool) -> list:
    """What a block names: its page's group when it names nothing, a collection by name, or keys."""
    from generator.model.collections import collection

    if named is None and ctx.group is not None:
        return [x for x in ctx.group if isinstance(x, kind)]
    if named is None or isinstance(named, str):
        return list(collection(ctx.report, named or default))
    found = []
    for i, key in enumerate(named):
        if key in by_key:
            found.append(by_key[key])
        elif not quiet:
            ctx.missing(path + (i,), what, key, list(by_key))
    return found


def _chart(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """A chart bound to a series."""
    series = ctx.bound("series", block.series, path + ("series",))
    if series is None:
        return []
    return chart_items(ctx, series, block.chart, box, path, block.valign)


def chart_items(ctx: Context, series: SeriesView, layout_options: ChartOptions | None, box: Box,
                path: tuple, valign: str = "top") -> list[Item]:
    """One chart in a box: the data's choices, then what the layout sets explicitly.

    A chart of a compact kind (a proportion bar, a waffle) takes only the height its
    content needs, placed in the box by `valign`, rather than a block of empty plot.
    """
    options = chart_options(series, layout_options)
    if not check_chart(ctx, series, options, path + ("chart",)):
        return []
    size = ctx.theme.spacing.get("chart_font", 9)
    spec = _grown(fit_ticks(chart_spec(series, options, ctx.theme, size), box.w), box)
    check_chart_glyphs(ctx, spec, path)
    words = deck_note(spec)
    if ctx.layout.spec.output != "deck" or not words:
        return [ChartItem(_compact(spec, box, valign), spec)]
    # A native deck chart has no place for a footnote, so the note that marks derived
    # values is set under it as slide text (the PDF chart draws it inside its own box).
    spec = replace(spec, derived_note=None)
    room = size * 4.6
    chart_box = _compact(spec, Box(box.x, box.y, box.w, box.h - room), valign)
    under = chart_box.bottom + size * 0.4 if natural_height(spec, box.w) is not None else box.bottom - size * 4.2
    note = ctx.fit_text([Para(plain(words), ctx.style(None, "caption", path))],
                        Box(box.x, under, box.w, size * 4.2), path, "chart note", "top", None, "body")
    return [ChartItem(chart_box, spec), note]


# A compact chart alone in a large area (a slide, a feature) is set larger, its type up to this many
# times the chart size, until it fills this share of the area's height: a proportion, not a sliver.
GROW_MOST, GROW_FILL = 2.0, 0.6


def _grown(spec, box: Box):
    """A compact chart's spec with its type (and so its bar or squares) as large as the area invites."""
    if natural_height(spec, box.w) is None:
        return spec
    base, best = spec.font_size, spec
    for step in range(1, int((GROW_MOST - 1) * 10) + 1):
        larger = replace(spec, font_size=base * (1 + step / 10))
        if natural_height(larger, box.w) > box.h * GROW_FILL:
            break
        best = larger
    return best


def _compact(spec, box: Box, valign: str) -> Box:
    """The box a chart is drawn in: all of `box`, or for a compact kind its natural height placed by `valign`."""
    need = natural_height(spec, box.w)
    if need is None or need >= box.h:
        return box
    spare = box.h - need
    top = box.y + {"top": 0.0, "middle": spare / 2.0, "bottom": spare}[valign]
    return Box(box.x, top, box.w, need)


def chart_options(series: SeriesView, layout_options: ChartOptions | None) -> ChartOptions:
    """The data file's plan for the series, overridden by each option the layout sets itself."""
    from dataclasses import asdict

    planned = asdict(series.plan) if series.plan is not None else {}
    if layout_options is None:
        return ChartOptions(**planned)
    own = {name: getattr(layout_options, name) for name in layout_options.model_fields_set}
    return ChartOptions(**{**planned, **own})


def _charts(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """A chart per series, arranged to fill the area: one as the feature, two side by side, then a grid."""
    series = chart_list(ctx, block, path)
    gap = ctx.theme.spacing.get("gap", 12) * 2
    compact = [_is_compact(ctx, one, block.chart, box.w) for one in series]
    cells = chart_rows(compact, box, gap) if any(compact) else chart_cells(len(series), box, gap)
    items: list[Item] = []
    for one, cell in zip(series, cells):
        items += chart_items(ctx, one, block.chart, cell, path)
    return items


def _is_compact(ctx: Context, series: SeriesView, layout_options: ChartOptions | None, width: float) -> float | None:
    """The natural height of the series' chart at `width` when its kind is compact (a proportion bar, a waffle)."""
    from generator.charts.kinds import KINDS

    options = chart_options(series, layout_options)
    if series.unlike_measures or not KINDS[options.kind].compact:
        return None
    size = ctx.theme.spacing.get("chart_font", 9)
    spec = chart_spec(series, options, ctx.theme, size)
    if ctx.layout.spec.output == "deck":
        spec = replace(spec, derived_note=None)
    need = natural_height(spec, width)
    return need + (size * 4.6 if ctx.layout.spec.output == "deck" and deck_note(spec) else 0.0) if need else None


def chart_rows(compact: list[float | None], box: Box, gap: float) -> list[Box]:
    """Boxes for charts in order, some of a compact kind: each compact one a full-width row of its natural
    height, runs of the others side by side (two to a row in a wide area) sharing the height that is left."""
    cols = 2 if box.w > box.h * 0.55 and box.w >= 400 else 1
    rows: list[list[int]] = []
    for i, need in enumerate(compact):
        if need is None and rows and compact[rows[-1][0]] is None and len(rows[-1]) < cols:
            rows[-1].append(i)
        else:
            rows.append([i])
    fixed = sum(compact[r[0]] or 0.0 for r in rows if compact[r[0]] is not None)
    flexible = sum(1 for r in rows if compact[r[0]] is None)
    share = max(0.0, box.h - fixed - gap * (len(rows) - 1)) / flexible if flexible else 0.0
    cells: list[Box] = []
    y = box.y
    for row in rows:
        width = (box.w - gap * (len(row) - 1)) / len(row)
        height = compact[row[0]] if compact[row[0]] is not None else min(share, width * TALLEST_CHART)
        cells += [Box(box.x + k * (width + gap), y, width, height) for k in range(len(row))]
        y += height + gap
    return cells


# A chart in a `charts` block is at most this tall for its width; a lone chart never stretches down a page.
TALLEST_CHART = 0.75


def chart_cells(n: int, box: Box, gap: float) -> list[Box]:
    """Boxes for n charts: columns when the area is wide, rows when it is tall, a grid from four."""
    if n <= 0:
        return []
    wide = box.w > box.h * 1.2
    cols = (n if n <= 3 else 2) if wide else (1 if n <= 2 else 2)
    if n == 3 and not wide:
        cols = 1
    rows = -(-n // cols)
    w = (box.w - gap * (cols - 1)) / cols
    h = min((box.h - gap * (rows - 1)) / rows, w * TALLEST_CHART)
    return [Box(box.x + (i % cols) * (w + gap), box.y + (i // cols) * (h + gap), w, h) for i in range(n)]


def check_chart(ctx: Context, series, options: ChartOptions, path: tuple) -> bool:
    """Report what the chart's options cannot show, at the option's line; True when drawable."""
    from generator.layout.chartcheck import chart_problems

    if series.unlike_measures:  # the data file's warning says why; the layout learns where its chart went
        ctx.problems.warning(ctx.span(path[:-1]), f"series {series.key!r} is not charted: it puts "
                             f"{len(series.unlike_measures)} different measures on one axis",
                             "state the series' `measure:` in the data file if its figures count one thing, "
                             "or bind this chart to another series")
        return False
    problems = chart_problems(series, options)
    for key, message, hint in problems:
        ctx.problems.error(ctx.span(path + (key,)), message, hint)
    return not problems


def check_chart_glyphs(ctx: Context, spec, path: tuple) -> None:
    """A chart's words are drawn in the theme's sans family: report characters it cannot draw."""
    family = ctx.theme.families.get("sans") or next(iter(ctx.theme.families.values()))
    words = [spec.title, spec.subtitle or "", *spec.categories, spec.derived_note or "", spec.x_title or "",
             spec.y_title or ""]
    words += [s.name for s in spec.series] + [label for s in spec.series for label in s.labels]
    text = " ".join(words)
    missing = frozenset((ch, face.label) for face in (family.regular, family.bold)
                        for ch in fonts.missing_glyphs(text, face))
    name = f"chart {spec.title[:30]!r}" if spec.title else "a chart"
    ctx.report_missing_glyphs(missing, f"{name} on {_where(ctx)}", path)


def _where(ctx: Context) -> str:
    """"slide 'x'" or "page 'x'", for messages."""
    return f"{'slide' if ctx.layout.spec.output == 'deck' else 'page'} {ctx.page_id!r}"


def _quote(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """A pull quote: excerpt, then the speaker and role."""
    quote = ctx.bound("quote", block.quote, path + ("quote",))
    if quote is None:
        return []
    return pull_quote(ctx, quote, box, path, block)


def pull_quote(ctx: Context, quote: QuoteView, box: Box, path: tuple, block: Block | None = None) -> list[Item]:
    """Set a pull quote with its attribution into a box."""
    style = ctx.style(block.style if block else None, "quote", path)
    if block is not None:
        style = _coloured(ctx, style, block)
    rule = ctx.theme.colour("accent")
    pad = ctx.theme.spacing.get("quote_indent", 14)
    inner = Box(box.x + pad, box.y, box.w - pad, box.h)
    paras = [Para(plain(printed(quote, quote.pull)), style, balance=True),
             Para((Run(quote.speaker, bold=True),), ctx.style(None, "attribution", path)),
             Para(plain(quote.role), ctx.style(None, "caption", path))]
    text = ctx.fit_text(paras, inner, path, f"quote {quote.key!r}", block.valign if block else "top",
                        None, "quote")
    if not text.lines:
        return [text]
    first, last = text.lines[0], text.lines[-1]
    top = first.baseline - first.pieces[0].size * 0.85 if first.pieces else 0.0
    bottom = last.baseline + last.height * 0.35
    return [RuleItem(box.x + 1.5, box.y + top, box.x + 1.5, box.y + min(box.h, bottom), rule, 3), text]


def _list(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """A titled list of items."""
    lst = ctx.bound("list", block.list, path + ("list",))
    if lst is None:
        return []
    body = _coloured(ctx, ctx.style(block.style, "body", path), block)
    paras = [Para(plain(lst.title), _coloured(ctx, ctx.style(None, "h2", path), block))] if block.show_title else []
    paras += [Para(item, body, "bullet") for item in lst.items]
    return [ctx.fit_text(paras, box, path, f"list {lst.key!r}", block.valign, None, "body")]


def _sources(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """Sources, notes and how derived values were computed."""
    from generator.layout.notes import sources_paras

    paras = sources_paras(ctx, path, block)
    return [ctx.fit_text(paras, box, path, "sources", block.valign, None, "body")]


def contents_entries(ctx: Context, block: Block) -> list:
    """The parts a contents block lists: all but its own page's and the covers, once the document is long enough.

    Before the document's pages are known (the first pass of the layout), none.
    """
    known = ctx.contents
    if known is None or known.pages < block.min_pages:
        return []
    return [e for e in known.entries if e.page_id != ctx.page_id]


def _contents(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """A contents list: its heading, then a line per part, its page number and title linked to its first page."""
    from dataclasses import replace as changed

    from generator.layout.context import lines_height

    entries = contents_entries(ctx, block)
    if not entries:
        return []
    items: list[Item] = []
    top = box.y
    if block.heading:
        heading = ctx.fit_text([Para(plain(block.heading), ctx.style(None, "h3", path))], box, path,
                               "contents heading", "top", None, "heading")
        used = lines_height(heading.lines)
        items.append(changed(heading, box=Box(box.x, box.y, box.w, used)))
        top += used + 4
    style = _coloured(ctx, ctx.style(block.style, "contents", path), block)
    # A part in bold, the headings set in it in the regular weight beneath: one line of hierarchy, no indents.
    paras = [Para((Run(f"{e.page}", bold=True, link=f"#page{e.page}"),
                   Run("\u2002" + e.title, bold=e.level == 1, link=f"#page{e.page}")), style) for e in entries]
    # A wide area (a page with no intro beside the list) takes the entries in columns, read down each in turn.
    gap = ctx.theme.spacing.get("gap", 12)
    columns = max(1, min(CONTENTS_COLUMNS, int((box.w + gap) // (CONTENTS_MEASURE + gap)), len(paras)))
    width, per = (box.w - gap * (columns - 1)) / columns, -(-len(paras) // columns)
    for k in range(columns):
        column = Box(box.x + k * (width + gap), top, width, max(1.0, box.bottom - top))
        items.append(ctx.fit_text(paras[k * per:(k + 1) * per], column, path, "contents", "top", None, "contents"))
    return items


CONTENTS_MEASURE = 190.0  # pt: the narrowest column a contents list is split into
CONTENTS_COLUMNS = 3


def _logo(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """The theme's wordmark."""
    from generator.layout.logo import logo_items

    return logo_items(ctx, box, light=block.variant == "light", path=path)


def _image(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """An image file, path relative to the layout file (checked, and any problem reported, at loading)."""
    file = ctx.layout.images.get(path)
    return [ImageItem(box, str(file), ctx.fill(block.text or "", path))] if file is not None else []


def _rule(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """A horizontal rule along the top of the area."""
    colour = ctx.theme.colour(block.colour or "accent")
    return [RuleItem(box.x, box.y, box.right, box.y, colour, ctx.theme.spacing.get("rule", 2))]


def _shape(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """A filled rectangle (the fill is drawn by build_block)."""
    return []


def _table(ctx: Context, block: Block, box: Box, path: tuple) -> list[Item]:
    """A table of figures: value and label per row."""
    figs = figure_list(ctx, block, path)
    value_style = ctx.style(None, "table_value", path)
    body = ctx.style(block.style, "body", path)
    from generator.layout import fonts

    widest = max((fonts.width(f.value.text, value_style.font, value_style.size) for f in figs), default=0.0)
    col = min(box.w * 0.5, max(box.w * 0.2, widest + 10))
    paras_v = [Para(plain(f.value.text), value_style, align="right", one_line=True) for f in figs]
    # Labels are written to follow their number ("25 of the UK's ..."), so they keep their case.
    paras_l = [[Para(plain(f.label), body)] + _statements(ctx, f, path) for f in figs]
    items: list[Item] = []
    # Rows share the area, but a short table keeps rows a readable height rather than stretching.
    lines = max((len(f.statements) for f in figs), default=0)  # change, benchmark, target lines under a label
    row_h = min(box.h / max(1, len(figs)), value_style.size * (4.5 + 1.5 * lines))
    for i, (v, lab) in enumerate(zip(paras_v, paras_l)):
        y = box.y + i * row_h
        items.append(ctx.fit_text([v], Box(box.x, y, col - 8, row_h), path, "table value", "middle", None, "figure"))
        items.append(ctx.fit_text(lab, Box(box.x + col, y, box.w - col, row_h), path, "table label", "middle", None, "body"))
        items.append(RuleItem(box.x, y + row_h, box.right, y + row_h, ctx.theme.colour("rule"), 0.5))
    return items


def _statements(ctx: Context, fig: FigureView, path: tuple) -> list[Para]:
    """A table row's text lines under its label: the change, benchmark and target, marked when derived."""
    style = ctx.style(None, "caption", path)
    return [Para(plain(text[:1].upper() + text[1:] + (" (derived)" if derived else "")), style)
            for text, derived in fig.statements]


def _coloured(ctx: Context, style, block: Block):
    """A style with the block's colour and `size: [smallest, preferred]` overrides, if any."""
    from dataclasses import replace

    if block.colour:
        style = replace(style, colour=ctx.theme.colour(block.colour))
    if block.size:
        low, high = block.size
        style = replace(style.scaled(high), min_size=min(low, high))
    return style


_BUILDERS: dict[str, Builder] = {
    "heading": _heading, "text": _text, "section": _section, "figure": _figure, "figures": _figures,
    "chart": _chart, "charts": _charts, "quote": _quote, "list": _list, "sources": _sources, "logo": _logo,
    "image": _image, "rule": _rule, "shape": _shape, "table": _table, "contents": _contents,
}
# Every kind the layout file allows has a builder: a kind without one would silently draw nothing.
assert set(_BUILDERS) == set(BLOCK_KINDS), "a block kind has no builder"
