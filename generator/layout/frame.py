"""The hand-off between layout and render: pages of positioned items, in points from the top left."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

from generator.charts.spec import ChartSpec
from generator.layout.fonts import Font

Align = Literal["left", "centre", "right"]


@dataclass(frozen=True)
class Box:
    """A rectangle in points; (x, y) is its top-left corner, y grows downwards."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def inset(self, d: float) -> "Box":
        """The box shrunk by `d` on every side."""
        return Box(self.x + d, self.y + d, max(0.0, self.w - 2 * d), max(0.0, self.h - 2 * d))

    def overlaps(self, other: "Box") -> bool:
        """True when the two boxes share some area."""
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom


@dataclass(frozen=True)
class Piece:
    """A run of text in one face, size and colour, placed on a line."""

    text: str
    font: Font
    size: float
    colour: str
    x: float  # from the line's left edge
    width: float
    link: str | None = None
    source: str | None = None  # the words as written, when `text` shows them in capitals (the deck sets caps)


@dataclass(frozen=True)
class Line:
    """One laid-out line: its pieces, left offset, baseline and the paragraph it starts."""

    pieces: tuple[Piece, ...]
    x: float  # from the text box's left edge
    width: float
    baseline: float  # from the text box's top
    height: float  # line pitch (leading)
    space_before: float  # extra space above this line when it starts a paragraph
    align: Align
    starts_paragraph: bool
    indent: float  # left indent of the paragraph (hanging bullets)
    # How the line ends when its paragraph goes on to the next line: at a space between words
    # ("space"), inside a word too long for a line, such as a web address broken after a slash
    # ("word"), or at a break the layout chose although the next word would have fitted
    # ("break": balanced display lines, a dash kept off the start of a line). A backend that
    # lets its client wrap the paragraph joins the lines with a space or nothing, and keeps
    # the chosen breaks as line breaks.
    ends: Literal["space", "word", "break"] = "space"


@dataclass(frozen=True)
class TextItem:
    """A text box whose line breaks and sizes are final."""

    box: Box
    lines: tuple[Line, ...]
    role: str = "text"  # heading, body, figure, quote...: for notes and tests
    valign: Literal["top", "middle", "bottom"] = "top"  # where the lines sit in the box (they are placed so)
    slot: str | None = None  # the slide placeholder it fills (a Slot's name), if any

    @property
    def text(self) -> str:
        """The plain text, lines joined by newlines."""
        return "\n".join("".join(p.text for p in line.pieces) for line in self.lines)


@dataclass(frozen=True)
class RectItem:
    """A filled and/or stroked rectangle."""

    box: Box
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    radius: float = 0.0


@dataclass(frozen=True)
class RuleItem:
    """A straight line from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 0.75


@dataclass(frozen=True)
class ChartItem:
    """A chart drawn into its box."""

    box: Box
    spec: ChartSpec
    slot: str | None = None  # the slide placeholder it fills (a Slot's name), if any


@dataclass(frozen=True)
class ImageItem:
    """A raster or vector image file placed in a box (aspect kept, centred)."""

    box: Box
    path: str
    description: str = ""
    decorative: bool = False  # a logo or ornament: an artifact in the PDF, marked decorative in the deck


Item = Union[TextItem, RectItem, RuleItem, ChartItem, ImageItem]

SLIDE_NUMBER = "Slide Number"  # the slot of a master's page number: a field in the deck


@dataclass(frozen=True)
class TextLook:
    """How text in a slot is styled unless its runs say otherwise: the deck writes it on the slide layout."""

    family: str  # the family the deck names
    bold: bool
    italic: bool
    size: float
    colour: str
    upper: bool
    align: Align
    leading: float  # line pitch as a multiple of the size
    bullets: bool = False  # its paragraphs are bulleted unless they say otherwise


@dataclass(frozen=True)
class Slot:
    """A placeholder of a kind of slide: where the layout puts one block, and what it holds.

    `kind` is the placeholder's type as the deck writes it: title, ctrTitle, subTitle, body,
    chart, obj (any content: tiles, a table) or sldNum.
    """

    name: str
    kind: str
    idx: int
    box: Box
    valign: Literal["top", "middle", "bottom"] = "top"
    look: TextLook | None = None


@dataclass(frozen=True)
class PageFrame:
    """One page or slide: its size, background, items in drawing order, and speaker notes."""

    id: str
    width: float
    height: float
    background: str | None
    items: tuple[Item, ...]
    notes: str = ""
    number: int = 0
    title: str = ""  # for the PDF's outline and the deck's slide title (screen readers, slide sorter)
    title_item: int | None = None  # index in `items` of the text that is the page's title, if any
    part: str = ""  # the layout page's own title ("The year in review"), shared by the pages it makes
    kind: str = ""  # the deck's kind of slide (the layout's `slide_layout:`), whose slide layout it uses
    slots: tuple[Slot, ...] = ()  # the placeholders of its kind of slide
    master: str | None = None  # the layout master it shows, if any
    furniture: int = 0  # how many of `items`, from the first, the master drew
    headings: tuple[str, ...] = ()  # the headings a flow set on this page, for a contents list

    @property
    def cover(self) -> bool:
        """A page without a master: the front or back cover."""
        return self.master is None


@dataclass(frozen=True)
class Metadata:
    """Document metadata written by both backends."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str


@dataclass(frozen=True)
class Brand:
    """The theme as a deck's own theme part carries it: a colour for each slot of the scheme, two fonts.

    `colours` maps each OOXML scheme slot (dk1, lt1, dk2, lt2, accent1-6, hlink, folHlink)
    to "#RRGGBB"; `major` is the family headings are set in, `minor` the body's.
    """

    name: str
    colours: tuple[tuple[str, str], ...]
    major: str
    minor: str
    heading: TextLook | None = None  # the master's title style
    body: TextLook | None = None  # the master's body style


@dataclass(frozen=True)
class BrandTemplate:
    """A brand template a deck is built on: the file as read, and the slide layout each kind of slide takes.

    `layouts` holds (kind, master, layout): the layout's index within its slide master's.
    """

    path: str
    data: bytes
    layouts: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Document:
    """A laid-out document: the output it is for, its pages and metadata."""

    output: Literal["pdf", "deck"]
    pages: tuple[PageFrame, ...]
    metadata: Metadata
    brand: Brand | None = None
    template: BrandTemplate | None = None  # the deck's brand template, if it is built on one
