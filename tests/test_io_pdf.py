"""The PDF reader on the real disclosures in ../shared/samples (facts checked by eye)."""

from __future__ import annotations

import re

import pytest

from govbudget.readers.pdf import describe, is_context_line, is_title_line, join_wrapped, read_pdf
from govbudget.readers.raw import RawBlock, RawDocument, RawTable

pytest.importorskip("pdfplumber")


from conftest import SAMPLES, SHARED_MISSING, skip_without_shared

needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=SHARED_MISSING
)
_cache: dict[str, RawDocument] = {}


def doc(name: str) -> RawDocument:
    if name not in _cache:
        path = SAMPLES / name
        skip_without_shared(path)
        _cache[name] = read_pdf(path)
    return _cache[name]


def titled(d: RawDocument, pattern: str) -> RawTable:
    found = [t for t in d.tables() if t.title and re.search(pattern, t.title)]
    assert len(found) == 1, (pattern, [t.title for t in d.tables()])
    return found[0]


def row_starting(t: RawTable, *cells: str) -> tuple[str, ...]:
    rows = [r for r in t.rows if r[: len(cells)] == cells]
    assert len(rows) == 1, (cells, t.title)
    return rows[0]


def assert_no_repeated_header(t: RawTable) -> None:
    first = t.rows[0]
    assert sum(1 for r in t.rows if r == first) == 1, t.title


# -- string heuristics ------------------------------------------------------------------


def test_join_wrapped_cjk_latin_and_digits() -> None:
    assert join_wrapped("机关事业单位基本养老保险缴费\n支出") == "机关事业单位基本养老保险缴费支出"
    assert join_wrapped("Total\namount") == "Total amount"
    assert join_wrapped("1,536.0\n0") == "1,536.00"
    assert join_wrapped(" 合计 ") == "合计"


@pytest.mark.parametrize(
    ("text", "title", "context"),
    [
        ("2026年部门收支总表", True, False),
        ("表1 收支总体情况表", True, False),
        ("财政拨款支出表（功能科目）", True, False),
        ("单位：万元", False, True),
        ("编制部门：上海市普陀区人民政府万里街道办事处 单位：元", False, True),
        ("（2026年度）", False, True),
        ("本部门无政府性基金预算，故本表无数据。", False, False),
        ("1. 2024年部门财务收支预算总表 ……………………", False, False),
    ],
)
def test_title_and_context_lines(text: str, title: bool, context: bool) -> None:
    assert is_title_line(text) is title
    assert is_context_line(text) is context


# -- the samples ------------------------------------------------------------------------


@needs_samples
def test_every_sample_reads_with_pages_and_no_newlines_in_cells() -> None:
    for path in sorted(SAMPLES.glob("*.pdf")):
        d = doc(path.name)
        assert d.pages and d.pages >= 29
        tables = list(d.tables())
        assert 9 <= len(tables) <= 40, (path.name, len(tables))
        assert any(isinstance(i, RawBlock) and i.heading for i in d.items)
        for t in tables:
            assert t.row_pages is not None and len(t.row_pages) == len(t.rows)
            assert list(t.row_pages) == sorted(t.row_pages)
            for row in t.rows:
                assert all("\n" not in c for c in row), (path.name, row)
                assert any(row), (path.name, t.title)
        assert [t.index for t in tables] == list(range(len(tables)))


@needs_samples
def test_wuxi_titles_merge_and_split_row() -> None:
    d = doc("wuxi-hrss-2026-dept-budget.pdf")
    titles = [t.title for t in d.tables()]
    for n in range(1, 14):
        assert sum(1 for x in titles if x and x.startswith(f"公开{n:02d}表 ")) == 1, n
    assert titled(d, "公开01表").title == "公开01表 收支总表"
    assert titled(d, "公开01表").context == ("部门：无锡市人力资源和社会保障局 单位：万元",)
    # 支出总表 runs over pages 19-21 without repeating its header
    t = titled(d, "公开03表")
    assert (t.page, len(t.rows), set(t.row_pages or ())) == (19, 45, {19, 20, 21})
    assert_no_repeated_header(t)
    assert row_starting(t, "合计")[2:5] == ("154,121.76", "26,790.33", "127,331.43")
    assert row_starting(t, "2210203") == ("2210203", "购房补贴", "2,492.95", "2,492.95", "", "",
                                          "", "")
    assert t.page_of(row := t.rows.index(row_starting(t, "2210203"))) == 21 and row == 44
    # 收入总表: the title and unit rows drawn inside the frame are lifted out
    t = titled(d, "公开02表")
    assert t.rows[0][:3] == ("部门代码", "部门名称", "合计")
    assert row_starting(t, "309004")[1] == "无锡市劳动人事争议仲裁院"  # wrapped in its cell
    # 政府采购支出表: the unit name split by the page break is joined back
    t = titled(d, "公开13表")
    assert set(t.row_pages or ()) == {35, 36, 37, 38}
    assert row_starting(t, "无锡市社会保险基金管理中心", "", "", "", "", "66.00")
    assert row_starting(t, "江苏省无锡技师学院", "", "", "", "", "748.96")
    assert not any(b.text in ("险基金管理中心", "师学院") for b in d.blocks())
    # the empty table keeps its note as text right after it
    k = d.items.index(titled(d, "公开10表"))
    nxt = d.items[k + 1]
    assert isinstance(nxt, RawBlock) and nxt.text.startswith("注：本部门无政府性基金预算")
    # running header and page numbers are gone
    assert not any(b.text == "2026年度部门预算公开" or b.text == "- 16 -" for b in d.blocks())


