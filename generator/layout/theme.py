"""A resolved theme: hex colours, registered fonts and styles ready for measuring."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from generator.diagnostics import Collector, Span, SpanlessError
from generator.layout import fonts
from generator.layoutfile.spec import TextStyle, ThemeFile
from generator.load.boundary import Boundary, Refused
from generator.load.filekinds import font_file, image_file
from generator.load.spans import SpanMap


@dataclass(frozen=True)
class Family:
    """The faces of one font family."""

    regular: fonts.Font
    bold: fonts.Font
    italic: fonts.Font
    bold_italic: fonts.Font

    def face(self, bold: bool, italic: bool) -> fonts.Font:
        """The face for a weight and slant (falling back to what the family has)."""
        if bold and italic:
            return self.bold_italic
        return self.bold if bold else self.italic if italic else self.regular


@dataclass(frozen=True)
class Style:
    """A text style with its family resolved and its colour in hex."""

    family: Family
    bold: bool
    italic: bool
    size: float
    min_size: float
    leading: float
    colour: str
    space_after: float
    upper: bool
    tracking: float
    hyphenate: bool = False  # running text that may be hyphenated where the output hyphenates

    @property
    def font(self) -> fonts.Font:
        """The face this style sets text in."""
        return self.family.face(self.bold, self.italic)

    def scaled(self, size: float) -> "Style":
        """The same style at another size (space after scales with it)."""
        ratio = size / self.size
        return replace(self, size=size, space_after=self.space_after * ratio)


@dataclass(frozen=True)
class Theme:
    """Everything of the brand, resolved."""

    name: str
    colours: Mapping[str, str]
    palette: tuple[str, ...]
    families: Mapping[str, Family]
    styles: Mapping[str, Style]
    logo_mark: str  # "" for the report's short name
    logo_name: str  # "" for the organisation's name
    logo_colour: str
    logo_text_colour: str
    spacing: Mapping[str, float]
    logo_file: str | None = None  # an image logo, for light backgrounds
    logo_file_light: str | None = None  # and for dark ones
    # The deck's brand template as the theme names it (relative to the theme file that set it,
    # not yet checked: only the deck reads it), and where; and for each kind of slide the names
    # of the template's slide layouts to try, with where the theme maps it.
    deck_template: tuple[Path, Span] | None = None
    deck_layouts: Mapping[str, tuple[tuple[str, ...], Span]] = field(default_factory=lambda: MappingProxyType({}))

    def colour(self, name: str) -> str:
        """A colour by theme name or as "#RRGGBB" (names were checked when the layout was loaded)."""
        return name if name.startswith("#") else self.colours.get(name, "#000000")

    def style(self, name: str) -> Style:
        """A text style by name."""
        return self.styles[name]


# Colours the block builders and masters draw with, by name: every theme names them.
REQUIRED_COLOURS = ("primary", "accent", "ink", "paper", "tint", "rule")


def build_theme(spec: ThemeFile, base: Path, spans: SpanMap, problems: Collector,
                boundary: Boundary | None = None) -> Theme | None:
    """Resolve a validated theme file; missing fonts and unknown colours are diagnostics.

    Font files are read only inside `boundary` (by default, the project around the theme).
    """
    colours = dict(spec.colours)
    for name, value in spec.colours.items():
        if not value.startswith("#"):
            problems.error(spans.at(("colours", name)), f"colour {name!r} must be #RRGGBB",
                           "a theme's own colours are written #RRGGBB, e.g. #0E2A47")
    boundary = boundary or Boundary.around(Path(spans.file))
    families = _families(spec, spans, problems, boundary)
    palette = tuple(_colour(c, colours, spans, ("chart_palette", i), problems) for i, c in enumerate(spec.chart_palette))
    styles = {}
    for name, style in spec.styles.items():
        if style.family not in families:
            if style.family not in spec.fonts:
                problems.error(spans.at(("styles", name, "family")), f"unknown font family {style.family!r}",
                               "families: " + ", ".join(spec.fonts))
            continue
        styles[name] = _style(style, families[style.family], colours, spans, ("styles", name), problems)
    if not styles and not problems.has_errors:
        problems.error(spans.key(("styles",)), "the theme defines no text styles",
                       "give it `styles:` (body, h1, ...), or `extends:` a theme that has them")
    if problems.has_errors:
        return None
    # Reported without stopping: the layout's own colour names are still checked against this theme.
    missing = [name for name in REQUIRED_COLOURS if name not in colours]
    if missing:
        problems.error(spans.key(("colours",)), "the theme has no colour " + ", ".join(repr(m) for m in missing),
                       "every theme names these colours: " + ", ".join(REQUIRED_COLOURS))
    logo = spec.logo
    return Theme(spec.name, MappingProxyType(colours), palette, MappingProxyType(families), MappingProxyType(styles),
                 (logo.mark or "") if logo else "", (logo.name or "") if logo else "",
                 _colour(logo.colour, colours, spans, ("logo",), problems) if logo else colours.get("primary", "#000000"),
                 _colour(logo.text_colour, colours, spans, ("logo",), problems) if logo else colours.get("ink", "#000000"),
                 MappingProxyType(dict(spec.spacing)),
                 _logo_file(logo.file if logo else None, spans, ("logo", "file"), problems, boundary),
                 _logo_file(logo.file_light if logo else None, spans, ("logo", "file_light"), problems, boundary),
                 _deck_template(spec, spans), _deck_layouts(spec, spans))


def _deck_template(spec: ThemeFile, spans: SpanMap) -> tuple[Path, Span] | None:
    """The template the theme names, as a path beside the theme file that named it, and its span."""
    if not spec.deck_template:
        return None
    span = spans.at(("deck_template",))
    return Path(span.path).parent / spec.deck_template, span


def _deck_layouts(spec: ThemeFile, spans: SpanMap) -> Mapping[str, tuple[tuple[str, ...], Span]]:
    """Each kind's candidate layout names, with the span of its mapping."""
    return MappingProxyType({kind: ((names,) if isinstance(names, str) else tuple(names),
                                    spans.at(("deck_layouts", kind)))
                             for kind, names in spec.deck_layouts.items()})


