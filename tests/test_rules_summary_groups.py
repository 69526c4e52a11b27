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
