"""Linking performance targets to the disclosure's expenditure (项目与支出的对应).

A 绩效目标表 rarely says which functional codes pay for the project. The disclosure
often lets one find out, and ``link_targets`` fills ``amount`` and ``expenditure_codes``
where it does, and nowhere else (the model is immutable: it returns new targets):

1. **By name**, from a project table (项目支出预算情况表, ``TableKind.PROJECT_EXPENDITURE``):
   a target whose name is that of exactly one row (the amount decides between rows of
   the same name) takes the row's amount when it prints none, and the row's code.
2. **By amount**, from the 支出总表 (``TableKind.EXPENDITURE``): when the targets'
   amounts (or, for a table without an amount, its project-wide cost caps) add up to
   项目支出 exactly, a 项-level code whose 项目支出 is the sum of exactly one set of
   targets is the code of those targets; a code linked to one target alone gives that
   target its amount. Codes that no set matches, or several sets match, stay unlinked.

The seed: 24.5 + 30.5 = 55.00 (2080102) and 3 = 3.00 (2080799), so project 3 is
2080799 with 3.00, and projects 1–2 share 2080102.

>>> from decimal import Decimal
>>> from govbudget.performance.linking import link_by_amount
>>> link_by_amount({"a": Decimal("24.5"), "b": Decimal("30.5"), "c": Decimal(3)},
...                {"2080102": Decimal(55), "2080799": Decimal(3)})
{'a': '2080102', 'b': '2080102', 'c': '2080799'}
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import TypeVar

import attrs

from govbudget.money import Unit
from govbudget.performance.checks.base import norm
from govbudget.performance.checks.costs import cost_caps
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.kinds import TableKind
from govbudget.tables.performance import PerformanceTarget, TargetScope

__all__ = ["disclosure_targets", "link_by_amount", "link_targets", "project_rows"]

K = TypeVar("K")

#: above this many targets the search by amount is not attempted (2**n subsets)
MAX_TARGETS_BY_AMOUNT = 18


def disclosure_targets(disclosure: Disclosure) -> tuple[PerformanceTarget, ...]:
    """The performance targets of a disclosure, as read."""
    return tuple(t for t in disclosure.performance if isinstance(t, PerformanceTarget))


def project_rows(disclosure: Disclosure) -> list[tuple[str, Decimal | None, str | None]]:
    """(name, amount in the disclosure's unit, code) of each project in the project table."""
    table = disclosure.table(TableKind.PROJECT_EXPENDITURE)
    if table is None or table.column("total") is None:
        return []
    rows = []
    for r in table.rows:
        if r.line is not None or not r.name:
            continue
        value = r.cell("total").value
        if value is not None and table.unit is not disclosure.unit:
            value = table.unit.convert(value, disclosure.unit)
        rows.append((r.name, value, r.code))
    return rows


def link_targets(disclosure: Disclosure) -> tuple[PerformanceTarget, ...]:
    """The disclosure's targets with ``amount`` and ``expenditure_codes`` filled where the
    project table or the 支出总表 determine them (see the module docstring)."""
    targets = list(disclosure_targets(disclosure))
    unit = disclosure.unit
    rows = project_rows(disclosure)
    in_table: set[int] = set()
    if rows:
        for k, row in _link_by_name(targets, rows, unit).items():
            _, amount, code = rows[row]
            t = targets[k]
            codes = t.expenditure_codes
            if code and code not in codes:
                codes = (*codes, code)
            if t.amount is None and amount is not None:
                targets[k] = attrs.evolve(
                    t, amount=amount, amount_unit=unit, expenditure_codes=codes
                )
            elif codes != t.expenditure_codes:
                targets[k] = attrs.evolve(t, expenditure_codes=codes)
            in_table.add(k)
    if any(t.expenditure_codes for t in targets):
        return tuple(targets)
    spent = _project_spending(disclosure)
    if spent is None:
        return tuple(targets)
    total, by_code = spent
    eligible = [
        k
        for k, t in enumerate(targets)
        if (k in in_table if rows else t.scope is TargetScope.PROJECT)
    ]
    amounts: dict[int, Decimal] = {}
    for k in eligible:
        a = _budget(targets[k], unit)
        if a is None:
            return tuple(targets)
        amounts[k] = a
    if not amounts or sum(amounts.values()) != total:
        return tuple(targets)
    links = link_by_amount(amounts, by_code)
    shared: dict[str, int] = {}
    for code in links.values():
        shared[code] = shared.get(code, 0) + 1
    for k, code in links.items():
        t = targets[k]
        if t.amount is None and shared[code] == 1:
            targets[k] = attrs.evolve(
                t, amount=by_code[code], amount_unit=unit, expenditure_codes=(code,)
            )
        else:
            targets[k] = attrs.evolve(t, expenditure_codes=(code,))
    return tuple(targets)


def _budget(t: PerformanceTarget, unit: Unit) -> Decimal | None:
    amount = t.amount_in(unit)
    if amount is not None:
        return amount
    caps = cost_caps(t, unit)
    return sum((c for _, c in caps), Decimal(0)) if caps else None


def _key(name: str) -> str:
    return norm(unicodedata.normalize("NFKC", name))


def _link_by_name(
    targets: list[PerformanceTarget],
    rows: list[tuple[str, Decimal | None, str | None]],
    unit: Unit,
) -> dict[int, int]:
    """target index → row index, for names that single out one row."""
    free = set(range(len(rows)))
    out: dict[int, int] = {}
    for k, t in enumerate(targets):
        if t.scope is TargetScope.DEPARTMENT:
            continue
        same = [r for r in sorted(free) if _key(rows[r][0]) == _key(t.name)]
        amount = t.amount_in(unit)
        if len(same) > 1 and amount is not None:
            same = [r for r in same if rows[r][1] == amount]
        if len(same) == 1 and (amount is None or rows[same[0]][1] in (None, amount)):
            out[k] = same[0]
            free.discard(same[0])
    return out


def _project_spending(disclosure: Disclosure) -> tuple[Decimal, dict[str, Decimal]] | None:
    """项目支出 in total and by 项-level functional code, from the 支出总表."""
    table = disclosure.table(TableKind.EXPENDITURE)
    if table is None or table.column("project") is None:
        return None
    total_row = table.line("total")
    total = total_row.cell("project").value if total_row is not None else None
    by_code: dict[str, Decimal] = {}
    for r in table.code_rows():
        value = r.cell("project").value
        if r.code is not None and len(r.code) == 7 and value:
            by_code[r.code] = value
    if total is None or not by_code or sum(by_code.values()) != total:
        return None
    if table.unit is not disclosure.unit:
        total = table.unit.convert(total, disclosure.unit)
        by_code = {c: table.unit.convert(v, disclosure.unit) for c, v in by_code.items()}
    return total, by_code


def link_by_amount(amounts: Mapping[K, Decimal], by_code: Mapping[str, Decimal]) -> dict[K, str]:
    """Which code each key's amount belongs to, where a unique set of amounts makes up a
    code's total; repeated until nothing more is decided. Keys left out are undecided."""
    if len(amounts) > MAX_TARGETS_BY_AMOUNT:
        return {}
    free = dict(amounts)
    codes = dict(by_code)
    out: dict[K, str] = {}
    changed = True
    while changed and free and codes:
        changed = False
        for code, spent in sorted(codes.items()):
            subset = _unique_subset(free, spent)
            if subset is None:
                continue
            for k in subset:
                out[k] = code
                del free[k]
            del codes[code]
            changed = True
            break
    return out


def _unique_subset(amounts: Mapping[K, Decimal], target: Decimal) -> list[K] | None:
    """The one non-empty set of keys whose amounts add up to ``target``, or ``None`` when
    there is none or more than one."""
    keys = list(amounts)
    # reachable sum → (number of subsets reaching it, capped at 2; one such subset as a bitmask)
    ways: dict[Decimal, tuple[int, int]] = {Decimal(0): (1, 0)}
    for bit, k in enumerate(keys):
        a = amounts[k]
        grown = dict(ways)
        for s, (count, mask) in ways.items():
            s2 = s + a
            if s2 > target:
                continue
            c, m = grown.get(s2, (0, 0))
            grown[s2] = (min(2, c + count), m if c else mask | 1 << bit)
        ways = grown
    count, mask = ways.get(target, (0, 0))
    if count != 1 or not mask:
        return None
    return [k for bit, k in enumerate(keys) if mask >> bit & 1]
