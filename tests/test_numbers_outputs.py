"""Numbers read back from real outputs: axis ticks from the PDF text, format codes from the chart XML.

The fictional fixture (tests/fixtures/numbers-nz.yaml) charts a percent series,
a percent change with a fall, and money in NZ dollars; small layouts of its own
bind its keys. Each build is read back with pdftotext and python-pptx.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from tests.conftest import REPO, run_cli

FIXTURES = REPO / "tests" / "fixtures"
DATA = FIXTURES / "numbers-nz.yaml"
PDF_LAYOUT = FIXTURES / "numbers-pdf.yaml"
DECK_LAYOUT = FIXTURES / "numbers-deck.yaml"
C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
X = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def build(tmp_path: Path, locale: str = "en-NZ") -> tuple[Path, Path]:
    """The fixture built in `locale` through the real command line: (PDF, deck)."""
    data = tmp_path / f"numbers-{locale}.yaml"
    data.write_text(DATA.read_text(encoding="utf-8").replace("locale: en-NZ", f"locale: {locale}"), encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("build", data, "--pdf-layout", PDF_LAYOUT, "--deck-layout", DECK_LAYOUT, "--out", out)
    assert done.returncode == 0, done.stderr
    return out / f"{data.stem}.pdf", out / f"{data.stem}.pptx"


def pdf_words(pdf: Path) -> list[str]:
    """Every word pdftotext reads, with no-break spaces as plain ones."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.replace("\u00a0", " ").replace("\u202f", " ").split()


def charts(deck: Path) -> dict[str, object]:
    """The deck's native charts by title."""
    found = {}
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                chart = shape.chart
                found[chart.chart_title.text_frame.text if chart.has_title else ""] = chart
    return found


def codes(chart) -> dict[str, set[str]]:
    """Number format codes in the chart XML: of the cached values, the data labels and the value axis."""
    xml = etree.fromstring(chart.part.blob)
    return {
        "values": set(xml.xpath(".//c:val//c:formatCode/text()", namespaces=C)),
        "labels": set(xml.xpath(".//c:dLbls/c:numFmt/@formatCode", namespaces=C)),
        "axis": set(xml.xpath(".//c:valAx/c:numFmt/@formatCode", namespaces=C)),
    }


