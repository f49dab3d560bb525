"""Time `make-report watch` rebuilds: from a save of the data file to both outputs renamed into place.

Usage: python bench/watch.py [--edits N] [--serial] [--serve]

Starts `make-report watch` on a copy of the shipped example, waits for its first build, then
saves N edits of each kind, alternately: one that changes no chart (a word of the narrative)
and one that redraws one chart (the figure that only the outcomes bar chart uses). Each save is
written as editors do (a hidden temporary file renamed over the data file); the time runs from
that rename until both the PDF and the deck have been replaced (a new inode for each, polled
every millisecond). The first edit of each kind is reported apart: it is the one that pays for
whatever was not yet warm (matplotlib, for the first chart). --serial runs the watch with
MAKE_REPORT_HELPERS=never (no helper processes), to compare. --serve runs `watch --serve` and also
times the save to a new page image being served by the preview page (polling /state.json every
2 ms for a page image not shown before, then fetching it), as the page would show it.
A benchmark, not a test: it writes only a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "ceop-2007-08.yaml"
CHART = re.compile(r"(operational_deployments:\n    value: )(\d+)")
WORDS = ("was set up in 2006", "was founded in 2006")  # narrative only: no chart changes
TIMEOUT = 60.0


def _inode(path: Path) -> int:
    """The file's inode, 0 while it does not exist."""
    try:
        return path.stat().st_ino
    except OSError:
        return 0


def _save(data: Path, text: str) -> float:
    """Save as an editor does: a hidden temporary file renamed over the data file; the time of the rename."""
    temp = data.with_name(f".{data.name}.swp")
    temp.write_text(text, encoding="utf-8")
    moment = time.perf_counter()
    os.replace(temp, data)
    return moment


def _rebuilt(outputs: list[Path], before: list[int], since: float) -> float:
    """Seconds from `since` until every output has a new inode (polled every millisecond)."""
    deadline = since + TIMEOUT
    while time.perf_counter() < deadline:
        if all(_inode(p) not in (0, b) for p, b in zip(outputs, before)):
            return time.perf_counter() - since
        time.sleep(0.001)
    raise SystemExit("the watch did not rebuild within a minute")


def _state(url: str) -> dict:
    """The preview page's current state."""
    with urllib.request.urlopen(url + "state.json", timeout=TIMEOUT) as response:
        return json.load(response)


def _previewed(url: str, before: list[str], since: float) -> float:
    """Seconds from `since` until the preview serves a page image not in `before` (polled every 2 ms)."""
    deadline = since + TIMEOUT
    while time.perf_counter() < deadline:
        new = [page for page in _state(url)["pages"] if page not in before]
        if new:
            with urllib.request.urlopen(url + new[0].lstrip("/"), timeout=TIMEOUT) as response:
                response.read()
            return time.perf_counter() - since
        time.sleep(0.002)
    raise SystemExit("the preview page did not change within a minute")


def _edit(text: str, kind: str, n: int) -> str:
    """The data file's text with this round's edit of `kind`."""
    if kind == "no chart":
        old, new = WORDS if n % 2 == 0 else WORDS[::-1]
        assert old in text
        return text.replace(old, new, 1)
    return CHART.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + (1 if n % 2 == 0 else -1)}", text, count=1)


def main() -> int:
    """Start a watch, time its rebuilds, and print medians per kind of edit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10, help="edits of each kind")
    parser.add_argument("--serial", action="store_true", help="no helper processes (MAKE_REPORT_HELPERS=never)")
    parser.add_argument("--serve", action="store_true", help="watch --serve, and time the preview page too")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", "generator"], cwd=ROOT, check=True)
    env = {**os.environ, **({"MAKE_REPORT_HELPERS": "never"} if args.serial else {})}
    times: dict[str, list[float]] = {"no chart": [], "one chart": []}
    shown: dict[str, list[float]] = {"no chart": [], "one chart": []}
    loads = []
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "data" / DATA.name, Path(tmp) / "out"
        data.parent.mkdir()
        shutil.copyfile(DATA, data)
        outputs = [out / f"{data.stem}.pdf", out / f"{data.stem}.pptx"]
        serve = ["--serve", "--port", "0"] if args.serve else []
        watcher = subprocess.Popen([sys.executable, "-m", "generator", "watch", str(data), "--out", str(out), *serve],
                                   cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        url = ""
        try:
            assert watcher.stdout is not None
            for line in watcher.stdout:  # the first build, then "watching ..."
                url = line.split(" at ", 1)[1].strip() if line.startswith("serving the preview at") else url
                if line.startswith("watching"):
                    break
            time.sleep(1.0)  # let the helpers finish their imports
            for n in range(args.edits):
                for kind in times:
                    before = [_inode(p) for p in outputs]
                    first = _state(url)["pages"] if url else []
                    text = _edit(data.read_text(encoding="utf-8"), kind, n)
                    saved = _save(data, text)
                    times[kind].append(_rebuilt(outputs, before, saved))
                    if url:
                        shown[kind].append(_previewed(url, first, saved))
                    loads.append(os.getloadavg()[0])
                    time.sleep(0.5)  # let the watch print and settle before the next save
        finally:
            watcher.terminate()
            watcher.wait()
    mode = "one process (MAKE_REPORT_HELPERS=never)" if args.serial else "with helper processes"
    print(f"watch rebuilds, save to both outputs renamed, {mode}, {args.edits} edits of each kind "
          f"(load average {min(loads):.1f} to {max(loads):.1f})")
    for label, table in (("outputs", times), ("preview", shown)):
        for kind, values in table.items():
            if not values:
                continue
            ms = [v * 1000 for v in values]
            rest = ms[1:] or ms
            print(f"  {label:<8} {kind:<10} first {ms[0]:6.0f} ms   then median {statistics.median(rest):6.0f} ms   "
                  f"min {min(rest):6.0f} ms   max {max(rest):6.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
