"""Hyphenation: running text in narrow columns only, in the report's language, by the rules typesetters keep.

The rules are checked on the line breaker directly (no rendering), then on the built
PDF read back with pdftotext: hyphenated breaks in body text, none in headings, and
none in the deck, which is set for slides and does not hyphenate.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from generator.diagnostics import Collector, Span
from generator.layout.engine import lay_out
from generator.layout.frame import TextItem
from generator.layout.hyphenate import SOFT_HYPHEN, Hyphenation, break_points, for_locale
from generator.layout.text import Para, set_paras
from generator.layoutfile.load import ThemeChoice, load_layout
from generator.model.load_report import load_report
from generator.model.markup import Run

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "ceop-2007-08.yaml"
GB = Hyphenation("en_GB")
TEXT = ("Reports from both the child protection community within the widest sense and members of the public "
        "through the organisation’s unique report abuse virtual environment continue on an upward trend, "
        "understanding collaborative international establishments and extraordinarily comprehensive "
        "responsibilities, notwithstanding considerable administrative complications.")


@pytest.fixture(scope="module")
def theme():
    """The shipped PDF layout's theme (its body style hyphenates, its headings do not)."""
    layout = load_layout(ROOT / "layouts" / "report-a4.yaml", "pdf", Collector(), ThemeChoice("ceop", Span("test")))
    assert layout is not None and layout.spec.hyphenate
    return layout.theme


def line_texts(setting) -> list[str]:
    return ["".join(p.text for p in line.pieces) for line in setting.lines]


def hyphenated(line: str) -> bool:
    """The line ends in a word the breaker hyphenated (a soft hyphen) or broke after its own hyphen."""
    return bool(re.search(r"[^\W\d_](-|\u00ad)$", line))


# ---- which words, and where ------------------------------------------------------

@pytest.mark.parametrize("word", ["Thinkuknow", "CEOP", "Coaker", "UK’s", "131", "5,812", "2007/08",
                                  "ceop.gov.uk/wanted", "press@example.org", "https://www.ceop.gov.uk", "three",
                                  "sexual", "co-op"])
def test_names_figures_addresses_and_short_words_are_never_hyphenated(word: str) -> None:
    assert break_points(word, GB) == ()


def test_fragments_keep_three_letters_either_side() -> None:
    cuts = break_points("organisation,", GB)
    assert cuts and all(len(head[:-1]) >= 3 and len(tail.rstrip(",")) >= 3 for head, tail in cuts)
    assert all(head.endswith(SOFT_HYPHEN) and head[:-1] + tail == "organisation," for head, tail in cuts)
    assert [len(h) for h, _ in cuts] == sorted((len(h) for h, _ in cuts), reverse=True), "longest first"


def test_a_compound_breaks_only_after_its_own_hyphen() -> None:
    assert break_points("highest-risk", GB) == (("highest-", "risk"),)


def test_the_dictionary_follows_the_reports_language() -> None:
    assert for_locale("en-GB").language == "en_GB"
    assert for_locale("de-DE").language == "de_DE"
    assert for_locale("en-NZ").language.startswith("en")
    assert for_locale("zh-Hant-TW") is None  # no dictionary: no hyphenation, rather than the wrong one


# ---- the line breaker -------------------------------------------------------------

def test_a_narrow_column_of_body_text_is_hyphenated(theme) -> None:
    body = theme.style("body")
    plain = set_paras([Para((Run(TEXT),), body)], 150)
    cut = set_paras([Para((Run(TEXT),), body)], 150, hyphens=GB)
    ends = [t for t in line_texts(cut) if t.endswith(SOFT_HYPHEN)]
    assert ends, line_texts(cut)
    assert not any(t.endswith(SOFT_HYPHEN) for t in line_texts(plain))
    # The words read the same with the soft hyphens taken out, and no line is wider than the column.
    joined = "\n".join(line_texts(cut)).replace(SOFT_HYPHEN + "\n", "")
    assert " ".join(joined.split()) == TEXT
    assert all(line.width <= 150.01 for line in cut.lines)


