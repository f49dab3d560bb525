"""Words printed twice: narrative that restates the headline or the intro is printed once.

The headline and the intro lead the report (the at-a-glance page). A narrative section
whose title is the headline, or a paragraph that is the intro, or a paragraph already
written in an earlier section, would print the same words twice: it is left out of the
narrative, with a warning at the line that wrote it. "Nearly the same" counts: a press
release's "2nd year results" retyped as "Second-year results" is still the same paragraph.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace

from generator.diagnostics import Collector, Span
from generator.load.spans import SpanMap
from generator.model.datafile import DataFile
from generator.model.report import SectionView

SIMILAR = 0.9  # share of words in common (difflib's ratio) from which two texts are the same


def words(text: str) -> list[str]:
    """The words of a text in lower case, without punctuation, quotation marks or Markdown."""
    return re.findall(r"[^\W_]+", text.lower())


def same(a: str, b: str) -> bool:
    """Whether two texts say the same words, allowing a few to differ (spelling out "2nd", a hyphen)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    return wa == wb or difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio() >= SIMILAR


def without_repeats(data: DataFile, sections: tuple[SectionView, ...], spans: SpanMap,
                    problems: Collector) -> tuple[SectionView, ...]:
    """The sections with titles and paragraphs that repeat what the report prints before them left out."""
    info = data.report
    headline = info.headline or info.title
    printed: list[tuple[str, str]] = [(info.intro, "the intro (report.intro)")] if info.intro else []
    out = []
    for i, section in enumerate(sections):
        title = section.title
        if title is not None and same(title, headline):
            problems.warning(spans.at(("sections", i, "title")),
                             f"section {section.key!r} has the headline for its title; it is printed once, as the "
                             "headline", "leave `title:` out (the section then follows the headline), or give the "
                             "section a title of its own")
            title = None
        kept = []
        for block in section.blocks:
            earlier = next((what for text, what in printed if same(block.text, text)), None)
            if earlier is None:
                kept.append(block)
                printed.append((block.text, f"a paragraph of section {section.key!r}"))
                continue
            problems.warning(_paragraph_span(spans, ("sections", i, "body"), data.sections[i].body, block.text),
                             f"this paragraph of section {section.key!r} repeats {earlier}; it is printed once",
                             "delete it here, or change one of the two")
        out.append(replace(section, title=title, blocks=tuple(kept)))
    return tuple(out)


def _paragraph_span(spans: SpanMap, path: tuple, body: str, paragraph: str) -> Span:
    """Where a paragraph of a body is written: its own line when the body is a literal block (`|`)."""
    offset = 0
    for chunk in re.split(r"(\n[ \t]*\n)", body):
        if chunk.strip() and same(chunk, paragraph):
            return spans.line_of(path, offset)
        offset += chunk.count("\n")
    return spans.at(path)
