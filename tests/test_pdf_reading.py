"""What the PDFium reader reads on corpus pages that show each PDF-text failure of issue 10,
and the boxes it keeps for the visual report (facts checked on the rendered pages)."""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from govbudget.readers.pdf import read_pdf
from govbudget.readers.pdf.items import _Grid, _Line
from govbudget.readers.pdf.marks import PageMarks
from govbudget.readers.pdf.page import read_items
from govbudget.readers.raw import RawDocument, RawTable

pdfium = pytest.importorskip("pypdfium2")

from conftest import CORPUS, SAMPLES, needs_shared, skip_without_shared  # noqa: E402


@cache
def marks(path: Path, number: int) -> PageMarks:
    from govbudget.readers.pdf.pdfium import read_page

    skip_without_shared(path)
    pdf = pdfium.PdfDocument(str(path))
    try:
        return read_page(pdf, number - 1, check_decoding=True)
    finally:
        pdf.close()


def lines(path: Path, number: int) -> list[str]:
    return [it.text for it in read_items(marks(path, number)) if isinstance(it, _Line)]


def grids(path: Path, number: int) -> list[_Grid]:
    return [it for it in read_items(marks(path, number)) if isinstance(it, _Grid)]


@cache
def doc(path: Path) -> RawDocument:
    skip_without_shared(path)
    return read_pdf(path)


# -- issue 10, PDF text --------------------------------------------------------------------


@needs_shared
def test_digits_in_another_font_stay_on_their_line() -> None:
    # W040 sets digits and punctuation in a font whose declared box is 2.4 em tall: by its
    # metrics "2026" floats 6 pt above the title; printed, it sits on the title's baseline
    page = lines(CORPUS / "W040.pdf", 1)
    assert page[:3] == ["重庆市商务委员会2026年部门预算情况说明", "一、单位基本情况", "(一)主要职责"]
    titles = [t.title for t in doc(CORPUS / "W040.pdf").tables()]
    assert "表一 2026年部门收支总体情况表" in titles
    # the same in cells: W080's performance targets keep "≤184.94万元", not "万元≤184.94"
    cells = {c for g in grids(CORPUS / "W080.pdf", 31) for r in g.rows for c in r if c}
    assert "≤184.94万元" in cells


@needs_shared
def test_text_outside_the_page_box_is_not_read() -> None:
    # W015 p50: a merged cell's label printed 400 pt above the page (the overflow of the row
    # on p49) is not a line; the table on p50 continues the one of p49
    path = CORPUS / "W015.pdf"
    m = marks(path, 50)
    assert any(g.bottom < 0 for g in m.glyphs)
    assert "整体绩效目标" not in lines(path, 50)
    continued = [t for t in doc(path).tables() if 49 in (t.row_pages or ())]
    assert len(continued) == 1 and {49, 50} <= set(continued[0].row_pages or ())


@needs_shared
def test_text_printed_twice_is_read_once() -> None:
    # W090 p3 prints "预算" of a header cell twice, 0.48 pt apart
    path = CORPUS / "W090.pdf"
    twins = [g for g in marks(path, 3).glyphs if g.text == "预" and 93 < g.top < 94
             and 580 < g.x0 < 583]
    assert len(twins) == 2 and abs(twins[0].x0 - twins[1].x0) < 1
    header = grids(path, 3)[0].rows[1]
    # pdfplumber read the doubled 预算 twice (政府预预算算支数); read once, it stays with the
    # word printed over both cells (政府预算支出… overflows into the 预算数 cell on the left)
    assert header[6] == "政府预算支出经济分类科目（按大类）"
    assert "".join(header[5:7]).count("预算") == 1


@needs_shared
def test_a_filled_rectangle_behind_text_is_not_a_table() -> None:
    # W078 shades each run of its narrative text with a filled rectangle: pdfplumber made
    # 112 one-row "tables" of them; the text reads as paragraphs and the tables are the 10
    # ruled ones
    path = CORPUS / "W078.pdf"
    assert grids(path, 2) == [] and grids(path, 5) == []
    assert "1、部门收支总表" in lines(path, 2)
    assert len(list(doc(path).tables())) == 10


@needs_shared
def test_text_pdfium_cannot_decode_is_read_with_pdfminer() -> None:
    # W104 p98 prints some characters in a non-embedded SimSun encoded GBK-EUC-H, a CMap
    # PDFium lacks: the page's glyphs come from pdfminer, nothing is lost
    path = CORPUS / "W104.pdf"
    skip_without_shared(path)
    # in a fresh process: PDFium keeps state across documents, and after other tests in the
    # same process it was seen to decode the page (the order-dependent failure of a full run)
    code = ("import sys, pypdfium2 as p\nfrom govbudget.readers.pdf.pdfium import read_page\n"
            "print(read_page(p.PdfDocument(sys.argv[1]), 97, check_decoding=True).undecoded)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, check=True, timeout=300)
    assert int(done.stdout.split()[-1]) > 0
    table = next(t for t in doc(path).tables() if t.page == 98)
    texts = {c for r in table.rows for c in r}
    assert "白蚁防治年限" in texts and "有效减少" in texts


# -- boxes --------------------------------------------------------------------------------


@needs_shared
def test_cell_boxes_and_page_sizes() -> None:
    path = SAMPLES / "wuxi-hrss-2026-dept-budget.pdf"
    d = doc(path)
    assert d.page_sizes is not None and len(d.page_sizes) == d.pages
    for t in d.tables():
        assert t.boxes is not None and len(t.boxes) == len(t.rows)
        for k, (row, boxes) in enumerate(zip(t.rows, t.boxes, strict=True)):
            assert len(boxes) == len(row)
            width, height = d.page_sizes[t.page_of(k) - 1]
            for box in boxes:
                if box is not None:
                    x0, top, x1, bottom = box
                    assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height
    # 公开03表 runs over pages 19–21: its last row, 2210203 购房补贴, is on page 21, and its
    # cells run left to right along one band
    t = next(t for t in d.tables() if t.title and t.title.startswith("公开03表"))
    row = next(k for k, r in enumerate(t.rows) if r[0] == "2210203")
    assert t.page_of(row) == 21
    boxes = [b for b in _boxes(t)[row] if b is not None]
    assert [b[0] for b in boxes] == sorted(b[0] for b in boxes)
    assert len({(b[1], b[3]) for b in boxes}) == 1


def _boxes(t: RawTable) -> tuple[tuple[tuple[float, float, float, float] | None, ...], ...]:
    assert t.boxes is not None
    return t.boxes


def test_other_readers_keep_no_boxes() -> None:
    from govbudget.readers.text import read_text

    d = read_text("表1 收支总表\n单位：万元\n项目\t金额\n合计\t1.00\n")
    assert all(t.boxes is None for t in d.tables()) and d.page_sizes is None
