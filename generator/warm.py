"""What a long-lived process (`make-report watch`) keeps warm between builds of one report.

Loaded layouts and themes (generator/layoutfile/memo.py) and the last rendered outputs
(generator/render/memo.py), both kept until a file other than the data file changes, when
watch calls forget(): a layout, theme, font or image file may then differ behind the same names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.layoutfile.memo import LayoutMemo
from generator.render.memo import RenderMemo


@dataclass
class Warm:
    """The memos of one watch."""

    layouts: LayoutMemo = field(default_factory=LayoutMemo)
    renders: RenderMemo = field(default_factory=RenderMemo)

    def forget(self) -> None:
        """Drop everything kept: some file other than the data file changed."""
        self.layouts.forget()
        self.renders.forget()
