"""The PDFium backend (pypdfium2): a page's glyphs and ruling edges, counted before read.

PDFium parses a page's content when the page is loaded; this module then counts the
page's objects (the contents of form XObjects included) and path segments and refuses
the page (:class:`PageTooLarge`) past ``limits.MAX_PAGE_OBJECTS`` /
``MAX_PAGE_TEXT_OBJECTS`` / ``MAX_PAGE_SEGMENTS`` / ``MAX_PAGE_CHARS`` before building its
text page or reading a single point. (PDFium's text page compares each text object with
those before it on its line: text objects overlapping on one line cost it quadratic time,
18,000 of them 1.1 s, 36,000 5.7 s.) Coordinates are turned into points from the top-left corner of the page
*as displayed* (its ``/Rotate`` applied), as pdfplumber reports them.

A glyph's horizontal extent is PDFium's loose box (the advance width); its vertical
extent is one em from its baseline (86 % above, 14 % below, the proportions of the
common CJK fonts), not the font's declared ascent and descent: fonts with broken
metrics (a digit font whose declared box is 2.4 em tall) would otherwise float above
or below the line they are printed on.

>>> page_transform(0, (0, 0, 595, 842)).apply(100, 800)
(100.0, 42.0)
>>> page_transform(90, (0, 0, 595, 842)).apply(100, 800)
(800.0, 100.0)
"""

from __future__ import annotations

import ctypes
import math
from typing import Any, NamedTuple

from govbudget import limits
from govbudget.readers.pdf.marks import Edge, Glyph, PageMarks, rules_of_subpath

__all__ = ["Matrix", "PageTooLarge", "page_transform", "read_page"]

ABOVE, BELOW = 0.86, 0.14  # an em box around the baseline
_BLANKS = frozenset((0x20, 0x0A, 0x0D))  # what PDFium generates (the rest is printed)


class PageTooLarge(ValueError):
    """A page over one of the per-page limits (objects, path segments, characters)."""


class Matrix(NamedTuple):
    """An affine map ``(x, y) -> (a x + c y + e, b x + d y + f)``."""

    a: float
    b: float
    c: float
    d: float
    e: float
    f: float

    def apply(self, x: float, y: float) -> tuple[float, float]:
        return (self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f)

    def then(self, outer: Matrix) -> Matrix:
        """This map followed by ``outer``."""
        a, b, c, d, e, f = self
        A, B, C, D, E, F = outer
        return Matrix(A * a + C * b, B * a + D * b, A * c + C * d, B * c + D * d,
                      A * e + C * f + E, B * e + D * f + F)


def page_transform(rotation: int, box: tuple[float, float, float, float]) -> Matrix:
    """From PDF user space to displayed points, origin top-left, for a page ``box``
    (x0, y0, x1, y1) shown turned clockwise by ``rotation`` degrees."""
    x0, y0, x1, y1 = (float(v) for v in box)
    return {
        90: Matrix(0, 1, 1, 0, -y0, -x0),
        180: Matrix(-1, 0, 0, 1, x1, -y0),
        270: Matrix(0, -1, -1, 0, y1, x1),
    }.get(rotation % 360, Matrix(1, 0, 0, -1, -x0, y1))


def _matrix(raw: Any, obj: Any) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return Matrix(1, 0, 0, 1, 0, 0)
    return Matrix(m.a, m.b, m.c, m.d, m.e, m.f)


