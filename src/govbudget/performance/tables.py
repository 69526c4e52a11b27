"""Reading performance-target tables (绩效目标表) from raw grids.

The layout is recognised by its header cells (一级指标, 二级指标, 三级指标, 指标值 …) in
any column order; the labelled rows above the header (项目名称, 资金总额, 年度目标 …) are
read as key/value pairs. Nothing read is dropped: what has no field goes to ``details``.

>>> from govbudget.readers.raw import RawTable
>>> from govbudget.performance.tables import read_performance_table
>>> grid = (("绩效目标", "1.保障运转。"), ("一级指标", "二级指标", "三级指标", "指标值"),
...         ("产出指标", "成本指标", "经费成本", "≤3万元"), ("", "质量指标", "准确率", "≥95%"))
>>> t = read_performance_table(RawTable(grid, title="1、综合业务费绩效目标表"))
>>> t.name, t.goals, [str(i.value) for i in t.indicators], t.indicators[1].level1
('综合业务费', ('保障运转。',), ['≤3万元', '≥95%'], '产出指标')
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable, Sequence

import attrs

from govbudget.errors import InvalidAmount, LoadError
from govbudget.money import Unit, parse_cell
from govbudget.performance.grids import level1_of, list_indicators, project_column, split_levels
from govbudget.performance.heads import (
    Head,
    clean_name,
    is_performance_title,
    key,
    name_from_title,
    title_of,
    unit_from_context,
    unwrap,
)
from govbudget.readers.raw import RawTable
from govbudget.tables.performance import (
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
    FUSED = "fused"  # 一级, 二级 and the name in one cell (产出指标数量指标培训人数)
    LIST = "list"  # a project's indicators listed in one cell (1、产出指标；数量指标；…)
    EXTRA = "extra"


@functools.lru_cache(maxsize=8192)  # a pure function of the text; asked of every cell
def _role(header: str) -> _Role | None:
    k = key(header)
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


def _header_row(rows: Sequence[Sequence[str]]) -> tuple[int, dict[int, _Role]] | None:
    for r, cells in enumerate(rows):
        roles = {c: _role(t) for c, t in enumerate(cells)}
        found = set(roles.values())
        if len(found & {_Role.L1, _Role.L2, _Role.L3}) >= 2 and _Role.VALUE in found:
            return r, {c: role or _Role.EXTRA for c, role in roles.items()}
        for c, role in roles.items():  # one column holding the levels (and the name) fused
            if role not in (_Role.LABEL, _Role.L3) or len(found & {_Role.L1, _Role.L2}) >= 1:
                continue
            below = [row[c] for row in rows[r + 1:r + 12] if c < len(row) and row[c].strip()]
            if _Role.VALUE in found and below and sum(
                    split_levels(t) is not None for t in below) * 2 >= len(below):
                roles[c] = _Role.FUSED
            elif below and sum(bool(list_indicators(t)) for t in below) * 2 >= len(below):
                roles[c] = _Role.LIST
            else:
                continue
            return r, {k: v or _Role.EXTRA for k, v in roles.items()}
    return None


def _is_header(cells: Sequence[str]) -> bool:
    """A row repeating the indicator header (a page's repeated headings)."""
    found = {_role(t) for t in cells}
    return len(found & {_Role.L1, _Role.L2, _Role.L3}) >= 2 and _Role.VALUE in found


def _partial_header(rows: Sequence[Sequence[str]]) -> tuple[int, str] | None:
    """Where a header was half-recognised, and the first heading missing there."""
    for r, cells in enumerate(rows):
        found = {_role(t) for t in cells}
        if found & {_Role.L1, _Role.L2, _Role.L3, _Role.VALUE}:
            for role in (_Role.L1, _Role.L2, _Role.L3, _Role.VALUE):
                if role not in found:
                    return r, role.value
    return None


# --- the indicator rows -------------------------------------------------------------


def _indicators(
    rows: Sequence[Sequence[str]],
    start: int,
    roles: dict[int, _Role],
    header: Sequence[str],
    head: Head,
) -> list[PerformanceIndicator]:
    out: list[PerformanceIndicator] = []
    l1 = l2 = ""
    has_basis = _Role.BASIS in roles.values()
    for r in range(start, len(rows)):
        cells = rows[r]
        if _is_header(cells):
            continue  # the header repeated on a new page
        got: dict[_Role, str] = {}
        extra: list[tuple[str, str]] = []
        for c, text in enumerate(cells):
            role = roles.get(c, _Role.EXTRA)
            if role is _Role.LIST:
                out.extend(list_indicators(text, row=r))
                continue
            if role is _Role.FUSED:
                fused = split_levels(text)
                if fused is not None:
                    got[_Role.L1], got[_Role.L2], got[_Role.L3] = fused
                elif text.strip():
                    got[_Role.L3] = clean_name(text)
                continue
            value = clean_name(text) if role is _Role.L3 else unwrap(text)
            if role in (_Role.EXTRA, _Role.LABEL) and _role(value) is _Role.LABEL:
                continue  # the row label (绩效指标) repeated on each row
            if role is _Role.EXTRA:
                if value:
                    extra.append((unwrap(header[c]) if c < len(header) else f"列{c + 1}", value))
            elif role is _Role.LABEL:
                if value and _role(value) is not _Role.LABEL:
                    extra.append(("", value))
            elif value:
                got[role] = got[role] + value if role in got else value
        if not got and not extra:
            continue
        first = next((unwrap(t) for t in cells if t and t.strip()), "")
        if key(first) in ("备注", "说明", "注"):
            rest = [v for _, v in extra] + list(got.values())
            if rest and rest[0] == first:
                rest = rest[1:]
            head.details.append((key(first), "".join(rest)))
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
        if not l1 and l2 and level1_of(l2):  # the merged 一级 cell's text lost
            head.inferred += 1
        out.append(
            PerformanceIndicator.read(
                l1 or (level1_of(l2) or "" if l2 else ""),
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
    raw: RawTable, *, file: str | None = None, name: str | None = None,
    header: tuple[int, dict[int, _Role]] | None = None,
) -> PerformanceTarget:
    """Read one 绩效目标表 grid (labelled rows, a header row, indicator rows).

    ``header`` gives the header row and the column roles when already found. Raises
    ``LoadError`` naming the table, row and column when no header row with
    一级/二级/三级指标 and 指标值 is found.
    """
    rows = raw.rows
    title = title_of(raw)
    found = header if header is not None else _header_row(rows)
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
    head = Head()
    for cells in rows[:header_at]:
        head.row(cells)
    indicators = _indicators(rows, header_at + 1, roles, rows[header_at], head)
    title = title or head.title
    t_name, code, unit_name = name_from_title(title) if title else ("", None, None)
    project = name or head.name or t_name
    dept_wide = "部门整体" in (title or "") or "整体支出" in (title or "")
    if dept_wide and not name and not head.name and head.department:
        project = head.department
    scope = TargetScope.PROJECT
    all_text = (title or "") + "".join(k for k, _ in head.details)
    if "部门整体" in all_text or "整体支出" in all_text:
        scope = TargetScope.DEPARTMENT
    elif head.special or "专项资金" in (title or ""):
        scope = TargetScope.SPECIAL_FUND
    goal_text = "\n".join(head.goal_parts)
    if head.inferred:
        head.details.append(("reading", f"一级指标 blank in {head.inferred} rows (a merged cell whose "
                                        "text was not read): given the 一级 of their 二级"))
    return PerformanceTarget(
        name=project,
        indicators=tuple(indicators),
        goals=split_goals(goal_text),
        goal_text=goal_text,
        scope=scope,
        document=document_number(project) or document_number(title),
        amount=head.amount,
        amount_unit=head.amount_unit or unit_from_context(raw) or Unit.WAN,
        funds=tuple(head.funds),
        department=head.department,
        implementing_unit=head.unit or unit_name,
        unit_code=code,
        title=title,
        details=tuple(head.details),
        page=raw.page,
        line=raw.line,
    )


_MONEY_HEAD = re.compile(r"资金总额|项目总额|项目金额|预算金额|总计|^金额|预算数")


def read_performance_grid(raw: RawTable, *, file: str | None = None) -> list[PerformanceTarget]:
    """The targets of one grid: one per project when the grid lists several (each named in
    the first of its rows), else the grid's one target (``read_performance_table``)."""
    found = _header_row(raw.rows)
    if found is None:
        return [read_performance_table(raw, file=file)]
    at, roles = found
    header = list(raw.rows[at])
    if at > 0 and any(_role(t) is not None for t in raw.rows[at - 1]):  # a two-row header
        above = raw.rows[at - 1]
        header = [h or (above[j] if j < len(above) else "") for j, h in enumerate(header)]
    pc = project_column(header, list(raw.rows[at + 1:]))
    if pc is None:
        return [read_performance_table(raw, file=file)]
    starts = [r for r in range(at + 1, len(raw.rows)) if pc < len(raw.rows[r])
              and raw.rows[r][pc].strip()]
    money = next((j for j, h in enumerate(header) if j != pc and _MONEY_HEAD.search(key(h))), None)
    goal = next((j for j, h in enumerate(header) if roles.get(j) is _Role.EXTRA
                 and "目标" in key(h) and "指标" not in key(h)), None)
    own = {j for j in (pc, money, goal) if j is not None}
    out: list[PerformanceTarget] = []
    carried: list[tuple[str, str]] = []  # rows naming a unit or a total, no indicators
    for n, first in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(raw.rows)
        rows = (*raw.rows[:at + 1], *(() for _ in range(at + 1, first)),
                *(tuple("" if j in own else c for j, c in enumerate(raw.rows[r]))
                  for r in range(first, end)),
                *(() for _ in range(end, len(raw.rows))))
        name = clean_name(raw.rows[first][pc])
        target = read_performance_table(attrs.evolve(raw, rows=rows), file=file, name=name,
                                        header=found)
        amount_text = raw.rows[first][money] if money is not None and money < len(raw.rows[first]) else ""
        if not target.indicators:
            carried.append((name, amount_text.strip()))
            continue
        goal_text = "\n".join(raw.rows[r][goal].strip() for r in range(first, end)
                              if goal is not None and goal < len(raw.rows[r]) and raw.rows[r][goal].strip())
        try:
            amount = parse_cell(amount_text).value if amount_text.strip() else target.amount
        except InvalidAmount:
            amount, carried = target.amount, [*carried, ("资金", amount_text.strip())]
        out.append(attrs.evolve(
            target, amount=amount, goal_text=goal_text or target.goal_text,
            goals=split_goals(goal_text) if goal_text else target.goals,
            details=(*carried, *target.details), page=raw.page_of(first)))
        carried = []
    if carried and out:  # group rows after the last project: kept with it
        out[-1] = attrs.evolve(out[-1], details=(*out[-1].details, *carried))
    return out or [read_performance_table(raw, file=file)]


def _joined(first: RawTable, then: RawTable) -> RawTable:
    """Two grids read as one: ``then`` continues ``first`` (rows appended, pages kept)."""
    pages = tuple(first.page_of(r) or 0 for r in range(len(first.rows))) + tuple(
        then.page_of(r) or 0 for r in range(len(then.rows))
    )
    # a continuation narrower than the table (a margin column lost, or only the right-hand
    # columns ruled under merged cells) is aligned on the right
    pad = _width(first) - _width(then)
    rows = then.rows if pad <= 0 else tuple(("",) * pad + tuple(r) for r in then.rows)
    return RawTable(
        first.rows + rows,
        title=first.title,
        context=first.context,
        page=first.page,
        row_pages=pages if any(pages) else None,
        line=first.line,
        index=first.index,
    )


def read_performance_tables(
    tables: Iterable[RawTable], *, file: str | None = None
) -> list[PerformanceTarget]:
    """Read a run of raw tables as performance targets.

    A titled grid without a header (the goal rows) is joined with the untitled grid that
    follows it (the indicator rows); an untitled grid without a header that follows a
    table is its continuation (more indicator rows, on the next page). Raises
    ``LoadError`` like ``read_performance_table`` for a grid that stays without a header.
    """
    out: list[PerformanceTarget] = []
    pending: RawTable | None = None
    last: RawTable | None = None
    last_n = 0  # how many targets the last grid gave
    for raw in tables:
        titled = is_performance_title(title_of(raw))
        if pending is not None:
            if not titled:
                raw, pending = _joined(pending, raw), None
            else:
                out.extend(read_performance_grid(pending, file=file))  # raises
                pending = None
        elif last is not None and not titled and _continues(raw):
            last = _joined(last, raw)
            del out[len(out) - last_n:]
            got = read_performance_grid(last, file=file)
            out.extend(got)
            last_n = len(got)
            continue
        if _header_row(raw.rows) is None and titled:
            pending, last = raw, None
            continue
        got = read_performance_grid(raw, file=file)
        out.extend(got)
        last, last_n = raw, len(got)
    if pending is not None:
        out.extend(read_performance_grid(pending, file=file))
    return out


def _width(raw: RawTable) -> int:
    return max((len(r) for r in raw.rows), default=0)


def _continues(raw: RawTable) -> bool:
    """Whether an untitled grid continues the table before it: no header of its own, or
    only the header repeated at its top (no labelled rows above it, as a new project has)."""
    found = _header_row(raw.rows)
    return found is None or found[0] == 0
