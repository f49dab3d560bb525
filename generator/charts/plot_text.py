"""Text helpers for the matplotlib side: font properties, measuring, wrapping."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.font_manager import FontProperties

from generator.charts.backend import FontFiles, RecordingRenderer
from generator.charts.spec import ChartSpec


@dataclass(frozen=True)
class Ctx:
    """What every drawing helper needs: the spec, the box and a way to measure text."""

    spec: ChartSpec
    width: float
    height: float
    fonts: FontFiles
    renderer: RecordingRenderer

    def props(self, scale: float = 1.0, bold: bool = False) -> FontProperties:
        """Font properties naming the spec's TTF file at font_size * scale."""
        return FontProperties(
            fname=self.fonts.bold if bold else self.fonts.regular,
            size=self.spec.font_size * scale,
            weight="bold" if bold else "normal",
        )

    def measure(self, text: str, scale: float = 1.0, bold: bool = False) -> float:
        """Advance width of one line of text in points."""
        return self.renderer.get_text_width_height_descent(text, self.props(scale, bold), False)[0]

    def wrap(self, text: str, max_width: float, scale: float = 1.0, bold: bool = False) -> str:
        """Greedy word wrap to `max_width` points; words are never split."""
        lines: list[str] = []
        for word in text.split():
            candidate = f"{lines[-1]} {word}" if lines else word
            if lines and self.measure(candidate, scale, bold) <= max_width:
                lines[-1] = candidate
            else:
                lines.append(word)
        return "\n".join(lines)


def plain(text: str) -> str:
    """Escape '$' so matplotlib never parses a label as mathtext; no-break spaces drawn as spaces.

    Locales put no-break spaces in numbers ("74 %", "1 234"); the theme's faces
    may have no glyph for them, and a chart never breaks a number across lines.
    """
    return text.replace("$", r"\$").replace("\u00a0", " ").replace("\u202f", " ")
