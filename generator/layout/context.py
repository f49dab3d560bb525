"""What every block builder needs: the report, the theme, where the block was written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from generator.diagnostics import Collector, Span
from generator.layout.frame import Box, Line, TextItem
from generator.layout.hyphenate import Hyphenation
from generator.layout.hyphenate import for_locale as hyphenation_for
from generator.layoutfile.load import Layout
from generator.layout.text import Para, fit, valign
from generator.layout.theme import Style, Theme
from generator.model.markup import Run
from generator.model.report import Report
from generator.model.resolve import report_unknown

VALIGNS = ("top", "middle", "bottom")
_PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)*)\}")
_BINDING = re.compile(r"^([a-z_]+)\[(\d+)\]$")
_EMPTY = "\x00"  # stands for a placeholder with no value while its separators are tidied away
# A separator (dash, middle dot, colon, comma, bar) left beside an empty value goes with it.
_SEPARATOR = r"[ \t]*(?:[–—·:,|]|\s-)[ \t]*"
_DANGLING = (re.compile(_SEPARATOR + _EMPTY), re.compile(r"(?m)^([ \t]*)" + _EMPTY + _SEPARATOR),
             re.compile(r"\(\s*" + _EMPTY + r"\s*\)"))


@dataclass(frozen=True)
class ContentsEntry:
    """A part of the document a contents list names: its title, the number of its first page, its page id.

    Level 1 is a part (a layout page's `title:`); level 2 a heading set in a part's flow.
    """

    title: str
    page: int
    page_id: str
    level: int = 1


@dataclass(frozen=True)
class Contents:
    """The parts of a laid-out document, for a contents list, and how many pages it has."""

    entries: tuple[ContentsEntry, ...]
    pages: int


@dataclass(frozen=True)
class Context:
    """The inputs of one page's block builders."""

    report: Report
    layout: Layout
    problems: Collector
    page_id: str
    item: Mapping[str, str] = field(default_factory=dict)  # `{item.x}` of a repeated page
    group: tuple[Any, ...] | None = None  # the items of a page that repeats several to a page
    contents: Contents | None = None  # the document's parts, once they are known (see engine.lay_out)
    # Measurements kept for the rest of one lay_out (pure results, keyed by what they depend on):
    # a figure tile's text is set for an auto row's height, for its area, and again for a contents list.
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def theme(self) -> Theme:
        return self.layout.theme

    @property
    def hyphens(self) -> Hyphenation | None:
        """How running text is hyphenated: in the report's language, when the layout hyphenates at all."""
        return hyphenation_for(self.report.locale) if self.layout.spec.hyphenate else None

    def span(self, path: tuple) -> Span:
        """Where in the layout file the thing at `path` was written."""
        return self.layout.spans.at(path)

    def fill(self, template: str, path: tuple, extra: dict[str, str] | None = None, quiet: bool = False) -> str:
        """Replace `{report.x}` placeholders; unknown ones are reported at the layout's line (unless `quiet`)."""
        values = {**self.report.placeholders(), **self.item, **(extra or {})}

        def sub(match: re.Match[str]) -> str:
            key = match.group(1)
            if key not in values:
                if quiet:
                    return ""
                report_unknown(self.problems, self.layout.spans, path, "placeholder", "{" + key + "}",
                               ["{" + k + "}" for k in values])
                return ""
            return values[key] or _EMPTY

        return tidy(_PLACEHOLDER.sub(sub, template))

    def fill_paragraphs(self, template: str, path: tuple, quiet: bool = False) -> str:
        """Like `fill`, for text in paragraphs: a paragraph whose every placeholder has no value is left out,
        words and all ("Published {report.published}" prints only when there is a date)."""
        values = {**self.report.placeholders(), **self.item}
        kept = []
        for paragraph in re.split(r"\n[ \t]*\n", template):
            names = _PLACEHOLDER.findall(paragraph)
            if names and all(name in values and not values[name] for name in names):
                continue
            kept.append(paragraph)
        return self.fill("\n\n".join(kept), path, quiet=quiet)

    def bound(self, kind: str, name: str | None, path: tuple) -> Any:
        """The report's section, figure, series, quote or list named `name`; reported at `path` when missing.

        `name` may be an item of a collection, `pull_quotes[0]`: when the report has no such
        item the block has nothing to show, which is no error (the page closes up around it).
        """
        indexed = _BINDING.match(name or "")
        if indexed:
            return self.item_of(indexed.group(1), int(indexed.group(2)), path)
        collection = self._collection(kind)
        found = collection.get(name or "")
        if found is None:
            self.missing(path, kind, name, list(collection))
        return found

    def item_of(self, name: str, index: int, path: tuple) -> Any:
        """Item `index` of a named collection, or None when it has fewer items."""
        from generator.model.collections import COLLECTIONS, collection

        if name not in COLLECTIONS:
            report_unknown(self.problems, self.layout.spans, path, "collection", name, list(COLLECTIONS))
            return None
        items = collection(self.report, name)
        return items[index] if index < len(items) else None

    def names_unknown(self, template: str) -> bool:
        """Whether `template` has a placeholder this page cannot fill (building it reports that)."""
        values = {**self.report.placeholders(), **self.item}
        return any(m.group(1) not in values for m in _PLACEHOLDER.finditer(template))

    def quiet_bound(self, kind: str, name: str | None) -> Any:
        """Like `bound`, reporting nothing: whether a block has something to show."""
        indexed = _BINDING.match(name or "")
        if indexed:
            from generator.model.collections import COLLECTIONS, collection

            if indexed.group(1) not in COLLECTIONS:
                return True  # not empty: building it reports the unknown collection
            items = collection(self.report, indexed.group(1))
            return items[int(indexed.group(2))] if int(indexed.group(2)) < len(items) else None
        return self._collection(kind).get(name or "", True)

    def _collection(self, kind: str) -> Mapping[str, Any]:
        """A kind of bindable data, by key."""
        report = self.report
        if kind == "section":
            return {s.key: s for s in report.sections}
        return {"figure": report.figures, "series": report.series, "quote": report.quotes, "list": report.lists}[kind]

    def missing(self, path: tuple, what: str, name: str | None, known: list[str]) -> None:
        """Report a binding to data that does not exist (or a block that names none)."""
        if name is None:
            self.problems.error(self.span(path[:-1]), f"this block needs `{path[-1]}:` naming a {what}",
                                "known: " + ", ".join(known))
            return
        report_unknown(self.problems, self.layout.spans, path, what, name, known)

    def report_missing_glyphs(self, missing: frozenset[tuple[str, str]], name: str, path: tuple) -> None:
        """Characters the theme's fonts cannot draw are an error: they would print as empty boxes."""
        if not missing:
            return
        shown = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in sorted({ch for ch, _ in missing}))
        faces = sorted({face for _, face in missing})
        fonts_named = f"the font {faces[0]} does" if len(faces) == 1 else f"the fonts {' and '.join(faces)} do"
        self.problems.error(self.span(path), f"{name} uses characters {fonts_named} not have: {shown}",
                            "replace them, or give the theme a font that has them")

    def style(self, name: str | None, default: str, path: tuple) -> Style:
        """A theme style by name, reported when unknown."""
        key = name or default
        if key not in self.theme.styles:
            report_unknown(self.problems, self.layout.spans, path + ("style",), "style", key, list(self.theme.styles))
            key = default if default in self.theme.styles else next(iter(self.theme.styles))
        return self.theme.style(key)

    def fit_text(self, paras: Sequence[Para], box: Box, path: tuple, what: str, where: str = "top",
                 min_scale: float | None = None, role: str = "text", start: float = 1.0,
                 warn_shrink: bool = True) -> TextItem:
        """Fit paragraphs into a box: shrink (with a warning, unless the layout chose the range) or report the overflow."""
        if not paras:
            return TextItem(box, (), role)
        first = paras[0].style
        scale_floor = min_scale if min_scale is not None else floor_scale(paras)
        result = fit(paras, box.w, box.h, min(scale_floor, start), start, hyphens=self.hyphens)
        size = first.size * result.setting.scale
        name = f"{what} on {'slide' if self.layout.spec.output == 'deck' else 'page'} {self.page_id!r}"
        if not result.fits:
            self.problems.error(self.span(path), f"{name} does not fit its box: it overflows by "
                                f"{result.overflow:.0f} pt at the smallest size, {size:.1f} pt",
                                f"shorten the text, enlarge the area ({box.w:.0f} × {box.h:.0f} pt) or lower the size range")
        elif warn_shrink and result.setting.scale < start - 1e-9:  # callers that chose a smaller start warn themselves
            self.problems.warning(self.span(path), f"{name} was set at {size:.1f} pt, below its preferred "
                                  f"{first.size:.1f} pt, to fit its box", "shorten the text or enlarge the area")
        self.report_missing_glyphs(result.setting.missing_glyphs(), name, path)
        return TextItem(box, valign(result.setting, box.h, where), role, where if where in VALIGNS else "top")


