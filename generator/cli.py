"""The make-report command line: build (default), check, new and schema."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path
from typing import Sequence

from generator.diagnostics import Diagnostic, Severity

DEFAULT_DATA = Path("data/ceop-2007-08.yaml")
DEFAULT_OUT = Path("output")

EPILOG = """\
With no command, builds data/ceop-2007-08.yaml into output/.
Exit status: 0 success, 1 data or layout errors, 2 usage errors."""


def _parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-parser per command."""
    parser = argparse.ArgumentParser(
        prog="make-report",
        description="Turn a yearly data file into a branded PDF annual review and a summary deck.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="build the PDF and the deck from data files",
                                description="Build a PDF annual review and a .pptx deck for each data file.")
    build.add_argument("data", nargs="*", type=Path, help=f"data files (default: {DEFAULT_DATA})")
    _common(build)
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: output/)")
    build.add_argument("--cache", type=Path, default=None,
                       help="chart cache folder (default: OUT/.cache; 'none' disables)")
    build.add_argument("--workers", type=_positive, default=1, metavar="N",
                       help="build the data files on N worker processes (default: 1, one after another)")
    build.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="build each data file as a task on the Dask cluster whose scheduler is at ADDRESS, e.g. "
                            "tcp://127.0.0.1:8786 (needs `pip install 'make-report[dask]'`)")
    build.add_argument("--json", action="store_true",
                       help="print a JSON summary (outputs, pages, slides, diagnostics, timings) instead of messages")
    check = commands.add_parser("check", help="validate data and layouts without rendering",
                                description="Check data files and layouts; print every problem; render nothing.")
    check.add_argument("data", nargs="*", type=Path, help=f"data files (default: {DEFAULT_DATA})")
    _common(check)
    explain = commands.add_parser("explain", help="list every figure each output prints, and where it comes from",
                                  description="Lay out a data file (rendering nothing) and list, page by page and "
                                              "slide by slide, every figure string printed, with the data file line "
                                              "it came from and, for a derived value, its computation.")
    explain.add_argument("data", nargs="?", type=Path, default=None, help=f"data file (default: {DEFAULT_DATA})")
    _common(explain)
    preview = _preview_parser(commands)
    watch = commands.add_parser("watch", help="build, then rebuild on every save of the data, a layout or a theme",
                                description="Build the data file, then rebuild it each time it, a layout or a theme "
                                            "is saved, until Ctrl-C. A broken save keeps the last good outputs.")
    watch.add_argument("data", nargs="*", type=Path, metavar="DATA", help=f"the data file (default: {DEFAULT_DATA})")
    _common(watch)
    watch.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: output/)")
    watch.add_argument("--cache", type=Path, default=None, help="chart cache folder (default: OUT/.cache; 'none' disables)")
    watch.add_argument("--serve", action="store_true",
                       help="serve a preview page of every page and slide, refreshed after each rebuild, on 127.0.0.1")
    watch.add_argument("--port", type=_port, default=8000, metavar="N",
                       help="the preview page's port with --serve (default: 8000; 0: any free port)")
    for sub in (build, check, explain, preview, watch):
        sub.set_defaults(usage_error=sub.error)
    _new_parser(commands)
    schema = commands.add_parser("schema", help="print the JSON Schema of the data file",
                                 description="Print (or write) the JSON Schema generated from the data model.")
    schema.add_argument("--out", type=Path, default=None, help="write to this file instead of standard output")
    return parser


def _preview_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """The `preview` command: PNGs of every page and slide and a contact sheet."""
    preview = commands.add_parser("preview", help="PNG images of every page and slide, and a contact sheet",
                                  description="Lay out the data file and draw every page and slide as a PNG, "
                                              "with one contact sheet of them all (no LibreOffice needed).")
    preview.add_argument("data", nargs="*", type=Path, help=f"data files (default: {DEFAULT_DATA})")
    _common(preview)
    preview.add_argument("--out", type=Path, default=DEFAULT_OUT / "preview", help="image folder (default: output/preview/)")
    preview.add_argument("--cache", type=Path, default=None, help="chart cache folder (default: OUT/.cache; 'none' disables)")
    return preview


