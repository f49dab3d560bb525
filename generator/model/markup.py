"""Light Markdown (emphasis, links, bullet lists) parsed into styled runs, via markdown-it-py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from markdown_it import MarkdownIt

BlockKind = Literal["paragraph", "bullet"]

# CommonMark without raw HTML: data text is never trusted as markup for the renderers.
_PARSER = MarkdownIt("commonmark", {"html": False}).disable(["image", "heading", "lheading", "code", "fence", "table"], ignoreInvalid=True)


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph or a bullet item, as styled runs."""

    kind: BlockKind
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        """The plain text of the block."""
        return "".join(run.text for run in self.runs)


def parse_blocks(source: str) -> tuple[Block, ...]:
    """Parse Markdown into paragraphs and bullet items (nested lists are flattened)."""
    blocks: list[Block] = []
    in_item = 0
    for token in _PARSER.parse(source):
        if token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "inline":
            blocks.append(Block("bullet" if in_item else "paragraph", parse_inline_tokens(token.children or [])))
    return tuple(blocks)


def parse_inline(source: str) -> tuple[Run, ...]:
    """Parse one line of inline Markdown into runs."""
    runs: list[Run] = []
    for block in parse_blocks(source):
        if runs:
            runs.append(Run(" "))
        runs.extend(block.runs)
    return tuple(runs)


def parse_inline_tokens(children: list) -> tuple[Run, ...]:
    """Walk inline tokens, tracking emphasis and links."""
    bold = italic = 0
    link: str | None = None
    runs: list[Run] = []
    for tok in children:
        kind = tok.type
        if kind in ("text", "code_inline", "html_inline"):
            runs.append(Run(tok.content, bold > 0, italic > 0, link))
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold > 0, italic > 0, link))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            link = str(tok.attrs.get("href", ""))
        elif kind == "link_close":
            link = None
    return _merge(runs)


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    """Join neighbouring runs of the same style."""
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].link) == (run.bold, run.italic, run.link):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.link)
        elif run.text:
            merged.append(run)
    return tuple(merged)
