"""Reading performance-target tables (绩效目标表) from raw grids.

The layout is recognised by its header cells (一级指标, 二级指标, 三级指标, 指标值 …) in
any column order; the labelled rows above the header (项目名称, 资金总额, 年度目标 …) are
read as key/value pairs. Nothing read is dropped: what has no field goes to ``details``.

>>> from govbudget.io.raw import RawTable
>>> from govbudget.performance.tables import read_performance_table
>>> grid = (("绩效目标", "1.保障运转。"), ("一级指标", "二级指标", "三级指标", "指标值"),
...         ("产出指标", "成本指标", "经费成本", "≤3万元"), ("", "质量指标", "准确率", "≥95%"))
>>> t = read_performance_table(RawTable(grid, title="1、综合业务费绩效目标表"))
>>> t.name, t.goals, [str(i.value) for i in t.indicators], t.indicators[1].level1
('综合业务费', ('保障运转。',), ['≤3万元', '≥95%'], '产出指标')
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal

from govbudget.errors import InvalidAmount, LoadError
from govbudget.io.raw import RawTable
from govbudget.money import Unit, parse_cell
from govbudget.performance.model import (
    PerformanceIndicator,
    PerformanceTarget,
    TargetScope,
    document_number,
    split_goals,
)

__all__ = ["is_performance_title", "read_performance_table", "read_performance_tables"]


class _Role(enum.Enum):
    LABEL = "label"  # the row-label column (绩效目标指标, 年度绩效指标)
    L1 = "一级指标"
    L2 = "二级指标"
    L3 = "三级指标"
    DESC = "绩效指标描述"
    VALUE = "指标值"
    BASIS = "指标值确定依据"
    EXTRA = "extra"


_WS = re.compile(r"[\s\u3000]+")


def _key(text: str | None) -> str:
    """A label for matching: NFKC, no spaces or wraps, no trailing colon."""
    return _WS.sub("", unicodedata.normalize("NFKC", text or "")).strip(":：")


def _unwrap(text: str | None) -> str:
    """A wrapped cell's text on one line (Chinese wraps join without a space)."""
    if not text:
        return ""
    lines = [ln.strip() for ln in text.splitlines()]
    out = ""
    for ln in lines:
        if (
            out
            and ln
            and out[-1].isascii()
            and out[-1].isalpha()
            and ln[0].isascii()
            and ln[0].isalpha()
        ):
            out += " "
        out += ln
    return out.strip()


def _role(header: str) -> _Role | None:
    k = _key(header)
    if not k:
        return None
    if k in ("一级指标", "一级"):
        return _Role.L1
    if k in ("二级指标", "二级"):
        return _Role.L2
    if k in ("三级指标", "三级", "三级指标名称", "指标名称"):
        return _Role.L3
    if "依据" in k or k in ("指标值来源", "指标来源", "取值依据"):
        return _Role.BASIS
    if "指标值" in k or "目标值" in k:
        return _Role.VALUE
    if any(w in k for w in ("描述", "解释", "说明", "指标内容", "计算方法")):
        return _Role.DESC
    if k in (
        "绩效指标",
        "绩效目标指标",
        "年度绩效指标",
        "绩效指标体系",
        "年度绩效目标指标",
        "指标",
        "产出及效果指标",
    ):
        return _Role.LABEL
    return None


def is_performance_title(text: str | None) -> bool:
    """True for the title of a performance-target table (…绩效目标表, 部门整体支出绩效目标表)."""
    k = _key(text)
    return "绩效目标表" in k or ("绩效" in k and "目标" in k and k.endswith(("表", "表)")))


def _header_row(rows: Sequence[Sequence[str]]) -> tuple[int, dict[int, _Role]] | None:
    for r, cells in enumerate(rows):
        roles = {c: _role(t) for c, t in enumerate(cells)}
        found = set(roles.values())
        if len(found & {_Role.L1, _Role.L2, _Role.L3}) >= 2 and _Role.VALUE in found:
            return r, {c: role or _Role.EXTRA for c, role in roles.items()}
    return None


