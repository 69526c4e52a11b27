"""Checks across documents (跨文件校验): a department's budget and final account of one year,
and budgets or final accounts of consecutive years (docs/domain.md §11, "Across documents").

``check_together`` pairs the documents it is given: the same department (by code, else by
normalised name) and the years that make a pair; then runs the pair rules (XD-*) on each
pair. Each finding names both documents and their pages. A table not read reliably
(``rules.reliability``, reported by U-2 when the document is checked alone) feeds no pair
rule: the rule that needed it is skipped, saying so.

>>> import govbudget
>>> from govbudget.rules.across import PAIR_RULES, same_department
>>> sorted(r.id for r in PAIR_RULES)
['XD-1', 'XD-2', 'XD-3', 'XD-4', 'XD-5']
>>> d = govbudget.example().disclosures[0]
>>> same_department(d, d)
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path

import attrs

from govbudget.money import Cell, places_of
from govbudget.rules.core import Finding, Outcome, Registry, Rule, RuleContext, Severity, Status
from govbudget.rules.reliability import assess, readable, within_rules
from govbudget.rules.report import Report
from govbudget.tables.disclosure import Disclosure, Document
from govbudget.tables.model import BudgetTable, Row

__all__ = ["PAIR_RULES", "Pair", "PairContext", "check_together", "compare", "pairs", "same_department"]

#: the pair rules: they run on two disclosures, never on one (so not in ``REGISTRY``)
PAIR_RULES = Registry()
_SOURCE = "docs/domain.md §11 (across documents)"


@attrs.frozen(slots=True)
class Pair:
    """Two disclosures of one department that can be checked together (文件配对).

    ``kind`` is ``budget-final`` (the budget and the final account of ``later.year``),
    ``budgets`` or ``finals`` (``earlier`` is of the year before ``later``).
    """

    kind: str
    earlier: Disclosure
    later: Disclosure


def _name(d: Disclosure) -> str:
    n = re.sub(r"[\s（）()“”\"]|汇总|本级|部门(预算|决算)?$", "", d.name)
    return re.sub(r"^\d{4}年度?", "", n)


def same_department(a: Disclosure, b: Disclosure) -> bool:
    """Whether two disclosures are the same department's: equal codes when both have one,
    else equal names (spaces, brackets, 汇总/本级 ignored)."""
    if a.code and b.code:
        return a.code == b.code
    return bool(_name(a)) and _name(a) == _name(b)


def pairs(disclosures: Iterable[Disclosure]) -> list[Pair]:
    """Every pair of the same department's disclosures that the pair rules can check."""
    ds = list(disclosures)
    out = []
    for i, a in enumerate(ds):
        for b in ds[i + 1:]:
            if not same_department(a, b):
                continue
            x, y = sorted((a, b), key=lambda d: (d.year, d.is_final))
            if x.year == y.year and not x.is_final and y.is_final:
                out.append(Pair("budget-final", x, y))
            elif y.year == x.year + 1 and x.is_final == y.is_final:
                out.append(Pair("finals" if x.is_final else "budgets", x, y))
    return out


class PairContext(RuleContext):
    """A pair rule's view: ``disclosure`` is the later (or final) one, ``other`` the earlier."""

    def __init__(self, rule: Rule, pair: Pair,
                 left_out: Mapping[int, Sequence[tuple[BudgetTable, str]]] | None = None,
                 ) -> None:
        left_out = left_out or {}
        super().__init__(rule, pair.later, unreadable=left_out.get(id(pair.later), ()),
                         left_out=left_out)
        self.pair = pair
        self.other = pair.earlier
        #: the tables a rule wanted but that were left out as not read reliably
        self.left_out_notes: list[str] = []

    def left_out_table(self, d: Disclosure, kind: object) -> bool:
        """Whether the table of ``kind`` of ``d`` was left out as not read reliably (noted
        for the skip reason when so)."""
        why = self.unreadable_reason(kind, d)
        if why is not None:
            name = getattr(kind, "value", str(kind))
            self.left_out_notes.append(f"{_doc(d)}的{name}未能可靠读取，不参与检查（{why}）")
        return why is not None

    def fail_both(self, message: str, *, here: tuple[BudgetTable | str, Row | str | None, str | None],
                  there: tuple[BudgetTable | str, Row | str | None], expected: object,
                  actual: object, severity: Severity | None = None) -> None:
        """Report at ``here`` (in ``disclosure``), naming ``there`` (in ``other``) and both pages."""
        t, row, col = here
        ot, orow = there
        where_other = _describe(self.other, ot, orow)
        self.fail(f"{message}（{_doc(self.disclosure)} ↔ {where_other}）", table=t, row=row,
                  column=col, expected=expected, actual=actual, severity=severity,
                  evidence=f"{_describe(self.disclosure, t, row)}；{where_other}")


