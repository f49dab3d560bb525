"""The deck's text, read back with python-pptx: paragraphs that reflow when a presenter edits them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "ceop-2007-08.yaml"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def deck(shipped_build: Path):
    return Presentation(str(shipped_build / "ceop-2007-08.pptx"))


def text_frames(prs):
    return [(n, shape) for n, slide in enumerate(prs.slides, start=1) for shape in slide.shapes
            if shape.has_text_frame and shape.text_frame.text.strip()]


def plain(markdown: str) -> str:
    """A data file's list item as it reads: emphasis marks gone, quotes and apostrophes typographic."""
    text = " ".join(markdown.replace("**", "").split())
    return text.replace("'", "’")


def test_every_text_frame_wraps_and_is_not_autofitted(deck) -> None:
    for n, shape in text_frames(deck):
        body = shape.text_frame._txBody.bodyPr
        assert body.get("wrap") == "square", f"slide {n}: {shape.name} does not wrap"
        assert body.find(f"{A}noAutofit") is not None, f"slide {n}: {shape.name} may be autofitted"


def test_each_list_item_is_one_paragraph(deck) -> None:
    items = [plain(i) for lst in yaml.safe_load(DATA.read_text(encoding="utf-8"))["lists"].values()
             for i in lst["items"]]
    paragraphs = [p.text for _, shape in text_frames(deck) for p in shape.text_frame.paragraphs]
    for item in items:
        assert item in paragraphs, f"{item[:40]!r} is not one paragraph of the deck"


def paragraph_texts(prs) -> list[str]:
    """Every paragraph's words, a line break read as a space."""
    return [" ".join(p.text.replace("\v", " ").split()) for _, shape in text_frames(prs)
            for p in shape.text_frame.paragraphs]


def test_multi_line_sentences_are_one_paragraph(deck) -> None:
    """Tile details and pull quotes take several lines on their slides, and one paragraph each."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    details = [plain(f["detail"]) for f in data["figures"].values() if f.get("detail") and f.get("headline")]
    pulls = [plain(q["pull"]) for q in data["quotes"].values() if q.get("pull")]
    assert len(details) >= 4 and pulls
    paragraphs = paragraph_texts(deck)
    for sentence in details:
        assert any(p.endswith(sentence[1:]) and len(p) == len(sentence) for p in paragraphs), sentence
    for pull in pulls:
        assert any(pull in p and len(p) <= len(pull) + 2 for p in paragraphs), pull  # with its quotation marks


def test_chosen_breaks_are_line_breaks_in_their_paragraph(deck) -> None:
    """A balanced display title keeps its two lines as one paragraph with a line break."""
    breaks = [(n, shape) for n, shape in text_frames(deck) for p in shape.text_frame.paragraphs
              if p._p.find(f"{A}br") is not None]
    assert breaks, "the CEOP quotes are set on balanced lines: some break is chosen"
    for n, shape in breaks:
        quote = shape.text_frame.paragraphs[0].text
        assert "\v" in quote and quote.startswith("“") and quote.endswith("”"), f"slide {n}: {quote!r}"
