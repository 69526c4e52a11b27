"""Render an abstract budget as the standard tables of a disclosure (as the seed prints them)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from govbudget.money import BLANK, DASH, Cell, Unit
from govbudget.strategies._budget import YOY_ITEMS, Budget, Leaf, Plan, UnitInfo
from govbudget.tables.builder import TableBuilder
from govbudget.tables.disclosure import Disclosure, Scope, UnitKind
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Column, TableHeader

__all__ = ["CN", "money", "render_disclosure", "render_tables"]

_Q = Decimal("0.01")


@functools.lru_cache(maxsize=1 << 16)
def money(cents: int) -> Decimal:
    """0.01 万元 units as a ``Decimal`` with 2 places."""
    return (Decimal(cents) / 100).quantize(_Q)


@functools.lru_cache(maxsize=1 << 16)
def amt(cents: int) -> Cell:
    return Cell.amount(money(cents))


def opt(cents: int) -> Cell:
    """Blank for zero (as T1–T8 of the seed print), else the amount."""
    return amt(cents) if cents else BLANK


_DIGITS = "零一二三四五六七八九"


def CN(n: int) -> str:
    """一 … 三十九 (ordinals of the 收支总表 rows)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


@functools.lru_cache(maxsize=64)
def _names(scheme: str, year: int) -> dict[str, str]:
    from govbudget.codes import catalogue

    return {e.code: e.name for e in catalogue(scheme, year)}


@functools.lru_cache(maxsize=16)
def _classes(year: int) -> tuple[tuple[str, str], ...]:
    from govbudget.codes import catalogue

    return tuple((e.code, e.name) for e in catalogue("functional", year).roots())


def _rollup(leaves: dict[str, Leaf]) -> dict[str, Leaf]:
    """Every leaf and its 款 and 类, summed; sorted by code = depth-first order."""
    out: dict[str, Leaf] = {}
    for code, leaf in leaves.items():
        for n in (3, 5, 7):
            out[code[:n]] = out.get(code[:n], Leaf()) + leaf
    return dict(sorted(out.items()))


_INCOME = (("general_budget", "一般公共预算拨款收入"), ("gov_fund", "政府性基金预算拨款收入"),
           ("soe_capital", "国有资本经营预算拨款收入"), ("special_account", "财政专户管理资金收入"),
           ("business", "事业收入"), ("operating", "事业单位经营收入"),
           ("superior_subsidy", "上级补助收入"), ("affiliated_remit", "附属单位上缴收入"),
           ("other", "其他收入"))


class _Ctx:
    def __init__(self, plan: Plan, budget: Budget, code: str, name: str, scope: Scope) -> None:
        self.plan, self.b, self.code, self.name = plan, budget, code, name
        self.prefix = "部门" if scope is Scope.DEPARTMENT else "单位"
        self.header = TableHeader(code, name, plan.year, "万元")
        self.fn = _names("functional", plan.year)
        self.en = _names("economic", plan.year)
        self.rolled = _rollup(budget.leaves)

    def builder(self, kind: TableKind, title: str, note: str | None = None) -> TableBuilder:
        return TableBuilder(kind, unit=Unit.WAN, title=self.prefix + title, header=self.header,
                            note=note)


