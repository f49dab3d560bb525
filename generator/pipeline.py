"""The pipeline: load → model → layout → render, for each data file, writing atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from generator.load.boundary import Boundary
from generator.diagnostics import (
    Collector,
    Diagnostic,
    DiagnosticError,
    Severity,
    Span,
    display_path,
    error,
    sorted_diagnostics,
)

if TYPE_CHECKING:
    from generator.layout.frame import Document
    from generator.layoutfile.memo import LayoutMemo
    from generator.render.memo import RenderMemo
    from generator.render.offload import Offload
    from generator.warm import Warm

DEFAULT_PDF_LAYOUT = Path("layouts/report-a4.yaml")
DEFAULT_DECK_LAYOUT = Path("layouts/deck-16x9.yaml")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def shipped(path: Path) -> Path:
    """A default file: relative to the working directory, else to the checkout the tool runs from."""
    if path.exists() or path.is_absolute():
        return path
    candidate = PROJECT_ROOT / path
    return candidate if candidate.exists() else path


@dataclass(frozen=True)
class Options:
    """What the command line asked for."""

    pdf_layout: Path | None = None
    deck_layout: Path | None = None
    strict: bool = False
    out: Path = Path("output")
    cache: Path | None = None
    render: bool = True
    theme: str | None = None  # --theme: overrides the data file's `theme:`
    allow_outside: tuple[Path, ...] = ()
    deck_template: Path | None = None  # --deck-template: overrides the theme's `deck_template:`


@dataclass
class Result:
    """What a run produced: diagnostics, messages for the user, and whether it failed."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    failed: bool = False
    counts: dict[str, int] = field(default_factory=dict)  # pages written per output ("pdf", "deck")
    reports: list[dict] = field(default_factory=list)  # a batch's per-file summaries (generator/summary.py)


# What is done with one data file's laid-out documents (writing the outputs, or a preview).
Writer = Callable[["list[Document]", Path, Options, Collector, "Result"], None]


def run(data_files: list[Path], options: Options, writer: Writer | None = None, prepare: bool = True,
        offload: Offload | None = None, warm: Warm | None = None,
        on_written: Callable[[list[Document], Path], None] | None = None) -> Result:
    """Check (and, when asked, build) each data file; every problem is gathered.

    `writer` receives each file's documents when every stage succeeded (default: write the
    PDF and the deck into options.out). `prepare=False` skips the clash check and the recovery
    of interrupted builds, for a batch that did both once before starting (generator/batch.py).
    `offload` (for the default writer only) renders the deck and draws missed charts in helper
    processes, started on each document as soon as it is laid out (generator/render/offload.py).
    `warm` keeps loaded layouts and rendered outputs between runs of a long-lived process (generator/warm.py).
    `on_written` is called with a file's documents once they were all written (watch --serve).
    """
    if writer is not None or not options.render:
        offload = None
    result = Result()
    clashes = _output_clashes(data_files) if options.render and prepare else {}
    if options.render and prepare:
        _recover(options, result)
    for index, path in enumerate(data_files):
        problems = Collector()
        try:
            if index in clashes:
                problems.add(clashes[index])
            else:
                default = partial(write_outputs, offload=offload, renders=warm.renders if warm else None)
                documents = _one(path, options, problems, result, writer or default, offload, warm)
                if on_written is not None and documents and not _fails(problems.items, options.strict):
                    on_written(documents, path)
        except DiagnosticError as exc:
            problems.extend(exc.diagnostics)
        result.diagnostics.extend(sorted_diagnostics(problems.items))
        if _fails(problems.items, options.strict):
            result.failed = True
        elif not options.render:
            result.messages.append(f"{display_path(path)}: ok")
    return result


def _output_clashes(data_files: list[Path]) -> dict[int, Diagnostic]:
    """An error for each data file whose outputs another file of the same run would also write.

    Outputs are named after the data file (data/x.yaml -> OUT/x.pdf), so two files with the same
    name in different folders, or one file named twice, would overwrite each other's outputs.
    Names that differ only in case clash too: they are one file on macOS and Windows.
    """
    by_stem: dict[str, list[int]] = {}
    for index, path in enumerate(data_files):
        by_stem.setdefault(path.stem.casefold(), []).append(index)
    clashes = {}
    for indices in by_stem.values():
        for index in indices if len(indices) > 1 else ():
            path = data_files[index]
            others = [display_path(data_files[i]) for i in indices if i != index]
            clashes[index] = error(Span(display_path(path)), f"this file's outputs ({path.stem}.pdf and "
                                  f"{path.stem}.pptx) would also be written by {', '.join(others)} in this run",
                                  "build them in separate runs with different --out folders, or rename one")
    return clashes


def _recover(options: Options, result: Result) -> None:
    """Finish or clear what a build killed earlier left in the output and cache folders (see render/atomic.py)."""
    from generator.charts.cache import ChartCache
    from generator.render.atomic import recover

    try:
        recover(options.out)
        ChartCache(options.cache).clean()
    except OSError as exc:
        result.diagnostics.append(error(Span(display_path(options.out)), "cannot finish the replacement of outputs "
                                        f"that an interrupted build left: {exc.strerror or exc}",
                                        "check that the output folder can be written"))
        result.failed = True


