"""Single-defect mutations of valid disclosures, each naming the rule that must catch it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from govbudget.money import BLANK, Cell
from govbudget.narrative.model import Narrative, Section, SectionKind
from govbudget.rules.core import Finding, Location
from govbudget.tables.disclosure import Disclosure, Scope, UnitKind, Unparsed
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row

__all__ = ["MUTATORS", "Mutation", "mutations"]

K = TableKind


@attrs.frozen(slots=True)
class Mutation:
    """One defect put into a valid disclosure (注入的缺陷): the rule that must catch it, where.

    ``location`` has the fields a finding of ``rule`` must show; ``None`` fields match anything.
    """

    rule: str
    description: str
    location: Location

    def matches(self, finding: Finding) -> bool:
        """True when ``finding`` is by ``rule`` and at ``location``."""
        if finding.rule != self.rule:
            return False
        for name in ("disclosure", "table", "row", "column"):
            want = getattr(self.location, name)
            got = getattr(finding.location, name)
            if want is not None and (got is None or not (got == want or got.startswith(want + "（"))):
                return False
        return True


Result = tuple[Disclosure, Mutation]
Apply = Callable[[st.DrawFn, Disclosure, Disclosure], Result]
Applies = Callable[[Disclosure, Disclosure], bool]


@attrs.frozen(slots=True)
class Mutator:
    rule: str
    applies: Applies
    apply: Apply
    department_only: bool = False


# ---- editing helpers ------------------------------------------------------------------

def _replace(root: Disclosure, old: Disclosure, new: Disclosure) -> Disclosure:
    if root is old:
        return new
    if not root.units:
        return root
    return attrs.evolve(root, units=tuple(_replace(u, old, new) for u in root.units))


def _with_table(root: Disclosure, target: Disclosure, old: BudgetTable,
                new: BudgetTable | None) -> Disclosure:
    maybe = tuple(t if t is not old else new for t in target.tables)
    tables: tuple[BudgetTable, ...] = tuple(t for t in maybe if t is not None)
    return _replace(root, target, attrs.evolve(target, tables=tables))


def _with_row(t: BudgetTable, old: Row, new: Row | None) -> BudgetTable:
    rows = tuple(new if r is old else r for r in t.rows)
    return attrs.evolve(t, rows=tuple(r for r in rows if r is not None))


def _plus(cell: Cell, delta: Decimal) -> Cell:
    return Cell.amount((cell.as_zero() + delta).quantize(Decimal("0.01")))


def _bump(row: Row, delta: Decimal, *cols: str) -> Row:
    cells = dict(row.cells)
    for c in cols:
        cells[c] = _plus(row.cell(c), delta)
    return attrs.evolve(row, cells=cells)


def _delta(draw: st.DrawFn) -> Decimal:
    """1.00 … 999.99: beyond any rounding tolerance of a table."""
    return Decimal(draw(st.integers(100, 99_999))) / 100


def _col(t: BudgetTable, key: str) -> str:
    c = t.column(key)
    return c.name if c is not None else key


def _loc(d: Disclosure, t: BudgetTable | str | None, row: Row | str | None = None,
         col: str | None = None) -> Location:
    table = t if isinstance(t, str) or t is None else (t.title or t.name)
    col_name = _col(t, col) if isinstance(t, BudgetTable) and col is not None else col
    return Location(d.label, table, row.label if isinstance(row, Row) else row, col_name)


def _line(t: BudgetTable, key: str, side: str | None = None) -> Row:
    r = t.line(key, side)
    assert r is not None, key
    return r


def _t(d: Disclosure, kind: TableKind) -> BudgetTable | None:
    return d.table(kind)


def _has(kind: TableKind, pred: Callable[[BudgetTable], bool] = lambda t: True) -> Applies:
    def applies(root: Disclosure, d: Disclosure) -> bool:
        t = d.table(kind)
        return t is not None and pred(t)
    return applies


def _rows(t: BudgetTable, pred: Callable[[Row], bool]) -> list[Row]:
    return [r for r in t.rows if pred(r)]


MUTATORS: list[Mutator] = []


def mutator(rule: str, applies: Applies, *, department_only: bool = False
            ) -> Callable[[Apply], Apply]:
    def register(fn: Apply) -> Apply:
        MUTATORS.append(Mutator(rule, applies, fn, department_only))
        return fn
    return register


def _line_bump(rule: str, kind: TableKind, line: str, side: str | None, cols: tuple[str, ...],
               report_col: str | None, what: str, report_kind: TableKind | None = None,
               report_line: str | None = None, report_side: str | None = None) -> None:
    """Register: add δ to ``cols`` of a named line; the finding is at that line (or elsewhere)."""
    def apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
        t = _line_table = d.table(kind)
        assert t is not None
        row = _line(t, line, side)
        delta = _delta(draw)
        new_t = _with_row(t, row, _bump(row, delta, *cols))
        mutated = _with_table(root, d, t, new_t)
        rt = d.table(report_kind) if report_kind is not None else _line_table
        assert rt is not None
        rrow: Row | str = _line(rt, report_line or line, report_side if report_kind else side)
        return mutated, Mutation(rule, f"{what} +{delta}", _loc(d, rt, rrow, report_col))
    MUTATORS.append(Mutator(rule, _has(kind, lambda t: t.line(line, side) is not None), apply))


# ---- 收支总表 T1 ------------------------------------------------------------------------
_line_bump("T1-1", K.SUMMARY, "subtotal", "income", ("income",), "income", "本年收入合计改动")
_line_bump("T1-2", K.SUMMARY, "subtotal", "expenditure", ("expenditure",), "expenditure",
           "本年支出合计改动")
_line_bump("T1-3", K.SUMMARY, "total", "income", ("income",), "income", "收入总计改动")
_line_bump("T1-4", K.SUMMARY, "total", "expenditure", ("expenditure",), "expenditure", "支出总计改动")
_line_bump("X-2", K.SUMMARY, "business", "income", ("income",), "business", "收支总表事业收入改动",
           K.REVENUE, "total", None)
_line_bump("X-3", K.SUMMARY, "carryover", "income", ("income",), "carryover", "收支总表上年结转改动",
           K.REVENUE, "total", None)
_line_bump("X-4", K.SUMMARY, "total", "income", ("income",), "total", "收支总表收入总计改动",
           K.REVENUE, "total", None)
_line_bump("X-5", K.SUMMARY, "subtotal", "expenditure", ("expenditure",), "total",
           "收支总表本年支出合计改动", K.EXPENDITURE, "total", None)


def _amount_rows(t: BudgetTable, col: str, side: str | None = None, length: int | None = None
                 ) -> list[Row]:
    return [r for r in t.code_rows(side) if r.cell(col).as_zero() > 0
            and (length is None or len(r.code or "") == length)]


def _code_bump(rule: str, kind: TableKind, pick_col: str, cols: tuple[str, ...],
               report: str | None, what: str, *, side: str | None = None, length: int | None = None,
               at_parent: bool = False, at_line: tuple[str, str | None] | None = None, also: Callable[[BudgetTable, Row, Decimal], BudgetTable]
               | None = None) -> None:
    """Register: add δ to ``cols`` of a code row; the finding is at the row or its parent."""
    def applies(root: Disclosure, d: Disclosure) -> bool:
        t = d.table(kind)
        return t is not None and bool(_amount_rows(t, pick_col, side, length))

    def apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
        t = d.table(kind)
        assert t is not None
        row = draw(st.sampled_from(_amount_rows(t, pick_col, side, length)))
        delta = _delta(draw)
        new_t = _with_row(t, row, _bump(row, delta, *cols))
        if also is not None:
            new_t = also(new_t, row, delta)
        where: Row | None = row
        if at_parent:
            where = t.row((row.code or "")[:-2], side)
        if at_line is not None:
            where = t.line(*at_line)
        return _with_table(root, d, t, new_t), Mutation(
            rule, f"{t.title} {row.label} {'/'.join(cols)} +{delta}", _loc(d, t, where, report))
    MUTATORS.append(Mutator(rule, applies, apply))


def _also_lines(*lines: tuple[str, str | None, str]) -> Callable[[BudgetTable, Row, Decimal], BudgetTable]:
    def fn(t: BudgetTable, row: Row, delta: Decimal) -> BudgetTable:
        for key, side, col in lines:
            r = _line(t, key, side)
            t = _with_row(t, r, _bump(r, delta, col))
        return t
    return fn


_code_bump("T1-5", K.SUMMARY, "expenditure", ("expenditure",), "expenditure", "收支总表类级支出与合计同增",
           side="expenditure", also=_also_lines(("subtotal", "expenditure", "expenditure"),
                                                ("total", "expenditure", "expenditure")),
           at_line=("total", "expenditure"))
_code_bump("X-6", K.SUMMARY, "expenditure", ("expenditure",), "expenditure", "收支总表类级支出改动",
           side="expenditure")
# ---- 收入总表 T2 ------------------------------------------------------------------------
_code_bump("T2-1", K.REVENUE, "total", ("total",), "total", "合计改动")
_code_bump("T2-2", K.REVENUE, "total", ("fiscal",), "current", "财政拨款收入改动")
_code_bump("T2-3", K.REVENUE, "total", ("total", "current", "fiscal"), None, "项级整行改动",
           length=7, at_parent=True)
_code_bump("X-7", K.REVENUE, "total", ("total", "current", "fiscal"), "total", "收入总表项级整行改动",
           length=7)
_line_bump("T2-4", K.REVENUE, "total", None, ("total", "current", "fiscal"), None, "收入总表合计行整行改动")
_line_bump("X-1", K.REVENUE, "total", None, ("fiscal",), "fiscal", "收入总表合计财政拨款收入改动")
# ---- 支出总表 T3, 一般公共预算 T5, 基金 T7 -------------------------------------------------
_code_bump("T3-1", K.EXPENDITURE, "total", ("basic",), "total", "基本支出改动")
_code_bump("T3-2", K.EXPENDITURE, "basic", ("total", "basic"), None, "项级整行改动", length=7,
           at_parent=True)
_code_bump("T5-1", K.GENERAL_BUDGET, "total", ("basic",), "total", "基本支出改动")
_code_bump("T5-2", K.GENERAL_BUDGET, "basic", ("total", "basic"), None, "项级整行改动", length=7,
           at_parent=True)
_code_bump("X-11", K.GENERAL_BUDGET, "basic", ("total", "basic"), "total", "一般公共预算项级整行改动",
           length=7)
_code_bump("T7-2", K.GOV_FUND, "total", ("project",), "total", "项目支出改动")
_code_bump("T7-3", K.GOV_FUND, "project", ("total", "project"), None, "项级整行改动", length=7,
           at_parent=True)
_line_bump("X-13", K.EXPENDITURE, "total", None, ("basic",), "basic", "支出总表合计基本支出改动")
MUTATORS[-1] = attrs.evolve(MUTATORS[-1], applies=lambda root, d: _has(K.EXPENDITURE)(root, d) and
                            all(r.cell("income").as_zero() == 0 for r in (d.table(K.SUMMARY) or
                                _empty()).rows if r.line == "gov_fund"))


def _empty() -> BudgetTable:
    return BudgetTable(columns=(), rows=())


# ---- 财政拨款收支总表 T4 ------------------------------------------------------------------
_line_bump("T4-1", K.FISCAL_SUMMARY, "subtotal", "income", ("income",), "income", "本年收入合计改动")
_line_bump("T4-2", K.FISCAL_SUMMARY, "carryover", "income", ("income",), "income", "年初结转改动")
_line_bump("T4-3", K.FISCAL_SUMMARY, "total", "income", ("income",), "income", "收入总计改动")
_code_bump("T4-4", K.FISCAL_SUMMARY, "total", ("general",), "total", "一般公共预算栏改动",
           side="expenditure")
_line_bump("T4-5", K.FISCAL_SUMMARY, "subtotal", "expenditure", ("total", "general"), None,
           "本年支出合计改动")
_code_bump("X-9", K.FISCAL_SUMMARY, "total", ("total", "general"), "total", "类级支出改动",
           side="expenditure")
_code_bump("X-10", K.FISCAL_SUMMARY, "general", ("total", "general"), "general", "类级一般公共预算改动",
           side="expenditure")


@mutator("T4-6", _has(K.FISCAL_SUMMARY))
def _t46(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.FISCAL_SUMMARY)
    assert t is not None
    delta = _delta(draw)
    for key in ("general_budget", "subtotal", "total"):
        r = _line(t, key, "income")
        t = _with_row(t, r, _bump(r, delta, "income"))
    old = d.table(K.FISCAL_SUMMARY)
    assert old is not None
    return _with_table(root, d, old, t), Mutation(
        "T4-6", f"一般公共预算拨款收入（及收入合计、总计）+{delta}，支出未变",
        _loc(d, t, _line(t, "subtotal", "expenditure"), "general"))


@mutator("X-8", _has(K.FISCAL_SUMMARY))
def _x8(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = old = d.table(K.FISCAL_SUMMARY)
    assert t is not None and old is not None
    delta = _delta(draw)
    for key in ("carryover", "carryover_general", "total"):
        r = _line(t, key, "income")
        t = _with_row(t, r, _bump(r, delta, "income"))
    return _with_table(root, d, old, t), Mutation(
        "X-8", f"年初财政拨款结转 +{delta}，收支总表上年结转未变",
        _loc(d, t, _line(t, "carryover", "income"), "income"))


# ---- 基本支出表 T6, P-1, P-2, X-12, X-14 ----------------------------------------------------
def _nature_col(r: Row) -> str:
    return "personnel" if r.cell("personnel").is_amount else "public"


@mutator("T6-1", _has(K.BASIC_EXPENDITURE, lambda t: bool(_amount_rows(t, "total"))))
def _t61(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.BASIC_EXPENDITURE)
    assert t is not None
    row = draw(st.sampled_from(_amount_rows(t, "total")))
    delta = _delta(draw)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, delta, _nature_col(row)))), Mutation(
        "T6-1", f"{row.label} 人员/公用经费 +{delta}", _loc(d, t, row, "total"))


@mutator("T6-2", _has(K.BASIC_EXPENDITURE, lambda t: bool(_amount_rows(t, "total", length=5))))
def _t62(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.BASIC_EXPENDITURE)
    assert t is not None
    row = draw(st.sampled_from(_amount_rows(t, "total", length=5)))
    delta = _delta(draw)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, delta, "total", _nature_col(row)))), \
        Mutation("T6-2", f"{row.label} 整行 +{delta}", _loc(d, t, t.row((row.code or "")[:3])))


_line_bump("T6-3", K.BASIC_EXPENDITURE, "total", None, ("total", "personnel"), None, "合计行整行改动")
_line_bump("P-2", K.BASIC_EXPENDITURE, "total", None, ("total", "personnel"), "personnel",
           "合计行人员经费改动")
_line_bump("X-12", K.BASIC_EXPENDITURE, "total", None, ("total",), "total", "基本支出表合计改动")
MUTATORS[-1] = attrs.evolve(MUTATORS[-1], applies=lambda root, d: d.table(K.GENERAL_BUDGET) is not None
                            and d.table(K.BASIC_EXPENDITURE) is not None)


def _p1_rows(t: BudgetTable) -> list[Row]:
    return [r for r in t.code_rows() if len(r.code or "") == 5 and r.cell("personnel").as_zero() > 0]


@mutator("P-1", _has(K.BASIC_EXPENDITURE, lambda t: bool(_p1_rows(t))))
def _p1(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.BASIC_EXPENDITURE)
    assert t is not None
    row = draw(st.sampled_from(_p1_rows(t)))
    new = attrs.evolve(row, cells={**row.cells, "personnel": BLANK, "public": row.cell("personnel")})
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "P-1", f"{row.label} 人员经费移到公用经费栏", _loc(d, t, row, "public"))


_PAIRS = {"2080505": "30108", "2080506": "30109", "2101103": "30111", "2210201": "30113"}


def _x14_rows(d: Disclosure) -> list[tuple[Row, Row]]:
    g, b = d.table(K.GENERAL_BUDGET), d.table(K.BASIC_EXPENDITURE)
    if g is None or b is None:
        return []
    out = []
    for f, e in _PAIRS.items():
        gr, br = g.row(f), b.row(e)
        if gr is not None and br is not None and gr.cell("basic").is_amount:
            out.append((gr, br))
    return out


@mutator("X-14", lambda root, d: bool(_x14_rows(d)))
def _x14(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    gr, br = draw(st.sampled_from(_x14_rows(d)))
    b, g = d.table(K.BASIC_EXPENDITURE), d.table(K.GENERAL_BUDGET)
    assert b is not None and g is not None
    delta = _delta(draw)
    return _with_table(root, d, b, _with_row(b, br, _bump(br, delta, "total", "personnel"))), Mutation(
        "X-14", f"{br.label} +{delta}，功能科目 {gr.label} 未变", _loc(d, g, gr, "basic"))


# ---- 政府性基金 T7-1 -------------------------------------------------------------------
@mutator("T7-1", _has(K.GOV_FUND))
def _t71(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.GOV_FUND)
    assert t is not None
    if t.is_empty():
        delta = _delta(draw)
        new = attrs.evolve(t, rows=(Row("合计", line="total", cells={
            "total": Cell.amount(delta), "basic": BLANK, "project": Cell.amount(delta)}),), note=None)
        what = f"空表填入合计 {delta}"
    else:
        new = attrs.evolve(t, rows=(), note="注：无政府性基金预算财政拨款预算，空表列示。")
        what = "删去全部行（空表），财政拨款收支总表仍有基金支出"
    return _with_table(root, d, t, new), Mutation("T7-1", what, _loc(d, t, "合计"))


# ---- 三公 S, Y, A-1 ----------------------------------------------------------------------
_line_bump("S-2", K.THREE_PUBLIC, "total", None, ("total", "general"), None, "“三公”合计改动")
_line_bump("S-3", K.THREE_PUBLIC, "vehicle", None, ("total", "general"), None, "公务用车购置及运行维护费改动")


@mutator("S-1", _has(K.THREE_PUBLIC))
def _s1(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.THREE_PUBLIC)
    assert t is not None
    row = draw(st.sampled_from([r for r in t.rows if r.line]))
    delta = _delta(draw)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, delta, "general"))), Mutation(
        "S-1", f"{row.label} 一般公共预算栏 +{delta}", _loc(d, t, row, "total"))


def _meetings(t: BudgetTable) -> Decimal:
    return sum((_line(t, k).cell("total").as_zero() for k in ("meeting", "training")), Decimal(0))


@mutator("S-4", _has(K.THREE_PUBLIC, lambda t: _meetings(t) > 0))
def _s4(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.THREE_PUBLIC)
    assert t is not None
    row = _line(t, "total")
    extra = _meetings(t)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, extra, "total", "general"))), Mutation(
        "S-4", f"“三公”合计计入会议费、培训费 {extra}", _loc(d, t, row))


_SX1 = {"overseas": "30212", "vehicle_operation": "30231", "reception": "30217"}


def _sx1_items(d: Disclosure) -> list[str]:
    b = d.table(K.BASIC_EXPENDITURE)
    if b is None or d.table(K.THREE_PUBLIC) is None:
        return []
    return [item for item, code in _SX1.items()
            if (r := b.row(code)) is not None and r.cell("total").as_zero() > 0]


@mutator("S-X1", lambda root, d: bool(_sx1_items(d)))
def _sx1(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.THREE_PUBLIC)
    assert t is not None
    item = draw(st.sampled_from(_sx1_items(d)))
    dest = draw(st.sampled_from([k for k in _SX1 if k != item]))
    src, dst = _line(t, item), _line(t, dest)
    v = src.cell("total").as_zero()
    zero = Cell.amount(Decimal("0.00"))
    new = _with_row(t, src, attrs.evolve(src, cells={**src.cells, "total": zero, "general": zero}))
    new = _with_row(new, dst, _bump(dst, v, "total", "general"))
    return _with_table(root, d, t, new), Mutation(
        "S-X1", f"“三公”{src.name} {v} 移到 {dst.name}", _loc(d, t, src, "general"))


@mutator("S-X2", lambda root, d: d.table(K.THREE_PUBLIC) is not None
         and d.table(K.GENERAL_BUDGET) is not None)
def _sx2(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t, g = d.table(K.THREE_PUBLIC), d.table(K.GENERAL_BUDGET)
    assert t is not None and g is not None
    row = _line(t, "total")
    gt = g.line("total")
    over = (gt.cell("total").as_zero() if gt is not None else Decimal(0)) + _delta(draw)
    new = attrs.evolve(row, cells={**row.cells, "total": Cell.amount(over), "general": Cell.amount(over)})
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "S-X2", f"“三公”合计改为 {over}，超过一般公共预算支出表合计", _loc(d, t, row, "general"))


@mutator("Y-1", _has(K.THREE_PUBLIC_YOY))
def _y1(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.THREE_PUBLIC_YOY)
    assert t is not None
    row = draw(st.sampled_from([r for r in t.rows if r.line]))
    delta = _delta(draw)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, delta, "change"))), Mutation(
        "Y-1", f"{row.label} 增减金额 +{delta}", _loc(d, t, row, "change"))


_line_bump("Y-2", K.THREE_PUBLIC_YOY, "total", None, ("prior",), "prior", "合计上年预算改动")
MUTATORS[-1] = attrs.evolve(MUTATORS[-1], apply=lambda draw, root, d: _y2(draw, root, d))


def _y2(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.THREE_PUBLIC_YOY)
    assert t is not None
    row = _line(t, "total")
    delta = _delta(draw)
    new = _bump(_bump(row, delta, "prior"), -delta, "change")
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "Y-2", f"合计上年预算 +{delta}、增减 −{delta}", _loc(d, t, row, "prior"))


@mutator("Y-3", _has(K.THREE_PUBLIC_YOY))
def _y3(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.THREE_PUBLIC_YOY)
    assert t is not None
    row = draw(st.sampled_from([r for r in t.rows if r.line and r.line != "total"]))
    delta = _delta(draw)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, delta, "current", "change"))), Mutation(
        "Y-3", f"{row.label} 本年预算 +{delta}", _loc(d, t, row, "current"))


def _a1(root: Disclosure, d: Disclosure) -> bool:
    a, b = d.table(K.FIXED_ASSETS), d.table(K.BASIC_EXPENDITURE)
    r = b.row("30231") if b is not None else None
    return a is not None and a.line("vehicles") is not None and r is not None \
        and r.cell("total").as_zero() > 0


@mutator("A-1", _a1)
def _a1_apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.FIXED_ASSETS)
    assert t is not None
    row = _line(t, "vehicles")
    new = attrs.evolve(row, cells={**row.cells, "quantity": Cell.amount(0)})
    return _with_table(root, d, t, _with_row(t, row, new)), Mutation(
        "A-1", "车辆数改为 0，仍有公务用车运行维护费", _loc(d, t, row, "quantity"))


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
    t = d.table(kind)
    assert t is not None
    return _with_table(root, d, t, None), Mutation("M-1", f"删去{kind.value}", _loc(d, kind.value))


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


# ---- narrative ---------------------------------------------------------------------------
_AMOUNT = re.compile(r"(?P<label>[\u4e00-\u9fa5“”（）]+?)(?P<value>\d+\.\d{2})万元")


def _text_mutator(rule: str, kind: SectionKind, label: str) -> None:
    """Register: alter the amount stated for ``label`` in a section of ``kind``."""
    def find(d: Disclosure) -> tuple[Section, re.Match[str]] | None:
        if d.narrative is None:
            return None
        for s in d.narrative.of(kind):
            for m in _AMOUNT.finditer(s.text):
                if m.group("label").endswith(label) and Decimal(m.group("value")) > 0:
                    return s, m
        return None

    def apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
        found = find(d)
        assert found is not None and d.narrative is not None
        s, m = found
        delta = _delta(draw)
        value = Decimal(m.group("value")) + delta
        text = s.text[:m.start("value")] + f"{value}" + s.text[m.end("value"):]
        narrative = Narrative(tuple(attrs.evolve(x, text=text) if x is s else x
                                    for x in d.narrative.sections))
        return _replace(root, d, attrs.evolve(d, narrative=narrative)), Mutation(
            rule, f"情况说明“{m.group('label')}”改为 {value}万元", Location(d.label, "情况说明"))

    MUTATORS.append(Mutator(rule, lambda root, d: find(d) is not None and (
        rule != "J-1" or d.unit_kind in (UnitKind.ADMINISTRATIVE, UnitKind.CIVIL_SERVICE_MANAGED)), apply))


_text_mutator("N-1", SectionKind.REVENUE, "收入预算总额为")
_text_mutator("N-2", SectionKind.REVENUE, "一般公共预算拨款收入")
_text_mutator("N-3", SectionKind.EXPENDITURE, "项目支出")
_text_mutator("N-4", SectionKind.EXPENDITURE, "人员经费")
_text_mutator("N-R3", SectionKind.EXPENDITURE, "支出预算总额")
_text_mutator("J-1", SectionKind.RUNNING_COSTS, "机关运行经费安排")
_text_mutator("N-9", SectionKind.THREE_PUBLIC, "公务接待费")
_text_mutator("N-10", SectionKind.PROCUREMENT, "政府采购预算")
_text_mutator("N-11", SectionKind.ASSETS, "固定资产总额")


def _edit_text(rule: str, kind: SectionKind | None, old: str, new: Callable[[Disclosure], str],
               what: str, scope: Scope | None = None) -> None:
    def find(d: Disclosure) -> Section | None:
        if d.narrative is None or (scope is not None and d.scope is not scope):
            return None
        return next((s for s in d.narrative if (kind is None or s.kind is kind) and old in s.text),
                    None)

    def apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
        s = find(d)
        assert s is not None and d.narrative is not None
        narrative = Narrative(tuple(attrs.evolve(x, text=x.text.replace(old, new(d), 1)) if x is s
                                    else x for x in d.narrative.sections))
        return _replace(root, d, attrs.evolve(d, narrative=narrative)), Mutation(
            rule, what, Location(d.label, "情况说明"))

    MUTATORS.append(Mutator(rule, lambda root, d: find(d) is not None, apply))


_edit_text("Y-4", SectionKind.THREE_PUBLIC, "与上年持平。", lambda d: "较上年减少0万元，与上年一致。",
           "“三公”变化写作“减少0万元”")
_edit_text("N-16", SectionKind.RUNNING_COSTS, "本单位", lambda d: "我部门", "单位说明自称“我部门”",
           Scope.UNIT)
_edit_text("N-15", SectionKind.EXPENDITURE, "支出预算总额", lambda d: "支出预算总额",
           "支出说明年度改为下一年")
MUTATORS[-1] = attrs.evolve(MUTATORS[-1], apply=lambda draw, root, d: _n15(draw, root, d))


def _n15(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    assert d.narrative is not None
    s = next(x for x in d.narrative if x.kind is SectionKind.EXPENDITURE)
    text = s.text.replace(f"{d.year}年", f"{d.year + 1}年", 1)
    narrative = Narrative(tuple(attrs.evolve(x, text=text) if x is s else x for x in d.narrative))
    return _replace(root, d, attrs.evolve(d, narrative=narrative)), Mutation(
        "N-15", f"支出说明的年度改为 {d.year + 1}", Location(d.label, "情况说明"))


@mutator("N-18", lambda root, d: d.narrative is not None)
def _n18(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    assert d.narrative is not None
    narrative = Narrative((*d.narrative.sections, Section(SectionKind.OTHER, "七、其他需要说明的事项", "")))
    return _replace(root, d, attrs.evolve(d, narrative=narrative)), Mutation(
        "N-18", "空的说明章节", Location(d.label, "情况说明"))


# ---- the strategy ------------------------------------------------------------------------

def rules_with_mutations() -> frozenset[str]:
    """The rule ids some mutation is meant for."""
    return frozenset(m.rule for m in MUTATORS)


def mutations(disclosure: Disclosure, *, rules: Iterable[str] | None = None
              ) -> st.SearchStrategy[tuple[Disclosure, Mutation]]:
    """One single-defect change of ``disclosure`` and the ``Mutation`` saying which rule must catch it.

    The defect is put in the department or in one of its units. ``rules`` restricts the
    mutations to those meant for these rule ids; ``InvalidArgument`` when none applies.
    """
    if not isinstance(disclosure, Disclosure):
        raise InvalidArgument(f"disclosure={disclosure!r} is not a Disclosure")
    wanted = None if rules is None else set(rules)
    if wanted is not None:
        unknown = wanted - rules_with_mutations()
        if unknown:
            raise InvalidArgument(f"no mutation is meant for rules {sorted(unknown)}")
    targets = list(disclosure.walk())
    options = [(m, d) for m in MUTATORS for d in targets
               if (wanted is None or m.rule in wanted)
               and (not m.department_only or d is disclosure) and m.applies(disclosure, d)]
    if not options:
        raise InvalidArgument(f"no mutation for {sorted(wanted or ())} applies to {disclosure.label}")

    @st.composite
    def one(draw: st.DrawFn) -> tuple[Disclosure, Mutation]:
        m, d = draw(st.sampled_from(options))
        return m.apply(draw, disclosure, d)

    return one()


@mutator("T1-6", _has(K.SUMMARY, lambda t: t.line("unclassified", "expenditure") is not None))
def _t16(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    t = d.table(K.SUMMARY)
    assert t is not None
    row = _line(t, "unclassified", "expenditure")
    delta = _delta(draw)
    return _with_table(root, d, t, _with_row(t, row, _bump(row, delta, "expenditure"))), Mutation(
        "T1-6", f"人行科目列有金额 {delta}", _loc(d, t, row, "expenditure"))
