"""A progress bar for batches, drawn by rich on a terminal only; silent when output goes to a file or pipe."""

from __future__ import annotations

import contextlib
import sys
from typing import Callable, Iterator, TextIO


@contextlib.contextmanager
def batch_progress(total: int, stream: TextIO | None = None) -> Iterator[Callable[[], None]]:
    """Yield a function to call once per finished report; a bar on `stream` (stderr) if it is a terminal."""
    stream = stream or sys.stderr
    if total < 2 or not stream.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # Transient: the bar disappears when the batch ends, leaving the messages and the summary line.
    # Redrawn by the caller's thread, as each report finishes, not by a thread of rich's own: the
    # batch forks a process per report, and a process must not fork while another thread runs.
    with Progress(TextColumn("building reports"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(file=stream), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("build", total=total)

        def advance() -> None:
            bar.advance(task)
            bar.refresh()

        bar.refresh()
        yield advance
