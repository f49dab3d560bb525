"""The shape of layout and theme files, as pydantic models (validation with spans)."""

from __future__ import annotations

import builtins
from typing import Annotated, Literal

from generator.charts.kinds import ChartKind
from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

Colour = Annotated[str, StringConstraints(pattern=r"^(#[0-9A-Fa-f]{6}|[a-z][a-z0-9_]*)$")]
Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
Track = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?(fr|pt)$")] | Annotated[float, Field(ge=0, le=10_000)]
Gap = Annotated[float, Field(ge=0, le=1_000)]


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
    space_after: float = 0
    upper: bool = False
    tracking: float = 0


class Logo(Strict):
    """A simple wordmark drawn as vector shapes in both outputs."""

    mark: str
    name: str
    colour: Colour = "primary"
    text_colour: Colour = "ink"


class ThemeFile(Strict):
    """A brand theme: colours, chart palette, fonts, type scale, logo, spacing."""

    name: str
    extends: str | None = None
    colours: dict[Name, Colour] = Field(default_factory=dict)
    chart_palette: list[Colour] = Field(default_factory=list)
    fonts: dict[Name, FontFamily] = Field(default_factory=dict)
    styles: dict[Name, TextStyle] = Field(default_factory=dict)
    logo: Logo | None = None
    spacing: dict[Name, float] = Field(default_factory=dict)


# ---- layout ----------------------------------------------------------------

class Margins(Strict):
    """Page or slide margins in points."""

    top: float = 0
    right: float = 0
    bottom: float = 0
    left: float = 0


def _number_or_list(value: object) -> str:
    """Pick one branch of a number-or-list field, so an error names one expectation, not two."""
    return "list" if isinstance(value, (list, tuple)) else "number"


class Grid(Strict):
    """Columns, rows and gaps, with named areas in the spirit of CSS grid-template-areas."""

    columns: Annotated[list[Track], Field(min_length=1, max_length=48)] | Annotated[int, Field(ge=1, le=48)]
    rows: Annotated[list[Track], Field(min_length=1, max_length=48)] | Annotated[int, Field(ge=1, le=48)]
    gap: Annotated[
        Annotated[Gap, Tag("number")]
        | Annotated[list[Gap], Field(min_length=2, max_length=2, description="[row gap, column gap]"), Tag("list")],
        Discriminator(_number_or_list),
    ] = 0
    areas: list[str] = Field(min_length=1)


class Block(Strict):
    """A block placed in an area and bound to data."""

    area: Name
    type: Literal["heading", "text", "section", "figure", "figures", "chart", "quote", "list",
                  "logo", "image", "table", "rule", "shape", "sources"]
    text: str | None = None
    style: Name | None = None
    size: builtins.list[float] | None = Field(None, min_length=2, max_length=2, description="[smallest, preferred] size.")
    colour: Colour | None = None
    fill: Colour | None = None
    align: Literal["left", "centre", "right"] = "left"
    valign: Literal["top", "middle", "bottom"] = "top"
    figure: Name | None = None
    figures: builtins.list[Name] | Literal["headline"] | None = None
    columns: Annotated[int, Field(ge=1, le=6)] | Literal["auto"] = Field(
        "auto", description='Tiles per row, or "auto" for the count that sets their text largest.')
    series: Name | None = None
    chart: "ChartOptions | None" = None
    quote: Name | None = None
    list: Name | None = None
    section: Name | None = None
    path: str | None = None
    variant: Literal["light", "dark"] = "dark"
    padding: float = 0
    notes: str | None = None
    title: bool | None = Field(None, description="Make this heading the page's title (default: h1 and display headings).")


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

    section: Name | None = None
    quote: Name | None = None
    list: Name | None = None
    chart: Name | None = None
    series: Name | None = None
    options: ChartOptions | None = None
    height: float = 200
    sources: bool = False
    heading: str | None = None
    full_quote: Name | None = Field(None, description="A quote in full, with its speaker and role.")
    figure: Name | None = Field(None, description="A figure box (tile) set into the flow whole.")


class Flow(Strict):
    """Narrative that flows through areas and continues on new pages with the same grid."""

    into: list[Name] = Field(min_length=1)
    content: list[FlowItem] = Field(min_length=1)


class Master(Strict):
    """Header, footer, background and page numbers that pages inherit."""

    background: Colour | None = None
    header: str | None = None
    footer: str | None = None
    page_number: bool = True
    logo: bool = True
    band: Colour | None = None


class Page(Strict):
    """A page or slide: a grid, a master, blocks; repeated per item or flowing narrative."""

    id: Name
    grid: Name
    master: Name | Literal["none"] = "default"
    background: Colour | None = None
    repeat: Literal["quotes", "headline_figures", "series"] | None = None
    blocks: list[Block] = Field(default_factory=list)
    flow: Flow | None = None
    notes: str | None = None
    title: str | None = None


class LayoutFile(Strict):
    """A whole layout file for one output."""

    output: Literal["pdf", "deck"]
    extends: str | None = None
    theme: str | None = None
    size: list[float] | Literal["A4", "16:9"] | None = None
    margins: Margins | None = None
    grids: dict[Name, Grid] = Field(default_factory=dict)
    masters: dict[Name, Master] = Field(default_factory=dict)
    pages: list[Page] = Field(default_factory=list)


Block.model_rebuild()
