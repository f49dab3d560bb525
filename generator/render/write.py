"""Render every document in memory, then replace the outputs together (or not at all), then the cache."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.charts.cache import ChartCache
from generator.layout.frame import Document
from generator.render.atomic import write_all_atomic

if TYPE_CHECKING:
    from generator.render.memo import RenderMemo
    from generator.render.offload import Offload

SUFFIX = {"pdf": ".pdf", "deck": ".pptx"}


class CannotWrite(Exception):
    """The outputs could not be replaced (a full disk, a read-only folder); the previous ones are intact."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause.strerror or str(cause))
        self.cause = cause


def output_paths(documents_or_kinds: list[str], out: Path, stem: str) -> list[Path]:
    """The files a build of `stem` writes into `out`, one per output kind ("pdf", "deck")."""
    return [out / f"{stem}{SUFFIX[kind]}" for kind in documents_or_kinds]


def render_all(documents: list[Document], cache: ChartCache, offload: Offload | None = None,
               renders: RenderMemo | None = None) -> list[bytes]:
    """Each document rendered to bytes, in order; nothing is written.

    With `offload`, the deck comes from the deck helper and the PDF's missed charts from the
    chart helper, when they did that work; whatever they did not is done here. With `renders`
    (watch), a document equal to the last one rendered is not rendered again.
    """
    rendered = []
    for doc in documents:
        last = renders.get(doc) if renders is not None else None
        if last is not None:
            rendered.append(last)
            continue
        if doc.output == "pdf":
            from generator.render.pdf import render_pdf

            if offload is not None:
                offload.supply_charts(cache)
            rendered.append(render_pdf(doc, cache))
        else:
            deck = offload.deck(doc) if offload is not None else None
            if deck is None:
                from generator.render.deck import render_deck

                deck = render_deck(doc, cache)
            rendered.append(deck)
        if renders is not None:
            renders.put(doc, rendered[-1])
    return rendered


def render_documents(documents: list[Document], out: Path, stem: str, cache_dir: Path | None,
                     offload: Offload | None = None, renders: RenderMemo | None = None) -> list[Path]:
    """Render each document; only when all rendered are the outputs replaced, together; then the chart cache.

    Charts recorded during rendering reach the cache only after the outputs were replaced, so a
    build that fails or is killed leaves the cache as it was.
    """
    cache = ChartCache(cache_dir, deferred=True)
    rendered = render_all(documents, cache, offload, renders)
    paths = output_paths([doc.output for doc in documents], out, stem)
    try:
        write_all_atomic(list(zip(paths, rendered)))
    except OSError as exc:
        raise CannotWrite(exc) from exc
    cache.commit()
    return paths
