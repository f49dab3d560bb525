"""The shape of layout and theme files, as pydantic models (validation with spans)."""

from __future__ import annotations

import builtins
from typing import Annotated, Literal

from generator.charts.kinds import ChartKind
from generator.model.collections import COLLECTIONS
from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

Colour = Annotated[str, StringConstraints(pattern=r"^(#[0-9A-Fa-f]{6}|[a-z][a-z0-9_]*)$")]
Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
Track = Annotated[str, StringConstraints(pattern=r"^\d{1,5}(\.\d{1,3})?(fr|pt)$")] | Annotated[float, Field(ge=0, le=10_000)]
# A row may also be `auto`: as tall as what its areas hold, set at its preferred size.
RowTrack = Track | Literal["auto"]
Gap = Annotated[float, Field(ge=0, le=1_000)]
# Every length is bounded, so no arithmetic on it overflows and no box is absurd; the bounds are
# far beyond any real page (14,400 pt, 200 inches, is the largest page a PDF may have).
Length = Annotated[float, Field(ge=0, le=1_000)]
FontSize = Annotated[float, Field(gt=0, le=400)]
PageSide = Annotated[float, Field(ge=72, le=14_400)]


class Strict(BaseModel):
    """Base for layout objects: immutable, no unknown keys, no type coercion."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# ---- theme -----------------------------------------------------------------

class FontFamily(Strict):
    """Font files of one family, and the name the deck gives it (a font presenters have)."""

    regular: str
    bold: str | None = None
    italic: str | None = None
    bold_italic: str | None = None
    deck_name: str = Field(description="Family named in the .pptx: metric-compatible with these files.")


class TextStyle(Strict):
    """One step of the type scale."""

    family: str = "sans"
    bold: bool = False
    italic: bool = False
    size: float = Field(gt=0, le=400)
    min_size: float | None = Field(None, gt=0, le=400)
    leading: float = Field(1.2, ge=0.8, le=3)
    colour: Colour = "ink"
    space_after: Length = 0
    upper: bool = False
    tracking: Annotated[float, Field(ge=-100, le=100)] = 0
    hyphenate: bool = Field(False, description="Running text in this style may be hyphenated, where the layout "
                            "hyphenates (never display text or a figure's value).")


class Logo(Strict):
    """The organisation's logo: an image file in the theme folder, or a wordmark typeset in both outputs.

    Without a file, the wordmark is a square mark with `mark` beside `name`; either
    defaults to the report's own short name and organisation.
    """

    file: str | None = Field(None, description="An SVG (kept vector in the PDF), PNG or JPEG logo, relative to the "
                             "theme file (on light backgrounds).")
    file_light: str | None = Field(None, description="A version for dark backgrounds (default: the wordmark).")
    mark: str | None = None
    name: str | None = None
    colour: Colour = "primary"
    text_colour: Colour = "ink"


class DeckOverrides(Strict):
    """What a theme changes for slides: a type scale for reading across a room, and so on."""

    colours: dict[Name, Colour] = Field(default_factory=dict)
    styles: dict[Name, TextStyle] = Field(default_factory=dict)
    spacing: dict[Name, Annotated[float, Field(ge=0, le=1_000)]] = Field(default_factory=dict)


LayoutName = Annotated[str, StringConstraints(min_length=1, max_length=255)]


class ThemeFile(Strict):
    """A brand theme: colours, chart palette, fonts, type scale, logo, spacing, and the deck's template."""

    name: str
    deck: DeckOverrides | None = Field(None, description="Overrides for the deck (merged over the rest).")
    extends: str | None = None
    colours: dict[Name, Colour] = Field(default_factory=dict)
    chart_palette: list[Colour] = Field(default_factory=list)
    fonts: dict[Name, FontFamily] = Field(default_factory=dict)
    styles: dict[Name, TextStyle] = Field(min_length=1)
    logo: Logo | None = None
    spacing: dict[Name, Length] = Field(default_factory=dict)
    deck_template: str | None = Field(None, description="A PowerPoint presentation or template (.pptx, .potx) "
                                      "to build the deck on, relative to this file (--deck-template overrides it).")
    deck_layouts: dict[Name, LayoutName | Annotated[list[LayoutName], Field(min_length=1, max_length=20)]] = Field(
        default_factory=dict, description="For each kind of slide, the name of the template's slide layout it takes, "
        "or names to try in order (any case).")


# ---- layout ----------------------------------------------------------------

class Margins(Strict):
    """Page or slide margins in points."""

    top: Length = 0
    right: Length = 0
    bottom: Length = 0
    left: Length = 0


def _number_or_list(value: object) -> str:
    """Pick one branch of a number-or-list field, so an error names one expectation, not two."""
    return "list" if isinstance(value, (list, tuple)) else "number"