@pytest.fixture(scope="module")
def nz(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build(tmp_path_factory.mktemp("nz"))


def test_percent_axis_runs_to_100_percent_in_the_pdf(nz: tuple[Path, Path]) -> None:
    """74% and 99% on an axis from 0% to 100% (not 10000%), and a fall of 4% down to −6%."""
    words = pdf_words(nz[0])
    for tick in ("0%", "20%", "40%", "60%", "80%", "100%", "-6%", "-4%", "-2%", "2%", "4%", "6%"):
        assert tick in words, tick
    assert not [w for w in words if re.fullmatch(r"-?\d{4,}%", w.replace(",", ""))]
    assert {"74%", "99%", "4.5%"} <= set(words)


def evenly_spaced(ticks: list[float]) -> bool:
    """Ticks from zero in equal steps."""
    steps = {b - a for a, b in zip(ticks, ticks[1:])}
    return ticks[0] == 0 and len(steps) == 1 and len(ticks) >= 3


def test_money_axis_in_the_figures_own_currency(nz: tuple[Path, Path]) -> None:
    """NZ dollars are "$" in en-NZ, abbreviated on the axis as the locale does ("$400M"), never "£"."""
    words = pdf_words(nz[0])
    ticks = [0.0] + [float(m[1]) for w in words if (m := re.fullmatch(r"\$(\d+)M", w))]
    assert "$0" in words and evenly_spaced(ticks) and ticks[-1] >= 412, ticks
    assert not any("£" in w for w in words)
    text = " ".join(words)
    assert "$979 million" in text and "$412 million" in text


def test_deck_codes_agree_with_the_pdf(nz: tuple[Path, Path]) -> None:
    """Workbook cells and labels of the percent chart use '#,##0"%"' (74 shows as 74%), as does its axis."""
    found = charts(nz[1])
    rate = codes(found["Within the hour"])
    assert rate == {"values": {'#,##0"%"'}, "labels": {'#,##0"%"'}, "axis": {'#,##0"%"'}}
    change = codes(found["Change on the year"])
    assert change["values"] == {'#,##0.0"%"'} and change["axis"] == {'#,##0"%"'}
    money = codes(found["Capital programme"])
    assert money["values"] == {'"$"#,##0'}
    assert money["axis"] == {'"$"#,##0,,"M";-"$"#,##0,,"M";"$"0'}


@pytest.mark.parametrize(("locale", "tick", "value_code", "axis_code"), [
    ("en-AU", r"NZD (\d+)M", '"NZD\u00a0"#,##0', '"NZD\u00a0"#,##0,,"M";-"NZD\u00a0"#,##0,,"M";"NZD\u00a0"0'),
    ("de-DE", r"(\d+) Mio\. NZ\$", '#,##0"\u00a0NZ$"',
     '#,##0,,"\u00a0Mio.""\u00a0NZ$";-#,##0,,"\u00a0Mio.""\u00a0NZ$";0"\u00a0NZ$"'),
])
def test_other_locales_write_their_own_way(tmp_path: Path, locale: str, tick: str, value_code: str,
                                           axis_code: str) -> None:
    """The same NZ dollars in en-AU ("NZD 979 million") and de-DE ("979 Millionen NZ$"), ticks and codes alike."""
    pdf, deck = build(tmp_path, locale)
    text = " ".join(pdf_words(pdf))
    ticks = [0.0] + [float(m) for m in re.findall(tick, text)]
    assert evenly_spaced(ticks) and ticks[-1] >= 412, ticks
    assert {"en-AU": "NZD 979 million", "de-DE": "979 Millionen NZ$"}[locale] in text
    money = codes(charts(deck)["Capital programme"])
    assert money["values"] == {value_code} and money["axis"] == {axis_code}
    if locale == "de-DE":
        assert "4,5 %" in text and "74 %" in text  # the decimal comma and the spaced percent sign


def deck_text(deck: Path) -> str:
    """Every word on the deck's slides, spaces normalised."""
    words = [shape.text_frame.text for slide in Presentation(str(deck)).slides for shape in slide.shapes
             if shape.has_text_frame]
    return " ".join(" ".join(words).replace("\u00a0", " ").split())


def test_changes_read_right_on_tiles_and_in_tables(nz: tuple[Path, Path]) -> None:
    """A percentage's change in points from its period; a stated fall as a fall, in both outputs."""
    pdf_text = " ".join(pdf_words(nz[0]))
    for text in (pdf_text, deck_text(nz[1])):
        assert text.count("Up 25 percentage points, from 74% in 2016/17 (derived)") == 2  # tile and table row
        assert "A fall of 4% on 2016/17" in text
        assert "34%" not in text


def test_benchmarks_and_targets_on_tiles_and_in_tables(nz: tuple[Path, Path]) -> None:
    """The national average and the performance standard, each with its period, met or missed and by how much."""
    pdf_text = " ".join(pdf_words(nz[0]))
    for text in (pdf_text, deck_text(nz[1])):
        assert text.count("4.5 percentage points above the national average (94.5% in 2016/17) (derived)") == 2
        assert text.count("Met the performance standard of 90% for 2017/18, by 9 percentage points (derived)") == 2
        assert "Missed the leakage target of 3,000 for 2017/18, by 120 (derived)" in text


def workbook(chart) -> dict[str, tuple[str, str]]:
    """Cells of a chart's embedded workbook: reference → (value as written, number format code)."""
    with zipfile.ZipFile(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob)) as xlsx:
        sheet = etree.fromstring(xlsx.read("xl/worksheets/sheet1.xml"))
        styles = etree.fromstring(xlsx.read("xl/styles.xml"))
        strings = [("".join(si.itertext())) for si in etree.fromstring(xlsx.read("xl/sharedStrings.xml"))]
    custom = {n.get("numFmtId"): n.get("formatCode") for n in styles.xpath(".//x:numFmts/x:numFmt", namespaces=X)}
    formats = [custom.get(xf.get("numFmtId"), "General") for xf in styles.xpath(".//x:cellXfs/x:xf", namespaces=X)]
    cells = {}
    for cell in sheet.xpath(".//x:c", namespaces=X):
        value = cell.findtext("x:v", namespaces=X) or ""
        if cell.get("t") == "s":
            value = strings[int(value)]
        cells[cell.get("r")] = (value, formats[int(cell.get("s", 0))])
    return cells


