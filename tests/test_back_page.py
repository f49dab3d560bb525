"""The back page: contact details, the full report, publication date, copyright and alternative formats.

Each line is printed only when the data gives it, and what is left out leaves no gap;
a report with none of them (and no website) has no back page. Read back with pdftotext
from real builds, and checked on the laid-out page for gaps.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
import yaml

from conftest import dehyphenated
from generator.diagnostics import Collector
from generator.layout.engine import lay_out
from generator.layout.frame import TextItem
from generator.layoutfile.load import load_layout
from generator.model.load_report import load_report

ROOT = Path(__file__).resolve().parent.parent
ORGS = ROOT / "tests" / "fixtures" / "orgs"
KEYS = ("big-12figs", "commissioner-5figs", "nz-money", "charity-3figs")


@pytest.fixture(scope="module")
def built(cli, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("back-page")
    done = cli("build", "-q", *(ORGS / f"{name}.yaml" for name in KEYS), "--out", out)
    assert done.returncode == 0, done.stderr
    return out


def last_page(pdf: Path) -> str:
    """The last page's text as pdftotext reads it, white space squashed."""
    pages = dehyphenated(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                        check=True).stdout).split("\f")
    return " ".join(pages[-2].split())


def test_every_line_the_data_gives_is_on_the_back_page(built: Path) -> None:
    back = last_page(built / "big-12figs.pdf")
    report = yaml.safe_load((ORGS / "big-12figs.yaml").read_text(encoding="utf-8"))["report"]
    for line in report["contact"]["address"].splitlines():
        assert line in back
    assert report["contact"]["phone"] in back and report["contact"]["email"] in back
    assert "waterways-partnership.example.org/contact" in back
    assert "Published September 2022" in back
    assert report["copyright"] in back
    assert " ".join(report["alternative_formats"].split()) in back
    assert f"The full report: {report['full_review']['title']}" in back


def test_lines_the_data_does_not_give_are_left_out(built: Path) -> None:
    back = last_page(built / "nz-money.pdf")
    assert "info@coastalsafety.example.nz" in back and "coastalsafety.example.nz" in back
    assert "Published October 2024" in back
    assert "©" not in back and "format" not in back and "The full report" not in back
    commissioner = last_page(built / "commissioner-5figs.pdf")
    assert "Published July 2023" in commissioner and "©" in commissioner
    assert "The full report" not in commissioner  # the data names no full report


def test_no_back_page_without_anything_to_put_on_it(built: Path) -> None:
    pdf = pikepdf.open(built / "charity-3figs.pdf")
    assert len(pdf.pages) == 2  # the cover and the at-a-glance page
    assert "Published" not in last_page(built / "charity-3figs.pdf")


def test_the_example_invents_nothing_for_its_back_page(shipped_build: Path) -> None:
    """The press release gives no address, date or copyright: the back page has the website and the full review."""
    back = last_page(shipped_build / "ceop-2007-08.pdf")
    assert back.startswith("CEOP CEOP Centre Child Exploitation and Online Protection Centre www.ceop.gov.uk")
    assert "ceopannualreview2008.pdf" in back
    assert "Published" not in back and "©" not in back and "format" not in back


def test_what_is_left_out_leaves_no_gap() -> None:
    """The contact and notices columns hold their lines one after another, from the same top."""
    problems = Collector()
    report = load_report(ORGS / "nz-money.yaml", problems)
    doc = lay_out(report, load_layout(ROOT / "layouts" / "report-a4.yaml", "pdf", problems, None), problems)
    back = doc.pages[-1]
    assert back.id == "back-cover"
    contact, notices = [i for i in back.items if isinstance(i, TextItem) and i.role == "body"]
    assert contact.text.split("\n") == ["New Zealand Coastal Safety Authority", "info@coastalsafety.example.nz",
                                        "coastalsafety.example.nz"]
    assert notices.text.split("\n") == ["Published October 2024"]
    assert contact.box.y == notices.box.y
    pitch = contact.lines[1].baseline - contact.lines[0].baseline
    assert all(b.baseline - a.baseline == pytest.approx(pitch) for a, b in zip(contact.lines, contact.lines[1:]))
