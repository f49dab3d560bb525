"""Render every document in memory, then replace the outputs together (or not at all), then the cache."""

from __future__ import annotations

from pathlib import Path

from generator.charts.cache import ChartCache
from generator.layout.frame import Document
from generator.render.atomic import write_all_atomic

SUFFIX = {"pdf": ".pdf", "deck": ".pptx"}


class CannotWrite(Exception):
    """The outputs could not be replaced (a full disk, a read-only folder); the previous ones are intact."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause.strerror or str(cause))
        self.cause = cause


def output_paths(documents_or_kinds: list[str], out: Path, stem: str) -> list[Path]:
    """The files a build of `stem` writes into `out`, one per output kind ("pdf", "deck")."""
    return [out / f"{stem}{SUFFIX[kind]}" for kind in documents_or_kinds]


def render_all(documents: list[Document], cache: ChartCache) -> list[bytes]:
    """Each document rendered to bytes, in order; nothing is written."""
    rendered = []
    for doc in documents:
        if doc.output == "pdf":
            from generator.render.pdf import render_pdf

            rendered.append(render_pdf(doc, cache))
        else:
            from generator.render.deck import render_deck

            rendered.append(render_deck(doc, cache))
    return rendered


def render_documents(documents: list[Document], out: Path, stem: str, cache_dir: Path | None) -> list[Path]:
    """Render each document; only when all rendered are the outputs replaced, together; then the chart cache.

    Charts recorded during rendering reach the cache only after the outputs were replaced, so a
    build that fails or is killed leaves the cache as it was.
    """
    cache = ChartCache(cache_dir, deferred=True)
    rendered = render_all(documents, cache)
    paths = output_paths([doc.output for doc in documents], out, stem)
    try:
        write_all_atomic(list(zip(paths, rendered)))
    except OSError as exc:
        raise CannotWrite(exc) from exc
    cache.commit()
    return paths
