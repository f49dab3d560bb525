"""The brand as a deck's theme part holds it: the theme's colours in the scheme's slots, its two families.

PowerPoint restyles a deck through its theme: twelve colour slots (dark and light text and
backgrounds, six accents, two link colours) and a heading and a body font. Our theme's own
colours fill them by role, so text and shapes that name a slot follow the theme when a
presenter changes it, and the deck's shapes name slots wherever their colour has one.
"""

from __future__ import annotations

from generator.layout.frame import Brand, TextLook
from generator.layout.theme import Theme

# Each slot of the scheme and the theme colour that fills it by role, in the scheme's order.
ROLES = (("dk1", "ink"), ("lt1", "paper"), ("dk2", "primary"), ("lt2", "tint"), ("accent1", "accent"),
         ("accent2", "highlight"))
ACCENTS = ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
SPARE = ("muted", "rule", "muted_chart")  # after the chart palette, for accents still empty
HEADING_STYLE, BODY_STYLE = "h1", "body"


def deck_brand(theme: Theme) -> Brand:
    """The theme's colours by slot (every slot filled) and its heading and body families."""
    colours = dict((slot, theme.colours[name].upper()) for slot, name in ROLES if name in theme.colours)
    _fill_accents(colours, theme)
    colours["hlink"] = colours["accent1"]
    colours["folHlink"] = theme.colours.get("muted", colours["dk2"]).upper()
    order = [slot for slot, _ in ROLES[:4]] + list(ACCENTS) + ["hlink", "folHlink"]
    return Brand(theme.name, tuple((slot, colours[slot]) for slot in order), _family(theme, HEADING_STYLE),
                 _family(theme, BODY_STYLE), _look(theme, HEADING_STYLE), _look(theme, BODY_STYLE))


def _look(theme: Theme, style: str) -> TextLook | None:
    """A style as the master's default look for its kind of text."""
    from generator.layout.slots import text_look

    return text_look(theme.styles[style]) if style in theme.styles else None


def _fill_accents(colours: dict[str, str], theme: Theme) -> None:
    """Accents the roles left empty, from the chart palette and then the theme's spare colours."""
    spare = [c.upper() for c in theme.palette] + [theme.colours[n].upper() for n in SPARE if n in theme.colours]
    spare = [c for c in dict.fromkeys(spare) if c not in colours.values()] or [colours.get("dk2", "#000000")]
    empty = [slot for slot in ACCENTS if slot not in colours]
    for n, slot in enumerate(empty):
        colours[slot] = spare[n % len(spare)]


def _family(theme: Theme, style: str) -> str:
    """The family (as the deck names it) of a style, else of the theme's first family."""
    if style in theme.styles:
        return theme.styles[style].font.deck_family
    return next(iter(theme.families.values())).regular.deck_family
