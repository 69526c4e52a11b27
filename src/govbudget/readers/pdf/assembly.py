"""Assemble a PDF's pages into a raw document: furniture dropped, tables continued
across pages merged, titles and context taken from the lines above each table."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

import attrs

from govbudget.readers._textlayout import (
    _CONTINUED,
    _NOTE,
    _NUMBERED,
    _PAGE_NUMBER,
    _TOTAL,
    _is_data_row,
    _is_header_like,
    _Line,
    _squash,
    _title_and_context,
    is_amount,
    is_context_line,
    is_heading_line,
    is_title_line,
    join_wrapped,
    split_captions,
)
from govbudget.readers.layout import _is_data_row as _is_table_data
from govbudget.readers.pdf.items import CellBox, _Grid
from govbudget.readers.raw import RawBlock, RawTable
from govbudget.tables.kinds import kind_from_title

__all__ = ["_Assembler", "_furniture"]

_C = TypeVar("_C")
_BoxRow = tuple[CellBox | None, ...] | None  # a row's cell boxes, parallel to its texts


# --------------------------------------------------------------------------------------
# Page furniture


def _furniture(pages: Sequence[Sequence[_Line | _Grid]]) -> set[int]:
    """ids of lines that are running headers/footers or page numbers."""
    drop: set[int] = set()
    edge: list[_Line] = []
    for items in pages:
        lines = [it for it in items if isinstance(it, _Line)]
        if not lines:
            continue
        first: _Line | None = lines[0]
        last = lines[-1]
        if first is not None and is_title_line(first.text) and any(isinstance(it, _Grid) for it in items):
            first = None  # a table's title repeated over its pages: not a running header
        for ln, at_edge in ((first, first is not None and first.top < first.height * 0.12),
                            (last, last.bottom > last.height * 0.88)):
            if ln is None or not at_edge:
                continue
            if _PAGE_NUMBER.match(_squash(ln.text)):
                drop.add(id(ln))
            else:
                edge.append(ln)
    counts = Counter(_squash(ln.text) for ln in edge)
    repeated = {t for t, n in counts.items() if n >= max(3, 0.3 * len(pages))}
    drop.update(id(ln) for ln in edge if _squash(ln.text) in repeated)
    return drop


# --------------------------------------------------------------------------------------
# Document assembly


@attrs.define
class _Building:
    """A table being assembled, possibly over several pages."""

    rows: list[tuple[str | None, ...]]
    row_pages: list[int]
    title: str | None
    context: list[str]
    page: int
    x0: float
    x1: float
    captions: set[str]  # squashed caption lines, to recognise their repetition
    width: int
    edges: tuple[float, ...]
    bottom: float  # of the last part, on its page
    height: float
    boxes: list[_BoxRow]  # parallel to rows


def _fragment_of(row: Sequence[str | None], prev: Sequence[str | None]) -> bool:
    """Is ``row`` only the wrapped rest of the cells of ``prev``: the rest of its names (no
    code, no total) and the last digits of an amount cut at its decimals (``12,437.3`` /
    ``6`` when the row's other amounts print two decimals)?"""
    texts = [(k, c) for k, c in enumerate(row) if c]
    if not texts or len(row) != len(prev):
        return False
    tails = [k for k, c in texts if _completes(k, c, prev)]
    if _is_data_row(row) and not tails:
        return False
    return any(not is_amount(c) for _, c in texts) and all(
        k in tails or (prev[k] and not is_amount(prev[k] or "") and not _NUMBERED.match(c)
                       and not _TOTAL.search(c) and not _NOTE.match(c))
        for k, c in texts
    )


_DECIMALS = re.compile(r"^-?[\d,]+\.(\d*)$")


def _completes(k: int, tail: str, prev: Sequence[str | None]) -> bool:
    """Whether ``tail`` (digits) ends the amount in cell ``k`` of ``prev`` that a page break
    cut short of the decimals the row's other amounts print."""
    m = _DECIMALS.match((prev[k] or "").strip())
    if m is None or not tail.strip().isdigit():
        return False
    places = {len(d.group(1)) for j, c in enumerate(prev) if c and j != k
              and (d := _DECIMALS.match(c.strip())) is not None}
    return len(places) == 1 and len(m.group(1)) + len(tail.strip()) == places.pop()


class _Assembler:
    def __init__(self) -> None:
        self.items: list[RawTable | RawBlock] = []
        self.pending: list[_Line] = []
        self.current: _Building | None = None
        self.ntables = 0

    # -- text -----------------------------------------------------------------------

    def _flush_blocks(self, lines: list[_Line]) -> None:
        para: list[_Line] = []
        for ln in lines:
            if para and self._breaks(para[-1], ln):
                self._emit_block(para)
                para = []
            para.append(ln)
        if para:
            self._emit_block(para)

    @staticmethod
    def _breaks(prev: _Line, ln: _Line) -> bool:
        if prev.page != ln.page and not (prev.x1 > prev.width * 0.75):
            return True
        em = max(ln.bottom - ln.top, 1.0)
        return (
            is_heading_line(ln.text)
            or bool(_NUMBERED.match(ln.text)) or is_title_line(ln.text)
            or is_context_line(ln.text)
            or ln.top - prev.bottom > 1.2 * em
            or (abs((ln.x0 + ln.x1) - ln.width) < em and ln.x0 > prev.x0 + 2 * em)  # centred
            or ln.x0 > prev.x0 + 1.5 * em  # indented first line
            or (prev.x1 < ln.x1 - 2 * em and prev.page == ln.page)  # short last line
        )

    def _emit_block(self, para: list[_Line]) -> None:
        text = join_wrapped("\n".join(ln.text for ln in para))
        first = para[0]
        centred = abs((first.x0 + first.x1) - first.width) < 0.1 * first.width and (
            first.x0 > 0.2 * first.width)
        heading = len(para) == 1 and (is_heading_line(text) or (centred and len(text) <= 30))
        self.items.append(RawBlock(text, page=first.page, heading=heading))

    # -- tables ---------------------------------------------------------------------

    def line(self, ln: _Line) -> None:
        self.pending.append(ln)

    def grid(self, grid: _Grid) -> None:
        for part in _split_at_titles(grid):
            self._grid(part)

    def _grid(self, grid: _Grid) -> None:
        captions, rows = split_captions(grid.rows)
        boxes = _boxes_of(grid)[len(grid.rows) - len(rows):]
        lines = self.pending + [
            _Line(c, grid.page, grid.x0, grid.x1, grid.top, grid.top, grid.x1, grid.bottom)
            for c in captions]
        kept, notes = _split_notes(rows)
        boxes = _kept(rows, boxes, kept)
        rows = kept
        self.pending = []
        if not rows:
            self._flush_blocks(lines)
        elif not self._continue(lines, rows, grid, boxes):
            self._close()
            title, context, rest, used = _title_and_context(lines, grid.page)
            self._flush_blocks(rest)
            width = max(len(r) for r in rows)
            self.current = _Building(list(rows), [grid.page] * len(rows), title, context,
                                     grid.page, grid.x0, grid.x1, used, width, grid.edges,
                                     grid.bottom, grid.height, boxes)
        self.pending = [_Line(n, grid.page, grid.x0, grid.x1, grid.bottom, grid.bottom,
                              grid.x1, grid.bottom) for n in notes]

    def _continue(self, lines: list[_Line], rows: list[tuple[str | None, ...]],
                  grid: _Grid, boxes: list[_BoxRow]) -> bool:
        cur = self.current
        if cur is None or grid.page != cur.row_pages[-1] + 1:
            return False
        head_cells = _header_cells(cur.rows)
        if any(_squash(ln.text) not in cur.captions and not _CONTINUED.match(_squash(ln.text))
               and not _repeats_header(ln.text, head_cells) for ln in lines):
            return False
        tol = 0.02 * max(grid.x1 - grid.x0, 1.0)
        if cur.bottom < 0.7 * cur.height or abs(grid.x1 - cur.x1) > 2 * tol:
            return False
        mapping = _column_map(grid.edges, cur.edges, tol)
        if abs(grid.x0 - cur.x0) > 2 * tol and not (
                grid.x0 > cur.x0 and mapping is not None and _is_table_data(
                    tuple(c or "" for c in rows[0]))):
            return False  # not the right-hand columns of the table, continued (merged cells)
        if mapping is None:
            widen = _column_map(cur.edges, grid.edges, tol)
            if widen is None:
                return False
            # the part on the previous page had fewer columns (merged cells): spread it
            cur.rows = [_spread(r, widen, len(grid.edges)) for r in cur.rows]
            cur.boxes = [b and _spread(b, widen, len(grid.edges)) for b in cur.boxes]
            cur.width, cur.edges = len(grid.edges), grid.edges
        else:
            rows = [_spread(r, mapping, cur.width) for r in rows]
            boxes = [b and _spread(b, mapping, cur.width) for b in boxes]
        header = {tuple(_squash(c or "") for c in r) for r in cur.rows[:_header_count(cur.rows)]}
        k = 0
        while k < len(rows) and k < 6 and tuple(_squash(c or "") for c in rows[k]) in header:
            k += 1  # the header rows repeated on this page (in any order, the 栏次 row too)
        rest, boxes = rows[k:], boxes[k:]
        retitled = any(is_title_line(ln.text) for ln in lines)
        if k == 0 and retitled and not (rest and _is_table_data(tuple(c or "" for c in rest[0]))):
            return False  # the title again but not the headings: a new table of the same name
        if k == 0 and rest and _is_header_like(rest[0]) and not _fragment_of(rest[0], cur.rows[-1]):
            return False  # another table, with headings of its own and no title
        if rest and cur.rows and _fragment_of(rest[0], cur.rows[-1]):
            last = cur.rows[-1]
            cur.rows[-1] = tuple(
                (a or "") + (b or "") if b else a for a, b in zip(last, rest[0], strict=True))
            rest, boxes = rest[1:], boxes[1:]  # the joined cell keeps its first part's box
        cur.rows.extend(rest)
        cur.boxes.extend(boxes)
        cur.row_pages.extend([grid.page] * len(rest))
        cur.bottom, cur.height = grid.bottom, grid.height
        return True

    def _close(self) -> None:
        cur = self.current
        if cur is None:
            return
        rows = tuple(tuple(c or "" for c in r) for r in cur.rows)
        boxes = tuple(b or (None,) * len(r) for b, r in zip(cur.boxes, rows, strict=True)) \
            if any(cur.boxes) else None
        self.items.append(RawTable(rows=rows, title=cur.title, context=tuple(cur.context),
                                   page=cur.page, row_pages=tuple(cur.row_pages),
                                   index=self.ntables, boxes=boxes))
        self.ntables += 1
        self.current = None

    def text_between(self) -> None:
        """Running text after a table ends it: no later table continues it."""
        if self.pending and any(not _CONTINUED.match(_squash(p.text)) for p in self.pending):
            self._close()

    def finish(self) -> list[RawTable | RawBlock]:
        self._close()
        self._flush_blocks(self.pending)
        self.pending = []
        return self.items


def _split_at_titles(grid: _Grid) -> list[_Grid]:
    """A grid holding the end of one table and the start of the next (the next one's title
    printed in a row of its own inside the frame) as two grids."""
    cuts: list[int] = []
    for k in range(1, len(grid.rows)):
        texts = [c.strip() for c in grid.rows[k] if c and c.strip()]
        if len(texts) == 1 and is_title_line(texts[0]) and not is_context_line(texts[0]) \
                and kind_from_title(texts[0]) is not None \
                and split_captions(grid.rows[cuts[-1] if cuts else 0:k])[1]:
            cuts.append(k)  # the rows above are not only this title's captions
    if not cuts:
        return [grid]
    bounds = [0, *cuts, len(grid.rows)]
    return [attrs.evolve(grid, rows=grid.rows[a:b],
                         boxes=None if grid.boxes is None else grid.boxes[a:b])
            for a, b in itertools.pairwise(bounds) if b > a]


def _header_count(rows: Sequence[Sequence[str | None]]) -> int:
    """How many rows of a table's first page are its header (before its first data row)."""
    texts = [tuple(c or "" for c in r) for r in rows[:8]]
    return next((i for i, r in enumerate(texts) if _is_table_data(r)), len(texts))


def _header_cells(rows: Sequence[Sequence[str | None]]) -> list[str]:
    """The header cells of a table, squashed, longest first."""
    cells = {_squash(c) for r in rows[:_header_count(rows)] for c in r if c and _squash(c)}
    return sorted(cells, key=len, reverse=True)


def _repeats_header(text: str, cells: Sequence[str]) -> bool:
    """Is a text line the table's header printed again as plain text (on a new page)?"""
    rest = _squash(text)
    if len(rest) < 4 or not cells:
        return False
    hits = 0
    for c in cells:
        if len(c) >= 2 and c in rest:
            rest = rest.replace(c, "")
            hits += 1
    return hits >= 2 and not rest.strip("()（）:：、")


def _column_map(
    edges: tuple[float, ...], onto: tuple[float, ...], tol: float
) -> list[int] | None:
    """Map each column (by left edge) to a column of ``onto``, or None if one has none."""
    out: list[int] = []
    for x in edges:
        near = [k for k, y in enumerate(onto) if abs(x - y) <= tol]
        if not near:
            return None
        out.append(min(near, key=lambda k: abs(x - onto[k])))  # a narrow margin column beside
    return out


def _spread(row: Sequence[_C | None], mapping: list[int], width: int) -> tuple[_C | None, ...]:
    cells: list[_C | None] = [None] * width
    for k, c in enumerate(row):
        if k < len(mapping):
            cells[mapping[k]] = c
    return tuple(cells)


def _split_notes(
    rows: list[tuple[str | None, ...]],
) -> tuple[list[tuple[str | None, ...]], list[str]]:
    """Trailing rows that hold only a ``注：…`` note become text after the table."""
    notes: list[str] = []
    while rows:
        texts = [c for c in rows[-1] if c]
        if len(texts) == 1 and _NOTE.match(texts[0]):
            notes.insert(0, texts[0])
            rows = rows[:-1]
        elif not texts:
            rows = rows[:-1]
        else:
            break
    return [r for r in rows if any(r)], notes


def _boxes_of(grid: _Grid) -> list[_BoxRow]:
    return list(grid.boxes) if grid.boxes is not None else [None] * len(grid.rows)


def _kept(rows: Sequence[object], boxes: list[_BoxRow], kept: Sequence[object]) -> list[_BoxRow]:
    """The boxes of the rows ``kept`` (a subsequence of ``rows``, the same objects)."""
    out: list[_BoxRow] = []
    j = 0
    for row, box in zip(rows, boxes, strict=True):
        if j < len(kept) and kept[j] is row:
            out.append(box)
            j += 1
    return out
