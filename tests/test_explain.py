"""`make-report explain`: every figure string printed, with its data file line and, when derived, its computation."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.conftest import REPO, SHIPPED_DATA, run_cli

FIXTURES = REPO / "tests" / "fixtures"
NZ = ("explain", FIXTURES / "numbers-nz.yaml", "--pdf-layout", FIXTURES / "numbers-pdf.yaml",
      "--deck-layout", FIXTURES / "numbers-deck.yaml")


def line_of(path: Path, text: str) -> int:
    """The 1-based line of `path` that holds `text` (exactly one must)."""
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    assert len(lines) == 1, (text, lines)
    return lines[0]


def sections(output: str) -> dict[tuple[str, int], list[str]]:
    """explain's listing by (output file, page or slide number): the printed strings."""
    found: dict[tuple[str, int], list[str]] = {}
    name, number = "", 0
    for line in output.splitlines():
        if re.fullmatch(r"\S+\.(pdf|pptx)", line):
            name = line
        elif m := re.fullmatch(r"  (?:page|slide) (\d+) \(.*\)", line):
            number = int(m[1])
            found[(name, number)] = []
        elif m := re.fullmatch(r"    '(.*)'  ← .*", line):
            found[(name, number)].append(m[1])
    return found


def test_explain_names_the_line_and_the_computation() -> None:
    """A derived change points at the `previous:` it comes from and says how it was computed."""
    done = run_cli(*NZ)
    assert done.returncode == 0, done.stderr
    data = FIXTURES / "numbers-nz.yaml"
    previous = line_of(data, "previous: {value: 74, period: 2016/17}")
    assert (f"    'Up 25 percentage points, from 74% in 2016/17'  ← figures.on_time.previous, line {previous}\n"
            "        computed: 99% − 74% = 25 percentage points\n") in done.stdout
    assert f"'99%'  ← figures.on_time.value, line {line_of(data, 'value: 99')}" in done.stdout
    assert f"'The national average (2016/17): 94.5%'  ← series.on_time_by_year.benchmark, line " in done.stdout


def test_explain_lists_only_what_the_pdf_prints(tmp_path: Path) -> None:
    """Every string explain lists for a PDF page is on that page as pdftotext reads it, and the headline
    figures are all listed."""
    out = tmp_path / "out"
    assert run_cli("build", SHIPPED_DATA, "--out", out).returncode == 0
    done = run_cli("explain", SHIPPED_DATA)
    assert done.returncode == 0, done.stderr
    listing = sections(done.stdout)
    pdf = out / "ceop-2007-08.pdf"
    for (name, number), strings in listing.items():
        if not name.endswith(".pdf"):
            continue
        page = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        words = " ".join(page.split()).casefold()
        for text in strings:
            assert " ".join(text.split()).casefold() in words, (number, text)
    glance = listing[("ceop-2007-08.pdf", 2)]
    for value in ("131", "297", "6", "over 1.7 million", "almost 1 million", "5,812", "c. 99*"):
        assert value in glance


def test_every_number_the_shipped_outputs_print_is_traced() -> None:
    """No printed number is unaccounted for: each is a model string or written in the data file."""
    done = run_cli("explain", SHIPPED_DATA)
    assert done.returncode == 0 and "NOT IN THE DATA FILE" not in done.stdout


def test_explain_reports_data_errors_like_check(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((FIXTURES / "numbers-nz.yaml").read_text(encoding="utf-8").replace("locale: en-NZ", "locale: en-ZZ"),
                   encoding="utf-8")
    done = run_cli("explain", bad, "--pdf-layout", FIXTURES / "numbers-pdf.yaml", "--deck-layout",
                   FIXTURES / "numbers-deck.yaml")
    assert done.returncode == 1 and "error: unknown locale 'en-ZZ'" in done.stderr and done.stdout == ""
