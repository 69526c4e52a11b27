"""Rows whose meaning depends on their place in the table (合计行、单位行、结转行).

After the rows are read one by one, the table as a whole says what some of them are:

* in a 收支总表, a 收入合计 printed after the carry-over is the 收入总计, the fund lines
  under 上年结转 are the carry-over by fund, and a 财政拨款收入 followed by its fund lines
  is their sum;
* a row named after a unit (``深圳市财政局（本级）``, ``309001 某中心``) is that unit's
  subtotal (line ``unit``), never a row of a new disclosure; the first of them is the
  table's total when the others add up to it, or when it is the only one and the 类
  rows add up to it;
* a row without any label whose amounts are the sum of the 类 rows (or the only row of
  the table) is the total.

>>> from govbudget.money import Cell
>>> from govbudget.tables.model import Row
>>> rows = [Row("某局", cells={"total": Cell.amount("3")}),
...         Row("一般公共服务支出", "201", cells={"total": Cell.amount("3")})]
>>> [r.line for r in settle(TableKind.EXPENDITURE, rows, None, [], ())[0]]
['total', None]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

import attrs

from govbudget.tables.kinds import TableKind
from govbudget.tables.model import Row, TableHeader

__all__ = ["is_unit_name", "settle"]

_FUND_LINES = {"general_budget": "carryover_general", "gov_fund": "carryover_fund",
               "soe_capital": "carryover_soe"}
#: a line heading lines of its own key (财政拨款 over 一般公共预算…, 单位资金 over 事业收入…)
_GROUPS = {"general_budget": "fiscal", "business": "unit_funds"}
#: the ending of a unit's name (局, 委员会, 中心, 本级 …), maybe with a bracketed qualifier
_UNIT_END = re.compile(
    r"(局|委员会|委|办公厅|办公室|办|中心|院|所|站|队|馆|处|厅|学校|学院|本级|机关|支队|大队|总队"
    r"|协会|联合会|公司|分局)(（[^（）]*）|\([^()]*\))?$")
_UNIT_CODE = re.compile(r"^\[?\d{3,9}\]?\s*[-－—_]?\s*")
#: words of a project's or a 科目's name, never of a unit's (困难群众救助补助资金-救助中心)
_NOT_UNIT = re.compile(r"资金|经费|项目|补助|补贴|支出|费用|工程|[-－—_]")


def is_unit_name(name: str, header: TableHeader | None = None) -> bool:
    """Whether a row label names a unit (某局, 某中心（本级）, 309001 某中心) — the header's
    own name included."""
    t = _UNIT_CODE.sub("", name.strip()).replace(" ", "")
    if not t or len(t) > 40:
        return False
    if header is not None and header.name and t == header.name.replace(" ", ""):
        return True
    return bool(_UNIT_END.search(t)) and not t.startswith(("其他", "其中")) \
        and not _NOT_UNIT.search(t)


def settle(kind: TableKind, rows: list[Row], header: TableHeader | None,
           by_name: Sequence[tuple[str, str | None]], codes: Sequence[int]
           ) -> tuple[list[Row], list[str], str | None]:
    """The rows with the lines their place gives them, the reader's remarks, and how the
    rows break the amounts down (``BudgetTable.breakdown``)."""
    remarks = _name_remarks(by_name, header, bool(codes))
    if kind.spec.two_sided:
        return _summary_lines(kind, rows), remarks, None
    out = list(rows)
    if kind is TableKind.OTHER:
        return out, remarks, None
    units = [i for i, r in enumerate(out)
             if r.code is None and r.line is None and r.name and is_unit_name(r.name, header)]
    for i in units:
        out[i] = attrs.evolve(out[i], line="unit")
    if not any(r.line == "total" for r in out):
        total = _total_row(out, units)
        if total is not None:
            out[total] = attrs.evolve(out[total], line="total")
    return out, remarks, _breakdown(kind, out)


def _breakdown(kind: TableKind, rows: Sequence[Row]) -> str | None:
    """``unit`` when code rows follow two or more unit rows, ``repeated`` when a code is
    printed on several rows without them, ``source`` when a table by function prints its
    rows by fund source instead (一般公共预算资金, 政府性基金 …), else None (one row per code)."""
    codes = [r.code for r in rows if r.code is not None and r.side != "income"]
    if not codes and kind.spec.scheme == "functional":
        summary = TableKind.SUMMARY.spec
        sources = [r for r in rows if r.line is None and summary.line_key(r.name, "income")]
        if len(sources) >= 2:
            return "source"
    if len(set(codes)) == len(codes):
        return None
    sections = 0
    seen_code = False
    for r in rows:
        if r.line == "unit":
            sections += 1
            seen_code = False
        elif r.code is not None:
            seen_code = True
    return "unit" if sections >= 2 and seen_code else "repeated"


def _name_remarks(by_name: Sequence[tuple[str, str | None]], header: TableHeader | None,
                  has_codes: bool) -> list[str]:
    if has_codes:
        return []
    coded = [n for n, c in by_name if c is not None]
    uncoded = [n for n, c in by_name if c is None and not is_unit_name(n, header)]
    out = []
    if coded:
        out.append(f"{len(coded)} rows printed without codes were coded from their names "
                   "through the catalogue")
    if uncoded:
        shown = "、".join(uncoded[:5]) + ("…" if len(uncoded) > 5 else "")
        out.append(f"{len(uncoded)} rows printed without codes could not be coded "
                   f"unambiguously and stay uncoded: {shown}")
    return out


def _amount(row: Row, key: str) -> Decimal | None:
    c = row.cells.get(key)
    return c.value if c is not None and c.is_amount else None


def _first_key(rows: Sequence[Row]) -> str | None:
    for r in rows:
        for k, c in r.cells.items():
            if c.is_amount:
                return "total" if "total" in r.cells else k
    return None


def _adds_up(row: Row, parts: Sequence[Row], key: str) -> bool:
    own = _amount(row, key)
    if own is None or not parts:
        return False
    got = sum((_amount(p, key) or Decimal(0)) for p in parts)
    return abs(got - own) <= Decimal("0.01") * max(1, len(parts))


def _total_row(rows: list[Row], units: list[int]) -> int | None:
    """The row that is the table's total though not labelled 合计, if one is."""
    key = _first_key(rows)
    if key is None:
        return None
    classes = [r for r in rows if r.code is not None and len(r.code) == 3]
    if units:
        first = units[0]
        others = [rows[i] for i in units[1:]]
        if others and _adds_up(rows[first], others, key):
            return first  # the department's row, then its units'
        if not others and (not classes or _adds_up(rows[first], classes, key)):
            return first  # the one unit's row: the table's total, labelled with its name
        return None
    blank = [i for i, r in enumerate(rows) if not r.name.strip() and r.code is None
             and r.line is None and any(c.is_amount for c in r.cells.values())]
    if len(blank) == 1 and (len(rows) == 1 or _adds_up(rows[blank[0]], classes, key)):
        return blank[0]
    return None


