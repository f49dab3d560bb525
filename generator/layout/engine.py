"""The layout stage: a report and a layout in, a Document of positioned pages out."""

from __future__ import annotations

from dataclasses import replace

from generator.diagnostics import Collector, SpanlessError
from generator.layout.blocks import build_block, is_empty
from generator.layout.context import Contents, ContentsEntry, Context
from generator.layout.flow import Filler, chunks
from generator.layout.brand import deck_brand
from generator.layout.frame import Box, BrandTemplate, Document, Item, Metadata, PageFrame
from generator.layout.grid import area_cells, auto_rows, free_height, resolve_grid
from generator.layout.natural import natural_height
from generator.layout.slots import furniture_slots, page_slots, slide_kind, tagged, titled
from generator.layout.masters import master_items
from generator.layout.notes import speaker_notes
from generator.layoutfile.spec import Margins, Page
from generator.layoutfile.load import Layout
from generator.layout.variants import choose_variant
from generator.model.collections import collection
from generator.model.report import FigureView, ListView, QuoteView, Report, SectionView, SeriesView
from generator.model.resolve import report_unknown

SIZES = {"A4": (595.2756, 841.8898), "16:9": (960.0, 540.0)}


def lay_out(report: Report, layout: Layout, problems: Collector) -> Document:
    """Resolve every page of `layout` for `report` into absolute boxes.

    A page with a contents list is laid out again once the others are known: the list
    names the pages after it with their numbers (laying it out again changes no page count).
    A deck built on a brand template sets each slide's blocks into its template layout's
    placeholders (generator/layout/templated.py) and leaves masters and backgrounds to it.
    """
    laid: list[tuple[int, list[PageFrame], Collector]] = []  # per written page: its pages and diagnostics
    memo: dict = {}  # measurements kept for this lay_out (see Context.memo)
    number = 1
    for i in range(len(layout.spec.pages)):
        own = Collector()
        frames = _written_page(report, layout, own, i, number, None, memo)
        laid.append((i, frames, own))
        number += len(frames)
    contents = _contents(layout, [f for _, frames, _ in laid for f in frames])
    if contents is not None:
        number = 1
        for k, (i, frames, own) in enumerate(laid):
            if frames and _lists_contents(layout.spec.pages[i]):
                own = Collector()
                laid[k] = (i, _written_page(report, layout, own, i, number, contents, memo), own)
            number += len(laid[k][1])
    for _, _, own in laid:
        problems.extend(own.items)
    deck = layout.spec.output == "deck"
    return Document(layout.spec.output, tuple(f for _, frames, _ in laid for f in frames), _metadata(report),
                    deck_brand(layout.theme) if deck else None, _brand_template(layout))


def _written_page(report: Report, layout: Layout, problems: Collector, i: int, number: int,
                  contents: Contents | None, memo: dict | None = None) -> list[PageFrame]:
    """The pages that written page `i` of the layout makes for this report, numbered from `number`."""
    width, height = _size(layout)
    margins = layout.spec.margins or Margins()
    content = Box(margins.left, margins.top, width - margins.left - margins.right, height - margins.top - margins.bottom)
    written = layout.spec.pages[i]
    ctx = Context(report, layout, problems, written.id, contents=contents, memo={} if memo is None else memo)
    chosen = choose_variant(report, written, ("pages", i))
    if chosen is None:
        return []
    page, body = chosen
    areas = _areas(ctx, page, content, ("pages", i), body)
    if areas is None:
        return []
    pages: list[PageFrame] = []
    part = ctx.fill(page.title or "", ("pages", i, "title"), quiet=True)
    kind = slide_kind(page) if layout.spec.output == "deck" else ""
    slots = _slots(ctx, page, areas, kind) if kind else ()
    on_template = layout.template is not None
    for item_list, notes, section, headings in _page_instances(ctx, page, areas, ("pages", i), body, content, slots):
        at = number + len(pages)
        background = None if on_template else _background(ctx, page)
        under = [] if on_template else _master(ctx, page, width, height, margins, at, section, ("pages", i))
        if not on_template:  # a template's own colours are its designer's
            _check_contrast(ctx, under + item_list, background, ("pages", i))
        frame = PageFrame(page.id, width, height, background, tuple(under + item_list),
                          speaker_notes(item_list, notes), at, part=part, master=_master_name(page),
                          furniture=len(under), headings=headings)
        pages.append(_titled(frame, section or page.title or "", kind, slots))
    return pages


