"""Time whole `make-report build` processes as a user meets them: cold, unchanged, one charted figure edited.

Usage: python bench/cli.py [--runs N] [--only-auto] [--memory] [--compare OTHER_CHECKOUT ...]

Each round runs the three variants (empty chart cache, nothing changed, one charted figure
edited) for every runner, the runners in a rotating order so that a noisy neighbour hits all of
them alike; the table gives medians over the rounds. Runners: this checkout as the console
script runs it ("this": helper processes when a core is idle as it starts), the same with
MAKE_REPORT_HELPERS=always and =never (one process), and each --compare checkout. Times are wall time from exec to exit (imports and
interpreter shutdown included); CPU is user + system time of the build and its helpers; peak
RSS is the largest of its processes (the build reaps its helpers, so wait4 reports them too).
--memory adds a round per runner that samples /proc every few milliseconds for the sum of the
build's processes' RSS and PSS (PSS shares a page between the processes that map it, so it is
the fair total after a fork); it is kept out of the timed rounds, since sampling costs CPU.

Each checkout's generator/ is compiled to bytecode first, as `pip install` does (this
machine's environment sets PYTHONDONTWRITEBYTECODE, which would otherwise make every run
compile our modules from source, about 80 ms).
A benchmark, not a test: it writes only a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "ceop-2007-08.yaml"
VARIANTS = ("empty cache", "nothing changed", "one chart edited")
# A figure that only the bar chart of outcomes uses: editing it redraws exactly one chart.
EDITED = re.compile(r"(operational_deployments:\n    value: )(\d+)")


@dataclass
class Runner:
    """One way of running a build: a checkout and extra environment variables."""

    name: str
    tree: Path
    env: dict[str, str] = field(default_factory=dict)
    work: Path = Path()


@dataclass(frozen=True)
class Sample:
    """One build: wall seconds, CPU seconds (with its helpers), largest process's peak RSS in MiB."""

    wall: float
    cpu: float
    rss: float


def _build(runner: Runner, cache: Path, memory: list[tuple[float, float]] | None = None) -> Sample:
    """One fresh `make-report build` of the runner's data file."""
    env = {**os.environ, **runner.env}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "generator", "build", str(runner.work / DATA.name), "--out",
                              str(runner.work / "out"), "--cache", str(cache), "-q"], cwd=runner.tree, env=env)
    sampler = _Sampler(child.pid) if memory is not None else None
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped here, so that Popen does not wait for it again
    elapsed = time.perf_counter() - start
    if sampler is not None and memory is not None:
        memory.append(sampler.stop())
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{runner.name}: build failed with status {status}")
    return Sample(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


class _Sampler:
    """Polls /proc for the peak total RSS and PSS of a process and its children (MiB)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.rss, self.pss = pid, 0.0, 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> tuple[float, float]:
        self._done.set()
        self._thread.join()
        return self.rss, self.pss

    def _run(self) -> None:
        while not self._done.is_set():
            pids = [self.pid, *_children(self.pid)]
            rss = sum(_kib(pid, "status", "VmRSS:") for pid in pids) / 1024
            pss = sum(_kib(pid, "smaps_rollup", "Pss:") for pid in pids) / 1024
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            time.sleep(0.003)


def _children(pid: int) -> list[int]:
    """The live children of `pid`."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _kib(pid: int, name: str, key: str) -> float:
    """A kB figure from /proc/PID/NAME, 0 when the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(key):
                return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def _edit(data: Path, n: int) -> None:
    """Change the edited figure to a value of this round, never used before (so no cached chart matches)."""
    text = data.read_text(encoding="utf-8")
    data.write_text(EDITED.sub(lambda m: f"{m.group(1)}{100 + n}", text, count=1), encoding="utf-8")


def _round(runner: Runner, n: int, samples: dict, memory: dict | None = None) -> None:
    """The three variants, in order, for one runner."""
    def build(variant: str, cache: Path) -> None:
        peaks = memory.setdefault((variant, runner.name), []) if memory is not None else None
        sample = _build(runner, cache, peaks)
        if memory is None:
            samples.setdefault((variant, runner.name), []).append(sample)

    build("empty cache", runner.work / f"cold{n}")
    build("nothing changed", runner.work / "cache")
    _edit(runner.work / DATA.name, n + 1)
    build("one chart edited", runner.work / "cache")


def main() -> int:
    """Run the rounds and print medians per variant and runner."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only-auto", action="store_true", help="leave out this checkout with helpers forced on and off")
    parser.add_argument("--memory", action="store_true", help="add a sampled round for total RSS and PSS")
    parser.add_argument("--compare", type=Path, nargs="*", default=[], help="other checkouts to run alongside")
    args = parser.parse_args()
    runners = [Runner("this", ROOT)]
    if not args.only_auto:
        runners.append(Runner("this helpers", ROOT, {"MAKE_REPORT_HELPERS": "always"}))
        runners.append(Runner("this serial", ROOT, {"MAKE_REPORT_HELPERS": "never"}))
    runners += [Runner(tree.resolve().name, tree.resolve()) for tree in args.compare]
    for tree in dict.fromkeys(r.tree for r in runners):
        subprocess.run([sys.executable, "-m", "compileall", "-q", "generator"], cwd=tree, check=True)
    samples: dict[tuple[str, str], list[Sample]] = {}
    memory: dict[tuple[str, str], list[tuple[float, float]]] = {}
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        for i, runner in enumerate(runners):
            runner.work = Path(tmp) / str(i)
            runner.work.mkdir()
            shutil.copyfile(DATA, runner.work / DATA.name)
            _build(runner, runner.work / "cache")  # warm the page cache and the chart cache
        for n in range(args.runs):
            for k in range(len(runners)):
                _round(runners[(n + k) % len(runners)], n, samples)
            loads.append(os.getloadavg()[0])
        if args.memory:
            for runner in runners:
                _round(runner, args.runs, samples, memory)
    print(f"make-report build, {args.runs} rounds of fresh processes "
          f"(load average {min(loads):.1f} to {max(loads):.1f}, median {statistics.median(loads):.1f})")
    print(f"  {'variant':<18} {'runner':<14} {'median':>8} {'min':>8} {'CPU':>8} {'peak RSS':>9}"
          + ("   total RSS / PSS" if memory else ""))
    for variant in VARIANTS:
        for runner in runners:
            values = samples[variant, runner.name]
            wall = [s.wall * 1000 for s in values]
            line = (f"  {variant:<18} {runner.name:<14} {statistics.median(wall):6.0f}ms {min(wall):6.0f}ms "
                    f"{statistics.median(s.cpu * 1000 for s in values):6.0f}ms "
                    f"{statistics.median(s.rss for s in values):5.0f} MiB")
            if memory:
                rss, pss = memory[variant, runner.name][0]
                line += f"   {rss:5.0f} / {pss:4.0f} MiB"
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
