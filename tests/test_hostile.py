"""Hostile input: generated mutations of the shipped files and targeted cases, every one judged strictly.

Each case is one make-report run in a copy of the shipped project, under an audit
hook that records every file opened (tests/hostile/batch.py runs the cases in one
process, so a few hundred take about a minute). A case fails on any of:
a traceback or "internal error", a hang (SIGALRM after 20 s; the batch has a
timeout too), an exit status other than 0 or 1, exit 0 for an input that must be
refused, an error line without `path:line:col`, no error at the mutated line for
an input that must be refused, a read outside the project (or of the planted
secret), the secret's text in the output, and, for builds, any change to the
previous outputs by a run that failed (tests/hostile/project.py, `findings`).

The mutations (tests/hostile/mutate.py) are deterministic: every scalar of every
shipped file, replaced by values chosen for its kind, and every key misspelt or
repeated; a fixed seeded sample of them runs here. `python -m hostile.mutate`
style exploration of all of them is for a developer's machine, not CI.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Callable

import pytest
import yaml
from hostile.mutate import Case, all_cases, sample
from hostile.project import Project, findings, make_project, run_batch

from conftest import REPO

PER_FAMILY = {"number": 60, "path": 30, "word": 40, "key": 35, "duplicate": 30, "bool": 6}
BUILD_CASES = {"number": 8, "path": 4, "word": 3, "key": 3, "duplicate": 2}
DATA = "data/ceop-2007-08.yaml"
PDF = "layouts/report-a4.yaml"
THEME = "layouts/themes/default/theme.yaml"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The shipped project copied, with a named pipe and a link to a secret outside planted in it."""
    project = make_project(tmp_path_factory.mktemp("hostile"))
    os.mkfifo(project.root / "layouts" / "pipe.yaml")
    (project.root / "layouts" / "link-out.yaml").symlink_to(project.outside / "secret.yaml")
    return project


@pytest.fixture(scope="module")
def cases(project: Project) -> list[Case]:
    return all_cases(project.outside)


def judge(project: Project, cases: list[Case], results: list[dict]) -> list[str]:
    """Every finding of every case, each line naming its case."""
    report = []
    for case, result in zip(cases, results, strict=True):
        report += [f"{case.id}: {problem}" for problem in findings(result, project, case.must_fail, case.file, case.line)]
    return report


def as_batch(cases: list[Case], argv: list[str], watch: Path | None = None) -> list[dict]:
    return [{"id": c.id, "files": {c.file: c.text, **c.extra}, "argv": argv, "watch": str(watch) if watch else None}
            for c in cases]


def test_the_mutations_cover_every_shipped_file_and_kind(cases: list[Case]) -> None:
    """The generator is not vacuous: thousands of cases, over every file and family, over a third of them must-fail."""
    assert len(cases) > 5000
    assert {c.file for c in cases} == {DATA, PDF, "layouts/deck-16x9.yaml", THEME, "layouts/themes/ceop/theme.yaml"}
    assert set(PER_FAMILY) == {c.family for c in cases}
    assert sum(c.must_fail for c in cases) > len(cases) / 3


def test_mutated_files_are_checked_without_a_single_finding(project: Project, cases: list[Case]) -> None:
    chosen = sample(cases, PER_FAMILY)
    results = run_batch(project, as_batch(chosen, ["check"]), timeout=600)
    assert judge(project, chosen, results) == []
    refused = [r for c, r in zip(chosen, results) if c.must_fail]
    assert refused and all(r["rc"] == 1 for r in refused)