def _objects(raw: Any, page: Any) -> tuple[list[tuple[Any, Matrix]], list[Any]]:
    """Every path object of the page with its matrix to user space, and every text
    object, counting objects."""
    total = raw.FPDFPage_CountObjects(page)
    if total > limits.MAX_PAGE_OBJECTS:
        raise PageTooLarge(f"{total} objects on one page (at most {limits.MAX_PAGE_OBJECTS})")
    out: list[tuple[Any, Matrix]] = []
    texts: list[Any] = []
    identity = Matrix(1, 0, 0, 1, 0, 0)
    stack: list[tuple[Any, bool, Matrix]] = [(page, False, identity)]
    while stack:
        parent, is_form, outer = stack.pop()
        count = raw.FPDFFormObj_CountObjects(parent) if is_form else raw.FPDFPage_CountObjects(
            parent)
        if is_form:
            total += max(count, 0)
            if total > limits.MAX_PAGE_OBJECTS:
                raise PageTooLarge(f"more than {limits.MAX_PAGE_OBJECTS} objects on one page")
        for k in range(count):
            obj = raw.FPDFFormObj_GetObject(parent, k) if is_form else raw.FPDFPage_GetObject(
                parent, k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                out.append((obj, _matrix(raw, obj).then(outer)))
            elif kind == raw.FPDF_PAGEOBJ_TEXT:
                texts.append(obj)
                if len(texts) > limits.MAX_PAGE_TEXT_OBJECTS:
                    raise PageTooLarge(f"more than {limits.MAX_PAGE_TEXT_OBJECTS} text objects "
                                       f"on one page")
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                stack.append((obj, True, _matrix(raw, obj).then(outer)))
    return out, texts


def _undecoded(raw: Any, texts: list[Any], text: Any) -> int:
    """Text objects in a font that is not embedded whose text PDFium could not decode
    (a predefined CJK CMap it lacks: the characters are lost from the text page)."""
    lost = 0
    embedded: dict[int | None, bool] = {}
    for obj in texts:
        font = raw.FPDFTextObj_GetFont(obj)
        if not font:
            continue
        key = ctypes.cast(font, ctypes.c_void_p).value
        if key not in embedded:
            embedded[key] = bool(raw.FPDFFont_GetIsEmbedded(font))
        if not embedded[key] and raw.FPDFTextObj_GetText(obj, text, None, 0) <= 2:
            lost += 1
    return lost


def _edges(raw: Any, paths: list[tuple[Any, Matrix]], display: Matrix) -> list[Edge]:
    counts = [raw.FPDFPath_CountSegments(obj) for obj, _ in paths]
    if sum(counts) > limits.MAX_PAGE_SEGMENTS:
        raise PageTooLarge(f"{sum(counts)} path segments on one page "
                           f"(at most {limits.MAX_PAGE_SEGMENTS})")
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    pfill, pstroke, px, py = (ctypes.byref(v) for v in (fill, stroke, x, y))
    segment, kind_of, point_of, closes = (
        raw.FPDFPath_GetPathSegment, raw.FPDFPathSegment_GetType,
        raw.FPDFPathSegment_GetPoint, raw.FPDFPathSegment_GetClose)
    lineto, bezier, moveto = raw.FPDF_SEGMENT_LINETO, raw.FPDF_SEGMENT_BEZIERTO, \
        raw.FPDF_SEGMENT_MOVETO
    edges: list[Edge] = []
    for (obj, matrix), count in zip(paths, counts, strict=True):
        if count <= 1 or not raw.FPDFPath_GetDrawMode(obj, pfill, pstroke):
            continue
        stroked, filled = bool(stroke.value), fill.value != 0
        if not (stroked or filled):
            continue
        a, b, c, d, e, f = matrix.then(display)
        subpaths: list[tuple[list[tuple[float, float]], bool]] = []
        curve = 0
        for k in range(count):
            seg = segment(obj, k)
            kind = kind_of(seg)
            if not point_of(seg, px, py):
                continue
            u, v = x.value, y.value
            point = (a * u + c * v + e, b * u + d * v + f)
            if kind == moveto or not subpaths:
                subpaths.append(([point], False))
                curve = 0
            elif kind == lineto:
                subpaths[-1][0].append(point)
            elif kind == bezier:
                curve += 1
                if curve % 3 == 0:  # two control points, then the end point
                    subpaths[-1][0].append(point)
            if closes(seg):
                subpaths[-1] = (subpaths[-1][0], True)
        for points, closed in subpaths:
            edges.extend(rules_of_subpath(points, closed=closed, stroked=stroked,
                                          filled=filled))
    return edges


def _glyphs(raw: Any, text: Any, display: Matrix) -> list[Glyph]:
    count = raw.FPDFText_CountChars(text)
    if count > limits.MAX_PAGE_CHARS:
        raise PageTooLarge(f"{count} characters on one page (at most {limits.MAX_PAGE_CHARS})")
    box, m = raw.FS_RECTF(), raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    pbox, pm, pox, poy = ctypes.byref(box), ctypes.byref(m), ctypes.byref(ox), ctypes.byref(oy)
    unicode, generated, loose = (raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated,
                                 raw.FPDFText_GetLooseCharBox)
    font_size, matrix, origin = (raw.FPDFText_GetFontSize, raw.FPDFText_GetMatrix,
                                 raw.FPDFText_GetCharOrigin)
    da, db, dc, dd, de, df = display
    sqrt = math.sqrt
    out: list[Glyph] = []
    for k in range(count):
        code = unicode(text, k)
        if not code or (code in _BLANKS and generated(text, k) == 1):
            continue  # a space or line break PDFium inferred, not printed
        if not loose(text, k, pbox):
            continue
        if code == 2 and raw.FPDFText_IsHyphen(text, k) == 1:
            ch = "-"  # PDFium marks a hyphen ending a line as U+0002
        elif code < 0xD800 or 0xE000 <= code < 0x110000:
            ch = chr(code)
        else:
            continue
        left, right, btm, tp = box.left, box.right, box.bottom, box.top
        xa, xb = da * left + dc * tp + de, da * right + dc * btm + de
        size = font_size(text, k)
        upright = True
        if matrix(text, k, pm):
            a, b = m.a, m.b
            size *= sqrt(abs(a * m.d - b * m.c))
            dx, dy = da * a + dc * b, db * a + dd * b  # the baseline, displayed
            upright = dx > 0 and abs(dy) < 0.1 * dx
        if upright and size > 0 and origin(text, k, pox, poy):
            base = db * ox.value + dd * oy.value + df
            top, bottom = base - ABOVE * size, base + BELOW * size
        else:
            ta, tb = db * left + dd * tp + df, db * right + dd * btm + df
            top, bottom = min(ta, tb), max(ta, tb)
        out.append(Glyph(ch, min(xa, xb), top, max(xa, xb), bottom, size, upright))
    return out


def read_page(pdf: Any, index: int, *, check_decoding: bool = False) -> PageMarks:
    """Page ``index`` (from 0) of an open ``pypdfium2.PdfDocument``; with
    ``check_decoding``, count the text objects PDFium could not decode."""
    import pypdfium2.raw as raw

    page = pdf[index]
    text = None
    try:
        display = page_transform(page.get_rotation(), page.get_cropbox())
        paths, texts = _objects(raw, page.raw)
        edges = _edges(raw, paths, display)
        text = raw.FPDFText_LoadPage(page.raw)
        if not text:
            raise ValueError("PDFium cannot read the page's text")
        glyphs = _glyphs(raw, text, display)
        lost = _undecoded(raw, texts, text) if check_decoding else 0
        width, height = page.get_size()
    finally:
        if text:
            raw.FPDFText_ClosePage(text)
        page.close()
    return PageMarks(index + 1, float(width), float(height), tuple(glyphs), tuple(edges),
                     lost)