class Grid(Strict):
    """Columns, rows and gaps, with named areas in the spirit of CSS grid-template-areas."""

    columns: Annotated[list[Track], Field(min_length=1, max_length=48)] | Annotated[int, Field(ge=1, le=48)]
    rows: Annotated[list[RowTrack], Field(min_length=1, max_length=48)] | Annotated[int, Field(ge=1, le=48)]
    gap: Annotated[
        Annotated[Gap, Tag("number")]
        | Annotated[list[Gap], Field(min_length=2, max_length=2, description="[row gap, column gap]"), Tag("list")],
        Discriminator(_number_or_list),
    ] = 0
    areas: list[Annotated[str, StringConstraints(max_length=2_000)]] = Field(min_length=1, max_length=48)


# A binding names a key of the data file (`quote: ken_jones`) or an item of a collection
# (`quote: pull_quotes[0]`), so a shipped layout can bind by role and a bespoke one by key.
Binding = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*(\[\d{1,3}\])?$", max_length=80)]
Collection = Literal[tuple(COLLECTIONS)]  # type: ignore[valid-type]


class BlockBase(Strict):
    """What every block has: where it sits and how its text is styled."""

    area: Name
    style: Name | None = None
    size: builtins.list[FontSize] | None = Field(None, min_length=2, max_length=2, description="[smallest, preferred] size.")
    colour: Colour | None = None
    fill: Colour | None = None
    align: Literal["left", "centre", "right"] = "left"
    valign: Literal["top", "middle", "bottom"] = "top"
    padding: Annotated[float, Field(ge=0, le=500)] = 0
    once: bool = Field(False, description="On a page repeated for a collection, or flowing onto further pages, "
                       "only on its first page.")


class HeadingBlock(BlockBase):
    """A heading: one or more lines of text with placeholders."""

    type: Literal["heading"]
    text: str
    title: bool | None = Field(None, description="Make this heading the page's title (default: h1 and display headings).")


class TextBlock(BlockBase):
    """Text in light Markdown, with placeholders."""

    type: Literal["text"]
    text: str


class SectionBlock(BlockBase):
    """A narrative section's title and body."""

    type: Literal["section"]
    section: Binding | None = None


class FigureBlock(BlockBase):
    """One figure as a tile."""

    type: Literal["figure"]
    figure: Binding | None = None


class FiguresBlock(BlockBase):
    """A tile per figure of a collection (or of a list of keys)."""

    type: Literal["figures"]
    figures: builtins.list[Name] | Collection | Literal["headline"] | None = None
    columns: Annotated[int, Field(ge=1, le=6)] | Literal["auto"] = Field(
        "auto", description='Tiles per row, or "auto" for the count that sets their text largest.')
    tile_height: Literal["area", "content"] = Field(
        "area", description="area: the tiles share the area's height; content: each row of tiles is as tall as "
        "its text, rows stacked from the top.")
    grow: bool = Field(True, description="Set a few figures larger than their style when the area has room "
                       "(false: never above the preferred size, as in an `auto` row).")


class TableBlock(BlockBase):
    """A table of figures: value and label per row."""

    type: Literal["table"]
    figures: builtins.list[Name] | Collection | Literal["headline"] | None = None


class ChartBlock(BlockBase):
    """A chart of one series."""

    type: Literal["chart"]
    series: Binding | None = None
    chart: "ChartOptions | None" = None


class ChartsBlock(BlockBase):
    """A chart per series of a collection, arranged to fill the area."""

    type: Literal["charts"]
    charts: builtins.list[Name] | Collection | None = None
    chart: "ChartOptions | None" = None


class QuoteBlock(BlockBase):
    """A pull quote with its speaker and role."""

    type: Literal["quote"]
    quote: Binding | None = None


class ListBlock(BlockBase):
    """A titled list."""

    type: Literal["list"]
    list: Binding | None = None
    show_title: bool = Field(True, description="Set the list's title above it (off when the page's heading says it).")


class ContentsBlock(BlockBase):
    """A contents list: each part of the document after this page, with its page number, linked to it."""

    type: Literal["contents"]
    heading: str | None = Field("Contents", description="The list's heading (null: none).")
    min_pages: Annotated[int, Field(ge=1, le=10_000)] = Field(
        5, description="The list appears only when the document has at least this many pages.")


class SourcesBlock(BlockBase):
    """Sources, notes and how every derived value was computed."""

    type: Literal["sources"]


class LogoBlock(BlockBase):
    """The theme's logo, or a wordmark typeset from the organisation's short name."""

    type: Literal["logo"]
    variant: Literal["light", "dark"] = "dark"


class ImageBlock(BlockBase):
    """An image file (PNG or JPEG), with its alt text."""

    type: Literal["image"]
    path: str
    text: str | None = Field(None, description="Alt text.")


class RuleBlock(BlockBase):
    """A rule along the top of the area."""

    type: Literal["rule"]


class ShapeBlock(BlockBase):
    """A filled box."""

    type: Literal["shape"]


Block = Annotated[
    HeadingBlock | TextBlock | SectionBlock | FigureBlock | FiguresBlock | TableBlock | ChartBlock | ChartsBlock
    | QuoteBlock | ListBlock | SourcesBlock | LogoBlock | ImageBlock | RuleBlock | ShapeBlock | ContentsBlock,
    Field(discriminator="type"),
]
BLOCK_KINDS = ("heading", "text", "section", "figure", "figures", "table", "chart", "charts", "quote", "list",
               "sources", "logo", "image", "rule", "shape", "contents")

