"""`build --workers N` (generator/worker_pool.py): a process per report; one that dies is built again, once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from generator.pipeline import Options, Result
from generator.worker_pool import LOST, build_pooled
from tests.conftest import REPO, cli_env, run_cli

ORGS = REPO / "tests" / "fixtures" / "orgs"
FILES = [ORGS / name for name in ("charity-3figs.yaml", "commissioner-5figs.yaml", "nz-money.yaml",
                                  "no-headline.yaml", "big-12figs.yaml")]


def _attempt(path: Path, options: Options) -> int:
    """Record one attempt at `path` (a line in a file beside the output folder); how many so far."""
    log = options.out / f"{path.name}.attempts"
    options.out.mkdir(parents=True, exist_ok=True)
    with log.open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    return len(log.read_text().splitlines())


def die_on_b(path: Path, options: Options) -> tuple[Result, float]:
    """A task whose process dies whenever it builds "b" (as a crash in a library would)."""
    _attempt(path, options)
    if path.name == "b":
        os.kill(os.getpid(), signal.SIGKILL)
    return Result(messages=[f"built {path.name}"]), 0.0


def die_on_first_b(path: Path, options: Options) -> tuple[Result, float]:
    """A task whose process dies the first time it builds "b" only (as a process killed by someone)."""
    if _attempt(path, options) == 1 and path.name == "b":
        os.kill(os.getpid(), signal.SIGKILL)
    return Result(messages=[f"built {path.name}"]), 0.0


def raise_on_b(path: Path, options: Options) -> tuple[Result, float]:
    """A task that raises for "b" in a way that cannot travel back (not pickled)."""
    _attempt(path, options)
    if path.name == "b":
        raise RuntimeError("a bug")
    return Result(messages=[f"built {path.name}"]), 0.0


def _run(task: str, tmp_path: Path) -> tuple[list[Result], dict[str, int]]:
    """Run the three files a, b, c on two workers with `task`; their results and the attempts at each."""
    # With another thread running nothing is forked and the tasks would run here: one kills its process.
    assert threading.active_count() == 1, [t.name for t in threading.enumerate()]
    options = Options(out=tmp_path / "out")
    files = [tmp_path / name for name in ("a", "b", "c")]
    built = build_pooled(files, options, 2, task=f"tests.test_worker_pool:{task}")
    attempts = {p.name.split(".")[0]: len(p.read_text().splitlines()) for p in options.out.glob("*.attempts")}
    return [result for result, _ in built], attempts


def test_a_report_whose_process_dies_is_built_again_in_a_new_one(tmp_path: Path) -> None:
    results, attempts = _run("die_on_first_b", tmp_path)
    assert [r.messages for r in results] == [["built a"], ["built b"], ["built c"]]
    assert not any(r.failed for r in results)
    assert attempts == {"a": 1, "b": 2, "c": 1}


def test_a_report_whose_process_dies_twice_is_its_diagnostic_and_the_others_complete(tmp_path: Path) -> None:
    results, attempts = _run("die_on_b", tmp_path)
    assert [r.failed for r in results] == [False, True, False]
    (lost,) = results[1].diagnostics
    assert lost.message == LOST and lost.span.path.endswith("b")
    assert attempts == {"a": 1, "b": 2, "c": 1}


def test_an_error_in_a_report_is_reported_once_and_not_tried_again(tmp_path: Path) -> None:
    results, attempts = _run("raise_on_b", tmp_path)
    assert [r.failed for r in results] == [False, True, False]
    assert "internal error: RuntimeError: a bug" in results[1].diagnostics[0].message
    assert attempts == {"a": 1, "b": 1, "c": 1}


def _children(pid: int) -> list[int]:
    """The live child processes of `pid`."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def test_a_worker_killed_mid_batch_costs_nothing_but_time(tmp_path: Path) -> None:
    """The real command line: a worker is killed while it builds; every report is still built, byte for byte."""
    serial = tmp_path / "serial"
    assert run_cli("build", *FILES, "--out", serial).returncode == 0
    out = tmp_path / "pooled"
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", *map(str, FILES), "--out", str(out),
                             "--workers", "2"], cwd=REPO, env=cli_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and proc.poll() is None and time.monotonic() < deadline:
        for child in _children(proc.pid):
            os.kill(child, signal.SIGKILL)  # a worker, busy with its report
            killed = child
            break
        time.sleep(0.005)
    stdout, stderr = proc.communicate(timeout=300)
    assert killed is not None, "no worker was seen to kill"
    assert proc.returncode == 0, stderr
    assert f"{len(FILES)} built, 0 failed" in stdout.splitlines()
    names = sorted(p.name for p in serial.iterdir() if p.is_file())
    assert names == sorted(p.name for p in out.iterdir() if p.is_file())
    for name in names:
        assert (serial / name).read_bytes() == (out / name).read_bytes(), name
