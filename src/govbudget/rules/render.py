"""The report as an auditor reads it (检查报告的呈现): where, how much, and what was checked.

Findings are grouped by disclosure and table, in page (or line) order; an amount finding
shows the printed figure (印), the expected or computed one (应 / 算, with the addends it
was computed from), the difference and the unit. The pieces are data — ``group``,
``amounts``, ``where``, ``coverage`` — so that the text below and an HTML page show the
same thing; ``text`` lays them out as plain text (``Report.to_text`` calls it).

>>> from govbudget.rules.core import Finding, Location, Severity, _id_key
>>> f = Finding("T3-1", Severity.ERROR, "合计应等于各项支出之和",
...             Location("310 某局", "部门支出总表", "合计", "合计", page=7),
...             expected="86959408.00", actual="86959408.34", unit="元",
...             terms=(("基本支出", "22118861"), ("项目支出", "64840547")))
>>> where(f.location), place(f.location)
('第 7 页', '合计 · 合计')
>>> amounts(f).text()
'印：86,959,408.34 元；算：86,959,408.00 元（基本支出 22,118,861 + 项目支出 64,840,547）；差 0.34 元'
>>> [(g.disclosure, [t.table for t in g.tables]) for g in group([f])]
[('310 某局', ['部门支出总表'])]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import attrs

from govbudget.rules.core import Finding, Location, Severity, _id_key
from govbudget.rules.render_coverage import CoverageSummary, coverage, coverage_lines

if TYPE_CHECKING:
    from govbudget.rules.report import Report

__all__ = [
    "SEVERITY_NAMES",
    "Amounts",
    "CoverageSummary",
    "DisclosureGroup",
    "TableGroup",
    "amounts",
    "coverage",
    "group",
    "place",
    "text",
    "where",
]

#: how the report names a severity (the API keeps ``error`` / ``warning`` / ``info``)
SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}

#: the group of findings that concern a whole disclosure rather than one table
WHOLE = "（整份公开）"

_BLANKS = {"（空白）": "（空白）", "-": "-", "": "（空白）"}


def where(loc: Location) -> str:
    """The page (PDF) or line (text) of a finding: ``第 7 页``, ``第 1575 行``, ``位置未知``."""
    if loc.page is not None:
        return f"第 {loc.page} 页"
    if loc.line is not None:
        return f"第 {loc.line} 行"
    return "位置未知"


def place(loc: Location) -> str:
    """The row and column as printed, ``合计 · 人员经费`` (empty when neither is known)."""
    return " · ".join(p for p in (loc.row, loc.column) if p)


def _position(loc: Location) -> tuple[float, float]:
    return (math.inf if loc.page is None else loc.page, math.inf if loc.line is None else loc.line)


# ---- amounts ---------------------------------------------------------------------------

def _number(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _grouped(text: str) -> str:
    """An amount with thousands separators, its decimals as shown; blanks as ``（空白）``."""
    if text.strip() in _BLANKS:
        return _BLANKS[text.strip()]
    value = _number(text)
    return text if value is None else format(value, ",")


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@attrs.frozen(slots=True)
class Amounts:
    """The figures of an amount finding (金额对比): printed, expected or computed, difference.

    ``printed`` is what the document shows at the finding's place; ``expected`` what it
    should show — computed from ``terms`` when ``computed``, else read elsewhere (another
    table, the text). Figures keep their shown decimals, with thousands separators.
    """

    printed: str
    expected: str
    computed: bool
    terms: tuple[tuple[str, str], ...]
    difference: str | None
    unit: str | None

    def _u(self, figure: str) -> str:
        return f"{figure} {self.unit}" if self.unit and figure[-1:].isdigit() else figure

    def terms_text(self) -> str:
        """``基本 22,118,861 + 项目 64,840,547`` (a negative addend is subtracted)."""
        out = ""
        for i, (label, value) in enumerate(self.terms):
            neg = value.startswith("-")
            sign = ("−" if neg else "+") if i else ("−" if neg else "")
            item = f"{label} {value[1:] if neg else value}".strip()
            out += f" {sign} {item}" if i else f"{sign} {item}".strip()
        return out

    def text(self) -> str:
        side = "算" if self.computed else "应"
        out = f"印：{self._u(self.printed)}；{side}：{self._u(self.expected)}"
        if self.terms:
            out += f"（{self.terms_text()}）"
        if self.difference is not None:
            out += f"；差 {self._u(self.difference)}"
        return out


def amounts(f: Finding) -> Amounts | None:
    """The figures of ``f`` when it has a ``unit`` and its ``actual`` and ``expected`` are
    amounts (or blank); ``None`` for other findings (a count, a name, a wording)."""
    if f.unit is None or f.expected is None or f.actual is None:
        return None
    sides = (f.actual, f.expected)
    blank = [s.strip() in _BLANKS for s in sides]
    values = [None if b else _number(s) for b, s in zip(blank, sides, strict=True)]
    if all(blank) or any(v is None and not b for v, b in zip(values, blank, strict=True)):
        return None
    printed, expected = (v if v is not None else Decimal(0) for v in values)
    places = max(_places(printed), _places(expected))
    diff = (printed - expected).quantize(Decimal(1).scaleb(-places))
    return Amounts(
        _grouped(f.actual), _grouped(f.expected), bool(f.terms),
        tuple((label, _grouped(v)) for label, v in f.terms),
        None if diff == 0 else format(diff, ","), f.unit,
    )


# ---- grouping --------------------------------------------------------------------------

@attrs.frozen(slots=True)
class TableGroup:
    """The findings of one table (or of the whole disclosure, ``table`` None), in page order."""

    table: str | None
    findings: tuple[Finding, ...]

    @property
    def title(self) -> str:
        return self.table or WHOLE

    @property
    def span(self) -> str:
        """``第 3 页``, ``第 3–4 页``, ``第 1573–1974 行`` or ``''``."""
        for attr, unit in (("page", "页"), ("line", "行")):
            seen = sorted({getattr(f.location, attr) for f in self.findings} - {None})
            if seen:
                return f"第 {seen[0]} {unit}" if len(seen) == 1 else f"第 {seen[0]}–{seen[-1]} {unit}"
        return ""


@attrs.frozen(slots=True)
class DisclosureGroup:
    """The findings of one disclosure (部门 or 单位), table by table."""

    disclosure: str | None
    tables: tuple[TableGroup, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for t in self.tables for f in t.findings)


def _finding_key(f: Finding) -> tuple[tuple[float, float], int, tuple[str, int, str]]:
    return (_position(f.location), f.severity.rank, _id_key(f.rule))


def group(findings: Iterable[Finding], order: Sequence[str | None] = ()) -> tuple[DisclosureGroup, ...]:
    """``findings`` by disclosure (in ``order``, then as first met) and table (whole-disclosure
    findings first, then tables by their first page or line), each in page order."""
    by: dict[str | None, dict[str | None, list[Finding]]] = {}
    for d in order:
        by.setdefault(d, {})
    for f in findings:
        by.setdefault(f.location.disclosure, {}).setdefault(f.location.table, []).append(f)
    out = []
    for disclosure, tables in by.items():
        if not tables:
            continue
        groups = [TableGroup(t, tuple(sorted(fs, key=_finding_key))) for t, fs in tables.items()]
        groups.sort(key=lambda g: (g.table is not None, _position(g.findings[0].location)))
        out.append(DisclosureGroup(disclosure, tuple(groups)))
    return tuple(out)


# ---- text ------------------------------------------------------------------------------

def _finding_lines(f: Finding, verbose: bool) -> list[str]:
    head = f"    {where(f.location)}  {SEVERITY_NAMES[f.severity]} {f.rule}"
    spot = place(f.location)
    lines = [f"{head}  {spot}" if spot else head, f"      {f.message}"]
    figures = amounts(f)
    if figures is not None:
        lines.append(f"      {figures.text()}")
    elif verbose and (f.expected is not None or f.actual is not None):
        lines.append(f"      实际：{f.actual or '—'}；应为：{f.expected or '—'}")
    if f.evidence:
        lines.append(f"      「{f.evidence}」")
    for other in getattr(f, "places", ()):  # the same defect printed elsewhere
        lines.append(f"      亦见：{where(other)}  {_where_else(other, f.location)}".rstrip())
    for c in getattr(f, "consequences", ()):  # what follows from it
        figures = amounts(c)
        lines.append(f"      由此：{where(c.location)} {c.rule}  {place(c.location)}  {c.message}"
                     + (f"（{figures.text()}）" if figures is not None else ""))
    return lines


def _where_else(other: Location, here: Location) -> str:
    """``other`` beyond its page: the disclosure and table when they differ from ``here``."""
    parts = [p for p, h in ((other.disclosure, here.disclosure), (other.table, here.table))
             if p and p != h]
    return " · ".join([*parts, place(other)] if place(other) else parts)


def _counts(findings: Sequence[Finding]) -> str:
    n = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    return "，".join(f"{SEVERITY_NAMES[s]} {n[s]} 条" for s in Severity)


def text(report: Report, *, min_severity: Severity = Severity.INFO, coverage: bool = False,
         verbose: bool = False, quiet: bool = False) -> str:
    """The report as text: findings at or above ``min_severity`` by disclosure and table,
    then the counts and what was covered. ``quiet``: the summary lines only; ``coverage``:
    also why rules were skipped; ``verbose``: that, and the non-amount expected/actual."""
    lines: list[str] = []
    shown = [f for f in report.findings if f.severity.at_least(min_severity)]
    order = list(dict.fromkeys(o.disclosure for o in report.outcomes))
    if not quiet:
        for g in group(shown, order):
            lines.append(g.disclosure or "（未注明预算）")
            for t in g.tables:
                lines.append(f"  {t.title}（{t.span}）" if t.span else f"  {t.title}")
                for f in t.findings:
                    lines.extend(_finding_lines(f, verbose))
    summary = _summary(report, shown, min_severity)
    lines.append(summary)
    lines.extend(coverage_lines(report, details=(coverage or verbose) and not quiet,
                                verbose=verbose and not quiet))
    return "\n".join(lines)


def _summary(report: Report, shown: Sequence[Finding], min_severity: Severity) -> str:
    if coverage(report).nothing_checked:
        status = getattr(report, "status", None)
        message = getattr(status, "message", None)
        return message if isinstance(message, str) and message.startswith("未能检查") else (
            "未能检查：没有一项检查得以运行（这不表示文档无误）")
    if not report.findings:
        return "未发现问题"
    out = "发现：" + _counts(report.findings)
    if len(shown) < len(report.findings):
        out += f"（显示{SEVERITY_NAMES[min_severity]}及以上 {len(shown)} 条）"
    return out

