"""A figure the narrative or a list already states is not repeated under "More figures"."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import dehyphenated
from generator.diagnostics import Collector
from generator.model.collections import more_figures, other_figures
from generator.model.load_report import load_report
from generator.model.told import told
from generator.layout.engine import lay_out
from generator.layout.frame import TextItem
from generator.layoutfile.load import load_layout

ROOT = Path(__file__).resolve().parent.parent
ORGS = ROOT / "tests" / "fixtures" / "orgs"

# FICTIONAL TEST DATA: a figure stated in a list, one in the narrative, one nowhere, and a
# number that appears in the text about something else.
STATED = """\
report:
  organisation: {name: Fenwick Valley Community Larder, short_name: Fenwick Larder}
  title: Annual Report 2023/24
  period: {label: 2023/24}
figures:
  parcels: {value: 6214, label: food parcels handed out, headline: true}
  drivers: {value: 2600, label: volunteer drivers recruited}
  kitchens: {value: 10, label: community kitchens supplied}
  vans: {value: 3, label: delivery vans bought}
  cafes: {value: 1500000, label: meals served in partner cafes, approximate: over}
sections:
  - id: overview
    title: Our year
    body: |
      We recruited **2600 volunteer drivers** and opened for 10 hours a day.

      Partner cafes served over 1.5 million meals.
lists:
  also:
    title: Also this year
    items: ["Ten years of the larder", "Three vans"]
"""


def test_a_figure_is_told_by_its_number_beside_a_word_of_its_label(tmp_path: Path) -> None:
    data = tmp_path / "larder.yaml"
    data.write_text(STATED, encoding="utf-8")
    report = load_report(data, Collector())
    others = other_figures(report)
    # 2600 in plain digits beside "drivers"; "1.5 million" beside "cafes" (without "over");
    # the 10 of "10 hours" is not the 10 kitchens, and "Three vans" is not written in digits.
    assert told(report, others) == {"drivers", "cafes"}
    assert [f.key for f in more_figures(report)] == ["kitchens", "vans"]


def test_more_figures_lists_only_what_nothing_else_states(cli, tmp_path: Path, shipped_build: Path) -> None:
    """The CEOP review states all its other figures in the narrative or the list: no "More figures" at all;
    the NZ report lists the one figure its narrative does not give, and not the one it does."""
    def text(pdf: Path) -> str:
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        return " ".join(dehyphenated(out).split())

    ceop = text(shipped_build / "ceop-2007-08.pdf")
    assert "More figures" not in ceop
    assert ceop.count("2,600") == 1 and "21 operational deployments" in ceop
    done = cli("build", "-q", ORGS / "nz-money.yaml", "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "61,800 students" in text(tmp_path / "nz-money.pdf")
    # What is set under the heading, as laid out (pdftotext reads the columns interleaved).
    problems = Collector()
    report = load_report(ORGS / "nz-money.yaml", problems)
    layout = load_layout(ROOT / "layouts" / "report-a4.yaml", "pdf", problems, None)
    items = [i for page in lay_out(report, layout, problems).pages for i in page.items if isinstance(i, TextItem)]
    heading = next(n for n, i in enumerate(items) if i.text == "More figures")
    assert items[heading + 1].text.split("\n") == ["214,300 volunteer patrol hours"]
