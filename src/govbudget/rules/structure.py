"""Structure of a disclosure (公开表结构): headers, missing, misnamed and empty tables,
unparsed content.

H-1/H-2 compare each table's header (``<code><name>``, 预算年度) with its disclosure;
M-1 … M-3 check that the standard tables of 财预〔2016〕143号 are there, titled and, when
empty, explained; U-1 surfaces what the loader could not place.

>>> from govbudget.rules import REGISTRY
>>> import govbudget.rules.structure
>>> REGISTRY["H-1"].severity.value, REGISTRY["M-2"].severity.value
('warning', 'info')
"""

from __future__ import annotations

import re

from govbudget.rules._common import SOURCE_143
from govbudget.rules.core import RuleContext, Severity, rule
from govbudget.tables.kinds import TableKind, normalise_label

__all__ = ["FINAL_TABLES", "OPTIONAL_TABLES", "REQUIRED_TABLES", "STANDARD_TABLES",
           "STANDARD_TITLES"]

FAMILY = "structure"

#: the "8 tables" of 143号 (docs/domain.md §2) and the 9th of current practice
REQUIRED_TABLES = (TableKind.SUMMARY, TableKind.REVENUE, TableKind.EXPENDITURE,
                   TableKind.FISCAL_SUMMARY, TableKind.GENERAL_BUDGET,
                   TableKind.BASIC_EXPENDITURE, TableKind.THREE_PUBLIC, TableKind.GOV_FUND)
OPTIONAL_TABLES = (TableKind.SOE_CAPITAL,)
STANDARD_TABLES = REQUIRED_TABLES + OPTIONAL_TABLES
#: the nine tables of a final account (docs/domain.md §11), all published (empty ones with a note)
FINAL_TABLES = tuple(k for k in TableKind if k.is_final)

#: the standard names a title must contain (docs/domain.md §2 mapping), both template forms
STANDARD_TITLES: dict[TableKind, tuple[str, ...]] = {
    TableKind.SUMMARY: ("收支总表",),
    TableKind.REVENUE: ("收入总表",),
    TableKind.EXPENDITURE: ("支出总表",),
    TableKind.FISCAL_SUMMARY: ("财政拨款收支总表",),
    TableKind.GENERAL_BUDGET: ("一般公共预算财政拨款支出表", "一般公共预算支出表"),
    TableKind.BASIC_EXPENDITURE: ("一般公共预算财政拨款基本支出表", "一般公共预算基本支出表"),
    TableKind.GOV_FUND: ("政府性基金预算财政拨款支出表", "政府性基金预算支出表"),
    TableKind.SOE_CAPITAL: ("国有资本经营预算财政拨款支出表", "国有资本经营预算支出表"),
    TableKind.THREE_PUBLIC: ("财政拨款三公经费支出表", "一般公共预算三公经费支出表"),
}


@rule("H-1", Severity.WARNING, "表头的单位编码和名称应与所属部门（单位）预算一致",
      source="docs/domain.md §2 (表头), §9 defect 9", family=FAMILY)
def h1_header_owner(ctx: RuleContext) -> None:
    d = ctx.disclosure
    for t in d.tables:
        h = t.header
        if h is None or (h.code is None and h.name is None):
            continue
        ctx.checked()
        if (h.code is not None and h.code != d.code) or (h.name is not None and h.name != d.name):
            ctx.fail(f"表头为“{h.code or ''}{h.name or ''}”，"
                     f"与本{_scope(ctx)}“{d.code or ''}{d.name}”不一致",
                     table=t, expected=f"{d.code or ''}{d.name}",
                     actual=f"{h.code or ''}{h.name or ''}")
    if ctx.checks == 0:
        ctx.skip("各表没有表头")


def _scope(ctx: RuleContext) -> str:
    return "部门" if ctx.disclosure.scope.value == "department" else "单位"


@rule("H-2", Severity.ERROR, "表头的预算年度应与所属预算的年度一致", source="docs/domain.md §2 (表头)",
      family=FAMILY)
def h2_header_year(ctx: RuleContext) -> None:
    for t in ctx.disclosure.tables:
        if t.header is None or t.header.year is None:
            continue
        ctx.checked()
        if t.header.year != ctx.disclosure.year:
            ctx.fail(f"表头预算年度为 {t.header.year}，"
                     f"本预算为 {ctx.disclosure.year} 年度", table=t,
                     expected=str(ctx.disclosure.year), actual=str(t.header.year))
    if ctx.checks == 0:
        ctx.skip("各表表头没有预算年度")