@needs_samples
def test_guangzhou_repeated_header_dropped() -> None:
    d = doc("guangzhou-meteorology-2026-dept-budget.pdf")
    for n in range(1, 13):
        titled(d, rf"^表{n} ")
    t = titled(d, "^表1 ")
    assert t.title == "表1 收支总体情况表"
    assert t.context == ("单位名称：广州市气象局 单位：万元",)
    assert (len(t.rows), set(t.row_pages or ())) == (33, {5, 6})
    assert t.rows[0][0] == "收入" and t.rows[1] == ("项目", "预算", "项目", "预算")
    assert sum(1 for r in t.rows if r[0] == "收入") == 1
    assert sum(1 for r in t.rows if r == ("项目", "预算", "项目", "预算")) == 1
    assert t.rows[-1] == ("收入总计", "7,651.71", "支出总计", "7,651.71")
    assert t.page_of(len(t.rows) - 1) == 6
    assert row_starting(t, "", "", "二十三、其他支出") == ("", "", "二十三、其他支出", "0.00")


@needs_samples
def test_fuzhou_wrapped_names_and_plain_amounts() -> None:
    d = doc("fuzhou-medicalsecurity-2026-dept-budget.pdf")
    t = titled(d, "收入预算总表")
    assert t.title == "2026 年度收入预算总表"
    names = [r[0] for r in t.rows]
    assert names[2:] == ["福州市医疗保障基金中心", "福州市医疗保障局", "福州市医疗保障数据技术中心",
                         "福州市医疗保障服务行为监测中心"]
    assert row_starting(t, "合计")[1] == "351904.90"
    assert row_starting(t, "福州市医疗保障基金中心")[1:4] == ("345205.84", "345205.84", "")
    t = titled(d, "基本支出经济分类情况表")
    assert (len(t.rows), set(t.row_pages or ())) == (110, {18, 19, 20})
    assert_no_repeated_header(t)
    # a performance table begun at the foot of page 26: the wrapped project name joined
    t = titled(d, "2026 年医疗服务与保障能力提升补助资金项目绩效目标表")
    assert t.rows[0][:2] == ("项目名称", "2026 年医疗服务与保障能力提升补助资金")
    assert set(t.row_pages or ()) == {26, 27}


@needs_samples
def test_quanzhou_zeros_and_wrapped_titles() -> None:
    d = doc("quanzhou-publicsecurity-2026-dept-budget.pdf")
    t = titled(d, "^2026 年度收入预算总表")
    assert row_starting(t, "合计") == ("合计", "81206.56", "69059.36", "0.00", "0.00", "0.00",
                                       "0.00", "0.00", "0.00", "0.00", "4547.20", "7600.00")
    # a title wrapped over two lines above its table
    titled(d, "^301007_泉州市公安局晋江国际机场分局_机场公安综合修缮改造项目绩效目标表$")
    perf = [t for t in d.tables() if t.title and t.title.endswith("绩效目标表")]
    assert len(perf) >= 20


@needs_samples
def test_yantai_split_codes_and_repeated_title() -> None:
    d = doc("yantai-civilaffairs-2026-dept-budget.pdf")
    for n in range(1, 13):
        titled(d, rf"^公开表{n} ")
    t = titled(d, "^公开表2 ")
    assert t.context == ("部门（单位）：烟台市民政局 单位：万元",)
    assert (len(t.rows), set(t.row_pages or ())) == (38, {8, 9, 10})
    assert_no_repeated_header(t)
    assert t.rows[1][:3] == ("类", "款", "项")
    assert row_starting(t, "205", "", "")[3:5] == ("教育支出", "16.00")
    assert row_starting(t, "", "", "", "合 计")[4] == "5,609.33"
    # same-named performance tables on consecutive pages stay apart
    perf = [t for t in d.tables() if t.title == "政策和项目预算绩效目标表"]
    assert len(perf) == 20
    assert all(t.rows[0][0] == "项目名称" for t in perf)


@needs_samples
@pytest.mark.parametrize(("year", "first_page"), [(2024, 11), (2025, 10)])
def test_wanli_merge_with_lone_total_row(year: int, first_page: int) -> None:
    d = doc(f"wanli-{year}-dept-budget.pdf")
    assert len(list(d.tables())) == 9
    t = titled(d, rf"^{year}年部门财务收支预算总表$")
    assert t.context == ("编制部门：上海市普陀区人民政府万里街道办事处 单位：元",)
    t = titled(d, rf"^{year}年部门收入预算总表$")
    assert len(t.rows) == 70 and t.page == first_page
    assert_no_repeated_header(t)
    total = t.rows[-1]
    assert total[0] == "合计" and total[1:4] == ("", "", "")  # 合计 spans the code columns
    assert total[4] == total[5] and re.fullmatch(r"\d{1,3}(,\d{3})+", total[4])
    assert t.rows[3][:4] == ("201", "", "", "一般公共服务支出")


@needs_samples
def test_describe_dumps_every_row() -> None:
    d = doc("guangzhou-meteorology-2026-dept-budget.pdf")
    text = describe(d)
    assert "[TABLE #0 p5-6, 33 rows] title: 表1 收支总体情况表" in text
    assert "收入总计 | 7,651.71 | 支出总计 | 7,651.71" in text
