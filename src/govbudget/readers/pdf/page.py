"""Read one PDF page with pdfplumber: its ruled tables and the text lines outside them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from govbudget import limits
from govbudget.readers._textlayout import _Line, join_wrapped
from govbudget.readers.pdf.items import _Grid

__all__ = ["_read_page"]

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
