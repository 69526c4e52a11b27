"""Running rules on disclosures, and the report of what was checked and found.

>>> import govbudget
>>> report = govbudget.check(govbudget.example())
>>> report.summary()["errors"] >= 0
True
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from govbudget.rules.consolidate import consolidate
from govbudget.rules.core import (
    REGISTRY,
    Finding,
    Outcome,
    Registry,
    Rule,
    RuleContext,
    Severity,
    Status,
    Unverified,
    location_dict,
)
from govbudget.rules.coverage import Coverage, DisclosureCoverage, ReportStatus, disclosure_coverage
from govbudget.rules.reliability import assess, readable, within_rules
from govbudget.rules.structure import FINAL_TABLES, STANDARD_TABLES
from govbudget.tables.disclosure import Disclosure, Document
from govbudget.tables.model import BudgetTable

__all__ = ["Report", "check"]


@attrs.frozen(slots=True)
class Report:
    """The result of checking (检查报告): every finding, every rule's outcome, and what
    was covered (``coverage``: tables read or not, amounts not verified, the status)."""

    findings: tuple[Finding, ...]
    outcomes: tuple[Outcome, ...]
    coverage: Coverage = attrs.field(factory=Coverage)

    @property
    def status(self) -> ReportStatus:
        """``checked``, ``partial`` or ``nothing_checked`` (never "clean" when nothing was)."""
        return self.coverage.status

    def of(self, rule: str) -> tuple[Finding, ...]:
        """The findings of one rule (consequences folded into another rule's finding too)."""
        return tuple(f for f in self.all_findings() if f.rule == rule)

    def all_findings(self) -> tuple[Finding, ...]:
        """Every finding, with the consequences listed inside a finding after it."""
        return tuple(x for f in self.findings for x in (f, *f.consequences))

    def at_least(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity.at_least(severity))

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def summary(self) -> dict[str, int]:
        sev = Counter(f.severity for f in self.findings)
        status = Counter(o.status for o in self.outcomes)
        return {
            "errors": sev[Severity.ERROR],
            "warnings": sev[Severity.WARNING],
            "infos": sev[Severity.INFO],
            "rules_passed": status[Status.PASSED],
            "rules_failed": status[Status.FAILED],
            "rules_skipped": status[Status.SKIPPED],
            "checks": sum(o.checks for o in self.outcomes),
            "tables_read": sum(len(d.read) for d in self.coverage.disclosures),
            "tables_unreadable": sum(len(d.unreadable) for d in self.coverage.disclosures),
            "tables_not_understood": sum(len(d.not_understood)
                                         for d in self.coverage.disclosures),
            "unverified": len(self.coverage.unverified),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "findings": [finding_dict(f) for f in self.findings],
            "outcomes": [
                {"rule": o.rule, "disclosure": o.disclosure, "status": o.status.value,
                 "checks": o.checks, "reason": o.reason}
                for o in self.outcomes
            ],
            "coverage": self.coverage.to_dict(),
            "summary": self.summary(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """The report ``to_dict`` gave (``Report.from_dict(r.to_dict()) == r``)."""
        from govbudget.rules.restore import coverage_from, finding_from, outcome_from

        return cls(tuple(finding_from(f) for f in data["findings"]),
                   tuple(outcome_from(o) for o in data["outcomes"]),
                   coverage_from(data.get("coverage") or {}))

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_text(self, *, min_severity: Severity = Severity.INFO, coverage: bool = False,
                verbose: bool = False, quiet: bool = False) -> str:
        """Readable text (``govbudget.rules.render``): findings by disclosure and table in
        page order, with printed and computed amounts, then the counts and the coverage."""
        from govbudget.rules.render import text

        return text(self, min_severity=min_severity, coverage=coverage, verbose=verbose,
                    quiet=quiet)

    def to_html(self, pdf: str | Path | None = None, *, title: str = "检查报告",
                min_severity: Severity = Severity.INFO, source: str | None = None) -> str:
        """One self-contained HTML page (``govbudget.rules.render_html``); with ``pdf``, the
        PDF this report is of, its pages with the findings' cells boxed (the ``pdf`` extra)."""
        from govbudget.rules.render_html import html

        if pdf is None:
            return html([(source, self, None)], title=title, min_severity=min_severity)
        from govbudget.rules.render_pages import PdfPages

        with PdfPages(pdf) as pages:
            return html([(source or str(pdf), self, pages)], title=title,
                        min_severity=min_severity)

    def to_records(self, *, document: str | None = None) -> list[dict[str, str | int | None]]:
        """One flat record per finding (``govbudget.rules.records``), for pandas or DuckDB."""
        from govbudget.rules.records import to_records

        return to_records(self, document=document)

    def __str__(self) -> str:
        return self.to_text()


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as JSON-ready data, with the field names of the report format."""
    return {
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        "location": location_dict(f.location),
        "expected": f.expected,
        "actual": f.actual,
        "evidence": f.evidence,
        "unit": f.unit,
        "terms": [list(t) for t in f.terms],
        "places": [location_dict(p) for p in f.places],
        "consequences": [finding_dict(c) for c in f.consequences],
    }


def _run(rule: Rule, disclosure: Disclosure, document: Document | None,
         parent: Disclosure | None, left_out: Mapping[int, Sequence[tuple[BudgetTable, str]]],
         places: dict[int, Any]) -> tuple[RuleContext, Outcome]:
    ctx = RuleContext(rule, disclosure, document, parent, left_out.get(id(disclosure), ()),
                      left_out, places)
    rule.func(ctx)
    if ctx.findings and any(f.severity is not Severity.INFO for f in ctx.findings):
        status = Status.FAILED
    elif ctx.skip_reason is not None and ctx.checks == 0 and not ctx.findings:
        status = Status.SKIPPED
    else:
        status = Status.PASSED
    return ctx, Outcome(rule.id, disclosure.label, status, ctx.checks, ctx.skip_reason)


def check(
    target: Document | Disclosure | Iterable[Document | Disclosure],
    *,
    select: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
    registry: Registry | None = None,
) -> Report:
    """Run the rules on a disclosure, a document, or several; return the ``Report``.

    ``select`` / ``exclude`` take rule ids or families (``arithmetic``, ``cross-table``,
    ``catalogue``, ``narrative``, ``performance`` …); ``registry`` replaces the built-in rules.

    Each table is first checked against itself (``rules.reliability``): one that was not
    read reliably is left out of every rule and reported once (U-2). Findings of one
    defect are then folded into one (``rules.consolidate``), and the report says what
    was covered (``Report.coverage``).
    """
    if registry is None:
        import govbudget.rules  # noqa: F401  (registers the built-in rules)

        registry = REGISTRY
    rules = registry.select(select, exclude)
    within = within_rules(registry)
    order = {r.id: (0 if r.within else 1, i) for i, r in enumerate(registry)}
    def rank(f: Finding) -> tuple[int, int, int]:
        return (f.severity.rank, *order.get(f.rule, (2, 0)))
    targets = [target] if isinstance(target, (Document, Disclosure)) else list(target)
    findings: list[Finding] = []
    outcomes: list[Outcome] = []
    covered: list[DisclosureCoverage] = []
    for t in targets:
        document = t if isinstance(t, Document) else None
        roots = t.disclosures if isinstance(t, Document) else (t,)
        for root in roots:
            verdicts = assess(root, within, document)
            left_out: dict[int, list[tuple[BudgetTable, str]]] = {}
            usable = readable(root, verdicts, left_out)
            places: dict[int, Any] = {}  # the cells' places of each table, built on need
            for (disclosure, parent), original in zip(_with_parents(usable, None),
                                                      root.walk(), strict=True):
                dropped = left_out.get(id(disclosure), [])
                ran: list[Outcome] = []
                unverified: list[Unverified] = []
                for r in rules:
                    ctx, o = _run(r, disclosure, document, parent, left_out, places)
                    findings.extend(ctx.findings)
                    unverified.extend(ctx.unverified)
                    ran.append(o)
                outcomes.extend(ran)
                covered.append(disclosure_coverage(original, dropped, ran, unverified,
                                                   _claims(disclosure),
                                                   FINAL_TABLES if original.is_final
                                                   else STANDARD_TABLES))
    folded = consolidate(findings, rank)
    return Report(tuple(folded), tuple(outcomes), Coverage(tuple(covered)))


def _claims(d: Disclosure) -> int:
    """How many amounts the narrative states (0 without a narrative)."""
    if d.narrative is None:
        return 0
    from govbudget.narrative.rules import analyse

    a = analyse(d)
    return 0 if a is None else len(a.amounts)


def _with_parents(
    d: Disclosure, parent: Disclosure | None
) -> list[tuple[Disclosure, Disclosure | None]]:
    out = [(d, parent)]
    for u in d.units:
        out.extend(_with_parents(u, d))
    return out