def test_never_more_than_two_hyphenated_lines_in_a_row(theme) -> None:
    body = theme.style("body")
    long_words = " ".join(["extraordinarily", "comprehensive", "responsibilities", "notwithstanding",
                           "administrative", "complications", "understanding", "international"] * 6)
    for width in range(90, 200, 7):
        ends = [hyphenated(t) for t in line_texts(set_paras([Para((Run(long_words),), body)],
                                                                              width, hyphens=GB))]
        runs = [len(m) for m in re.findall(r"1+", "".join("1" if e else "0" for e in ends))]
        assert max(runs, default=0) <= 2, (width, ends)


def test_headings_display_text_and_figures_are_not_hyphenated(theme) -> None:
    for name, para in [("h2", Para((Run(TEXT),), theme.style("h2"))),
                       ("balanced body", Para((Run(TEXT),), theme.style("body"), balance=True)),
                       ("figure", Para((Run(TEXT),), theme.style("figure"), one_line=True))]:
        lines = line_texts(set_paras([para], 150, hyphens=GB))
        assert not any(hyphenated(t) for t in lines), name


def test_a_style_opts_in(theme) -> None:
    body = theme.style("body")
    assert body.hyphenate and not theme.style("h1").hyphenate and not theme.style("display").hyphenate
    lines = line_texts(set_paras([Para((Run(TEXT),), replace(body, hyphenate=False))], 150, hyphens=GB))
    assert not any(hyphenated(t) for t in lines)


# ---- the outputs ------------------------------------------------------------------

def source_words() -> set[str]:
    """Every word the shipped data file writes (hyphenated words also as their parts)."""
    text = DATA.read_text(encoding="utf-8").replace("'", "’")
    words = set(re.findall(r"[^\W\d_]+(?:[’-][^\W\d_]+)*", text))
    return words | {part for w in words for part in w.split("-")}


def test_the_pdf_hyphenates_body_text_only(shipped_build: Path) -> None:
    """pdftotext shows hyphenated breaks (as soft hyphens); each joins into a word of the data, none is in a heading."""
    pdf = shipped_build / "ceop-2007-08.pdf"
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    breaks = re.findall(r"([^\W\d_]+)\u00ad\n([^\W\d_]+)", text)
    assert breaks, "the narrow columns of body text are hyphenated"
    words = source_words()
    for head, tail in breaks:
        assert head + tail in words, (head, tail)
    layout = load_layout(ROOT / "layouts" / "report-a4.yaml", "pdf", Collector(), ThemeChoice("ceop", Span("test")))
    doc = lay_out(load_report(DATA, Collector()), layout, Collector())
    for page in doc.pages:
        for item in page.items:
            if isinstance(item, TextItem) and item.role in ("title", "heading", "figure"):
                assert SOFT_HYPHEN not in item.text, (page.id, item.text)
    cut = [line for page in doc.pages for item in page.items if isinstance(item, TextItem)
           for line in item.text.splitlines() if line.endswith(SOFT_HYPHEN)]
    assert len(cut) == len(breaks)


def test_the_deck_does_not_hyphenate() -> None:
    """Slides are set large and read across a room: the deck layout does not ask for hyphenation."""
    problems = Collector()
    layout = load_layout(ROOT / "layouts" / "deck-16x9.yaml", "deck", problems, ThemeChoice("ceop", Span("test")))
    assert not layout.spec.hyphenate
    doc = lay_out(load_report(DATA, problems), layout, problems)
    lines = [line for page in doc.pages for item in page.items if isinstance(item, TextItem)
             for line in item.text.splitlines()]
    assert len(lines) > 50
    assert not [line for line in lines if SOFT_HYPHEN in line]


def test_hyphenating_never_starts_a_line_with_a_dash(theme) -> None:
    body = theme.style("body")
    text = ("Reports from the international community – through the organisation’s extraordinarily comprehensive "
            "report abuse environment – continue to rise – understanding collaborative establishments")
    for width in range(60, 300, 5):
        lines = line_texts(set_paras([Para((Run(text),), body)], width, hyphens=GB))
        assert not any(t.lstrip().startswith(("–", "—")) for t in lines), width
