"""Shared fixtures for the deck: the deck theme's styles, for tests of text the deck sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Collector, Span
from generator.layoutfile.load import ThemeChoice, load_layout

ROOT = Path(__file__).resolve().parents[2]
DECK_LAYOUT = ROOT / "layouts" / "deck-16x9.yaml"


@pytest.fixture(scope="session")
def deck_theme():
    """The CEOP theme as the deck uses it (its `deck:` type scale merged in)."""
    problems = Collector()
    layout = load_layout(DECK_LAYOUT, "deck", problems, ThemeChoice("ceop", Span("test")))
    assert layout is not None, [d.format() for d in problems.items]
    return layout.theme