def _summary(c: _Ctx) -> BudgetTable:
    b = c.b
    income = {"general_budget": b.general_income, "gov_fund": b.sum("fund")}
    classes = _classes(c.plan.year)
    tb = c.builder(TableKind.SUMMARY, "预算收支总表")
    spent = sum(leaf.total for leaf in b.leaves.values())
    rows = len(classes) + 1
    for i in range(rows):
        if i < len(_INCOME):
            key, label = _INCOME[i]
            tb.line(key, f"{CN(i + 1)}、{label}", side="income", number=i + 1,
                    income=opt(income.get(key, 0)))
        if i < len(classes):
            code, name = classes[i]
            tb.row(code, f"{CN(i + 1)}、{name}", side="expenditure", number=i + 1,
                   expenditure=opt(c.rolled[code].total if code in c.rolled else 0))
        else:
            tb.line("unclassified", f"{CN(i + 1)}、人行科目", side="expenditure", number=i + 1,
                    expenditure=BLANK)
    sub = income["general_budget"] + income["gov_fund"]
    tb.line("subtotal", "本年收入合计", side="income", number=rows + 1, income=opt(sub))
    tb.line("subtotal", "本年支出合计", side="expenditure", number=rows + 1, expenditure=opt(spent))
    tb.line("carryover", "上年结转结余", side="income", number=rows + 2, income=opt(b.carry))
    tb.line("carryforward", "年终结转结余", side="expenditure", number=rows + 2, expenditure=BLANK)
    tb.line("total", "收入总计", side="income", number=rows + 3, income=opt(sub + b.carry))
    tb.line("total", "支出总计", side="expenditure", number=rows + 3, expenditure=opt(spent))
    return tb.build()


def _revenue(c: _Ctx) -> BudgetTable:
    tb = c.builder(TableKind.REVENUE, "预算收入总表")
    keys = TableKind.REVENUE.spec.column_keys

    def cells(leaf: Leaf) -> dict[str, Any]:
        out = dict.fromkeys(keys, BLANK)
        out.update(total=opt(leaf.total), current=opt(leaf.total - leaf.carry),
                   fiscal=opt(leaf.total - leaf.carry), carryover=opt(leaf.carry))
        return out

    all_ = sum(c.b.leaves.values(), Leaf())
    tb.line("total", "合计", number=1, **cells(all_))
    for i, (code, leaf) in enumerate(c.rolled.items(), start=2):
        tb.row(code, c.fn[code], number=i, **cells(leaf))
    return tb.build()


def _expenditure(c: _Ctx) -> BudgetTable:
    tb = c.builder(TableKind.EXPENDITURE, "预算支出总表")
    keys = TableKind.EXPENDITURE.spec.column_keys

    def cells(leaf: Leaf) -> dict[str, Any]:
        out = dict.fromkeys(keys, BLANK)
        out.update(total=opt(leaf.total), basic=opt(leaf.basic), project=opt(leaf.project + leaf.fund))
        return out

    tb.line("total", "合计", number=1, **cells(sum(c.b.leaves.values(), Leaf())))
    for i, (code, leaf) in enumerate(c.rolled.items(), start=2):
        tb.row(code, c.fn[code], number=i, **cells(leaf))
    return tb.build()


def _fiscal(c: _Ctx) -> BudgetTable:
    b = c.b
    classes = _classes(c.plan.year)
    tb = c.builder(TableKind.FISCAL_SUMMARY, "预算财政拨款收支总表")
    fiscal_income = (("general_budget", "一般公共预算拨款", b.general_income),
                     ("gov_fund", "政府性基金预算拨款", b.sum("fund")),
                     ("soe_capital", "国有资本经营预算拨款", 0))
    rows = len(classes) + 1
    for i in range(rows):
        if i < 3:
            key, label, v = fiscal_income[i]
            tb.line(key, f"{CN(i + 1)}、{label}", side="income", number=i + 1, income=opt(v))
        if i < len(classes):
            code, name = classes[i]
            leaf = c.rolled.get(code, Leaf())
            tb.row(code, f"{CN(i + 1)}、{name}", side="expenditure", number=i + 1,
                   total=opt(leaf.total), general=opt(leaf.general), fund=opt(leaf.fund), soe=BLANK)
        else:
            tb.line("unclassified", f"{CN(i + 1)}、人行科目", side="expenditure", number=i + 1,
                    total=BLANK, general=BLANK, fund=BLANK, soe=BLANK)
    general, fund = b.sum("general"), b.sum("fund")
    sub_in = b.general_income + fund
    tb.line("subtotal", "本年收入合计", side="income", number=rows + 1, income=opt(sub_in))
    tb.line("subtotal", "本年支出合计", side="expenditure", number=rows + 1,
            total=opt(general + fund), general=opt(general), fund=opt(fund), soe=BLANK)
    tb.line("carryover", "年初财政拨款结转和结余", side="income", number=rows + 2, income=opt(b.carry))
    tb.line("carryforward", "年末财政拨款结转和结余", side="expenditure", number=rows + 2,
            total=BLANK, general=BLANK, fund=BLANK, soe=BLANK)
    tb.line("carryover_general", "一般公共预算拨款结转和结余", side="income", number=rows + 3,
            income=opt(b.carry))
    tb.line("carryover_fund", "政府性基金预算拨款结转和结余", side="income", number=rows + 4,
            income=BLANK)
    tb.line("carryover_soe", "国有资本经营预算拨款结转和结余", side="income", number=rows + 5,
            income=BLANK)
    tb.line("total", "收入总计", side="income", number=rows + 6, income=opt(sub_in + b.carry))
    tb.line("total", "支出总计", side="expenditure", number=rows + 6,
            total=opt(general + fund), general=opt(general), fund=opt(fund), soe=BLANK)
    return tb.build()


