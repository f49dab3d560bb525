"""Typography the data's plain text needs before it is set: curly quotes and apostrophes.

Data files are typed on keyboards, so they hold straight quotes ('" and "'): each becomes
the typographic mark for its place, and a quotation inside another alternates between
double and single marks (“… ‘safety first’ …”), as British and American style both do.
"""

from __future__ import annotations

import functools
from dataclasses import replace

from generator.model.markup import Run

OPEN_DOUBLE, CLOSE_DOUBLE, OPEN_SINGLE, CLOSE_SINGLE = "“", "”", "‘", "’"
_OPENERS = " \t\n([{—–-/"  # a quote after these (or at the start) opens


@functools.lru_cache(maxsize=4096)
def curly_runs(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """The runs of one paragraph with typographic quotes, nesting carried across runs.

    Memoised: fitting sets the same paragraph at many sizes, and this is a pure function.
    """
    depth: list[str] = []  # the open quotation marks, innermost last
    out = []
    previous = ""
    for run in runs:
        text, previous = _curly(run.text, previous, depth)
        out.append(run if text == run.text else replace(run, text=text))
    return tuple(out)


def _curly(text: str, before: str, depth: list[str]) -> tuple[str, str]:
    """One run's text made typographic; returns it and its last character."""
    chars: list[str] = []
    for i, ch in enumerate(text):
        prev = chars[-1] if chars else before
        nxt = text[i + 1] if i + 1 < len(text) else ""
        chars.append(_mark(ch, prev, nxt, depth))
    return "".join(chars), (chars[-1] if chars else before)


def _mark(ch: str, prev: str, nxt: str, depth: list[str]) -> str:
    """The typographic form of one character, keeping track of open quotations."""
    if ch == "'":
        if prev.isalnum() and (nxt.isalnum() or not nxt or nxt in " .,;:!?)"):
            if depth and depth[-1] == OPEN_SINGLE and not nxt.isalnum():
                depth.pop()  # closes a single quotation: 'like this'
            return CLOSE_SINGLE  # an apostrophe: UK's, organisations'
        return _open_or_close(prev, depth, single=True)
    if ch == '"':
        return _open_or_close(prev, depth, single=False)
    if ch in (OPEN_DOUBLE, OPEN_SINGLE):
        return _open(depth, ch == OPEN_SINGLE)
    if ch in (CLOSE_DOUBLE, CLOSE_SINGLE) and not (ch == CLOSE_SINGLE and prev.isalnum() and nxt.isalnum()):
        return _close(depth, ch == CLOSE_SINGLE)
    return ch


def _open_or_close(prev: str, depth: list[str], single: bool) -> str:
    """A straight quote opens after a space or bracket (or at the start), and closes otherwise."""
    if not prev or prev in _OPENERS or prev in (OPEN_DOUBLE, OPEN_SINGLE):
        return _open(depth, single)
    return _close(depth, single)


def _open(depth: list[str], single: bool) -> str:
    """An opening mark: inside a double quotation it is single, inside a single one double."""
    inner = depth[-1] if depth else None
    mark = OPEN_SINGLE if inner == OPEN_DOUBLE else OPEN_DOUBLE if inner == OPEN_SINGLE else (
        OPEN_SINGLE if single else OPEN_DOUBLE)
    depth.append(mark)
    return mark


def _close(depth: list[str], single: bool) -> str:
    """The closing mark matching the innermost open quotation (or the plain one when none is open)."""
    if not depth:
        return CLOSE_SINGLE if single else CLOSE_DOUBLE
    return CLOSE_SINGLE if depth.pop() == OPEN_SINGLE else CLOSE_DOUBLE
