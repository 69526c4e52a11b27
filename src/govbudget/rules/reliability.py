"""Whether each table was read reliably (读取可靠性), judged by its own arithmetic and codes.

A real defect is sparse: one wrong cell breaks its row, its parent and the total by
the same difference. A misreading is dense: a column read into the next one, rows typed
with the wrong codes, break most rows by unrelated differences. So every table is first
checked against itself by the ``within`` rules (its sums, its codes); a table whose
failures are many *unrelated* defects, or that the reader marked ``unreadable``, is left
out of every rule and reported once by U-2, with the reason. Budget and final-accounts
tables (部门决算, rules F1-1 … F8-3) are judged alike.

>>> import govbudget
>>> from govbudget.rules.reliability import assess
>>> d = govbudget.example().disclosures[0]
>>> [reason for _, reason in assess(d, within_rules())[id(d)] if reason]
[]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

import attrs

from govbudget.rules.core import REGISTRY, Finding, Registry, Rule, RuleContext, Severity, rule
from govbudget.tables.disclosure import Disclosure, Document
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable

__all__ = ["Verdicts", "assess", "defect_keys", "readable", "within_rules"]

#: disclosure id → each of its tables with the reason it cannot be used (None: it can)
Verdicts = dict[int, list[tuple[BudgetTable, str | None]]]

#: a table is dense when it shows at least this many unrelated defects …
MIN_DEFECTS = 3
#: … (one more below this many rows)
SMALL_TABLE = 10
#: … on at least this share of its rows with amounts, or this many whatever its size
DENSE_SHARE = Decimal("0.15")
MANY_DEFECTS = 10

#: the tables whose rows are keyed by a classification code, one row per code and block
#: (budget and final accounts alike)
CODE_TABLES = frozenset({
    TableKind.REVENUE, TableKind.EXPENDITURE, TableKind.GENERAL_BUDGET,
    TableKind.BASIC_EXPENDITURE, TableKind.GOV_FUND, TableKind.SOE_CAPITAL, TableKind.SUMMARY,
    TableKind.FISCAL_SUMMARY, TableKind.FINAL_SUMMARY, TableKind.FINAL_REVENUE,
    TableKind.FINAL_EXPENDITURE, TableKind.FINAL_FISCAL_SUMMARY, TableKind.FINAL_GENERAL_BUDGET,
    TableKind.FINAL_BASIC_EXPENDITURE, TableKind.FINAL_GOV_FUND, TableKind.FINAL_SOE_CAPITAL})

#: the rules adding up each row across its columns (budget, then final accounts: F2-1,
#: F3-1, F5-1 and F8-2 add up a row, F4-4 a fiscal row by fund, F8-1 balances a fund row)
ROW_RULES = ("S-1", "T2-1", "T2-2", "T3-1", "T4-4", "T5-1", "T6-1", "T7-2",
             "F2-1", "F3-1", "F4-4", "F5-1", "F8-1", "F8-2")

#: what T2-5 prints as ``actual`` for a code out of depth-first order: a neighbour of a
#: wrong row is then out of order too, so order alone is no defect of its own here
ORDER_BROKEN = "顺序错乱"

_ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．])")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def within_rules(registry: Registry | None = None) -> list[Rule]:
    """The rules that check a table against itself (``Rule.within``)."""
    if registry is None:
        import govbudget.rules  # noqa: F401  (registers the built-in rules)

        registry = REGISTRY
    return [r for r in registry if r.within]


def _number(text: str | None) -> Decimal | None:
    if text is None:
        return None
    t = text.replace(",", "").strip()
    if t in ("（空白）", "-"):
        return Decimal(0)
    if not _NUMBER.match(t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def defect_keys(findings: Sequence[Finding]) -> set[tuple[str, str]]:
    """The distinct defects behind a table's error findings, one key each.

    Findings belong to one defect when they share a difference (a wrong cell breaks its
    row, its parent and the total by the same amount) or a row (a wrong row breaks each
    column of its parent by another amount): the connected groups are counted.
    """
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(k: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    for f in findings:
        if f.severity is not Severity.ERROR or f.actual == ORDER_BROKEN:
            continue  # a rounding note, a name to verify, an order: no defect of its own
        row = ("row", f.location.row or f.rule)
        if f.actual == "（缺行）" and f.expected:  # the children of one missing parent row
            parent[find(("missing", f.expected))] = find(row)
        a, e = _number(f.actual), _number(f.expected)
        if a is not None and e is not None and a != e:
            parent[find(("diff", format(abs(a - e).normalize(), "f")))] = find(row)
        else:
            find(row)
    return {find(k) for k in list(parent)}


def _amount_rows(t: BudgetTable) -> int:
    return sum(1 for r in t.rows if any(c.is_amount for c in r.cells.values()))


def judge(t: BudgetTable, findings: Sequence[Finding], checks: int) -> str | None:
    """Why ``t`` cannot be used (``None`` when it can), from what the within rules found."""
    if t.unreadable:
        return t.unreadable
    keys = defect_keys(findings)
    rows = _amount_rows(t)
    n = len(keys)
    for rule_id in ROW_RULES:
        failing = {f.location.row for f in findings
                   if f.rule == rule_id and f.severity is Severity.ERROR}
        if len(failing) >= MIN_DEFECTS and len(failing) >= 0.75 * rows:
            # every row fails the same row sum: the columns were mapped wrongly
            return (f"{rows} 行有金额，其中 {len(failing)} 行不符 {rule_id} 的逐行相加："
                    "各栏未能正确对应")
    names: dict[str, set[str]] = {}
    for r in (t.rows if t.kind in CODE_TABLES else ()):  # rows by project share codes
        if r.code:
            names.setdefault(r.code, set()).add(_ORDINAL.sub("", "".join(r.name.split())))
    clashes = [c for c, ns in names.items() if len(ns) > 1]
    if clashes:
        # one code, several names (201 行政运行, 201 信访业务): the codes were not read
        return (f"{len(clashes)} 个编码各对应多个不同名称（如 {clashes[0]}：{'、'.join(sorted(names[clashes[0]]))[:40]}）"
                "：科目编码未能正确读取")
    disorder = sum(1 for f in findings if f.actual == ORDER_BROKEN)
    if disorder >= max(Decimal(MANY_DEFECTS // 2), DENSE_SHARE * 2 * rows):
        # most codes out of depth-first order: rows read from two blocks interleaved
        return (f"{disorder} 个科目不在其上级科目的分支下（{rows} 行有金额）：更像是把并排的"
                "两块表格读到了一起，而不是排列错误")
    # a small table needs one more: a single wrong code there breaks its row, its parent
    # and the total, three findings for one defect
    least = MIN_DEFECTS if rows >= SMALL_TABLE else MIN_DEFECTS + 1
    dense = n >= MANY_DEFECTS or (n >= least and n >= DENSE_SHARE * rows)
    if not dense:
        return None
    failed = sum(1 for f in findings if f.severity is Severity.ERROR)
    return (f"表内勾稽 {checks} 项中 {failed} 项不符，涉及 {n} 处互不相关的差异"
            f"（{rows} 行有金额）：更像是读错了行或栏，而不是表中的错误")


def assess(root: Disclosure, rules: Sequence[Rule], document: Document | None = None,
           ) -> Verdicts:
    """Each table of ``root`` and its units, with the reason it cannot be used (or None)."""
    out: Verdicts = {}
    for d in root.walk():
        checks: dict[int, int] = {}
        found: dict[int, list[Finding]] = {}
        for view in _views(d):
            for r in rules:
                ctx = RuleContext(r, view, document)
                r.func(ctx)
                _add(checks, ctx.table_checks)
                for k, fs in ctx.table_findings.items():
                    found.setdefault(k, []).extend(fs)
        out[id(d)] = [(t, judge(t, found.get(id(t), ()), checks.get(id(t), 0)))
                      for t in d.tables]
    return out


def _add(into: dict[int, int], counts: dict[int, int]) -> None:
    for k, n in counts.items():
        into[k] = into.get(k, 0) + n


def _views(d: Disclosure) -> list[Disclosure]:
    """``d`` itself, then one view per further table of a kind printed more than once (a
    rule reads the first table of each kind: each table must be first once)."""
    by_kind: dict[object, list[BudgetTable]] = {}
    for t in d.tables:
        by_kind.setdefault(t.kind, []).append(t)
    depth = max((len(ts) for ts in by_kind.values()), default=1)
    views = [d]
    for k in range(1, depth):
        tables = tuple(ts[k] for ts in by_kind.values() if len(ts) > k)
        views.append(attrs.evolve(d, tables=tables, units=()))
    return views


def readable(d: Disclosure, verdicts: Verdicts,
             left_out: dict[int, list[tuple[BudgetTable, str]]] | None = None) -> Disclosure:
    """``d`` and its units without the tables that cannot be used; ``left_out`` (when
    given) receives, by the id of each returned disclosure, the tables left out and why."""
    judged = verdicts.get(id(d), [])
    dropped = [(t, why) for t, why in judged if why is not None]
    units = tuple(readable(u, verdicts, left_out) for u in d.units)
    if dropped or any(a is not b for a, b in zip(units, d.units, strict=True)):
        kept = tuple(t for t, why in judged if why is None) if judged else d.tables
        out = attrs.evolve(d, tables=kept, units=units)
    else:
        out = d
    if left_out is not None and dropped:
        left_out[id(out)] = dropped
    return out


@rule("U-2", Severity.WARNING,
      "未能可靠读取的表格只报告一次（说明原因），其数据不参与任何规则的检查",
      source="docs/domain.md §6; govbudget reader (BudgetTable.unreadable)", family="structure")
def u2_unreadable(ctx: RuleContext) -> None:
    for t, why in ctx.unreadable:
        ctx.checked()
        ctx.fail(f"{t.title or t.name}未能可靠读取，其数据未参与检查：{why}", table=t,
                 expected="可读取的表格", actual="未能可靠读取")
    performance = _performance_unreadable(ctx)
    if not ctx.unreadable and not performance:
        ctx.checked()


def _performance_unreadable(ctx: RuleContext) -> bool:
    from govbudget.performance.reading import unreadable_targets

    found = False
    for target, why in unreadable_targets(ctx.disclosure):
        found = True
        ctx.checked()
        ctx.fail(f"绩效目标表“{target.title or target.name}”未能可靠读取：{why}",
                 table=target.title or target.name, page=target.page, line=target.line,
                 expected="可读取的绩效目标表", actual="未能可靠读取")
    return found
