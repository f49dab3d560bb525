"""Figures the narrative or a list already states, so a list of further figures need not repeat them.

A figure is told when a paragraph of a section, or an item of a list, writes its number
(as the report formats it, or in plain digits) together with a word of its label: "the
arrest of **297 suspected offenders**" tells the 297 arrests; a "10" in "10 years" does
not tell the 10 offenders located.
"""

from __future__ import annotations

import re

from generator.model.report import FigureView, Report

# Words of a label too common to tie a number to it.
_COMMON = frozenset("the and for with from that this were was are has have had been into over under than "
                    "more most less their they them which what when where whose each other also".split())


def told(report: Report, figures: tuple[FigureView, ...]) -> frozenset[str]:
    """The keys of the figures that the narrative or a list already states."""
    passages = [block.text for section in report.sections for block in section.blocks]
    passages += ["".join(run.text for run in item) for lst in report.lists.values() for item in lst.items]
    return frozenset(f.key for f in figures if any(_tells(text, f) for text in passages))


def _tells(text: str, fig: FigureView) -> bool:
    """Whether a passage writes the figure's number and a word of its label."""
    if not any(re.search(r"(?<![\w.,])" + re.escape(form) + r"(?![\w]|[.,]\d)", text) for form in _forms(fig)):
        return False
    words = {w for w in re.findall(r"[^\W\d_]{4,}", fig.label.lower()) if w not in _COMMON}
    said = set(re.findall(r"[^\W\d_]{4,}", text.lower()))
    return bool(words & said) or any(w[:5] in {s[:5] for s in said} for w in words)


def _forms(fig: FigureView) -> set[str]:
    """The ways a passage may write the figure's number: as printed, without its qualifier, in plain digits."""
    printed = fig.value.text
    bare = re.sub(r"^[^\d£$€¥]*", "", printed)  # "over 1.7 million" -> "1.7 million"
    forms = {printed, bare}
    number = fig.value.number
    if float(number).is_integer():
        forms.add(str(int(number)))
    return {f for f in forms if f}