def _summary_lines(kind: TableKind, rows: list[Row]) -> list[Row]:
    """Named lines of a two-sided table whose meaning depends on their place.

    A 收入合计 printed after the carry-over is the 收入总计 (and a 合计 printed before it,
    when a 总计 follows, the 本年收入合计); the fund lines printed under 上年结转 are the
    carry-over by fund; a 财政拨款收入 followed by its fund lines (一般公共预算 …) is their
    sum, not the general-budget line (and 单位资金 over 事业收入 … theirs).
    """
    out = list(rows)
    for side in ("income", "expenditure"):
        idx = [i for i, r in enumerate(out) if r.side == side]
        carry_at = next((n for n, i in enumerate(idx) if out[i].line in ("carryover", "carryforward")),
                        None)
        totals = [n for n, i in enumerate(idx) if out[i].line == "total"]
        carried = False
        for n, i in enumerate(idx):
            r = out[i]
            line = r.line
            if line in ("carryover", "carryforward"):
                carried = True
            elif line == "total" and carry_at is not None and n < carry_at and totals[-1] > carry_at:
                line = "subtotal"  # 合计 above the carry-over, 总计 below it
            elif line == "subtotal" and carried and not totals:
                line = "total"
            elif carried and line in _FUND_LINES and kind in (TableKind.FISCAL_SUMMARY,
                                                              TableKind.FINAL_FISCAL_SUMMARY):
                line = _FUND_LINES[line]
            elif line in _GROUPS and n + 1 < len(idx) and out[idx[n + 1]].line == line:
                line = _GROUPS[line]  # 财政拨款 / 单位资金 heading the lines it sums
            if line != r.line:
                out[i] = attrs.evolve(r, line=line)
    return out
