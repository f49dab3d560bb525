"""Grids with named areas (like CSS grid-template-areas) resolved to boxes."""

from __future__ import annotations

from typing import Mapping, Sequence

from generator.diagnostics import SpanlessError
from generator.layout.frame import Box
from generator.layoutfile.spec import Grid


class GridError(SpanlessError):
    """A grid problem, with the row of the areas it is on when there is one."""

    def __init__(self, message: str, hint: str | None = None, row: int | None = None) -> None:
        super().__init__(message, hint)
        self.row = row


def tracks(spec: Sequence[str | float] | int, total: float, gap: float,
           collapsed: frozenset[int] = frozenset(), auto: Mapping[int, float] | None = None) -> list[tuple[float, float]]:
    """Offsets and sizes of tracks: numbers and "Npt" are fixed, "Nfr" share what is left.

    `collapsed` tracks take no room and no gap, so what is left goes to the others; an
    "auto" track takes the size `auto` gives it (its content's height), else none.
    """
    items: list[str | float] = ["1fr"] * spec if isinstance(spec, int) else list(spec)
    sizes = auto or {}
    items = [0.0 if i in collapsed else sizes.get(i, 0.0) if item == "auto" else item for i, item in enumerate(items)]
    gaps = max(0, len(items) - len(collapsed) - 1)
    fixed = 0.0
    fractions = 0.0
    for item in items:
        if isinstance(item, str) and item.endswith("fr"):
            fractions += float(item[:-2])
        else:
            fixed += float(item[:-2]) if isinstance(item, str) else float(item)
    free = total - fixed - gap * gaps
    if free < -0.01:
        raise SpanlessError(f"the fixed tracks need {fixed + gap * gaps:.0f} pt but only {total:.0f} pt is available",
                            "make fixed tracks smaller or use fr units")
    out = []
    pos = 0.0
    for i, item in enumerate(items):
        if isinstance(item, str) and item.endswith("fr"):
            size = free * float(item[:-2]) / fractions if fractions else 0.0
        else:
            size = float(item[:-2]) if isinstance(item, str) else float(item)
        out.append((pos, size))
        pos += size + (0.0 if i in collapsed else gap)
    return out


def area_cells(areas: Sequence[str]) -> dict[str, tuple[int, int, int, int]]:
    """Each named area's (first row, first column, last row, last column); "." cells are empty."""
    rows = [row.split() for row in areas]
    width = len(rows[0])
    for i, row in enumerate(rows):
        if len(row) != width:
            raise GridError(f"row {i + 1} of the areas has {len(row)} cells, the first row has {width}",
                            "every row of areas names the same number of cells", row=i)
    found: dict[str, tuple[int, int, int, int]] = {}
    for r, row in enumerate(rows):
        for c, name in enumerate(row):
            if name == "." or set(name) == {"."}:
                continue
            r0, c0, r1, c1 = found.get(name, (r, c, r, c))
            found[name] = (min(r0, r), min(c0, c), max(r1, r), max(c1, c))
    for name, (r0, c0, r1, c1) in found.items():
        broken = [r for r in range(r0, r1 + 1) if any(rows[r][c] != name for c in range(c0, c1 + 1))]
        if broken:
            raise GridError(f"area {name!r} is not a rectangle", "an area's cells must form one rectangle",
                            row=broken[0])
    return found


def auto_rows(grid: Grid) -> list[int]:
    """The indexes of the grid's `auto` rows."""
    return [] if isinstance(grid.rows, int) else [i for i, row in enumerate(grid.rows) if row == "auto"]


def free_height(grid: Grid, content: Box, empty: frozenset[str] = frozenset()) -> tuple[float, bool]:
    """The height left for auto and fr rows once fixed rows and gaps are placed, and whether an fr row is open."""
    collapsed = _collapsed_rows(grid.areas, empty) if empty else frozenset()
    row_gap = grid.gap if isinstance(grid.gap, (int, float)) else grid.gap[0]
    spec = ["1fr"] * grid.rows if isinstance(grid.rows, int) else list(grid.rows)
    fr = [i for i, row in enumerate(spec) if isinstance(row, str) and row.endswith("fr") and i not in collapsed]
    sized = tracks(spec, content.h, row_gap, collapsed)
    return sum(sized[i][1] for i in fr) if fr else content.h - sum(size for _pos, size in sized) - row_gap * max(
        0, len(spec) - len(collapsed) - 1), bool(fr)


