"""Ruled tables from ruling edges (表格线 → 单元格 → 表格), as pdfplumber's *lines* strategy.

The steps and tolerances are those of pdfplumber's ``TableFinder`` with the settings the
reader always used (snap, join and intersection tolerance 3 pt, edges of at least 3 pt),
reimplemented over plain tuples with indexes instead of nested scans:

1. edges shorter than 1 pt are dropped; edges within 3 pt of one another are snapped to
   their mean position, and collinear edges with gaps of at most 3 pt are joined;
2. a vertical and a horizontal edge that meet (within 3 pt) make an intersection;
3. from each intersection, the smallest rectangle whose four corners are intersections
   joined by common edges is a cell;
4. cells sharing a corner form one table; a table of one cell is none.

The work is bounded: pages whose edges would need more than ``limits.MAX_RULING_PAIRS``
comparisons raise :class:`RulingTooComplex` before doing them.

>>> from govbudget.readers.pdf.marks import Edge
>>> grid = [Edge("h", 0, y, 200, y) for y in (0, 20, 40)] + [
...     Edge("v", x, 0, x, 40) for x in (0, 100, 200)]
>>> [t.rows for t in find_tables(grid)]
[[[(0.0, 0.0, 100.0, 20.0), (100.0, 0.0, 200.0, 20.0)],
  [(0.0, 20.0, 100.0, 40.0), (100.0, 20.0, 200.0, 40.0)]]]
>>> find_tables(grid[:2] + grid[3:5])   # one cell only: no table
[]
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from govbudget import limits
from govbudget.readers.pdf.marks import Edge

__all__ = ["Box", "Frame", "RulingTooComplex", "find_tables"]

SNAP = 3.0
JOIN = 3.0
MEET = 3.0  # intersection tolerance
MIN_LENGTH = 3.0
MIN_LENGTH_FIRST = 1.0

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
_Point = tuple[float, float]


class RulingTooComplex(ValueError):
    """The page's ruling edges exceed the work bound (``limits.MAX_RULING_PAIRS``)."""


@attrs.frozen(slots=True)
class Frame:
    """A ruled table (表格框): its cells row by row, ``None`` where a merged cell sits.

    Every row has one entry per distinct left edge of the table's cells, as pdfplumber's
    ``Table.rows``; ``bbox`` is the table's outer box.
    """

    rows: list[list[Box | None]]
    bbox: Box

    @property
    def cells(self) -> list[Box]:
        return [c for row in self.rows for c in row if c is not None]


# --------------------------------------------------------------------------------------
# 1. snap and join


def _position(e: Edge) -> float:
    return e.top if e.orient == "h" else e.x0


def _snap(edges: list[Edge]) -> list[Edge]:
    """Move edges of one orientation whose positions lie within SNAP of the next one,
    chained, to the mean position of their cluster."""
    values = sorted({_position(e) for e in edges})
    cluster: dict[float, int] = {}
    k = -1
    last: float | None = None
    for v in values:
        if last is None or v > last + SNAP:
            k += 1
        cluster[v] = k
        last = v
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for e in edges:
        acc = sums[cluster[_position(e)]]
        acc[0] += _position(e)
        acc[1] += 1
    out = []
    for e in edges:
        total, n = sums[cluster[_position(e)]]
        at = total / n
        if e.orient == "h":  # move top and bottom
            out.append(Edge("h", e.x0, at, e.x1, at))
        else:
            out.append(Edge("v", at, e.top, at, e.bottom))
    return out


def _span(e: Edge) -> tuple[float, float]:
    return (e.x0, e.x1) if e.orient == "h" else (e.top, e.bottom)


def _join(edges: list[Edge]) -> list[Edge]:
    """Join collinear edges (same orientation and position) separated by at most JOIN."""
    groups: dict[tuple[str, float], list[Edge]] = defaultdict(list)
    for e in edges:
        groups[(e.orient, _position(e))].append(e)
    out: list[Edge] = []
    for _, group in sorted(groups.items(), key=lambda kv: kv[0]):
        group.sort(key=lambda e: _span(e)[0])
        cur = group[0]
        for e in group[1:]:
            lo, hi = _span(e)
            if lo <= _span(cur)[1] + JOIN:
                if hi > _span(cur)[1]:
                    cur = cur._replace(x1=hi) if e.orient == "h" else cur._replace(bottom=hi)
            else:
                out.append(cur)
                cur = e
        out.append(cur)
    return out


