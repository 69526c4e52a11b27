"""The pair rules XD-1 … XD-5 (跨文件校验规则): what a budget and a final account, or two
consecutive years, must agree on (docs/domain.md §11, "Across documents").

>>> from govbudget.rules.across import PAIR_RULES
>>> import govbudget.rules.across_rules
>>> PAIR_RULES["XD-3"].statement
'决算“三公”经费预算数 = 同年部门预算“三公”经费（合计及各项）'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from govbudget.money import Cell, Unit
from govbudget.narrative.final_checks import bind_amount
from govbudget.narrative.final_text import Amount, amounts, compact, sentences
from govbudget.narrative.issues import half
from govbudget.rules.across import PAIR_RULES, PairContext, compare
from govbudget.rules.core import RuleContext, Severity
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row
from govbudget.tables.narrative import SectionKind

__all__: list[str] = []

K = TableKind
_SOURCE = "docs/domain.md §11 (across documents)"
#: each kind of pair (``Pair.kind``) as a report names it
PAIR_KINDS = {"budget-final": "同年的部门预算与部门决算", "budgets": "相邻两年的部门预算",
              "finals": "相邻两年的部门决算"}


def _pair_rule(id: str, severity: Severity, statement: str, kind: str
               ) -> Callable[[Callable[[PairContext], None]], Callable[[PairContext], None]]:
    def decorate(body: Callable[[PairContext], None]) -> Callable[[PairContext], None]:
        def run(ctx: RuleContext) -> None:
            assert isinstance(ctx, PairContext)
            if ctx.pair.kind != kind:
                ctx.skip(f"本规则检查{PAIR_KINDS[kind]}，这两份是{PAIR_KINDS[ctx.pair.kind]}")
                return
            body(ctx)
        PAIR_RULES.rule(id, severity, statement, source=_SOURCE, family="across")(run)
        return body
    return decorate


def _usable(ctx: PairContext, d: Disclosure, kind: TableKind) -> BudgetTable | None:
    """``d``'s table of ``kind`` when it holds figures that were read reliably."""
    t = d.table(kind)
    if t is None:
        ctx.left_out_table(d, kind)
        return None
    return None if t.unreadable or t.is_empty() else t


def _budget_expenditure(ctx: PairContext, budget: Disclosure) -> tuple[BudgetTable, Cell] | None:
    """The budget's 一般公共预算财政拨款支出 total (its 支出表, else the 财政拨款收支总表 column)."""
    t = _usable(ctx, budget, K.GENERAL_BUDGET)
    if t is not None and t.line("total") is not None:
        return t, t.line("total").cell("total")  # type: ignore[union-attr]
    f = _usable(ctx, budget, K.FISCAL_SUMMARY)
    row = f.line("subtotal", "expenditure") if f is not None else None
    if f is not None and row is not None:
        return f, row.cell("general")
    return None


_OPENING = re.compile(r"(?:一般公共预算)?财政拨款支出(?:决算)?年初预算(?:数)?为(\d+(?:\.\d+)?)万元")


@_pair_rule("XD-1", Severity.ERROR, "决算的年初预算数 = 同年部门预算的一般公共预算财政拨款支出（合计）",
            "budget-final")
def xd1_opening_total(ctx: PairContext) -> None:
    final, budget = ctx.disclosure, ctx.other
    got = _budget_expenditure(ctx, budget)
    if got is None:
        ctx.skip("预算没有一般公共预算财政拨款支出表")
        return
    bt, bcell = got
    f5 = _usable(ctx, final, K.FINAL_GENERAL_BUDGET)
    if f5 is not None and f5.column("budget") is not None and f5.line("total") is not None:
        row = f5.line("total")
        compare(ctx, row.cell("budget"), bcell, what="年初预算数应等于部门预算",  # type: ignore[union-attr]
                here=(f5, row, "budget"), there=(bt, bt.line("total")))
        return
    for sec in final.narrative.sections if final.narrative is not None else ():
        m = _OPENING.search(compact(sec.text))
        if sec.kind is SectionKind.GENERAL_BUDGET and m:
            compare(ctx, Cell.amount(Decimal(m.group(1))), bcell,
                    what="情况说明的财政拨款支出年初预算应等于部门预算",
                    here=("情况说明", sec.title, None), there=(bt, bt.line("total")))
            return
    ctx.skip("决算没有列示年初预算数")


