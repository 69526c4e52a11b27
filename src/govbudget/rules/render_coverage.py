"""What a check covered (检查覆盖情况): rules apart from rule runs, checks, and why runs were skipped.

A rule runs once per disclosure, so 113 rules over a department and its unit are 226
runs; a run passes, finds something, or is skipped with a reason. When no check ran at
all (or the report's own status says nothing could be checked), the report says so
instead of "no findings". A report that carries a ``coverage`` of its own (tables read,
not read reliably, not understood, absent; amounts not verified) has it shown too.

>>> import govbudget
>>> from govbudget.rules.render_coverage import coverage
>>> c = coverage(govbudget.check(govbudget.example(), select=["T1-1", "E-1"]))
>>> c.disclosures, c.rules, c.runs, c.nothing_checked
(2, 2, 4, False)
>>> [(s.reason, s.rules, s.runs) for s in c.skips]
[('未同时公开部门经济分类与政府经济分类的基本支出表', ('E-1',), 2)]
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs

from govbudget.rules.core import Status, _id_key

if TYPE_CHECKING:
    from govbudget.rules.report import Report

__all__ = ["CoverageSummary", "SkipReason", "coverage", "coverage_lines"]


@attrs.frozen(slots=True)
class SkipReason:
    """One reason rule runs were skipped (跳过原因), the rules skipped for it and how often."""

    reason: str
    rules: tuple[str, ...]
    runs: int


@attrs.frozen(slots=True)
class CoverageSummary:
    """Counts of a check (覆盖情况): disclosures, rules, rule runs by status, checks, skips."""

    disclosures: int
    rules: int
    runs: int
    passed: int
    failed: int
    skipped: int
    checks: int
    #: rules skipped on every disclosure they were run on
    never_ran: tuple[str, ...]
    skips: tuple[SkipReason, ...]
    #: the report's own status (``checked``, ``partial``, ``nothing_checked``), if it has one
    status: str | None = None
    #: amounts that could not be verified against any table, if the report counts them
    unverified: tuple[Any, ...] = ()

    @property
    def nothing_checked(self) -> bool:
        """True when not one check ran, or the report says nothing could be checked: the
        document was not checked, it is not clean."""
        return self.checks == 0 or self.status == "nothing_checked"


def coverage(report: Report) -> CoverageSummary:
    """The coverage of ``report``, from its outcomes."""
    outcomes = report.outcomes
    status = Counter(o.status for o in outcomes)
    rules = list(dict.fromkeys(o.rule for o in outcomes))
    ran = {o.rule for o in outcomes if o.status is not Status.SKIPPED}
    by_reason: dict[str, list[str]] = {}
    for o in outcomes:
        if o.status is Status.SKIPPED:
            by_reason.setdefault(o.reason or "（未说明原因）", []).append(o.rule)
    skips = tuple(
        SkipReason(reason, tuple(sorted(set(ids), key=_id_key)), len(ids))
        for reason, ids in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )
    return CoverageSummary(
        disclosures=len({o.disclosure for o in outcomes}),
        rules=len(rules),
        runs=len(outcomes),
        passed=status[Status.PASSED],
        failed=status[Status.FAILED],
        skipped=status[Status.SKIPPED],
        checks=sum(o.checks for o in outcomes),
        never_ran=tuple(sorted(set(rules) - ran, key=_id_key)),
        skips=skips,
        status=getattr(getattr(report, "status", None), "value", None),
        unverified=tuple(getattr(getattr(report, "coverage", None), "unverified", ())),
    )


def coverage_lines(report: Report, *, details: bool = False, verbose: bool = False) -> list[str]:
    """The coverage as text: one line (and the report's status when partial); with
    ``details`` the tables and the skip reasons; with ``verbose`` each unverified amount."""
    c = coverage(report)
    line = (f"覆盖：{c.disclosures} 个部门或单位；规则 {c.rules} 条，运行 {c.runs} 次"
            f"（通过 {c.passed}，未通过 {c.failed}，跳过 {c.skipped}）；检查 {c.checks:,} 项")
    if c.unverified:
        line += f"；未能核对的金额 {len(c.unverified)} 项"
    lines = [line]
    message = getattr(getattr(report, "status", None), "message", None)
    if c.status == "partial" and isinstance(message, str):
        lines.append(message)
    if details:
        lines.extend(_table_lines(getattr(report, "coverage", None)))
    if details and c.skips:
        lines.append("跳过原因：")
        for s in c.skips:
            lines.append(f"  {s.reason}：{'、'.join(s.rules)}（{s.runs} 次）")
    if details and c.never_ran:
        lines.append(f"在每个部门或单位上都跳过的规则（{len(c.never_ran)} 条）：{'、'.join(c.never_ran)}")
    if verbose and c.unverified:
        lines.append("未能核对的金额：")
        for u in c.unverified:
            loc = u.location
            at = f"第 {loc.page} 页" if loc.page is not None else (
                f"第 {loc.line} 行" if loc.line is not None else "位置未知")
            lines.append(f"  {at}  {u.rule}  {u.message}")
    return lines


def _note(n: Any) -> str:
    return f"{n.title}（第 {n.page} 页）：{n.reason}" if n.page is not None else f"{n.title}：{n.reason}"


def _table_lines(cov: Any) -> list[str]:
    """Per disclosure: tables read, not read reliably, not understood, absent."""
    lines: list[str] = []
    for d in getattr(cov, "disclosures", ()):
        parts = [f"读取 {len(d.read)} 张"]
        if d.absent:
            parts.append("缺少 " + "、".join(d.absent))
        lines.append(f"表格（{d.disclosure}）：" + "；".join(parts))
        lines.extend(f"  未能可靠读取：{_note(n)}" for n in d.unreadable)
        lines.extend(f"  未识别：{_note(n)}" for n in d.not_understood)
    return lines