# `when:` a mapping of collections to the least number of items each needs (or [least, most]),
# or a list of collections of which at least one must have items.
Count = Annotated[int, Field(ge=0, le=10_000)]
When = dict[Collection, Count | Annotated[builtins.list[Count], Field(min_length=2, max_length=2)]] | Annotated[
    builtins.list[Collection], Field(min_length=1)]


class ChartOptions(Strict):
    """How a chart block draws its series."""

    kind: ChartKind = "column"
    title: str | None = None
    x_title: str | None = None
    y_title: str | None = None
    number_format: str | None = None
    sort: Literal["none", "ascending", "descending"] = "none"
    highlight: str | None = None
    data_labels: bool = True
    legend: Literal["none", "top", "bottom", "right", "left"] = "none"


class FlowItem(Strict):
    """One thing set into the narrative flow."""

    section: Binding | None = None
    sections: Literal["all"] | None = Field(None, description="Every section in order, each followed by the charts "
                                            "and pull quotes the data file sets after it.")
    pull_quotes: Literal["all", "rest", "none"] = Field(
        "rest", description="With `sections:`, pull quotes placed after their sections (or spread through the "
        "narrative): all, all but the first (shown elsewhere), or none.")
    quotes_in_full: bool = Field(False, description="With `sections:`, each quote that names a section is set in "
                                 "full after it; a pull quote is then set only after the passage it is pulled from.")
    quote: Binding | None = None
    list: Binding | None = None
    lists: Literal["all"] | None = None
    chart: Binding | None = None
    series: Binding | None = None
    charts: Collection | None = Field(None, description="A collection's charts (other_charts: those neither featured "
                                      "nor set after a section), each set whole.")
    options: ChartOptions | None = None
    height: Annotated[float, Field(gt=0, le=5_000)] | None = Field(None, description="Height of a quote, chart or "
                                                                  "figure box (default: measured).")
    sources: bool = False
    heading: str | None = None
    full_quote: Binding | None = Field(None, description="A quote in full, with its speaker and role.")
    full_quotes: Literal["all"] | Collection | None = Field(None, description="Every quote (all), or those of a "
                                                            "collection (other_quotes: those the narrative does not set), in full.")
    figure: Binding | None = Field(None, description="A figure box (tile) set into the flow whole.")
    figures: Collection | None = Field(None, description="A collection of figures, as a list of values and labels.")
    when: When | None = None


class Flow(Strict):
    """Narrative that flows through areas and continues on new pages with the same grid."""

    into: list[Name] = Field(min_length=1)
    content: list[FlowItem] = Field(min_length=1, max_length=500)


class Master(Strict):
    """Header, footer, background and page numbers that pages inherit."""

    background: Colour | None = None
    header: str | None = None
    footer: str | None = None
    page_number: bool = True
    logo: bool = True
    band: Colour | None = None


class Variant(Strict):
    """One arrangement of a page, used when the data holds what it needs."""

    when: When | None = None
    grid: Name | None = None
    blocks: list[Block] | None = Field(None, max_length=200)
    flow: Flow | None = None
    background: Colour | None = None
    notes: str | None = None


class Page(Strict):
    """A page or slide: a grid, a master, blocks; repeated per item or flowing narrative."""

    id: Name
    grid: Name | None = None
    master: Name | Literal["none"] = "default"
    background: Colour | None = None
    when: When | None = Field(None, description="The page appears only when the data holds this.")
    repeat: Collection | None = None
    per_page: Annotated[int, Field(ge=1, le=48)] = Field(1, description="Items of `repeat:` on each page.")
    variants: list[Variant] = Field(default_factory=list, description="Arrangements tried in order: the first whose "
                                    "`when:` holds is used; none holding leaves the page out.")
    blocks: list[Block] = Field(default_factory=list, max_length=200)
    flow: Flow | None = None
    notes: str | None = None
    title: str | None = None
    slide_layout: Name | None = Field(None, description="The deck's kind of slide (title, figures, chart, quote, "
                                      "list, body, closing...): its slide layout, on the deck's own master or "
                                      "the brand template's (default: body).")


class LayoutFile(Strict):
    """A whole layout file for one output."""

    output: Literal["pdf", "deck"]
    extends: str | None = None
    theme: str | None = None
    hyphenate: bool = Field(False, description="Hyphenate running text (the styles that allow it) in the report's "
                            "language: for narrow columns of print, not for slides.")
    size: Annotated[list[PageSide], Field(min_length=2, max_length=2)] | Literal["A4", "16:9"] | None = None
    margins: Margins | None = None
    grids: dict[Name, Grid] = Field(default_factory=dict, max_length=200)
    masters: dict[Name, Master] = Field(default_factory=dict)
    pages: list[Page] = Field(default_factory=list, max_length=200)


for _model in (ChartBlock, ChartsBlock):
    _model.model_rebuild()
