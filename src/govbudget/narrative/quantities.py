"""The named figures of a disclosure's tables (表内数字) that a narrative can speak of.

Keys name a figure the same way whatever the template: ``revenue.general_budget``
(一般公共预算拨款收入), ``basic.public`` (公用经费), ``three_public.vehicle_operation``,
``functional:2101101``, ``economic:30228``, ``project:<name>`` … The first table of a
kind wins; a figure a template does not print is derived only where the definition
says how (公用经费 = 302 + 310 + 399 of the basic table, docs/domain.md §1.7).

>>> import govbudget
>>> from govbudget.narrative.quantities import quantities
>>> qs = quantities(next(govbudget.example().walk()))
>>> str(qs["basic.public"].value), qs["three_public.total"].where
('35.65', '部门预算财政拨款“三公”经费支出表 / 合计 / 合计')
>>> str(qs["expenditure.fiscal"].value)
'436.88'
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govbudget.money import Cell, Unit

if TYPE_CHECKING:
    from govbudget.tables.disclosure import Disclosure
    from govbudget.tables.model import BudgetTable, Row

__all__ = ["Quantity", "QuantityKey", "project_names", "quantities"]

QuantityKey = str


@attrs.frozen(slots=True)
class Quantity:
    """A named figure of a disclosure's tables (表内数字): key, value, unit and where it is."""

    key: QuantityKey
    value: Decimal
    unit: Unit | None
    where: str
    name: str | None = None  # the row name as printed, for code and project quantities
    blank: bool = False  # the cell was blank (counted as zero)
    table: str | None = None  # the TableKind name of the table it was read from
    derived: bool = False  # not printed: computed by a definition (人员经费 = 301 + 303)


Quantities = dict[QuantityKey, Quantity]


def _put(
    out: Quantities,
    key: str,
    cell: Cell,
    table: BudgetTable,
    where: str,
    name: str | None = None,
) -> None:
    if key in out or cell.is_dash:
        return
    out[key] = Quantity(
        key, cell.as_zero(), table.unit, where, name, cell.is_blank, table.kind.name
    )


def _where(table: BudgetTable, row: str, column: str) -> str:
    return f"{table.title or table.name} / {row} / {column}"


def _has_column(table: BudgetTable, key: str) -> bool:
    return any(c.key == key for c in table.columns)


def quantities(disclosure: Disclosure) -> Quantities:
    """The named figures of a disclosure, read from its tables (first table of a kind wins)."""
    out: Quantities = {}
    _summary(disclosure, out)
    _fiscal_summary(disclosure, out)
    _expenditure(disclosure, out)
    _basic(disclosure, out)
    _three_public(disclosure, out)
    _running_costs(disclosure, out)
    _procurement(disclosure, out)
    _assets(disclosure, out)
    _projects(disclosure, out)
    return out


def _summary(disclosure: Disclosure, out: Quantities) -> None:
    from govbudget.tables.kinds import TableKind

    summary = disclosure.table(TableKind.SUMMARY)
    if summary is None:
        return
    for row in summary.rows:
        if row.line is None:
            continue
        side = row.side or "income"
        prefix = "revenue" if side == "income" else "expenditure"
        where = _where(summary, row.name, "预算数")
        _put(out, f"{prefix}.{row.line}", row.cell(side), summary, where, row.name)
    parts = [out.get(f"revenue.{k}") for k in ("general_budget", "gov_fund", "soe_capital")]
    if parts[0] is not None:
        total = sum((p.value for p in parts if p is not None), Decimal(0))
        out.setdefault(
            "revenue.fiscal",
            Quantity("revenue.fiscal", total, summary.unit, "收支总表 / 财政拨款收入（三项之和）"),
        )


