"""Load a layout file and its theme (following `extends`), with diagnostics at their lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Mapping, TypeVar

from pydantic import BaseModel

from generator.diagnostics import (
    Collector,
    Span,
    SpanlessError,
    display_path,
)
from generator.layout.grid import area_cells
from generator.layoutfile.merge import merge
from generator.layoutfile.spec import LayoutFile, ThemeFile
from generator.layout.theme import Theme, build_theme
from generator.load import UNREADABLE, SpanMap, read_yaml
from generator.load.boundary import Boundary, Refused, regular_file
from generator.load.filekinds import check_image
from generator.load.yamlfile import MAX_BYTES
from generator.model.resolve import report_unknown
from generator.model.validate import validate_model

if TYPE_CHECKING:
    from generator.layoutfile.template_plan import TemplatePlan

MAX_EXTENDS = 8
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ThemeChoice:
    """A theme asked for by name (by the data file or the command line), and where it was asked."""

    name: str
    span: Span


# Themes by name live here, beside the shipped layouts; a layout's own folder is searched first.
SHIPPED_THEMES = Path(__file__).resolve().parent.parent.parent / "layouts" / "themes"


@dataclass(frozen=True)
class Layout:
    """A validated layout with its resolved theme and the spans of its text."""

    spec: LayoutFile
    theme: Theme
    spans: SpanMap
    path: Path
    # The checked file of each image block, by the block's path in the layout ("pages", i, "blocks", j).
    images: Mapping[tuple, Path] = field(default_factory=lambda: MappingProxyType({}))
    template: "TemplatePlan | None" = None  # the deck's brand template, when it is built on one


def load_layout(path: Path, output: str, problems: Collector, choice: ThemeChoice | None = None,
                boundary: Boundary | None = None, deck_template: Path | None = None) -> Layout | None:
    """Load a layout for `output` ("pdf" or "deck"), branded by `choice` or the layout's own theme.

    None (with diagnostics) on any problem. Files it names (`extends:`, `theme:`, fonts, images,
    the theme's `deck_template:`) are read only inside `boundary` (by default, the project around
    this layout). A deck is built on `deck_template` (from the command line) or the theme's.
    """
    boundary = boundary or Boundary.around(path)
    loaded = _load_valid(path, LayoutFile, problems, boundary)
    if loaded is None:
        return None
    spec, spans = loaded
    if spec.output != output:
        problems.error(spans.at(("output",)), f"this layout is for the {spec.output}, not the {output}",
                       f"pass a {output} layout")
    _check_grids(spec, spans, problems)
    _check_slide_layouts(spec, spans, problems)
    images = _check_images(spec, spans, boundary, problems)
    if choice is not None:
        theme_path = _named_theme(choice, path, problems)
        theme = _load_theme(theme_path, spans, ("theme",), problems, output, boundary) if theme_path else None
    elif not spec.theme:
        problems.error(spans.at(()), "the layout names no theme", "add `theme: themes/NAME/theme.yaml`")
        return None
    else:
        theme = _load_theme(_relative(spans, ("theme",), path, spec.theme), spans, ("theme",), problems, output,
                            boundary)
    if theme is None:
        return None
    _check_colours(spec, theme, spans, problems)
    template = None
    if output == "deck":
        from generator.layoutfile.template_plan import load_template_plan

        template = load_template_plan(spec, spans, theme, deck_template, boundary, problems)
    # Returned even after grid problems, so that laying it out reports the rest at once; a
    # layout with errors is never rendered.
    return Layout(spec, theme, spans, path, MappingProxyType(images), template)


def _check_images(spec: LayoutFile, spans: SpanMap, boundary: Boundary, problems: Collector) -> dict[tuple, Path]:
    """The file of every image block, checked to be an image inside the project; problems at its line.

    Keyed by the path the layout stage builds the block under: a page's, or a variant's (a
    variant without blocks of its own uses the page's).
    """
    images: dict[tuple, Path] = {}
    checked: dict[tuple, Path | None] = {}
    for i, page in enumerate(spec.pages):
        bodies = [(("pages", i), ("pages", i), page.blocks)]
        for k, variant in enumerate(getattr(page, "variants", None) or []):
            own = variant.blocks is not None
            bodies.append((("pages", i, "variants", k), ("pages", i, "variants", k) if own else ("pages", i),
                           variant.blocks if own else page.blocks))
        for built_as, written_at, blocks in bodies:
            for j, block in enumerate(blocks):
                if block.type != "image":
                    continue
                at = written_at + ("blocks", j)
                if at not in checked:
                    checked[at] = _check_image(block.path, at, spans, boundary, problems)
                if checked[at] is not None:
                    images[built_as + ("blocks", j)] = checked[at]
    return images


def _check_image(name: str | None, at: tuple, spans: SpanMap, boundary: Boundary, problems: Collector) -> Path | None:
    """One image block's file, resolved and checked; None after reporting why not."""
    if not name:
        problems.error(spans.at(at), "this image block names no file", "add `path:` naming a PNG, JPEG or SVG file")
        return None
    try:
        real = boundary.admit(_relative(spans, at + ("path",), Path(spans.file), name))
        check_image(real)
    except Refused as exc:
        problems.error(spans.at(at + ("path",)), f"image file {_short(name)!r} {exc.message}",
                       exc.hint or "the path is relative to the layout file")
        return None
    return real


def _short(name: str, limit: int = 60) -> str:
    """A file name for messages, cut short if it is absurdly long."""
    return name if len(name) <= limit else name[:limit - 3] + "..."


def _load_valid(path: Path, model: type[M], problems: Collector, boundary: Boundary) -> tuple[M, SpanMap] | None:
    """Load a file (merged with what it extends) and validate it; None after reporting problems."""
    raw = _load_chain(path, problems, boundary)
    if raw is None:
        return None
    value, spans = raw
    spec, diagnostics = validate_model(model, value, spans)
    problems.extend(diagnostics)
    return None if spec is None else (spec, spans)


def _relative(spans: SpanMap, key: tuple, fallback: Path, name: str) -> Path:
    """A path named in a file, relative to the file whose line set it."""
    return Path(spans.at(key).path).parent / name if spans.values.get(key) else fallback.parent / name


def _load_chain(path: Path, problems: Collector, boundary: Boundary,
                seen: tuple[Path, ...] = ()) -> tuple[Any, SpanMap] | None:
    """Load a YAML file and everything it extends, merged; None after reporting problems."""
    loaded = read_yaml(path, problems)  # problems confined to one value do not stop validation
    if loaded is None:
        return None
    value, spans = loaded
    parent_name = value.get("extends") if isinstance(value, dict) else None
    if not parent_name or parent_name is UNREADABLE:
        return value, spans
    if not isinstance(parent_name, str):
        problems.error(spans.at(("extends",)), "extends must name a file")
        return None
    try:
        parent_path = boundary.admit(path.parent / parent_name)
        regular_file(parent_path, MAX_BYTES)
    except Refused as exc:
        problems.error(spans.at(("extends",)), f"{_short(parent_name)!r} {exc.message}",
                       exc.hint or f"paths are relative to {display_path(path.parent)}")
        return None
    if parent_path in seen or len(seen) >= MAX_EXTENDS or parent_path == path.resolve():
        problems.error(spans.at(("extends",)), f"{_short(parent_name)!r} extends itself (directly or through others)",
                       "break the cycle of extends")
        return None
    parent = _load_chain(parent_path, problems, boundary, seen + (path.resolve(),))
    if parent is None:
        return None
    child = {k: v for k, v in value.items() if k != "extends"}
    return merge(parent[0], parent[1], child, spans)


def _check_grids(spec: LayoutFile, spans: SpanMap, problems: Collector) -> None:
    """Every grid's areas are rectangles, and every page names a grid that exists."""
    for name, grid in spec.grids.items():
        try:
            area_cells(grid.areas)
        except SpanlessError as exc:
            report_grid_error(problems, spans, name, exc)
    for i, page in enumerate(spec.pages):
        for path, grid in _page_grids(page, ("pages", i)):
            if grid is None:
                problems.error(spans.at(path), "this page (or variant) names no grid", "add `grid: NAME`")
            elif grid not in spec.grids:
                report_unknown(problems, spans, path + ("grid",), "grid", grid, list(spec.grids))
        if page.master != "none" and page.master not in spec.masters:
            problems.error(spans.at(("pages", i, "master")), f"unknown master {page.master!r}",
                           "masters: " + ", ".join(list(spec.masters) + ["none"]))


def _check_slide_layouts(spec: LayoutFile, spans: SpanMap, problems: Collector) -> None:
    """Only slides have a kind of slide layout."""
    if spec.output == "deck":
        return
    for i, page in enumerate(spec.pages):
        if page.slide_layout is not None:
            problems.error(spans.at(("pages", i, "slide_layout")), "`slide_layout:` names a slide layout of a deck, "
                           "and this layout is for the pdf", "leave it out of PDF layouts")


def _check_colours(spec: LayoutFile, theme: Theme, spans: SpanMap, problems: Collector) -> None:
    """Every colour the layout names by name exists in the theme."""
    def check(value: str | None, path: tuple) -> None:
        if value and not value.startswith("#") and value not in theme.colours:
            report_unknown(problems, spans, path, "colour", value, sorted(theme.colours))

    for name, master in spec.masters.items():
        check(master.background, ("masters", name, "background"))
        check(master.band, ("masters", name, "band"))
    for i, page in enumerate(spec.pages):
        check(page.background, ("pages", i, "background"))
        bodies = [(("pages", i), page.blocks)] + [(("pages", i, "variants", k), v.blocks or [])
                                                   for k, v in enumerate(page.variants)]
        for k, variant in enumerate(page.variants):
            check(variant.background, ("pages", i, "variants", k, "background"))
        for path, blocks in bodies:
            for j, block in enumerate(blocks):
                check(block.colour, path + ("blocks", j, "colour"))
                check(block.fill, path + ("blocks", j, "fill"))


def _page_grids(page, path: tuple) -> list[tuple[tuple, str | None]]:
    """The grid each arrangement of a page uses (a variant without one uses the page's)."""
    if not page.variants:
        return [(path, page.grid)]
    return [(path + ("variants", k), v.grid or page.grid) for k, v in enumerate(page.variants)]


def report_grid_error(problems: Collector, spans: SpanMap, name: str, exc: SpanlessError) -> None:
    """Report a grid problem at the row of areas it is on (the same words wherever it is found)."""
    row = getattr(exc, "row", None)
    where = ("grids", name, "areas") + ((row,) if row is not None else ())
    problems.error(spans.at(where), f"grid {name!r}: {exc.message}", exc.hint)


def _named_theme(choice: ThemeChoice, layout_path: Path, problems: Collector) -> Path | None:
    """The theme file of a theme named `choice.name`: themes/NAME/theme.yaml beside the layout, or shipped."""
    for folder in (layout_path.parent / "themes", SHIPPED_THEMES):
        candidate = folder / choice.name / "theme.yaml"
        if candidate.is_file():
            return candidate
    problems.error(choice.span, f"unknown theme {choice.name!r}", "themes: " + ", ".join(known_themes([layout_path])))
    return None


def known_themes(layout_paths: list[Path]) -> list[str]:
    """The names of the themes these layouts can use: folders of themes beside them, and the shipped ones."""
    folders = [Path(p).parent / "themes" for p in layout_paths] + [SHIPPED_THEMES]
    return sorted({t.parent.name for folder in folders if folder.is_dir() for t in folder.glob("*/theme.yaml")})


def _load_theme(path: Path, spans: SpanMap, key: tuple, problems: Collector, output: str = "pdf",
                boundary: Boundary | None = None) -> Theme | None:
    """Load and resolve a theme file (and what it extends); the deck takes the theme's `deck:` overrides."""
    boundary = boundary or Boundary.around(path)
    try:
        regular_file(boundary.admit(path), MAX_BYTES)
    except Refused as exc:
        problems.error(spans.at(key), f"theme file {_short(display_path(path))!r} {exc.message}",
                       exc.hint or "the path is relative to the layout file")
        return None
    raw = _load_chain(path, problems, boundary)
    if raw is None:
        return None
    value, theme_spans = _for_output(raw[0], raw[1], output)
    spec, diagnostics = validate_model(ThemeFile, value, theme_spans)
    problems.extend(diagnostics)
    if spec is None:
        return None
    own = Collector()  # the theme fails on its own problems, not on the layout's
    _check_spacing(spec, theme_spans, own)
    theme = build_theme(spec, path.parent, theme_spans, own, boundary)
    problems.extend(own.items)
    return theme


def _for_output(value: Any, spans: SpanMap, output: str) -> tuple[Any, SpanMap]:
    """A theme as one output uses it: the deck merges the theme's `deck:` overrides over the rest."""
    if not isinstance(value, dict) or "deck" not in value:
        return value, spans
    base = {k: v for k, v in value.items() if k != "deck"}
    overrides = value["deck"]
    if output != "deck" or not isinstance(overrides, dict):
        return (base, spans) if output != "deck" else (value, spans)  # a bad `deck:` is reported by validation
    return merge(base, spans, overrides, spans.child(("deck",)))


# Spacing entries that are sizes of text rather than distances: 0 would print invisible text.
TEXT_SPACING = {"chart_font": (4.0, 72.0)}


def _check_spacing(spec: ThemeFile, spans: SpanMap, problems: Collector) -> None:
    """Spacing that sets a text size lies within a legible range (distances may be 0)."""
    for name, (low, high) in TEXT_SPACING.items():
        value = spec.spacing.get(name)
        if value is not None and not low <= value <= high:
            problems.error(spans.at(("spacing", name)), f"spacing.{name}: the chart text size must be between "
                           f"{low:g} and {high:g} pt, found {value:g}", "charts label their values in this size")