def _functional(c: _Ctx, kind: TableKind, title: str, part: str, note: str) -> BudgetTable:
    """一般公共预算 / 政府性基金 / 国有资本经营 expenditure by functional code."""
    leaves = {k: leaf for k, leaf in c.b.leaves.items()
              if (leaf.general if part == "general" else leaf.fund if part == "fund" else 0)}
    if not leaves:
        return c.builder(kind, title, note=note).build()
    tb = c.builder(kind, title)

    def cells(leaf: Leaf) -> dict[str, Any]:
        if part == "general":
            return {"total": opt(leaf.general), "basic": opt(leaf.basic), "project": opt(leaf.project)}
        return {"total": opt(leaf.fund), "basic": BLANK, "project": opt(leaf.fund)}

    tb.line("total", "合计", number=1, **cells(sum(leaves.values(), Leaf())))
    for i, (code, leaf) in enumerate(_rollup(leaves).items(), start=2):
        tb.row(code, c.fn[code], number=i, **cells(leaf))
    return tb.build()


def _basic(c: _Ctx) -> BudgetTable:
    from govbudget.rules.arithmetic import economic_nature

    tb = c.builder(TableKind.BASIC_EXPENDITURE, "预算一般公共预算财政拨款基本支出表")
    econ = {k: v for k, v in c.b.economic.items() if v}
    by_class: dict[str, int] = {}
    for code, v in econ.items():
        by_class[code[:3]] = by_class.get(code[:3], 0) + v

    def cells(code: str, v: int) -> dict[str, Any]:
        personnel = economic_nature(code) == "personnel"
        return {"total": amt(v), "personnel": amt(v) if personnel else BLANK,
                "public": BLANK if personnel else amt(v)}

    personnel = sum(v for k, v in econ.items() if economic_nature(k) == "personnel")
    public = sum(econ.values()) - personnel
    tb.line("total", "合计", number=1, total=amt(personnel + public), personnel=opt(personnel),
            public=opt(public))
    rows = sorted({**by_class, **econ}.items())
    for i, (code, v) in enumerate(rows, start=2):
        tb.row(code, c.en[code], number=i, **cells(code, v))
    return tb.build()


def government_amounts(economic: dict[str, int], kind: UnitKind, year: int
                       ) -> dict[str, tuple[int, int]] | None:
    """Basic expenditure by 政府预算支出经济分类 款: (人员经费, 公用经费) parts per 款, or
    ``None`` when some departmental 款 has no known correspondence (the table is not made)."""
    from govbudget.codes import to_government
    from govbudget.errors import GovBudgetError
    from govbudget.rules.arithmetic import economic_nature
    from govbudget.rules.cross_table import government_code

    out: dict[str, tuple[int, int]] = {}
    for code, v in sorted(economic.items()):
        if not v:
            continue
        try:
            g = to_government(code, kind.value, year=year).code
        except (GovBudgetError, LookupError):
            return None
        if government_code(code, kind, year) != g:  # the rule would map it elsewhere
            return None
        p, q = out.get(g, (0, 0))
        out[g] = (p + v, q) if economic_nature(code) == "personnel" else (p, q + v)
    return out


