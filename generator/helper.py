"""A helper process: forked from this one, it imports what it will need, then answers calls one at a time.

A build uses helpers to put work on the machine's other core while the main process carries on
(generator/render/offload.py). A helper is a plain fork, not a multiprocessing pool: starting one
costs about a millisecond, it begins with every module this process had already imported, and
its calls are module-level functions named by "module:function", their arguments and results
sent as pickles through two pipes.

A helper never writes a file, prints, or outlives the build: it leaves with os._exit (so nothing
of the parent's, such as buffered output or atexit handlers, runs twice) when its request pipe
closes, and the parent kills it once the build no longer needs it. Ctrl-C is the parent's
business, so a helper ignores SIGINT. Whatever goes wrong in a helper (an error in a call, the
process killed) comes back as `HelperFailed`, and the caller does the work itself.
"""

from __future__ import annotations

import fcntl
import gc
import importlib
import os
import pickle
import signal
import struct
import threading
from typing import Any, Sequence

HEADER = struct.Struct("!Q")  # the length of each pickled message
# Pipes are made this large (Linux caps it at /proc/sys/fs/pipe-max-size, 1 MiB by default),
# so a request is usually written at once, even while the helper is still importing.
PIPE_SIZE = 1 << 20
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


class HelperFailed(Exception):
    """A helper could not answer: the call raised there, or the process is gone."""


class HelperLost(HelperFailed):
    """The helper process is gone (killed, or it died) before it answered."""


class Helper:
    """One forked helper process and the two pipes to it."""

    def __init__(self, pid: int, requests: int, replies: int) -> None:
        self.pid = pid
        self._requests = requests  # write end: calls to the helper
        self._replies = replies  # read end: its answers
        self._waiting = 0  # calls sent and not yet answered

    @classmethod
    def fork(cls, warm: Sequence[str] = ()) -> Helper | None:
        """Fork a helper that first imports (or, for "module:function", calls) each of `warm`.

        None when forking would be unsafe (another thread is running: the child would inherit
        its locks in whatever state they were) or impossible.
        """
        if threading.active_count() > 1 or not hasattr(os, "fork"):
            return None
        parent = os.getpid()
        down_read, down_write = os.pipe()
        up_read, up_write = os.pipe()
        for fd in (down_write, up_write):
            _enlarge(fd)
        try:
            pid = os.fork()
        except OSError:
            for fd in (down_read, down_write, up_read, up_write):
                os.close(fd)
            return None
        if pid == 0:  # the helper
            status = 1
            try:
                _die_with(parent)
                _close_all_but(down_read, up_write)
                _serve(down_read, up_write, warm)
                status = 0
            finally:
                os._exit(status)
        os.close(down_read)
        os.close(up_write)
        return cls(pid, down_write, up_read)

    def send(self, target: str, *args: Any) -> bool:
        """Ask the helper to call `target` ("module:function") with `args`; False when it cannot be asked."""
        if self._requests < 0:
            return False
        try:
            _write(self._requests, (target, args))
        except (OSError, pickle.PicklingError):
            self.close()
            return False
        self._waiting += 1
        return True

    def receive(self) -> Any:
        """The answer to the oldest call not yet answered (waiting for it); HelperFailed when there is none."""
        if self._replies < 0 or not self._waiting:
            raise HelperFailed("no call is waiting for an answer")
        self._waiting -= 1
        try:
            message = _read(self._replies)
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            self.close()
            raise HelperLost(f"the helper process stopped: {exc}") from None
        if message is None:
            self.close()
            raise HelperLost("the helper process stopped")
        ok, value = message
        if not ok:
            raise HelperFailed(value)
        return value

    def call(self, target: str, *args: Any) -> Any:
        """Call `target` in the helper and wait for its result (HelperFailed when it cannot)."""
        if not self.send(target, *args):
            raise HelperFailed("the helper process stopped")
        return self.receive()

    def close(self) -> None:
        """Stop the helper (it holds nothing but memory, so it is ended at once) and reap it.

        SIGTERM, which a helper leaves at its default (end the process), rather than SIGKILL:
        as quick, and a tool watching the process (valgrind, for bench/instructions.py) still
        sees it end and writes what it measured.
        """
        for fd in (self._requests, self._replies):
            if fd >= 0:
                os.close(fd)
        self._requests = self._replies = -1
        if self.pid > 0:
            try:
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = 0

    @property
    def replies(self) -> int:
        """The descriptor its answers arrive on (to wait for several helpers at once with select)."""
        return self._replies

    @property
    def alive(self) -> bool:
        """True while the helper can still be asked."""
        return self._requests >= 0


def _serve(requests: int, replies: int, warm: Sequence[str]) -> None:
    """The helper's life: warm up, then answer calls until the request pipe closes.

    The cyclic garbage collector runs between calls, not during them: an answer is awaited, the
    time after it is the helper's own. Not after the first: a build's helper answers once and is
    killed (collecting would only take CPU from the build); a helper that serves a long-lived
    process (watch) collects after every later call.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # close() ends a helper with it
    gc.disable()
    answered = 0
    for name in warm:
        try:
            _resolve(name)() if ":" in name else importlib.import_module(name)
        except Exception:  # noqa: BLE001 - warming is only a head start; a call that needs it will say
            pass
    while True:
        message = _read(requests)
        if message is None:
            return
        target, args = message
        try:
            answer = (True, _resolve(target)(*args))
        except Exception as exc:  # noqa: BLE001 - sent back: the caller does the work itself
            answer = (False, f"{type(exc).__name__}: {exc}")
        try:
            _write(replies, answer)
        except pickle.PicklingError as exc:
            _write(replies, (False, f"the result cannot be sent back: {exc}"))
        del answer
        answered += 1
        if answered > 1:
            gc.collect()


def _resolve(target: str):
    """The function named "module:function"."""
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)


def _write(fd: int, message: Any) -> None:
    """Send one pickled message, with its length in front."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read(fd: int) -> Any:
    """Receive one message; None at the end of the pipe."""
    header = _read_exactly(fd, HEADER.size)
    if header is None:
        return None
    (size,) = HEADER.unpack(header)
    data = _read_exactly(fd, size)
    if data is None:
        raise EOFError("the pipe closed in the middle of a message")
    return pickle.loads(data)


def _read_exactly(fd: int, size: int) -> bytes | None:
    """`size` bytes from the pipe; None if it ends before the first."""
    chunks: list[bytes] = []
    left = size
    while left:
        chunk = os.read(fd, min(left, PIPE_SIZE))
        if not chunk:
            if chunks or size == 0:
                raise EOFError("the pipe closed in the middle of a message")
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _enlarge(fd: int) -> None:
    """Make a pipe as large as the system allows, up to PIPE_SIZE (a speed-up only)."""
    try:
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    except (OSError, AttributeError):
        pass


def _die_with(parent: int) -> None:
    """In the helper: be killed when the parent dies, however it dies (Linux's PR_SET_PDEATHSIG).

    Otherwise a helper still importing when its parent is killed would live on for a moment,
    holding the parent's standard output open for whoever reads it.
    """
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


def _close_all_but(*keep: int) -> None:
    """In the helper: close every descriptor but stdin, stdout, stderr and `keep`.

    It must not hold the parent's other pipes (another helper would never see its requests end),
    nor files and locks the parent opened.
    """
    low = 3
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, _max_fd())


def _max_fd() -> int:
    """One more than the highest descriptor this process may have open."""
    try:
        return max(int(name) for name in os.listdir("/proc/self/fd")) + 1
    except (OSError, ValueError):
        return os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 1024
