"""Marked content written while drawing, and the structure it belongs to.

The open-source reportlab writes no tags, so the PDF backend brackets what it draws with
marked-content operators itself (BDC/EMC with an /MCID for content, /Artifact for furniture)
and records here which structure element each piece of content belongs to. The structure
tree itself is written afterwards, from that record (see generator.render.structure).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Union

from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class Mark:
    """A marked-content sequence: the page it is on (from 0) and its MCID there."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annot:
    """A link annotation: the page it is on and its index in that page's /Annots."""

    page: int
    index: int
    contents: str


@dataclass
class Node:
    """A structure element being recorded: its type, kids in reading order, alt text, box."""

    tag: str
    kids: list[Union["Node", Mark, Annot]] = field(default_factory=list)
    alt: str = ""
    bbox: tuple[float, float, float, float] | None = None  # PDF units, for Figures
    target: str | None = None  # for a Link: where it goes, so the pieces of one link share one element

    def add(self, tag: str, **extra) -> "Node":
        """A new child element, appended (so in reading order)."""
        node = Node(tag, **extra)
        self.kids.append(node)
        return node


class Tagger:
    """Hands out MCIDs page by page and writes the operators that mark content on a canvas."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.root = Node("Document")
        self.page = -1
        self.section = self.root
        self._mcid = 0
        self._annots = 0

    def new_page(self) -> Node:
        """Start the next page: a Sect of its own, MCIDs and annotations counted from 0."""
        self.page += 1
        self._mcid = 0
        self._annots = 0
        self.section = self.root.add("Sect")
        return self.section

    @contextmanager
    def artifact(self, pagination: bool = False) -> Iterator[None]:
        """Draw furniture that assistive technology should skip (typed when it is pagination)."""
        self._literal("/Artifact <</Type /Pagination>> BDC" if pagination else "/Artifact BMC")
        yield
        self._literal("EMC")

    @contextmanager
    def content(self, parent: Node) -> Iterator[None]:
        """Draw real content that belongs to `parent`, as a new marked-content sequence."""
        mark = Mark(self.page, self._mcid)
        self._mcid += 1
        parent.kids.append(mark)
        self._literal(f"/{_marked_tag(parent.tag)} <</MCID {mark.mcid}>> BDC")
        yield
        self._literal("EMC")

    @contextmanager
    def actual_text(self, text: str) -> Iterator[None]:
        """Draw something that reads as `text` (a hyphen glyph that is a soft hyphen), inside the current content."""
        hex_text = "FEFF" + text.encode("utf-16-be").hex().upper()
        self._literal(f"/Span <</ActualText <{hex_text}>>> BDC")
        yield
        self._literal("EMC")

    def link(self, parent: Node, contents: str) -> None:
        """Record that the next link annotation drawn on this page belongs to `parent`."""
        parent.kids.append(Annot(self.page, self._annots, contents))
        self._annots += 1

    def _literal(self, operator: str) -> None:
        """Append a raw operator to the page's content stream, outside any text object."""
        self.canvas.addLiteral(operator)


def _marked_tag(tag: str) -> str:
    """The tag for the marked content itself: the element's own type (any name is allowed)."""
    return tag if tag.isalnum() else "Span"
