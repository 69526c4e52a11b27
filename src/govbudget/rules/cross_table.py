"""Cross-table rules (表间勾稽): the family's shared reading, and rules X-11 … X-14 and E-1
of docs/domain.md §4, §1.6 (the 一般公共预算支出表 and the basic expenditure tables).

The rules between the summary tables (X-1 … X-10, T7-1) are in ``cross_table_summary``.
The same quantity printed in two tables must agree exactly (``check_equal``, blank as
zero); a sum of cells of one table against a cell of another goes through the rounding
policy (``check_sum``). X-15 is S-X1 and X-16 is part of S-X2 (``three_public``).

>>> from govbudget.rules import REGISTRY
>>> import govbudget.rules.cross_table
>>> REGISTRY["X-5"].statement
'收支总表本年支出合计 = 部门支出总表合计'
>>> REGISTRY["X-14"].severity.value
'info'
"""

from __future__ import annotations

from govbudget.money import BLANK, Cell
from govbudget.rules._common import (
    SOURCE_143,
    check_le,
    code_index,
    index,
)
from govbudget.rules.core import RuleContext, Severity, rule
from govbudget.tables.disclosure import UnitKind
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row

__all__ = ["GOVERNMENT_MAP_ADMINISTRATIVE", "ONE_TO_ONE"]

FAMILY = "cross-table"
S, R, E, F = (TableKind.SUMMARY, TableKind.REVENUE, TableKind.EXPENDITURE,
              TableKind.FISCAL_SUMMARY)
G, B = TableKind.GENERAL_BUDGET, TableKind.BASIC_EXPENDITURE


def _src(item: str) -> str:
    return f"docs/domain.md §4 {item}; {SOURCE_143}"


def _tables(ctx: RuleContext, *kinds: TableKind) -> list[BudgetTable] | None:
    found = [ctx.disclosure.table(k) for k in kinds]
    missing = [k.value for k, t in zip(kinds, found, strict=True) if t is None]
    if missing:
        ctx.skip("缺少" + "、".join(missing))
        return None
    return [t for t in found if t is not None]


def _cell(t: BudgetTable, line: str, col: str, side: str | None = None) -> tuple[Row | None, Cell]:
    """The named line's cell; a line (or column) the table does not print is blank, and its
    row ``None``: rules compare nothing with it (a template without that line)."""
    r = index(t).line(line, side)
    return r, (r.cell(col) if r is not None else BLANK)


def _where(t: BudgetTable, row: Row | None, what: str) -> str:
    return f"{t.title or t.name} {row.label if row is not None else what}"


def _equal(ctx: RuleContext, a_table: BudgetTable, a_row: Row | None, a_col: str, a: Cell,
           b_table: BudgetTable, b_row: Row | None, b: Cell, what: str,
           b_what: str = "") -> None:
    """``a`` = ``b`` exactly; skipped (with the reason) when either table lacks the line or
    the column, since a blank that exists only because a template has no such row is
    no figure to compare with."""
    for t, r, col, name in ((a_table, a_row, a_col, what), (b_table, b_row, None, b_what)):
        if r is None:
            ctx.skip(f"{t.title or t.name}没有“{name or what}”所在的行，不作比较")
            return
        if col is not None and col not in index(t).printed:
            ctx.skip(f"{t.title or t.name}未列示该栏，不作比较")
            return
    ctx.check_equal(a, a_table.unit, b, b_table.unit, table=a_table,
                    row=a_row, column=a_col, what=what,
                    evidence=_where(b_table, b_row, b_what))


def _per_code(ctx: RuleContext, a: BudgetTable, a_rows: dict[str, Row], a_col: str,
              b: BudgetTable, b_rows: dict[str, Row], b_col: str, what: str,
              compare: str = "eq") -> None:
    """For every code in either index (table order of ``a`` first): a[a_col] vs b[b_col]."""
    only = [c for c in (*a_rows, *b_rows) if (c in a_rows) != (c in b_rows)]
    for code in a_rows:
        if code not in b_rows:
            continue
        ar, br = a_rows[code], b_rows[code]
        ac, bc = ar.cell(a_col), br.cell(b_col)
        if not ac.is_amount and not bc.is_amount:
            continue
        evidence = _where(b, br, code)
        if compare == "eq":
            ctx.check_equal(ac, a.unit, bc, b.unit, table=a, row=ar, column=a_col,
                            what=f"{code} {what}", evidence=evidence)
        else:
            check_le(ctx, ac, a.unit, bc, b.unit, table=a, row=ar, column=a_col,
                     what=f"{code} {what}", evidence=evidence)
    if only:
        ctx.skip(f"{len(only)} 个科目只列在其中一张表（如 {only[0]}），不逐项比较"
                 "（两表的合计另行核对）")


# ---- 一般公共预算支出表 ↔ 支出总表 ↔ 基本支出表 -----------------------------------------

@rule("X-11", Severity.ERROR, "一般公共预算支出表各科目的合计、基本支出、"
                              "项目支出 ≤ 部门支出总表对应数",
      source=_src("X-11"), family=FAMILY)
def x11_general_le_all(ctx: RuleContext) -> None:
    tables = _tables(ctx, G, E)
    if tables is None:
        return
    g, e = tables
    g_rows, e_rows = code_index(g), code_index(e)
    if g.breakdown is not None or e.breakdown is not None:
        # a code printed on several rows (per unit, per economic class): one row is a part,
        # so only the totals are compared
        g_rows, e_rows = {}, {}
    g_total, e_total = g.line("total"), e.line("total")
    if g_total is not None:
        g_rows = {"合计": g_total, **g_rows}
        if e_total is not None:
            e_rows = {"合计": e_total, **e_rows}
    for col in ("total", "basic", "project"):
        _per_code(ctx, g, g_rows, col, e, e_rows, col, "一般公共预算支出超过支出总表对应数",
                  compare="le")


@rule("X-12", Severity.ERROR, "基本支出表合计 = 一般公共预算支出表合计的基"
                              "本支出", source=_src("X-12"),
      family=FAMILY)
def x12_basic_total(ctx: RuleContext) -> None:
    tables = _tables(ctx, B, G)
    if tables is None:
        return
    b, g = tables
    b_row, b_cell = _cell(b, "total", "total")
    g_row, g_cell = _cell(g, "total", "basic")
    _equal(ctx, b, b_row, "total", b_cell, g, g_row, g_cell,
           "基本支出表合计应等于一般公共预算支出表基本支出合计", "合计")


@rule("X-13", Severity.ERROR, "基本支出全部为一般公共预算财政拨款时："
                              "部门支出总表基本支出合计 = 基本支出表合计",
      source=_src("X-13"), family=FAMILY)
def x13_all_basic_general(ctx: RuleContext) -> None:
    tables = _tables(ctx, S, E, B)
    if tables is None:
        return
    s, e, b = tables
    others = [k for k in ("gov_fund", "soe_capital", "special_account", "business", "operating",
                          "superior_subsidy", "affiliated_remit", "other")
              if _cell(s, k, "income", "income")[1].as_zero() != 0]
    f = ctx.disclosure.table(F)
    s_carry = _cell(s, "carryover", "income", "income")[1].as_zero()
    general_carry = _cell(f, "carryover_general", "income", "income")[1].as_zero() if f else None
    rev = ctx.disclosure.table(R)
    rev_total = index(rev).line("total") if rev is not None else None
    if rev is not None and rev_total is not None:  # the revenue table may say it plainer
        others += [k for k in ("fund", "soe", "special_account", "business", "operating",
                               "superior_subsidy", "affiliated_remit", "other")
                   if k in index(rev).printed and rev_total.cell(k).as_zero() != 0]
    if others or (s_carry != 0 and general_carry != s_carry):
        ctx.skip("部门有非一般公共预算资金来源，基本支出不全是一般公共预算财政拨款")
        return
    e_row, e_cell = _cell(e, "total", "basic")
    b_row, b_cell = _cell(b, "total", "total")
    _equal(ctx, e, e_row, "basic", e_cell, b, b_row, b_cell,
           "支出总表基本支出合计应等于基本支出表合计", "合计")


#: functional 项 whose basic expenditure is exactly one economic 款 (docs/domain.md §4 X-14)
ONE_TO_ONE = (("2080505", "30108"), ("2080506", "30109"), ("2101103", "30111"),
              ("2210201", "30113"))


@rule("X-14", Severity.INFO,
      "功能分类与经济分类可对账：一一对应的科目（2080505↔30108、2080506↔30109、2101103↔30111、"
      "2210201↔30113）基本支出相等",
      source="docs/domain.md §4 X-14 (diagnostic)", family=FAMILY)
def x14_reconcile(ctx: RuleContext) -> None:
    tables = _tables(ctx, G, B)
    if tables is None:
        return
    g, b = tables
    g_rows, b_rows = code_index(g), code_index(b)
    for fcode, ecode in ONE_TO_ONE:
        fr, er = g_rows.get(fcode), b_rows.get(ecode)
        fc = fr.cell("basic") if fr is not None else BLANK
        ec = er.cell("total") if er is not None else BLANK
        if not fc.is_amount and not ec.is_amount:
            continue
        ctx.check_equal(fc, g.unit, ec, b.unit, table=g, row=fr or fcode, column="basic",
                        what=f"功能科目 {fcode} 的基本支出与经济科目 {ecode} 不能对账",
                        evidence=_where(b, er, ecode))
    if ctx.checks == 0:
        ctx.skip("没有一一对应的功能、经济分类科目")


# ---- E-1 departmental ↔ government economic classification --------------------------

#: departmental 款 → government 款 for 行政 units (docs/domain.md §1.6, fallback to the catalogue)
GOVERNMENT_MAP_ADMINISTRATIVE = {
    **dict.fromkeys(("30101", "30102", "30103"), "50101"),
    **dict.fromkeys(("30108", "30109", "30110", "30111", "30112"), "50102"),
    "30113": "50103",
    **dict.fromkeys(("30106", "30114", "30199"), "50199"),
    **dict.fromkeys(("30201", "30202", "30204", "30205", "30206", "30207", "30208", "30209",
                     "30211", "30214", "30228", "30229", "30239", "30240"), "50201"),
    "30215": "50202", "30216": "50203",
    **dict.fromkeys(("30218", "30224", "30225"), "50204"),
    **dict.fromkeys(("30203", "30226", "30227"), "50205"),
    "30217": "50206", "30212": "50207", "30231": "50208", "30213": "50209", "30299": "50299",
    **dict.fromkeys(("30301", "30302", "30303"), "50905"),
    **dict.fromkeys(("30304", "30305", "30306", "30307"), "50901"),
    "30308": "50902", "30310": "50903", "30309": "50999", "30399": "50999",
}


def government_code(code: str, unit_kind: UnitKind, year: int | None = None) -> str | None:
    """The government economic 款 a departmental 款 maps to for ``unit_kind`` (E-2).

    The bundled correspondence (``govbudget.codes``) first, then docs/domain.md §1.6's table.

    >>> government_code("30231", UnitKind.ADMINISTRATIVE, 2023)
    '50208'
    """
    try:
        from govbudget.codes.economic import government_code_for

        mapped = government_code_for(code, unit_kind.value, year=year)
        if mapped:
            return mapped
    except (LookupError, ValueError):
        pass
    if unit_kind is UnitKind.PUBLIC_INSTITUTION and code[:3] in ("301", "302"):
        return "50501" if code[:3] == "301" else "50502"  # [UNVERIFIED] §1.6 E-2
    return GOVERNMENT_MAP_ADMINISTRATIVE.get(code)


@rule("E-1", Severity.ERROR,
      "基本支出按部门经济分类与按政府经济分类两表并列时："
      "映射到同一政府经济分类款的部门经济分类款之和 = 该款金额",
      source="docs/domain.md §1.6 E-1/E-2 [SEC S8, S27]", family=FAMILY)
def e1_government_economic(ctx: RuleContext) -> None:
    tables = ctx.disclosure.tables_of(B)
    dept = next((t for t in tables if any((r.code or "")[:1] == "3" for r in t.code_rows())), None)
    gov = next((t for t in tables if any((r.code or "")[:1] == "5" for r in t.code_rows())), None)
    if dept is None or gov is None:
        ctx.skip("未同时公开部门经济分类与政府经济分类的基本支出表")
        return
    kind = ctx.disclosure.unit_kind
    if kind is None:
        ctx.skip("单位性质未知，无法确定部门经济分类与政府经济分类的对应（E-2）")
        return
    sums: dict[str, list[Cell]] = {}
    for r in dept.code_rows():
        if r.code is not None and len(r.code) == 5:
            g = government_code(r.code, kind, ctx.year)
            if g is not None:
                sums.setdefault(g, []).append(r.cell("total"))
    gov_rows = code_index(gov)
    for gcode in list(dict.fromkeys([*gov_rows, *sums])):
        if len(gcode) != 5:
            continue
        grow = gov_rows.get(gcode)
        if grow is None or gcode not in sums:
            continue  # a 款 only one table prints: the two totals are compared by X-12
        ctx.check_sum(grow.cell("total"), sums[gcode], table=gov, row=grow, column="total",
                      what=f"政府经济分类 {gcode} 应等于对应部门经济分类款之和")
