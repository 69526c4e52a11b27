"""Read a PDF disclosure into a :class:`~govbudget.readers.raw.RawDocument` (读取 PDF).

Each page is read once with PDFium (pypdfium2): its glyphs and ruling edges
(``pdfium``), from which ruled tables are found as pdfplumber's *lines* strategy finds
them and the running text outside them is read as lines (``page``, ``ruling``, ``text``).
Then, over the whole document (``assembly``):

* page furniture (running headers, page numbers) is dropped;
* caption rows printed *inside* a table's frame (title, ``单位：万元``) are lifted out;
* each table takes its title (``表1 …``, ``公开01表 收支总表``, ``2026年部门收支总表``)
  and its context lines (``单位：万元``, ``编制单位：…``) from the lines above it;
* a table continued on the next page (same columns, nothing but repeated captions in
  between) is merged into one, its repeated header rows dropped, ``row_pages`` kept;
* a name wrapped inside a cell is joined (no space between Chinese characters), and a
  first row on a continuation page that holds only a name fragment is joined to the
  row it continues.

Each table keeps the box of every cell (``RawTable.boxes``) and the document each page's
size (``RawDocument.page_sizes``). ``read_pdf(path, engine="pdfplumber")`` reads with the
reference reader on pdfplumber instead (``plumber``).

The layout heuristics on plain strings (``govbudget.readers._textlayout``) are shared with the
.xlsx and .docx readers:

>>> join_wrapped("无锡市人力资源和社会保\\n障局")
'无锡市人力资源和社会保障局'
>>> is_title_line("2026年部门收支总表"), is_title_line("单位：万元")
(True, False)
>>> split_captions([("公开02表", None, None), ("部门：某局", None, "单位：万元"),
...                 ("编码", "名称", "合计")])
(['公开02表', '部门：某局', '单位：万元'], [('编码', '名称', '合计')])

``python -m govbudget.readers.pdf FILE [MAX_ROWS] [--engine pdfplumber]`` prints what was
read, for debugging.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

import attrs

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
from govbudget.readers.pdf.page import read_items
from govbudget.readers.pdf.ruling import RulingTooComplex
from govbudget.readers.pdf.streams import MAX_LISTED, MAX_SEARCH, Scan, scan
from govbudget.readers.raw import RawDocument, describe

__all__ = [
    "ENGINES",
    "describe",
    "is_context_line",
    "is_heading_line",
    "is_title_line",
    "join_wrapped",
    "read_pdf",
    "split_captions",
]

ENGINES = ("pdfium", "pdfplumber")
#: bytes of string a character may take in a content stream (a 2-byte code written in
#: hex: 4 digits, counted as 2; octal escapes as 1 each) before PDFium builds its text page
SHOWN_BYTES_PER_CHAR = 4


def read_pdf(path: str | os.PathLike[str], *, engine: str = "pdfium") -> RawDocument:
    """Read a PDF disclosure: tables as grids with titles and context, text as blocks.

    ``engine`` is ``"pdfium"`` (the reader) or ``"pdfplumber"`` (the reference reader).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r} (expected one of {ENGINES})")
    name = os.fspath(path)
    limits.check_size(name, limits.MAX_PDF_BYTES, "PDF")
    if engine == "pdfplumber":
        from govbudget.readers.pdf.plumber import read_pages

        pages, sizes = read_pages(name, _describe_exc)
    else:
        pages, sizes = _read_pdfium(name)
    drop = _furniture(pages)
    asm = _Assembler()
    for items in pages:
        for it in items:
            if isinstance(it, _Grid):
                asm.grid(it)
            elif id(it) not in drop:
                asm.line(it)
        asm.text_between()
    return RawDocument(source=name, items=tuple(asm.finish()), pages=len(pages),
                       page_sizes=tuple(sizes))


