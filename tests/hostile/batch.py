"""Run many hostile cases in one audited process: `python tests/hostile/batch.py CASES.json RESULTS.json`.

Each case names files to overwrite in the project (the working directory), the
arguments of one make-report run, and is run in-process through generator.cli.main
(importing the libraries once keeps hundreds of cases to a minute). The original
files are put back after each case. A case still running after TIMEOUT seconds is
stopped by SIGALRM and reported as a hang. Every file opened during a case is recorded.
"""

from __future__ import annotations

import contextlib
import io
import json
import signal
import sys
import time
from pathlib import Path

from audited import install_hook

TIMEOUT = 20


class Hang(BaseException):
    """Raised by the alarm in a case that ran too long (a BaseException, so no `except Exception` swallows it)."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang()


def run_case(case: dict, opened: list[tuple[str, str]], recording: list[bool]) -> dict:
    """Run one case with its files in place; put the originals back afterwards."""
    from generator.cli import main as cli_main

    watched = Path(case["watch"]) if case.get("watch") else None
    before = _digests(watched)
    originals = {name: Path(name).read_bytes() if Path(name).exists() else None for name in case["files"]}
    for name, text in case["files"].items():
        Path(name).write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    opened.clear()
    hang, rc, crash = False, None, None
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            recording[0] = True
            try:
                rc = cli_main(case["argv"])
            finally:
                recording[0] = False
    except Hang:
        hang = True
    except SystemExit as exc:  # argparse usage errors
        rc = exc.code
    except BaseException as exc:  # noqa: BLE001 - anything escaping main() is a finding
        crash = f"{type(exc).__name__}: {exc}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        for name, data in originals.items():
            if data is None:
                Path(name).unlink(missing_ok=True)
            else:
                Path(name).write_bytes(data)
    return {"id": case["id"], "rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue(), "hang": hang,
            "crash": crash, "reads": sorted({p for kind, p in opened if kind == "r"}),
            "writes": sorted({p for kind, p in opened if kind == "w"}), "seconds": time.perf_counter() - start,
            "watched_before": before, "watched_after": _digests(watched)}


def _digests(folder: Path | None) -> dict[str, str]:
    """SHA-256 of every file below `folder` (the outputs a case must not change when it fails)."""
    import hashlib

    if folder is None or not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> int:
    cases = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    opened: list[tuple[str, str]] = []
    recording = [False]
    install_hook(lambda kind, path: opened.append((kind, path)) if recording[0] else None)
    signal.signal(signal.SIGALRM, _alarm)
    results = []
    for case in cases:
        print(case["id"], file=sys.__stderr__, flush=True)  # the last line names a case that hung past the alarm
        results.append(run_case(case, opened, recording))
    Path(sys.argv[2]).write_text(json.dumps(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
