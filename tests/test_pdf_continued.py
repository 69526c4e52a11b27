"""Tables read whole across page breaks and stacked headers (W090 by-unit tables, W064 表2,
W090 表13/表9): each mechanism at the string level, then on the corpus page it was found on."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import govbudget
from conftest import CORPUS, skip_without_shared
from govbudget.readers._names import NameCoder
from govbudget.readers._textlayout import _PAGE_NUMBER
from govbudget.readers.pdf.assembly import _fragment_of
from govbudget.readers.pdf.marks import Edge, Glyph, PageMarks
from govbudget.readers.pdf.page import read_items
from govbudget.readers.raw import RawTable
from govbudget.tables.kinds import TableKind

# -- string level --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["第7页，共45页", "第 7 页，共 45 页", "第7页共45页", "- 7 -", "7/45"])
def test_page_footers_are_page_numbers(text: str) -> None:
    assert _PAGE_NUMBER.match(text.replace(" ", ""))


def test_a_sentence_is_not_a_page_number() -> None:
    assert not _PAGE_NUMBER.match("第7页，共45页见附表")


def test_an_amount_cut_at_its_decimals_is_completed_by_the_next_page() -> None:
    prev = ("杭州市机动", "14,549.64", "14,549.64", "", "12,437.3", "2,112.28")
    assert _fragment_of(("车驾驶员考试服务中心", "", "", "", "6", ""), prev)
    # a whole amount under a name tail is a row of its own, not a fragment
    assert not _fragment_of(("车驾驶员考试服务中心", "", "", "", "66.00", ""), prev)
    # digits under an amount that has all its decimals do not continue it
    whole = ("杭州市机动", "14,549.64", "14,549.64", "", "12,437.36", "2,112.28")
    assert not _fragment_of(("车驾驶员考试服务中心", "", "", "", "6", ""), whole)
    # digits alone (no name going on) are not taken for a tail
    assert not _fragment_of(("", "", "", "", "6", ""), prev)


def test_a_numbered_list_names_classes_only() -> None:
    # 四、节能环保 means 类 211 节能环保支出, never 款 21905 节能环保 of 219 援助其他地区支出:
    # a short 类 name stays uncoded, a full one is coded
    coder = NameCoder("functional", 2019)
    got = [coder.code(n) for n in ("一、一般公共服务", "四、节能环保", "七、交通运输", "十、其他支出",
                                   "十一、节能环保支出")]
    assert got == [None, None, None, "229", "211"]
    # without the numeral, the short name is still the 款 of the outline above it
    coder = NameCoder("functional", 2019)
    assert coder.code("援助其他地区支出") == "219"
    assert coder.code("节能环保") == "21905"


def test_a_word_wider_than_its_cell_stays_whole() -> None:
    # a tall cell (x 0–60, y 0–60) beside a heading cell (x 60–120, y 0–20) over two short
    # ones; the heading 公务用车购置 is printed from x 55, so its first glyph's centre falls
    # in the tall cell: it still goes with its word
    edges = [Edge("h", 0, y, 120, y) for y in (0, 60)] + [Edge("h", 60, 20, 120, 20)] + [
        Edge("v", x, 0, x, 60) for x in (0, 60, 120)] + [Edge("v", 90, 20, 90, 60)]
    tall = [Glyph(c, 20 + 10 * k, 40, 30 + 10 * k, 50, 10) for k, c in enumerate("接待")]
    word = [Glyph(c, 52 + 10 * k, 5, 62 + 10 * k, 15, 10) for k, c in enumerate("公务用车购置")]
    items = read_items(PageMarks(1, 595, 842, tuple(tall + word), tuple(edges)))
    texts = {c for it in items for row in getattr(it, "rows", ()) for c in row if c}
    assert {"公务用车购置", "接待"} <= texts, texts


# -- the corpus pages ----------------------------------------------------------------------


@cache
def _load(name: str) -> govbudget.Document:
    path: Path = CORPUS / name
    skip_without_shared(path)
    return govbudget.load(path)


def _raw_tables(name: str) -> list[RawTable]:
    from govbudget.readers.pdf import read_pdf

    path = CORPUS / name
    skip_without_shared(path)
    return list(read_pdf(path).tables())


def test_w090_by_unit_tables_run_over_their_pages() -> None:
    # 表5 pp.7–9 and 表8 pp.19–23 list units 125001…125004, each with its own rows, under
    # one header on the first page and a footer 第N页，共45页 on each page
    tables = {t.title: t for t in _raw_tables("W090.pdf") if t.title}
    t5 = next(t for k, t in tables.items() if k.startswith("表5"))
    t8 = next(t for k, t in tables.items() if k.startswith("表8"))
    assert set(t5.row_pages) == {7, 8, 9} and set(t8.row_pages) == {19, 20, 21, 22, 23}
    units = [r[0] for r in t5.rows if r[0].startswith("1250")]
    assert units == ["125001", "125002", "125003", "125004"]
    # the 合计 of 表8 is the sum of its units (what the page prints, 2,022.39)
    total = next(r for r in t8.rows if r[3] == "合计")
    parts = [float(r[4].replace(",", "")) for r in t8.rows if len(r[0]) == 6 and r[0].isdigit()]
    assert total[4] == "2,022.39" and round(sum(parts), 2) == 2022.39


def test_w090_by_unit_totals_hold() -> None:
    report = govbudget.check(_load("W090.pdf"))
    errors = {(f.rule, f.location.page) for f in report.errors}
    assert not errors & {("T5-2", 7), ("P-2", 19), ("T6-2", 19), ("T6-3", 19)}


def test_w064_row_cut_by_the_page_break_is_one_row() -> None:
    table = next(t for t in _raw_tables("W064.pdf") if (t.title or "").startswith("表2"))
    rows = [r for r in table.rows if "驾驶员考试服务中心" in r[0]]
    assert len(rows) == 1
    row = rows[0]
    assert row[0] == "杭州市机动车驾驶员考试服务中心" and row[7] == "12,437.36"
    # the joined row adds up: 事业收入 12,437.36 + 其他收入 2,112.28 = 小计 14,549.64
    assert round(12437.36 + float(row[11].replace(",", "")), 2) == float(row[2].replace(",", ""))


def test_w090_stacked_three_public_header_keeps_every_item() -> None:
    # p.32: 公务用车购置及运行维护费 printed wider than its cell; 因公出国（境）费 clipped
    doc = _load("W090.pdf")
    table = next(t for d in doc.disclosures for t in d.tables
                 if t.kind is TableKind.THREE_PUBLIC)
    lines = {r.line: r for r in table.rows if r.line}
    assert {"overseas", "reception", "vehicle", "meeting", "training"} <= set(lines)
    assert str(lines["reception"].cells["total"].value) == "4.38"
    assert lines["vehicle"].name == "公务用车购置及运行维护费"
    report = govbudget.check(doc)
    assert not [f for f in report.errors if f.rule == "S-2"]


def test_w090_fund_table_codes_its_numbered_classes_as_classes() -> None:
    doc = _load("W090.pdf")
    table = next(t for d in doc.disclosures for t in d.tables if (t.title or "").startswith("表9"))
    codes = {str(r.code) for r in table.rows if r.code is not None}
    assert not {"21901", "21905", "21907", "21999"} & codes
    assert "229" in codes  # 十、其他支出, the one 类 printed by its full name