def _new_parser(commands: argparse._SubParsersAction) -> None:
    """The `new` command: a starter data file, or next year's from last year's."""
    new = commands.add_parser(
        "new", help="write a starter data file, or next year's from last year's",
        description="Write a new data file: a starter with every key documented, or (with --from) next year's "
                    "file with last year's structure. What only you can supply is left blank, and "
                    "`make-report check` lists each blank at its line.")
    new.add_argument("data", type=Path, metavar="DATA", help="the data file to write")
    new.add_argument("--period", required=True, help='the period it covers, as it is written, e.g. "2025/26"')
    new.add_argument("--organisation", metavar="NAME", help="the organisation's name (a starter; with --from it is last year's)")
    new.add_argument("--short-name", metavar="SHORT", help="its short name, for running heads (default: the name)")
    new.add_argument("--from", dest="source", type=Path, metavar="LAST_YEAR",
                     help="last year's data file: write next year's from it, `previous:` pointing at it")
    new.add_argument("--force", action="store_true", help="replace DATA if it exists")
    new.set_defaults(usage_error=new.error)


def _common(parser: argparse.ArgumentParser) -> None:
    """Options shared by build and check."""
    parser.add_argument("--pdf-layout", type=Path, default=None, help="PDF layout file (default: layouts/report-a4.yaml)")
    parser.add_argument("--deck-layout", type=Path, default=None, help="deck layout file (default: layouts/deck-16x9.yaml)")
    parser.add_argument("--deck-template", type=Path, default=None, metavar="FILE",
                        help="build the deck on this PowerPoint template (.pptx or .potx), overriding the theme's "
                             "`deck_template:`")
    parser.add_argument("--theme", default=None, metavar="NAME",
                        help="brand theme (a folder under layouts/themes/), overriding the data file's `theme:`")
    parser.add_argument("--allow-outside", action="append", type=Path, default=[], metavar="PATH",
                        help="let the data file, layouts and themes name this file or folder outside the project "
                             "(the folders of the data file and the layouts); repeatable")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")


def _port(text: str) -> int:
    """A TCP port number, 0 to 65535 (for --port; 0 lets the system choose)."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535, not {text!r}")
    return int(text)


def _positive(text: str) -> int:
    """A whole number of at least 1 (for --workers)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return int(text)


def _version() -> str:
    from generator import __version__
    return __version__


def main(argv: Sequence[str] | None = None, helpers: bool = False) -> int:
    """Run the command line; return the exit status (a bug of ours is one line, not a traceback).

    `helpers`: a build may fork helper processes (generator/render/offload.py); the console
    script allows it, a caller that runs main() in its own process decides for itself.
    """
    args = _parser().parse_args(list(argv) if argv is not None else None)
    args.helpers = helpers
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence for the person at the terminal
        if os.environ.get("MAKE_REPORT_DEBUG"):
            raise
        print(f"make-report: internal error: {type(exc).__name__}: {exc}\n"
              "  hint: this is a bug in make-report, not in your files; nothing was written. "
              "Run with MAKE_REPORT_DEBUG=1 for the traceback and report it.", file=sys.stderr)
        return 70


def console() -> None:
    """The `make-report` script: run the command line, flush, and exit without tearing the interpreter down.

    Every output is already renamed into place (and synced) when main returns, so freeing
    every module and object one by one would only keep the person waiting; tests that call
    main() in-process never come here. The cyclic garbage collector is off for the same
    reason: a one-shot build's objects live until it ends, its passes cost 4-5% of a build
    and free almost nothing (peak memory is the same within a MiB). `watch`, which lives on,
    turns it back on. A build from here may put work on helper processes (render/offload.py).
    """
    gc.disable()
    status = main(helpers=True)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: nothing more can be said
        status = status or 1
    os._exit(status)