def _logo_file(name: str | None, spans: SpanMap, path: tuple, problems: Collector, boundary: Boundary) -> str | None:
    """A logo image beside the theme file that named it: an SVG, PNG or JPEG inside the project."""
    if not name:
        return None
    try:
        file = image_file(boundary, Path(spans.at(path).path).parent / name)
    except Refused as exc:
        problems.error(spans.at(path), f"logo file {name!r} {exc.message}", exc.hint or "the path is relative to the theme file")
        return None
    return str(file)


def _colour(value: str, colours: dict[str, str], spans: SpanMap, path: tuple, problems: Collector) -> str:
    """A colour reference resolved to hex."""
    if value.startswith("#"):
        return value.upper()
    if value not in colours:
        problems.error(spans.at(path), f"unknown colour {value!r}", "colours: " + ", ".join(colours))
        return "#000000"
    return colours[value].upper()


def _families(spec: ThemeFile, spans: SpanMap, problems: Collector, boundary: Boundary) -> dict[str, Family]:
    """Register every family's font files."""
    result = {}
    for name, fam in spec.fonts.items():
        faces = {}
        for face in ("regular", "bold", "italic", "bold_italic"):
            rel = getattr(fam, face) or fam.regular
            # A font path is relative to the theme file that set it (a parent theme, when extended).
            origin = Path(spans.at(("fonts", name, face if getattr(fam, face) else "regular")).path).parent
            try:
                path = font_file(boundary, origin / rel)
            except Refused as exc:
                problems.error(spans.at(("fonts", name, face if getattr(fam, face) else "regular")),
                               f"font file {rel!r} {exc.message}", exc.hint or "paths are relative to the theme file")
                break
            try:
                faces[face] = fonts.register(path, fam.deck_name, "bold" in face, "italic" in face)
            except SpanlessError as exc:
                problems.error(spans.at(("fonts", name, face)), exc.message, exc.hint)
                break
        else:
            result[name] = Family(**faces)
    return result


def _style(style: TextStyle, family: Family, colours: dict[str, str], spans: SpanMap, path: tuple,
           problems: Collector) -> Style:
    """Resolve one text style."""
    return Style(family, style.bold, style.italic, style.size, style.min_size or style.size * 0.7, style.leading,
                 _colour(style.colour, colours, spans, path + ("colour",), problems), style.space_after,
                 style.upper, style.tracking, style.hyphenate)
