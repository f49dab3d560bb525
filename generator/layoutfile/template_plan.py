"""Which slide layout of a brand template each kind of slide takes, and which placeholder each block fills.

The theme maps each kind of slide to names of the template's layouts, tried in order
(`deck_layouts:`, with defaults in make-report's own theme that match PowerPoint's,
LibreOffice's and Google Slides' layouts). On the chosen layout, the page's title heading
fills the title placeholder; a chart, tiles, a table or an image fill a content
placeholder (a chart one, a content one, or a body one, in that order of preference); each
other block of text fills the next text placeholder (subtitle, body or content) in reading
order, and shares the last one when there are no more. A placeholder named like the
block's area is taken first. Logos, rules and shapes are left to the template's master.
A kind the template cannot take, or a page a layout cannot hold, is a diagnostic at the
mapping's line; nothing falls back silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from generator.diagnostics import Collector, Span, display_path
from generator.layout.slots import is_title_block, slide_kind
from generator.layout.theme import Theme
from generator.layoutfile.spec import Block, LayoutFile, Page
from generator.layoutfile.template import TITLES, Placeholder, Template, TemplateLayout, read_template
from generator.load.boundary import Boundary, Refused
from generator.load.spans import SpanMap

TEXT = ("heading", "text", "section", "list", "quote", "sources")
CONTENT = {"chart": ("chart", "obj", "body"), "charts": ("obj", "chart", "body"), "figures": ("obj", "body"),
           "figure": ("obj", "body"), "table": ("tbl", "obj", "body"), "image": ("pic", "obj", "body")}
TEXT_HOLDERS = ("subTitle", "body", "obj")
FURNITURE = ("dt", "ftr", "sldNum", "hdr")
WHAT = {"chart": "a chart", "charts": "charts", "figures": "figure tiles", "figure": "a figure tile",
        "table": "a table of figures", "image": "an image"}


@dataclass(frozen=True)
class Placement:
    """Where the blocks of one page go on its kind's layout: a placeholder's index for each, or None."""

    layout: TemplateLayout
    blocks: tuple[int | None, ...]


@dataclass(frozen=True)
class TemplatePlan:
    """A checked brand template, the layout of each kind of slide, and the placements of each page's blocks."""

    template: Template
    kinds: Mapping[str, TemplateLayout]
    placements: Mapping[tuple, Placement]  # by the path of the blocks: a page's, or a variant's own

    def placement(self, path: tuple) -> Placement:
        """The placement of the blocks written at `path` (a variant without blocks of its own: its page's)."""
        return self.placements.get(path) or self.placements[path[:2]]


def load_template_plan(spec: LayoutFile, spans: SpanMap, theme: Theme, named: Path | None, boundary: Boundary,
                       problems: Collector) -> TemplatePlan | None:
    """The brand template the command line or the theme names, checked against the layout; None if there is none."""
    source = _source(theme, named)
    if source is None:
        return None
    path, span, inside = source
    try:
        template = read_template(boundary.admit(path) if inside else path)
    except Refused as exc:
        problems.error(span, f"deck template {_name(path)!r} {exc.message}",
                       exc.hint or "the path is relative to the theme file")
        return None
    own = Collector()  # the plan fails on its own problems, not the layout's
    kinds = _kinds(spec, spans, theme, template, own)
    placements = _placements(spec, spans, theme, template, kinds, own)
    problems.extend(own.items)
    return TemplatePlan(template, kinds, placements) if not own.has_errors else None


def _source(theme: Theme, named: Path | None) -> tuple[Path, Span, bool] | None:
    """The template file, where it was named, and whether it must lie inside the project."""
    if named is not None:
        return named, Span("--deck-template"), False  # named on the command line: it may lie anywhere
    if theme.deck_template is not None:
        return theme.deck_template[0], theme.deck_template[1], True
    return None


def _name(path: Path) -> str:
    return display_path(path) if len(str(path)) < 200 else path.name


def _kinds(spec: LayoutFile, spans: SpanMap, theme: Theme, template: Template,
           problems: Collector) -> dict[str, TemplateLayout]:
    """The template's layout for each kind of slide the deck layout uses, by the theme's names for it."""
    kinds: dict[str, TemplateLayout] = {}
    reported: set[str] = set()
    for i, page in enumerate(spec.pages):
        kind = slide_kind(page)
        if kind in kinds or kind in reported:
            continue
        reported.add(kind)
        mapping = theme.deck_layouts.get(kind)
        if mapping is None:
            problems.error(spans.at(("pages", i, "slide_layout") if page.slide_layout else ("pages", i)),
                           f"the theme maps slide kind {kind!r} to no slide layout of deck template "
                           f"{_name(template.path)}", f"add `deck_layouts: {{{kind}: NAME}}` to the theme; "
                           f"the template's layouts: {_listed(template)}")
            continue
        names, span = mapping
        found = next((layout for name in names if (layout := template.layout(name)) is not None), None)
        if found is None:
            tried = " nor ".join(repr(n) for n in names)
            problems.error(span, f"deck template {_name(template.path)} has no slide layout named {tried} for "
                           f"slide kind {kind!r}", f"its layouts: {_listed(template)}; name one of them for "
                           f"{kind!r} in the theme's deck_layouts")
            continue
        kinds[kind] = found
    return kinds


