"""Run make-report's command line with an audit hook that logs every file the process opens.

Used by the hostile-input tests as `python tests/hostile/audited.py LOG ARGS...`. The hook
lives only in this child process (audit hooks cannot be removed), never in the product:
each `open` event (builtins.open, io.open_code, os.open) passes the resolved path and "r" or
"w" to a sink; here the sink appends a line to LOG with os.write, which raises no audit event.
"""

from __future__ import annotations

import os
import sys
from typing import Callable

Sink = Callable[[str, str], None]  # ("r" or "w", resolved path)


def install_hook(sink: Sink) -> None:
    """Report every file this process opens from now on to `sink`."""
    def hook(event: str, args: tuple) -> None:
        if event != "open" or not isinstance(args[0], (str, bytes, os.PathLike)):
            return  # opening a descriptor (os.fdopen) reads nothing new
        path, mode, flags = args
        writing = (mode is not None and any(c in str(mode) for c in "wax+")) or bool(
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        sink("w" if writing else "r", os.path.realpath(os.fsdecode(path)))

    sys.addaudithook(hook)


def main() -> int:
    """Install the hook, then run generator.cli.main on the remaining arguments."""
    log_path, argv = sys.argv[1], sys.argv[2:]
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    install_hook(lambda kind, path: os.write(log, f"{kind} {path}\n".encode("utf-8", "surrogateescape")) and None)
    from generator.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