def _fails(items: list[Diagnostic], strict: bool) -> bool:
    """Errors fail a run; warnings too under --strict."""
    return any(d.severity is Severity.ERROR or strict for d in items)


def _one(path: Path, options: Options, problems: Collector, result: Result, writer: Writer,
         offload: Offload | None = None, warm: Warm | None = None) -> list[Document] | None:
    """Run every stage for one data file; write only when every stage succeeded; the documents handed to the writer."""
    from generator.model.load_report import load_report

    boundary = boundary_for(path, options)
    report = load_report(path, problems, boundary)
    theme = _theme_choice(options, report, path)
    laid_out: dict[str, Document] = {}
    loaded = True
    # Each layout is loaded and laid out in turn, so every layout's problems are reported with the
    # other's. With `offload` the deck goes first, and is handed over as soon as it is laid out
    # (while the build can still succeed): rendering it is the longer job, and it runs on the
    # other core while this process loads and lays out the PDF.
    for layout_path, output in _layout_order(options, offload):
        layout = _load_layout(layout_path, output, options, problems, boundary, theme, warm.layouts if warm else None)
        loaded = loaded and layout is not None
        if layout is None or report is None:
            continue
        doc = laid_out[output] = _lay_out(report, layout, problems)
        rendered = warm is not None and warm.renders.get(doc) is not None  # nothing to hand over
        if offload is not None and not rendered and not _fails(problems.items, options.strict):
            offload.laid_out(doc, options.cache)
    if report is None or not loaded or _fails(problems.items, options.strict) or not options.render:
        return None
    documents = [laid_out[output] for _, output in _layout_paths(options)]
    writer(documents, path, options, problems, result)
    return documents


def _lay_out(report, layout, problems: Collector) -> Document:
    """The layout stage for one layout."""
    from generator.layout.engine import lay_out

    return lay_out(report, layout, problems)


def _layout_order(options: Options, offload: Offload | None) -> tuple[tuple[Path, str], ...]:
    """The layouts in the order they are loaded and laid out: the deck first when it is handed to a helper."""
    paths = _layout_paths(options)
    return tuple(reversed(paths)) if offload is not None else paths


def write_outputs(documents: list[Document], path: Path, options: Options, problems: Collector, result: Result,
                  offload: Offload | None = None, renders: RenderMemo | None = None) -> None:
    """Render the documents and write them all into options.out (or, on a disk error, none)."""
    from generator.render.write import CannotWrite, render_documents

    stem = path.stem
    try:
        written = render_documents(documents, options.out, stem, options.cache, offload, renders)
    except CannotWrite as exc:  # a full disk or a read-only folder: the person's setup, not a bug
        problems.error(Span(display_path(path)), f"cannot write to {display_path(options.out)}: {exc}",
                       "check that the output folder can be created and written; the previous outputs are untouched")
        return
    result.written.extend(written)
    result.messages.extend(f"wrote {display_path(p)}" for p in written)
    for doc in documents:
        result.counts[doc.output] = result.counts.get(doc.output, 0) + len(doc.pages)


def layouts_for(options: Options, report, path: Path, problems: Collector) -> list:
    """Both layouts, branded as the report asks (for commands that lay out without building, e.g. explain)."""
    return _load_layouts(options, problems, boundary_for(path, options), _theme_choice(options, report, path))


def _theme_choice(options: Options, report, path: Path):
    """The theme the report asks for: --theme, else the data file's `theme:`, else the layout's own."""
    from generator.layoutfile.load import ThemeChoice

    if options.theme:
        return ThemeChoice(options.theme, Span("--theme"))
    if report is not None and report.theme:
        return ThemeChoice(report.theme, report.theme_span or Span(display_path(path)))
    return None


def _layout_paths(options: Options) -> tuple[tuple[Path, str], ...]:
    """The PDF and deck layout files in use, each with the output it is for."""
    return ((options.pdf_layout or shipped(DEFAULT_PDF_LAYOUT), "pdf"),
            (options.deck_layout or shipped(DEFAULT_DECK_LAYOUT), "deck"))


def boundary_for(path: Path, options: Options) -> Boundary:
    """The project of one build: the data file's folder, the layouts' folders, the shipped layouts, and
    whatever --allow-outside names (see generator/load/boundary.py)."""
    return Boundary.around(path, *(layout for layout, _ in _layout_paths(options)), allowed=options.allow_outside)


def _load_layouts(options: Options, problems: Collector, boundary: Boundary, theme=None) -> list:
    """Load the PDF and deck layouts (with their themes); None in place of one that failed."""
    return [_load_layout(path, output, options, problems, boundary, theme) for path, output in _layout_paths(options)]


def _load_layout(path: Path, output: str, options: Options, problems: Collector, boundary: Boundary, theme=None,
                 memo: LayoutMemo | None = None):
    """Load one layout (with its theme), or None when it failed; its problems go to `problems`.

    With `memo` (watch), a layout loaded by an earlier build for the same theme and project is reused.
    """
    from generator.layoutfile.load import load_layout

    def loader():
        own = Collector()  # each layout is judged by its own problems, not the data file's or the other's
        template = options.deck_template if output == "deck" else None
        return load_layout(path, output, own, theme, boundary, deck_template=template), own.items

    key = (path, output, theme, boundary, options.deck_template if output == "deck" else None)
    layout, items = loader() if memo is None else memo.load(key, loader)
    problems.extend(items)
    return layout
