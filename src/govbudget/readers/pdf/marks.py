"""What a PDF backend reads from a page (页面标记): glyphs with their boxes, and ruling edges.

A backend (``pdfium``) reduces a page to two lists, in points with the origin at the
top-left corner of the page as displayed (rotation applied): the glyphs (one per printed
character, with its box and font size) and the ruling edges (horizontal and vertical
strokes from which table grids are built). Everything after that (``ruling``, ``text``,
``page``) is backend-neutral.

Which painted paths are rulings is decided here, once for every backend: a stroked
segment or rectangle, and a *thin* filled rectangle (a line drawn as a filled bar), are
rulings; a filled area wider than ``THIN`` in both directions is shading (a coloured
header band, a highlighted box behind text) and draws no grid line.

>>> rules_of_subpath([(10, 10), (110, 10), (110, 40), (10, 40)], closed=True,
...                  stroked=True, filled=False)[0]
Edge(orient='h', x0=10, top=10, x1=110, bottom=10)
>>> rules_of_subpath([(10, 10), (110, 10), (110, 40), (10, 40)], closed=True,
...                  stroked=False, filled=True)
[]
>>> len(rules_of_subpath([(10, 10), (110, 10), (110, 10.5), (10, 10.5)], closed=True,
...                      stroked=False, filled=True))
4
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NamedTuple

import attrs

__all__ = ["THIN", "Edge", "Glyph", "PageMarks", "rules_of_subpath"]

THIN = 3.0  # a filled bar at most this wide (points) is a ruling line; wider is shading


class Glyph(NamedTuple):
    """One printed character (字符): its text, box (points, top-left origin) and font size."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    upright: bool = True


class Edge(NamedTuple):
    """A horizontal (``h``, ``top == bottom``) or vertical (``v``, ``x0 == x1``) ruling."""

    orient: str
    x0: float
    top: float
    x1: float
    bottom: float


@attrs.frozen(slots=True)
class PageMarks:
    """One page as a backend read it (页面): its size, glyphs and ruling edges.

    ``undecoded`` counts the text objects whose characters the backend could not decode
    (a font it cannot map to Unicode): their glyphs are missing from ``glyphs``.
    """

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    edges: tuple[Edge, ...]
    undecoded: int = 0


def _edges_of_rect(x0: float, top: float, x1: float, bottom: float) -> list[Edge]:
    return [Edge("h", x0, top, x1, top), Edge("h", x0, bottom, x1, bottom),
            Edge("v", x0, top, x0, bottom), Edge("v", x1, top, x1, bottom)]


def _segment(a: tuple[float, float], b: tuple[float, float]) -> Edge | None:
    """The edge drawn from ``a`` to ``b`` if it is horizontal or vertical (a diagonal,
    such as the slash of a corner header cell, is no ruling)."""
    (xa, ya), (xb, yb) = a, b
    if ya == yb and xa != xb:
        return Edge("h", min(xa, xb), ya, max(xa, xb), ya)
    if xa == xb and ya != yb:
        return Edge("v", xa, min(ya, yb), xa, max(ya, yb))
    return None


def _is_rect(pts: Sequence[tuple[float, float]]) -> bool:
    if len(pts) != 4:
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
        y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def rules_of_subpath(points: Sequence[tuple[float, float]], *, closed: bool, stroked: bool,
                     filled: bool) -> list[Edge]:
    """The ruling edges one painted subpath draws (points in page coordinates).

    A rectangle gives its four sides when it is stroked or thin; any other shape gives its
    horizontal and vertical segments when stroked, or when filled and thin as a whole.
    Curves reach here as their end points (a rounded corner is a short straight piece).
    """
    pts = list(points)
    if len(pts) > 2 and pts[-1] == pts[0]:
        pts.pop()  # the closing point repeats the start
        closed = True
    if len(pts) < 2 or not (stroked or filled):
        return []
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    thin = min(max(xs) - min(xs), max(ys) - min(ys)) <= THIN
    if closed and _is_rect(pts):
        if not (stroked or thin):
            return []
        return _edges_of_rect(min(xs), min(ys), max(xs), max(ys))
    if not stroked and not (thin and len(pts) > 2):
        return []  # a filled area, or a filled two-point path (it paints nothing)
    ring = [*pts, pts[0]] if closed else pts
    out = []
    for a, b in itertools.pairwise(ring):
        e = _segment(a, b)
        if e is not None:
            out.append(e)
    return out
