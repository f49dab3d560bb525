"""Time whole `make-report build` processes as a user meets them: cold, unchanged, one charted figure edited.

Usage: python bench/cli.py [--runs N] [--compare OTHER_CHECKOUT ...]
Each round runs the three variants one after the other (so a noisy neighbour hits all of them
alike) and the table gives medians over the rounds: wall time from exec to exit (imports and
interpreter shutdown included) and peak RSS of the child. With --compare, every variant is run
from each checkout in turn within the same round (before and after, side by side).
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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "ceop-2007-08.yaml"
# A figure that only the bar chart of outcomes uses: editing it redraws exactly one chart.
VARIANTS = ("empty cache", "nothing changed", "one chart edited")
EDITED = re.compile(r"(operational_deployments:\n    value: )(\d+)")


def _build(tree: Path, data: Path, out: Path, cache: Path) -> tuple[float, float]:
    """One fresh `make-report build` of the checkout `tree`; (seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "generator", "build", str(data), "--out", str(out),
                              "--cache", str(cache), "-q"], cwd=tree)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped here, so that Popen does not wait for it again
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024


def _edit(data: Path, n: int) -> None:
    """Change the edited figure to a value of this round (so the cached chart no longer matches)."""
    text = data.read_text(encoding="utf-8")
    data.write_text(EDITED.sub(lambda m: f"{m.group(1)}{21 + n % 7}", text, count=1), encoding="utf-8")


def main() -> int:
    """Run the rounds and print medians per variant."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--compare", type=Path, nargs="*", default=[], help="other checkouts to run alongside")
    args = parser.parse_args()
    trees = [ROOT, *(t.resolve() for t in args.compare)]
    samples: dict[tuple[str, Path], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            for i, tree in enumerate(trees):
                work = Path(tmp) / str(i)
                data, out, cache = work / DATA.name, work / "out", work / "cache"
                if n == 0:
                    work.mkdir()
                    shutil.copyfile(DATA, data)
                    _build(tree, data, out, cache)  # warm the page cache and the chart cache
                samples.setdefault(("empty cache", tree), []).append(_build(tree, data, out, work / f"cold{n}"))
                samples.setdefault(("nothing changed", tree), []).append(_build(tree, data, out, cache))
                _edit(data, n + 1)
                samples.setdefault(("one chart edited", tree), []).append(_build(tree, data, out, cache))
    load = os.getloadavg()[0]
    print(f"make-report build, {args.runs} rounds of fresh processes (load average at the end {load:.1f})")
    for (name, tree), values in sorted(samples.items(), key=lambda kv: (VARIANTS.index(kv[0][0]), trees.index(kv[0][1]))):
        times = [t * 1000 for t, _ in values]
        rss = [r for _, r in values]
        print(f"  {name:<18} {tree.name:<12} median {statistics.median(times):7.0f} ms   min {min(times):7.0f} ms   "
              f"peak RSS median {statistics.median(rss):5.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