def test_failed_builds_never_change_the_previous_outputs(project: Project, cases: list[Case]) -> None:
    """Builds of must-fail mutations into a folder holding a good build: exit 1 and the outputs untouched."""
    out = project.out
    shutil.rmtree(out, ignore_errors=True)
    good = run_batch(project, [{"id": "good", "files": {}, "argv": ["build", "--out", str(out)]}], timeout=600)
    assert good[0]["rc"] == 0, good[0]["stderr"]
    chosen = sample([c for c in cases if c.must_fail], BUILD_CASES, seed=7)
    results = run_batch(project, as_batch(chosen, ["build", "--out", str(out)], watch=out), timeout=600)
    assert judge(project, chosen, results) == []
    for case, result in zip(chosen, results):
        assert result["rc"] == 1, case.id
        assert result["watched_before"] and result["watched_after"] == result["watched_before"], case.id


# ---- targeted cases -----------------------------------------------------------------------------

def shipped(path: str) -> str:
    return (REPO / path).read_text(encoding="utf-8")


def edit(path: str, old: str, new: str) -> tuple[str, int]:
    """A shipped file with one edit, and the line the edit starts on."""
    text = shipped(path)
    assert text.count(old) == 1, old
    return text.replace(old, new), text[:text.index(old)].count("\n") + 1


def _case(name: str, path: str, old: str, new: str, words: str, line_offset: int = 0) -> tuple[Case, str]:
    text, line = edit(path, old, new)
    return Case(name, path, text, line + line_offset, True, "targeted"), words


def _case_re(name: str, path: str, pattern: str, new: Callable[[re.Match[str]], str], words: str,
             line_of: Callable[[str, re.Match[str]], int] | None = None) -> tuple[Case, str]:
    """A case made by replacing the first match of `pattern` (the shipped layouts change; their shapes stay)."""
    text = shipped(path)
    match = re.search(pattern, text, re.M)
    assert match, pattern
    line = line_of(text, match) if line_of else text[:match.start()].count("\n") + 1
    return Case(name, path, text[:match.start()] + new(match) + text[match.end():], line, True, "targeted"), words


def _first_area_row(text: str, match: re.Match[str]) -> int:
    """The line of the first row of areas after a grid's `rows:` (where an area's size is reported)."""
    return text[:text.index('      - "', match.end())].count("\n") + 1


def _many_figures() -> str:
    figures = "".join(f"  extra_{i}:\n    value: {i}\n    label: figure {i}\n" for i in range(10_000))
    return shipped(DATA).replace("figures:\n", "figures:\n" + figures, 1)


def _many_categories() -> str:
    text = shipped(DATA)
    categories = "".join(f"      - c{i}\n" for i in range(10_000))
    return text.replace("    categories:\n      - Arrests\n", "    categories:\n      - Arrests\n" + categories, 1)


def _aliased_text() -> str:
    """A long text repeated through aliases: small on disk, far more text than any report once expanded."""
    long = "Second-year results show the battle against child sex offenders gathers pace. " * 200
    notes = f"notes:\n  - &long {long}\n" + "  - *long\n" * 400
    return shipped(DATA).replace("\nsources:\n", f"\n{notes}sources:\n", 1)