def resolve_grid(grid: Grid, content: Box, empty: frozenset[str] = frozenset(),
                 auto: Mapping[int, float] | None = None, measuring: bool = False) -> dict[str, Box]:
    """Boxes of every named area of `grid` inside the content box.

    A row whose every cell is empty (".") or an area in `empty` collapses, and the
    rows that take what is left (fr tracks) grow into its room: a page whose intro
    or quote is missing closes up rather than keep a hole. Likewise an empty area
    beside another on exactly the same rows gives it its columns. `auto` gives the
    height of each auto row; `measuring` lays the grid out before they are known (for the widths).
    """
    cells = _widened(area_cells(grid.areas), empty) if empty else area_cells(grid.areas)
    n_rows = len(grid.areas)
    n_cols = len(grid.areas[0].split())
    col_gap, row_gap = (grid.gap, grid.gap) if isinstance(grid.gap, (int, float)) else (grid.gap[1], grid.gap[0])
    cols = tracks(grid.columns, content.w, col_gap)
    rows = tracks(grid.rows, content.h, row_gap, _collapsed_rows(grid.areas, empty) if empty else frozenset(), auto)
    if len(cols) != n_cols or len(rows) != n_rows:
        raise SpanlessError(f"the grid has {len(cols)} columns and {len(rows)} rows but its areas are "
                            f"{n_cols} wide and {n_rows} tall", "make the areas match the columns and rows")
    boxes = {}
    unsized = frozenset(auto_rows(grid)) if auto is None else frozenset()  # auto rows not yet measured
    for name, (r0, c0, r1, c1) in cells.items():
        x0, y0 = cols[c0][0], rows[r0][0]
        x1, y1 = cols[c1][0] + cols[c1][1], rows[r1][0] + rows[r1][1]
        boxes[name] = Box(content.x + x0, content.y + y0, x1 - x0, y1 - y0)
        # Nothing fits in an area of no size, and text fitting would divide by it (an empty area may collapse).
        in_unsized = all(r in unsized for r in range(r0, r1 + 1))
        if name not in empty and not measuring and not in_unsized and (x1 - x0 <= 0 or y1 - y0 <= 0):
            raise GridError(f"area {name!r} is {x1 - x0:.0f} × {y1 - y0:.0f} pt: it has no room for anything",
                            "give its rows and columns some size (in pt, or a share in fr)", row=r0)
    return boxes


def _widened(cells: dict[str, tuple[int, int, int, int]], empty: frozenset[str]) -> dict[str, tuple[int, int, int, int]]:
    """Areas grown over the columns of an empty neighbour on exactly the same rows (the one before it first).

    A page with no intro lets the contents list beside it take the intro's width, rather than keep a hole.
    """
    cells = dict(cells)
    for name in sorted(empty & cells.keys(), key=lambda n: cells[n][1]):
        r0, c0, r1, c1 = cells[name]
        beside = [n for n, (a0, b0, a1, b1) in cells.items() if n not in empty and (a0, a1) == (r0, r1)
                  and (b1 + 1 == c0 or c1 + 1 == b0)]
        if beside:
            taker = min(beside, key=lambda n: cells[n][1])
            t0, s0, t1, s1 = cells[taker]
            cells[taker] = (t0, min(s0, c0), t1, max(s1, c1))
    return cells


def _collapsed_rows(areas: Sequence[str], empty: frozenset[str]) -> frozenset[int]:
    """Rows holding nothing but empty cells and empty areas (never every row)."""
    rows = [row.split() for row in areas]
    gone = frozenset(r for r, row in enumerate(rows) if all(set(c) == {"."} or c in empty for c in row)
                     and any(c in empty for c in row))
    return gone if len(gone) < len(rows) else frozenset()
