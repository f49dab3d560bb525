"""Line breaking and text fitting, measured with the fonts that will render the text."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Literal, Sequence

from generator.layout import fonts
from generator.layout.frame import Align, Line, Piece
from generator.layout.hyphenate import Hyphenation, break_points, shown
from generator.layout.theme import Style
from generator.layout.typography import curly_runs
from generator.model.markup import Run

BULLET = "•"
_TOKEN = re.compile(r"\S+\s*|\s+")
SIZE_STEP = 0.25


@dataclass(frozen=True)
class Para:
    """A paragraph to set: styled runs, its style, and whether it is a bullet item."""

    runs: tuple[Run, ...]
    style: Style
    kind: Literal["paragraph", "bullet"] = "paragraph"
    align: Align = "left"
    one_line: bool = False  # a figure's value reads badly broken over lines: shrink it instead
    balance: bool = False  # display text: lines of even length, never one word alone on the last
    max_scale: float | None = None  # grows no further than this when text is set larger than its style


@dataclass(frozen=True)
class Setting:
    """Lines set at one scale, with the height they take and how far any word overflows the width."""

    lines: tuple[Line, ...]
    height: float
    too_wide: float
    scale: float

    def missing_glyphs(self) -> frozenset[tuple[str, str]]:
        """(character, font name) for every character set in a font that has no glyph for it."""
        return frozenset((ch, piece.font.label) for line in self.lines for piece in line.pieces
                         for ch in fonts.missing_glyphs(piece.text, piece.font))


@dataclass(frozen=True)
class _Token:
    text: str
    font: fonts.Font
    size: float
    colour: str
    link: str | None
    width: float
    space: float  # width of trailing white space (dropped at line ends)
    source: str | None = None  # the words as written, when `text` shows them in capitals


_DASH_START = re.compile(r"^[–—-]\s*$")  # a dash standing alone as a word (" – ")


def set_paras(paras: Sequence[Para], width: float, scale: float = 1.0, hyphens: Hyphenation | None = None) -> Setting:
    """Break paragraphs into lines at `scale` times their style sizes.

    With `hyphens`, paragraphs in a style that allows it (running text, never display text
    or a figure's value) are hyphenated where that saves a ragged line.
    """
    lines: list[Line] = []
    y = 0.0
    too_wide = 0.0
    gap = 0.0
    for para in paras:
        own = scale if para.max_scale is None else min(scale, para.max_scale)
        style = para.style.scaled(max(para.style.size * own, min(para.style.min_size, para.style.size)))
        indent = style.size * 1.15 if para.kind == "bullet" else 0.0
        tokens = _tokens(curly_runs(tuple(para.runs)), style)
        hyphenate = hyphens if style.hyphenate and not (para.balance or para.one_line) else None
        rows, over = _break(tokens, width - indent, hyphenate)
        if para.balance and len(rows) > 1:
            rows = _balanced(tokens, rows, width - indent)
        if para.one_line and len(rows) > 1:
            over = max(over, sum(t.width + t.space for t in tokens) - (width - indent))
        too_wide = max(too_wide, over)
        for i, row in enumerate(rows):
            pitch = style.size * style.leading
            y += gap if i == 0 else 0.0
            pieces = _pieces(row)
            if i == 0 and para.kind == "bullet":
                bullet_w = fonts.width(BULLET, style.font, style.size)
                pieces = (Piece(BULLET, style.family.regular, style.size, style.colour, -indent, bullet_w),) + pieces
            line_w = sum(t.width for t in row) + sum(t.space for t in row[:-1])
            x = indent + _offset(para.align, width - indent, line_w)
            baseline = y + (pitch - style.size) / 2 + style.size * 0.8
            ends = _ending(row, rows[i + 1] if i + 1 < len(rows) else None, width - indent)
            lines.append(Line(pieces, x, line_w, baseline, pitch, gap if i == 0 else 0.0, para.align, i == 0, indent,
                              ends))
            y += pitch
        gap = style.space_after
    return Setting(tuple(lines), y, too_wide, scale)


def _ending(row: list[_Token], following: list[_Token] | None, width: float) -> str:
    """How a row ends when its paragraph goes on (Line.ends): at a space, inside a word, or at a chosen break.

    A break is chosen when the next row's first word would have fitted on this one: greedy
    breaking never does that, balancing and keeping a dash off a line's start do.
    """
    if not row or not following:
        return "space"
    if _row_width(row) + row[-1].space + following[0].width <= width + 0.01:
        return "break"
    return "space" if row[-1].text[-1:].isspace() else "word"


def _offset(align: Align, available: float, used: float) -> float:
    """Left offset of a line for its alignment."""
    if align == "centre":
        return max(0.0, (available - used) / 2)
    if align == "right":
        return max(0.0, available - used)
    return 0.0


def _tokens(runs: Sequence[Run], style: Style) -> list[_Token]:
    """Split styled runs into measured words, each keeping its trailing space."""
    tokens: list[_Token] = []
    for run in runs:
        font = style.family.face(style.bold or run.bold, style.italic or run.italic)
        for match in _TOKEN.finditer(run.text):
            written = match.group(0).rstrip()
            bare = written.upper() if style.upper else written  # capitals are measured as they are drawn
            tail = match.group(0)[len(written):]
            w = fonts.width(bare, font, style.size) if bare else 0.0
            s = fonts.width(" ", font, style.size) if tail else 0.0
            if not bare and tokens:  # white space alone joins the previous word's tail
                prev = tokens[-1]
                tokens[-1] = replace(prev, text=prev.text.rstrip() + " ", space=max(prev.space, s),
                                     source=None if prev.source is None else prev.source.rstrip() + " ")
                continue
            if bare:
                end = " " if tail else ""
                tokens.append(_Token(bare + end, font, style.size, style.colour, run.link, w, s,
                                     written + end if style.upper else None))
    return tokens


def _break(tokens: list[_Token], width: float,
           hyphens: Hyphenation | None = None) -> tuple[list[list[_Token]], float]:
    """Greedy line breaking; returns rows and how far the widest unbreakable word overflows.

    With `hyphens`, a word that does not fit is cut at the longest hyphenation point that
    does, when leaving it whole would empty more than the hyphenation zone of the line and
    fewer than `max_run` lines in a row already end with a hyphen.
    """
    rows: list[list[_Token]] = [[]]
    used = 0.0
    over = 0.0
    run = 0  # lines in a row ending with a hyphen, up to the current one
    for tok in (part for t in tokens for part in _split_long(t, width)):
        row = rows[-1]
        need = tok.width if not row else used + row[-1].space + tok.width
        if row and need > width + 0.01:
            cut = _hyphenated(tok, width - used - row[-1].space, width, hyphens) if run < _max_run(hyphens) else None
            if cut is not None:
                row.append(cut[0])
                rows.append([cut[1]])
                used = cut[1].width
                run += 1
                continue
            run = 0
            if _DASH_START.match(tok.text):
                carried = row.pop()  # a line never starts with a dash: the word before it comes along
                rows.append([carried, tok])
                used = carried.width + carried.space + tok.width
            else:
                rows.append([tok])
                used = tok.width
        else:
            row.append(tok)
            used = need
        over = max(over, tok.width - width)
    return [r for r in rows if r] or [[]], max(0.0, over)


def _max_run(hyphens: Hyphenation | None) -> int:
    """How many lines in a row may end with a hyphen (none without hyphenation)."""
    return hyphens.max_run if hyphens else 0


def _hyphenated(tok: _Token, room: float, width: float, hyphens: Hyphenation | None) -> tuple[_Token, _Token] | None:
    """The word cut at the longest hyphenation point whose first part fits in `room`, or None.

    None too when the room is within the hyphenation zone (the line is full enough
    without), or the word is a link, set in capitals, or not a plain lower-case word.
    """
    if hyphens is None or room < width * hyphens.zone or tok.link or tok.source is not None:
        return None
    word = tok.text.rstrip()
    tail_space = tok.text[len(word):]
    for head, tail in break_points(word, hyphens):
        head_w = fonts.width(shown(head), tok.font, tok.size)
        if head_w <= room + 0.01:
            first = replace(tok, text=head, width=head_w, space=0.0)
            rest = replace(tok, text=tail + tail_space, width=fonts.width(tail, tok.font, tok.size))
            return first, rest
    return None


def _balanced(tokens: list[_Token], rows: list[list[_Token]], width: float) -> list[list[_Token]]:
    """Rows of display text re-broken narrower, as long as that adds no line: no lone last word."""
    best = rows
    target = width
    while True:
        target *= 0.95
        trial, over = _break(tokens, target)
        if len(trial) > len(rows) or over > 0:
            return best
        best = trial
        if len(best[-1]) > 1 and _row_width(best[-1]) > _row_width(best[0]) * 0.5:
            return best


def _row_width(row: list[_Token]) -> float:
    """The width of a row of tokens, without its last space."""
    return sum(t.width for t in row) + sum(t.space for t in row[:-1])


def _split_long(tok: _Token, width: float) -> list[_Token]:
    """A word wider than the line (a long web address) in parts that fit, broken after / . - or _."""
    if tok.width <= width + 0.01 or len(tok.text.strip()) < 2:
        return [tok]
    text, tail = tok.text.rstrip(), tok.text[len(tok.text.rstrip()):]
    parts: list[str] = []
    start = 0
    while start < len(text):
        end = _fitting_end(text, start, tok, width)
        parts.append(text[start:end])
        start = end
    return [replace(tok, text=part + (tail if i == len(parts) - 1 else ""), source=None,
                    width=fonts.width(part, tok.font, tok.size), space=tok.space if i == len(parts) - 1 else 0.0)
            for i, part in enumerate(parts)]


def _fitting_end(text: str, start: int, tok: _Token, width: float) -> int:
    """Where the part of `text` from `start` ends: the last break character that fits, else as many letters."""
    end = start + 1
    while end < len(text) and fonts.width(text[start:end + 1], tok.font, tok.size) <= width:
        end += 1
    if end == len(text):
        return end
    breaks = [i + 1 for i in range(start, end) if text[i] in "/.-_?&="]
    return breaks[-1] if breaks and breaks[-1] > start + 1 else end


def _pieces(row: list[_Token]) -> tuple[Piece, ...]:
    """Merge a row's tokens into pieces of one face, size, colour and link."""
    pieces: list[Piece] = []
    x = 0.0
    for i, tok in enumerate(row):
        last = i == len(row) - 1
        text = tok.text.rstrip() if last else tok.text
        source = None if tok.source is None else (tok.source.rstrip() if last else tok.source)
        w = tok.width + (0.0 if last else tok.space)
        prev = pieces[-1] if pieces else None
        if prev and (prev.font, prev.size, prev.colour, prev.link, prev.source is None) == (
                tok.font, tok.size, tok.colour, tok.link, source is None):
            joined = None if source is None else (prev.source or "") + source
            pieces[-1] = Piece(prev.text + text, prev.font, prev.size, prev.colour, prev.x, prev.width + w,
                               prev.link, joined)
        else:
            pieces.append(Piece(text, tok.font, tok.size, tok.colour, x, w, tok.link, source))
        x += w
    return tuple(pieces)


@dataclass(frozen=True)
class Fit:
    """The result of fitting text into a box."""

    setting: Setting
    fits: bool
    shrunk: bool
    overflow: float  # points of height (or width) that do not fit at the smallest size


def fit(paras: Sequence[Para], width: float, height: float, min_scale: float, start: float = 1.0,
        cap: float | None = None, hyphens: Hyphenation | None = None) -> Fit:
    """Set text at the largest scale (from `start` down to `min_scale`, in quarter-point steps) that fits the box.

    Smaller text never needs more room, so the largest fitting step is found by bisection.
    `cap` skips the steps above it (a caller that will take the smallest of several scales
    need not look higher than the smallest so far); the steps stay those counted from `start`.
    """
    base = paras[0].style.size if paras else 1.0
    step = SIZE_STEP / base
    last = max(0, int((start - min_scale) / step + 1e-9))  # the smallest allowed step
    top = 0 if cap is None else min(last, max(0, math.ceil((start - cap) / step - 1e-9)))

    def at(k: int) -> Setting:
        return set_paras(paras, width, start - k * step, hyphens)

    def fits(setting: Setting) -> bool:
        return setting.height <= height + 0.01 and setting.too_wide <= 0.01

    first = at(top)
    if fits(first):
        return Fit(first, True, first.scale < 1.0, 0.0)
    smallest = at(last)
    if not fits(smallest):
        return Fit(smallest, False, smallest.scale < 1.0, max(smallest.height - height, smallest.too_wide))
    low, high, best = top, last, smallest  # step `low` does not fit, step `high` does
    while high - low > 1:
        mid = (low + high) // 2
        setting = at(mid)
        if fits(setting):
            high, best = mid, setting
        else:
            low = mid
    return Fit(best, True, best.scale < 1.0, 0.0)


def valign(setting: Setting, height: float, where: str) -> tuple[Line, ...]:
    """Shift lines down for middle or bottom alignment."""
    if where == "top" or setting.height >= height:
        return setting.lines
    shift = (height - setting.height) / (2 if where == "middle" else 1)
    return tuple(_shift(line, shift) for line in setting.lines)


def _shift(line: Line, dy: float) -> Line:
    """A line moved down by dy."""
    return replace(line, baseline=line.baseline + dy)
