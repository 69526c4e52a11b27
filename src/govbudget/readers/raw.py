"""The raw document: what a loader read, before any table is recognised.

Every format-specific loader (text, .docx, .xlsx, .pdf) produces a ``RawDocument``:
tables as grids of strings and text blocks, in reading order, each with where it came
from. One shared step (``govbudget.readers.assemble``) turns a raw document into typed
disclosures, so that table recognition is written once for every format.

>>> t = RawTable(rows=(("序号", "项目"), ("1", "合计")), page=3)
>>> t.cell(1, 1).text, t.cell(1, 1).page
('合计', 3)
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from govbudget.source import CellSources, SourceLocation

CellBox = tuple[float, float, float, float]  # x0, top, x1, bottom (points, top-left origin)

__all__ = [
    "CellBox",
    "CellSources",
    "RawBlock",
    "RawCell",
    "RawDocument",
    "RawTable",
    "SourceLocation",
    "describe",
]


@attrs.frozen(slots=True)
class RawCell:
    """One cell of a raw table (原始单元格), its text as read and its page."""

    text: str
    page: int | None = None


@attrs.frozen(slots=True)
class RawTable:
    """A table as read (原始表格): a grid of strings, with the text lines printed above it.

    ``rows`` holds the grid, header rows included, as tuples of strings (ragged rows
    allowed). ``context`` holds the lines between the previous block and the grid:
    the title, the ``<code><name>`` header line, ``预算年度：YYYY``, ``单位：万元``.
    ``row_pages`` gives the page of each row when the table spans pages. ``boxes``, from
    the PDF reader only, holds each cell's box parallel to ``rows``: (x0, top, x1, bottom)
    in points from the top-left corner of the cell's page (``row_pages``), ``None`` for a
    cell the grid does not have (merged, or joined from two rows' fragments).
    """

    rows: tuple[tuple[str, ...], ...]
    title: str | None = None
    context: tuple[str, ...] = ()
    page: int | None = None
    row_pages: tuple[int, ...] | None = None
    line: int | None = None  # first line number, for text sources
    row_lines: tuple[int, ...] | None = None
    index: int | None = None  # position among the document's tables
    boxes: tuple[tuple[CellBox | None, ...], ...] | None = attrs.field(default=None, eq=False)

    def page_of(self, row: int) -> int | None:
        if self.row_pages is not None and row < len(self.row_pages):
            return self.row_pages[row]
        return self.page

    def cell(self, row: int, column: int) -> RawCell:
        cells = self.rows[row]
        text = cells[column] if column < len(cells) else ""
        return RawCell(text, self.page_of(row))

    def location(self, row: int | None = None, column: int | None = None,
                 file: str | None = None) -> SourceLocation:
        line = None
        if row is not None and self.row_lines is not None and row < len(self.row_lines):
            line = self.row_lines[row]
        elif row is None:
            line = self.line
        page = self.page_of(row) if row is not None else self.page
        return SourceLocation(file=file, page=page, table=self.index, row=row,
                              column=column, line=line)


@attrs.frozen(slots=True)
class RawBlock:
    """A paragraph or heading of running text (正文段落), with its page or line."""

    text: str
    page: int | None = None
    line: int | None = None
    heading: bool = False


@attrs.frozen(slots=True)
class RawDocument:
    """Everything a loader read from one file, in reading order (原始文档).

    ``page_sizes`` (PDF only) gives each page's (width, height) in points, as displayed.
    """

    source: str
    items: tuple[RawTable | RawBlock, ...]
    pages: int | None = None
    page_sizes: tuple[tuple[float, float], ...] | None = None

    def tables(self) -> Iterator[RawTable]:
        for item in self.items:
            if isinstance(item, RawTable):
                yield item

    def blocks(self) -> Iterator[RawBlock]:
        for item in self.items:
            if isinstance(item, RawBlock):
                yield item


def describe(doc: RawDocument, max_rows: int | None = None) -> str:
    """A human-readable dump of a raw document: every item, and rows as ``a | b | c``."""
    out = [f"# {doc.source} ({doc.pages} pages, {sum(1 for _ in doc.tables())} tables)"]
    for item in doc.items:
        if isinstance(item, RawBlock):
            kind = "HEADING" if item.heading else "BLOCK"
            out.append(f"\n[{kind} p{item.page}] {item.text}")
            continue
        pages = sorted(set(item.row_pages or ()))
        span = f"p{pages[0]}-{pages[-1]}" if len(pages) > 1 else f"p{item.page}"
        out.append(f"\n[TABLE #{item.index} {span}, {len(item.rows)} rows] title: {item.title}")
        out.extend(f"  context: {c}" for c in item.context)
        shown = item.rows if max_rows is None else item.rows[:max_rows]
        for k, row in enumerate(shown):
            out.append(f"  {k:>3} p{item.page_of(k)}: " + " | ".join(row))
        if len(shown) < len(item.rows):
            out.append(f"  … {len(item.rows) - len(shown)} more rows")
    return "\n".join(out) + "\n"