TARGETED = [
    _case("octal", DATA, "    value: 297\n", "    value: 0451\n", "'0451' starts with 0, so YAML would read it as the octal number 297"),
    _case("leading zero", DATA, "    value: 297\n", "    value: 0297\n", "a number may not start with 0"),
    _case("hex", DATA, "    value: 297\n", "    value: 0x129\n", "'0x129' is a hexadecimal number (297 in decimal)"),
    _case("sexagesimal", DATA, "    value: 297\n", "    value: 4:57\n", "'4:57' would be read as the base-60 number 297"),
    _case("underscores", DATA, "    value: 297\n", "    value: 2_97\n", "'2_97' has underscores between its digits"),
    _case("10**400", DATA, "    value: 297\n", "    value: 1" + "0" * 400 + "\n", "a number with 401 digits"),
    _case("huge float", DATA, "    value: 297\n", "    value: 1.0e+300\n", "must be at most 1,000,000,000,000,000"),
    _case("negative margin", PDF, "margins: {top: 70,", "margins: {top: -70,", "margins.top: must be at least 0"),
    _case("zero size", PDF, "size: A4", "size: [0, 0]", "size[0]: must be at least 72"),
    _case_re("zero-height area", PDF, r"^    rows: \[([^\]]*)\]",
             lambda m: "    rows: [" + ", ".join("0pt" for _ in m[1].split(",")) + "]", " × 0 pt: it has no room",
             _first_area_row),
    _case_re("short grid row", PDF, r'^      - "tiles +tiles +tiles"$', lambda m: '      - "tiles"',
             "of the areas has 1 cells, the first row has 3"),
    _case_re("negative block size", PDF, r"size: \[(\d+), (\d+)\]", lambda m: f"size: [-{m[1]}, {m[2]}]",
             "must be greater than 0"),
    _case("zero chart text", THEME, "  chart_font: 8.5", "  chart_font: 0", "spacing.chart_font: the chart text size"),
    _case("theme without styles", THEME, "\nstyles:\n", "\nstyles: {}\nold_styles:\n", "styles: needs at least 1 entry",
          line_offset=1),
    _case("control character", DATA, "  title: Annual Review 2007/08\n", '  title: "Annual\\aReview"\n',
          "the text contains the control character U+0007"),
    _case("extends outside", PDF, "output: pdf\n", "output: pdf\nextends: /etc/passwd\n",
          "'/etc/passwd' is outside the project", line_offset=1),
]


def _three_mistakes() -> Case:
    """A layout with a duplicated key, a misspelt key and a word where a number belongs."""
    text = shipped(PDF)
    text = text.replace("output: pdf\n", "output: pdf\noutput: pdf\n", 1)
    text = text.replace("    columns: 6\n", "    colums: 6\n", 1)
    text = text.replace("    gap: 14\n", "    gap: wide\n", 1)
    return Case("three mistakes", PDF, text, shipped(PDF).split("\n").index("output: pdf") + 2, True, "targeted")


BOUNDED = [Case("many figures", DATA, _many_figures(), shipped(DATA).split("\n").index("figures:") + 1, True, "bounded"),
           Case("many categories", DATA, _many_categories(), 0, True, "bounded"),
           Case("aliased text", DATA, _aliased_text(), 0, True, "bounded")]


@pytest.fixture(scope="module")
def targeted(project: Project) -> dict[str, dict]:
    """Every targeted case run once, in one batch; results by case id."""
    cases = [c for c, _ in TARGETED] + BOUNDED + [_three_mistakes()]
    results = run_batch(project, as_batch(cases, ["check"]), timeout=300)
    assert judge(project, cases, results) == []
    return {c.id: r for c, r in zip(cases, results)}


@pytest.mark.parametrize(("case", "words"), TARGETED, ids=[c.id for c, _ in TARGETED])
def test_targeted_case(targeted: dict[str, dict], case: Case, words: str) -> None:
    """Refused (judged by `findings` in the fixture) with this message at the edited line."""
    assert words in targeted[case.id]["stderr"], targeted[case.id]["stderr"]


def test_work_is_bounded_and_refused_with_the_limit(targeted: dict[str, dict]) -> None:
    """10,000 figures, 10,000 categories, alias-amplified text: refused, naming the limit."""
    shipped_figures = len(yaml.safe_load(shipped(DATA))["figures"])
    assert f"figures: takes at most 200 entries, found {10_000 + shipped_figures:,}" in targeted["many figures"]["stderr"]
    assert "categories: takes at most 100 items, found 10,005" in targeted["many categories"]["stderr"]
    assert "more than 300,000 characters of text" in targeted["aliased text"]["stderr"]


def test_three_unrelated_mistakes_in_a_layout_are_reported_together(targeted: dict[str, dict]) -> None:
    stderr = targeted["three mistakes"]["stderr"]
    errors = [line.split(": error: ")[1] for line in stderr.splitlines() if ": error: " in line]
    assert errors == ["duplicate key 'output'", "unknown key 'colums' in grids.cover",
                      "grids.cover.gap: expected a number, found text 'wide'"], stderr