def _listed(template: Template) -> str:
    return ", ".join(dict.fromkeys(repr(l.name) for l in template.layouts))


def _placements(spec: LayoutFile, spans: SpanMap, theme: Theme, template: Template,
                kinds: dict[str, TemplateLayout], problems: Collector) -> dict[tuple, Placement]:
    """Every page's (and variant's own) blocks placed on its kind's layout; what cannot be placed reported."""
    placements: dict[tuple, Placement] = {}
    for i, page in enumerate(spec.pages):
        layout = kinds.get(slide_kind(page))
        if layout is None:
            continue
        if page.flow is not None or any(v.flow is not None for v in page.variants):
            problems.error(spans.at(("pages", i, "flow")), f"page {page.id!r} flows onto further slides, which a "
                           f"brand template's slide layout cannot hold", "give the deck's pages blocks, not `flow:`")
            continue
        bodies = [(("pages", i), page.blocks)] + [(("pages", i, "variants", k), v.blocks)
                                                  for k, v in enumerate(page.variants) if v.blocks is not None]
        for path, blocks in bodies:
            blocks_placed, missing = place(blocks, layout)
            placements[path] = Placement(layout, blocks_placed)
            for what in missing:
                _missing(page, layout, template, what, theme.deck_layouts[slide_kind(page)][1], problems)
    return placements


def _missing(page: Page, layout: TemplateLayout, template: Template, what: str, span: Span,
             problems: Collector) -> None:
    """A page its layout cannot hold, reported at the kind's mapping."""
    kind = slide_kind(page)
    problems.error(span, f"slide layout {layout.name!r} of deck template {_name(template.path)} has no {what} "
                   f"for slide {page.id!r} (kind {kind!r})",
                   f"map {kind!r} in the theme's deck_layouts to a layout that has one, or add one to "
                   f"{layout.name!r} in the template")


def place(blocks: list[Block], layout: TemplateLayout) -> tuple[tuple[int | None, ...], list[str]]:
    """Each block's placeholder (an index into the layout's placeholders, or None) and what the layout lacks."""
    holders = sorted((n for n, ph in enumerate(layout.placeholders) if ph.kind not in FURNITURE),
                     key=lambda n: (layout.placeholders[n].box.y, layout.placeholders[n].box.x))
    placed: list[int | None] = [None] * len(blocks)
    used: set[int] = set()
    missing: list[str] = []
    title = next((j for j, b in enumerate(blocks) if is_title_block(b)), None)
    if title is not None:
        placed[title] = _take(holders, layout, used, TITLES, blocks[title])
        if placed[title] is None:
            missing.append("title placeholder")
    for j, block in enumerate(blocks):
        if block.type in CONTENT:
            placed[j] = _take(holders, layout, used, CONTENT[block.type], block, by_kind=True)
            if placed[j] is None:
                missing.append(f"content placeholder for {WHAT[block.type]}")
    shared: int | None = None
    for j, block in enumerate(blocks):
        if block.type in TEXT and j != title:
            placed[j] = _take(holders, layout, used, TEXT_HOLDERS, block)
            if placed[j] is None:
                placed[j] = shared  # no free text placeholder: the last one takes this block's paragraphs too
            if placed[j] is None:
                missing.append(f"text placeholder for the {block.type} in area {block.area!r}")
            shared = placed[j]
    return tuple(placed), missing


def _take(holders: list[int], layout: TemplateLayout, used: set[int], kinds: tuple[str, ...], block: Block,
          by_kind: bool = False) -> int | None:
    """The first free placeholder of one of these kinds: one named like the block's area first, then in
    reading order (or, `by_kind`, in the kinds' order of preference, each in reading order)."""
    free = [n for n in holders if n not in used and layout.placeholders[n].kind in kinds]
    named = [n for n in free if _named(layout.placeholders[n], block.area)]
    if by_kind:
        free.sort(key=lambda n: kinds.index(layout.placeholders[n].kind))
    chosen = (named or free or [None])[0]
    if chosen is not None:
        used.add(chosen)
    return chosen


def _named(holder: Placeholder, area: str) -> bool:
    """Whether a placeholder is named like an area ("Chart" for `chart`, "Subtitle 2" for `subtitle`)."""
    name = holder.name.casefold().replace("_", " ").replace("-", " ")
    words = name.split()
    wanted = area.casefold().replace("_", " ").replace("-", " ")
    return name == wanted or (bool(words) and " ".join(w for w in words if not w.isdigit()) == wanted)
