"""Watch mode: build, then rebuild in the same process on every save of the data file, a layout or a theme.

The process stays up, so imports, registered fonts and measured widths stay warm between
builds; loaded layouts and themes, and the last bytes of each output (reused when a rebuild
lays out an equal document, as the deck after an edit of the narrative), are kept until a
file other than the data file changes (generator/warm.py); and, from the console script, the deck helper and a chart
helper (generator/render/offload.py) are forked once, before the watcher starts its thread,
and serve every rebuild: the deck is rendered beside the PDF, and matplotlib is already
imported there when the first chart has to be redrawn. Each build goes through the ordinary
pipeline, whose writer replaces the outputs only when every stage succeeded: a save that
breaks the file prints its diagnostics and leaves the last good PDF and deck in place.
Changes are seen through watchfiles (inotify on Linux), on folders rather than files, so
editors that save by writing a new file and renaming it are seen.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from generator.diagnostics import display_path
from generator.pipeline import DEFAULT_DECK_LAYOUT, DEFAULT_PDF_LAYOUT, Options, Result, run, shipped

WATCHED_SUFFIXES = (".yaml", ".yml", ".ttf", ".otf", ".svg", ".png", ".jpg", ".jpeg")
DEBOUNCE_MS = 50  # an editor's save is often several writes; build once they have settled
STEP_MS = 10  # how often the watcher looks for settled changes
TIMEOUT_MS = 100  # the watcher hands back an empty batch this often when nothing changed


def watch(data: Path, options: Options, report: Callable[[Result], None], say: Callable[[str], None],
          helpers: bool = False, serve: int | None = None) -> int:
    """Build `data`, then rebuild after each change until Ctrl-C; exit 0 (1 when its folder is missing).

    `report` shows each build's diagnostics and messages; `say` shows watch's own news;
    `helpers` lets the builds use helper processes; `serve` is the port of a preview page to
    serve (0: any free port; see generator/serve.py), None for none.
    """
    import gc

    from generator.progress import WatchStatus
    from generator.warm import Warm

    if not data.resolve().parent.is_dir():  # nothing to watch: say what a build says, and stop
        report(run([data], options))
        return 1
    offload = _helpers(preview=serve is not None) if helpers else None  # forked before any thread of ours starts
    server = None
    try:
        if serve is not None:
            server = _server(serve, say)
            if server is None:
                return 1
        warm = Warm()
        previewer = _previewer() if server is not None else None

        def build() -> None:
            """One build; then the preview page; then, while the next save is awaited, the garbage collection."""
            gc.disable()  # (the console script turns it off for one-shot builds; this process lives on)
            written: list = []
            try:
                status = WatchStatus(display_path(data))
                try:
                    result = run([data], options, offload=offload, warm=warm,
                                 on_written=lambda documents, _: written.append(documents))
                finally:
                    status.stop()
                report(result)
                status.finished(bool(written))
                if server is not None:
                    _publish(server, previewer, result, written[0] if written else None, data, options, offload)
            finally:
                gc.collect()

        return _loop(data, options, build, warm, say)
    finally:
        if server is not None:
            server.close()
        if offload is not None:
            offload.close()


def _server(port: int, say: Callable[[str], None]):
    """The preview page's server on 127.0.0.1:`port`, announced; None (with the reason said) when it cannot listen."""
    from generator.serve import PreviewServer

    try:
        server = PreviewServer(port)
    except OSError as exc:
        say(f"make-report: error: cannot serve the preview on 127.0.0.1:{port}: {exc.strerror or exc}\n"
            "  hint: choose another port with --port N (or --port 0 for any free one)")
        return None
    say(f"serving the preview at {server.url}")
    return server


def _previewer():
    """What draws the preview page's images."""
    from generator.serve import Previewer

    return Previewer()


def _publish(server, previewer, result: Result, documents: list | None, data: Path, options: Options,
             offload) -> None:
    """Show a build on the preview page: its diagnostics, and its pages and slides when it wrote them.

    The pages are the PDF just written; the slides are the deck's frames drawn through the PDF
    backend, their charts from the chart helper when it drew them (see render/offload.py).
    """
    from generator.charts.cache import ChartCache

    if documents is None:
        server.publish(server.snapshot().title, not result.failed, result.diagnostics)
        return
    charts = ChartCache(options.cache)
    if offload is not None:
        offload.supply_charts(charts, every=True)
    deck = next((doc for doc in documents if doc.output == "deck"), None)
    pdf = (options.out / f"{data.stem}.pdf").read_bytes()
    server.publish(documents[0].metadata.title, not result.failed, result.diagnostics,
                   previewer.images(pdf, deck, charts))


def _loop(data: Path, options: Options, build: Callable[[], None], warm, say: Callable[[str], None]) -> int:
    """Build, then rebuild after each batch of changes until Ctrl-C; what is kept warm is dropped unless only
    the data changed."""
    from watchfiles import watch as changes

    folders = watched_folders(data, options)
    # With yield_on_timeout the first (empty) batch arrives once the watcher runs; it keeps
    # what changes during a build for the next batch, so no save after that point is missed.
    batches = changes(*folders, watch_filter=_filter(data, options), debounce=DEBOUNCE_MS, step=STEP_MS,
                      rust_timeout=TIMEOUT_MS, yield_on_timeout=True, recursive=False)
    target = data.resolve()
    try:
        next(batches)
        build()
        say(f"watching {display_path(data)} and {len(folders) - 1} layout and theme folder(s) (Ctrl-C to stop)")
        for batch in batches:
            if batch:
                if any(Path(name).resolve() != target for _, name in batch):
                    warm.forget()
                build()
    except KeyboardInterrupt:
        pass
    return 0


def _helpers(preview: bool):
    """The deck and chart helpers, forked now, while this process runs no other thread (None where unwanted).

    With `preview`, the chart helper also draws the slides' charts for the preview page.
    """
    from generator.render.offload import Offload, wanted

    return Offload.start(prefetch_charts=True, preview=preview) if wanted(watching=True) else None


def watched_folders(data: Path, options: Options) -> list[Path]:
    """The data file's folder, and each layout's folder with every folder beneath it (themes, fonts).

    Folders are watched one by one, not recursively: the data file may sit in a busy folder
    (a home or /tmp) whose subfolders have nothing to do with the report.
    """
    layouts = [options.pdf_layout or shipped(DEFAULT_PDF_LAYOUT), options.deck_layout or shipped(DEFAULT_DECK_LAYOUT)]
    out = options.out.resolve()
    folders = [data.resolve().parent]
    for top in {p.resolve().parent for p in layouts}:
        for folder, subfolders, _ in os.walk(top):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and Path(folder, d) != out)
            folders.append(Path(folder))
    return list(dict.fromkeys(folders))


def _filter(data: Path, options: Options) -> Callable[[object, str], bool]:
    """Which changed paths call for a rebuild: the data file (and last year's beside it), layout, theme,
    font and image files; never our own outputs, nor hidden temporary files."""
    data_folder = data.resolve().parent
    out = options.out.resolve()

    def relevant(_change: object, name: str) -> bool:
        path = Path(name)
        if path.name.startswith(".") or path.is_relative_to(out):
            return False  # our own outputs and chart cache would rebuild forever
        if path.parent == data_folder:
            return path.suffix.lower() in (".yaml", ".yml")
        return path.suffix.lower() in WATCHED_SUFFIXES

    return relevant
