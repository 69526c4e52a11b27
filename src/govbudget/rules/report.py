"""Running rules on disclosures, and the report of what was checked and found.

>>> import govbudget
>>> report = govbudget.check(govbudget.example())
>>> report.summary()["errors"] >= 0
True
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from govbudget.rules.core import (
    REGISTRY,
    Finding,
    Outcome,
    Registry,
    Rule,
    RuleContext,
    Severity,
    Status,
)
from govbudget.tables.disclosure import Disclosure, Document

__all__ = ["Report", "check"]


@attrs.frozen(slots=True)
class Report:
    """The result of checking (检查报告): every finding, and every rule's outcome."""

    findings: tuple[Finding, ...]
    outcomes: tuple[Outcome, ...]

    def of(self, rule: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.rule == rule)

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
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": [finding_dict(f) for f in self.findings],
            "outcomes": [
                {"rule": o.rule, "disclosure": o.disclosure, "status": o.status.value,
                 "checks": o.checks, "reason": o.reason}
                for o in self.outcomes
            ],
            "summary": self.summary(),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_text(self, *, min_severity: Severity = Severity.INFO, coverage: bool = False,
                verbose: bool = False, quiet: bool = False) -> str:
        """Readable text (``govbudget.rules.render``): findings by disclosure and table in
        page order, with printed and computed amounts, then the counts and the coverage."""
        from govbudget.rules.render import text

        return text(self, min_severity=min_severity, coverage=coverage, verbose=verbose,
                    quiet=quiet)

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
        "location": {
            "disclosure": f.location.disclosure,
            "table": f.location.table,
            "row": f.location.row,
            "column": f.location.column,
            "page": f.location.page,
            "line": f.location.line,
        },
        "expected": f.expected,
        "actual": f.actual,
        "evidence": f.evidence,
        "unit": f.unit,
        "terms": [list(t) for t in f.terms],
    }


def _run(rule: Rule, disclosure: Disclosure, document: Document | None,
         parent: Disclosure | None) -> tuple[list[Finding], Outcome]:
    ctx = RuleContext(rule, disclosure, document, parent)
    rule.func(ctx)
    if ctx.findings and any(f.severity is not Severity.INFO for f in ctx.findings):
        status = Status.FAILED
    elif ctx.skip_reason is not None and ctx.checks == 0 and not ctx.findings:
        status = Status.SKIPPED
    else:
        status = Status.PASSED
    return ctx.findings, Outcome(rule.id, disclosure.label, status, ctx.checks, ctx.skip_reason)


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
    """
    if registry is None:
        import govbudget.rules  # noqa: F401  (registers the built-in rules)

        registry = REGISTRY
    rules = registry.select(select, exclude)
    targets = [target] if isinstance(target, (Document, Disclosure)) else list(target)
    findings: list[Finding] = []
    outcomes: list[Outcome] = []
    for t in targets:
        document = t if isinstance(t, Document) else None
        roots = t.disclosures if isinstance(t, Document) else (t,)
        for root in roots:
            for disclosure, parent in _with_parents(root, None):
                for r in rules:
                    f, o = _run(r, disclosure, document, parent)
                    findings.extend(f)
                    outcomes.append(o)
    return Report(tuple(findings), tuple(outcomes))


def _with_parents(
    d: Disclosure, parent: Disclosure | None
) -> list[tuple[Disclosure, Disclosure | None]]:
    out = [(d, parent)]
    for u in d.units:
        out.extend(_with_parents(u, d))
    return out
