"""The layout stage: a report and a layout in, a Document of positioned pages out."""

from __future__ import annotations

from dataclasses import replace

from generator.diagnostics import Collector, SpanlessError
from generator.layout.blocks import build_block, is_empty
from generator.layout.context import Context
from generator.layout.flow import Filler, chunks
from generator.layout.brand import deck_brand
from generator.layout.frame import Box, BrandTemplate, Document, Item, Metadata, PageFrame
from generator.layout.slots import furniture_slots, page_slots, slide_kind, tagged, titled
from generator.layout.grid import resolve_grid
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

    A deck built on a brand template sets each slide's blocks into its template layout's
    placeholders (generator/layout/templated.py) and leaves masters and backgrounds to it.
    """
    width, height = _size(layout)
    margins = layout.spec.margins or Margins()
    content = Box(margins.left, margins.top, width - margins.left - margins.right, height - margins.top - margins.bottom)
    deck = layout.spec.output == "deck"
    pages: list[PageFrame] = []
    for i, written in enumerate(layout.spec.pages):
        ctx = Context(report, layout, problems, written.id)
        chosen = choose_variant(report, written, ("pages", i))
        if chosen is None:
            continue
        page, body = chosen
        areas = _areas(ctx, page, content, ("pages", i), body)
        if areas is None:
            continue
        kind = slide_kind(page) if deck else ""
        slots = _slots(ctx, page, areas, kind) if deck else ()
        for item_list, notes, section in _page_instances(ctx, page, areas, ("pages", i), body, content, slots):
            number = len(pages) + 1
            on_template = layout.template is not None
            background = None if on_template else _background(ctx, page)
            under = [] if on_template else _master(ctx, page, width, height, margins, number, section, ("pages", i))
            if not on_template:  # a template's own colours are its designer's
                _check_contrast(ctx, under + item_list, background, ("pages", i))
            frame = PageFrame(page.id, width, height, background, tuple(under + item_list),
                              speaker_notes(item_list, notes), number, master=_master_name(page),
                              furniture=len(under))
            pages.append(_titled(frame, section or page.title or "", kind, slots))
    return Document(layout.spec.output, tuple(pages), _metadata(report), deck_brand(layout.theme) if deck else None,
                    _brand_template(layout))


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


def _closed_up(ctx: Context, page: Page, content: Box) -> dict[str, Box]:
    """The page's areas with the rows of areas that have nothing to show collapsed."""
    grid = ctx.layout.spec.grids[page.grid or ""]
    shown = {b.area for b in page.blocks if _shown(ctx, b)}
    empty = frozenset(b.area for b in page.blocks) - shown
    return resolve_grid(grid, content, empty) if empty else resolve_grid(grid, content)


def _page_instances(ctx: Context, page: Page, areas: dict[str, Box], path: tuple, body: tuple, content: Box,
                    slots: tuple = ()):
    """One or more instances of a page: repeated per item (or group), or flowing onto further pages."""
    if page.repeat:
        for bind, item, group in repeat_items(ctx.report, page.repeat, page.per_page):
            item_ctx = replace(ctx, item=item, group=group)
            notes = item_ctx.fill(page.notes or "", body + ("notes",))
            yield (_blocks(item_ctx, page, _closed_up(item_ctx, page, content), body, bind, slots), notes,
                   item_ctx.fill(page.title or "", path + ("title",)))
        return
    notes = ctx.fill(page.notes or "", body + ("notes",))
    page = page.model_copy(update={"title": ctx.fill(page.title or "", path + ("title",))})
    if page.flow:
        yield from _flow_pages(ctx, page, areas, body, notes, slots)
    else:
        yield _blocks(ctx, page, _closed_up(ctx, page, content), body, {}, slots), notes, page.title or ""


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
        return {"item.title": item.title}
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


def _bound(block, bind: dict[str, str]):
    """A block of a repeated page bound to the page's item, when it names none itself."""
    key = _BINDS.get(block.type)
    return block.model_copy(update={key: bind[key]}) if key in bind and getattr(block, key) is None else block


def _shown(ctx: Context, block) -> bool:
    """Whether a block appears on this page: it has something to show, and is not a `once:` block repeated."""
    later = block.once and ctx.item.get("item.index", "1") != "1"
    return not later and not is_empty(ctx, block)


def _flow_pages(ctx: Context, page: Page, areas: dict[str, Box], path: tuple, notes: str, slots: tuple = ()):
    """Pages of flowing narrative; the page's blocks appear on the first of them only.

    A flow with nothing to pour makes no page at all.
    """
    assert page.flow is not None
    flow = page.flow
    content = chunks(ctx, flow.content, path + ("flow", "content"), areas[flow.into[0]].w)
    if not content:
        return
    filler = _balanced(ctx, [areas[n] for n in flow.into], content, path + ("flow",))
    first_blocks = _blocks(ctx, page, areas, path, {}, slots)
    for n, items in enumerate(filler.pages):
        if not items:
            continue
        # The first page is named by the layout; continuation pages by the section they open with.
        section = (page.title or _first_heading(items)) if n == 0 else (_first_heading(items) or page.title or "")
        yield (first_blocks if n == 0 else []) + items, notes, section


def _pour(ctx: Context, into: list[Box], content: list, path: tuple, last: tuple[int, float] | None = None) -> Filler:
    """Pour the flow; with `last` = (page, height), that page's areas are cut to that height."""
    opened: list[int] = []

    def new_page() -> list[Box]:
        opened.append(1)
        if last is not None and len(opened) == last[0]:
            return [Box(a.x, a.y, a.w, min(a.h, last[1])) for a in into]
        return into

    filler = Filler(ctx, ctx.theme.spacing.get("flow_gap", 10), new_page, path)
    filler.start()
    filler.pour(content)
    return filler


def _balanced(ctx: Context, into: list[Box], content: list, path: tuple) -> Filler:
    """The flow with its last page's columns balanced, so no column is left with a straggling line.

    The last page is poured again into shorter columns, from the even share upwards, and the
    first pouring that needs no further page is kept. Columns never get shorter than the
    tallest quote or chart in the flow, so nothing set in whole is squeezed.
    """
    from generator.layout.flow import BoxChunk

    first = _pour(ctx, into, content, path)
    used = _column_heights(first.pages[-1], into)
    if len(into) < 2 or (len(first.pages) > 1 and not any(used[1:]) and used[0] < into[0].h * 0.5):
        return first  # a short last page in one column reads as the end of a long text; leave it
    floor = max((c.height for c in content if isinstance(c, BoxChunk)), default=0.0)
    target = max(sum(used) / len(into), floor)
    pages = len(first.pages)
    while target < into[0].h:
        trial = _pour(ctx, into, content, path, (pages, target))
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
    from generator.layout.frame import TextItem

    return next((i.text for i in items if isinstance(i, TextItem) and i.role == "heading"), "")


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
