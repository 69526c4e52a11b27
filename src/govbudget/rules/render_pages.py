"""A PDF's pages for the HTML report (页面图像): page images and the findings' boxes.

``PdfPages(path)`` re-reads the PDF (``readers.load.read_raw``: the cells' boxes) and,
on demand, renders a page with PDFium (pypdfium2, the ``pdf`` extra) as a grey PNG in a
``data:`` URI, and finds a finding's boxes on it (``rules.render_boxes.locate``). The
PNG is written here (zlib, 16 grey levels): no imaging library is needed.

>>> png = gray_png(bytes([0, 255, 255, 0]), width=2, height=2, stride=2)
>>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n", png[12:16]
(True, b'IHDR')
"""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from govbudget.readers.raw import RawDocument
from govbudget.rules.core import Finding, Location
from govbudget.rules.render_boxes import Box, Glyph, locate

__all__ = ["DEFAULT_SCALE", "PageView", "PdfPages", "gray_png"]

#: pixels per point of the page images: 1.5 (108 dpi) keeps 7-point digits legible at
#: about 75 KB for a dense table page (docs/reports.md has the measured sizes)
DEFAULT_SCALE = 1.5

#: a byte's top four bits, in the low (``_LO``) or the high half (``_HI``)
_LO = bytes(v >> 4 for v in range(256))
_HI = bytes(v & 0xF0 for v in range(256))


@attrs.frozen(slots=True)
class PageView:
    """One page as the HTML report shows it (页面): number, size in points, image URI."""

    number: int
    width: float
    height: float
    image: str


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def gray_png(pixels: bytes, *, width: int, height: int, stride: int) -> bytes:
    """A PNG of 8-bit grey ``pixels`` (rows of ``stride`` bytes), kept at 16 grey levels."""
    rows = []
    for r in range(height):
        row = pixels[r * stride:r * stride + width]
        if width % 2:
            row += b"\xff"
        rows.append(b"\x00" + _pack(row))
    header = struct.pack(">IIBBBBB", width, height, 4, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b""))


def _pack(row: bytes) -> bytes:
    """Two 4-bit pixels a byte: the high nibble from the even pixel, the low from the odd."""
    hi = int.from_bytes(row[0::2].translate(_HI), "big")
    lo = int.from_bytes(row[1::2].translate(_LO), "big")
    return (hi | lo).to_bytes(len(row) // 2, "big")


class PdfPages:
    """The pages of one PDF as the HTML report shows them: boxes and images on demand."""

    def __init__(self, path: str | Path, *, scale: float = DEFAULT_SCALE,
                 reading: RawDocument | None = None) -> None:
        from govbudget.errors import MissingExtra
        from govbudget.readers.load import read_raw

        try:
            import pypdfium2
        except ImportError as exc:
            raise MissingExtra("pdf", "pypdfium2") from exc

        self.path = Path(path)
        self.scale = scale
        self.reading = reading if reading is not None else read_raw(self.path)
        self._pdf: Any = pypdfium2.PdfDocument(str(self.path))
        self._glyphs: dict[int, Sequence[Glyph]] = {}

    def glyphs(self, page: int) -> Sequence[Glyph]:
        """The characters printed on ``page`` (from 1), with their boxes."""
        if page not in self._glyphs:
            from govbudget.readers.pdf.pdfium import read_page

            self._glyphs[page] = read_page(self._pdf, page - 1).glyphs
        return self._glyphs[page]

    def boxes(self, finding: Finding, location: Location) -> tuple[Box, ...]:
        """Where ``location`` (of ``finding``) is on its page; ``()`` when it has no page."""
        return locate(finding, location, self.reading, self.glyphs, len(self._pdf))

    def view(self, page: int) -> PageView:
        """Page ``page`` (from 1) rendered as a grey PNG ``data:`` URI."""
        p = self._pdf[page - 1]
        try:
            bitmap = p.render(scale=self.scale, grayscale=True)
            png = gray_png(bytes(bitmap.buffer), width=bitmap.width, height=bitmap.height,
                           stride=bitmap.stride)
        finally:
            p.close()
        uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        return PageView(page, bitmap.width / self.scale, bitmap.height / self.scale, uri)

    def close(self) -> None:
        self._pdf.close()

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
