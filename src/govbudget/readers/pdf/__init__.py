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
from collections.abc import Callable, Iterable
from typing import Any

from govbudget import limits
from govbudget.errors import LoadError, MissingExtra
from govbudget.readers._textlayout import (
    is_context_line,
    is_heading_line,
    is_title_line,
    join_wrapped,
    split_captions,
)
from govbudget.readers.pdf.assembly import _Assembler, _furniture
from govbudget.readers.pdf.items import _Grid, _Line
from govbudget.readers.pdf.page import _read_page
from govbudget.readers.raw import RawDocument, describe

__all__ = [
    "describe",
    "is_context_line",
    "is_heading_line",
    "is_title_line",
    "join_wrapped",
    "read_pdf",
    "split_captions",
]


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
