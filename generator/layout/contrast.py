"""Colour contrast of text on what lies behind it (WCAG 2 relative luminance)."""

from __future__ import annotations

from typing import Sequence

from generator.layout.frame import Box, Item, RectItem, TextItem

MINIMUM = 4.5  # WCAG AA for body text


def luminance(hex_colour: str) -> float:
    """Relative luminance of an sRGB colour "#RRGGBB"."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(a: str, b: str) -> float:
    """Contrast ratio between two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def low_contrast(items: Sequence[Item], background: str) -> list[tuple[str, str, str, float]]:
    """(text, colour, backdrop, ratio) for each text piece whose contrast is below the minimum."""
    found = []
    for i, item in enumerate(items):
        if not isinstance(item, TextItem):
            continue
        behind = _backdrop(items[:i], item.box, background)
        for line in item.lines:
            for piece in line.pieces:
                r = ratio(piece.colour, behind)
                if r < MINIMUM and piece.text.strip():
                    found.append((piece.text, piece.colour, behind, r))
    return found


def _backdrop(earlier: Sequence[Item], box: Box, background: str) -> str:
    """The fill of the last rectangle drawn under the centre of `box`, else the page background."""
    cx, cy = box.x + box.w / 2, box.y + min(box.h, 12) / 2
    for item in reversed(earlier):
        if isinstance(item, RectItem) and item.fill and item.box.x <= cx <= item.box.right and item.box.y <= cy <= item.box.bottom:
            return item.fill
    return background
