"""Read a PDF disclosure into a :class:`~govbudget.readers.raw.RawDocument` (读取 PDF).

Each page is read once with pdfplumber: ruled tables are found with the *lines*
strategy (``page.find_tables``), and the running text outside them is read as lines
and grouped into paragraphs and headings. Then, over the whole document:

* page furniture (running headers, page numbers) is dropped;
* caption rows printed *inside* a table's frame (title, ``单位：万元``) are lifted out;
* each table takes its title (``表1 …``, ``公开01表 收支总表``, ``2026年部门收支总表``)
  and its context lines (``单位：万元``, ``编制单位：…``) from the lines above it;
* a table continued on the next page (same columns, nothing but repeated captions in
  between) is merged into one, its repeated header rows dropped, ``row_pages`` kept;
* a name wrapped inside a cell is joined (no space between Chinese characters), and a
  first row on a continuation page that holds only a name fragment is joined to the
  row it continues.

The layout heuristics on plain strings (``govbudget.readers._textlayout``) are shared with the
.xlsx and .docx readers:

>>> join_wrapped("无锡市人力资源和社会保\\n障局")
'无锡市人力资源和社会保障局'
>>> is_title_line("2026年部门收支总表"), is_title_line("单位：万元")
(True, False)
>>> split_captions([("公开02表", None, None), ("部门：某局", None, "单位：万元"),
...                 ("编码", "名称", "合计")])
(['公开02表', '部门：某局', '单位：万元'], [('编码', '名称', '合计')])

``python -m govbudget.readers.pdf FILE`` prints what was read, for debugging.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from govbudget import limits
from govbudget.errors import LoadError, MissingExtra
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
from govbudget.readers.raw import RawBlock, RawDocument, RawTable, describe

__all__ = [
    "describe",
    "is_context_line",
    "is_heading_line",
    "is_title_line",
    "join_wrapped",
    "read_pdf",
    "split_captions",
]

# --------------------------------------------------------------------------------------
# Page reading

_TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}


@attrs.frozen(slots=True)
class _Grid:
    rows: tuple[tuple[str | None, ...], ...]
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    edges: tuple[float, ...]  # left edge of each column
    height: float  # page height


def _in_any(obj: dict[str, Any], boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _read_page(page: Any, number: int) -> list[_Line | _Grid]:
    """One page's lines and tables, sorted top to bottom."""
    if len(page.chars) > limits.MAX_PAGE_CHARS:
        raise ValueError(f"{len(page.chars)} characters on one page "
                         f"(at most {limits.MAX_PAGE_CHARS})")
    items: list[_Line | _Grid] = []
    boxes: list[tuple[float, float, float, float]] = []
    for table in page.find_tables(_TABLE_SETTINGS):
        grid = table.extract()
        if not grid or max(len(r) for r in grid) < 2:
            continue  # a framed paragraph (a boxed table of contents): read as text
        x0, top, x1, bottom = table.bbox
        boxes.append((x0, top, x1, bottom))
        rows = tuple(tuple(None if c is None else join_wrapped(c) for c in r) for r in grid)
        edges = tuple(sorted({round(c[0], 1) for c in table.cells}))
        items.append(_Grid(rows, number, x0, x1, top, bottom, edges, float(page.height)))
    text_page = page.filter(lambda o: o.get("object_type") != "char" or not _in_any(o, boxes)) \
        if boxes else page
    for ln in text_page.extract_text_lines(return_chars=False):
        text = ln["text"].strip()
        if text:
            items.append(_Line(text, number, ln["x0"], ln["x1"], ln["top"], ln["bottom"],
                               float(page.width), float(page.height)))
    items.sort(key=lambda it: it.top)
    return items


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
        lines = self.pending + [
            _Line(c, grid.page, grid.x0, grid.x1, grid.top, grid.top, grid.x1, grid.bottom)
            for c in captions]
        rows, notes = _split_notes(rows)
        self.pending = []
        if not rows:
            self._flush_blocks(lines)
        elif not self._continue(lines, rows, grid):
            self._close()
            title, context, rest, used = _title_and_context(lines)
            self._flush_blocks(rest)
            width = max(len(r) for r in rows)
            self.current = _Building(list(rows), [grid.page] * len(rows), title, context,
                                     grid.page, grid.x0, grid.x1, used, width, grid.edges,
                                     grid.bottom, grid.height)
        self.pending = [_Line(n, grid.page, grid.x0, grid.x1, grid.bottom, grid.bottom,
                              grid.x1, grid.bottom) for n in notes]

    def _continue(self, lines: list[_Line], rows: list[tuple[str | None, ...]],
                  grid: _Grid) -> bool:
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
            cur.width, cur.edges = len(grid.edges), grid.edges
        else:
            rows = [_spread(r, mapping, cur.width) for r in rows]
        k = 0
        while (k < len(rows) and k < len(cur.rows) and k < 6
               and [_squash(c or "") for c in rows[k]] == [_squash(c or "") for c in cur.rows[k]]
               and not _is_data_row(cur.rows[k])):
            k += 1
        rest = rows[k:]
        retitled = any(is_title_line(ln.text) for ln in lines)
        if k == 0 and retitled:
            return False  # the title again but not the headings: a new table of the same name
        if k == 0 and rest and _is_header_like(rest[0]) and not _fragment_of(rest[0], cur.rows[-1]):
            return False  # another table, with headings of its own and no title
        if rest and cur.rows and _fragment_of(rest[0], cur.rows[-1]):
            last = cur.rows[-1]
            cur.rows[-1] = tuple(
                (a or "") + (b or "") if b else a for a, b in zip(last, rest[0], strict=True))
            rest = rest[1:]
        cur.rows.extend(rest)
        cur.row_pages.extend([grid.page] * len(rest))
        cur.bottom, cur.height = grid.bottom, grid.height
        return True

    def _close(self) -> None:
        cur = self.current
        if cur is None:
            return
        rows = tuple(tuple(c or "" for c in r) for r in cur.rows)
        self.items.append(RawTable(rows=rows, title=cur.title, context=tuple(cur.context),
                                   page=cur.page, row_pages=tuple(cur.row_pages),
                                   index=self.ntables))
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


