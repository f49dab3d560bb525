"""`build DATA... --scheduler ADDRESS`: the same per-report tasks, sent to an existing Dask distributed cluster.

For organisations that build thousands of reports: each data file becomes one task, the very
function a `--workers` process runs (worker_pool.build_one), so a report's outputs are the same
bytes wherever it was built. The workers must see the same files at the same paths as this
machine (one machine, or a shared file system) and have make-report installed; paths are sent
absolute. Dask itself is an optional extra: `pip install 'make-report[dask]'`.

What happens when things go wrong:
- a report with errors in its data or layouts is an ordinary result (its diagnostics), so it is
  reported once and never tried again; so is a bug of ours, caught inside the task;
- a worker that dies while building a report (killed, out of memory) is Dask's to handle: the
  scheduler hands its task to another worker, up to its `allowed-failures` limit, after which
  the report fails with a diagnostic and the others still complete;
- a scheduler that cannot be reached is one error, and nothing is built.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
import uuid
from pathlib import Path
from typing import Callable

from generator.diagnostics import Span, display_path, error
from generator.pipeline import DEFAULT_DECK_LAYOUT, DEFAULT_PDF_LAYOUT, Options, Result, shipped
from generator.worker_pool import Built, failure

CONNECT_TIMEOUT = "10s"
LOST_HINT = ("nothing was written for it; Dask gave up after its workers died while building it (killed, or out "
             "of memory?). Build it alone to see, and if it stops again with no reason of yours, report it")


class NoDask(Exception):
    """Dask's distributed scheduler client is not installed."""


def available() -> bool:
    """True when Dask's distributed client can be imported."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def build_on_cluster(data_files: list[Path], options: Options, address: str,
                     done: Callable[[], None] = lambda: None) -> list[Built] | Result:
    """Build each file as a task on the cluster at `address`; results in the files' order.

    A Result holding one error instead when the scheduler cannot be reached.
    """
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise NoDask(str(exc)) from None
    from generator.worker_pool import build_one

    # The client's own chatter (reconnections, a worker lost) is the cluster's business, not the terminal's.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    sent = _absolute(options)
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        return Result(diagnostics=[error(Span("--scheduler"), f"cannot reach the Dask scheduler at {address}: {exc}",
                                         "start one (`dask scheduler`, then `dask worker ADDRESS`), or check the "
                                         "address, e.g. tcp://127.0.0.1:8786")], failed=True)
    batch = uuid.uuid4().hex[:8]
    with client:
        futures = [client.submit(build_one, path.resolve(), sent, key=f"make-report-{batch}-{n}-{path.stem}", pure=False)
                   for n, path in enumerate(data_files)]
        started = time.perf_counter()
        for _ in as_completed(futures, loop=client.loop):
            done()
        return [_outcome(future, path, started) for future, path in zip(futures, data_files)]


def _outcome(future, path: Path, start: float) -> Built:
    """A task's result, its paths shown as this machine shows them; or a failure for a task Dask gave up on."""
    from distributed import KilledWorker

    try:
        result, seconds = future.result()
    except KilledWorker:
        return failure(path, "the Dask workers building this file stopped unexpectedly", LOST_HINT), 0.0
    except Exception as exc:  # noqa: BLE001 - whatever the cluster says, it is this report's failure alone
        return failure(path, f"the Dask cluster could not build this file: {type(exc).__name__}: {exc}"), \
            time.perf_counter() - start
    return _local(result), seconds


def _absolute(options: Options) -> Options:
    """The options with every path absolute and the default layouts named, so a worker elsewhere reads the same files."""
    def resolved(path: Path | None) -> Path | None:
        return None if path is None else Path(os.path.abspath(path))

    return dataclasses.replace(
        options, out=resolved(options.out), cache=resolved(options.cache),
        pdf_layout=resolved(options.pdf_layout or shipped(DEFAULT_PDF_LAYOUT)),
        deck_layout=resolved(options.deck_layout or shipped(DEFAULT_DECK_LAYOUT)),
        allow_outside=tuple(resolved(p) for p in options.allow_outside))


def _local(result: Result) -> Result:
    """A worker's result with the files it names shown relative to this process's folder, as a local build shows them."""
    diagnostics = [dataclasses.replace(d, span=dataclasses.replace(d.span, path=display_path(d.span.path)))
                   if os.path.isabs(d.span.path) else d for d in result.diagnostics]
    messages = [f"wrote {display_path(m[len('wrote '):])}" if m.startswith("wrote /") else m for m in result.messages]
    return dataclasses.replace(result, diagnostics=diagnostics, messages=messages)