def test_shipped_derived_values_are_rounded_and_marked_in_the_workbook(shipped_build: Path) -> None:
    """Edit Data shows the derived monthly averages as their labels do ("c. 275*"), with a note saying how."""
    deck = Presentation(str(shipped_build / "ceop-2007-08.pptx"))
    chart = next(s.chart for slide in deck.slides for s in slide.shapes
                 if s.has_chart and s.chart.plots[0].series[0].name == "Reports a month")
    cells = workbook(chart)
    assert cells["B2"] == ("275", '"c. "#,##0"*"') and cells["B3"] == ("484", '"c. "#,##0"*"')
    assert cells["C1"][0] == "Note"
    assert "5,812 ÷ 12" in cells["C2"][0]
    assert list(chart.plots[0].series[0].values) == [275, 484]


def test_a_multiplying_percent_code_on_a_percent_series_is_an_error(tmp_path: Path) -> None:
    """'0%' multiplies by 100: on a series holding 74 for 74% it would print 7400%, so the layout is refused."""
    layout = tmp_path / "numbers-pdf.yaml"
    text = PDF_LAYOUT.read_text(encoding="utf-8").replace("../../layouts/", f"{REPO}/layouts/")
    layout.write_text(text.replace('chart: {kind: column, title: "Within the hour"}',
                                   'chart: {kind: column, title: "Within the hour", number_format: "0%"}'), encoding="utf-8")
    done = run_cli("check", DATA, "--pdf-layout", layout, "--deck-layout", DECK_LAYOUT)
    assert done.returncode == 1
    line = next(i for i, l in enumerate(layout.read_text().splitlines(), 1) if "number_format" in l)
    assert f"numbers-pdf.yaml:{line}:" in done.stderr
    assert "number format '0%' multiplies by 100" in done.stderr and "7400%" in done.stderr


def test_reported_speech_is_attributed_without_quotation_marks(nz: tuple[Path, Path]) -> None:
    """A verbatim quote keeps its quotation marks; reported speech reads "X said that ..." with none, in both outputs."""
    reported = "Sam Whitcombe said that the trust would renew another 200 kilometres of pipe in the coming year."
    pdf_text = " ".join(pdf_words(nz[0]))
    slides = deck_text(nz[1])
    for text in (pdf_text, slides):
        assert "“Every call-out matters." in text
        assert reported in text
        assert "“the trust would" not in text and "coming year.”" not in text
    assert pdf_text.count(reported) == 2  # the pull quote and the quote in full
    assert "He added that most of the new mains would serve the eastern suburbs." in pdf_text
    assert "suburbs.”" not in pdf_text


def test_shipped_example_says_what_the_release_says(shipped_build: Path) -> None:
    """The CEOP fixes, read back: the release's own words, no quotation it lacks, no incomparable chart."""
    pdf = " ".join(pdf_words(shipped_build / "ceop-2007-08.pdf"))
    deck = deck_text(shipped_build / "ceop-2007-08.pptx")
    for text in (pdf, deck):
        assert "“up 76%”" not in text and "complete an investigation" not in text
        assert "Professionals working with CEOP" not in text
    for text in (pdf, deck):
        assert "paedophile rings dismantled or disrupted" in text and "rings disrupted" not in text
    assert "vital parts of an investigative jigsaw" in pdf
    assert "(from “a 76% increase”, read as ×1.76)" in pdf
    assert "marked * or" not in pdf and "“about”" not in pdf


def test_reference_lines_in_both_outputs(nz: tuple[Path, Path]) -> None:
    """The series' benchmark and target: labelled lines in the PDF; a line series with its workbook column in
    the deck's column chart, and words under the bar chart, which cannot take a line."""
    pdf_text = " ".join(pdf_words(nz[0]))
    for label in ("The national average (2016/17): 94.5%", "The performance standard (2017/18): 90%",
                  "The largest budget line (2017/18): $450 million"):
        assert label in pdf_text
    found = charts(nz[1])
    rate = found["Within the hour"]
    assert [s.name for s in rate.plots[1].series] == ["The national average (2016/17): 94.5%",
                                                      "The performance standard (2017/18): 90%"]
    cells = workbook(rate)
    assert (cells["C1"][0], cells["C2"], cells["D3"]) == ("The national average (2016/17): 94.5%",
                                                         ("94.5", '#,##0"%"'), ("90", '#,##0"%"'))
    assert "The largest budget line (2017/18): $450 million (not drawn)." in deck_text(nz[1])
