"""Where a finding is on its page (页面定位): boxes around the cells or words concerned.

A finding's ``Location.sources`` name the cells it concerns by their place in the file's
reading (``SourceLocation``: raw table, row and column); the PDF reader kept each cell's
box (``RawTable.boxes``), so those boxes are exact. A finding without sources (the
narrative's sentences, the performance tables' indicators) is found by its words on the
page: the sentence quoted as evidence, the indicator's name and the value on its line,
or the table's title. Such a box is marked ``exact=False`` (found by text).

Boxes are in points from the top-left corner of the page as displayed, like the reader's.

>>> from govbudget.readers.raw import RawDocument, RawTable
>>> from govbudget.source import SourceLocation
>>> t = RawTable(rows=(("合计", "10"),), page=2, index=0,
...              boxes=(((10.0, 20.0, 60.0, 30.0), (60.0, 20.0, 90.0, 30.0)),))
>>> reading = RawDocument("a.pdf", (t,), pages=2)
>>> cell_boxes(SourceLocation("a.pdf", 2, 0, 0, 1), reading)
(Box(page=2, x0=60.0, top=20.0, x1=90.0, bottom=30.0, exact=True),)
>>> row = cell_boxes(SourceLocation("a.pdf", 2, 0, 0), reading)[0]  # the whole row
>>> row.x0, row.top, row.x1, row.bottom
(10.0, 20.0, 90.0, 30.0)
>>> glyphs = [Glyph(ch, 10.0 * i, 5.0, 10.0 * i + 9, 15.0, 10.0)
...           for i, ch in enumerate("经费 12.5 万元")]
>>> text_boxes(glyphs, "经费12.5", page=3)
(Box(page=3, x0=0.0, top=5.0, x1=69.0, bottom=15.0, exact=False),)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

import attrs

from govbudget.readers.pdf.marks import Glyph
from govbudget.readers.raw import CellBox, RawDocument, RawTable
from govbudget.rules.core import Finding, Location
from govbudget.source import SourceLocation

__all__ = ["Box", "Glyph", "cell_boxes", "locate", "text_boxes"]

#: pages after a finding's own on which the sentence it quotes is looked for
_AHEAD = 10
#: parts of a quoted list boxed at most
_PIECES = 6
#: a needle longer than this is also looked for by its head alone (a sentence that
#: runs onto the next page, or was quoted with words the page prints otherwise)
_HEAD = 24


@attrs.frozen(slots=True)
class Box:
    """A box on a page (页面方框): page number (from 1) and extent in points; ``exact`` when
    it is a cell's box from the reading, not words found by their text."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    exact: bool = True


def _union(page: int, boxes: Iterable[CellBox], exact: bool = True) -> Box | None:
    got = list(boxes)
    if not got:
        return None
    return Box(page, min(b[0] for b in got), min(b[1] for b in got),
               max(b[2] for b in got), max(b[3] for b in got), exact)


def _table(reading: RawDocument, index: int | None) -> RawTable | None:
    if index is None:
        return None
    for t in reading.tables():
        if t.index == index:
            return t
    return None


def cell_boxes(source: SourceLocation, reading: RawDocument) -> tuple[Box, ...]:
    """The box of the cell ``source`` names (of its row when no column, of the table on
    its page when no row); ``()`` when the reading has no box for it."""
    t = _table(reading, source.table)
    if t is None or t.boxes is None:
        return ()
    if source.row is None:
        rows = [r for r in range(len(t.boxes)) if source.page in (None, t.page_of(r))]
    elif source.row < len(t.boxes):
        rows = [source.row]
    else:
        return ()
    page = t.page_of(rows[0]) if rows else None
    if page is None:
        return ()
    if source.row is not None and source.column is not None:
        cells = t.boxes[source.row]
        box = cells[source.column] if source.column < len(cells) else None
        if box is not None:
            return (Box(page, *box),)
    found = _union(page, (b for r in rows for b in t.boxes[r] if b is not None))
    return () if found is None else (found,)


