"""Time the layout stage against the number of headline figures (6, 12, 24, 48), in fresh processes.

Usage: python bench/growth.py [--runs N] [--compare OTHER_CHECKOUT ...]
The reports are the small fictional charity of tests/fixtures/orgs with its headline figures
repeated under new keys (labels numbered), so only the count changes. Each round lays out every
size once, one after the other; the table gives medians over rounds and the ratio to 12 figures.
A benchmark, not a test: it writes only a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "orgs" / "charity-3figs.yaml"
SIZES = (6, 12, 24, 48)

PROBE = r"""
import json, sys, time
from pathlib import Path
from generator.diagnostics import Collector
from generator.model.load_report import load_report
from generator.layoutfile.load import load_layout
from generator.layout.engine import lay_out
p = Collector()
report = load_report(Path(sys.argv[1]), p)
layouts = [load_layout(Path("layouts/report-a4.yaml"), "pdf", p), load_layout(Path("layouts/deck-16x9.yaml"), "deck", p)]
s = time.perf_counter()
for layout in layouts:
    lay_out(report, layout, p)
print(json.dumps(time.perf_counter() - s))
"""


def _data(n: int, folder: Path) -> Path:
    """A data file with `n` headline figures made from the charity's three."""
    data = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    base = list(data["figures"].items())
    figures = {}
    for i in range(n):
        key, fig = base[i % len(base)]
        figures[f"{key}_{i}"] = {**fig, "value": fig["value"] + i, "label": f"{fig['label']} ({i + 1})"}
    data["figures"] = figures
    path = folder / f"charity-{n}figs.yaml"
    path.write_text("# FICTIONAL TEST DATA: benchmark input, every figure invented.\n" + yaml.safe_dump(data),
                    encoding="utf-8")
    return path


def main() -> int:
    """Lay out each size in fresh processes and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--compare", type=Path, nargs="*", default=[], help="other checkouts to run alongside")
    args = parser.parse_args()
    trees = [ROOT, *(t.resolve() for t in args.compare)]
    samples: dict[tuple[Path, int], list[float]] = {(t, n): [] for t in trees for n in SIZES}
    with tempfile.TemporaryDirectory() as tmp:
        files = {n: _data(n, Path(tmp)) for n in SIZES}
        for _ in range(args.runs):
            for n, path in files.items():
                for tree in trees:
                    done = subprocess.run([sys.executable, "-c", PROBE, str(path)], cwd=tree, check=True,
                                          capture_output=True, text=True)
                    samples[tree, n].append(json.loads(done.stdout.strip().splitlines()[-1]) * 1000)
    print(f"layout (PDF and deck) by headline figures, {args.runs} rounds of fresh processes")
    for tree in trees:
        twelve = statistics.median(samples[tree, 12])
        for n in SIZES:
            values = samples[tree, n]
            median = statistics.median(values)
            print(f"  {tree.name:<12} {n:>3} figures   median {median:7.1f} ms   min {min(values):7.1f} ms   "
                  f"{median / twelve:4.2f} x 12")
    return 0


if __name__ == "__main__":
    sys.exit(main())
