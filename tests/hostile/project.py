"""A throwaway copy of the shipped project, a secret outside it, and make-report run under an open() audit."""

from __future__ import annotations

import os
import re
import shutil
import site
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AUDITED = Path(__file__).with_name("audited.py")
SECRET_MARK = "SECRET-0f3c-not-for-reports"
LOCATED = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (error|warning): ", re.M)
# Libraries read their own files wherever they are installed, and a few of the user's settings and
# the system's fonts and time zones: none of it is named by an input.
_LIBRARY_READS = tuple(os.path.realpath(p) for p in (
    sys.prefix, sys.base_prefix, sys.exec_prefix, *site.getsitepackages(), REPO / "generator", *REPO.glob("*.egg-info"),
    "/usr/share/fonts", "/usr/share/zoneinfo", os.path.expanduser("~/.reportlab_settings"),
    os.path.expanduser("~/.reportlab_mods"),
))


@dataclass
class Project:
    """A copy of the shipped data file and layouts in `root`, and a folder `outside` beside it."""

    root: Path
    outside: Path
    mpl: Path

    @property
    def data(self) -> Path:
        return self.root / "data" / "ceop-2007-08.yaml"

    @property
    def pdf_layout(self) -> Path:
        return self.root / "layouts" / "report-a4.yaml"

    @property
    def deck_layout(self) -> Path:
        return self.root / "layouts" / "deck-16x9.yaml"

    @property
    def theme(self) -> Path:
        return self.root / "layouts" / "themes" / "default" / "theme.yaml"  # the theme with the fonts

    @property
    def out(self) -> Path:
        return self.root / "output"

    def edit(self, path: Path, old: str, new: str) -> int:
        """Replace the one occurrence of `old` in a project file; return the 1-based line it starts on."""
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return text[:text.index(old)].count("\n") + 1


def make_project(tmp: Path) -> Project:
    """The shipped data file and layouts (themes, fonts) copied into tmp/project; a secret in tmp/outside."""
    root = tmp / "project"
    (root / "data").mkdir(parents=True)
    shutil.copy(REPO / "data" / "ceop-2007-08.yaml", root / "data")
    shutil.copytree(REPO / "layouts", root / "layouts")
    outside = tmp / "outside"
    outside.mkdir()
    for name in ("secret.yaml", "secret.ttf", "secret.png"):
        (outside / name).write_text(f"{SECRET_MARK}: root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    shutil.copy(REPO / "tests" / "fixtures" / "small-2006-07.yaml", outside / "last-year.yaml")
    mpl = tmp / "mpl"
    mpl.mkdir()
    return Project(root, outside, mpl)


@dataclass
class Run:
    """What one audited run did: exit status, output, and every file it opened."""

    returncode: int
    stdout: str
    stderr: str
    reads: list[str]
    writes: list[str]

    def located(self) -> list[tuple[str, int, int]]:
        """(path, line, column) of every diagnostic printed."""
        return [(m["path"], int(m["line"]), int(m["col"])) for m in LOCATED.finditer(self.stderr)]


def run_audited(project: Project, *args: object, timeout: float = 60, env: dict[str, str] | None = None) -> Run:
    """Run `make-report ARGS` in `project.root` under the audit hook (a hang fails the test by timeout)."""
    log = project.root.parent / "opened.log"
    log.unlink(missing_ok=True)
    child_env = dict(os.environ, NO_COLOR="1", MPLCONFIGDIR=str(project.mpl),
                     PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    child_env.update(env or {})
    done = subprocess.run([sys.executable, str(AUDITED), str(log), *map(str, args)], cwd=project.root,
                          env=child_env, capture_output=True, text=True, timeout=timeout)
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    return Run(done.returncode, done.stdout, done.stderr,
               [line[2:] for line in lines if line.startswith("r ")], [line[2:] for line in lines if line.startswith("w ")])


def reads_outside(run: Run, project: Project, *allowed: Path) -> list[str]:
    """Files the run read that are neither in the project, nor allowed, nor the libraries' own."""
    project_folders = (project.root / "data", project.root / "layouts", project.out, REPO / "layouts")
    inside = tuple(os.path.realpath(p) for p in (*project_folders, project.mpl, *allowed)) + _LIBRARY_READS
    return sorted({p for p in run.reads if not any(p == top or p.startswith(top + os.sep) for top in inside)})


def writes_outside(run: Run, project: Project) -> list[str]:
    """Files the run wrote outside its output folder and the matplotlib cache."""
    inside = tuple(os.path.realpath(p) for p in (project.out, project.mpl))
    return sorted({p for p in run.writes if not any(p == top or p.startswith(top + os.sep) for top in inside)})


def run_batch(project: Project, cases: list[dict], timeout: float) -> list[dict]:
    """Run cases (dicts of id, files, argv) in one audited process in the project; their results."""
    import json

    work = project.root.parent
    (work / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    results = work / "results.json"
    results.unlink(missing_ok=True)
    env = dict(os.environ, NO_COLOR="1", MPLCONFIGDIR=str(project.mpl),
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), str(AUDITED.parent), os.environ.get("PYTHONPATH")])))
    try:
        done = subprocess.run([sys.executable, str(AUDITED.with_name("batch.py")), str(work / "cases.json"), str(results)],
                              cwd=project.root, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        started = (exc.stderr or b"").decode() if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        raise AssertionError(f"the batch hung; the last case started was {started.splitlines()[-1:]}") from None
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(results.read_text(encoding="utf-8"))


def findings(result: dict, project: Project, must_fail: bool, file: str, line: int) -> list[str]:
    """What is wrong with one hostile run: the oracle of the hostile suite."""
    problems = []
    text = result["stderr"] + result["stdout"]
    if result["hang"]:
        problems.append("hang")
    if result["crash"]:
        problems.append(f"exception escaped main(): {result['crash']}")
    if "Traceback" in text or "internal error" in text:
        problems.append("internal error: " + text[text.find("internal error"):][:300])
    if result["rc"] not in (0, 1):
        problems.append(f"exit status {result['rc']}")
    if must_fail and result["rc"] == 0:
        problems.append("exit 0 on a bad input")
    for line_text in result["stderr"].splitlines():
        if line_text.startswith("  hint: ") or re.fullmatch(r"\d+ error\(s\).*", line_text) or not line_text.strip():
            continue
        if not LOCATED.match(line_text):
            problems.append(f"unlocated: {line_text[:200]}")
    if result["rc"] == 1 and not any(": error: " in x for x in result["stderr"].splitlines()):
        problems.append("failed without an error")
    if must_fail and result["rc"] == 1 and line:
        at = [(p, ln) for p, ln, _ in Run(1, "", result["stderr"], [], []).located()]
        if not any(p.endswith(file) and ln == line for p, ln in at):
            problems.append(f"no error at {file}:{line}: {result['stderr'][:400]}")
    if SECRET_MARK in text or "root:x:0:0" in text:
        problems.append("echoed a file outside the project")
    run = Run(result["rc"], result["stdout"], result["stderr"], result["reads"], result["writes"])
    outside = reads_outside(run, project)
    if outside:
        problems.append(f"read outside the project: {outside[:3]}")
    return problems
