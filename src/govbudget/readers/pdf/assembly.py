"""Assemble a PDF's pages into a raw document: furniture dropped, tables continued
across pages merged, titles and context taken from the lines above each table."""

from __future__ import annotations

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
from govbudget.readers.pdf.items import CellBox, _Grid
from govbudget.readers.raw import RawBlock, RawTable

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
        first, last = lines[0], lines[-1]
        for ln, at_edge in ((first, first.top < first.height * 0.12),
                            (last, last.bottom > last.height * 0.88)):
            if not at_edge:
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
    """Is ``row`` only the wrapped rest of the names in ``prev`` (no code, no amount)?"""
    texts = [(k, c) for k, c in enumerate(row) if c]
    if not texts or _is_data_row(row) or len(row) != len(prev):
        return False
    return all(
        prev[k] and not is_amount(prev[k] or "") and not _NUMBERED.match(c)
        and not _TOTAL.search(c) and not _NOTE.match(c)
        for k, c in texts
    )


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
            title, context, rest, used = _title_and_context(lines)
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
        if any(_squash(ln.text) not in cur.captions and not _CONTINUED.match(_squash(ln.text))
               for ln in lines):
            return False
        tol = 0.02 * max(grid.x1 - grid.x0, 1.0)
        if (cur.bottom < 0.7 * cur.height or abs(grid.x0 - cur.x0) > 2 * tol
                or abs(grid.x1 - cur.x1) > 2 * tol):
            return False
        mapping = _column_map(grid.edges, cur.edges, tol)
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
        k = 0
        while (k < len(rows) and k < len(cur.rows) and k < 6
               and [_squash(c or "") for c in rows[k]] == [_squash(c or "") for c in cur.rows[k]]
               and not _is_data_row(cur.rows[k])):
            k += 1
        rest, boxes = rows[k:], boxes[k:]
        retitled = any(is_title_line(ln.text) for ln in lines)
        if k == 0 and retitled:
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


def _column_map(
    edges: tuple[float, ...], onto: tuple[float, ...], tol: float
) -> list[int] | None:
    """Map each column (by left edge) to a column of ``onto``, or None if one has none."""
    out: list[int] = []
    for x in edges:
        near = [k for k, y in enumerate(onto) if abs(x - y) <= tol]
        if not near:
            return None
        out.append(near[0])
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