def _fiscal_summary(disclosure: Disclosure, out: Quantities) -> None:
    """财政拨款收支总计: the 财政拨款收支总表's 收入总计 (``fiscal_summary.total``), and from the
    收支总表 its 财政拨款 + 上年结转 (``fiscal.total``, derived when there is a carry-over)."""
    from govbudget.tables.kinds import TableKind

    table = disclosure.table(TableKind.FISCAL_SUMMARY)
    line = table.line("total", "income") if table is not None else None
    if table is not None and line is not None:
        cell = next((c for c in line.cells.values() if c.is_amount), None)
        if cell is not None:
            where = _where(table, line.name, "预算数")
            _put(out, "fiscal_summary.total", cell, table, where, line.name)
    fiscal, carry = out.get("revenue.fiscal"), out.get("revenue.carryover")
    if fiscal is None:
        return
    if carry is None or carry.value == 0:
        out["fiscal.total"] = attrs.evolve(fiscal, key="fiscal.total")
    elif carry.unit is fiscal.unit:
        out["fiscal.total"] = Quantity(
            "fiscal.total", fiscal.value + carry.value, fiscal.unit,
            f"{fiscal.where} + {carry.where}", table=fiscal.table, derived=True)


def _expenditure(disclosure: Disclosure, out: Quantities) -> None:
    from govbudget.tables.kinds import TableKind

    for kind, prefix in (
        (TableKind.EXPENDITURE, "expenditure"),
        (TableKind.GENERAL_BUDGET, "general"),
        (TableKind.GOV_FUND, "gov_fund"),
        (TableKind.SOE_CAPITAL, "soe_capital"),
    ):
        table = disclosure.table(kind)
        if table is None:
            continue
        line = table.line("total")
        if line is not None:
            for col, name in (("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")):
                _put(out, f"{prefix}.{col}", line.cell(col), table, _where(table, "合计", name))
        elif table.is_empty():
            out.setdefault(
                f"{prefix}.total",
                Quantity(
                    f"{prefix}.total",
                    Decimal(0),
                    table.unit,
                    _where(table, "空表", "合计"),
                    blank=True,
                    table=kind.name,
                ),
            )
        if prefix in ("expenditure", "general"):
            for row in table.code_rows():
                where = _where(table, row.label, "合计")
                _put(out, f"functional:{row.code}", row.cell("total"), table, where, row.name)
                same = out.get(f"functional:{row.code}")
                differs = same is None or (
                    same.table != table.kind.name and same.value != row.cell("total").as_zero()
                )
                if prefix == "general" and differs:  # what 一般公共预算 sections speak of
                    key = f"general:functional:{row.code}"
                    _put(out, key, row.cell("total"), table, where, row.name)
    if "expenditure.total" in out and "expenditure.subtotal" not in out:
        out["expenditure.subtotal"] = attrs.evolve(
            out["expenditure.total"], key="expenditure.subtotal"
        )
    fiscal = [out.get(f"{k}.total") for k in ("general", "gov_fund", "soe_capital")]
    units = {q.unit for q in fiscal if q is not None}
    if fiscal[0] is not None and len(units) == 1 and "expenditure.fiscal" not in out:
        value = sum((q.value for q in fiscal if q is not None), Decimal(0))
        out["expenditure.fiscal"] = Quantity(
            "expenditure.fiscal",
            value,
            fiscal[0].unit,
            "一般公共预算 + 政府性基金 + 国有资本经营预算支出表 / 合计",
            blank=all(q.blank for q in fiscal if q is not None),
        )


#: 人员经费 and 公用经费 by economic 类 (docs/domain.md §1.7 P-2)
_PERSONNEL = ("301", "303")
_PUBLIC = ("302", "310", "399")