def _refusal(found: Scan, shown_limit: int) -> tuple[str, str] | None:
    """Why the byte scan refuses the file, and what was expected (None: it does not)."""
    stream, font = limits.MAX_PDF_STREAM_BYTES, limits.MAX_PDF_FONT_BYTES
    if found.oversized is not None:
        at, size = found.oversized
        return (f"the stream at byte {at} is over its limit once inflated (at least {size} "
                f"bytes)", f"at most {stream} bytes per content stream, {font} per font")
    if found.expanded is not None:
        return (f"the content at byte {found.expanded[0]} draws form XObjects that expand "
                f"to more than {stream} bytes", f"at most {stream} bytes of content")
    if found.shown is not None:
        return (f"the content at byte {found.shown[0]} shows {found.shown[1]} bytes of "
                f"text, more than a page of {limits.MAX_PAGE_CHARS} characters",
                f"at most {shown_limit} bytes of strings per content stream "
                f"({SHOWN_BYTES_PER_CHAR} per character)")
    if found.listed is not None:
        return (f"the content streams listed at byte {found.listed[0]} {found.listed[1]}",
                f"at most {MAX_LISTED} streams, {stream} bytes of content and {shown_limit} "
                f"of strings per page")
    if found.searched is not None:
        streams, searched = found.searched
        return (f"{streams} streams run into one another (their ends would be searched "
                f"over {searched} bytes)", f"streams each ending with endstream (at most "
                f"{MAX_SEARCH} bytes searched beyond the file's size)")
    return None


def _open_pdfium(name: str) -> tuple[Any, bool]:
    """The open document, and whether a font uses a predefined CJK CMap."""
    try:
        import pypdfium2
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtra("pdf", "pypdfium2") from exc
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise LoadError(f"cannot read the file: {exc.strerror or exc}", file=name) from exc
    shown_limit = SHOWN_BYTES_PER_CHAR * limits.MAX_PAGE_CHARS
    found = scan(data, limits.MAX_PDF_STREAM_BYTES, limits.MAX_PDF_FONT_BYTES, shown_limit)
    refused = _refusal(found, shown_limit)
    if refused is not None:
        raise LoadError(refused[0], file=name, expected=refused[1])
    del data
    try:
        return pypdfium2.PdfDocument(name), found.cjk_cmaps
    except Exception as exc:  # PdfiumError (format, password, security), OSError
        raise LoadError(f"cannot open the PDF ({_describe_exc(exc)})", file=name) from exc


def _read_pdfium(name: str) -> tuple[list[list[_Line | _Grid]], list[tuple[float, float]]]:
    from govbudget.readers.pdf.pdfium import PageTooLarge, read_page

    started = time.monotonic()
    pdf, cjk = _open_pdfium(name)
    fallback: Any = None  # the pdfminer reading of pages PDFium cannot decode, opened on need
    pages: list[list[_Line | _Grid]] = []
    sizes: list[tuple[float, float]] = []
    try:
        try:
            count = len(pdf)
        except Exception as exc:
            raise LoadError(f"cannot read the page tree ({_describe_exc(exc)})",
                            file=name) from exc
        if count > limits.MAX_PDF_PAGES:
            raise LoadError(f"PDF has {count} pages", file=name,
                            expected=f"at most {limits.MAX_PDF_PAGES}")
        for index in range(count):
            number = index + 1
            if time.monotonic() - started > limits.MAX_PDF_SECONDS:
                raise LoadError("PDF takes too long to read", file=name, page=number,
                                expected=f"at most {limits.MAX_PDF_SECONDS:.0f} s")
            try:
                marks = read_page(pdf, index, check_decoding=cjk)
                if marks.undecoded:
                    from govbudget.readers.pdf.plumber import PageGlyphs

                    fallback = fallback or PageGlyphs(name)
                    marks = attrs.evolve(marks, glyphs=fallback.glyphs(index), undecoded=0)
                pages.append(read_items(marks))
            except (PageTooLarge, RulingTooComplex) as exc:
                raise LoadError(f"page too large to read: {exc}", file=name,
                                page=number) from exc
            except Exception as exc:  # PdfiumError, or a value PDFium returned we cannot use
                raise LoadError(f"cannot read the page ({_describe_exc(exc)})", file=name,
                                page=number) from exc
            sizes.append((marks.width, marks.height))
    finally:
        pdf.close()
        if fallback is not None:
            fallback.close()
    return pages, sizes


def _describe_exc(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# --------------------------------------------------------------------------------------
# Debugging dump (``describe`` lives with the raw document model)


def main(argv: Iterable[str] | None = None, reader: Callable[[str], RawDocument] = read_pdf
         ) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--engine" in args:
        at = args.index("--engine")
        engine = args[at + 1] if at + 1 < len(args) else ""
        del args[at:at + 2]
        if engine not in ENGINES:
            print(f"unknown engine {engine!r} (expected one of {ENGINES})", file=sys.stderr)
            return 2
        reader = functools.partial(read_pdf, engine=engine)
    if not args:
        print("usage: python -m govbudget.readers.pdf FILE.pdf [MAX_ROWS] "
              "[--engine pdfium|pdfplumber]", file=sys.stderr)
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