_ITEM = re.compile(r"([^。；：:，,\d]+?)（类）([^。；，,]+?)（款）([^。；，,]+?)（项）[^年]{0,40}?"
                   r"年初预算(?:数)?为(\d+(?:\.\d+)?)万元")


@_pair_rule("XD-2", Severity.ERROR, "决算各科目的年初预算数 = 同年部门预算该科目的一般公共预算支出",
            "budget-final")
def xd2_opening_by_code(ctx: PairContext) -> None:
    final, budget = ctx.disclosure, ctx.other
    t5 = _usable(ctx, budget, K.GENERAL_BUDGET)
    if t5 is None:
        ctx.skip("预算没有一般公共预算财政拨款支出表")
        return
    codes = {r.code: r for r in t5.code_rows()}
    f5 = _usable(ctx, final, K.FINAL_GENERAL_BUDGET)
    if f5 is not None and f5.column("budget") is not None:
        for r in f5.code_rows():
            other = codes.get(r.code)
            if other is not None or r.cell("budget").is_amount:
                compare(ctx, r.cell("budget"), other.cell("total") if other else Cell.amount(0),
                        what="年初预算数应等于部门预算", here=(f5, r, "budget"), there=(t5, other))
        return
    names = {(re.sub("支出$", "", r.name), r.code) for r in t5.code_rows()}
    by_name = {}
    for r in t5.code_rows():  # 项 name under its 款 name → code
        parent = codes.get((r.code or "")[:5])
        if len(r.code or "") == 7 and parent is not None:
            by_name[(parent.name, r.name)] = r
    for sec in final.narrative.sections if final.narrative is not None else ():
        if sec.kind is not SectionKind.GENERAL_BUDGET:
            continue
        for m in _ITEM.finditer(compact(sec.text)):
            row = by_name.get((m.group(2), m.group(3)))
            if row is None:
                continue
            compare(ctx, Cell.amount(Decimal(m.group(4))), row.cell("total"),
                    what=f"{m.group(3)}（项）的年初预算应等于部门预算",
                    here=("情况说明", sec.title, None), there=(t5, row))
    del names
    if ctx.checks == 0:
        ctx.skip("决算没有可与预算对照的分科目年初预算数")


_THREE_PUBLIC = ("total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")


@_pair_rule("XD-3", Severity.ERROR, "决算“三公”经费预算数 = 同年部门预算“三公”经费（合计及各项）",
            "budget-final")
def xd3_three_public(ctx: PairContext) -> None:
    f7, t9 = _usable(ctx, ctx.disclosure, K.FINAL_THREE_PUBLIC), _usable(ctx, ctx.other, K.THREE_PUBLIC)
    if f7 is None or t9 is None:
        ctx.skip("缺少“三公”经费决算表或预算表")
        return
    adjusted = "调整" in (f7.note or "")  # 预算数 after adjustment: may differ from the budget
    for key in _THREE_PUBLIC:
        mine, theirs = f7.line(key), t9.line(key)
        if mine is None or theirs is None:
            continue
        compare(ctx, mine.cell("budget"), theirs.cell("total"),
                what="“三公”经费预算数应等于部门预算" + ("（决算表注明为调整后预算数）" if adjusted else ""),
                here=(f7, mine, "budget"), there=(t9, theirs),
                severity=Severity.WARNING if adjusted else None)


def _last_year(ctx: PairContext, stated: Amount, m: re.Match[str], last: Decimal, what: str, *,
               here: tuple[str, str, None], there: tuple[BudgetTable | str, Row | str | None]) -> None:
    """"X 万元 … 增加/减少 D 万元" implies last year's X ∓ D: it must be ``last`` (万元)."""
    d = Decimal(m.group(2))
    implied = stated.value - (d if m.group(1) in ("增加", "增长") else -d)
    ctx.checked()
    if abs(implied - last) > half(d) + half(stated.value):
        ctx.fail_both(f"{stated.label}{stated.value}万元{m.group(1)}{d}万元，即上年 {implied}，"
                      f"{what}为 {last}", here=here, there=there, expected=last, actual=implied)


