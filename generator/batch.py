"""Batches: build several data files, serially or on worker processes forked after imports.

Each report is built by the same pipeline as a single build, so its outputs are the same bytes
whether it was built alone, in a serial batch or by a worker. A report that fails is reported
(its diagnostics, or one line for a worker that died twice, see worker_pool.py) and the others
still complete.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from generator.pipeline import Options, Result, _output_clashes, _recover, run
from generator.progress import batch_progress
from generator.summary import report_summary

if TYPE_CHECKING:
    from generator.render.offload import Offload

# Imported before forking, so every worker starts with them loaded (and shares their pages).
WARM_MODULES = ("generator.model.load_report", "generator.layoutfile.load", "generator.layout.engine",
                "generator.render.write", "generator.render.pdf", "generator.render.deck", "generator.charts.pdf",
                "generator.charts.deck")


def run_batch(data_files: list[Path], options: Options, workers: int = 1, offload: Offload | None = None,
              scheduler: str | None = None) -> Result:
    """Build every data file (on `workers` processes when more than one, or on the Dask cluster whose
    scheduler is at `scheduler`) and merge their results in order.

    `offload`: helper processes for the renderers, when the files are built here one after another.
    """
    prepared = Result()
    clashes = _output_clashes(data_files) if options.render else {}
    if options.render:
        _recover(options, prepared)  # once, before any worker writes: never in parallel with a build
    if prepared.failed:
        return prepared
    todo = [path for i, path in enumerate(data_files) if i not in clashes]
    if scheduler is not None:
        clustered = _clustered(todo, options, scheduler)
        if isinstance(clustered, Result):  # the scheduler could not be reached: nothing was built
            return clustered
        built = iter(clustered)
    elif workers > 1 and len(todo) > 1 and sys.platform.startswith("linux"):
        built = iter(_pooled(todo, options, workers))
    else:
        with batch_progress(len(todo)) as advance:
            built = iter([_timed(path, options, advance, offload) for path in todo])
    timed = [(Result(diagnostics=[clashes[i]], failed=True), 0.0) if i in clashes else next(built)
             for i in range(len(data_files))]
    result = merge([part for part, _ in timed], summary=len(data_files) > 1)
    result.reports = [report_summary(path, part, seconds) for path, (part, seconds) in zip(data_files, timed)]
    return result


def merge(parts: list[Result], summary: bool) -> Result:
    """One result from each file's, with a closing "N built, M failed" line for a batch."""
    result = Result()
    for part in parts:
        result.diagnostics += part.diagnostics
        result.messages += part.messages
        result.written += part.written
        result.failed = result.failed or part.failed
        for output, count in part.counts.items():
            result.counts[output] = result.counts.get(output, 0) + count
    if summary:
        failed = sum(1 for part in parts if part.failed)
        result.messages.append(f"{len(parts) - failed} built, {failed} failed")
    return result


def _timed(path: Path, options: Options, done: Callable[[], None] = lambda: None,
           offload: Offload | None = None) -> tuple[Result, float]:
    """Build one file; its result and the seconds it took."""
    start = time.perf_counter()
    part = run([path], options, prepare=False, offload=offload)
    done()
    return part, time.perf_counter() - start


def _pooled(data_files: list[Path], options: Options, workers: int) -> list[tuple[Result, float]]:
    """Each file built in a process of its own forked from this one once the pipeline is imported (worker_pool.py)."""
    from generator.worker_pool import build_pooled

    _warm(options)
    with batch_progress(len(data_files)) as advance:
        return build_pooled(data_files, options, workers, advance)


def _clustered(data_files: list[Path], options: Options, scheduler: str) -> list[tuple[Result, float]] | Result:
    """Each file built as a task on a Dask cluster (dask_batch.py)."""
    from generator.dask_batch import build_on_cluster

    with batch_progress(len(data_files)) as advance:
        return build_on_cluster(data_files, options, scheduler, advance)


def _warm(options: Options) -> None:
    """Import what every build needs (matplotlib too when charts will be drawn) before forking."""
    import importlib

    for name in WARM_MODULES:
        importlib.import_module(name)
    if options.cache is None or not options.cache.exists():
        from generator.render.offload import CHART_MODULES

        for name in CHART_MODULES:  # the recorder and matplotlib's parts it uses (not pyplot: no GUI backend)
            importlib.import_module(name)
