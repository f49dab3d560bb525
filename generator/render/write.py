"""Render every document in memory, then write them all atomically (or nothing at all)."""

from __future__ import annotations

from pathlib import Path

from generator.layout.frame import Document
from generator.render.atomic import write_all_atomic

SUFFIX = {"pdf": ".pdf", "deck": ".pptx"}


def render_documents(documents: list[Document], out: Path, stem: str, cache_dir: Path | None) -> list[Path]:
    """Render each document; only when all rendered are any files replaced."""
    rendered: list[tuple[Path, bytes]] = []
    for doc in documents:
        if doc.output == "pdf":
            from generator.render.pdf import render_pdf

            data = render_pdf(doc, cache_dir)
        else:
            from generator.render.deck import render_deck

            data = render_deck(doc, cache_dir)
        rendered.append((out / f"{stem}{SUFFIX[doc.output]}", data))
    write_all_atomic(rendered)
    return [path for path, _ in rendered]
