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


class WatchStatus:
    """One watch rebuild on a terminal: "rebuilding NAME" while it runs, then how long it took; silent elsewhere.

    `stop()` clears the line once the build is done, before its messages are printed;
    `finished(ok)` then prints the outcome and the time after them.
    """

    def __init__(self, name: str, stream: TextIO | None = None) -> None:
        import time

        self.name, self.started = name, time.perf_counter()
        stream = stream or sys.stderr
        self.console = self.bar = None
        if stream.isatty():
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn

            self.console = Console(file=stream)
            # Drawn once by this thread (no refresh thread: watch's helper processes were forked before it).
            self.bar = Progress(SpinnerColumn(), TextColumn(f"rebuilding {name}"), console=self.console,
                                transient=True, auto_refresh=False)
            self.bar.add_task("rebuild")
            self.bar.start()
            self.bar.refresh()

    def stop(self) -> None:
        """Clear the status line."""
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def finished(self, ok: bool) -> None:
        """Say how the rebuild ended and how long it took."""
        import time

        self.stop()
        if self.console is None:
            return
        took = (time.perf_counter() - self.started) * 1000
        verdict = "[green]built[/]" if ok else "[red]kept the last good outputs of[/]"
        self.console.print(f"{verdict} {self.name} in {took:.0f} ms · {time.strftime('%H:%M:%S')}", highlight=False)
