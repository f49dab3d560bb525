"""Atomic file writing: temporary files beside the targets, renamed into place when all are complete."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Sequence


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` so that readers see the old file or the new one, never half."""
    write_all_atomic([(target, data)])


def write_all_atomic(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files so that none is replaced unless every one was written in full first."""
    staged: list[tuple[str, Path]] = []
    try:
        for target, data in files:
            staged.append((_stage(target, data), target))
        for tmp, target in staged:
            os.replace(tmp, target)
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)  # only left over when something failed


def _stage(target: Path, data: bytes) -> str:
    """Write `data` to a new temporary file beside `target`, synced to disk; return its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp
