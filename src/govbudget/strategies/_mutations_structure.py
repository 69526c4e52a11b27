"""Single-defect mutations for the aggregation (D), structure (H, M, U) and catalogue (C, T2-5,
T3-4) rules.

Each changes a unit against its department, a header, a table's presence or note, or a
code or name of one row, so that the rule it names must find it.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import strategies as st

from govbudget.rules.core import Location
from govbudget.strategies._mutations import (
    MUTATORS,
    Applies,
    K,
    Mutation,
    Mutator,
    Result,
    _amount_rows,
    _bump,
    _col,
    _delta,
    _has,
    _line,
    _loc,
    _replace,
    _with_row,
    _with_table,
    mutator,
)
from govbudget.tables.disclosure import Disclosure, Scope, Unparsed
from govbudget.tables.model import BudgetTable, Row

__all__: list[str] = []

# ---- aggregation D ---------------------------------------------------------------------
def _dept(n: int | None = None) -> Applies:
    def applies(root: Disclosure, d: Disclosure) -> bool:
        return d.scope is Scope.DEPARTMENT and bool(d.units) and (n is None or len(d.units) == n)
    return applies


def _dept_cell(rule: str, n: int | None) -> None:
    def apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
        t = d.table(K.EXPENDITURE)
        assert t is not None
        row = draw(st.sampled_from(_amount_rows(t, "total")))
        delta = _delta(draw)
        return _with_table(root, d, t, _with_row(t, row, _bump(row, delta, "basic"))), Mutation(
            rule, f"部门 {row.label} 基本支出 +{delta}，各单位未变", _loc(d, t, row, "basic"))
    MUTATORS.append(Mutator(rule, _dept(n), apply, department_only=True))


_dept_cell("D-1", None)
_dept_cell("D-4", 1)


@mutator("D-2", lambda root, d: _dept(None)(root, d) and len(d.units) >= 2, department_only=True)
def _d2(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    flow = _delta(draw)
    payer, receiver = d.units[0], d.units[1]
    e = payer.table(K.EXPENDITURE)
    s = receiver.table(K.SUMMARY)
    ds = d.table(K.SUMMARY)
    assert e is not None and s is not None and ds is not None
    new_payer = attrs.evolve(payer, tables=tuple(
        _with_row(t, _line(t, "total"), _bump(_line(t, "total"), flow, "subsidy_affiliated"))
        if t is e else t for t in payer.tables))
    new_receiver = attrs.evolve(receiver, tables=tuple(
        _with_row(t, _line(t, "superior_subsidy", "income"),
                  _bump(_line(t, "superior_subsidy", "income"), flow, "income")) if t is s else t
        for t in receiver.tables))
    eps = _delta(draw)
    row = _line(ds, "total", "income")
    new_ds = _with_row(ds, row, _bump(row, eps, "income"))
    dept = attrs.evolve(d, units=(new_payer, new_receiver, *d.units[2:]),
                        tables=tuple(new_ds if t is ds else t for t in d.tables))
    return _replace(root, d, dept), Mutation(
        "D-2", f"单位间往来 {flow}，部门收入总计 +{eps}", _loc(d, ds, row, "income"))


@mutator("D-3", _dept(None), department_only=True)
def _d3(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = next(t for t in d.tables if t.kind is K.OTHER and "机构设置" in (t.title or ""))
    name = d.name + draw(st.sampled_from(("后勤服务中心", "监察大队", "考试中心")))
    new = attrs.evolve(t, rows=(*t.rows, Row(name, texts={"c1": "事业"})))
    return _with_table(root, d, t, new), Mutation("D-3", f"机构设置表多列“{name}”", _loc(d, t, name))


# ---- structure H, M, U -----------------------------------------------------------------
def _headed(d: Disclosure) -> list[BudgetTable]:
    return [t for t in d.tables if t.header is not None and t.header.name is not None]


@mutator("H-1", lambda root, d: bool(_headed(d)))
def _h1(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = draw(st.sampled_from(_headed(d)))
    assert t.header is not None
    new = attrs.evolve(t, header=attrs.evolve(t.header, name=(t.header.name or "") + "机关"))
    return _with_table(root, d, t, new), Mutation("H-1", f"{t.title} 表头单位名称改动", _loc(d, t))


@mutator("H-2", lambda root, d: bool(_headed(d)))
def _h2(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = draw(st.sampled_from(_headed(d)))
    assert t.header is not None
    new = attrs.evolve(t, header=attrs.evolve(t.header, year=d.year - 1))
    return _with_table(root, d, t, new), Mutation("H-2", f"{t.title} 表头年度改为上年", _loc(d, t))


_REQUIRED = (K.SUMMARY, K.REVENUE, K.EXPENDITURE, K.FISCAL_SUMMARY, K.GENERAL_BUDGET,
             K.BASIC_EXPENDITURE, K.THREE_PUBLIC, K.GOV_FUND)


@mutator("M-1", lambda root, d: any(d.table(k) is not None for k in _REQUIRED))
def _m1(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    kind = draw(st.sampled_from([k for k in _REQUIRED if d.table(k) is not None]))
    # every table of the kind goes: a department may print one by 部门 and one by 政府 经济分类
    kept = tuple(t for t in d.tables if t.kind is not kind)
    return _replace(root, d, attrs.evolve(d, tables=kept)), Mutation(
        "M-1", f"删去{kind.value}", _loc(d, kind.value))


@mutator("M-2", _has(K.GOV_FUND, lambda t: bool(t.title)))
def _m2(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.GOV_FUND)
    assert t is not None and t.title is not None
    title = t.title.replace("政府性基金", "政府基金")
    return _with_table(root, d, t, attrs.evolve(t, title=title)), Mutation(
        "M-2", "表名“政府性基金”写作“政府基金”", _loc(d, title))


@mutator("M-3", lambda root, d: any(t.is_empty() and t.note for t in d.tables if t.kind is not K.OTHER))
def _m3(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = draw(st.sampled_from([t for t in d.tables if t.kind is not K.OTHER and t.is_empty() and t.note]))
    return _with_table(root, d, t, attrs.evolve(t, note=None)), Mutation(
        "M-3", f"{t.title} 空表说明删去", _loc(d, t))


@mutator("U-1", lambda root, d: True)
def _u1(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    new = attrs.evolve(d, unparsed=(*d.unparsed, Unparsed("表：（无法识别的表格）", "unrecognised table")))
    return _replace(root, d, new), Mutation("U-1", "载入时有未归位的内容", Location(d.label))


@mutator("U-2", lambda root, d: any(t.kind is not K.OTHER for t in d.tables))
def _u2(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = draw(st.sampled_from([t for t in d.tables if t.kind is not K.OTHER]))
    broken = attrs.evolve(t, unreadable="栏次错位：金额读入了相邻的栏")
    return _with_table(root, d, t, broken), Mutation(
        "U-2", f"{t.title or t.name} 未能可靠读取", _loc(d, t))


# ---- catalogue C, T2-5, T3-4 -----------------------------------------------------------
def _leaf_rows(t: BudgetTable) -> list[Row]:
    return [r for r in t.code_rows() if len(r.code or "") == 7]


@mutator("C-3", _has(K.EXPENDITURE, lambda t: bool(_leaf_rows(t))))
def _c3(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.EXPENDITURE)
    assert t is not None
    row = draw(st.sampled_from(_leaf_rows(t)))
    new = attrs.evolve(row, name=row.name + draw(st.sampled_from(("专项", "补助", "经费"))) + "事务")
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "C-3", f"{row.label} 名称改为“{new.name}”", _loc(d, t, new))


def _free_code(d: Disclosure, row: Row) -> str | None:
    from govbudget.codes import catalogue

    cat = catalogue("functional", d.year)
    base = (row.code or "")[:5]
    return next((base + f"{n:02d}" for n in range(98, 40, -1) if cat.get(base + f"{n:02d}") is None),
                None)


@mutator("C-2", _has(K.EXPENDITURE, lambda t: bool(_leaf_rows(t))))
def _c2(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.EXPENDITURE)
    assert t is not None
    row = draw(st.sampled_from(_leaf_rows(t)))
    code = _free_code(d, row) or (row.code or "")[:5] + "98"
    new = attrs.evolve(row, code=code, name="其他专项事务支出")
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "C-2", f"{row.label} 编码改为不存在的 {code}", _loc(d, t, new))


def _kuan_rows(t: BudgetTable) -> list[Row]:
    return [r for r in t.code_rows() if len(r.code or "") == 5]


@mutator("T2-5", _has(K.REVENUE, lambda t: bool(_kuan_rows(t))))
def _t25(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.REVENUE)
    assert t is not None
    row = draw(st.sampled_from(_kuan_rows(t)))
    child = next(r for r in t.code_rows() if (r.code or "").startswith(row.code or "") and r is not row)
    return _with_table(root, d, t, _with_row(t, row, None)), Mutation(
        "T2-5", f"删去款级行 {row.label}", _loc(d, t, child))


@mutator("C-4", _has(K.EXPENDITURE, lambda t: bool(_kuan_rows(t))))
def _c4(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.EXPENDITURE)
    assert t is not None
    row = draw(st.sampled_from(_kuan_rows(t)))
    rows = tuple(r for r in t.rows if not (r.code and len(r.code) == 7 and r.code.startswith(row.code or "")))
    return _with_table(root, d, t, attrs.evolve(t, rows=rows)), Mutation(
        "C-4", f"删去 {row.label} 下的项级行（只列到款级）", _loc(d, t, row))


@mutator("C-5", _has(K.GENERAL_BUDGET, lambda t: bool(_leaf_rows(t))))
def _c5(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.GENERAL_BUDGET)
    assert t is not None
    row = draw(st.sampled_from(_leaf_rows(t)))
    new = attrs.evolve(row, code="30201", name="办公费")
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "C-5", f"{row.label} 换成经济分类 30201 办公费", _loc(d, t, new))


def _named_rows(t: BudgetTable, name: str, col: str) -> list[Row]:
    return [r for r in _leaf_rows(t) if r.name == name and r.cell(col).as_zero() > 0]


def _c1_rows(t: BudgetTable) -> list[Row]:
    return _named_rows(t, "行政运行", "basic") + _named_rows(t, "一般行政管理事务", "project")


@mutator("C-1", _has(K.EXPENDITURE, lambda t: bool(_c1_rows(t))))
def _c1(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.EXPENDITURE)
    assert t is not None
    row = draw(st.sampled_from(_c1_rows(t)))
    src, dst = ("basic", "project") if row.name == "行政运行" else ("project", "basic")
    part = Decimal(draw(st.integers(1, int(row.cell(src).as_zero() * 100)))) / 100
    new = _bump(_bump(row, -part, src), part, dst)
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "C-1", f"{row.label} {part} 从{_col(t, src)}移到{_col(t, dst)}", _loc(d, t, row))


def _t34_rows(t: BudgetTable) -> list[Row]:
    from govbudget.strategies._budget import BASIC_ONLY

    return [r for r in _leaf_rows(t) if r.code in BASIC_ONLY and r.cell("basic").as_zero() > 0]


@mutator("T3-4", _has(K.EXPENDITURE, lambda t: bool(_t34_rows(t))))
def _t34(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.EXPENDITURE)
    assert t is not None
    row = draw(st.sampled_from(_t34_rows(t)))
    v = row.cell("basic").as_zero()
    new = _bump(_bump(row, -v, "basic"), v, "project")
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "T3-4", f"{row.label} 基本支出改列项目支出", _loc(d, t, row))


def _c6_rows(t: BudgetTable) -> list[Row]:
    return [r for r in t.code_rows() if (r.code or "").endswith("99") and r.name.startswith("其他")]


@mutator("C-6", _has(K.EXPENDITURE, lambda t: bool(_c6_rows(t))))
def _c6(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.EXPENDITURE)
    assert t is not None
    row = draw(st.sampled_from(_c6_rows(t)))
    new = attrs.evolve(row, name=row.name.removeprefix("其他"))
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "C-6", f"{row.label} 兜底科目名称去掉“其他”", _loc(d, t, new))
