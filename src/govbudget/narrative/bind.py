"""Table quantities (表内数字) and binding narrative claims to them, at the text's precision.

>>> from decimal import Decimal
>>> from govbudget.money import Unit
>>> from govbudget.narrative.bind import Quantity, agrees
>>> q = Quantity("expenditure.project", Decimal("58.00"), Unit.WAN, "支出总表 / 合计 / 项目支出")
>>> agrees(Decimal("58"), Unit.WAN, q), agrees(Decimal("580000"), Unit.YUAN, q)
('exact', 'exact')
>>> agrees(Decimal("57"), Unit.WAN, q)
'mismatch'
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govbudget.money import Cell, Unit, places_of
from govbudget.narrative.claims import Claim, ClaimKind
from govbudget.narrative.synonyms import quantity_key

if TYPE_CHECKING:
    from govbudget.tables.disclosure import Disclosure
    from govbudget.tables.model import BudgetTable

__all__ = ["Binding", "Quantity", "agrees", "bind", "claim_key", "quantities"]

QuantityKey = str


@attrs.frozen(slots=True)
class Quantity:
    """A named figure of a disclosure's tables (表内数字): key, value, unit and where it is."""

    key: QuantityKey
    value: Decimal
    unit: Unit | None
    where: str
    name: str | None = None  # the row name as printed, for code quantities
    blank: bool = False  # the cell was blank (counted as zero)


@attrs.frozen(slots=True)
class Binding:
    """A claim and the table quantity it describes (陈述与表内数字的对应)."""

    claim: Claim
    key: QuantityKey | None
    quantity: Quantity | None
    status: str  # exact | rounded | mismatch | unbound | absent

    @property
    def bound(self) -> bool:
        return self.quantity is not None


def _put(
    out: dict[QuantityKey, Quantity],
    key: str,
    cell: Cell,
    unit: Unit,
    where: str,
    name: str | None = None,
) -> None:
    if key in out or cell.is_dash:
        return
    out[key] = Quantity(key, cell.as_zero(), unit, where, name, cell.is_blank)


def _where(table: BudgetTable, row: str, column: str) -> str:
    return f"{table.title or table.name} / {row} / {column}"


def quantities(disclosure: Disclosure) -> dict[QuantityKey, Quantity]:
    """The named figures of a disclosure, read from its tables (first table of a kind wins)."""
    from govbudget.tables.kinds import TableKind

    out: dict[QuantityKey, Quantity] = {}
    summary = disclosure.table(TableKind.SUMMARY)
    if summary is not None:
        for row in summary.rows:
            if row.line is None:
                continue
            side = row.side or "income"
            prefix = "revenue" if side == "income" else "expenditure"
            _put(
                out,
                f"{prefix}.{row.line}",
                row.cell(side),
                summary.unit,
                _where(summary, row.name, "预算数"),
                row.name,
            )
        parts = [out.get(f"revenue.{k}") for k in ("general_budget", "gov_fund", "soe_capital")]
        if parts[0] is not None:
            total = sum((p.value for p in parts if p is not None), Decimal(0))
            out.setdefault(
                "revenue.fiscal",
                Quantity(
                    "revenue.fiscal", total, summary.unit, "收支总表 / 财政拨款收入（三项之和）"
                ),
            )
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
                _put(
                    out, f"{prefix}.{col}", line.cell(col), table.unit, _where(table, "合计", name)
                )
        elif table.is_empty():
            out.setdefault(
                f"{prefix}.total",
                Quantity(
                    f"{prefix}.total",
                    Decimal(0),
                    table.unit,
                    _where(table, "空表", "合计"),
                    blank=True,
                ),
            )
        if prefix in ("expenditure", "general"):
            for row in table.code_rows():
                _put(
                    out,
                    f"functional:{row.code}",
                    row.cell("total"),
                    table.unit,
                    _where(table, row.label, "合计"),
                    row.name,
                )
    if "expenditure.total" in out and "expenditure.subtotal" not in out:
        out["expenditure.subtotal"] = attrs.evolve(
            out["expenditure.total"], key="expenditure.subtotal"
        )
    basic = disclosure.table(TableKind.BASIC_EXPENDITURE)
    if basic is not None:
        trow = basic.line("total")
        if trow is not None:
            _put(
                out, "general.basic", trow.cell("total"), basic.unit, _where(basic, "合计", "合计")
            )
            _put(
                out,
                "basic.personnel",
                trow.cell("personnel"),
                basic.unit,
                _where(basic, "合计", "人员经费"),
            )
            _put(
                out,
                "basic.public",
                trow.cell("public"),
                basic.unit,
                _where(basic, "合计", "公用经费"),
            )
        for key in ("personnel", "public"):
            line = basic.line(key)
            if line is not None:
                _put(
                    out,
                    f"basic.{key}",
                    line.cell("total"),
                    basic.unit,
                    _where(basic, line.name, "合计"),
                )
        for row in basic.code_rows():
            _put(
                out,
                f"economic:{row.code}",
                row.cell("total"),
                basic.unit,
                _where(basic, row.label, "合计"),
                row.name,
            )
    _three_public(disclosure, out)
    proc = disclosure.table(TableKind.PROCUREMENT)
    if proc is not None:
        line = proc.line("total")
        if line is not None and line.cell("total").is_amount:
            _put(
                out,
                "procurement.total",
                line.cell("total"),
                proc.unit,
                _where(proc, "合计", "合计"),
            )
        elif proc.is_empty():
            out["procurement.total"] = Quantity(
                "procurement.total", Decimal(0), proc.unit, _where(proc, "空表", "合计"), blank=True
            )
    assets = disclosure.table(TableKind.FIXED_ASSETS)
    if assets is not None:
        line = assets.line("total")
        if line is not None:
            _put(
                out,
                "assets.total",
                line.cell("value"),
                assets.unit,
                _where(assets, line.name, "价值"),
            )
        line = assets.line("vehicles")
        if line is not None and line.cell("quantity").is_amount:
            out["assets.vehicles"] = Quantity(
                "assets.vehicles",
                line.cell("quantity").as_zero(),
                None,
                _where(assets, line.name, "数量"),
                line.name,
            )
    return out


