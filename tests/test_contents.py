"""The contents list: on the at-a-glance page of a report long enough to need one, each entry a link to its page.

Read back from real PDFs with pikepdf (the link annotations' destinations and the
structure tree's TOC) and poppler, and checked on the laid-out page for where it sits.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
import yaml

from generator.diagnostics import Collector, Span
from generator.layout.engine import lay_out, page_areas
from generator.layout.frame import TextItem
from generator.layoutfile.load import ThemeChoice, load_layout
from generator.model.load_report import load_report

ROOT = Path(__file__).resolve().parent.parent
ORGS = ROOT / "tests" / "fixtures" / "orgs"
DATA = ROOT / "data" / "ceop-2007-08.yaml"


def contents_links(pdf: Path) -> list[tuple[int, int, str]]:
    """(page the link is on, page it goes to, its description), from each link annotation with a destination."""
    doc = pikepdf.open(pdf)
    index = {page.objgen: n for n, page in enumerate(doc.pages, start=1)}
    links = []
    for n, page in enumerate(doc.pages, start=1):
        for annot in page.get("/Annots", []):
            dest = annot.get("/Dest")
            if dest is not None:
                links.append((n, index[dest[0].objgen], str(annot.Contents)))
    return links


def outline(pdf: Path) -> dict[int, str]:
    """Each page's bookmark title."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    return {reader.get_destination_page_number(e) + 1: e.title for e in reader.outline}


def toc_entries(pdf: Path) -> list[str]:
    """The text of each TOCI of the structure tree, in order (poppler)."""
    dump = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True, check=True).stdout
    entries: list[str] = []
    depth = None  # the indent of the TOCI being read
    for line in dump.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        if line.strip() == "TOCI":
            entries.append("")
            depth = indent
        elif depth is not None and indent <= depth:
            depth = None
        elif depth is not None and line.strip().startswith('"'):
            entries[-1] += line.strip()[1:-1]
    return [" ".join(e.split()) for e in entries]


def test_each_entry_links_to_the_page_it_names(shipped_build: Path) -> None:
    """Parts and the headings set in them, each with the page it starts on, linked to that page."""
    pdf = shipped_build / "ceop-2007-08.pdf"
    links = contents_links(pdf)
    titles = outline(pdf)
    entries = [re.match(r"(\d+)\s+(.+)", entry).groups() for entry in toc_entries(pdf)]
    assert len(entries) >= 3
    assert {on for on, _, _ in links} == {2}, "the contents list is on the at-a-glance page"
    assert all(text == f"Link to page {to}" for _, to, text in links)
    assert [to for _, to, _ in links] == sorted(to for _, to, _ in links)  # in page order
    assert {to for _, to, _ in links} == {int(number) for number, _ in entries}
    for number, title in entries:
        page_text = " ".join(subprocess.run(["pdftotext", "-f", number, "-l", number, str(pdf), "-"],
                                            capture_output=True, text=True, check=True).stdout.split())
        # A heading there (some are set in capitals), or the part that starts there.
        assert title.upper() in page_text.upper() or title == titles[int(number)], (number, title)
    listed = [title for _, title in entries]
    assert "The year in review" in listed and "Contact details" in listed
    sections = [s["title"] for s in yaml.safe_load(DATA.read_text(encoding="utf-8"))["sections"] if s.get("title")]
    assert all(" ".join(t.split()) in listed for t in sections), "each section of the narrative is listed"


def test_the_links_are_tagged_in_a_toc(shipped_build: Path) -> None:
    doc = pikepdf.open(shipped_build / "ceop-2007-08.pdf")
    nums = doc.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[k]): nums[k + 1] for k in range(0, len(nums), 2)}
    for annot in doc.pages[1].Annots:
        if annot.get("/Dest") is not None:
            link = parents[int(annot.StructParent)]
            assert link.S == "/Link" and link.P.S == "/TOCI" and link.P.P.S == "/TOC"


@pytest.mark.parametrize("name, listed", [("commissioner-5figs", False), ("charity-3figs", False), ("nz-money", False),
                                          ("narrative-only-ish", True),
                                          ("big-12figs", True)])
def test_only_a_report_of_five_pages_or_more_has_a_contents_list(cli, tmp_path: Path, name: str, listed: bool) -> None:
    done = cli("build", "-q", ORGS / f"{name}.yaml", "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / f"{name}.pdf"
    assert (len(pikepdf.open(pdf).pages) >= 5) == listed
    assert bool(contents_links(pdf)) == listed
    assert bool(toc_entries(pdf)) == listed


def test_the_list_sits_beside_the_intro() -> None:
    """In the third column, beside the page's heading and intro: the intro keeps a measure of two thirds of the page."""
    problems = Collector()
    report = load_report(DATA, problems)
    layout = load_layout(ROOT / "layouts" / "report-a4.yaml", "pdf", problems, ThemeChoice("ceop", Span("test")))
    doc = lay_out(report, layout, problems)
    areas = page_areas(report, layout, "at-a-glance", Collector())
    page = next(p for p in doc.pages if p.id == "at-a-glance")
    listed = next(i for i in page.items if isinstance(i, TextItem) and i.role == "contents")
    intro = next(i for i in page.items if isinstance(i, TextItem) and i.text.startswith("2nd year results"))
    assert areas["contents"].y == areas["heading"].y and areas["contents"].bottom >= areas["intro"].bottom
    assert areas["contents"].x > areas["intro"].right and areas["contents"].x > areas["heading"].right
    assert areas["contents"].x <= listed.box.x and listed.box.right <= areas["contents"].right + 0.01
    assert intro.box.w == pytest.approx(areas["intro"].w) and intro.box.w < page.width * 0.6
    assert listed.text.split("\n")[0].startswith("3")