@rule("M-1", Severity.WARNING,
      "应公开的 8 张表（收支总表 … 政府性基金预算支出表）齐全；国有资本经营预算支出表缺少时提示",
      source=f"docs/domain.md §2.1; {SOURCE_143} [SEC S2]", family=FAMILY)
def m1_missing_tables(ctx: RuleContext) -> None:
    present = {t.kind for t in ctx.disclosure.tables} | {t.kind for t, _ in ctx.unreadable}
    final = ctx.disclosure.is_final
    expected = FINAL_TABLES if final else STANDARD_TABLES
    if not present & set(expected):
        # a narrative-only or performance-only document, or tables none of which could be
        # typed: the coverage says so once, rather than nine "missing table" findings
        ctx.skip("未识别出任何标准表格（见检查覆盖情况）")
        return
    for kind in expected:
        ctx.checked()
        if kind not in present:
            optional = kind in OPTIONAL_TABLES
            why = ("（部门决算公开模板的九张表之一）" if final else
                   "（现行做法的第 9 张表）" if optional else "（143号要求公开）")
            ctx.fail(f"缺少{kind.value}{why}",
                     table=kind.value, expected=kind.value, actual="（缺表）",
                     severity=Severity.INFO if optional else None)


@rule("M-2", Severity.INFO, "表名应使用标准名称（如“政府性基金”不应写作“政府基金”）",
      source="docs/domain.md §2 (title mapping), §9 defect 12", family=FAMILY)
def m2_title(ctx: RuleContext) -> None:
    for t in ctx.disclosure.tables:
        names = STANDARD_TITLES.get(t.kind)
        if names is None or not t.title:
            continue
        ctx.checked()
        title = normalise_label(t.title)
        if not any(normalise_label(n) in title for n in names):
            ctx.fail(f"表名“{t.title}”不是标准名称“{names[0]}”", table=t, expected=names[0],
                     actual=t.title)
    if ctx.checks == 0:
        ctx.skip("各表没有表名")


#: what an empty-table note names, per kind (besides the table's standard name)
_EMPTY_SUBJECT = {
    TableKind.GOV_FUND: "政府性基金",
    TableKind.SOE_CAPITAL: "国有资本经营",
    TableKind.THREE_PUBLIC: "三公",
    TableKind.THREE_PUBLIC_YOY: "三公",
    TableKind.PROCUREMENT: "政府采购",
    TableKind.FINAL_GOV_FUND: "政府性基金",
    TableKind.FINAL_SOE_CAPITAL: "国有资本经营",
    TableKind.FINAL_THREE_PUBLIC: "三公",
}
_EMPTY_NOTE = re.compile(r"注[:：][^。\n]{0,120}?(空表|无数据|没有数据|不涉及|没有使用|无[^。\n]{0,30}(预算|支出|安排))")


def _narrative_notes(ctx: RuleContext) -> list[str]:
    """The 注 sentences saying a table is empty that a loader left in the narrative text
    (a PDF loader may not attach the note printed under an empty table to the table)."""
    narrative = ctx.disclosure.narrative
    if narrative is None:
        return []
    return [m.group(0) for sec in narrative.sections for m in _EMPTY_NOTE.finditer(sec.text)]


@rule("M-3", Severity.WARNING, "空表应附说明（如“无…预算，空表列示”）",
      source=f"docs/domain.md §2.3; {SOURCE_143} [SEC S4]", family=FAMILY)
def m3_empty_note(ctx: RuleContext) -> None:
    notes: list[str] | None = None
    for t in ctx.disclosure.tables:
        if t.kind is TableKind.OTHER or not t.is_empty():
            continue
        ctx.checked()
        if (t.note or "").strip():
            continue
        if notes is None:
            notes = _narrative_notes(ctx)
        subject = _EMPTY_SUBJECT.get(t.kind, normalise_label(t.kind.value))
        if any(subject in n for n in notes):
            continue
        ctx.fail(f"{t.title or t.name}为空表，但没有说明", table=t, expected="空表说明",
                 actual="（无）")
    if ctx.checks == 0:
        ctx.skip("没有空表")


@rule("U-1", Severity.WARNING, "载入时未能归位的内容应核对（可能漏读了表格或说明）",
      source="govbudget loader (Disclosure.unparsed)", family=FAMILY)
def u1_unparsed(ctx: RuleContext) -> None:
    items = ctx.disclosure.unparsed
    if not items:
        ctx.checked()
        return
    for u in items:
        ctx.checked()
        loc = u.location
        ctx.fail(f"未能解析的内容：{u.reason}", evidence=u.text[:200],
                 page=getattr(loc, "page", None), line=getattr(loc, "line", None))