def tidy(text: str) -> str:
    """Drop empty values with the separators they leave behind ("Name – " becomes "Name")."""
    if _EMPTY not in text:
        return text
    for pattern in _DANGLING:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + _EMPTY, text)
    lines = [_closed(line) for line in text.split("\n")]
    return "\n".join(lines).strip()


def _closed(line: str) -> str:
    """A line with its empty values gone and no stray space or doubled stop where they were."""
    line = re.sub(r"[ \t]*" + _EMPTY + r"[ \t]*(?=[.,;:])", "", line)  # "2007/08. {x}." -> "2007/08.."
    line = re.sub(r"([.;:,])(?:\s*[.;:,])+", r"\1", line.replace(_EMPTY, ""))
    return re.sub(r"[ \t]{2,}", " ", line).strip()


def floor_scale(paras: Sequence[Para]) -> float:
    """The smallest scale worth trying: where the paragraph that can shrink most reaches its smallest size.

    Each paragraph stops at its own style's smallest size (set_paras clamps it), so a
    caption that may not shrink does not stop the headline above it from shrinking.
    """
    return min(p.style.min_size / p.style.size for p in paras)


def plain(text: str) -> tuple[Run, ...]:
    """One unstyled run."""
    return (Run(text),)


def lines_height(lines: Sequence[Line]) -> float:
    """Height taken by lines, including paragraph spacing."""
    return sum(line.height + line.space_before for line in lines)