def _partial_header(rows: Sequence[Sequence[str]]) -> tuple[int, str] | None:
    """Where a header was half-recognised, and the first heading missing there."""
    for r, cells in enumerate(rows):
        found = {_role(t) for t in cells}
        if found & {_Role.L1, _Role.L2, _Role.L3, _Role.VALUE}:
            for role in (_Role.L1, _Role.L2, _Role.L3, _Role.VALUE):
                if role not in found:
                    return r, role.value
    return None


# --- the labelled rows above the header ---------------------------------------------

_NAME = {"项目名称", "专项资金名称", "专项名称", "项目", "政策名称", "政策和项目名称", "资金名称"}
_DEPARTMENT = {"主管部门", "主管部门及代码", "部门名称", "预算部门", "部门"}
_UNIT = {"实施单位", "项目实施单位", "单位名称", "预算单位"}
_GOAL = {
    "绩效目标",
    "年度目标",
    "总体目标",
    "年度总体目标",
    "项目实施期目标",
    "实施期目标",
    "年度绩效目标",
    "项目年度目标",
    "整体绩效目标",
    "部门整体绩效目标",
    "长期目标",
    "总体绩效目标",
    "目标",
    "年度绩效目标内容",
}
_TOTAL = {
    "资金总额",
    "年度预算资金总额",
    "年度预算资金",
    "项目资金",
    "专项资金情况",
    "资金情况",
    "年度预算安排",
    "预算资金",
    "年度资金总额",
    "项目总金额",
    "预算金额",
    "项目金额",
    "项目资金总额",
    "年度资金",
    "专项资金",
    "资金总额合计",
    "预算数",
}
_AMOUNT_TAIL = ("资金", "拨款", "支出", "总额", "金额", "安排", "情况", "结转", "收入", "预算数")
_UNIT_IN_LABEL = re.compile(r"\((万元|元|亿元)\)")


def _label(cell: str) -> tuple[str, Unit | None] | None:
    """A cell that is a field label (项目名称, 资金总额：, 专项资金情况（万元）), and its unit."""
    k = _key(cell)
    if k.startswith("其中"):
        k = k[2:].lstrip(":：")
    unit = None
    m = _UNIT_IN_LABEL.search(k)
    if m:
        unit = Unit.parse(m.group(1))
        k = _UNIT_IN_LABEL.sub("", k)
    k = k.strip(":：")
    if not k or len(k) > 14:
        return None
    if (
        k in _NAME | _DEPARTMENT | _UNIT | _GOAL | _TOTAL
        or k.endswith(_AMOUNT_TAIL)
        or k in ("部门预算编码", "部门编码", "单位编码", "项目编码", "项目代码", "备注")
    ):
        return k, unit
    return None


def _amount(cell: str) -> Decimal | None:
    try:
        c = parse_cell(cell)
    except InvalidAmount:
        return None
    return c.value


class _Head:
    """What the labelled rows said, collected while scanning."""

    def __init__(self) -> None:
        self.name: str | None = None
        self.department: str | None = None
        self.unit: str | None = None
        self.goal_parts: list[str] = []
        self.amount: Decimal | None = None
        self.amount_unit: Unit | None = None
        self.funds: list[tuple[str, Decimal]] = []
        self.details: list[tuple[str, str]] = []
        self.special = False
        self.title: str | None = None

    def put(self, label: str, text: str) -> None:
        value = _unwrap(text) if label not in _GOAL else text.strip()
        if label in _NAME and self.name is None:
            self.name = value
            self.special = self.special or label.startswith("专项")
        elif label in _DEPARTMENT and self.department is None:
            self.department = value
        elif label in _UNIT and self.unit is None:
            self.unit = value
        elif label in _GOAL:
            self.goal_parts.append(text.strip())
        else:
            amount = _amount(value)
            if amount is not None and (label in _TOTAL or label.endswith(_AMOUNT_TAIL)):
                self.funds.append((label, amount))
                if label in _TOTAL and self.amount is None:
                    self.amount = amount
            else:
                self.details.append((label, value))

    def row(self, cells: Sequence[str]) -> None:
        pending: str | None = None
        for cell in cells:
            if not cell or not cell.strip():
                continue
            lab = _label(cell)
            takes_value = pending is not None and (
                pending not in _TOTAL or _amount(cell) is not None
            )
            if lab is not None and not takes_value:
                pending, unit = lab
                if unit is not None:
                    self.amount_unit = unit
                continue
            if pending is not None:
                self.put(pending, cell)
                pending = None
                continue
            text = _unwrap(cell)
            if is_performance_title(text) and self.title is None:
                self.title = text
                continue
            m = re.match(r"^([^:：]{1,12})[:：](.+)$", text, re.S)
            if m:
                self.details.append((m.group(1).strip(), m.group(2).strip()))
            else:
                self.details.append(("", text))
        if pending is not None and pending not in _TOTAL:
            self.details.append((pending, ""))


