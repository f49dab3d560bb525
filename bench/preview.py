"""Time `make-report preview` of the shipped example from a fresh process; images written per second.

Usage: python bench/preview.py [--runs N]
A benchmark, not a test: it writes only a temporary folder (the chart cache is warm after run 1).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Run the preview several times and print the median time and images per second."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "preview"
        command = [sys.executable, "-m", "generator", "preview", "--out", str(out), "-q"]
        subprocess.run(command, cwd=ROOT, check=True)  # warm the chart cache
        images = len(list(out.glob("*.png")))
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, check=True)
            times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"preview of the shipped example, {args.runs} fresh processes: {images} images (pages, slides, contact sheet)")
    print(f"  whole process median {median * 1000:7.0f} ms   min {min(times) * 1000:7.0f} ms   "
          f"{images / median:5.1f} images/s (median)   {images / min(times):5.1f} images/s (best)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