def _basic(disclosure: Disclosure, out: Quantities) -> None:
    from govbudget.tables.kinds import TableKind

    basic = disclosure.table(TableKind.BASIC_EXPENDITURE)
    if basic is None:
        return
    trow = basic.line("total")
    if trow is not None:
        _put(out, "general.basic", trow.cell("total"), basic, _where(basic, "合计", "合计"))
        for key, name in (("personnel", "人员经费"), ("public", "公用经费")):
            if _has_column(basic, key) and trow.cell(key).is_amount:
                _put(out, f"basic.{key}", trow.cell(key), basic, _where(basic, "合计", name))
    for key in ("personnel", "public"):
        line = basic.line(key)
        if line is not None:
            _put(out, f"basic.{key}", line.cell("total"), basic, _where(basic, line.name, "合计"))
    rows = list(basic.code_rows())
    for row in rows:
        where = _where(basic, row.label, "合计")
        _put(out, f"economic:{row.code}", row.cell("total"), basic, where, row.name)
        for key, name in (("personnel", "人员经费"), ("public", "公用经费")):
            # ``对个人和家庭的补助（303）…，其中：人员经费138.06万元``: one class's share
            if _has_column(basic, key) and row.cell(key).is_amount:
                where = _where(basic, row.label, name)
                _put(out, f"basic.{key}:{row.code}", row.cell(key), basic, where, row.name)
    # a template printing only 预算数 by economic code: 人员 = 301 + 303, 公用 = 302 + 310 + 399
    for key, classes in (("personnel", _PERSONNEL), ("public", _PUBLIC)):
        if f"basic.{key}" in out or not rows:
            continue
        picked = _class_rows(rows, classes)
        if picked:
            value = sum((r.cell("total").as_zero() for r in picked), Decimal(0))
            codes = " + ".join(r.code or "" for r in picked)
            out[f"basic.{key}"] = Quantity(
                f"basic.{key}",
                value,
                basic.unit,
                _where(basic, codes, "合计"),
                table=basic.kind.name,
                derived=True,
            )


def _class_rows(rows: list[Row], classes: tuple[str, ...]) -> list[Row]:
    """The rows giving the amount of some economic 类: the 类 row, else its 款 rows."""
    picked: list[Row] = []
    for cls in classes:
        top = [r for r in rows if r.code == cls]
        picked += top or [r for r in rows if r.code and len(r.code) == 5 and r.code[:3] == cls]
    return picked


_THREE_PUBLIC_KEYS = (
    "total",
    "overseas",
    "vehicle",
    "vehicle_purchase",
    "vehicle_operation",
    "reception",
    "meeting",
    "training",
)


def _full(key: str) -> str:
    return key if key in ("meeting", "training") else f"three_public.{key}"


def _three_public(disclosure: Disclosure, out: Quantities) -> None:
    from govbudget.tables.kinds import TableKind
    from govbudget.tables.three_public import ThreePublicExpenses

    table = disclosure.table(TableKind.THREE_PUBLIC)
    if table is not None:
        e = ThreePublicExpenses.from_table(table)
        for key in _THREE_PUBLIC_KEYS:
            item = getattr(e, key)
            full = _full(key)
            cell = item.total if item.total.is_amount else item.general
            row = table.line(key)
            if row is not None:
                _put(out, full, cell, table, _where(table, row.name, "合计"), row.name)
            if item.prior.is_amount:
                name = row.name if row is not None else key
                _put(out, f"prior.{full}", item.prior, table, _where(table, name, "上年"))
        op = table.line("operation_expenses")
        if op is not None:
            _put(out, "running_costs", op.cell("total"), table, _where(table, op.name, "合计"))
    yoy = disclosure.table(TableKind.THREE_PUBLIC_YOY)
    if yoy is not None:
        for row in yoy.rows:
            if row.line is None:
                continue
            full = _full(row.line)
            for col, prefix in (("prior", "prior."), ("current", "yoy."), ("change", "change.")):
                where = _where(yoy, row.name, col)
                _put(out, f"{prefix}{full}", row.cell(col), yoy, where, row.name)
            if table is None:  # the YoY table is the only one: its 本年 column is the figure
                where = _where(yoy, row.name, "本年")
                _put(out, full, row.cell("current"), yoy, where, row.name)
    if (
        "three_public.vehicle" not in out
        and {"three_public.vehicle_purchase", "three_public.vehicle_operation"} <= out.keys()
    ):
        purchase = out["three_public.vehicle_purchase"]
        v = purchase.value + out["three_public.vehicle_operation"].value
        out["three_public.vehicle"] = Quantity(
            "three_public.vehicle",
            v,
            purchase.unit,
            "“三公”经费表 / 购置费 + 运行维护费",
            table=purchase.table,
        )


def _running_costs(disclosure: Disclosure, out: Quantities) -> None:
    """机关运行经费: its own table (and items), else the 行政经费 line of the 三公 table."""
    from govbudget.tables.kinds import TableKind

    table = disclosure.table(TableKind.OPERATION_EXPENSES)
    if table is not None:
        line = table.line("total")
        if line is not None:
            _put(out, "running_costs", line.cell("total"), table, _where(table, "合计", "合计"))
        for row in table.code_rows():
            where = _where(table, row.label, "合计")
            _put(out, f"running:{row.code}", row.cell("total"), table, where, row.name)
    three = disclosure.table(TableKind.THREE_PUBLIC)
    admin = three.line("administrative") if three is not None else None
    if (
        three is not None and admin is not None
    ):  # 行政经费 (Guangdong): 机关运行经费 by another name
        _put(out, "running_costs", admin.cell("total"), three, _where(three, admin.name, "合计"))