def _spread(row: Sequence[str | None], mapping: list[int], width: int) -> tuple[str | None, ...]:
    cells: list[str | None] = [None] * width
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


def read_pdf(path: str | os.PathLike[str]) -> RawDocument:
    """Read a PDF disclosure: tables as grids with titles and context, text as blocks."""
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtra("pdf", "pdfplumber") from exc
    name = os.fspath(path)
    limits.check_size(name, limits.MAX_PDF_BYTES, "PDF")
    started = time.monotonic()
    pages: list[list[_Line | _Grid]] = []
    try:
        pdf = pdfplumber.open(name)
    except Exception as exc:  # pdfminer raises many types for broken or encrypted files
        raise LoadError(f"cannot open the PDF ({_describe_exc(exc)})", file=name) from exc
    with pdf:
        count = _page_count(pdf)
        if count > limits.MAX_PDF_PAGES:
            raise LoadError(f"PDF has {count} pages", file=name,
                            expected=f"at most {limits.MAX_PDF_PAGES}")
        number = 0
        try:
            for number, page in enumerate(pdf.pages, start=1):
                if number > limits.MAX_PDF_PAGES:
                    raise LoadError("PDF has too many pages", file=name,
                                    expected=f"at most {limits.MAX_PDF_PAGES}")
                if time.monotonic() - started > limits.MAX_PDF_SECONDS:
                    raise LoadError("PDF takes too long to read", file=name, page=number,
                                    expected=f"at most {limits.MAX_PDF_SECONDS:.0f} s")
                pages.append(_read_page(page, number))
                page.close()
        except LoadError:
            raise
        except Exception as exc:
            raise LoadError(f"cannot read the page ({_describe_exc(exc)})", file=name,
                            page=number or None) from exc
        count = number
    drop = _furniture(pages)
    asm = _Assembler()
    for items in pages:
        for it in items:
            if isinstance(it, _Grid):
                asm.grid(it)
            elif id(it) not in drop:
                asm.line(it)
        asm.text_between()
    return RawDocument(source=name, items=tuple(asm.finish()), pages=count)


def _page_count(pdf: Any) -> int:
    """The page count the page tree declares, read without building every page."""
    try:
        from pdfminer.pdftypes import resolve1

        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        return int(count) if isinstance(count, int) else 0
    except Exception:
        return 0  # no usable /Count: the page loop enforces the limit


def _describe_exc(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# --------------------------------------------------------------------------------------
# Debugging dump (``describe`` lives with the raw document model)


def main(argv: Iterable[str] | None = None, reader: Callable[[str], RawDocument] = read_pdf
         ) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m govbudget.readers.pdf FILE.pdf [MAX_ROWS]", file=sys.stderr)
        return 2
    max_rows = int(args[1]) if len(args) > 1 else 8
    try:
        doc = reader(args[0])
    except LoadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(describe(doc, max_rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
