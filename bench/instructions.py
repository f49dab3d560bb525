"""Count the instructions of whole `make-report build` processes with valgrind's callgrind: load-independent numbers.

Usage: python bench/instructions.py [--compare OTHER_CHECKOUT ...] [--variants cold,warm,edit]

Wall times on a shared machine move with the neighbours; instruction counts do not (to within
a fraction of a percent). For each checkout, and for this one in one process and with helpers,
each variant (empty chart cache, nothing changed, one charted figure edited) runs once under
callgrind, every process of it counted (--trace-children, so the helpers too). With helpers the
table shows the main process and each helper apart: the work on the critical path is the main
process's up to the hand-over plus the deck helper's, which callgrind cannot split, so read
them with bench/cli.py's wall times. Slow: each build takes a minute or two under callgrind.
A benchmark, not a test: it writes only a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "ceop-2007-08.yaml"
EDITED = re.compile(r"(operational_deployments:\n    value: )(\d+)")


def _counted(tree: Path, env: dict[str, str], data: Path, out: Path, cache: Path, folder: Path) -> list[int]:
    """One build under callgrind; the instructions of each of its processes, the first process first."""
    for old in folder.glob("cg.*"):
        old.unlink()
    subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes", f"--callgrind-out-file={folder}/cg.%p",
                    sys.executable, "-m", "generator", "build", "-q", str(data), "--out", str(out), "--cache", str(cache)],
                   cwd=tree, env={**os.environ, **env}, check=True, capture_output=True)
    counts = []
    for path in sorted(folder.glob("cg.*"), key=lambda p: int(p.name.split(".")[1])):
        found = re.search(r"^totals: (\d+)", path.read_text(errors="replace"), re.M)
        counts.append(int(found.group(1)) if found else 0)
    return counts


def main() -> int:
    """Count each variant for each runner and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=Path, nargs="*", default=[], help="other checkouts to count too")
    parser.add_argument("--variants", default="cold,warm,edit", help="which variants (default: all three)")
    args = parser.parse_args()
    runners = [("this serial", ROOT, {"MAKE_REPORT_HELPERS": "never"}),
               ("this helpers", ROOT, {"MAKE_REPORT_HELPERS": "always"}),
               *((tree.resolve().name, tree.resolve(), {}) for tree in args.compare)]
    variants = args.variants.split(",")
    print("instructions (millions) of `make-report build` of the shipped example, valgrind callgrind; "
          "per process: main + helpers")
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, tree, env) in enumerate(runners):
            subprocess.run([sys.executable, "-m", "compileall", "-q", "generator"], cwd=tree, check=True)
            work = Path(tmp) / str(n)
            work.mkdir()
            data, out, cache = work / DATA.name, work / "out", work / "cache"
            shutil.copyfile(DATA, data)
            subprocess.run([sys.executable, "-m", "generator", "build", "-q", str(data), "--out", str(out),
                            "--cache", str(cache)], cwd=tree, env={**os.environ, **env}, check=True)
            for variant in variants:
                if variant == "edit":
                    text = data.read_text(encoding="utf-8")
                    data.write_text(EDITED.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + 50}", text, count=1),
                                    encoding="utf-8")
                target = work / f"cold-{variant}" if variant == "cold" else cache
                counts = _counted(tree, env, data, out, target, work)
                parts = " + ".join(f"{c / 1e6:,.0f}" for c in counts)
                print(f"  {variant:<5} {name:<14} total {sum(counts) / 1e6:9,.0f}   ({parts})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
