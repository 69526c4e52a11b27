"""三公经费 rules (财政拨款“三公”经费支出表 and its year-over-year table): S-1 … A-1.

三公 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费; 会议费 and 培训费 are shown
beside it but are not part of it (docs/domain.md §1.8). 三公 covers basic and project money,
so each item is at least its economic 款 in the basic-expenditure table (S-X1); a blank
basic cell is "not shown" and is not compared.

>>> from govbudget.rules import REGISTRY
>>> import govbudget.rules.three_public
>>> REGISTRY["S-2"].statement
'“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费（不含会议费、培训费）'
>>> REGISTRY["A-1"].severity.value
'warning'
"""

from __future__ import annotations

from decimal import Decimal

from govbudget.money import BLANK, Cell
from govbudget.rules._common import (
    SOURCE_143,
    check_le,
    check_rounded_equal,
    code_cell,
    index,
    line_or_skip,
    row_sums,
    show_cell,
    sum_check,
    table_or_skip,
)
from govbudget.rules.core import RuleContext, Severity, rule
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row
from govbudget.tables.three_public import ECONOMIC_CODES

__all__: list[str] = []

FAMILY = "three-public"
_ITEMS = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")
_ITEM_NAMES = {"overseas": "因公出国（境）费", "vehicle": "公务用车购置及运行维护费",
               "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费",
               "reception": "公务接待费", "meeting": "会议费", "training": "培训费",
               "total": "合计"}


_COLUMNS = ("total", "general", "fund", "soe")


def _lines(t: BudgetTable) -> dict[str, Row]:
    return {key: r for (key, side), r in index(t).lines.items() if side is None}


def _columns(t: BudgetTable) -> tuple[str, ...]:
    """The amount columns of ``_COLUMNS`` the table prints."""
    shown = index(t).printed
    return tuple(c for c in _COLUMNS if c in shown)


def _three_public_parts(lines: dict[str, Row], col: str) -> list[Cell]:
    """出国, 用车 (the printed 用车 line, else 购置 + 运行维护), 接待 in column ``col``."""
    vehicle = lines.get("vehicle")
    if vehicle is not None and vehicle.cell(col).is_amount:
        keys: tuple[str, ...] = ("overseas", "vehicle", "reception")
    else:
        keys = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")
    return [lines[k].cell(col) for k in keys if k in lines]


def _sum(cells: list[Cell]) -> Decimal:
    return sum((c.as_zero() for c in cells), Decimal(0))


@rule("S-1", Severity.ERROR, "“三公”经费支出表每一行："
                             "合计 = 一般公共预算 + 政府性基金 + 国有资本经营",
      source=f"docs/domain.md §3 T9; {SOURCE_143}", family=FAMILY, within=True)
def s1_row_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.THREE_PUBLIC)
    if t is not None:
        row_sums(ctx, t, t.rows, "total", ("general", "fund", "soe"),
                 "合计应等于一般公共预算、政府性基金、国有资本经营之和")


@rule("S-2", Severity.ERROR,
      "“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费（不含会议费、"
      "培训费）",
      source="docs/domain.md §1.8, §3 T9 S-2", family=FAMILY, within=True)
def s2_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.THREE_PUBLIC)
    if t is None:
        return
    total = line_or_skip(ctx, t, "total", missing="“三公”经费支出表没有合计行")
    if total is None:
        return
    lines = _lines(t)
    if not any(k in lines for k in ("overseas", "vehicle", "vehicle_purchase",
                                    "vehicle_operation", "reception")):
        # items laid out as columns (one row per unit), or not recognised: nothing to add
        ctx.skip("“三公”经费支出表没有按行列示的分项（出国、用车、接待）")
        return
    for col in _columns(t):
        parts = _three_public_parts(lines, col)
        if _includes_meetings(lines, col, parts):
            ctx.checked()  # S-4 reports it
            continue
        if total.cell(col).is_amount or any(c.is_amount for c in parts):
            sum_check(ctx, total.cell(col), parts, table=t, row=total, column=col,
                      what="“三公”经费合计应等于因公出国（境）费、公务用车购置及运行维护费、"
                           "公务接待费之和")


def _includes_meetings(lines: dict[str, Row], col: str, parts: list[Cell]) -> bool:
    total = lines.get("total")
    extra = [lines[k].cell(col) for k in ("meeting", "training") if k in lines]
    if total is None or _sum(extra) == 0:
        return False
    value = total.cell(col).as_zero()
    return value != _sum(parts) and value == _sum(parts) + _sum(extra)


