"""Single-defect mutations of generated final accounts (部门决算): F*, FX-* and FN-* rules.

Each changes one cell of one final-accounts table, or one phrase of the generated
情况说明, so that the rule it names must find it. They apply to final accounts only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from govbudget.money import Cell
from govbudget.strategies._mutations import (
    Mutation,
    Result,
    _bump,
    _delta,
    _loc,
    _replace,
    _with_row,
    _with_table,
    mutator,
)
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row
from govbudget.tables.narrative import Narrative, Section, SectionKind

__all__: list[str] = []

K = TableKind
Pick = Callable[[BudgetTable], list[tuple[Row, str]]]


def _line(key: str, col: str, side: str | None = None) -> Pick:
    def pick(t: BudgetTable) -> list[tuple[Row, str]]:
        r = t.line(key, side)
        return [(r, col)] if r is not None and t.column(col) is not None else []
    return pick


def _codes(col: str, length: int | None = None, side: str | None = None) -> Pick:
    def pick(t: BudgetTable) -> list[tuple[Row, str]]:
        return [(r, col) for r in t.code_rows(side) if r.cell(col).as_zero() > 0
                and (length is None or len(r.code or "") == length)]
    return pick


def _bumps(rule: str, kind: TableKind, pick: Pick, what: str,
           report: TableKind | None = None) -> None:
    """Register: add δ to a cell ``pick`` chooses in the final table of ``kind`` (the
    finding is in that table, or in the table of ``report``)."""
    def applies(root: Disclosure, d: Disclosure) -> bool:
        t = d.table(kind)
        return d.is_final and t is not None and not t.is_empty() and bool(pick(t))

    @mutator(rule, applies)
    def apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
        t = d.table(kind)
        assert t is not None
        row, col = draw(st.sampled_from(pick(t)))
        delta = _delta(draw)
        mutated = _with_table(root, d, t, _with_row(t, row, _bump(row, delta, col)))
        where = d.table(report) if report is not None else t
        return mutated, Mutation(rule, f"{t.name} {row.label} {col} +{delta} ({what})",
                                 _loc(d, where or t))

    del apply


# ---- table arithmetic -------------------------------------------------------------------
_bumps("F1-1", K.FINAL_SUMMARY, _line("subtotal", "income", "income"), "本年收入合计")
_bumps("F1-2", K.FINAL_SUMMARY, _line("subtotal", "expenditure", "expenditure"), "本年支出合计")
_bumps("F1-3", K.FINAL_SUMMARY, _line("total", "income", "income"), "收入总计")
_bumps("F1-4", K.FINAL_SUMMARY, _line("total", "expenditure", "expenditure"), "支出总计")
_bumps("F1-5", K.FINAL_SUMMARY, _line("total", "income", "income"), "收入总计")
for _p, _k in (("F2", K.FINAL_REVENUE), ("F3", K.FINAL_EXPENDITURE), ("F5", K.FINAL_GENERAL_BUDGET)):
    _bumps(f"{_p}-1", _k, _codes("total"), "一行合计")
    _bumps(f"{_p}-2", _k, _codes("total", 7), "项级科目")
    _bumps(f"{_p}-3", _k, _line("total", "total"), "合计行")
_bumps("F4-1", K.FINAL_FISCAL_SUMMARY, _line("subtotal", "income", "income"), "本年收入合计")
_bumps("F4-2", K.FINAL_FISCAL_SUMMARY, _line("carryover", "income", "income"), "年初结转和结余")
_bumps("F4-3", K.FINAL_FISCAL_SUMMARY, _line("total", "income", "income"), "收入总计")
_bumps("F4-4", K.FINAL_FISCAL_SUMMARY, _codes("general", side="expenditure"), "一般公共预算栏")
_bumps("F4-5", K.FINAL_FISCAL_SUMMARY, _line("subtotal", "total", "expenditure"), "本年支出合计")
_bumps("F4-6", K.FINAL_FISCAL_SUMMARY, _line("subtotal", "general", "expenditure"), "一般公共预算支出")
_bumps("F6-1", K.FINAL_BASIC_EXPENDITURE, _codes("total", 5), "款级科目")
_bumps("F6-2", K.FINAL_BASIC_EXPENDITURE, _line("personnel", "total"), "人员经费合计")
_bumps("F6-3", K.FINAL_BASIC_EXPENDITURE, _line("public", "total"), "公用经费合计")
_bumps("F7-1", K.FINAL_THREE_PUBLIC, _line("total", "final"), "“三公”合计")
_bumps("F7-2", K.FINAL_THREE_PUBLIC, _line("vehicle", "final"), "公务用车购置及运行维护费")
_bumps("F8-1", K.FINAL_GOV_FUND, _codes("income"), "本年收入")
_bumps("F8-2", K.FINAL_GOV_FUND, _codes("expenditure"), "本年支出")
_bumps("F8-3", K.FINAL_GOV_FUND, _line("total", "basic"), "合计行基本支出")

# ---- cross-table ---------------------------------------------------------------------------
_bumps("FX-1", K.FINAL_REVENUE, _line("total", "fiscal"), "收入决算表财政拨款收入合计",
       K.FINAL_SUMMARY)
_bumps("FX-2", K.FINAL_EXPENDITURE, _line("total", "total"), "支出决算表合计", K.FINAL_SUMMARY)
_bumps("FX-3", K.FINAL_FISCAL_SUMMARY, _line("general_budget", "income", "income"), "一般公共预算收入")
_bumps("FX-4", K.FINAL_GENERAL_BUDGET, _line("total", "total"), "一般公共预算支出合计",
       K.FINAL_FISCAL_SUMMARY)
_bumps("FX-5", K.FINAL_FISCAL_SUMMARY, _line("subtotal", "fund", "expenditure"), "政府性基金栏")
_bumps("FX-6", K.FINAL_GENERAL_BUDGET, _line("total", "basic"), "基本支出合计")
_bumps("FX-7", K.FINAL_GENERAL_BUDGET, _codes("total"), "一般公共预算某科目")
_bumps("FX-9", K.FINAL_FISCAL_SUMMARY, _line("subtotal", "total", "expenditure"), "财政拨款本年支出")


@mutator("FX-8", lambda root, d: d.is_final and d.table(K.FINAL_BASIC_EXPENDITURE) is not None
         and (t := d.table(K.FINAL_THREE_PUBLIC)) is not None and t.line("reception") is not None)
def _fx8(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    b, t = d.table(K.FINAL_BASIC_EXPENDITURE), d.table(K.FINAL_THREE_PUBLIC)
    assert b is not None and t is not None
    reception = t.line("reception")
    assert reception is not None
    amount = reception.cell("final").as_zero() + _delta(draw)
    row = b.row("30217")
    new = Row("公务接待费", "30217", cells={"total": Cell.amount(amount)})
    rows = tuple(new if r is row else r for r in b.rows) if row is not None else (*b.rows, new)
    return _with_table(root, d, b, attrs.evolve(b, rows=rows)), Mutation(
        "FX-8", f"基本支出 30217 公务接待费 = {amount}, above the 三公 决算数", _loc(d, b))


# ---- narrative -------------------------------------------------------------------------------

def _text_edit(rule: str, kind: SectionKind, pattern: str,
               rewrite: Callable[[re.Match[str], Decimal], str]) -> None:
    """Register: rewrite the first match of ``pattern`` in a section of ``kind``."""
    rx = re.compile(pattern)

    def found(d: Disclosure) -> tuple[int, Section, re.Match[str]] | None:
        for i, s in enumerate(d.narrative.sections if d.narrative is not None else ()):
            m = rx.search(s.text)
            if s.kind is kind and m is not None:
                return i, s, m
        return None

    @mutator(rule, lambda root, d: d.is_final and found(d) is not None)
    def apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
        hit = found(d)
        assert hit is not None and d.narrative is not None
        i, s, m = hit
        delta = _delta(draw)
        text = s.text[:m.start()] + rewrite(m, delta) + s.text[m.end():]
        sections = list(d.narrative.sections)
        sections[i] = attrs.evolve(s, text=text)
        new = attrs.evolve(d, narrative=Narrative(tuple(sections)))
        return _replace(root, d, new), Mutation(rule, f"{s.title}: {text[:60]}", _loc(d, "情况说明"))

    del apply


_NUM = r"(\d+(?:\.\d+)?)"


def _far(p: Decimal) -> Decimal:
    """A share far from ``p`` whatever the precision of the amounts (half, or +50 points)."""
    return (p / 2).quantize(Decimal("0.01")) if p >= 20 else p + 50
_text_edit("FN-1", SectionKind.OVERVIEW, r"收入支出总计" + _NUM + "万元",
           lambda m, δ: f"收入支出总计{Decimal(m.group(1)) + δ}万元")
# an increase of D 万元 worded as a fall: caught whatever the precision of the amounts (a
# shifted rate is not, when D is printed with one decimal on a small base)
_text_edit("FN-2", SectionKind.OVERVIEW, r"增长" + _NUM + "%",
           lambda m, δ: f"下降{m.group(1)}%")
_text_edit("FN-3", SectionKind.EXPENDITURE, r"占" + _NUM + "%",
           lambda m, δ: f"占{_far(Decimal(m.group(1)))}%")
_text_edit("FN-4", SectionKind.GENERAL_BUDGET, r"完成年初预算的" + _NUM + "%",
           lambda m, δ: f"完成年初预算的{Decimal(m.group(1)) + 5 + δ}%")
_text_edit("FN-5", SectionKind.GENERAL_BUDGET, r"年初预算为" + _NUM + "万元",
           lambda m, δ: f"年初预算为{Decimal(m.group(1)) + δ}万元")
_text_edit("FN-6", SectionKind.RUNNING_COSTS, r"机关运行经费支出" + _NUM + "万元",
           lambda m, δ: f"机关运行经费支出{Decimal(m.group(1)) + δ}万元")
_text_edit("FN-7", SectionKind.RUNNING_COSTS, r"。$",
           lambda m, δ: f"。公务用车保有量为0辆，公务用车运行维护费支出{δ}万元。")
_text_edit("FN-8", SectionKind.OVERVIEW, r"。$", lambda m, δ: "。主要原因：XXXXXXXX。（如持平作持平表述）")