# --- titles -------------------------------------------------------------------------

_LEADING_NO = re.compile(
    r"^\s*(?:\d{1,3}\s*[、.．]|[（(]\d{1,3}[)）]|[一二三四五六七八九十]+、)\s*"
)
_UNIT_PREFIX = re.compile(r"^(\d{3,9})[_\-－—](?:(.+?)[_\-－—])?")
_YEAR_TAIL = re.compile(r"[（(]\s*\d{4}\s*年度?\s*[)）]$")


def _name_from_title(title: str) -> tuple[str, str | None, str | None]:
    """Project name, unit code and unit name from a title like ``301007_…_X项目绩效目标表``."""
    t = _YEAR_TAIL.sub("", _WS.sub("", title))
    t = _LEADING_NO.sub("", t)
    code = unit = None
    m = _UNIT_PREFIX.match(t)
    if m:
        code, unit = m.group(1), m.group(2)
        t = t[m.end() :]
    for tail in ("项目支出绩效目标表", "项目绩效目标表", "支出绩效目标表", "绩效目标表"):
        if t.endswith(tail):
            t = t[: -len(tail)]
            break
    return t, code, unit


def _title_of(raw: RawTable) -> str | None:
    if raw.title and raw.title.strip():
        return raw.title.strip()
    for line in reversed(raw.context):
        if is_performance_title(line):
            return line.strip()
    return None


# --- the indicator rows -------------------------------------------------------------


def _indicators(
    rows: Sequence[Sequence[str]],
    start: int,
    roles: dict[int, _Role],
    header: Sequence[str],
    head: _Head,
) -> list[PerformanceIndicator]:
    out: list[PerformanceIndicator] = []
    l1 = l2 = ""
    has_basis = _Role.BASIS in roles.values()
    for r in range(start, len(rows)):
        cells = rows[r]
        got: dict[_Role, str] = {}
        extra: list[tuple[str, str]] = []
        for c, text in enumerate(cells):
            role = roles.get(c, _Role.EXTRA)
            value = _unwrap(text)
            if role in (_Role.EXTRA, _Role.LABEL) and _role(value) is _Role.LABEL:
                continue  # the row label (绩效指标) repeated on each row
            if role is _Role.EXTRA:
                if value:
                    extra.append((_unwrap(header[c]) if c < len(header) else f"列{c + 1}", value))
            elif role is _Role.LABEL:
                if value and _role(value) is not _Role.LABEL:
                    extra.append(("", value))
            elif value:
                got[role] = got[role] + value if role in got else value
        if not got and not extra:
            continue
        first = next((_unwrap(t) for t in cells if t and t.strip()), "")
        if _key(first) in ("备注", "说明", "注"):
            rest = [v for _, v in extra] + list(got.values())
            if rest and rest[0] == first:
                rest = rest[1:]
            head.details.append((_key(first), "".join(rest)))
            continue
        if not got and extra:
            head.details.extend(extra)
            continue
        if out and not ({_Role.L1, _Role.L2, _Role.VALUE, _Role.BASIS} & got.keys()) and not extra:
            prev = out.pop()  # a wrapped row: the rest of the previous row's name/description
            out.append(
                PerformanceIndicator.read(
                    prev.level1,
                    prev.level2,
                    prev.name + got.get(_Role.L3, ""),
                    description=prev.description + got.get(_Role.DESC, ""),
                    value=prev.value_raw,
                    basis=prev.basis_raw,
                    extra=prev.extra,
                    row=prev.row,
                )
            )
            continue
        new_l1 = got.get(_Role.L1, "")
        if new_l1 and new_l1 != l1:
            l1, l2 = new_l1, ""
        l2 = got.get(_Role.L2, "") or l2
        out.append(
            PerformanceIndicator.read(
                l1,
                l2,
                got.get(_Role.L3, ""),
                description=got.get(_Role.DESC, ""),
                value=got.get(_Role.VALUE, ""),
                basis=got.get(_Role.BASIS, "") if has_basis else None,
                extra=tuple(extra),
                row=r,
            )
        )
    return out