_LAST_YEAR = re.compile(r"(?:比|较)上年(?:预算)?(?:数)?(增加|减少|增长|下降)(\d+(?:\.\d+)?)万元")


@_pair_rule("XD-4", Severity.ERROR, "预算的“上年预算”数（“三公”上年预算、比上年增减）= 上年部门预算",
            "budgets")
def xd4_last_budget(ctx: PairContext) -> None:
    later, earlier = ctx.disclosure, ctx.other
    t9, e9 = _usable(ctx, later, K.THREE_PUBLIC), _usable(ctx, earlier, K.THREE_PUBLIC)
    if t9 is not None and e9 is not None and t9.column("prior") is not None:
        for key in _THREE_PUBLIC:
            mine, theirs = t9.line(key), e9.line(key)
            if mine is not None and theirs is not None:
                compare(ctx, mine.cell("prior"), theirs.cell("total"),
                        what="“三公”经费上年预算数应等于上年部门预算", here=(t9, mine, "prior"),
                        there=(e9, theirs))
    s_now, s_then = _usable(ctx, later, K.SUMMARY), _usable(ctx, earlier, K.SUMMARY)
    for sec in later.narrative.sections if later.narrative is not None and s_now and s_then else ():
        for _, s in sentences(compact(sec.text)):
            m = _LAST_YEAR.search(s)
            if m is None:
                continue
            before = [a for a in amounts(s[:m.start()]) if a.unit == "万元"]
            if not before or not re.search(r"(收入|支出)(预算)?(总额|总计|合计)?$", before[-1].label):
                continue
            side = "income" if "收入" in before[-1].label else "expenditure"
            then = s_then.line("total", side)  # type: ignore[union-attr]
            last = then.cell(side).value if then is not None else None
            if then is None or last is None:
                continue
            last = s_then.unit.convert(last, Unit.WAN)  # type: ignore[union-attr]
            _last_year(ctx, before[-1], m, last, "上年预算", here=("情况说明", sec.title, None),
                       there=(s_then, then))  # type: ignore[arg-type]
    if ctx.checks == 0:
        ctx.skip("没有可与上年预算对照的数字")


_CHANGE = re.compile(r"(?:比|较|与)\d{4}年度?(?:决算数?)?(?:相比)?[，,]?(?:[^，,。；]{0,12}?)"
                     r"(增加|减少)(\d+(?:\.\d+)?)万元")


@_pair_rule("XD-5", Severity.ERROR, "决算与上年相比的增减 = 与上年决算之差；年初结转和结余 = 上年年末结转和结余",
            "finals")
def xd5_last_final(ctx: PairContext) -> None:
    later, earlier = ctx.disclosure, ctx.other
    f1, e1 = _usable(ctx, later, K.FINAL_SUMMARY), _usable(ctx, earlier, K.FINAL_SUMMARY)
    if f1 is not None and e1 is not None:
        start, end = f1.line("carryover", "income"), e1.line("carryforward", "expenditure")
        if start is not None and end is not None:
            compare(ctx, start.cell("income"), end.cell("expenditure"),
                    what="年初结转和结余应等于上年年末结转和结余", here=(f1, start, "income"),
                    there=(e1, end))
    for sec in later.narrative.sections if later.narrative is not None else ():
        text = compact(sec.text)
        for _, s in sentences(text):
            for m in _CHANGE.finditer(s):
                before = [a for a in amounts(s[:m.start()]) if a.unit == "万元"]
                if not before:
                    continue
                then = bind_amount(earlier, sec, before[-1])
                if then is None or then.value is None:
                    continue
                _last_year(ctx, before[-1], m, then.value, "上年决算",
                           here=("情况说明", sec.title, None), there=("上年决算", before[-1].label))
    if ctx.checks == 0:
        ctx.skip("没有可与上年决算对照的数字")
