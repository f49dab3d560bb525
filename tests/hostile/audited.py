"""Run make-report's command line with an audit hook that logs every file the process opens.

Used by the hostile-input tests as `python tests/hostile/audited.py LOG ARGS...`. The hook
lives only in this child process (audit hooks cannot be removed), never in the product:
each `open` event (builtins.open, io.open_code, os.open) appends one line to LOG, the
resolved path and "r" or "w", written with os.write, which raises no audit event itself.
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    """Install the hook, then run generator.cli.main on the remaining arguments."""
    log_path, argv = sys.argv[1], sys.argv[2:]
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def hook(event: str, args: tuple) -> None:
        if event != "open" or not isinstance(args[0], (str, bytes, os.PathLike)):
            return  # opening a descriptor (os.fdopen) reads nothing new
        path, mode, flags = args
        writing = (mode is not None and any(c in str(mode) for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        real = os.path.realpath(os.fsdecode(path))
        os.write(log, f"{'w' if writing else 'r'} {real}\n".encode("utf-8", "surrogateescape"))

    sys.addaudithook(hook)
    from generator.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
