"""No paragraph printed twice: narrative that restates the headline or the intro is printed once.

The model leaves the repeat out and warns at the line that wrote it; the shipped
example, read back with pdftotext, prints its intro and each paragraph once.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from conftest import dehyphenated
from generator.diagnostics import Collector
from generator.model.load_report import load_report
from generator.model.repeats import same

ROOT = Path(__file__).resolve().parent.parent
CEOP = ROOT / "data" / "ceop-2007-08.yaml"

# FICTIONAL TEST DATA: a report whose narrative opens by restating its headline and intro.
RESTATED = """\
report:
  organisation: {name: Fenwick Valley Community Larder, short_name: Fenwick Larder}
  title: Annual Report 2023/24
  period: {label: 2023/24}
  headline: A winter of record demand
  intro: The larder handed out more food parcels this winter than in any year before.
figures:
  parcels: {value: 6214, label: food parcels handed out}
sections:
  - id: overview
    title: A Winter of Record Demand
    body: |
      The larder handed out more food parcels this winter than in any year
      before!

      Volunteers opened on Saturdays as well as weekdays.
  - id: volunteers
    title: Our volunteers
    body: |
      Volunteers opened on Saturdays as well as weekdays.

      Twelve new volunteers joined in the spring.
"""


def test_similar_texts_are_the_same_and_different_ones_are_not() -> None:
    assert same("2nd year results from the Child Exploitation and Online Protection (CEOP) Centre show the battle "
                "against child sex offenders continues to gather pace.",
                "Second-year results from the Child Exploitation and Online Protection (CEOP) Centre show the "
                "battle against child sex offenders continues to gather pace.")
    assert same("The battle against child sex offenders gathers pace", "the battle against child sex offenders "
                "gathers pace.")
    assert not same("Reports of abuse continue to rise", "The battle against child sex offenders gathers pace")
    assert not same("Volunteers opened on Saturdays.", "Volunteers opened on Sundays and on bank holidays too.")


def test_a_restated_headline_intro_or_paragraph_is_left_out_with_a_warning_at_its_line(tmp_path: Path) -> None:
    data = tmp_path / "larder.yaml"
    data.write_text(RESTATED, encoding="utf-8")
    problems = Collector()
    report = load_report(data, problems)
    assert report is not None
    overview, volunteers = report.sections
    assert overview.title is None, "the headline is printed once, as the headline"
    assert [b.text for b in overview.blocks] == ["Volunteers opened on Saturdays as well as weekdays."]
    assert volunteers.title == "Our volunteers"
    assert [b.text for b in volunteers.blocks] == ["Twelve new volunteers joined in the spring."]
    found = sorted((d.span.line, d.severity.value, d.message) for d in problems.items)
    lines = RESTATED.splitlines()
    saturdays = [n for n, text in enumerate(lines, start=1)
                 if text == "      Volunteers opened on Saturdays as well as weekdays."]
    assert [line for line, _, _ in found] == [
        lines.index("    title: A Winter of Record Demand") + 1,
        lines.index("      The larder handed out more food parcels this winter than in any year") + 1,
        saturdays[1],  # the second time it is written
    ]
    assert all(severity == "warning" for _, severity, _ in found)
    assert "has the headline for its title" in found[0][2]
    assert "repeats the intro" in found[1][2]
    assert "repeats a paragraph of section 'overview'" in found[2][2]


def test_a_section_may_carry_on_without_a_title(tmp_path: Path) -> None:
    data = tmp_path / "larder.yaml"
    text = RESTATED.replace("    title: Our volunteers\n", "")
    data.write_text(text, encoding="utf-8")
    problems = Collector()
    report = load_report(data, problems)
    assert report is not None and report.sections[1].title is None


def test_the_shipped_example_prints_its_intro_and_every_paragraph_once(shipped_build: Path) -> None:
    """The release's intro leads the at-a-glance page; the narrative does not restate it or the headline."""
    pdf = shipped_build / "ceop-2007-08.pdf"
    text = " ".join(dehyphenated(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                                check=True).stdout).split())
    data = yaml.safe_load(CEOP.read_text(encoding="utf-8"))
    intro = " ".join(data["report"]["intro"].split())
    assert text.count(intro[:80]) == 1
    assert text.count(data["report"]["headline"]) == 1
    assert "Second-year results from" not in text
    for section in data["sections"]:
        for paragraph in re.split(r"\n\s*\n", section["body"]):
            start = " ".join(re.sub(r"\*\*", "", paragraph).split())[:60].replace("'", "’")
            assert text.count(start) == 1, start
