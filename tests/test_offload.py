"""Helper processes (generator/helper.py) and the build's use of them (generator/render/offload.py).

A build from the command line renders the deck and draws missed charts in forked helpers; its
outputs must be the very bytes of a build in one process, and a helper that fails or dies must
cost nothing but time.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest

from generator.diagnostics import Collector
from generator.helper import Helper, HelperFailed
from generator.pipeline import Options, run
from generator.render.offload import Offload, charts_likely_missed, charts_of
from tests.conftest import REPO, SHIPPED_DATA, run_cli

ORGS = REPO / "tests" / "fixtures" / "orgs"
EDITED = re.compile(r"(operational_deployments:\n    value: )(\d+)")


def _outputs(folder: Path) -> dict[str, bytes]:
    """The built files of a folder, by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _build_both(data: Path, tmp_path: Path, name: str) -> tuple[dict[str, bytes], dict[str, bytes], Path]:
    """`data` built through the console script with helpers and in one process; both outputs."""
    helped, serial = tmp_path / f"{name}-helped", tmp_path / f"{name}-serial"
    one = run_cli("build", "-q", data, "--out", helped, MAKE_REPORT_HELPERS="always")
    two = run_cli("build", "-q", data, "--out", serial, MAKE_REPORT_HELPERS="never")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert one.stderr == two.stderr  # the same warnings, if any
    return _outputs(helped), _outputs(serial), helped


@pytest.mark.parametrize("data", [SHIPPED_DATA, ORGS / "big-12figs.yaml", ORGS / "charity-3figs.yaml"],
                         ids=lambda p: p.stem)
def test_a_build_with_helpers_writes_the_bytes_of_a_build_in_one_process(data: Path, tmp_path: Path) -> None:
    helped, serial, out = _build_both(data, tmp_path, "first")
    assert sorted(helped) == [f"{data.stem}.pdf", f"{data.stem}.pptx"]
    assert helped == serial
    # The chart helper's recordings reached the cache, as the main process's own would have.
    assert len(list((out / ".cache").glob("*.json"))) == len([c for c in charts_of_build(data)])


def charts_of_build(data: Path) -> list:
    """The PDF charts of a data file laid out with the shipped layouts."""
    from generator.layout.engine import lay_out
    from generator.model.load_report import load_report
    from generator.pipeline import layouts_for

    problems = Collector()
    report = load_report(data, problems)
    pdf = next(layout for layout in layouts_for(Options(), report, data, problems) if layout.spec.output == "pdf")
    return charts_of(lay_out(report, pdf, problems))


def test_after_an_edit_the_rebuilt_chart_is_the_same_with_or_without_helpers(tmp_path: Path) -> None:
    data = tmp_path / SHIPPED_DATA.name
    data.write_text(SHIPPED_DATA.read_text(encoding="utf-8"), encoding="utf-8")
    _build_both(data, tmp_path, "edit")  # both caches warm
    text = data.read_text(encoding="utf-8")
    assert EDITED.search(text)
    data.write_text(EDITED.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + 4}", text, count=1), encoding="utf-8")
    helped, serial, _ = _build_both(data, tmp_path, "edit")
    assert helped == serial


def test_a_helper_answers_calls_in_order() -> None:
    helper = _fork(("json",))
    try:
        assert helper.call("os.path:join", "a", "b") == os.path.join("a", "b")
        assert helper.send("math:factorial", 20) and helper.send("json:dumps", [1, 2])
        assert helper.receive() == 2432902008176640000
        assert helper.receive() == "[1, 2]"
        assert helper.pid != os.getpid() and helper.alive
    finally:
        helper.close()
    assert not helper.alive


def test_an_error_in_a_call_comes_back_as_helper_failed_and_the_helper_lives_on() -> None:
    helper = _fork()
    try:
        with pytest.raises(HelperFailed, match="ZeroDivisionError"):
            helper.call("operator:truediv", 1, 0)
        assert helper.call("operator:add", 2, 3) == 5
    finally:
        helper.close()


def test_a_killed_helper_is_helper_failed() -> None:
    helper = _fork()
    try:
        assert helper.send("time:sleep", 30)
        os.kill(helper.pid, signal.SIGKILL)
        with pytest.raises(HelperFailed):
            helper.receive()
        assert not helper.alive
        assert not helper.send("operator:add", 1, 2)
    finally:
        helper.close()


def test_no_helper_is_forked_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert Helper.fork() is None
    finally:
        stop.set()
        thread.join()


