"""Which pages appear, and in which arrangement: chosen by what the data holds."""

from __future__ import annotations

from generator.layoutfile.spec import Page, When
from generator.model.collections import collection
from generator.model.report import Report


def holds(report: Report, when: When | None) -> bool:
    """Whether the report has what `when:` asks for (no `when:` always holds)."""
    if when is None:
        return True
    if isinstance(when, list):  # any of these collections has items
        return any(collection(report, name) for name in when)
    for name, need in when.items():
        count = len(collection(report, name))
        least, most = (need, None) if isinstance(need, int) else (need[0], need[1])
        if count < least or (most is not None and count > most):
            return False
    return True


def choose_variant(report: Report, page: Page, path: tuple) -> tuple[Page, tuple] | None:
    """The page as the data needs it, and the path of the part of the file that set its body.

    A page whose `when:` fails is left out; a page with variants takes the first whose
    `when:` holds (its grid, blocks and flow replace the page's own), or is left out.
    """
    if not holds(report, page.when):
        return None
    if not page.variants:
        return page, path
    for k, variant in enumerate(page.variants):
        if holds(report, variant.when):
            changes = {name: getattr(variant, name) for name in ("grid", "blocks", "flow", "background", "notes")
                       if getattr(variant, name) is not None}
            return page.model_copy(update=changes), path + ("variants", k)
    return None
