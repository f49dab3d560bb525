"""Words that explain the figures: sources, derived-value notes and speaker notes."""

from __future__ import annotations

from generator.layout.context import Context, plain
from generator.layout.frame import ChartItem, Item, TextItem
from generator.layoutfile.spec import Block
from generator.layout.text import Para
from generator.model.derived_notes import derived_notes
from generator.model.markup import Run



def sources_paras(ctx: Context, path: tuple, block: Block | None = None) -> list[Para]:
    """Paragraphs for a sources block: sources, notes, derived values, the full review."""
    head = ctx.style(None, "h3", path)
    body = ctx.style(block.style if block else None, "small", path)
    report = ctx.report
    paras = [Para(plain("Sources"), head)] if report.sources or report.full_review_url else []
    for src in report.sources.values():
        what = ", ".join(x for x in (src.kind, src.publisher) if x)
        paras.append(Para((Run(src.title, italic=True), Run(f" ({what})." if what else ".")) +
                          ((Run(" " + src.note),) if src.note else ()), body))
    if report.full_review_url:
        paras.append(Para((Run(f"{report.full_review_title}: "), Run(report.full_review_url, link=report.full_review_url)), body))
    derived = derived_notes(ctx.report)
    if derived:
        paras.append(Para(plain("Derived values"), head))
        paras.append(Para(plain("Values marked with an asterisk (*) are computed by this report from published "
                                "figures; they are not published figures themselves."), body))
        paras += [Para(plain(n), body, "bullet") for n in derived]
    paras += [Para(plain(n), body) for n in report.notes]
    return paras


def speaker_notes(items: list[Item], extra: str) -> str:
    """Speaker notes for a slide: the layout's notes, then what the slide's data says in full."""
    lines = [extra.strip()] if extra.strip() else []
    for item in items:
        if isinstance(item, ChartItem):
            lines.append(item.spec.alt_text)
            if item.spec.derived_note:
                lines.append(item.spec.derived_note)
        elif isinstance(item, TextItem) and item.role in ("figure", "quote", "body"):
            lines.append(_paragraphs(item))
    return "\n\n".join(dict.fromkeys(l for l in lines if l))


def _paragraphs(item: TextItem) -> str:
    """A text item's words, one paragraph a line, bullets kept as "• " (not its line breaks)."""
    paragraphs: list[str] = []
    for line in item.lines:
        words = "".join(p.text + (" " if p.x < 0 else "") for p in line.pieces)  # x < 0: a hanging bullet
        if line.starts_paragraph or not paragraphs:
            paragraphs.append(words)
        else:
            paragraphs[-1] += " " + words
    return "\n".join(" ".join(p.split()) for p in paragraphs if p)