def _flat(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def _spans(glyphs: Sequence[Glyph], needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` is printed, as (first, end) glyph indexes (whitespace and width
    variants ignored); its head alone when the whole is not found."""
    index: list[int] = []
    flat = []
    for i, g in enumerate(glyphs):
        for ch in _flat(g.text):
            flat.append(ch)
            index.append(i)
    hay, want = "".join(flat), _flat(needle)
    for n in (want, want[:_HEAD]) if len(want) > _HEAD else (want,):
        out, at = [], hay.find(n) if n else -1
        while at >= 0:
            out.append((index[at], index[at + len(n) - 1] + 1))
            at = hay.find(n, at + 1)
        if out:
            return out
    return []


def _lines(glyphs: Sequence[Glyph], page: int) -> list[Box]:
    """The glyphs' extent, one box per printed line."""
    out: list[list[Glyph]] = []
    for g in glyphs:
        if out and abs(g.top - out[-1][-1].top) < (g.bottom - g.top) / 2 and g.x0 >= out[-1][-1].x0:
            out[-1].append(g)
        else:
            out.append([g])
    return [b for line in out
            if (b := _union(page, ((g.x0, g.top, g.x1, g.bottom) for g in line), False))]


def text_boxes(glyphs: Sequence[Glyph], needle: str, *, page: int,
               near: Box | None = None) -> tuple[Box, ...]:
    """Boxes around the first place ``needle`` is printed among ``glyphs`` (one per line),
    or the place on the line of ``near`` when given; ``()`` when it is not printed."""
    spans = _spans(glyphs, needle)
    if near is not None:
        mid = (near.top + near.bottom) / 2
        spans = [s for s in spans if glyphs[s[0]].top <= mid <= glyphs[s[0]].bottom]
    if not spans:
        return ()
    first, end = spans[0]
    return tuple(_lines(glyphs[first:end], page))


def _pieces(evidence: str) -> list[str]:
    """The parts of a quoted list or passage (``a=100%; b≥95%``), each long enough to find."""
    return [p for p in re.split(r"[;；。\n]", evidence) if len(_flat(p)) >= 4]


def _words(finding: Finding, location: Location, glyphs: Sequence[Glyph],
           page: int) -> tuple[Box, ...]:
    """``location`` found by its words on ``page``: the row's name (and the value on its
    line), the value, a column's header, the table's title or a part of it."""
    if location.row:
        name = location.row.rsplit("/", 1)[-1]
        found = text_boxes(glyphs, name, page=page)
        if found and finding.actual:
            return found + text_boxes(glyphs, finding.actual, page=page, near=found[0])
        if found:
            return found
    titles = re.split(r"[（()）]", location.table or "")
    for text in (finding.actual, location.column, location.table, *titles):
        found = text_boxes(glyphs, text, page=page) if text and len(_flat(text)) >= 2 else ()
        if found:
            return found
    return ()


def locate(finding: Finding, location: Location, reading: RawDocument | None,
           glyphs: Callable[[int], Sequence[Glyph]], pages: int) -> tuple[Box, ...]:
    """The boxes of ``location`` (the finding's own, one of its places or consequences):
    its cells' boxes from ``reading``, else its words among the ``glyphs`` of a page.

    The sentence a finding quotes is looked for on its page and the next ``_AHEAD`` (a
    narrative finding names the page its section starts on); every other text on its page.
    """
    boxes = tuple(b for s in location.sources if reading is not None
                  for b in cell_boxes(s, reading))
    page = location.page
    if boxes or page is None or not 1 <= page <= pages:
        return boxes
    if finding.evidence:
        for n in range(page, min(page + _AHEAD, pages) + 1):
            found = text_boxes(glyphs(n), finding.evidence, page=n)
            if not found:
                found = tuple(b for piece in _pieces(finding.evidence)[:_PIECES]
                              for b in text_boxes(glyphs(n), piece, page=n))
            if found:
                return found
    return _words(finding, location, glyphs(page), page)
