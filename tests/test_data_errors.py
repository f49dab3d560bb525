"""Every bad data file in tests/data_errors/ gives exactly the diagnostics in its .expected file.

Each `NN-name.yaml` is a small variant of the shipped data file (or a tiny file
of its own) with one kind of mistake; `NN-name.expected` holds the exact lines
`path:line:col: error: message` and `  hint: ...` that the loader must print.
The point is that diagnostics land on the line and column of the mistake.

To add a case, write the .yaml file, then its .expected file; `make-report
check tests/data_errors/NN-name.yaml` (from the repo root) prints the current
diagnostics, but check every line and column against the file by hand before
accepting them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.diagnostics import Collector, sorted_diagnostics
from generator.model.load_report import load_report

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data_errors"
CASES = sorted(CORPUS.glob("*.yaml"))
# 36-python-tag.yaml asks os.system to create this file; it must never appear.
TAG_MARKER = ROOT / "data-errors-tag-ran"


@pytest.fixture(autouse=True)
def at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Diagnostics print paths relative to the working directory: run from the repo root."""
    monkeypatch.chdir(ROOT)


def diagnostics_text(path: Path) -> tuple[object, str]:
    """Load `path` (relative to the repo root) and render its diagnostics as the CLI prints them."""
    problems = Collector()
    report = load_report(path, problems)
    lines = [d.format() for d in sorted_diagnostics(problems.items)]
    return report, "".join(line + "\n" for line in lines)


def test_corpus_is_complete() -> None:
    """At least 30 cases, each .yaml paired with an .expected file and no stray .expected files."""
    assert len(CASES) >= 30
    stems = {p.stem for p in CASES}
    expected = {p.stem for p in CORPUS.glob("*.expected")}
    assert stems == expected


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_bad_data_file_gives_exact_diagnostics(case: Path) -> None:
    """load_report returns None and exactly the expected diagnostics, without raising."""
    TAG_MARKER.unlink(missing_ok=True)
    report, text = diagnostics_text(case.relative_to(ROOT))
    assert report is None
    assert text == case.with_suffix(".expected").read_text(encoding="utf-8")
    assert not TAG_MARKER.exists(), "a YAML tag ran code"


def test_every_expected_line_is_a_diagnostic_or_hint() -> None:
    """The .expected files hold only `path:line:col: error: ...` lines and indented hints."""
    for expected in CORPUS.glob("*.expected"):
        for line in expected.read_text(encoding="utf-8").splitlines():
            assert line.startswith("  hint: ") or ": error: " in line, (expected.name, line)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    """A 3 MB file (made here rather than committed) is refused before it is parsed."""
    big = tmp_path / "big.yaml"
    big.write_text("notes:\n" + "  - 131 children safeguarded\n" * 110_000, encoding="utf-8")
    assert big.stat().st_size > 3_000_000
    report, text = diagnostics_text(big)
    assert report is None
    assert text == (f"{big}:1:1: error: the file is larger than 2 MiB\n"
                    "  hint: data and layout files are small text files; is this the right file?\n")


def test_missing_and_folder_paths_are_diagnostics(tmp_path: Path) -> None:
    """A data file that does not exist, or is a folder, is reported, not raised."""
    report, text = diagnostics_text(tmp_path / "nowhere.yaml")
    assert report is None
    assert text == f"{tmp_path / 'nowhere.yaml'}:1:1: error: cannot read the file: it does not exist\n"
    report, text = diagnostics_text(tmp_path)
    assert report is None
    assert text == (f"{tmp_path}:1:1: error: cannot read the file: it is a folder, not a file\n"
                    "  hint: name a file inside it\n")


def _with_previous(tmp_path: Path, previous: str) -> Path:
    """A copy of the shipped data file that names `previous` as last year's file."""
    text = (ROOT / "data" / "ceop-2007-08.yaml").read_text(encoding="utf-8")
    path = tmp_path / "this-year.yaml"
    path.write_text(text.replace("\nfigures:\n", f"\nprevious: {previous}\nfigures:\n", 1), encoding="utf-8")
    return path


DEFAULT_HINT = "name last year's data file, relative to this one"


@pytest.mark.parametrize(("previous", "problem", "hint"), [
    ("x" * 300 + "/../last-year.yaml", f"'{'x' * 57}...' does not exist", DEFAULT_HINT),
    ("x" * 5000, f"'{'x' * 57}...' cannot be opened (File name too long)", DEFAULT_HINT),
    ("fifo.yaml", "'fifo.yaml' is a named pipe (FIFO), not a regular file", "name an ordinary file"),
    ("this-year.yaml", "'this-year.yaml' is this file itself", DEFAULT_HINT),
    ("./this-year.yaml", "'./this-year.yaml' is this file itself", DEFAULT_HINT),
])
def test_unusable_previous_file_is_a_diagnostic(tmp_path: Path, previous: str, problem: str, hint: str) -> None:
    """`previous:` naming something that cannot be read gives one error at its line, never an exception."""
    os.mkfifo(tmp_path / "fifo.yaml")  # opening a FIFO would block: it must not be opened
    path = _with_previous(tmp_path, previous)
    line = path.read_text(encoding="utf-8").splitlines().index(f"previous: {previous}") + 1
    report, text = diagnostics_text(path)
    assert report is None
    assert text == f"{path}:{line}:11: error: previous year's file {problem}\n  hint: {hint}\n"