def _government(c: _Ctx, kind: UnitKind) -> BudgetTable | None:
    """The basic-expenditure table by 政府预算支出经济分类, beside the 部门 one (E-1)."""
    by_gov = government_amounts(c.b.economic, kind, c.plan.year)
    if not by_gov:
        return None
    names = _names("government_economic", c.plan.year)
    rows: dict[str, tuple[int, int]] = {}
    for g, (p, q) in by_gov.items():
        for key in (g[:3], g):
            a, b = rows.get(key, (0, 0))
            rows[key] = (a + p, b + q)
    if any(k not in names for k in rows):
        return None
    tb = c.builder(TableKind.BASIC_EXPENDITURE,
                   "预算一般公共预算财政拨款基本支出表（按政府预算支出经济分类）")
    personnel = sum(p for p, _ in by_gov.values())
    public = sum(q for _, q in by_gov.values())
    tb.line("total", "合计", number=1, total=amt(personnel + public), personnel=opt(personnel),
            public=opt(public))
    for i, (code, (p, q)) in enumerate(sorted(rows.items()), start=2):
        tb.row(code, names[code], number=i, total=amt(p + q), personnel=opt(p), public=opt(q))
    return tb.build()


_THREE_LINES = (("total", "合计"), ("overseas", "一、因公出国（境）费"),
                ("vehicle", "二、公务用车购置及运行维护费"), ("vehicle_purchase", "其中：公务用车购置费"),
                ("vehicle_operation", "公务用车运行维护费"), ("reception", "三、公务接待费"),
                ("meeting", "四、会议费"), ("training", "五、培训费"))


def three_public_values(three: dict[str, int]) -> dict[str, int]:
    out = dict(three)
    out["vehicle"] = three["vehicle_purchase"] + three["vehicle_operation"]
    out["total"] = three["overseas"] + out["vehicle"] + three["reception"]
    return out


def _three_public(c: _Ctx) -> BudgetTable:
    values = three_public_values(c.b.three_public)
    tb = c.builder(TableKind.THREE_PUBLIC, "预算财政拨款“三公”经费支出表")
    zero = amt(0)
    for i, (key, label) in enumerate(_THREE_LINES, start=1):
        v = amt(values[key])
        tb.line(key, label, number=i, total=v, general=v, fund=zero, soe=zero)
    return tb.build()