def _run(args: argparse.Namespace) -> int:
    """Dispatch the parsed command."""
    command = args.command or "build"
    if command == "schema":
        return _schema(args.out)
    if command == "new":
        return _new(args)
    if command == "explain":
        return _explain(args)
    from generator import pipeline  # imported late so --help stays fast
    from generator.render.dates import BadEpoch, build_time

    try:
        build_time()  # a malformed SOURCE_DATE_EPOCH is a usage error, found before any work
    except BadEpoch as exc:
        print(f"make-report: error: {exc}\n  hint: unset it, or set it to the output of `date +%s`", file=sys.stderr)
        return 2

    if getattr(args, "theme", None):
        _check_theme(args, pipeline)

    data = list(getattr(args, "data", None) or [pipeline.shipped(DEFAULT_DATA)])
    options = pipeline.Options(
        pdf_layout=getattr(args, "pdf_layout", None), deck_layout=getattr(args, "deck_layout", None),
        strict=getattr(args, "strict", False), out=getattr(args, "out", DEFAULT_OUT), theme=getattr(args, "theme", None),
        cache=_cache_dir(args), render=command in ("build", "preview", "watch"),
        allow_outside=tuple(getattr(args, "allow_outside", ())), deck_template=getattr(args, "deck_template", None))
    if command == "watch":
        from generator.watch import watch

        if len(data) > 1:
            args.usage_error("watch builds one data file")
        return watch(data[0], options, lambda result: _show(result, args, "; the last good outputs are kept"),
                     lambda line: print(line, flush=True), helpers=args.helpers,
                     serve=args.port if args.serve else None)
    writer = None
    if command == "preview":
        from generator.preview import write_preview as writer
    if command == "build":
        scheduler = _scheduler(args)
        offload = _offload(args, data, options, pipeline) if scheduler is None else None
        from generator.batch import run_batch

        try:
            result = run_batch(data, options, getattr(args, "workers", 1), offload, scheduler)
        finally:
            if offload is not None:
                offload.close()
        if getattr(args, "json", False):
            from generator.summary import summary_json

            sys.stdout.write(summary_json(result.reports))
            result.messages = []
    else:
        result = pipeline.run(data, options, writer)
    _show(result, args, "; nothing was written" if options.render else "")
    return 1 if result.failed else 0


def _scheduler(args: argparse.Namespace) -> str | None:
    """The Dask scheduler's address given with --scheduler, checked (a problem is a usage error, exit 2)."""
    scheduler = getattr(args, "scheduler", None)
    if scheduler is None:
        return None
    from generator.dask_batch import available

    if getattr(args, "workers", 1) > 1:
        args.usage_error("--workers and --scheduler cannot be used together: the cluster's workers build the reports")
    if not available():
        args.usage_error("--scheduler needs Dask's distributed scheduler client, which is not installed; "
                         "install it with: pip install 'make-report[dask]'")
    return scheduler


def _offload(args: argparse.Namespace, data: list[Path], options, pipeline):
    """Helper processes for a build run by the console script, one report at a time (see render/offload.py)."""
    if not getattr(args, "helpers", False) or getattr(args, "workers", 1) > 1:
        return None
    from generator.render.offload import Offload

    layouts = [options.pdf_layout or pipeline.shipped(pipeline.DEFAULT_PDF_LAYOUT),
               options.deck_layout or pipeline.shipped(pipeline.DEFAULT_DECK_LAYOUT)]
    return Offload.for_build(data, layouts, options.out, options.cache)


def _show(result, args: argparse.Namespace, tail: str) -> None:
    """Print a run's diagnostics (stderr) and messages (stdout, unless --quiet), flushed at once."""
    _print_diagnostics(result.diagnostics, strict=getattr(args, "strict", False), tail=tail)
    if not getattr(args, "quiet", False):
        for line in result.messages:
            print(line)
    sys.stdout.flush()


def _check_theme(args: argparse.Namespace, pipeline) -> None:
    """An unknown --theme is a usage error (exit 2), naming the themes there are."""
    from generator.layoutfile.load import known_themes

    layouts = [args.pdf_layout or pipeline.shipped(pipeline.DEFAULT_PDF_LAYOUT),
               args.deck_layout or pipeline.shipped(pipeline.DEFAULT_DECK_LAYOUT)]
    known = known_themes(layouts)
    if args.theme not in known:
        args.usage_error(f"unknown theme {args.theme!r} (themes: {', '.join(known) or 'none'})")


def _explain(args: argparse.Namespace) -> int:
    """Print where each printed figure comes from."""
    from generator import explain, pipeline
    from generator.diagnostics import Collector, sorted_diagnostics

    if args.theme:
        _check_theme(args, pipeline)
    problems = Collector()
    options = pipeline.Options(pdf_layout=args.pdf_layout, deck_layout=args.deck_layout, theme=args.theme,
                               render=False, allow_outside=tuple(args.allow_outside),
                               deck_template=getattr(args, "deck_template", None))
    lines = explain.run(args.data or pipeline.shipped(DEFAULT_DATA), options, problems)
    errors = [d for d in problems.items if d.severity is Severity.ERROR]
    _print_diagnostics(sorted_diagnostics(errors), strict=False)
    if lines is None:
        return 1
    print("\n".join(lines))
    return 0


