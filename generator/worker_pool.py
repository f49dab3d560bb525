"""`build --workers N`: each report built in a process of its own, forked after the pipeline is imported, N at a time.

A report's process is a helper (generator/helper.py) forked for it alone: it starts with every
module loaded (and shares their pages), builds that one report and is gone. So a process that
dies (killed, out of memory, a crash in a library) takes only its own report with it; that
report is built once more in a new process, and if that one dies too, the report fails with a
diagnostic saying so, while every other report completes. (A pool of long-lived workers, like
concurrent.futures', breaks as a whole when one worker dies, failing every report in flight or
queued.)
"""

from __future__ import annotations

import select
import time
from collections import deque
from pathlib import Path
from typing import Callable

from generator.diagnostics import Span, display_path, error
from generator.helper import Helper, HelperFailed, HelperLost
from generator.pipeline import Options, Result

ATTEMPTS = 2  # a report whose process dies is built once more; a second death is its diagnostic
BUILD_ONE = "generator.worker_pool:build_one"
LOST = "the worker process building this file stopped unexpectedly, and so did the one that tried again"
LOST_HINT = ("nothing was written for it; was it killed, or out of memory? Build it alone to see, and if it stops "
             "again with no reason of yours, report it")

Built = tuple[Result, float]  # a report's result and the seconds its build took


def build_pooled(data_files: list[Path], options: Options, workers: int, done: Callable[[], None] = lambda: None,
                 task: str = BUILD_ONE) -> list[Built]:
    """Build each file in a forked process of its own, `workers` at a time; results in the files' order.

    `task` ("module:function", called with a path and the options) builds one file; `done` is
    called as each file finishes. Where no process can be forked, the files are built here.
    """
    results: list[Built | None] = [None] * len(data_files)
    attempts = [0] * len(data_files)
    waiting = deque(range(len(data_files)))
    running: dict[int, tuple[int, Helper, float]] = {}  # reply descriptor -> (file index, helper, start)
    while waiting or running:
        while waiting and len(running) < workers:
            index = waiting.popleft()
            helper = Helper.fork()
            if helper is None or not helper.send(task, data_files[index], options):
                results[index] = _resolve(task)(data_files[index], options)
                done()
                continue
            attempts[index] += 1
            running[helper.replies] = (index, helper, time.perf_counter())
        ready, _, _ = select.select(list(running), [], []) if running else ([], [], [])
        for fd in ready:
            index, helper, start = running.pop(fd)
            try:
                results[index] = helper.receive()
            except HelperLost:
                if attempts[index] < ATTEMPTS:
                    waiting.appendleft(index)  # its process died: build it again in a new one
                    continue
                results[index] = (failure(data_files[index], LOST, LOST_HINT), time.perf_counter() - start)
            except HelperFailed as exc:  # the task itself raised: a bug of ours, not worth a second try
                results[index] = (failure(data_files[index], f"internal error: {exc}"), time.perf_counter() - start)
            finally:
                helper.close()
            done()
    return [result for result in results if result is not None]


def build_one(path: Path, options: Options) -> Built:
    """In a worker: build one file; a bug of ours becomes that file's diagnostic, not the batch's end."""
    from generator.pipeline import run

    start = time.perf_counter()
    try:
        return run([path], options, prepare=False), time.perf_counter() - start
    except Exception as exc:  # noqa: BLE001 - reported for this file; the other files still build
        return failure(path, f"internal error: {type(exc).__name__}: {exc}"), time.perf_counter() - start


BUG_HINT = ("this is a bug in make-report, not in your files; nothing was written for it. "
            "Build it alone with MAKE_REPORT_DEBUG=1 for the traceback and report it.")


def failure(path: Path, message: str, hint: str = BUG_HINT) -> Result:
    """A result holding one error for the file (by default with the usual hint for a bug of ours)."""
    return Result(diagnostics=[error(Span(display_path(path)), message, hint)], failed=True)


def _resolve(task: str) -> Callable[[Path, Options], Built]:
    """The function a task names."""
    import importlib

    module, _, function = task.partition(":")
    return getattr(importlib.import_module(module), function)
