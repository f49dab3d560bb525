"""The project boundary: which files a build may read, and how they are opened without surprises.

A data file, layout or theme names other files (`previous:`, `extends:`,
`theme:`, font files, image files). Those files are read only when, with every
symbolic link resolved, they lie inside the project: the folder of each data
file named on the command line, the folder of each layout in use, and the
shipped `layouts/` folder (its themes and fonts), each with everything below
it. `--allow-outside PATH` admits one more file or folder. Files named on the
command line themselves may lie anywhere.

Whatever is admitted must also be a regular file no larger than its kind's
limit: folders, devices, FIFOs and sockets are refused from `os.stat` alone,
before anything opens them (opening a FIFO would block for ever), and the file
is then opened non-blocking and checked again through its descriptor, so a
file swapped for something else between the two is refused as well.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import SpanlessError, display_path

# The folder of shipped layouts and themes, beside the generator package.
SHIPPED_LAYOUTS = Path(__file__).resolve().parent.parent.parent / "layouts"

_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket"}


class Refused(SpanlessError):
    """A path that may not be read; the caller, which knows the line that names it, reports it."""


@dataclass(frozen=True)
class Boundary:
    """The folders a build may read below, and the paths `--allow-outside` admits besides."""

    roots: tuple[Path, ...]
    allowed: tuple[Path, ...] = ()

    @classmethod
    def around(cls, *files: Path | str, allowed: tuple[Path | str, ...] = ()) -> "Boundary":
        """The project of these data and layout files: their folders and the shipped layouts."""
        roots = [_real(Path(f).parent) for f in files] + [_real(SHIPPED_LAYOUTS)]
        return cls(tuple(dict.fromkeys(r for r in roots if r is not None)),
                   tuple(p for p in (_real(Path(a)) for a in allowed) if p is not None))

    def admit(self, path: Path | str) -> Path:
        """The fully resolved `path` when it lies inside the project or is allowed; raise Refused if not."""
        text = os.fspath(path)
        if "\x00" in text:
            raise Refused("contains a NUL character", "a file name cannot contain NUL; check the quoting")
        real = _real(Path(text))
        if real is None:
            raise Refused("cannot be resolved (the name is too long or the links loop)", "name a real file")
        if not any(_below(real, top) for top in self.roots + self.allowed):
            raise Refused("is outside the project",
                          "a data file, layout or theme may name only files in the folder of the data file or of "
                          f"a layout, or below it; pass --allow-outside {display_path(real)} to read it anyway")
        return real


def _real(path: Path) -> Path | None:
    """`path` made absolute with every link resolved, or None when that is impossible."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return None


def _below(path: Path, top: Path) -> bool:
    """True when `path` is `top` or lies below it (both resolved)."""
    return path == top or top in path.parents


def regular_file(path: Path | str, limit: int) -> os.stat_result:
    """The status of `path` when it is a regular file of at most `limit` bytes; raise Refused if not.

    Only `os.stat` runs: nothing is opened, so a FIFO or a device is refused without blocking.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise Refused("does not exist") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise Refused(f"cannot be opened ({getattr(exc, 'strerror', None) or exc})") from None
    _check_status(info, limit)
    return info


def _check_status(info: os.stat_result, limit: int) -> None:
    """Refuse anything but a regular file within the size limit."""
    if stat.S_ISDIR(info.st_mode):
        raise Refused("is a folder, not a file", "name a file inside it")
    if not stat.S_ISREG(info.st_mode):
        kind = _KINDS.get(stat.S_IFMT(info.st_mode))
        raise Refused(f"is {kind}, not a regular file" if kind else "is not a regular file", "name an ordinary file")
    if info.st_size > limit:
        raise Refused(f"is larger than {size_text(limit)}", "is this the right file?")


def read_bytes(path: Path | str, limit: int, head: int | None = None) -> bytes:
    """The contents of a regular file of at most `limit` bytes (only the first `head`, when given).

    Anything else is refused with Refused, a FIFO or device without being opened.
    """
    before = regular_file(path, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise Refused(f"cannot be opened ({exc.strerror or exc})") from None
    try:
        now = os.fstat(fd)
        _check_status(now, limit)
        if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
            raise Refused("changed while it was being opened", "run the build again")
        return _read_up_to(fd, head) if head is not None else _read_all(fd, limit)
    finally:
        os.close(fd)


def _read_up_to(fd: int, count: int) -> bytes:
    """The first `count` bytes (fewer at the end of the file)."""
    try:
        return os.read(fd, count)
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror or exc})") from None


def _read_all(fd: int, limit: int) -> bytes:
    """Read the whole file; one that grew past the limit since it was checked is refused."""
    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
        except OSError as exc:
            raise Refused(f"cannot be read ({exc.strerror or exc})") from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise Refused(f"is larger than {size_text(limit)}", "is this the right file?")


def size_text(n: int) -> str:
    """A byte count for messages: "2 MiB", "512 KiB" or "100 bytes"."""
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MiB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KiB"
    return f"{n:,} bytes"
