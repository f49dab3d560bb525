"""On-disk cache of display lists, so unchanged charts skip matplotlib entirely."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from generator.charts.displaylist import FORMAT_VERSION, DisplayList
from generator.charts.spec import ChartSpec
from generator.fslock import locked

# Bump to invalidate every cached chart when the drawing code changes its output.
CACHE_VERSION = 2
# Modules whose source decides what a recording contains; their bytes are part
# of the key too, so editing the drawing code can never serve a stale chart.
RECORDER_MODULES = (
    "backend", "displaylist", "numfmt", "parts", "plot", "plot_axes", "plot_parts", "plot_round", "plot_text", "record",
    "scale", "spec", "style",
)


class ChartCache:
    """Display lists stored as JSON files in `directory`; None disables caching.

    The key covers the spec, the box size, this module's and the display-list
    format's versions, a digest of the recorder's source, the matplotlib
    version (read from package metadata, so a hit never imports matplotlib)
    and the font files' sizes.
    """

    def __init__(self, directory: Path | str | None, deferred: bool = False) -> None:
        self.directory = Path(directory) if directory is not None else None
        # Deferred: new recordings are kept in memory until commit(), so a build that fails
        # (or is killed) leaves the cache as it was.
        self.deferred = deferred
        self._pending: dict[Path, DisplayList] = {}
        self._supplied: dict[str, DisplayList] = {}  # recorded by another process for this build

    def display_list(self, spec: ChartSpec, width: float, height: float) -> DisplayList:
        """The cached display list for this spec and box, recording it on a miss."""
        hit = self.get(spec, width, height)
        if hit is not None:
            return hit
        from generator.charts.record import (
            record,  # record.py itself imports matplotlib lazily
        )

        ops = record(spec, width, height)
        self.put(spec, width, height, ops)
        return ops

    def key(self, spec: ChartSpec, width: float, height: float) -> str:
        """Hex digest naming this spec drawn in this box by this code."""
        code = _code_digest() if self.directory is not None else ""  # read on first use, once per process
        parts = [
            spec.cache_key(),
            f"{float(width):.3f}x{float(height):.3f}",
            f"cache{CACHE_VERSION}/format{FORMAT_VERSION}/code{code}",
            f"matplotlib {_package_version('matplotlib')}",
            *(f"{path}:{_file_size(path)}" for path in _font_paths(spec)),
        ]
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()

    def get(self, spec: ChartSpec, width: float, height: float) -> DisplayList | None:
        """The stored display list, or None when absent, disabled or unreadable."""
        if self._supplied:
            supplied = self._supplied.get(self.key(spec, width, height))
            if supplied is not None:
                return supplied
        if self.directory is None:
            return None
        path = self._path(spec, width, height)
        if path in self._pending:
            return self._pending[path]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing or half-written by an older crash: just redraw
        return data if isinstance(data, list) else None

    def has(self, spec: ChartSpec, width: float, height: float) -> bool:
        """True when a display list for this spec and box is stored (read nothing: a cheap look before drawing)."""
        return self.directory is not None and self._path(spec, width, height).is_file()

    def supply(self, spec: ChartSpec, width: float, height: float, ops: DisplayList) -> None:
        """A recording made by another process (generator/render/offload.py): served by get() for this
        build, even with the cache off, and stored like one recorded here."""
        self._supplied[self.key(spec, width, height)] = ops
        self.put(spec, width, height, ops)

    def put(self, spec: ChartSpec, width: float, height: float, ops: DisplayList) -> None:
        """Store atomically: write a temp file in the same directory, then os.replace.

        Readers never see a partial file, and concurrent builds writing the
        same key simply replace one complete file with another.
        """
        if self.directory is None:
            return
        if self.deferred:
            self._pending[self._path(spec, width, height)] = ops
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        with locked(self.directory):  # so that a concurrent clean() never removes our temporary file
            self._write(self._path(spec, width, height), ops)

    def commit(self) -> None:
        """Write the recordings kept back since the last commit (best effort: the cache is only a speed-up).

        Under a lock on the cache folder, temporary files left by a killed build are removed first.
        """
        if self.directory is None or not self._pending:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with locked(self.directory):
                self._clean_locked()
                for target, ops in self._pending.items():
                    self._write(target, ops)
        except OSError:
            pass  # an unwritable cache costs only the next build's time
        self._pending.clear()

    def clean(self) -> None:
        """Remove temporary files a killed build left in the cache folder."""
        if self.directory is not None and self.directory.is_dir():
            with locked(self.directory):
                self._clean_locked()

    def _clean_locked(self) -> None:
        """Remove stray temporary files; the caller holds the folder's lock, so no live build owns one."""
        assert self.directory is not None
        for stray in self.directory.glob(".tmp-*.json"):
            stray.unlink(missing_ok=True)

    def _write(self, target: Path, ops: DisplayList) -> None:
        """One entry, written to a temporary file and renamed into place."""
        assert self.directory is not None
        import tempfile

        self.directory.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(ops, handle, separators=(",", ":"))
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def _path(self, spec: ChartSpec, width: float, height: float) -> Path:
        """Cache file for one key."""
        assert self.directory is not None
        return self.directory / f"{self.key(spec, width, height)}.json"


@functools.cache  # the recorder's source does not change while a process runs
def _code_digest() -> str:
    """SHA-256 over the recorder modules' source files."""
    digest = hashlib.sha256()
    for name in RECORDER_MODULES:
        digest.update((Path(__file__).with_name(f"{name}.py")).read_bytes())
    return digest.hexdigest()


def _font_paths(spec: ChartSpec) -> list[str]:
    """Font files whose contents shape the drawing."""
    return [spec.fonts.regular, spec.fonts.bold] if spec.fonts else []


def _file_size(path: str) -> int:
    """Size in bytes, or -1 if the file is missing (record will then fail loudly)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return -1


@functools.cache  # reading package metadata scans sys.path: once per process is enough
def _package_version(name: str) -> str:
    """Installed version of a distribution without importing it."""
    from importlib import metadata  # only when a key is asked for: a build that checks nothing needs none

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"
