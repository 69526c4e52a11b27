"""Classification rules (科目规则): codes, names, parent chains, depth and usage.

Codes are resolved against the bundled edition of the disclosure's 预算年度
(``govbudget.codes``). The bundled catalogue is a strong reference, not the official
text, so a code it lacks is a ``warning`` ("may be incomplete"), never an error.
A printed name that is a former name of the code is a ``warning`` naming the current
one; a name that is neither is an ``error`` when the catalogue entry was observed in
published documents, a ``warning`` when it was only compiled.

>>> from govbudget.rules import REGISTRY
>>> import govbudget.rules.catalogue
>>> REGISTRY["C-1"].severity.value, REGISTRY["T2-5"].severity.value
('warning', 'error')
>>> from govbudget.rules.catalogue import scheme_of_table
>>> from govbudget.tables import TableKind
>>> scheme_of_table(TableKind.BASIC_EXPENDITURE, "30231")
'economic'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from govbudget.codes.names import normalize_name
from govbudget.rules._common import SOURCE_143, index, parent_code
from govbudget.rules.core import RuleContext, Severity, rule
from govbudget.rules.reliability import ORDER_BROKEN
from govbudget.tables.kinds import TableKind, normalise_label
from govbudget.tables.model import BudgetTable, Row

__all__ = ["BASIC_ONLY_ITEMS", "scheme_of_table"]

FAMILY = "catalogue"
_FUNCTIONAL_TABLES = (TableKind.REVENUE, TableKind.EXPENDITURE, TableKind.GENERAL_BUDGET,
                      TableKind.GOV_FUND, TableKind.SOE_CAPITAL)
_SUMMARY_TABLES = (TableKind.SUMMARY, TableKind.FISCAL_SUMMARY)
_HIERARCHY_TABLES = (*_FUNCTIONAL_TABLES, TableKind.BASIC_EXPENDITURE)
_SPLIT_TABLES = (TableKind.EXPENDITURE, TableKind.GENERAL_BUDGET, TableKind.GOV_FUND,
                 TableKind.SOE_CAPITAL)
_SCHEME_BY_DIGIT = {"1": "revenue", "2": "functional", "3": "economic", "5": "government_economic"}
_NAMES = {"functional": "支出功能分类", "economic": "部门预算支出经济分类",
          "government_economic": "政府预算支出经济分类", "revenue": "收入分类"}

#: functional 项 that hold contributions paid as basic expenditure only (T3-4 [UNVERIFIED])
BASIC_ONLY_ITEMS = frozenset({"2080505", "2080506", "2101101", "2101102", "2101103",
                              "2210201", "2210202", "2210203"})


#: the longest standard code of each classification (longer ones are local extensions)
_DEPTH = {"functional": 7, "economic": 5, "government_economic": 5}


def scheme_of_table(kind: TableKind, code: str) -> str | None:
    """The classification a code row of a table of ``kind`` must belong to."""
    if kind is TableKind.BASIC_EXPENDITURE:
        return "government_economic" if code.startswith("5") else "economic"
    if kind in _FUNCTIONAL_TABLES or kind in _SUMMARY_TABLES:
        return "functional"
    return None


def _scheme_rows(t: BudgetTable) -> list[tuple[Row, str]]:
    """The code rows of ``t`` with the classification each must belong to (once per table)."""
    idx = index(t)
    got: list[tuple[Row, str]] | None = idx.memo.get("catalogue.schemes")
    if got is None:
        got = [(r, scheme) for r in idx.code_rows
               if (scheme := scheme_of_table(t.kind, r.code or "")) is not None
               and not unit_row(r)]
        idx.memo["catalogue.schemes"] = got
    return got


#: a row naming an organisation (a unit of the department in a table laid out by unit)
_ORGANISATION = re.compile(r"(?:局|厅|委员会|委|办公室|办公厅|办事处|中心|站|院|所|队|馆|会|校|部)"
                           r"(?:[(（]本级[)）]|本级)?$")


def unit_row(r: Row) -> bool:
    """A row of a unit (``024 苏州市审计局``, a unit code and name) in a table laid out by
    unit: its code is no classification code, and rules of codes do not apply to it.

    >>> unit_row(Row("苏州市审计局", code="024")), unit_row(Row("行政运行", code="2010301"))
    (True, False)
    """
    return bool(r.code) and not (r.code or "").startswith("2") and bool(
        _ORGANISATION.search(r.name.strip()))


def _code_rows(ctx: RuleContext) -> Iterator[tuple[BudgetTable, Row, str]]:
    for t in ctx.disclosure.tables:
        for r, scheme in _scheme_rows(t):
            yield t, r, scheme


_NAME_CHECKS: dict[tuple[int, str, str], Any] = {}
_MISSING = object()


def _catalogue(ctx: RuleContext, scheme: str) -> Any:
    """The catalogue of ``scheme`` for the disclosure's year (a user-loaded edition wins),
    or ``None`` after recording a skip. Looked up once per rule run and (scheme, year):
    ``govbudget.codes`` caches the catalogue itself, this saves the per-row lookup."""
    cache: dict[tuple[str, int], Any] = ctx.__dict__.setdefault("_catalogues", {})
    got = cache.get((scheme, ctx.year), _MISSING)
    if got is not _MISSING:
        return got
    try:
        from govbudget.codes import catalogue

        got = catalogue(scheme, ctx.year)
    except (ImportError, LookupError) as exc:
        ctx.skip(f"没有 {ctx.year} 年度的{_NAMES.get(scheme, scheme)}科目目录（{exc}）")
        got = None
    cache[(scheme, ctx.year)] = got
    return got


#: an ordinal a template prints before a name: 一、 1. （一） (九) …
_ORDINAL = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十百零\d]+\s*[)）]|[一二三四五六七八九十百]+\s*[、.．]"
                      r"|\d{1,2}\s*[、.．](?!\d))\s*")


@functools.lru_cache(maxsize=8192)
def bare_name(name: str) -> str:
    """A printed name without the ordinal the template puts before it.

    >>> bare_name("（九)社会保险基金支出"), bare_name("一、一般公共服务支出")
    ('社会保险基金支出', '一般公共服务支出')
    """
    return _ORDINAL.sub("", name, count=1)


@rule("C-2", Severity.WARNING, "表中科目编码应存在于预算年度的《政府收支分类科目》（内置目录可能"
                               "不全）",
      source="docs/domain.md §1.1, §1.4, §3 T6-5", family=FAMILY, within=True)
def c2_code_exists(ctx: RuleContext) -> None:
    cats: dict[str, Any] = {}
    for t, r, scheme in _code_rows(ctx):
        cat = cats.get(scheme, _MISSING)
        if cat is _MISSING:
            cat = cats[scheme] = _catalogue(ctx, scheme)
        if cat is None:
            continue
        ctx.checked(table=t)
        assert r.code is not None
        if cat.get(r.code) is None:
            near = "、".join(f"{e.code} {e.name}" for e in cat.nearest(r.code, 2))
            ctx.fail(f"{r.code} 不在内置的 {ctx.year} 年{_NAMES[scheme]}目录中（目录可能不全，"
                     "请核对）",
                     table=t, row=r, expected=f"{ctx.year} "
                                              "年科目" + (f"（相近：{near}）" if near else ""),
                     actual=r.code)


def _name_check(cat: Any, code: str, name: str) -> Any:
    key = (id(cat), code, name)
    got = _NAME_CHECKS.get(key)
    if got is None:
        got = cat.check_name(code, name)
        if len(_NAME_CHECKS) < 100_000:
            _NAME_CHECKS[key] = got
    return got


_QUALIFIER = re.compile(r"^(?P<name>.+?)\s*[（(](?P<of>[^（）()]+)[）)]\s*$")


def _unqualified(cat: Any, code: str, name: str) -> str:
    """``name`` without a trailing bracket naming the code's own 款 or 类, a template's way
    of telling apart 项 of one name (``行政运行（人力资源和社会保障管理事务）``, 2080101)."""
    m = _QUALIFIER.match(name)
    if m is None:
        return name
    of = normalize_name(m.group("of"))
    for n in (5, 3):
        parent = cat.get(code[:n]) if n < len(code) else None
        if parent is not None and normalize_name(parent.name) == of:
            return m.group("name")
    return name


@rule("C-3", Severity.ERROR,
      "科目名称应与预算年度目录一致：已更名的旧名称为 warning，"
      "与目录不符为 error（仅汇编未经印证的条目为 warning）",
      source="docs/domain.md §1.4, §3 T6-5", family=FAMILY, within=True)
def c3_name_matches(ctx: RuleContext) -> None:
    cats: dict[str, Any] = {}
    for t, r, scheme in _code_rows(ctx):
        cat = cats.get(scheme, _MISSING)
        if cat is _MISSING:
            cat = cats[scheme] = _catalogue(ctx, scheme)
        assert r.code is not None
        if cat is None or not r.name.strip():
            continue
        entry = cat.get(r.code)
        if entry is None:
            continue  # C-2 reports it
        ctx.checked(table=t)
        result = _name_check(cat, r.code, _unqualified(cat, r.code, bare_name(r.name)))
        status = result.status.value
        if status in ("exact", "accepted_variant"):
            continue
        if status == "outdated":
            ctx.fail(f"{r.code} 的名称“{r.name}”已过时，{ctx.year} 年目录名称为"
                     f"“{result.current_name}”",
                     table=t, row=r, expected=result.current_name, actual=r.name,
                     severity=Severity.WARNING)
        else:
            compiled = getattr(entry, "provenance", "observed") != "observed"
            ctx.fail(f"{r.code} 的名称“{r.name}”与 {ctx.year} 年目录名称“{result.current_name}”不符"
                     + ("（该目录条目未经公开文件印证）" if compiled else ""),
                     table=t, row=r, expected=result.current_name, actual=r.name,
                     severity=Severity.WARNING if compiled else None)


@rule("T2-5", Severity.ERROR, "每个科目的上级科目都应列示，并按深度优先顺序排列（类、其款、其项）",
      source=f"docs/domain.md §1.1, §3 T2-5; {SOURCE_143}", family=FAMILY, within=True)
def t25_parent_chain(ctx: RuleContext) -> None:
    for kind in _HIERARCHY_TABLES:
        t = ctx.disclosure.table(kind)
        if t is None:
            continue
        idx = index(t)
        codes = idx.codes()
        if idx.code_rows and not any(c[:n] in codes for c in codes
                                     for n in range(3, len(c), 2)):
            # a template printing leaves only (项 codes, or 款 codes beside local 7-digit
            # items, with no subtotal row) shows no hierarchy at all: there is no parent
            # chain or branch order to check
            ctx.skip(f"{t.title or t.name}只列示末级科目（无上级科目行），不检查上级科目")
            continue
        stack: list[str] = []
        previous: str | None = None
        # a template printing no 类 at all (款 and their local items only) has no 类 to list
        shallowest = min((len(r.code or "") for r in idx.code_rows), default=3)
        for r in idx.code_rows:
            assert r.code is not None
            if unit_row(r) or r.code == previous:
                continue  # a unit's row; a code printed again (once per government 款)
            previous = r.code
            ctx.checked(table=t)
            parent = parent_code(r.code)
            if parent is not None and len(parent) < shallowest:
                parent = None
            while stack and not r.code.startswith(stack[-1]):
                stack.pop()
            if parent is not None and parent not in codes and len(r.code) > _DEPTH.get(
                    scheme_of_table(kind, r.code) or "", 7) and any(
                    r.code[:n] in codes for n in range(3, len(r.code), 2)):
                pass  # a local extension (3010201 under 30102): no standard parent to print
            elif parent is not None and parent not in codes:
                ctx.fail(f"{r.code} 的上级科目 {parent} 未列示", table=t, row=r, expected=parent,
                         actual="（缺行）")
            elif parent is not None and (not stack or stack[-1] != parent):
                ctx.fail(f"{r.code} 没有紧随其上级科目 {parent} 的分支排列（应深度优先）", table=t,
                         row=r, expected=f"在 {parent} 之下", actual=ORDER_BROKEN)
            stack.append(r.code)
    if ctx.checks == 0:
        ctx.skip("没有按科目编码列示的表")


@rule("C-4", Severity.ERROR, "支出功能分类应列示到项级，基本支出经济分类应列示到款级",
      source=f"docs/domain.md §2.2; {SOURCE_143} [SEC S4]", family=FAMILY)
def c4_depth(ctx: RuleContext) -> None:
    for kind in _HIERARCHY_TABLES:
        t = ctx.disclosure.table(kind)
        if t is None:
            continue
        parents = {parent_code(r.code) for r in index(t).code_rows if r.code is not None}
        for r in index(t).code_rows:
            assert r.code is not None
            if r.code in parents or unit_row(r) or not any(
                    c.is_amount and c.value for c in r.cells.values()):
                continue
            ctx.checked(table=t)
            economic = kind is TableKind.BASIC_EXPENDITURE
            depth = 5 if economic else 7
            if len(r.code) < depth:
                level = "款" if economic else "项"
                ctx.fail(f"{r.code} 没有列示到{level}级", table=t, row=r,
                         expected=f"{level}级科目（{depth} 位）", actual=r.code)
    if ctx.checks == 0:
        ctx.skip("没有按科目编码列示的表")


@rule("C-5", Severity.ERROR, "科目编码应属于该表的分类（功能分类表 2xx，"
                             "基本支出表经济分类 3xx/5xx）",
      source="docs/domain.md §1.1, §2", family=FAMILY, within=True)
def c5_scheme(ctx: RuleContext) -> None:
    for t in ctx.disclosure.tables:
        for r, expected in _scheme_rows(t):
            assert r.code is not None
            ctx.checked(table=t)
            actual = _SCHEME_BY_DIGIT.get(r.code[:1])
            if actual != expected or len(r.code) not in (3, 5, 7):
                ctx.fail(f"{r.code} 不是{_NAMES[expected]}科目，不应列在{t.title or t.name}",
                         table=t, row=r, expected=_NAMES[expected],
                         actual=_NAMES.get(actual or "", "未知编码"))


_ITEM_NAMES: dict[tuple[int, str, str], str] = {}  # (id of catalogue, code, printed) → name


def _named(ctx: RuleContext, r: Row, name: str) -> bool:
    """Whether the row is the 项 ``name`` (by the edition's name, else the printed one)."""
    if r.code is None or len(r.code) != 7:
        return False
    cat = _catalogue(ctx, "functional")
    key = (id(cat), r.code, r.name)
    got = _ITEM_NAMES.get(key)
    if got is None:
        entry = cat.get(r.code) if cat is not None else None
        got = normalise_label(entry.name if entry is not None else r.name)
        if len(_ITEM_NAMES) < 100_000:
            _ITEM_NAMES[key] = got
    return got == name


@rule("C-1", Severity.WARNING,
      "行政运行项不列项目支出，一般行政管理事务项不列基本支出（T3-3）",
      source="docs/domain.md §1.2 C-1, §3 T3-3 [SEC S17]", family=FAMILY,
      aliases=("T3-3",))
def c1_usage(ctx: RuleContext) -> None:
    for kind in _SPLIT_TABLES:
        t = ctx.disclosure.table(kind)
        if t is None:
            continue
        for r in index(t).code_rows:
            for name, wrong, label in (("行政运行", "project", "项目支出"),
                                       ("一般行政管理事务", "basic", "基本支出")):
                if not _named(ctx, r, name):
                    continue
                ctx.checked()
                cell = r.cell(wrong)
                if cell.is_amount and cell.value:
                    ctx.fail(f"{r.code} {name}列有{label}（行政运行只列基本支出，"
                             "一般行政管理事务只列项目支出）",
                             table=t, row=r, column=wrong, expected="（空白）", actual=cell)
    if ctx.checks == 0:
        ctx.skip("没有行政运行或一般行政管理事务项")


@rule("T3-4", Severity.WARNING,
      "缴费类项（2080505、2080506、2101101–2101103、2210201–2210203）只有基本支出，不列项目支出",
      source="docs/domain.md §3 T3-4 [UNVERIFIED heuristic]", family=FAMILY)
def t34_basic_only(ctx: RuleContext) -> None:
    for kind in _SPLIT_TABLES:
        t = ctx.disclosure.table(kind)
        if t is None:
            continue
        for r in index(t).code_rows:
            if r.code not in BASIC_ONLY_ITEMS:
                continue
            ctx.checked()
            cell = r.cell("project")
            if cell.is_amount and cell.value:
                ctx.fail(f"{r.code} {r.name}属于缴费性质的基本支出，却列有项目支出", table=t, row=r,
                         column="project", expected="（空白）", actual=cell)
    if ctx.checks == 0:
        ctx.skip("没有缴费类项")


@rule("C-6", Severity.INFO, "编码以 99 结尾的兜底科目名称应以“其他”开头",
      source="docs/domain.md §1.2 (residual 99)", family=FAMILY)
def c6_residual_name(ctx: RuleContext) -> None:
    for t, r, _ in _code_rows(ctx):
        assert r.code is not None
        if not r.code.endswith("99") or not r.name.strip():
            continue
        ctx.checked()
        if not normalise_label(r.name).startswith("其他"):
            ctx.fail(f"{r.code} 是兜底科目，名称“{r.name}”却不以“其他”开头", table=t, row=r,
                     expected="其他…", actual=r.name)
