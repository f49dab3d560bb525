"""Time a batch of distinct reports on a process pool: `make-report build DATA... --workers N`, cold and warm.

The batch is the CEOP example and the fictional organisations of tests/fixtures/orgs,
copied with every whole-number `value:` scaled (by 1.0, 1.1, 1.2, ...), so every report
and every chart differs. "cold" builds into an empty folder (no chart cache); "warm"
builds the same batch again into it. Medians of several rounds, reports a second.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "data" / "ceop-2007-08.yaml", *sorted((ROOT / "tests" / "fixtures" / "orgs").glob("*.yaml"))]


def make_batch(folder: Path, count: int) -> list[Path]:
    """`count` distinct data files in `folder`, each a source with its values scaled."""
    files = []
    for n in range(count):
        source = SOURCES[n % len(SOURCES)]
        factor = 10 + n // len(SOURCES)
        text = re.sub(r"(value: )(\d+)\b(?!\.)", lambda m: f"{m.group(1)}{int(m.group(2)) * factor // 10}",
                      source.read_text(encoding="utf-8"))
        path = folder / f"{source.stem}-{n}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def build(files: list[Path], out: Path, workers: int) -> float:
    """Seconds one batch build takes."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "build", *map(str, files), "--out", str(out),
                           "--workers", str(workers), "-q"], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        files = make_batch(data, args.reports)
        cold, warm = [], []
        for _ in range(args.runs):
            out = Path(tmp) / "out"
            shutil.rmtree(out, ignore_errors=True)
            cold.append(build(files, out, args.workers))
            warm.append(build(files, out, args.workers))
    print(f"{args.reports} distinct reports, --workers {args.workers}, {args.runs} rounds")
    for name, times in (("empty cache", cold), ("warm cache", warm)):
        median = statistics.median(times)
        print(f"  {name:12} median {median:6.2f} s   {args.reports / median:5.1f} reports/s   (min {min(times):.2f} s)")


if __name__ == "__main__":
    main()
