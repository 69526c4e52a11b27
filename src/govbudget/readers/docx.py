"""Read a Word (.docx) disclosure into a :class:`~govbudget.readers.raw.RawDocument`.

The body is read in order, paragraphs and tables interleaved. A paragraph is a
:class:`RawBlock`; it is a heading when its style is a heading style (``Heading 1``,
``标题 1``, ``Title``) or its text is a numbered heading (``一、``, ``（一）``, ``第一部分``).
A table is a :class:`RawTable`: the paragraphs just above it give its title
(``2026年部门收支总表``, ``表1 …``) and context (``单位：万元``, ``编制单位：…``), exactly as
for PDFs. A merged cell's text is kept once, in its first (top-left) cell; the cells
it covers are ``""`` — the same grid the PDF reader produces for the same table.
Word has no pages: ``page`` is ``None`` everywhere.

python-docx parses the package with entity resolution off and follows no link; the
file is checked against the size and zip-expansion limits before it is opened.

>>> _style_heading("Heading 2"), _style_heading("标题 1"), _style_heading("Normal")
(True, True, False)
"""

from __future__ import annotations

import os
from typing import Any

from govbudget import limits
from govbudget.errors import LoadError, MissingExtra
from govbudget.readers._textlayout import (
    _Line,
    _title_and_context,
    is_heading_line,
    join_wrapped,
    split_captions,
)
from govbudget.readers.raw import RawBlock, RawDocument, RawTable

__all__ = ["read_docx"]


def _style_heading(name: str | None) -> bool:
    n = (name or "").strip().lower()
    return n.startswith(("heading", "标题", "title")) or n == "subtitle"


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TC_PR, _TBL = f"{_W}p", f"{_W}tcPr", f"{_W}tbl"


def _span(pr: Any) -> int:
    """The columns a cell spans (``w:gridSpan`` of its ``w:tcPr``), read as text: a bad
    value counts as 1."""
    el = pr.find(f"{_W}gridSpan") if pr is not None else None
    val = el.get(f"{_W}val", "") if el is not None else ""
    if not (val.isascii() and val.isdigit()) or int(val[:12]) == 0:
        return 1
    return int(val[:12])  # 12 digits say "too wide" as well as 10**9 digits would


def _continues(pr: Any) -> bool:
    """Whether a cell continues a vertical merge (``<w:vMerge/>`` without ``restart``)."""
    el = pr.find(f"{_W}vMerge") if pr is not None else None
    return el is not None and el.get(f"{_W}val", "continue") != "restart"


#: a run's content as python-docx's ``Run.text`` gives it (w:t, w:tab, w:br …)
_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def _run_text(r: Any) -> str:
    out = []
    for e in r:
        if e.tag == f"{_W}t":
            out.append(e.text or "")
        elif e.tag == f"{_W}br":
            out.append("\n" if e.get(f"{_W}type", "textWrapping") == "textWrapping" else "")
        else:
            out.append(_RUN_TEXT.get(e.tag, ""))
    return "".join(out)


def paragraph_text(p: Any) -> str:
    """A paragraph's text as python-docx's ``Paragraph.text`` (its runs, and the runs of its
    hyperlinks), read from the XML directly: 10× faster on tables of 60,000 cells."""
    out = []
    for e in p:
        if e.tag == f"{_W}r":
            out.append(_run_text(e))
        elif e.tag == f"{_W}hyperlink":
            out.extend(_run_text(r) for r in e if r.tag == f"{_W}r")
    return "".join(out)


def _cell(tc: Any, nested: list[Any]) -> tuple[Any, str]:
    """A cell's properties (``w:tcPr``) and text, in one pass over its children; a table
    nested in it goes to ``nested``."""
    pr, texts = None, []
    for e in tc:
        if e.tag == _P:
            texts.append(paragraph_text(e))
        elif e.tag == _TC_PR:
            pr = e
        elif e.tag == _TBL:
            nested.append(e)
    return pr, join_wrapped("\n".join(texts))