def _cache_dir(args: argparse.Namespace) -> Path | None:
    """The chart cache folder: --cache, or OUT/.cache; `--cache none` disables it."""
    cache = getattr(args, "cache", None)
    if cache is not None:
        return None if str(cache) == "none" else cache
    return getattr(args, "out", DEFAULT_OUT) / ".cache"


def _print_diagnostics(items: Sequence[Diagnostic], strict: bool, tail: str = "") -> None:
    """Print diagnostics to stderr, in colour only on a terminal without NO_COLOR."""
    colour = sys.stderr.isatty() and not os.environ.get("NO_COLOR")
    for d in items:
        text = d.format()
        if strict and d.severity is Severity.WARNING:
            text = text.replace(": warning: ", ": error: ", 1)
        if colour:
            tint = "\033[31m" if d.severity is Severity.ERROR or strict else "\033[33m"
            text = text.replace(": error: ", f": {tint}error\033[0m: ", 1).replace(": warning: ", f": {tint}warning\033[0m: ", 1)
        print(text, file=sys.stderr)
    errors = sum(1 for d in items if d.severity is Severity.ERROR or strict)
    if errors:
        print(f"{errors} error(s){tail}", file=sys.stderr)


def _new(args: argparse.Namespace) -> int:
    """Write a starter data file, or next year's from last year's (`--from`)."""
    from generator import scaffold
    from generator.diagnostics import Collector, Span, display_path

    period, name, short_name = _new_words(args)
    problems = Collector()
    refusal = scaffold.target_problem(args.data, args.force)
    if refusal is not None:
        problems.error(Span(display_path(args.data)), *refusal)
    if args.source is None:
        text = scaffold.starter_text(args.data, name, short_name or name, period)
    else:
        text = scaffold.next_year_text(args.data, args.source, period, problems)
    if text is None or problems.has_errors or not scaffold.write_new(args.data, text, problems):
        _print_diagnostics(problems.items, strict=False, tail="; nothing was written")
        return 1
    print(f"wrote {display_path(args.data)}")
    print(f"  fill in what is left blank: `make-report check {display_path(args.data)}` lists each blank at its line")
    return 0


def _new_words(args: argparse.Namespace) -> tuple[str, str, str | None]:
    """The period, name and short name given to `new`, checked (a problem is a usage error, exit 2)."""
    from generator import scaffold

    for option, value in (("--period", args.period), ("--organisation", args.organisation),
                          ("--short-name", args.short_name)):
        if value is not None and not _is_one_line(value):
            args.usage_error(f"{option} must be text on one line, not empty")
    if args.source is None and args.organisation is None:
        args.usage_error("a starter file needs --organisation NAME (or name last year's file with --from)")
    if args.source is not None:
        if args.organisation is not None or args.short_name is not None:
            args.usage_error("with --from, the organisation is last year's: edit it in the new file if it changed")
        if args.data.resolve() == args.source.resolve():
            args.usage_error("DATA is the --from file itself: name a new file for next year")
        problem = scaffold.period_problem(args.source, args.period.strip())
        if problem is not None:
            args.usage_error(problem)
    return args.period.strip(), (args.organisation or "").strip(), args.short_name and args.short_name.strip()


def _is_one_line(text: str) -> bool:
    """True for non-empty text without line breaks or control characters, that UTF-8 can write."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes in the command line arrive as lone surrogates
        return False
    return bool(text.strip()) and text.isprintable()


def _schema(out: Path | None) -> int:
    """Print or write the data file's JSON Schema."""
    from generator.model.schema import schema_json

    text = schema_json()
    if out is None:
        sys.stdout.write(text)
    else:
        from generator.render.atomic import write_atomic

        try:
            write_atomic(out, text.encode("utf-8"))
        except OSError as exc:
            print(f"make-report: error: cannot write {out}: {exc.strerror or exc}\n"
                  "  hint: name a file in a folder you can write", file=sys.stderr)
            return 1
        print(f"wrote {out}")
    return 0
