"""One page's items from its marks (页面版式): ruled tables as grids, the other text as lines.

Backend-neutral: whatever read the page (``pdfium``), its glyphs and ruling edges become

* a :class:`~govbudget.readers.pdf.items._Grid` for every ruled table of at least two
  columns (``ruling.find_tables``), each cell's text the glyphs whose centre lies in the
  cell, read line by line and joined as ``join_wrapped`` joins a wrapped cell, and each
  cell's box kept beside its text;
* a :class:`~govbudget.readers.pdf.items._Line` for every line of the glyphs outside those
  tables.

>>> from govbudget.readers.pdf.marks import Edge, Glyph, PageMarks
>>> edges = [Edge("h", 50, y, 250, y) for y in (100, 120, 140)] + [
...     Edge("v", x, 100, x, 140) for x in (50, 150, 250)]
>>> glyphs = [Glyph(c, 60 + 10 * k, 105, 70 + 10 * k, 115, 10) for k, c in enumerate("合计")]
>>> glyphs += [Glyph(c, 50 + 10 * k, 60, 60 + 10 * k, 70, 10) for k, c in enumerate("表1")]
>>> items = read_items(PageMarks(3, 595, 842, tuple(glyphs), tuple(edges)))
>>> [type(it).__name__ for it in items], items[1].rows, items[1].boxes[0][0]
(['_Line', '_Grid'], (('合计', ''), ('', '')), (50.0, 100.0, 150.0, 120.0))
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from govbudget.readers._textlayout import _Line, join_wrapped
from govbudget.readers.pdf.items import _Grid
from govbudget.readers.pdf.marks import Glyph, PageMarks
from govbudget.readers.pdf.ruling import Box, Frame, find_tables
from govbudget.readers.pdf.text import clean, line_box, line_text, lines_of

__all__ = ["read_items"]


_Hit = tuple[float, float, int, Glyph]  # (centre y, centre x, print order, glyph)


class _Centres:
    """The page's glyphs indexed by the height of their centres."""

    def __init__(self, glyphs: Sequence[Glyph]) -> None:
        keyed = sorted(((g.top + g.bottom) / 2, (g.x0 + g.x1) / 2, k, g)
                       for k, g in enumerate(glyphs))
        self.ys = [t[0] for t in keyed]
        self.items = keyed

    def within(self, box: Box) -> list[tuple[float, float, int, Glyph]]:
        """Glyphs whose centre lies in ``box`` (left and top edges in, right and bottom out)."""
        x0, top, x1, bottom = box
        lo = bisect.bisect_left(self.ys, top)
        hi = bisect.bisect_left(self.ys, bottom)
        return [t for t in self.items[lo:hi] if x0 <= t[1] < x1]


def _cell_text(hits: list[tuple[float, float, int, Glyph]]) -> str:
    glyphs = [t[3] for t in sorted(hits, key=lambda t: t[2])]  # the order they were printed
    return join_wrapped("\n".join(line_text(ln) for ln in lines_of(glyphs)))


def _grid(frame: Frame, centres: _Centres, marks: PageMarks) -> _Grid:
    found: dict[tuple[int, int], list[_Hit]] = {}
    for r, row in enumerate(frame.rows):
        cells = [c for c in row if c is not None]
        band = centres.within((min(c[0] for c in cells), min(c[1] for c in cells),
                               max(c[2] for c in cells), max(c[3] for c in cells)))
        for c, cell in enumerate(row):
            if cell is not None:
                x0, top, x1, bottom = cell
                found[r, c] = [t for t in band if x0 <= t[1] < x1 and top <= t[0] < bottom]
    _keep_runs_whole(found)
    rows = tuple(tuple(None if cell is None else (_cell_text(found[r, c]) if found[r, c] else "")
                       for c, cell in enumerate(row)) for r, row in enumerate(frame.rows))
    x0, top, x1, bottom = frame.bbox
    edges = tuple(sorted({round(c[0], 1) for c in frame.cells}))
    boxes = tuple(tuple(row) for row in frame.rows)
    return _Grid(rows, marks.number, x0, x1, top, bottom, edges, marks.height, boxes)


def _keep_runs_whole(found: dict[tuple[int, int], list[_Hit]]) -> None:
    """A word printed wider than its cell (a header over merged columns, 公务用车购置及运行维护费)
    spills its end glyphs into the cells beside: each run of text glyphs printed one after
    the other on one line goes whole to the cell holding most of it."""
    owner = {t[2]: (key, t) for key, hits in found.items() for t in hits}
    runs: list[list[int]] = []
    for k in sorted(owner):
        g = owner[k][1][3]
        prev = owner.get(k - 1)
        if runs and runs[-1][-1] == k - 1 and prev is not None and _abuts(prev[1][3], g):
            runs[-1].append(k)
        else:
            runs.append([k])
    for run in runs:
        keys = [owner[k][0] for k in run]
        if len(set(keys)) < 2:
            continue
        main = max(set(keys), key=keys.count)
        if keys.count(main) * 2 <= len(run):
            continue
        for k, key in zip(run, keys, strict=True):
            if key != main:
                hit = owner[k][1]
                found[key].remove(hit)
                found[main].append(hit)


def _abuts(a: Glyph, b: Glyph) -> bool:
    """Whether ``b`` is the text glyph printed right after ``a`` on the same line (no gap)."""
    em = max(a.x1 - a.x0, 1.0)
    return (not a.text.isascii() and not b.text.isascii() and abs(a.top - b.top) < 0.2 * em
            and abs(a.bottom - b.bottom) < 0.2 * em and -0.1 * em <= b.x0 - a.x1 < 0.2 * em)


def read_items(marks: PageMarks) -> list[_Line | _Grid]:
    """The page's tables and text lines, sorted top to bottom."""
    glyphs = clean(marks.glyphs, marks.width, marks.height)
    centres = _Centres(glyphs)
    items: list[_Line | _Grid] = []
    for frame in find_tables(marks.edges):
        if len(frame.rows[0]) < 2:
            continue  # a framed paragraph (a boxed table of contents): read as text
        items.append(_grid(frame, centres, marks))
    boxes = [(g.x0, g.top, g.x1, g.bottom) for g in items if isinstance(g, _Grid)]
    free = [g for g in glyphs if not _in_any(g, boxes)] if boxes else glyphs
    for ln in lines_of(free):
        text = line_text(ln).strip()
        if text:
            x0, top, x1, bottom = line_box(ln)
            items.append(_Line(text, marks.number, x0, x1, top, bottom, marks.width,
                               marks.height))
    items.sort(key=lambda it: it.top)
    return items


def _in_any(g: Glyph, boxes: Sequence[Box]) -> bool:
    cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)
