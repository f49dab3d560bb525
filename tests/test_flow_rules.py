"""How the narrative flows, for every report: checked on the laid-out pages, without rendering.

Pull quotes follow the passage they are pulled from; a paragraph never leaves a lone
line at the foot or head of a column; no column before the flow's last page ends more
than 40% empty; a quote in full that fits a column is not split when that would leave
little of it behind.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Collector
from generator.layout.engine import lay_out
from generator.layout.flow import LEAST_LINES, MOST_EMPTY
from generator.layout.frame import Document, TextItem
from generator.layoutfile.load import ThemeChoice, load_layout
from generator.diagnostics import Span
from generator.model.load_report import load_report

ROOT = Path(__file__).resolve().parent.parent
ORGS = sorted((ROOT / "tests" / "fixtures" / "orgs").glob("*.yaml"))
REPORTS = [ROOT / "data" / "ceop-2007-08.yaml", *ORGS]
FLOWS = ("story", "back")


def laid_out(data: Path):
    problems = Collector()
    report = load_report(data, problems)
    choice = ThemeChoice(report.theme, Span("test")) if report.theme else None
    layout = load_layout(ROOT / "layouts" / "report-a4.yaml", "pdf", problems, choice)
    return report, lay_out(report, layout, problems)


def flow_texts(doc: Document) -> list[tuple[int, TextItem]]:
    """The flow pages' text items in reading order: page, then column (left first), then down the column."""
    out = []
    for n, page in enumerate(doc.pages):
        if page.id in FLOWS:
            items = [i for i in page.items if isinstance(i, TextItem) and i.role not in ("running",) and i.lines]
            out += [(n, i) for i in sorted(items, key=lambda i: (round(i.box.x), i.box.y))]
    return out


def squash(text: str) -> str:
    return " ".join(text.replace("\u00ad\n", "").split())


@pytest.mark.parametrize("data", REPORTS, ids=lambda p: p.stem)
def test_pull_quotes_in_the_narrative_follow_their_passage(data: Path) -> None:
    report, doc = laid_out(data)
    texts = [squash(i.text) for _, i in flow_texts(doc)]
    for quote in (q for q in report.quotes.values() if q.has_pull):
        pulls = [n for n, t in enumerate(texts) if t.startswith(f"“{quote.pull}” {quote.speaker}")]
        for at in pulls:
            words = quote.pull.split()[:6]
            passage = [n for n, t in enumerate(texts) if " ".join(words) in t and n != at]
            assert passage and min(passage) < at, (quote.key, "a pull quote before the words it is pulled from")


@pytest.mark.parametrize("data", REPORTS, ids=lambda p: p.stem)
def test_no_lone_line_at_the_foot_or_head_of_a_column(data: Path) -> None:
    _report, doc = laid_out(data)
    texts = flow_texts(doc)
    for (_, before), (_, after) in zip(texts, texts[1:]):
        if after.lines[0].starts_paragraph or after.role == "heading":
            continue  # not a paragraph carried on
        carried = next((k for k, line in enumerate(after.lines) if k and line.starts_paragraph), len(after.lines))
        last_start = max(k for k, line in enumerate(before.lines) if line.starts_paragraph or k == 0)
        assert carried >= LEAST_LINES, (data.stem, squash(after.text)[:60])
        assert len(before.lines) - last_start >= LEAST_LINES, (data.stem, squash(before.text)[-60:])


@pytest.mark.parametrize("data", REPORTS, ids=lambda p: p.stem)
def test_no_column_before_the_last_page_ends_nearly_empty(data: Path) -> None:
    _report, doc = laid_out(data)
    for flow in FLOWS:
        pages = [p for p in doc.pages if p.id == flow]
        for page in pages[:-1]:
            boxes = [i.box for i in page.items if hasattr(i, "box") and getattr(i, "role", "") not in ("running",)
                     and i.box.y > 90 and i.box.bottom < page.height - 62]
            for right in (False, True):
                column = [b for b in boxes if (b.x >= page.width / 2) == right and b.w < page.width / 2]
                top, bottom = min(b.y for b in column), max(b.bottom for b in column)
                area_bottom = page.height - 62
                assert area_bottom - bottom < (area_bottom - top) * MOST_EMPTY, (data.stem, page.number, right)


def test_the_examples_pull_quote_is_set_after_its_quote_in_full() -> None:
    """Ken Jones's quote names the section on investigation: in full after it, its pull after the next section."""
    _report, doc = laid_out(REPORTS[0])
    texts = [squash(i.text) for _, i in flow_texts(doc)]
    pull = next(n for n, t in enumerate(texts) if t.startswith("“Those successes are down to joint working"))
    full = next(n for n, t in enumerate(texts) if "We have seen great successes" in t)
    investigation = next(n for n, t in enumerate(texts) if t.startswith("Tracking offenders"))
    reports = next(n for n, t in enumerate(texts) if t.startswith("Reports from both the child protection"))
    assert investigation < full < reports < pull