def _three_public(disclosure: Disclosure, out: dict[QuantityKey, Quantity]) -> None:
    from govbudget.tables.kinds import TableKind
    from govbudget.tables.three_public import ThreePublicExpenses

    table = disclosure.table(TableKind.THREE_PUBLIC)
    if table is not None:
        e = ThreePublicExpenses.from_table(table)
        for key in (
            "total",
            "overseas",
            "vehicle",
            "vehicle_purchase",
            "vehicle_operation",
            "reception",
            "meeting",
            "training",
        ):
            item = getattr(e, key)
            full = key if key in ("meeting", "training") else f"three_public.{key}"
            cell = item.total if item.total.is_amount else item.general
            row = table.line(key)
            if row is not None:
                _put(out, full, cell, table.unit, _where(table, row.name, "合计"), row.name)
            if item.prior.is_amount:
                _put(out, f"prior.{full}", item.prior, table.unit, _where(table, key, "上年"))
        if (
            "three_public.vehicle" not in out
            and {"three_public.vehicle_purchase", "three_public.vehicle_operation"} <= out.keys()
        ):
            v = (
                out["three_public.vehicle_purchase"].value
                + out["three_public.vehicle_operation"].value
            )
            out["three_public.vehicle"] = Quantity(
                "three_public.vehicle", v, table.unit, "“三公”经费表 / 购置费 + 运行维护费"
            )
        op = table.line("operation_expenses")
        if op is not None:
            _put(out, "running_costs", op.cell("total"), table.unit, _where(table, op.name, "合计"))
    yoy = disclosure.table(TableKind.THREE_PUBLIC_YOY)
    if yoy is not None:
        for row in yoy.rows:
            if row.line is None:
                continue
            full = row.line if row.line in ("meeting", "training") else f"three_public.{row.line}"
            for col in ("prior", "current", "change"):
                _put(
                    out,
                    f"{col}.{full}" if col != "current" else f"yoy.{full}",
                    row.cell(col),
                    yoy.unit,
                    _where(yoy, row.name, col),
                    row.name,
                )


def agrees(value: Decimal, unit: Unit | None, q: Quantity) -> str:
    """``exact``, ``rounded`` (within half a unit of the coarser precision) or ``mismatch``."""
    if unit is not None and q.unit is not None and unit is not q.unit:
        v = unit.convert(value, q.unit)
        half_text = unit.convert(Decimal(5).scaleb(-(places_of(value) + 1)), q.unit)
    else:
        v = value
        half_text = Decimal(5).scaleb(-(places_of(value) + 1))
    if v == q.value:
        return "exact"
    half_table = Decimal(5).scaleb(-(places_of(q.value) + 1))
    if abs(v - q.value) <= max(half_text, half_table):
        return "rounded"
    return "mismatch"


def claim_key(claim: Claim, qs: Mapping[QuantityKey, Quantity] | None = None) -> QuantityKey | None:
    """The quantity key a claim's label names (a functional code when the text gives one)."""
    if claim.code is not None:
        return f"functional:{claim.code}"
    if claim.code_names and qs is not None:
        code = _code_by_names(claim.code_names, qs)
        if code is not None:
            return f"functional:{code}"
    if claim.kind is ClaimKind.COUNT:
        return (
            "assets.vehicles"
            if any(w in claim.label for w in ("车辆", "用车", "公车"))
            and claim.measure in ("辆", "台")
            else None
        )
    return quantity_key(claim.label)


def _code_by_names(names: tuple[str, ...], qs: Mapping[QuantityKey, Quantity]) -> str | None:
    """The functional code whose 类/款/项 rows are printed with these names, in the tables."""
    parent = ""
    for name in names:
        found = None
        for key, q in qs.items():
            if key.startswith("functional:") and q.name == name:
                code = key.split(":", 1)[1]
                if code.startswith(parent) and len(code) == (len(parent) + 2 if parent else 3):
                    found = code
                    break
        if found is None:
            return None
        parent = found
    return parent or None


def bind(claim: Claim, qs: Mapping[QuantityKey, Quantity]) -> Binding:
    """Bind an amount or count claim to its table quantity and compare at the text's precision."""
    key = claim_key(claim, qs)
    if key is None:
        return Binding(claim, None, None, "unbound")
    q = qs.get(key)
    if q is None or claim.value is None:
        return Binding(claim, key, None, "absent")
    return Binding(claim, key, q, agrees(claim.value, claim.unit, q))