@rule("S-3", Severity.ERROR, "公务用车购置及运行维护费 = 公务用车购置费 + 公务用车运行维护费",
      source="docs/domain.md §1.8, §3 T9 S-3; 143号（购置、运行分列）", family=FAMILY, within=True)
def s3_vehicle(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.THREE_PUBLIC)
    if t is None:
        return
    vehicle = line_or_skip(ctx, t, "vehicle",
                           missing="“三公”经费支出表没有公务用车购置及运行维护费行")
    if vehicle is None:
        return
    lines = _lines(t)
    for col in _columns(t):
        parts = [lines[k].cell(col) for k in ("vehicle_purchase", "vehicle_operation")
                 if k in lines]
        if vehicle.cell(col).is_amount or any(c.is_amount for c in parts):
            sum_check(ctx, vehicle.cell(col), parts, table=t, row=vehicle, column=col,
                      what="公务用车购置及运行维护费应等于购置费加运行维护费")


@rule("S-4", Severity.WARNING, "“三公”经费合计不应包含会议费、培训费（口径不规范）",
      source="docs/domain.md §1.8 [SEC S10], §3 T9 S-4", family=FAMILY)
def s4_meetings_included(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.THREE_PUBLIC)
    if t is None:
        return
    total = line_or_skip(ctx, t, "total", missing="“三公”经费支出表没有合计行")
    if total is None:
        return
    lines = _lines(t)
    for col in _columns(t):
        parts = _three_public_parts(lines, col)
        extra = [lines[k].cell(col) for k in ("meeting", "training") if k in lines]
        if _sum(extra) == 0:
            continue  # indistinguishable: 会议费 and 培训费 are zero
        ctx.checked()
        if _includes_meetings(lines, col, parts):
            ctx.fail("“三公”经费合计包含了会议费和培训费，口径不规范", table=t,
                     row=total, column=col,
                     expected=show_cell(Cell.amount(_sum(parts))), actual=total.cell(col))
    if ctx.checks == 0:
        ctx.skip("会议费、培训费为零，无法判断合计口径")


@rule("S-X1", Severity.ERROR,
      "“三公”各项（及会议费、培训费）≥ 基本支出表中对应经济分类款的金额（X-15）",
      source="docs/domain.md §1.8 S-X1, §4 X-15 [SEC S5, S11]", family=FAMILY,
      aliases=("X-15",))
def sx1_basic_within(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.THREE_PUBLIC)
    basic = table_or_skip(ctx, TableKind.BASIC_EXPENDITURE)
    if t is None or basic is None:
        return
    lines = _lines(t)
    rows = index(basic).codes()
    unprinted: list[str] = []
    for item, code in ECONOMIC_CODES.items():
        amount = code_cell(basic, code, "total")
        if not amount.is_amount:
            continue  # not shown in the basic table: nothing to compare
        line = lines.get(item)
        if line is None:  # the 三公 table does not print this item (会议费, 培训费 …)
            unprinted.append(_ITEM_NAMES[item])
            continue
        cell = line.cell("general")
        if not cell.is_amount:
            cell = line.cell("total")
        brow = rows.get(code)
        check_le(ctx, amount, basic.unit, cell, t.unit, table=t,
                 row=line, column="general",
                 what=f"基本支出表 {code} {_ITEM_NAMES[item]}超过“三公”经费表所列金额",
                 evidence=f"{basic.title or basic.name} "
                          f"{brow.label if brow is not None else code}")
    if unprinted:
        ctx.skip(f"“三公”经费表未列示{'、'.join(unprinted)}，不能与基本支出表比较")
    elif ctx.checks == 0:
        ctx.skip("基本支出表未列示“三公”对应的经济分类款")


@rule("S-X2", Severity.ERROR,
      "“三公”经费分资金来源不超过对应支出表合计：一般公共预算 ≤ 一般公共预算支出表，"
      "政府性基金 ≤ 政府性基金支出表，"
      "国有资本经营 ≤ 国有资本经营支出表（X-16）",
      source="docs/domain.md §3 T9 S-X2, §4 X-16", family=FAMILY,
      aliases=("X-16",))