def _slots(ctx: Context, page: Page, areas: dict[str, Box], kind: str) -> tuple:
    """The slots of a kind of slide: its template layout's placeholders, or the grid areas of its blocks."""
    if ctx.layout.template is not None:
        from generator.layout.templated import template_slots

        master = ctx.layout.spec.masters.get(page.master) if page.master != "none" else None
        numbered = master is not None and master.page_number  # as the page would be on our own master
        return tuple(s for s in template_slots(ctx.layout.template.kinds[kind]) if s.kind != "sldNum" or numbered)
    return page_slots(ctx, page, areas, kind)


def _brand_template(layout: Layout) -> BrandTemplate | None:
    """The brand template a deck is built on, with the template layout of each kind of slide."""
    plan = layout.template
    if plan is None:
        return None
    return BrandTemplate(str(plan.template.path), plan.template.data,
                         tuple((kind, found.master, found.index) for kind, found in plan.kinds.items()))


def _titled(frame: PageFrame, fallback: str, kind: str, slots: tuple) -> PageFrame:
    """A page with its title found (its first heading set as a title) and, on a slide, its slots."""
    title_at = _title_index(frame.items)
    title = " ".join((frame.items[title_at].text if title_at is not None else fallback).split())
    if not kind:
        return replace(frame, title=title, title_item=title_at)
    furniture = list(frame.items[:frame.furniture])
    return replace(frame, items=titled(frame.items, title_at), title=title, title_item=title_at, kind=kind,
                   slots=slots + furniture_slots(furniture))


def _master_name(page: Page) -> str | None:
    """The master a page shows, if any."""
    return None if page.master == "none" else page.master


def _lists_contents(page: Page) -> bool:
    """Whether a written page (or one of its variants) has a contents block."""
    blocks = list(page.blocks) + [b for v in page.variants for b in (v.blocks or [])]
    return any(b.type == "contents" for b in blocks)


def _contents(layout: Layout, pages: list[PageFrame]) -> Contents | None:
    """What a contents list lists: the first page of each part but the front cover, with its number.

    None when the layout has no contents block.
    """
    if not any(_lists_contents(p) for p in layout.spec.pages):
        return None
    entries: list[ContentsEntry] = []
    seen: set[str] = set()
    for page in pages:
        if page.id not in seen and page.part and not (page.cover and page.number == 1):
            entries.append(ContentsEntry(page.part, page.number, page.id))
        seen.add(page.id)
        # A flowing part lists the headings set in it (its sections, quotes, lists, sources) under its own title.
        entries += [ContentsEntry(h, page.number, page.id, level=2) for h in page.headings
                    if " ".join(h.split()) != " ".join(page.part.split())]
    return Contents(tuple(entries), len(pages))


def page_areas(report: Report, layout: Layout, page_id: str, problems: Collector) -> dict[str, Box]:
    """The named areas of the first instance of a page, as laid out for `report` (auto rows measured).

    For tests and tools that check where blocks land; empty when the page is left out.
    """
    width, height = _size(layout)
    margins = layout.spec.margins or Margins()
    content = Box(margins.left, margins.top, width - margins.left - margins.right, height - margins.top - margins.bottom)
    # The contents list as the real layout knows it, since whether it shows changes its neighbours' widths.
    contents = _contents(layout, list(lay_out(report, layout, Collector()).pages))
    for i, written in enumerate(layout.spec.pages):
        if written.id != page_id:
            continue
        ctx = Context(report, layout, problems, written.id, contents=contents)
        chosen = choose_variant(report, written, ("pages", i))
        if chosen is None:
            return {}
        page, body = chosen
        if page.repeat:
            bind, item, group = next(repeat_items(report, page.repeat, page.per_page))
            return _closed_up(replace(ctx, item=item, group=group), page, content, bind, path=body)
        return _closed_up(ctx, page, content, path=body)
    return {}


