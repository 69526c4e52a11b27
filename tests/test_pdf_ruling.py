"""The ruled-table finder (``readers.pdf.ruling``) is pdfplumber's *lines* strategy.

The law: on any set of horizontal and vertical edges, ``find_tables`` finds the same
tables, with the same cells, as pdfplumber's own ``merge_edges`` →
``edges_to_intersections`` → ``intersections_to_cells`` → ``cells_to_tables`` with the
settings the reader uses. Edges are drawn on a coarse lattice with small offsets, so that
snapping, joining, near-misses and merged cells all occur.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govbudget import limits
from govbudget.readers.pdf.marks import Edge, rules_of_subpath
from govbudget.readers.pdf.ruling import RulingTooComplex, find_tables

table = pytest.importorskip("pdfplumber.table")
utils = pytest.importorskip("pdfplumber.utils")

_coord = st.builds(lambda k, d: 20.0 * k + d, st.integers(0, 8),
                   st.sampled_from([0.0, 0.0, 0.0, 0.5, 1.5, 2.9, 3.5, -1.0]))


@st.composite
def _edges(draw: Any) -> list[Edge]:
    out = []
    for _ in range(draw(st.integers(0, 14))):
        a, b, at = draw(_coord), draw(_coord), draw(_coord)
        lo, hi = min(a, b), max(a, b)
        if draw(st.booleans()):
            out.append(Edge("h", lo, at, hi, at))
        else:
            out.append(Edge("v", at, lo, at, hi))
    return out


def _plumber(edges: list[Edge]) -> list[list[tuple[float, float, float, float]]]:
    objs = [{"object_type": "line", "x0": e.x0, "x1": e.x1, "top": e.top, "bottom": e.bottom,
             "doctop": e.top, "width": e.x1 - e.x0, "height": e.bottom - e.top,
             "orientation": e.orient} for e in edges]
    objs = utils.filter_edges(objs, min_length=1)
    merged = table.merge_edges(objs, 3, 3, 3, 3)
    merged = utils.filter_edges(merged, min_length=3)
    cells = table.intersections_to_cells(table.edges_to_intersections(merged, 3, 3))
    return [sorted(t) for t in table.cells_to_tables(cells)]


def _rounded(tables: list[list[tuple[float, ...]]]) -> list[list[tuple[float, ...]]]:
    return [[tuple(round(v, 6) for v in c) for c in t] for t in tables]


@given(_edges())
def test_same_tables_as_pdfplumber(edges: list[Edge]) -> None:
    ours = [sorted(f.cells) for f in find_tables(edges)]
    theirs = _plumber(edges)
    assert _rounded(ours) == _rounded(theirs)


def test_merged_cell_spans_two_rows() -> None:
    # a 2 x 2 grid whose left column is one merged cell: no line between its rows
    edges = [Edge("h", 0, 0, 200, 0), Edge("h", 100, 20, 200, 20), Edge("h", 0, 40, 200, 40),
             Edge("v", 0, 0, 0, 40), Edge("v", 100, 0, 100, 40), Edge("v", 200, 0, 200, 40)]
    (frame,) = find_tables(edges)
    assert frame.rows == [[(0, 0, 100, 40), (100, 0, 200, 20)], [None, (100, 20, 200, 40)]]


def test_shading_and_diagonals_draw_no_ruling() -> None:
    band = [(0.0, 0.0), (100.0, 0.0), (100.0, 30.0), (0.0, 30.0)]
    assert rules_of_subpath(band, closed=True, stroked=False, filled=True) == []
    assert len(rules_of_subpath(band, closed=True, stroked=True, filled=True)) == 4
    assert rules_of_subpath([(0, 0), (50, 30)], closed=False, stroked=True, filled=False) == []
    assert rules_of_subpath([(0, 5), (80, 5)], closed=False, stroked=False, filled=True) == []


def test_work_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    grid = [Edge("h", 0, 10.0 * k, 1000, 10.0 * k) for k in range(60)] + [
        Edge("v", 10.0 * k, 0, 10.0 * k, 600) for k in range(60)]
    assert find_tables(grid)  # 59 x 59 cells under the default bound
    monkeypatch.setattr(limits, "MAX_RULING_PAIRS", 1000)
    with pytest.raises(RulingTooComplex):
        find_tables(grid)
