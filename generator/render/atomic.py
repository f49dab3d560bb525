"""Replace a build's outputs together or not at all, and finish what a killed build left half done.

No filesystem renames two files at once, so the PDF and the deck cannot be
swapped in one step. Instead every replacement is a small transaction in the
output folder, under an exclusive lock on the folder (flock), so concurrent
builds take turns:

1. Recover: finish or clear whatever a build killed earlier left (below).
2. Stage: write every new file, complete and fsynced, into a fresh hidden
   folder `.make-report-XXXX.stage/` beside the targets; hard-link each
   current target there too, as the backup an in-process failure restores.
3. Commit: write `journal.json` (which new file replaces which target) into
   the staging folder atomically (a temporary name, fsync, rename, fsync).
   From this moment the replacement is decided.
4. Swap: rename each new file over its target (each rename is atomic), fsync
   the folder, then delete the staging folder.

A kill before step 3 leaves the old outputs and a staging folder without a
journal, which recovery deletes. A kill after it leaves a journal naming the
files still to move, which recovery moves before deleting the folder. Either
way, once any later build has run in that folder (even one that fails its
checks), the outputs are the complete old pair or the complete new pair and
nothing else is left. The only window in which the folder holds a new PDF
beside an old deck is between the renames of step 4, microseconds long, and
closed by the next run's recovery if the build was killed inside it.

An error (not a kill) during the swap rolls back instead: the journal is
rewritten to say so, and the backups are renamed back.

MAKE_REPORT_FAULT_AT=<point> kills the process with SIGKILL at that point
(see FAULT_POINTS): the one hook the crash tests use to interrupt a build
at each step. It is read here and nowhere else.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import stat
import tempfile
from pathlib import Path
from typing import Sequence

from generator.fslock import locked

STAGE_PREFIX = ".make-report-"
STAGE_SUFFIX = ".stage"
JOURNAL = "journal.json"
FAULT_POINTS = ("locked", "staged-0", "staged-1", "backed-up", "journal-written", "committed", "replaced-0",
                "replaced-1", "swapped", "recovering")


class OutputError(OSError):
    """An output cannot be replaced (a folder where a file should be); nothing was changed."""


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` so that readers see the old file or the new one, never half."""
    write_all_atomic([(target, data)])


def write_all_atomic(files: Sequence[tuple[Path, bytes]]) -> None:
    """Replace every target with its data, all together or (on any error) none; targets share one folder."""
    folders = {Path(target).parent for target, _ in files}
    if len(folders) != 1:
        raise ValueError("outputs replaced together must share one folder")
    folder = folders.pop()
    folder.mkdir(parents=True, exist_ok=True)
    with locked(folder):
        _fault("locked")
        recover_locked(folder)
        _refuse_folders([Path(t) for t, _ in files])
        stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, suffix=STAGE_SUFFIX, dir=folder))
        try:
            entries = _stage_all(stage, files)
            _commit(stage, entries)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)  # nothing was replaced yet
            raise
        _swap(folder, stage, entries)


def recover(folder: Path) -> None:
    """Finish or clear any replacement a killed build left in `folder` (nothing to do if none)."""
    if not folder.is_dir():
        return
    with locked(folder):
        recover_locked(folder)


def recover_locked(folder: Path) -> None:
    """Recovery proper; the caller holds the folder's lock, so every staging folder found is a dead build's."""
    for stage in sorted(folder.glob(f"{STAGE_PREFIX}*{STAGE_SUFFIX}")):
        if not stage.is_dir() or stage.is_symlink():
            continue
        journal = _read_journal(stage)
        if journal is not None:
            _finish(folder, stage, journal)
        shutil.rmtree(stage, ignore_errors=True)
    _fsync_dir(folder)


def _refuse_folders(targets: list[Path]) -> None:
    """A target that is a folder (or anything but a file) cannot be replaced: say so before changing anything."""
    for target in targets:
        try:
            mode = os.lstat(target).st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISDIR(mode) or not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise OutputError(errno.EISDIR, f"{target.name} is a folder or a special file, not a file it can replace")