def _check_contrast(ctx: Context, items: list[Item], background: str | None, path: tuple) -> None:
    """Warn about text whose contrast with what lies behind it is below 4.5:1."""
    from generator.layout.contrast import MINIMUM, low_contrast

    for text, colour, behind, ratio in low_contrast(items, background or ctx.theme.colours.get("paper", "#FFFFFF"))[:3]:
        ctx.problems.warning(ctx.span(path), f"text {text[:30]!r} in {colour} on {behind} has contrast "
                             f"{ratio:.1f}:1 on page {ctx.page_id!r}", f"use at least {MINIMUM}:1 (WCAG AA)")


def _size(layout: Layout) -> tuple[float, float]:
    """Page or slide size in points (a brand template's own slide size)."""
    if layout.template is not None:
        return layout.template.template.width, layout.template.template.height
    size = layout.spec.size or ("A4" if layout.spec.output == "pdf" else "16:9")
    return SIZES[size] if isinstance(size, str) else (float(size[0]), float(size[1]))


def _areas(ctx: Context, page: Page, content: Box, path: tuple, body: tuple) -> dict[str, Box] | None:
    """The page's named areas as boxes; unknown areas and overlapping blocks are reported."""
    grid = ctx.layout.spec.grids.get(page.grid or "")
    if grid is None:
        return None
    try:
        areas = resolve_grid(grid, content)
    except SpanlessError as exc:
        # Same span and words as the layout loader's check of the areas, so the two collapse into one.
        from generator.layoutfile.load import report_grid_error

        report_grid_error(ctx.problems, ctx.layout.spans, page.grid or "", exc)
        return None
    used: dict[str, int] = {}
    for j, block in enumerate(page.blocks):
        if block.area not in areas:
            report_unknown(ctx.problems, ctx.layout.spans, body + ("blocks", j, "area"), "area", block.area, sorted(areas))
        elif block.area in used and block.type not in ("shape", "rule") and page.blocks[used[block.area]].type not in ("shape", "rule"):
            ctx.problems.error(ctx.span(body + ("blocks", j)), f"this block overlaps block {used[block.area] + 1} "
                               f"in area {block.area!r} on page {page.id!r}", "give each block its own area")
        else:
            used.setdefault(block.area, j)
    if page.flow:
        for k, name in enumerate(page.flow.into):
            if name not in areas:
                report_unknown(ctx.problems, ctx.layout.spans, body + ("flow", "into", k), "area", name, sorted(areas))
                return None
    return areas


def _closed_up(ctx: Context, page: Page, content: Box, bind: dict[str, str] | None = None,
               hidden: frozenset[str] = frozenset(), path: tuple = ()) -> dict[str, Box]:
    """The page's areas with the rows of areas that have nothing to show collapsed, and auto rows measured.

    `hidden` areas are empty on this page whatever their blocks hold (a flow's first-page
    blocks, on the pages it continues onto).
    """
    grid = ctx.layout.spec.grids[page.grid or ""]
    blocks = [_bound(b, bind or {}) for b in page.blocks]
    shown = {b.area for b in blocks if b.area not in hidden and _shown(ctx, b)}
    empty = frozenset(b.area for b in blocks) - shown
    autos = auto_rows(grid)
    if not autos:
        return resolve_grid(grid, content, empty) if empty else resolve_grid(grid, content)
    cells = area_cells(grid.areas)
    # An area of an auto row with nothing shown in it is empty: it has no height of its own.
    empty |= frozenset(n for n, (r0, _c0, r1, _c1) in cells.items() if n not in shown and all(
        r in autos for r in range(r0, r1 + 1)))
    rough = resolve_grid(grid, content, empty, measuring=True)
    sizes: dict[int, float] = {}
    for j, block in enumerate(blocks):
        row = cells[block.area][0] if block.area in cells else None
        if block.area in shown and row in autos and cells[block.area][2] == row:
            need = natural_height(ctx, block, rough[block.area].w, path + ("blocks", j))
            sizes[row] = max(sizes.get(row, 0.0), need or 0.0)
    _spanning(ctx, grid, blocks, cells, shown, autos, rough, sizes, path)
    return resolve_grid(grid, content, empty, _within(grid, content, sizes, empty))


