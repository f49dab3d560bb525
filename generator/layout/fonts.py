"""Fonts: the very TrueType files that render the text also measure it."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from generator.diagnostics import SpanlessError


@dataclass(frozen=True)
class Font:
    """One face: its file, the name reportlab knows it by, and the family the deck names."""

    path: str
    name: str
    deck_family: str
    bold: bool
    italic: bool

    @property
    def label(self) -> str:
        """The face as a person knows it, for messages: its file's name ("Carlito-Bold")."""
        return Path(self.path).stem


def register(path: Path, deck_family: str, bold: bool, italic: bool) -> Font:
    """Register a TrueType file with reportlab (once) and describe it."""
    try:
        name = registered(str(path))
    except Exception as exc:  # noqa: BLE001 - a damaged font makes the parser raise anything (struct.error...)
        reason = exc if isinstance(exc, (TTFError, OSError)) else "the file is damaged or truncated"
        raise SpanlessError(f"cannot read font file {path.name}: {reason}", "use a TrueType (.ttf) font file") from None
    return Font(str(path), name, deck_family, bold, italic)


def registered(path: str) -> str:
    """The name reportlab knows a font file by, registering it the first time.

    reportlab keeps fonts in a process-wide registry, so each file is registered
    under a name of its own: the file's stem qualified by a digest of its resolved
    path. Two themes with same-named font files never share one, and registering
    again is a no-op, safe for every build.
    """
    resolved = str(Path(path).resolve())
    name = f"{Path(path).stem}~{hashlib.sha1(resolved.encode('utf-8')).hexdigest()[:8]}"
    # Ask the registry by name: getFont() on an unknown name first searches every AFM
    # file on the system (seconds on a machine with TeX fonts installed).
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, resolved))
    return name


def width(text: str, font: Font, size: float) -> float:
    """Advance width of `text` in points, from the font file's metrics."""
    return _unit_width(text, font.name) * size


@functools.lru_cache(maxsize=1 << 16)
def _unit_width(text: str, font_name: str) -> float:
    """Width at 1 pt. Widths scale linearly with size, and fitting measures the same words at
    many sizes, so this pure function of a registered font is memoised (it changes no behaviour)."""
    return pdfmetrics.stringWidth(text, font_name, 1.0)


def ascent(font: Font, size: float) -> float:
    """Height above the baseline of the font's tallest glyphs, in points."""
    face = pdfmetrics.getFont(font.name).face
    return face.ascent * size / 1000


def descent(font: Font, size: float) -> float:
    """Depth below the baseline (positive), in points."""
    face = pdfmetrics.getFont(font.name).face
    return -face.descent * size / 1000


def cap_height(font: Font, size: float) -> float:
    """Height of capital letters, in points (for optical alignment of large numbers)."""
    face = pdfmetrics.getFont(font.name).face
    return getattr(face, "capHeight", face.ascent * 0.7) * size / 1000


def missing_glyphs(text: str, font: Font) -> set[str]:
    """Characters of `text` the font has no glyph for (they would print as empty boxes)."""
    cmap = pdfmetrics.getFont(font.name).face.charToGlyph
    # A soft hyphen is drawn as the font's hyphen (see generator.layout.hyphenate).
    return {ch for ch in set(text) if not ch.isspace() and ch != "\u00ad" and ord(ch) not in cmap}