def _grid(tbl: Any, nested: list[Any], name: str, index: int, before: int = 0
          ) -> tuple[list[tuple[str | None, ...]], int]:
    """The table's cells as text, and the cells of the document's tables so far; a merged
    cell once, at its top-left (``None`` where it covers); tables nested in a cell are
    appended to ``nested`` (read after this one, not lost).

    Cells are counted with the ``before`` of the tables read so far: spans before a row
    is expanded, then the rows padded to the table's width, as the model holds them (one
    row spanning 1,000 columns makes every row 1,000 cells wide)."""

    def too_many(row: int | None, detail: str = "") -> LoadError:
        return LoadError(f"the tables up to table {index} have more than "
                         f"{limits.MAX_TABLE_CELLS} cells{detail}", file=name,
                         table=str(index), row=row, expected=f"at most "
                         f"{limits.MAX_TABLE_CELLS} cells in a document's tables")

    rows: list[tuple[str | None, ...]] = []
    cells = before
    for r, tr in enumerate(tbl.findall(f"{_W}tr")):
        out: list[str | None] = []
        for tc in tr.findall(f"{_W}tc"):
            pr, text = _cell(tc, nested)
            span = _span(pr)
            if len(out) + span > limits.MAX_SHEET_COLUMNS:
                raise LoadError(f"a cell of table {index} spans {len(out) + span} columns",
                                file=name, table=str(index), row=r,
                                expected=f"at most {limits.MAX_SHEET_COLUMNS} columns")
            out.append(None if _continues(pr) else text)
            out.extend([None] * (span - 1))
        cells += len(out)
        if cells > limits.MAX_TABLE_CELLS:
            raise too_many(r)
        rows.append(tuple(out))
    width = max((len(r) for r in rows), default=0)
    cells = before + len(rows) * width  # the model pads every row
    if cells > limits.MAX_TABLE_CELLS:
        raise too_many(None, f" ({len(rows)} rows of {width} columns in this one)")
    return rows, cells


class _Styles:
    """Whether a paragraph's style is a heading style, looked up once per style id
    (python-docx looks a paragraph's style up among all the document's styles each time)."""

    def __init__(self) -> None:
        self._seen: dict[str | None, bool] = {}

    def heading(self, paragraph: Any) -> bool:
        key = paragraph._p.style
        if key not in self._seen:
            self._seen[key] = _style_heading(getattr(paragraph.style, "name", None))
        return self._seen[key]


def _line(text: str) -> _Line:
    # Word has no geometry: a zero box, so no title is joined to the line above it
    return _Line(text, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def read_docx(path: str | os.PathLike[str]) -> RawDocument:
    """Read a .docx body: paragraphs as blocks, tables as grids with title and context."""
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtra("docx", "python-docx") from exc
    name, content = limits.open_office(
        path, "docx", "document", lambda name: list(docx.Document(name).iter_inner_content()))
    items: list[RawTable | RawBlock] = []
    pending: list[tuple[str, bool]] = []  # paragraph text, heading
    ntables = cells = 0
    styles = _Styles()

    def flush(paras: list[tuple[str, bool]]) -> None:
        items.extend(RawBlock(text, heading=heading) for text, heading in paras)

    try:
        queue = list(content)
        while queue:
            part = queue.pop(0)
            if not hasattr(part, "rows") and not hasattr(part, "tr_lst"):  # a paragraph
                text = part.text.strip()
                if text:
                    pending.append((text, styles.heading(part) or is_heading_line(text)))
                continue
            nested: list[Any] = []
            tbl = part._tbl if hasattr(part, "_tbl") else part
            read, cells = _grid(tbl, nested, name, ntables, cells)
            captions, rows = split_captions(read)
            queue[0:0] = nested  # a table nested in a cell: read right after its table
            texts = [t for t, _ in pending] + captions
            title, context, rest, _used = _title_and_context([_line(t) for t in texts])
            flush(pending[: len(rest)])
            flush([(t, False) for t in texts[len(pending): len(rest)]])  # unused captions
            pending = []
            grid = tuple(tuple(c or "" for c in r) for r in rows if any(r))
            if grid:
                items.append(RawTable(rows=grid, title=title, context=tuple(context),
                                      index=ntables))
                ntables += 1
            elif title or context:
                flush([(t, False) for t in ([title] if title else []) + context])
        flush(pending)
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(f"cannot read the document ({type(exc).__name__}: {exc})",
                        file=name) from exc
    return RawDocument(source=name, items=tuple(items), pages=None)


if __name__ == "__main__":
    from govbudget.readers.pdf import main

    raise SystemExit(main(reader=read_docx))