def _spanning(ctx: Context, grid, blocks: list, cells: dict, shown: set[str], autos, rough: dict[str, Box],
              sizes: dict[int, float], path: tuple) -> None:
    """Grow the last of several auto rows when an area spanning them all needs more than they give.

    A contents list beside both the page's heading and its intro takes the room they take
    together, and only the rest of what it needs.
    """
    row_gap = grid.gap if isinstance(grid.gap, (int, float)) else grid.gap[0]
    for j, block in enumerate(blocks):
        r0, _c0, r1, _c1 = cells.get(block.area, (0, 0, 0, 0))
        if block.area not in shown or r1 == r0 or not all(r in autos for r in range(r0, r1 + 1)):
            continue
        need = natural_height(ctx, block, rough[block.area].w, path + ("blocks", j)) or 0.0
        have = sum(sizes.get(r, 0.0) for r in range(r0, r1 + 1)) + row_gap * (r1 - r0)
        if need > have:
            sizes[r1] = sizes.get(r1, 0.0) + need - have


def _within(grid, content: Box, sizes: dict[int, float], empty: frozenset[str]) -> dict[int, float]:
    """Auto row heights scaled down, when they must be, so the fr rows keep a fifth of the page.

    Text in a row cut down is then set smaller to fit (with a warning), rather than overflow the page.
    """
    free, open_fr = free_height(grid, content, empty)
    room = free - (content.h * 0.2 if open_fr else 0.0)
    total = sum(sizes.values())
    if total <= room or total <= 0:
        return sizes
    return {i: h * max(0.0, room) / total for i, h in sizes.items()}


def _bound(block, bind: dict[str, str]):
    """A block of a repeated page bound to the page's item, when it names nothing itself."""
    key = _BINDS.get(block.type)
    return block.model_copy(update={key: bind[key]}) if key in bind and getattr(block, key) is None else block


def _page_instances(ctx: Context, page: Page, areas: dict[str, Box], path: tuple, body: tuple, content: Box,
                    slots: tuple = ()):
    """One or more instances of a page: repeated per item (or group), or flowing onto further pages.

    Each is its items, speaker notes, section (for running heads) and the headings its flow set.
    """
    if page.repeat:
        for bind, item, group in repeat_items(ctx.report, page.repeat, page.per_page):
            item_ctx = replace(ctx, item=item, group=group)
            notes = item_ctx.fill(page.notes or "", body + ("notes",))
            yield (_blocks(item_ctx, page, _closed_up(item_ctx, page, content, bind, path=body), body, bind, slots),
                   notes, item_ctx.fill(page.title or "", path + ("title",)), ())
        return
    notes = ctx.fill(page.notes or "", body + ("notes",))
    page = page.model_copy(update={"title": ctx.fill(page.title or "", path + ("title",))})
    if page.flow:
        yield from _flow_pages(ctx, page, areas, body, notes, slots)
    else:
        yield _blocks(ctx, page, _closed_up(ctx, page, content, path=body), body, {}, slots), notes, page.title or "", ()


# The key by which each kind of block binds to the item of a repeated page.
_BINDS = {"quote": "quote", "figure": "figure", "chart": "series", "list": "list", "section": "section"}
_BIND_OF_ITEM = {FigureView: "figure", QuoteView: "quote", SeriesView: "series", ListView: "list",
                 SectionView: "section"}