def sx2_within_fund_tables(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.THREE_PUBLIC)
    if t is None:
        return
    total = line_or_skip(ctx, t, "total", missing="“三公”经费支出表没有合计行")
    if total is None:
        return
    for col, kind in (("general", TableKind.GENERAL_BUDGET), ("fund", TableKind.GOV_FUND),
                      ("soe", TableKind.SOE_CAPITAL)):
        other = ctx.disclosure.table(kind)
        if other is None:
            continue
        other_total = other.line("total")
        big = other_total.cell("total") if other_total is not None else BLANK
        check_le(ctx, total.cell(col), t.unit, big, other.unit, table=t, row=total, column=col,
                 what=f"“三公”经费超过{kind.value}合计",
                 evidence=f"{other.title or other.name} 合计 {show_cell(big)}")
    if ctx.checks == 0:
        ctx.skip("缺少可比的财政拨款支出表")


# ---- T10 “三公”经费增减变化表 -----------------------------------------------------

@rule("Y-1", Severity.ERROR, "“三公”经费增减表每一行：增减金额 = 本年预算 − 上年预算",
      source="docs/domain.md §3 T10 Y-1", family=FAMILY, within=True)
def y1_change(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.THREE_PUBLIC_YOY)
    if t is None:
        return
    for r in t.rows:
        cur, prior, change = r.cell("current"), r.cell("prior"), r.cell("change")
        if cur.is_amount or prior.is_amount or change.is_amount:
            ctx.check_sum(cur, [prior, change], table=t, row=r, column="change",
                          what="本年预算应等于上年预算加增减金额")


@rule("Y-2", Severity.ERROR, "“三公”经费增减表：合计 = 各项之和（上年、本年、增减各栏）",
      source="docs/domain.md §3 T10 Y-2", family=FAMILY, within=True)
def y2_total(ctx: RuleContext) -> None:
    t = table_or_skip(ctx, TableKind.THREE_PUBLIC_YOY)
    if t is None:
        return
    total = line_or_skip(ctx, t, "total", missing="“三公”经费增减表没有合计行")
    if total is None:
        return
    lines = _lines(t)
    for col in ("prior", "current", "change"):
        parts = _three_public_parts(lines, col)
        ctx.check_sum(total.cell(col), parts, table=t, row=total, column=col,
                      what="合计应等于各项之和")


@rule("Y-3", Severity.ERROR, "“三公”经费增减表的本年预算 = “三公”经费支出表的金额（按显示精度）",
      source="docs/domain.md §3 T10 Y-3, §6", family=FAMILY)
def y3_current_matches(ctx: RuleContext) -> None:
    yoy = table_or_skip(ctx, TableKind.THREE_PUBLIC_YOY)
    t = table_or_skip(ctx, TableKind.THREE_PUBLIC)
    if yoy is None or t is None:
        return
    lines = _lines(t)
    for r in yoy.rows:
        if r.line is None or r.line not in lines:
            continue
        other = lines[r.line]
        check_rounded_equal(ctx, r.cell("current"), yoy.unit, other.cell("total"), t.unit,
                            table=yoy, row=r, column="current",
                            what=f"本年预算应等于“三公”经费支出表{_ITEM_NAMES.get(r.line, r.name)}",
                            evidence=f"{t.title or t.name} {other.label}")


# ---- A-1 固定资产 vs 公务用车 -------------------------------------------------------

@rule("A-1", Severity.WARNING, "固定资产表车辆数为 0 却安排了公务用车运行维护费，应予说明",
      source="docs/domain.md §3 T12 A-1", family=FAMILY)
def a1_vehicles(ctx: RuleContext) -> None:
    assets = table_or_skip(ctx, TableKind.FIXED_ASSETS)
    if assets is None:
        return
    vehicles = assets.line("vehicles")
    if vehicles is None or not vehicles.cell("quantity").is_amount:
        ctx.skip("固定资产表未列示车辆数量")
        return
    ctx.checked()
    if vehicles.cell("quantity").as_zero() != 0:
        return
    amounts: list[str] = []
    basic = ctx.disclosure.table(TableKind.BASIC_EXPENDITURE)
    brow = index(basic).codes().get("30231") if basic is not None else None
    if brow is not None and brow.cell("total").as_zero() > 0:
        amounts.append(f"基本支出表 30231 公务用车运行维护费 {brow.cell('total').text()}")
    t = ctx.disclosure.table(TableKind.THREE_PUBLIC)
    op = index(t).line("vehicle_operation") if t is not None else None
    if op is not None and op.cell("total").as_zero() > 0:
        amounts.append(f"“三公”经费公务用车运行维护费 {op.cell('total').text()}")
    if amounts:
        ctx.fail("固定资产表车辆数为 0，但安排了公务用车运行维护费（租用车辆时可能成立，应予说明）",
                 table=assets, row=vehicles, column="quantity", expected="> 0",
                 actual=vehicles.cell("quantity"), evidence="；".join(amounts))
