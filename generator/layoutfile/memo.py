"""Loaded layouts kept warm between builds in one long-lived process (`make-report watch`).

Loading a layout reads and validates its file, what it extends, its theme and the theme's
font files; a watch rebuild after an edit of the data file alone needs none of that again.
The memo keeps each loaded layout, with the diagnostics its loading reported (shown again on
every build, as a fresh load would), until `forget()`: watch calls it whenever anything but the
data file changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Hashable

if TYPE_CHECKING:
    from generator.diagnostics import Diagnostic
    from generator.layoutfile.load import Layout


class LayoutMemo:
    """Loaded layouts (or None for one that failed) and their diagnostics, by what they were loaded for."""

    def __init__(self) -> None:
        self._loaded: dict[Hashable, tuple[Layout | None, list[Diagnostic]]] = {}

    def load(self, key: Hashable, loader: Callable[[], tuple[Layout | None, list[Diagnostic]]]) -> tuple[Layout | None, list[Diagnostic]]:
        """The layout loaded for `key` before, else what `loader` loads now (then kept)."""
        if key not in self._loaded:
            self._loaded[key] = loader()
        return self._loaded[key]

    def forget(self) -> None:
        """Drop every kept layout: a layout, theme, font or image file may have changed."""
        self._loaded.clear()
