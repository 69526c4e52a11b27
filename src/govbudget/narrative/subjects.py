"""Whose figures a narrative section speaks of (陈述主体): the department, or one unit.

A department's 情况说明 may give a section to each subordinate unit (所属单位): under
``十六、深圳鹏城技师学院`` the 项目支出 is that unit's, not the department's. A section whose
heading names a unit (and every section under it) has that unit as its subject. Its claims
are compared with the unit's own row of the tables that print one (rows by unit, the
``unit`` line); a figure no table gives for the unit cannot be checked.

>>> from govbudget.narrative.sections import build_narrative
>>> from govbudget.readers.raw import RawBlock
>>> from govbudget.tables import Disclosure, Scope
>>> n = build_narrative([RawBlock("一、部门收支总体情况"), RawBlock("收入10万元。"),
...                      RawBlock("二、某市考试院"), RawBlock("项目支出2万元。"),
...                      RawBlock("（一）项目支出"), RawBlock("考务费2万元。")])
>>> d = Disclosure(Scope.DEPARTMENT, "1", "某局", 2026, narrative=n)
>>> section_subjects(d)
(None, '某市考试院', '某市考试院')
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govbudget.narrative.quantities import Quantities, Quantity
from govbudget.narrative.sections import strip_marker

if TYPE_CHECKING:
    from govbudget.tables.disclosure import Disclosure
    from govbudget.tables.model import BudgetTable, Row

__all__ = ["section_subjects", "unit_quantities"]

_NOISE = re.compile(r"[\s“”\"]")
#: a heading that names an organisation: 某某局（本级）, 某某中心, 某某学院
_UNIT_TITLE = re.compile(
    r"^[^，,。；;：:、\d]{3,40}?(?:局|委员会|办公室|办事处|中心|站|院|所|队|馆|学校|学院|医院)"
    r"(?:[(（](?:本级|[^()（）]{2,20}(?:院|校|中心))[)）])?$"
)


_OWN_LEVEL = re.compile(r"[(]本级[)]$")
_ALIAS = re.compile(r"^(?P<name>.+?)[(](?P<alias>[^()]+)[)]$")


def _norm(name: str) -> str:
    """``某局（本级）`` and ``某局本级`` alike, without spaces and quotes."""
    t = _NOISE.sub("", name).replace("（", "(").replace("）", ")")
    return _OWN_LEVEL.sub("本级", t)


def _names(title: str) -> tuple[str, ...]:
    """A heading's name, and the names it gives in brackets (``某学院（某技师学院）``)."""
    name = _norm(title)
    m = _ALIAS.match(name)
    return (name, m.group("name"), m.group("alias")) if m else (name,)


def _unit_rows(disclosure: Disclosure) -> dict[str, list[tuple[BudgetTable, Row]]]:
    """The unit rows of the tables, by normalised unit name."""
    out: dict[str, list[tuple[BudgetTable, Row]]] = {}
    for table in disclosure.tables:
        for row in table.rows:
            if row.line == "unit" and row.name.strip():
                out.setdefault(_norm(row.name), []).append((table, row))
    return out


def section_subjects(disclosure: Disclosure) -> tuple[str | None, ...]:
    """For each section of the narrative, the unit it is about (``None``: the department).

    A heading names a unit when a table prints a unit row of that name, or when it has the
    shape of an organisation's name other than the department's own. The name kept is
    the one a table prints, when there is one.
    """
    narrative = disclosure.narrative
    if narrative is None:
        return ()
    rows = _unit_rows(disclosure)
    own = _norm(disclosure.name)
    out: list[str | None] = []
    stack: list[tuple[int, str | None]] = []
    for s in narrative.sections:
        while stack and stack[-1][0] >= s.level:
            stack.pop()
        names = _names(strip_marker(s.title))
        printed = next((n for n in names if n in rows and n != own), None)
        subject: str | None = printed
        if printed is None and names[0] and names[0] != own and _UNIT_TITLE.match(names[0]):
            subject = names[0]
        if subject is None:
            subject = stack[-1][1] if stack else None
        stack.append((s.level, subject))
        out.append(subject)
    return tuple(out)


#: the table kinds whose unit rows give a unit's figures, and the keys they give
_UNIT_KEYS = {
    "EXPENDITURE": "expenditure",
    "GENERAL_BUDGET": "general",
}


def unit_quantities(disclosure: Disclosure, unit: str) -> Quantities:
    """The figures the tables print for one unit (its ``unit`` rows): 支出 合计/基本/项目."""
    out: Quantities = {}
    for table, row in _unit_rows(disclosure).get(unit, []):
        prefix = _UNIT_KEYS.get(table.kind.name)
        if prefix is None:
            continue
        for col, name in (("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")):
            cell = row.cell(col)
            key = f"{prefix}.{col}"
            if key in out or not cell.is_amount:
                continue
            where = f"{table.title or table.name} / {row.name} / {name}"
            out[key] = Quantity(key, cell.as_zero(), table.unit, where, row.name,
                                table=table.kind.name)
    return out
