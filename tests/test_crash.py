"""kill -9 at any moment of a build: the outputs are the old pair or the new pair, valid, with no debris.

Two kinds of kill:

- at each named point of the output transaction (MAKE_REPORT_FAULT_AT, see
  generator/render/atomic.py), through tests/hostile/swap_driver.py, which
  replaces the pair exactly as a build does, in a fraction of a build's time;
- of real `make-report build` runs: at the points that matter most, and by
  SIGKILL after delays spread over a whole build (wherever they land).

After each kill, another run in the folder (here a build whose data has an
error, so it writes nothing of its own) must leave the old pair or the new
pair, each valid to qpdf and python-pptx, nothing but the outputs and the chart
cache in the folder, and the cache as it was unless the new pair is in place.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import REPO, SHIPPED_DATA, cli_env, run_cli
from generator.render.atomic import FAULT_POINTS

STEM = SHIPPED_DATA.stem
DRIVER = REPO / "tests" / "hostile" / "swap_driver.py"
# What a killed run leaves before the next run recovers: the old pair until the journal is committed,
# the new PDF beside the old deck between the two renames, the new pair after them.
BEFORE_RECOVERY = {"locked": "old", "staged-0": "old", "staged-1": "old", "backed-up": "old",
                   "journal-written": "old", "committed": "old", "replaced-0": "mixed", "replaced-1": "new",
                   "swapped": "new"}
# Once the journal is committed the replacement is decided: recovery finishes it.
AFTER_RECOVERY = {point: "new" if point in ("committed", "replaced-0", "replaced-1", "swapped") else "old"
                  for point in BEFORE_RECOVERY}


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Reference builds: `old` from the shipped data, `new` from an edit of it that changes a chart and text."""
    work = tmp_path_factory.mktemp("pairs")
    edited = work / "data" / SHIPPED_DATA.name
    edited.parent.mkdir()
    text = SHIPPED_DATA.read_text(encoding="utf-8")
    edited.write_text(text.replace("    value: 297\n", "    value: 298\n"), encoding="utf-8")  # in tiles and charts
    broken = work / "broken" / SHIPPED_DATA.name
    broken.parent.mkdir()
    broken.write_text(text.replace("    value: 297\n", "    value: 29x7\n"), encoding="utf-8")
    for name, data in (("old", SHIPPED_DATA), ("new", edited), ("probe", edited)):
        start = time.perf_counter()
        done = run_cli("build", data, "--out", work / name)
        assert done.returncode == 0, done.stderr
        seconds = time.perf_counter() - start  # the last: a build of the new data with a warm cache
    for suffix in (".pdf", ".pptx"):
        assert (work / "old" / f"{STEM}{suffix}").read_bytes() != (work / "new" / f"{STEM}{suffix}").read_bytes()
    (work / "seconds").write_text(str(seconds), encoding="utf-8")
    return {"work": work, "old": work / "old", "new": work / "new", "edited": edited, "broken": broken,
            "seconds": work / "seconds"}


def fresh_out(pairs: dict[str, Path], name: str) -> Path:
    """An output folder holding the old pair and its chart cache, as after the last good build."""
    out = pairs["work"] / name
    shutil.copytree(pairs["old"], out)
    return out


def pair_state(out: Path, pairs: dict[str, Path]) -> str:
    """'old', 'new', 'mixed' or 'other', from the bytes of the two outputs."""
    got = [(out / f"{STEM}{suffix}").read_bytes() if (out / f"{STEM}{suffix}").exists() else None
           for suffix in (".pdf", ".pptx")]
    for name in ("old", "new"):
        if got == [(pairs[name] / f"{STEM}{suffix}").read_bytes() for suffix in (".pdf", ".pptx")]:
            return name
    if got == [(pairs["new"] / f"{STEM}.pdf").read_bytes(), (pairs["old"] / f"{STEM}.pptx").read_bytes()]:
        return "mixed"
    return "other"