def repeat_items(report: Report, name: str, per_page: int = 1):
    """For each page of a repeated collection: what blocks bind to, `{item.x}` placeholders, the group."""
    items = collection(report, name)
    if per_page > 1:
        parts = -(-len(items) // per_page)
        for n, start in enumerate(range(0, len(items), per_page), start=1):
            # {item.part}: "2 of 3" when the collection takes several pages, else nothing.
            part = f"{n} of {parts}" if parts > 1 else ""
            yield ({}, {"item.count": str(len(items)), "item.part": part, "item.index": str(n)},
                   tuple(items[start:start + per_page]))
        return
    for n, item in enumerate(items, start=1):
        bind = _BIND_OF_ITEM.get(type(item))
        yield ({bind: item.key} if bind else {}), {**item_placeholders(item), "item.index": str(n)}, None


def item_placeholders(item: object) -> dict[str, str]:
    """The `{item.x}` placeholders of one collection item."""
    if isinstance(item, QuoteView):
        return {"item.speaker": item.speaker, "item.role": item.role, "item.pull": item.pull}
    if isinstance(item, FigureView):
        return {"item.value": item.value.text, "item.label": item.label, "item.detail": item.detail or ""}
    if isinstance(item, (SeriesView, ListView, SectionView)):
        return {"item.title": item.title or ""}
    return {}


def _blocks(ctx: Context, page: Page, areas: dict[str, Box], path: tuple, bind: dict[str, str],
            slots: tuple = ()) -> list[Item]:
    """Build every block of a page that has something to show, binding repeated pages' blocks to their item.

    On a slide, the item that fills a block's slot (its text, or its chart) is marked with it.
    """
    shown = [(j, bound) for j, bound in ((j, _bound(b, bind)) for j, b in enumerate(page.blocks) if b.area in areas)
             if _shown(ctx, bound)]
    if ctx.layout.template is not None:
        from generator.layout.templated import templated_items

        return templated_items(ctx, page, path, shown, ctx.layout.template.placement(path))
    items: list[Item] = []
    for j, bound in shown:
        items += tagged(build_block(ctx, bound, areas[bound.area], path + ("blocks", j)), bound, slots)
    return items


def _shown(ctx: Context, block) -> bool:
    """Whether a block appears on this page: it has something to show, and is not a `once:` block repeated."""
    later = block.once and ctx.item.get("item.index", "1") != "1"
    return not later and not is_empty(ctx, block)


def _flow_pages(ctx: Context, page: Page, areas: dict[str, Box], path: tuple, notes: str, slots: tuple = ()):
    """Pages of flowing narrative.

    The page's blocks appear on every page of the flow, except those marked `once:`, which
    appear on the first only (their rows close up on the others). A flow with nothing to
    pour makes no page at all, unless the page's own blocks show more than headings.
    """
    assert page.flow is not None
    flow = page.flow
    first = _closed_up(ctx, page, areas_box(areas, ctx, page), path=path)
    once = frozenset(b.area for b in page.blocks if b.once)
    rest = _closed_up(ctx, page, areas_box(areas, ctx, page), hidden=once, path=path) if once else first
    content = chunks(ctx, flow.content, path + ("flow", "content"), first[flow.into[0]].w)
    if not content and not any(b.type not in ("heading", "rule", "shape") and _shown(ctx, b) for b in page.blocks):
        return
    filler = _balanced(ctx, [first[n] for n in flow.into], [rest[n] for n in flow.into], content, path + ("flow",))
    first_blocks = _blocks(ctx, page, first, path, {}, slots)
    later = page.model_copy(update={"blocks": [b for b in page.blocks if not b.once]})
    rest_blocks = _blocks(ctx, later, rest, path, {}, slots) if filler.pages[1:] else []
    for n, items in enumerate(filler.pages):
        if not items and n > 0:
            continue
        # The first page is named by the layout; continuation pages by the section they open with.
        section = (page.title or _first_heading(items)) if n == 0 else (_first_heading(items) or page.title or "")
        yield (first_blocks if n == 0 else rest_blocks) + items, notes, section, _headings(items)


def areas_box(areas: dict[str, Box], ctx: Context, page: Page) -> Box:
    """The content box a page's areas were laid out in (the margins' box)."""
    margins = ctx.layout.spec.margins or Margins()
    width, height = _size(ctx.layout)
    return Box(margins.left, margins.top, width - margins.left - margins.right, height - margins.top - margins.bottom)


def _pour(ctx: Context, into: list[Box], rest: list[Box], content: list, path: tuple,
          last: tuple[int, float] | None = None, tighten: float = 1.0, settings: dict | None = None) -> Filler:
    """Pour the flow (into `into` on its first page, `rest` on the others); with `last` = (page, height), that
    page's areas are cut to that height; `tighten` scales the gaps between flow items."""
    opened: list[int] = []

    def new_page() -> list[Box]:
        opened.append(1)
        boxes = into if len(opened) == 1 else rest
        if last is not None and len(opened) == last[0]:
            return [Box(a.x, a.y, a.w, min(a.h, last[1])) for a in boxes]
        return boxes

    filler = Filler(ctx, ctx.theme.spacing.get("flow_gap", 10) * tighten, new_page, path,
                    settings=settings if settings is not None else {})
    filler.start()
    filler.pour(content)
    return filler


# A last page holding less than this share of its columns is saved, if tighter gaps can save it.
SHORT_LAST_PAGE = 0.25
TIGHTER = (0.75, 0.5)


def _balanced(ctx: Context, into: list[Box], rest: list[Box], content: list, path: tuple) -> Filler:
    """The flow with its last page's columns balanced, so no column is left with a straggling line.

    A last page that would hold only a few lines is saved when pouring the flow with tighter
    gaps between its items (down to half) needs one page fewer. The last page is then poured
    again into shorter columns, from the even share upwards, and the first pouring that needs
    no further page is kept. Columns never get shorter than the tallest quote or chart in the
    flow, so nothing set in whole is squeezed.
    """
    from generator.layout.flow import BoxChunk

    tighten = 1.0
    settings: dict = {}  # text set once per chunk and width, for every pouring
    first = _pour(ctx, into, rest, content, path, settings=settings)
    boxes = into if len(first.pages) == 1 else rest
    if len(first.pages) > 1 and sum(_column_heights(first.pages[-1], boxes)) < sum(b.h for b in boxes) * SHORT_LAST_PAGE:
        for factor in TIGHTER:
            tight = _pour(ctx, into, rest, content, path, tighten=factor, settings=settings)
            if len(tight.pages) < len(first.pages):
                first, tighten = tight, factor
                boxes = into if len(first.pages) == 1 else rest
                break
    used = _column_heights(first.pages[-1], boxes)
    if len(boxes) < 2 or (len(first.pages) > 1 and not any(used[1:]) and used[0] < boxes[0].h * 0.5):
        return first  # a short last page in one column reads as the end of a long text; leave it
    floor = max((c.height for c in content if isinstance(c, BoxChunk)), default=0.0)
    target = max(sum(used) / len(boxes), floor)
    pages = len(first.pages)
    while target < boxes[0].h:
        trial = _pour(ctx, into, rest, content, path, (pages, target), tighten, settings)
        if len(trial.pages) == pages:
            return trial
        target += 12
    return first


def _column_heights(items: list[Item], into: list[Box]) -> list[float]:
    """How far down each column the items on a page reach."""
    heights = []
    for area in into:
        bottoms = [i.box.bottom for i in items if hasattr(i, "box") and abs(i.box.x - area.x) < 1]
        heights.append(max(bottoms, default=area.y) - area.y)
    return heights


def _title_index(items: tuple[Item, ...]) -> int | None:
    """The index of the page's title: its first heading set in a title style."""
    from generator.layout.frame import TextItem

    return next((n for n, i in enumerate(items) if isinstance(i, TextItem) and i.role == "title" and i.lines), None)


def _first_heading(items: list[Item]) -> str:
    """The text of the first heading on a page (for running headers)."""
    return next(iter(_headings(items, joined="\n", roles=("heading", "subheading"))), "")


def _headings(items: list[Item], joined: str = " ", roles: tuple[str, ...] = ("heading",)) -> tuple[str, ...]:
    """The words of every heading of `roles` among `items`, in order, their lines joined by `joined`.

    By default the flow's own headings (sections, lists, quotes), not the notes' subheadings.
    """
    from generator.layout.frame import TextItem

    # The words as written, not as a style in capitals shows them ("Sources", not "SOURCES").
    return tuple(joined.join("".join(p.source if p.source is not None else p.text for p in line.pieces)
                             for line in i.lines)
                 for i in items if isinstance(i, TextItem) and i.role in roles and i.lines)


def _background(ctx: Context, page: Page) -> str | None:
    """The page's background colour: its own, else its master's."""
    if page.background:
        return ctx.theme.colour(page.background)
    master = ctx.layout.spec.masters.get(page.master) if page.master != "none" else None
    return ctx.theme.colour(master.background) if master and master.background else None


def _master(ctx: Context, page: Page, width: float, height: float, margins: Margins, number: int,
            section: str, path: tuple) -> list[Item]:
    """The master's items for this page, unless the page switches the master off."""
    if page.master == "none":
        return []
    master = ctx.layout.spec.masters.get(page.master)
    if master is None:  # an unknown master, already reported when the layout was loaded
        return []
    return master_items(ctx, master, width, height, margins, number, section, ("masters", page.master))


def _metadata(report: Report) -> Metadata:
    """Title, author, subject and keywords for both outputs."""
    return Metadata(
        title=f"{report.short_name} {report.title}",
        author=report.organisation,
        subject=f"{report.title}: {report.subtitle}" if report.subtitle else report.title,
        keywords=(report.short_name, report.title, report.period),
        language=report.locale,
    )