def _stage_all(stage: Path, files: Sequence[tuple[Path, bytes]]) -> list[dict]:
    """Write each new file and a backup link of each current target into the staging folder."""
    entries = []
    for i, (target, data) in enumerate(files):
        _write_new(stage / f"new-{i}", data)
        entries.append({"target": Path(target).name, "new": f"new-{i}", "old": None})
        _fault(f"staged-{i}")
    for i, (target, _) in enumerate(files):
        if os.path.lexists(target):
            entries[i]["old"] = f"old-{i}"
            _backup(Path(target), stage / f"old-{i}")
    _fsync_dir(stage)
    _fault("backed-up")
    return entries


def _write_new(path: Path, data: bytes) -> None:
    """A new file, complete and on disk, readable by everyone (outputs are meant to be shared)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o644)  # whatever the umask


def _backup(target: Path, backup: Path) -> None:
    """Keep the current target: a hard link (no copy, no extra space), or a copy where links are refused."""
    try:
        os.link(target, backup, follow_symlinks=False)
    except OSError:
        shutil.copy2(target, backup, follow_symlinks=False)


def _commit(stage: Path, entries: list[dict], direction: str = "forward") -> None:
    """Write the journal atomically: from here on, recovery finishes the replacement."""
    tmp = stage / f"{JOURNAL}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"version": 1, "direction": direction, "files": entries}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    _fault("journal-written")
    os.replace(tmp, stage / JOURNAL)
    _fsync_dir(stage)
    _fault("committed")


def _swap(folder: Path, stage: Path, entries: list[dict]) -> None:
    """Rename every new file over its target; on an error, put the old ones back."""
    try:
        for i, entry in enumerate(entries):
            os.replace(stage / entry["new"], folder / entry["target"])
            _fault(f"replaced-{i}")
        _fsync_dir(folder)
    except Exception:
        _commit(stage, entries, "back")  # a kill during the rollback must not roll forward again
        _roll_back(folder, stage, entries)
        _fsync_dir(folder)
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _fault("swapped")
    shutil.rmtree(stage, ignore_errors=True)
    _fsync_dir(folder)


def _finish(folder: Path, stage: Path, journal: dict) -> None:
    """Complete a committed replacement (or its rollback) that a killed build left."""
    entries = journal.get("files", [])
    if journal.get("direction") == "back":
        _roll_back(folder, stage, entries)
        return
    for entry in entries:
        new = stage / entry["new"]
        if new.exists():
            os.replace(new, folder / entry["target"])
            _fault("recovering")


def _roll_back(folder: Path, stage: Path, entries: list[dict]) -> None:
    """Put each target back as it was: its backup, or no file when there was none."""
    for entry in entries:
        target = folder / entry["target"]
        if entry.get("old") and (stage / entry["old"]).exists():
            os.replace(stage / entry["old"], target)
        elif not entry.get("old") and not (stage / entry["new"]).exists():
            target.unlink(missing_ok=True)  # it was new, and already moved into place


def _read_journal(stage: Path) -> dict | None:
    """The committed journal of a staging folder, or None when the build died before committing."""
    try:
        journal = json.loads((stage / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(journal, dict) or not all(_valid_entry(e) for e in journal.get("files", [])):
        return None
    return journal


def _valid_entry(entry: object) -> bool:
    """An entry names plain files inside the folders (a journal is ours, but is checked like input)."""
    if not isinstance(entry, dict):
        return False
    names = [entry.get("target"), entry.get("new")] + ([entry["old"]] if entry.get("old") else [])
    return all(isinstance(n, str) and n and "/" not in n and n not in (".", "..") for n in names)


def _fsync_dir(folder: Path) -> None:
    """Make renames and deletions in a folder durable (a no-op where folders cannot be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fault(point: str) -> None:
    """Kill this process at `point` when MAKE_REPORT_FAULT_AT names it (crash tests only)."""
    if os.environ.get("MAKE_REPORT_FAULT_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