def recover_and_check(out: Path, pairs: dict[str, Path]) -> str:
    """Run once more in the folder (a build that fails its checks), then check the pair; return its state."""
    done = run_cli("build", pairs["broken"], "--out", out)
    assert done.returncode == 1 and "29x7" in done.stderr and "internal error" not in done.stderr, done.stderr
    state = pair_state(out, pairs)
    assert state in ("old", "new"), state
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{STEM}.pdf", f"{STEM}.pptx", ".cache"])
    cache = sorted(p.name for p in (out / ".cache").iterdir())
    assert all(name.endswith(".json") and not name.startswith(".") for name in cache), cache
    if state == "old":  # the build did not succeed: its charts must not have reached the cache
        assert cache == sorted(p.name for p in (pairs["old"] / ".cache").iterdir())
    qpdf = subprocess.run(["qpdf", "--check", str(out / f"{STEM}.pdf")], capture_output=True, text=True)
    assert qpdf.returncode == 0, qpdf.stdout + qpdf.stderr
    assert len(Presentation(str(out / f"{STEM}.pptx")).slides) > 0
    return state


@pytest.mark.parametrize("point", [p for p in FAULT_POINTS if p != "recovering"])
def test_kill_at_each_point_of_the_swap(pairs: dict[str, Path], point: str) -> None:
    out = fresh_out(pairs, f"swap-{point}")
    done = subprocess.run([sys.executable, str(DRIVER), str(out), str(pairs["new"] / f"{STEM}.pdf"),
                           str(pairs["new"] / f"{STEM}.pptx")], env=cli_env(MAKE_REPORT_FAULT_AT=point),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert pair_state(out, pairs) == BEFORE_RECOVERY[point]
    assert recover_and_check(out, pairs) == AFTER_RECOVERY[point]


def test_a_kill_during_recovery_is_recovered_by_the_next_run(pairs: dict[str, Path]) -> None:
    out = fresh_out(pairs, "swap-recovering")
    args = [sys.executable, str(DRIVER), str(out), str(pairs["new"] / f"{STEM}.pdf"), str(pairs["new"] / f"{STEM}.pptx")]
    killed = subprocess.run(args, env=cli_env(MAKE_REPORT_FAULT_AT="replaced-0"), capture_output=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL
    # The next run dies too, after recovery moved the first of the files still to move.
    again = run_cli("build", pairs["broken"], "--out", out, MAKE_REPORT_FAULT_AT="recovering")
    assert again.returncode == -signal.SIGKILL
    assert recover_and_check(out, pairs) == "new"


@pytest.mark.parametrize("point", ["committed", "replaced-0"])
def test_kill_a_real_build_at_a_point(pairs: dict[str, Path], point: str) -> None:
    out = fresh_out(pairs, f"build-{point}")
    done = run_cli("build", pairs["edited"], "--out", out, MAKE_REPORT_FAULT_AT=point)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert recover_and_check(out, pairs) == AFTER_RECOVERY[point]


@pytest.mark.parametrize("fraction", [0.3, 0.7, 0.9, 1.0])
def test_kill_a_real_build_at_a_moment(pairs: dict[str, Path], fraction: float) -> None:
    """SIGKILL after a share of a build's measured duration; wherever it lands, old or new after recovery."""
    out = fresh_out(pairs, f"timed-{fraction}")
    duration = float(pairs["seconds"].read_text(encoding="utf-8"))
    child = subprocess.Popen([sys.executable, "-m", "generator", "build", str(pairs["edited"]), "--out", str(out)],
                             cwd=REPO, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(duration * fraction)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    recover_and_check(out, pairs)


def test_concurrent_builds_into_one_folder_leave_one_whole_pair(pairs: dict[str, Path]) -> None:
    """Builds of the old and the new data racing into one folder take turns at the swap."""
    out = fresh_out(pairs, "concurrent")
    children = [subprocess.Popen([sys.executable, "-m", "generator", "build", str(data), "--out", str(out)],
                                 cwd=REPO, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                for data in (SHIPPED_DATA, pairs["edited"], SHIPPED_DATA)]
    for child in children:
        assert child.wait(timeout=300) == 0, child.stderr.read() if child.stderr else ""
    assert pair_state(out, pairs) in ("old", "new")
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{STEM}.pdf", f"{STEM}.pptx", ".cache"])
    assert os.listdir(out / ".cache") and not [n for n in os.listdir(out / ".cache") if n.startswith(".")]
