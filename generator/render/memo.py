"""The last rendered bytes of each output, kept by a long-lived process (watch) with the document they came from.

Rendering is a pure function of the laid-out document: no clock, no randomness (see
render/dates.py), charts from recordings keyed by their specs. So when a rebuild lays out a
document equal to the last one (an edit of the narrative leaves the deck as it was), its bytes
are the last bytes, and rendering it again would only cost time. Files a document merely names
(images) could change behind an equal document: watch forgets everything when any file but the
data file changes (generator/warm.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.layout.frame import Document


class RenderMemo:
    """For each output ("pdf", "deck"), the last document rendered and its bytes."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[Document, bytes]] = {}

    def get(self, doc: Document) -> bytes | None:
        """The bytes rendered from a document equal to `doc`, if that was the last one of its output."""
        last = self._last.get(doc.output)
        return last[1] if last is not None and last[0] == doc else None

    def put(self, doc: Document, data: bytes) -> None:
        """Remember what `doc` rendered to."""
        self._last[doc.output] = (doc, data)

    def forget(self) -> None:
        """Drop every remembered output."""
        self._last.clear()