_PROCUREMENT_KINDS = {"货物": "goods", "工程": "works", "服务": "services"}


def _procurement(disclosure: Disclosure, out: Quantities) -> None:
    from govbudget.tables.kinds import TableKind

    proc = disclosure.table(TableKind.PROCUREMENT)
    if proc is None:
        return
    line = proc.line("total")
    if line is not None and line.cell("total").is_amount:
        _put(out, "procurement.total", line.cell("total"), proc, _where(proc, "合计", "合计"))
    elif proc.is_empty():
        out["procurement.total"] = Quantity(
            "procurement.total",
            Decimal(0),
            proc.unit,
            _where(proc, "空表", "合计"),
            blank=True,
            table=proc.kind.name,
        )
    for row in proc.rows:
        key = _PROCUREMENT_KINDS.get(re.sub(r"[\s类]", "", row.name))
        if key is not None and row.code is None:
            where = _where(proc, row.name, "合计")
            _put(out, f"procurement.{key}", row.cell("total"), proc, where, row.name)


def _assets(disclosure: Disclosure, out: Quantities) -> None:
    from govbudget.tables.kinds import TableKind

    assets = disclosure.table(TableKind.FIXED_ASSETS)
    if assets is None:
        return
    line = assets.line("total")
    if line is not None:
        _put(out, "assets.total", line.cell("value"), assets, _where(assets, line.name, "价值"))
    line = assets.line("vehicles")
    if line is not None and line.cell("quantity").is_amount:
        out["assets.vehicles"] = Quantity(
            "assets.vehicles",
            line.cell("quantity").as_zero(),
            None,
            _where(assets, line.name, "数量"),
            line.name,
            table=assets.kind.name,
        )


_UNIT_ROW = re.compile(
    r"(?:局|委员会|委|办公室|办事处|中心|站|台|院|所|队|馆|会)(?:[(（]本级[)）])?$"
)


def _project_rows(disclosure: Disclosure) -> list[Row]:
    """The rows of the project-expenditure table that are projects (not units, not totals)."""
    from govbudget.tables.kinds import TableKind

    table = disclosure.table(TableKind.PROJECT_EXPENDITURE)
    if table is None:
        return []
    own = disclosure.name.strip()
    rows = [r for r in table.rows if r.line is None and r.code is None and r.name.strip()
            and not (own and r.name.strip().startswith(own))]  # the unit's own subtotal row
    described = [r for r in rows if any(t.strip() for t in r.texts.values())]
    if described:  # rows with a category or a target are projects; the others are units
        return described
    return [r for r in rows if not _UNIT_ROW.search(r.name.strip())]


def _projects(disclosure: Disclosure, out: Quantities) -> None:
    from govbudget.tables.kinds import TableKind

    table = disclosure.table(TableKind.PROJECT_EXPENDITURE)
    if table is None:
        return
    line = table.line("total")
    if line is not None:
        _put(out, "projects.total", line.cell("total"), table, _where(table, "合计", "合计"))
    for row in _project_rows(disclosure):
        where = _where(table, row.name, "合计")
        key = f"project:{row.name.strip()}"
        if key in out:  # the same project in several units: the disclosure's figure is the sum
            q = out[key]
            out[key] = attrs.evolve(
                q, value=q.value + row.cell("total").as_zero(), where=f"{q.where} + …"
            )
        else:
            _put(out, key, row.cell("total"), table, where, row.name.strip())


def project_names(disclosure: Disclosure) -> tuple[str, ...]:
    """The projects of a disclosure: its performance targets, else its project table's rows."""
    names = tuple(p.name if hasattr(p, "name") else str(p) for p in disclosure.performance)
    if names:
        return names
    return tuple(dict.fromkeys(r.name.strip() for r in _project_rows(disclosure)))
