"""Group headings over numbered items in the summary tables are counted once (T1, T4)."""

from __future__ import annotations

from govbudget.money import parse_cell
from govbudget.rules.arithmetic_summary import _leaf_lines
from govbudget.tables.model import Row


def _row(name: str, amount: str) -> Row:
    return Row(name, None, "carryover" if "结" in name else None, "income",
               {"income": parse_cell(amount)})


def test_a_heading_without_numeral_over_numbered_items_is_their_group() -> None:
    """Regression (深圳 收支总表, W025 p.18 / W034 p.61): 上年结余、结转 36,989.05 +
    396.83 printed over 1./2. items was added with them, twice the carry-over."""
    rows = [_row("上年结余、结转", "37385.88"), _row("1.财政拨款结余、结转", "36989.05"),
            _row("2.非财政拨款结余、结转", "396.83")]
    assert [r.name for r in _leaf_lines(rows)] == [r.name for r in rows[1:]]


def test_a_heading_that_is_not_the_sum_of_the_items_is_kept() -> None:
    rows = [_row("事业收入", "10.00"), _row("1.其他收入", "4.00"), _row("2.附属单位上缴", "5.00")]
    assert _leaf_lines(rows) == rows


def test_a_blank_heading_and_a_numbered_group_are_dropped() -> None:
    rows = [_row("上年结转", ""), _row("1.财政拨款", "1.00"), _row("三、单位资金", "9.00"),
            _row("1.事业收入", "2.00")]
    assert [r.name for r in _leaf_lines(rows)] == ["1.财政拨款", "1.事业收入"]


def test_t25_skips_a_table_of_leaves_beside_local_items() -> None:
    """Regression (北京 预算06表, W015 p.13–14): 款 codes beside local 7-digit items
    (3021101 差旅费) and no 类 or subtotal row at all: no hierarchy is printed, so there
    is no parent chain to check (T2-5 reported every local item's 款 as missing)."""
    import attrs

    import govbudget
    import seed_model as seed
    from govbudget.tables import TableKind

    def leaves(rows: tuple[Row, ...]) -> tuple[Row, ...]:
        codes = {r.code for r in rows if r.code}
        kept = tuple(r for r in rows if r.code and not any(
            c != r.code and c.startswith(r.code) for c in codes))
        printed = {r.code for r in kept}
        local = next(f"{k}01" for k in ("30211", "30215", "30216", "30217", "30299")
                     if k not in printed)  # a local item whose 款 is not printed
        return (*kept, attrs.evolve(kept[-1], name="地方细化科目", code=local))

    d = seed.edit_rows(seed.department(), TableKind.BASIC_EXPENDITURE, leaves)
    assert not govbudget.check(d, select=["T2-5"]).errors


def test_t11_counts_a_fiscal_line_not_split_by_fund() -> None:
    """Regression (长沙 收支总表, W078 p.12): 一、本级财政拨款收入 printed on one line, with no
    一般公共预算/政府性基金 lines under it, was left out of 本年收入合计's items."""
    import attrs

    import govbudget
    import seed_model as seed
    from govbudget.tables import TableKind

    d = seed.edit_rows(seed.department(), TableKind.SUMMARY, lambda rows: tuple(
        attrs.evolve(r, line="fiscal", name="一、本级财政拨款收入")
        if r.line == "general_budget" else r for r in rows))
    report = govbudget.check(d, select=["T1-1"])
    assert not report.errors and report.outcomes[0].checks > 0


def test_p1_skips_a_basic_table_split_by_staffing_category() -> None:
    """Regression (长沙 基本支出表, W078 pp.18–19): columns 人员类 / 公用经费 put per-head 302
    items under 人员类 by the document's own definition; P-1 called each a defect."""
    import attrs

    import govbudget
    import seed_model as seed
    from govbudget.money import parse_cell
    from govbudget.tables import TableKind

    def by_category(d: govbudget.Disclosure) -> govbudget.Disclosure:
        t = d.table(TableKind.BASIC_EXPENDITURE)
        assert t is not None
        cols = tuple(attrs.evolve(c, name="人员类") if c.key == "personnel" else c
                     for c in t.columns)
        rows = tuple(attrs.evolve(r, cells={**r.cells, "personnel": parse_cell("1.00")})
                     if r.code == "30201" else r for r in t.rows)
        return seed.replace_table(d, TableKind.BASIC_EXPENDITURE,
                                  attrs.evolve(t, columns=cols, rows=rows))

    d = by_category(seed.department())
    report = govbudget.check(d, select=["P-1"])
    assert not report.errors
    assert "人员类" in (report.outcomes[0].reason or "")


def test_c3_accepts_a_name_qualified_by_its_own_kuan() -> None:
    """Regression (W095 p.33): 行政运行（人力资源和社会保障管理事务） is the catalogue name
    qualified by its 款 20801 in brackets; any other bracket is still compared."""
    from govbudget.codes import catalogue
    from govbudget.rules.catalogue import _unqualified

    cat = catalogue("functional", 2020)
    assert _unqualified(cat, "2080101", "行政运行（人力资源和社会保障管理事务）") == "行政运行"
    assert _unqualified(cat, "2080101", "行政运行(社会保障和就业支出)") == "行政运行"
    assert _unqualified(cat, "2080101", "行政运行（教育管理事务）") == "行政运行（教育管理事务）"


def test_one_wrong_cell_is_one_finding_to_a_cent_of_rounding() -> None:
    """Regression (W040, W064, W118): 80.75 printed in 公用经费 (P-1) leaves 人员经费 合计
    short by 80.74 once the other figures' rounding adds a cent (P-2): one defect."""
    from govbudget.rules.consolidate import consolidate
    from govbudget.rules.core import Finding, Location, Severity

    p1 = Finding("P-1", Severity.ERROR, "303 属于人员经费…", Location("d", "表六", "303", "公用经费"),
                 expected="（空白）", actual="80.75")
    p2 = Finding("P-2", Severity.ERROR, "人员经费合计…", Location("d", "表六", "合计", "人员经费"),
                 expected="34491.86", actual="34411.12")
    far = Finding("P-2", Severity.ERROR, "公用经费合计…", Location("d", "表六", "合计", "公用经费"),
                  expected="100.00", actual="99.00")
    (root, other) = consolidate([p1, p2, far])
    assert root.rule == "P-1" and [c.rule for c in root.consequences] == ["P-2"]
    assert other is far
