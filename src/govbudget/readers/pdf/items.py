"""What a PDF page yields for assembly: text lines (``_Line``) and ruled tables (``_Grid``).

Every page reader produces these, top to bottom; ``assembly`` builds the document from them.
"""

from __future__ import annotations

import attrs

from govbudget.readers._textlayout import _Line

__all__ = ["CellBox", "_Grid", "_Line"]

CellBox = tuple[float, float, float, float]  # x0, top, x1, bottom in points, top-left origin


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
    boxes: tuple[tuple[CellBox | None, ...], ...] | None = None  # parallel to rows
