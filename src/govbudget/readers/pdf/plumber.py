"""The reference reader on pdfplumber (参考读取器): the reader govbudget used before PDFium.

Kept behind the same interface (``read_pdf(path, engine="pdfplumber")``) as the reference
the PDFium reader is compared with (``tests/test_pdf_engines.py``) and measured against
(``benchmarks/bench_pdf.py``): ruled tables with ``page.find_tables`` (*lines* strategy),
the text outside them with ``extract_text_lines``. It has none of the PDFium reader's
fixes (shading read as a grid, clipped and doubled text read as printed, lines split by
a font's metrics).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from govbudget import limits
from govbudget.errors import LoadError, MissingExtra
from govbudget.readers._textlayout import _Line, join_wrapped
from govbudget.readers.pdf.items import _Grid
from govbudget.readers.pdf.marks import Glyph

__all__ = ["PageGlyphs", "read_pages"]

_TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}


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


def _page_count(pdf: Any) -> int:
    """The page count the page tree declares, read without building every page."""
    try:
        from pdfminer.pdftypes import resolve1

        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        return int(count) if isinstance(count, int) else 0
    except Exception:
        return 0  # no usable /Count: the page loop enforces the limit


def read_pages(name: str, describe: Any) -> tuple[list[list[_Line | _Grid]],
                                                  list[tuple[float, float]]]:
    """Every page's items and size, read with pdfplumber (``describe`` names an exception)."""
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtra("pdf-reference", "pdfplumber") from exc
    started = time.monotonic()
    pages: list[list[_Line | _Grid]] = []
    sizes: list[tuple[float, float]] = []
    try:
        pdf = pdfplumber.open(name)
    except Exception as exc:  # pdfminer raises many types for broken or encrypted files
        raise LoadError(f"cannot open the PDF ({describe(exc)})", file=name) from exc
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
                sizes.append((float(page.width), float(page.height)))
                page.close()
        except LoadError:
            raise
        except Exception as exc:
            raise LoadError(f"cannot read the page ({describe(exc)})", file=name,
                            page=number or None) from exc
    return pages, sizes


class PageGlyphs:
    """The glyphs of single pages read with pdfminer, for the pages whose text PDFium
    cannot decode (a font without embedded glyphs whose encoding is a predefined CJK
    CMap, such as ``GBK-EUC-H``, which pdfminer maps through its own CMap tables)."""

    def __init__(self, name: str) -> None:
        try:
            import pdfplumber
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise MissingExtra("pdf-reference", "pdfplumber") from exc
        self._pdf = pdfplumber.open(name)

    def glyphs(self, index: int) -> tuple[Glyph, ...]:
        page = self._pdf.pages[index]
        out = tuple(Glyph(c["text"], float(c["x0"]), float(c["top"]), float(c["x1"]),
                          float(c["bottom"]), float(c["size"]), bool(c["upright"]))
                    for c in page.chars if c["text"])
        page.close()
        return out

    def close(self) -> None:
        self._pdf.close()