_YOY_LINES = (("overseas", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
              ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费"),
              ("total", "合计"))


def reason(change: int) -> str:
    return "无增减变化" if change == 0 else ("工作需要，较上年增加" if change > 0 else "厉行节约，较上年减少")


def _yoy(c: _Ctx) -> BudgetTable:
    year = c.plan.year
    cols = (Column("prior", f"{year - 1}年度预算"), Column("current", f"{year}年度预算"),
            Column("change", "增减金额"), Column("reason", "变化原因", text=True))
    tb = TableBuilder(TableKind.THREE_PUBLIC_YOY, unit=Unit.WAN,
                      title="“三公”经费预算情况及增减变化原因", columns=cols,
                      header=TableHeader(None, None, None, "万元"))
    cur = {k: c.b.three_public[k] for k in YOY_ITEMS}
    prior = {k: c.b.prior[k] for k in YOY_ITEMS}
    cur["total"], prior["total"] = sum(cur.values()), sum(prior.values())
    for key, label in _YOY_LINES:
        change = cur[key] - prior[key]
        tb.line(key, label, texts={"reason": reason(change)}, prior=amt(prior[key]),
                current=amt(cur[key]), change=Cell.amount(money(change)))
    return tb.build()


_ASSET_LINES = (("buildings", "1、房屋（平方米）"), ("offices", "其中：办公用房（平方米）"),
                ("vehicles", "2、车辆（台、辆）"), ("equipment", "3、单价50万元以上设备"),
                ("general_equipment", "其中：通用设备"), ("special_equipment", "专用设备"),
                ("other", "4、其他固定资产"))


def _assets(c: _Ctx) -> BudgetTable:
    a = c.b.assets
    tb = c.builder(TableKind.FIXED_ASSETS, "固定资产占用情况表")
    total = sum(a[k][1] for k in ("buildings", "vehicles", "equipment", "other"))
    tb.line("total", "固定资产总额", quantity=DASH, value=amt(total))
    for key, label in _ASSET_LINES:
        q, v = a[key]
        tb.line(key, label, quantity=BLANK if key == "other" else Cell.amount(q), value=amt(v))
    return tb.build()


def _procurement(c: _Ctx) -> BudgetTable:
    if not c.b.procurement:
        return c.builder(TableKind.PROCUREMENT, "政府采购预算表",
                         note="注：无政府采购预算，空表列示。").build()
    tb = c.builder(TableKind.PROCUREMENT, "政府采购预算表")
    tb.line("total", "合计", total=amt(c.b.procurement))
    return tb.build()


_KIND_TEXT = {UnitKind.ADMINISTRATIVE: ("行政", "正科级", "财政拨款"),
              UnitKind.CIVIL_SERVICE_MANAGED: ("参公事业", "股级", "财政拨款"),
              UnitKind.PUBLIC_INSTITUTION: ("事业", "股级", "财政补助")}


def _organisation(c: _Ctx, units: Iterable[UnitInfo]) -> BudgetTable:
    cols = (Column("c1", "单位性质", text=True), Column("c2", "单位规格", text=True),
            Column("c3", "经费保障形式", text=True))
    tb = TableBuilder(TableKind.OTHER, title=f"{c.prefix}机构设置情况", columns=cols)
    for u in units:
        k = _KIND_TEXT[u.kind]
        tb.text_row(u.name, texts={"c1": k[0], "c2": k[1], "c3": k[2]})
    return tb.build()


def render_tables(plan: Plan, budget: Budget, code: str, name: str, scope: Scope,
                  units: Iterable[UnitInfo], kind: UnitKind = UnitKind.ADMINISTRATIVE
                  ) -> tuple[BudgetTable, ...]:
    """The 9 standard tables, the 三公 change table, assets, procurement and 机构设置; with
    ``plan.gov_economic``, the basic-expenditure table by 政府经济分类 too."""
    c = _Ctx(plan, budget, code, name, scope)
    gov = _government(c, kind) if plan.gov_economic else None
    return (
        _summary(c), _revenue(c), _expenditure(c), _fiscal(c),
        _functional(c, TableKind.GENERAL_BUDGET, "预算一般公共预算财政拨款支出表", "general", ""),
        _basic(c), *((gov,) if gov is not None else ()),
        _functional(c, TableKind.GOV_FUND, "预算政府性基金预算财政拨款支出表", "fund",
                    "注：无政府性基金预算财政拨款预算，空表列示。"),
        _functional(c, TableKind.SOE_CAPITAL, "预算国有资本经营预算财政拨款支出表", "soe",
                    "注：无国有资本经营预算财政拨款预算，空表列示。"),
        _three_public(c), _organisation(c, units), _yoy(c), _procurement(c), _assets(c),
    )


def render_disclosure(plan: Plan, budget: Budget, info: UnitInfo | None,
                      units: tuple[Disclosure, ...] = (), narrative: object = None) -> Disclosure:
    """A unit's disclosure (``info`` given) or the department's (with its ``units``)."""
    if info is None:
        tables = render_tables(plan, budget, plan.code, plan.name, Scope.DEPARTMENT, plan.units)
        return Disclosure(Scope.DEPARTMENT, plan.code, plan.name, plan.year, Unit.WAN, tables, units,
                          UnitKind.ADMINISTRATIVE)
    tables = render_tables(plan, budget, info.code, info.name, Scope.UNIT, (info,), info.kind)
    return Disclosure(Scope.UNIT, info.code, info.name, plan.year, Unit.WAN, tables, (), info.kind)