def _doc(d: Disclosure) -> str:
    what = "决算" if d.is_final else "预算"
    file = d.source.file if d.source is not None and d.source.file else d.label
    return f"{Path(file).name} {d.year}年{what}"


def _describe(d: Disclosure, t: BudgetTable | str, row: Row | str | None) -> str:
    page = None
    if isinstance(row, Row) and row.source is not None:
        page = row.source.page
    if page is None and isinstance(t, BudgetTable) and t.source is not None:
        page = t.source.page
    name = t.title or t.name if isinstance(t, BudgetTable) else t
    label = row.label if isinstance(row, Row) else (row or "")
    return f"{_doc(d)} {name} {label}".rstrip() + (f"（第{page}页）" if page else "")


def check_together(*targets: Document | Disclosure | str | Path,
                   rules: Iterable[str] | None = None) -> Report:
    """Check the documents given as pairs: budget ↔ final of a year, budgets or finals of
    consecutive years, of the same department. Files are loaded (``govbudget.load``).

    Returns a ``Report`` of the pair rules (XD-*); a pair rule that finds nothing to
    compare is skipped with its reason. No pair at all is an empty report with no outcome.
    """
    import govbudget.rules.across_rules  # noqa: F401  (registers the pair rules)

    tops: list[Disclosure] = []
    for t in targets:
        if isinstance(t, (str, Path)):
            from govbudget.readers.load import load

            t = load(t)
        tops.extend(t.disclosures if isinstance(t, Document) else (t,))
    chosen = PAIR_RULES.select(rules)
    left_out: dict[int, list[tuple[BudgetTable, str]]] = {}
    within = within_rules()
    tops = [readable(d, assess(d, within), left_out) for d in tops]
    findings: list[Finding] = []
    outcomes: list[Outcome] = []
    for pair in pairs(tops):
        for r in chosen:
            ctx = PairContext(r, pair, left_out)
            r.func(ctx)
            if ctx.left_out_notes and not ctx.checks:
                ctx.skip("；".join(dict.fromkeys(ctx.left_out_notes)))
            failed = any(f.severity is not Severity.INFO for f in ctx.findings)
            status = (Status.FAILED if failed else Status.SKIPPED
                      if ctx.skip_reason and not ctx.checks and not ctx.findings else Status.PASSED)
            label = f"{pair.later.label} ↔ {_doc(pair.earlier)}"
            findings.extend(attrs.evolve(f, location=attrs.evolve(f.location, disclosure=label))
                            for f in ctx.findings)
            outcomes.append(Outcome(r.id, label, status, ctx.checks, ctx.skip_reason))
    return Report(tuple(findings), tuple(outcomes))


def compare(ctx: PairContext, mine: Cell, theirs: Cell, *, what: str,
            here: tuple[BudgetTable | str, Row | str | None, str | None],
            there: tuple[BudgetTable | str, Row | str | None],
            severity: Severity | None = None) -> None:
    """The same figure in two documents: exact, or equal at the coarser precision shown."""
    ctx.checked()
    if not mine.is_amount and not theirs.is_amount:
        return  # both blank: they agree
    mine_unit = here[0].unit if isinstance(here[0], BudgetTable) else ctx.disclosure.unit
    their_unit = there[0].unit if isinstance(there[0], BudgetTable) else ctx.other.unit
    a, b = mine.as_zero(), their_unit.convert(theirs.as_zero(), mine_unit)
    if a == b:
        return
    places = min(places_of(a), places_of(b))
    if abs(a - b) <= Decimal(5).scaleb(-(places + 1)):
        return
    ctx.fail_both(f"{what}：{mine.text() if mine.is_amount else '（空白）'} ≠ "
                  f"{theirs.text() if theirs.is_amount else '（空白）'}", here=here, there=there,
                  expected=theirs.text() if theirs.is_amount else "（空白）",
                  actual=mine.text() if mine.is_amount else "（空白）", severity=severity)
