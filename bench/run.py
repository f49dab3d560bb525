"""Time the default build from a fresh process, split by stage; median of several runs.

Usage: python bench/run.py [--runs N] [--no-cache]
A benchmark, not a test: it prints a table and writes nothing but a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs inside a fresh interpreter so import time is measured as a user meets it.
PROBE = r"""
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
import generator.pipeline, generator.model.load_report, generator.layout.engine, generator.layoutfile.load
import generator.render.pdf, generator.render.deck
t_import = time.perf_counter()
from generator.diagnostics import Collector
from generator.load import load_yaml
from generator.model.load_report import load_report
from generator.layoutfile.load import load_layout
from generator.layout.engine import lay_out
from generator.render.pdf import render_pdf
from generator.render.deck import render_deck
from generator.render.atomic import write_atomic
out = Path(sys.argv[1]); cache = None if sys.argv[2] == "none" else Path(sys.argv[2])
t = {}
s = time.perf_counter(); load_yaml("data/ceop-2007-08.yaml"); t["load"] = time.perf_counter() - s
p = Collector()
s = time.perf_counter(); report = load_report(Path("data/ceop-2007-08.yaml"), p); t["model (incl. load)"] = time.perf_counter() - s
s = time.perf_counter()
pdf_l = load_layout(Path("layouts/report-a4.yaml"), "pdf", p); deck_l = load_layout(Path("layouts/deck-16x9.yaml"), "deck", p)
docs = [lay_out(report, pdf_l, p), lay_out(report, deck_l, p)]
t["layout"] = time.perf_counter() - s
s = time.perf_counter(); pdf = render_pdf(docs[0], cache); t["render pdf"] = time.perf_counter() - s
s = time.perf_counter(); deck = render_deck(docs[1], cache); t["render deck"] = time.perf_counter() - s
s = time.perf_counter(); write_atomic(out / "r.pdf", pdf); write_atomic(out / "r.pptx", deck); t["write"] = time.perf_counter() - s
t = {"imports": t_import - t0, **t, "total": time.perf_counter() - t0}
print(json.dumps(t))
"""


def main() -> int:
    """Run the probe several times and print the median of each stage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-cache", action="store_true", help="draw every chart (no chart cache)")
    args = parser.parse_args()
    samples: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        cache = "none" if args.no_cache else str(Path(tmp) / "cache")
        for _ in range(args.runs):
            done = subprocess.run([sys.executable, "-c", PROBE, tmp, cache], cwd=ROOT, check=True,
                                  capture_output=True, text=True)
            samples.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"default build, {args.runs} fresh processes, chart cache {'off' if args.no_cache else 'on (warm after run 1)'}")
    for stage in samples[0]:
        values = [s[stage] * 1000 for s in samples]
        print(f"  {stage:<20} median {statistics.median(values):8.1f} ms   min {min(values):8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