def merge_edges(edges: Iterable[Edge]) -> tuple[list[Edge], list[Edge]]:
    """(vertical, horizontal) edges after the length filter, snapping and joining."""
    v = [e for e in edges if e.orient == "v" and e.bottom - e.top >= MIN_LENGTH_FIRST]
    h = [e for e in edges if e.orient == "h" and e.x1 - e.x0 >= MIN_LENGTH_FIRST]
    merged = _join(_snap(v) + _snap(h))
    v = [e for e in merged if e.orient == "v" and e.bottom - e.top >= MIN_LENGTH]
    h = [e for e in merged if e.orient == "h" and e.x1 - e.x0 >= MIN_LENGTH]
    return v, h


# --------------------------------------------------------------------------------------
# 2. intersections


def _intersections(v_edges: list[Edge], h_edges: list[Edge],
                   budget: list[int]) -> dict[_Point, tuple[set[Edge], set[Edge]]]:
    h_sorted = sorted(h_edges, key=lambda e: (e.top, e.x0))
    tops = [e.top for e in h_sorted]
    out: dict[_Point, tuple[set[Edge], set[Edge]]] = {}
    for v in sorted(v_edges, key=lambda e: (e.x0, e.top)):
        lo = bisect.bisect_left(tops, v.top - MEET)
        hi = bisect.bisect_right(tops, v.bottom + MEET)
        _spend(budget, hi - lo)
        for h in h_sorted[lo:hi]:
            if h.x0 - MEET <= v.x0 <= h.x1 + MEET:
                point = (v.x0, h.top)
                vs, hs = out.setdefault(point, (set(), set()))
                vs.add(v)
                hs.add(h)
    return out


def _spend(budget: list[int], n: int) -> None:
    budget[0] -= n
    if budget[0] < 0:
        raise RulingTooComplex(
            f"the page's ruling lines need more than {limits.MAX_RULING_PAIRS} comparisons")


# --------------------------------------------------------------------------------------
# 3. cells


def _cells(points: dict[_Point, tuple[set[Edge], set[Edge]]], budget: list[int]) -> list[Box]:
    below: dict[float, list[_Point]] = defaultdict(list)  # same x, ascending top
    right: dict[float, list[_Point]] = defaultdict(list)  # same top, ascending x
    for p in sorted(points):
        below[p[0]].append(p)
        right[p[1]].append(p)
    for col in below.values():
        col.sort(key=lambda p: p[1])

    def v_joined(a: _Point, b: _Point) -> bool:
        return not points[a][0].isdisjoint(points[b][0])

    def h_joined(a: _Point, b: _Point) -> bool:
        return not points[a][1].isdisjoint(points[b][1])

    cells: list[Box] = []
    for pt in sorted(points):
        col, row = below[pt[0]], right[pt[1]]
        downs = col[bisect.bisect_right(col, pt[1], key=lambda p: p[1]):]
        rights = row[bisect.bisect_right(row, pt[0], key=lambda p: p[0]):]
        found = None
        for down in downs:
            if not v_joined(pt, down):
                continue
            _spend(budget, len(rights))
            for across in rights:
                if not h_joined(pt, across):
                    continue
                corner = (across[0], down[1])
                if corner in points and v_joined(corner, across) and h_joined(corner, down):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


# --------------------------------------------------------------------------------------
# 4. tables


def _group(cells: Sequence[Box]) -> list[list[Box]]:
    """Cells that share a corner, transitively (union-find over corners)."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[_Point, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            ri, rj = root(i), root(j)
            if ri != rj:
                parent[rj] = ri
    groups: dict[int, list[Box]] = defaultdict(list)
    for i, c in enumerate(cells):
        groups[root(i)].append(c)
    tables = [g for g in groups.values() if len(g) > 1]
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return tables


def _frame(cells: list[Box]) -> Frame:
    xs = sorted({c[0] for c in cells})
    by_top: dict[float, dict[float, Box]] = defaultdict(dict)
    for c in sorted(cells, key=lambda c: (c[1], c[0])):
        by_top[c[1]][c[0]] = c
    rows = [[row.get(x) for x in xs] for _, row in sorted(by_top.items())]
    bbox = (min(c[0] for c in cells), min(c[1] for c in cells),
            max(c[2] for c in cells), max(c[3] for c in cells))
    return Frame(rows, bbox)


def find_tables(edges: Iterable[Edge]) -> list[Frame]:
    """The ruled tables the edges draw, top to bottom (then left to right)."""
    v, h = merge_edges(edges)
    if not v or not h:
        return []
    budget = [limits.MAX_RULING_PAIRS]
    points = _intersections(v, h, budget)
    return [_frame(t) for t in _group(_cells(points, budget))]