def test_a_busy_helper_dies_with_its_parent(tmp_path: Path) -> None:
    """A helper never outlives the process that forked it, even one killed while the helper works."""
    pid_file = tmp_path / "helper.pid"
    script = ("import os, sys, time\nfrom generator.helper import Helper\n"
              "h = Helper.fork()\nh.send('time:sleep', 60)\nopen(sys.argv[1], 'w').write(str(h.pid))\n"
              "time.sleep(60)\n")
    import subprocess
    import sys

    parent = subprocess.Popen([sys.executable, "-c", script, str(pid_file)], cwd=REPO)
    try:
        deadline = time.monotonic() + 30
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        helper = int(pid_file.read_text())
        assert _running(helper)
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 10
    while _running(helper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(helper)


def test_killed_helpers_cost_time_not_the_outputs(tmp_path: Path) -> None:
    """The deck and the charts are done by the main process when their helpers are gone."""
    reference = tmp_path / "reference"
    assert not run([SHIPPED_DATA], Options(out=reference, cache=None)).failed
    offload = Offload.start(prefetch_charts=True)
    assert offload._deck is not None and offload._charts is not None  # noqa: SLF001
    for helper in (offload._deck, offload._charts):  # noqa: SLF001
        os.kill(helper.pid, signal.SIGKILL)
    out = tmp_path / "out"
    try:
        assert not run([SHIPPED_DATA], Options(out=out, cache=tmp_path / "cache"), offload=offload).failed
    finally:
        offload.close()
    assert _outputs(out) == _outputs(reference)


def test_a_build_in_process_with_helpers_writes_the_same_bytes(tmp_path: Path) -> None:
    reference, out = tmp_path / "reference", tmp_path / "out"
    assert not run([SHIPPED_DATA], Options(out=reference, cache=None)).failed
    offload = Offload.start(prefetch_charts=True)
    try:
        assert not run([SHIPPED_DATA], Options(out=out, cache=None), offload=offload).failed
    finally:
        offload.close()
    assert _outputs(out) == _outputs(reference)


def test_charts_are_expected_to_be_drawn_when_inputs_are_newer_than_the_outputs(tmp_path: Path) -> None:
    data, layout, out, cache = tmp_path / "r.yaml", tmp_path / "l.yaml", tmp_path / "out", tmp_path / "cache"
    for path in (data, layout):
        path.write_text("x", encoding="utf-8")
    guess = lambda: charts_likely_missed([data], [layout], out, cache)  # noqa: E731
    assert guess()  # no cache
    cache.mkdir()
    (cache / "0123.json").write_text("[]", encoding="utf-8")
    assert guess()  # no outputs yet
    out.mkdir()
    (out / "r.pdf").write_bytes(b"%PDF-")
    os.utime(data, (1_000, 1_000))
    os.utime(layout, (1_000, 1_000))
    assert not guess()  # everything older than the last PDF
    os.utime(layout, None)
    assert guess()  # a layout saved since
    assert charts_likely_missed([data], [], out, None)  # the cache is off


@pytest.mark.parametrize(("mode", "watching", "runnable", "cores", "expected"), [
    ("never", True, 1, 8, False),  # asked for one process
    ("always", False, 9, 2, True),  # asked for helpers, however busy the machine
    ("always", False, 1, 1, False),  # one core: helpers would only take turns
    ("auto", False, 1, 2, True),  # this build alone is running: the other core is idle
    ("auto", False, 2, 2, False),  # a neighbour keeps the other core busy: one process finishes sooner
    ("auto", False, None, 2, True),  # no /proc/loadavg: assume the core is free
    ("auto", True, 5, 2, True),  # a watch lives on: it always has them
])
def test_helpers_are_used_when_asked_or_when_a_core_is_idle(monkeypatch: pytest.MonkeyPatch, mode: str, watching: bool,
                                                            runnable: int | None, cores: int, expected: bool) -> None:
    from generator.render import offload

    monkeypatch.setenv("MAKE_REPORT_HELPERS", mode)
    monkeypatch.setattr(offload, "_runnable", lambda: runnable)
    monkeypatch.setattr(offload, "_cores", lambda: cores)
    assert offload.wanted(watching) is expected


def test_the_runnable_count_is_read_from_the_system() -> None:
    from generator.render.offload import _runnable

    assert _runnable() >= 1  # this test, at least


def _fork(warm: tuple[str, ...] = ()) -> Helper:
    """A helper forked from this test process (which runs no other thread)."""
    helper = Helper.fork(warm)
    assert helper is not None
    return helper


def _running(pid: int) -> bool:
    """True while process `pid` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"
