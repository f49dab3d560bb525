"""`make-report build DATA... --scheduler ADDRESS` on a Dask LocalCluster of two worker processes on 127.0.0.1.

The same per-report tasks as --workers: outputs byte-identical to serial builds; a worker killed
mid-batch costs its report a retry, not the report; a data error is reported once, never retried.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.conftest import REPO, SHIPPED_DATA, cli_env, run_cli

ORGS = REPO / "tests" / "fixtures" / "orgs"
FILES = [ORGS / name for name in ("charity-3figs.yaml", "commissioner-5figs.yaml", "nz-money.yaml",
                                  "big-12figs.yaml")]


class Cluster:
    """The LocalCluster of tests/dask_cluster.py, in its own process: its address, and questions to it."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc = proc
        self.address = self._answer()["address"]

    def ask(self, command: str) -> Any:
        """One command's answer (see tests/dask_cluster.py)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self._answer()

    def _answer(self) -> Any:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "the test cluster stopped"
        return json.loads(line)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Two single-threaded Dask worker processes and their scheduler on 127.0.0.1, for this module's tests."""
    log = tmp_path_factory.mktemp("dask") / "cluster.log"
    with log.open("w") as stderr:
        proc = subprocess.Popen([sys.executable, str(REPO / "tests" / "dask_cluster.py")], cwd=REPO, env=cli_env(),
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True)
    try:
        yield Cluster(proc)
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_batch_on_the_cluster_is_byte_identical_to_serial_builds(cluster: Cluster, tmp_path: Path) -> None:
    address = cluster.address
    serial, clustered = tmp_path / "serial", tmp_path / "clustered"
    alone = run_cli("build", *FILES, "--out", serial)
    assert alone.returncode == 0
    done = run_cli("build", *FILES, "--out", clustered, "--scheduler", address)
    assert done.returncode == 0, done.stderr
    assert done.stderr == alone.stderr  # the same warnings, with the same paths
    assert f"{len(FILES)} built, 0 failed" in done.stdout.splitlines()
    assert f"wrote {clustered / 'nz-money.pdf'}" in done.stdout.splitlines()  # paths as this machine shows them
    assert _outputs(serial) == _outputs(clustered) and len(_outputs(serial)) == 2 * len(FILES)


def test_a_worker_killed_mid_batch_has_its_report_retried(cluster: Cluster, tmp_path: Path) -> None:
    address = cluster.address
    files = [SHIPPED_DATA, *FILES]
    serial, clustered = tmp_path / "serial", tmp_path / "clustered"
    assert run_cli("build", *files, "--out", serial).returncode == 0
    before = cluster.ask("sent")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", *map(str, files), "--out", str(clustered),
                             "--scheduler", address], cwd=REPO, env=cli_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    pids = cluster.ask("pids")
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and proc.poll() is None and time.monotonic() < deadline:
        for worker, keys in cluster.ask("processing").items():
            if any(str(key).startswith("make-report-") for key in keys):
                os.kill(pids[worker], signal.SIGKILL)  # the worker process, while it builds a report
                killed = worker
                break
        time.sleep(0.01)
    stdout, stderr = proc.communicate(timeout=300)
    assert killed is not None, "no worker was seen building a report"
    assert proc.returncode == 0, stderr
    assert f"{len(files)} built, 0 failed" in stdout.splitlines()
    assert _outputs(serial) == _outputs(clustered)
    sent = {key: n for key, n in cluster.ask("sent").items() if key not in before}
    assert len(sent) == len(files) and max(sent.values()) == 2, sent  # the killed worker's report, sent again
    assert cluster.ask("wait")  # the nanny restarts it, for the next test


def test_a_data_error_is_reported_once_and_not_retried(cluster: Cluster, tmp_path: Path) -> None:
    address = cluster.address
    bad = tmp_path / "broken-2024-25.yaml"
    bad.write_text("# FICTIONAL TEST DATA: a broken file.\nreport:\n  title: [unclosed\n", encoding="utf-8")
    before = cluster.ask("sent")
    done = run_cli("build", FILES[0], bad, FILES[1], "--out", tmp_path / "out", "--scheduler", address)
    assert done.returncode == 1
    assert "2 built, 1 failed" in done.stdout.splitlines()
    errors = re.findall(rf"^{re.escape(str(bad))}:\d+:\d+: error: .*$", done.stderr, re.M)
    assert len(errors) == 1, done.stderr
    sent = {key: n for key, n in cluster.ask("sent").items() if key not in before}
    assert sorted(sent.values()) == [1, 1, 1], sent  # each file sent once: none retried


def test_an_unreachable_scheduler_is_one_error_and_nothing_is_built(tmp_path: Path) -> None:
    done = run_cli("build", FILES[0], "--out", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9")
    assert done.returncode == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_without_dask_the_scheduler_option_is_a_usage_error(tmp_path: Path) -> None:
    blocked = ("import sys; sys.modules['distributed'] = None\n"  # as if the dask extra were not installed
               "from generator.cli import console; sys.argv[0] = 'make-report'; console()")
    done = subprocess.run([sys.executable, "-c", blocked, "build", str(FILES[0]), "--out", str(tmp_path / "out"),
                           "--scheduler", "tcp://127.0.0.1:8786"], cwd=REPO, env=cli_env(), capture_output=True,
                          text=True)
    assert done.returncode == 2
    assert "pip install 'make-report[dask]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_workers_and_a_scheduler_together_are_a_usage_error(tmp_path: Path) -> None:
    done = run_cli("build", FILES[0], "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786")
    assert done.returncode == 2 and "cannot be used together" in done.stderr