def read_performance_table(
    raw: RawTable, *, file: str | None = None, name: str | None = None
) -> PerformanceTarget:
    """Read one 绩效目标表 grid (labelled rows, a header row, indicator rows).

    Raises ``LoadError`` naming the table, row and column when no header row with
    一级/二级/三级指标 and 指标值 is found.
    """
    rows = raw.rows
    title = _title_of(raw)
    found = _header_row(rows)
    if found is None:
        partial = _partial_header(rows)
        row, column = partial if partial else (len(rows), None)
        raise LoadError(
            "performance table without a recognisable header row",
            file=file,
            page=raw.page_of(row) if row < len(rows) else raw.page,
            table=title or (f"#{raw.index}" if raw.index is not None else None),
            row=row,
            column=column,
            expected="a row with 一级指标, 二级指标, 三级指标 and 指标值 (or 目标值)",
        )
    header_at, roles = found
    head = _Head()
    for cells in rows[:header_at]:
        head.row(cells)
    indicators = _indicators(rows, header_at + 1, roles, rows[header_at], head)
    title = title or head.title
    t_name, code, unit_name = _name_from_title(title) if title else ("", None, None)
    project = name or head.name or t_name
    dept_wide = "部门整体" in (title or "") or "整体支出" in (title or "")
    if dept_wide and not name and not head.name and head.department:
        project = head.department
    if head.name and t_name and t_name != head.name:
        head.details.append(("标题", title or ""))
    scope = TargetScope.PROJECT
    all_text = (title or "") + "".join(k for k, _ in head.details)
    if "部门整体" in all_text or "整体支出" in all_text:
        scope = TargetScope.DEPARTMENT
    elif head.special or "专项资金" in (title or ""):
        scope = TargetScope.SPECIAL_FUND
    goal_text = "\n".join(head.goal_parts)
    return PerformanceTarget(
        name=project,
        indicators=tuple(indicators),
        goals=split_goals(goal_text),
        goal_text=goal_text,
        scope=scope,
        document=document_number(project) or document_number(title),
        amount=head.amount,
        amount_unit=head.amount_unit or _unit_from_context(raw) or Unit.WAN,
        funds=tuple(head.funds),
        department=head.department,
        implementing_unit=head.unit or unit_name,
        unit_code=code,
        title=title,
        details=tuple(head.details),
        page=raw.page,
        line=raw.line,
    )


def _unit_from_context(raw: RawTable) -> Unit | None:
    for line in raw.context:
        if "单位" in line and "元" in line:
            try:
                return Unit.parse(line.strip())
            except InvalidAmount:
                continue
    return None


def read_performance_tables(
    tables: Iterable[RawTable], *, file: str | None = None
) -> list[PerformanceTarget]:
    """Read a run of raw tables, joining a titled grid without a header (the goal rows)
    with the untitled grid that follows it (the indicator rows)."""
    out: list[PerformanceTarget] = []
    pending: RawTable | None = None
    for raw in tables:
        if pending is not None:
            if _title_of(raw) is None or not is_performance_title(_title_of(raw)):
                raw = RawTable(
                    pending.rows + raw.rows,
                    title=pending.title,
                    context=pending.context,
                    page=pending.page,
                    line=pending.line,
                    index=pending.index,
                )
                pending = None
            else:
                out.append(read_performance_table(pending, file=file))  # raises
        if _header_row(raw.rows) is None and is_performance_title(_title_of(raw)):
            pending = raw
            continue
        out.append(read_performance_table(raw, file=file))
    if pending is not None:
        out.append(read_performance_table(pending, file=file))
    return out
