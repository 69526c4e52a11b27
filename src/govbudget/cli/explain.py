"""``govbudget rules ID``: one rule in full — statement, source, what it reads, an example.

What a rule reads is observed, not declared: the rule is run on the bundled example
disclosure while the tables, narrative and performance targets it asks for are noted.
The example is a real finding: the rule's own finding on the bundled example when it has
one, else (with Hypothesis installed, ``govbudget[testing]``) the finding it reports
after one defect meant for it is put into the example (``govbudget.strategies.mutations``).

>>> from govbudget.cli.explain import describe
>>> info = describe("T1-1", example=False)
>>> info["id"], info["family"], info["needs"]
('T1-1', 'arithmetic', ['收支总表'])
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from typing import Any

from govbudget.rules import REGISTRY, Finding, Rule, RuleContext, Status, check
from govbudget.rules.render import SEVERITY_NAMES, amounts, place, where
from govbudget.tables.disclosure import Disclosure, Document

__all__ = ["describe", "describe_lines"]

#: what a rule reads besides named tables: the Disclosure attribute and how it is shown
_PARTS = {"tables": "各表（逐表）", "narrative": "情况说明（文字部分）",
          "performance": "绩效目标表", "units": "所属单位的预算"}


@contextlib.contextmanager
def _reads() -> Iterator[list[str]]:
    """Note the tables and parts of a disclosure read inside the block (class-level patch,
    undone on exit; for this command only — not thread-safe)."""
    seen: list[str] = []
    inside = [0]
    saved = {name: Disclosure.__dict__[name] for name in ("table", "tables_of", *_PARTS)}

    def by_kind(name: str) -> Any:
        def read(self: Disclosure, kind: Any) -> Any:
            seen.append(kind.value)
            inside[0] += 1
            try:
                return saved[name](self, kind)
            finally:
                inside[0] -= 1
        return read

    def part(name: str) -> property:
        slot = saved[name]

        def get(self: Disclosure) -> Any:
            if not inside[0]:
                seen.append(_PARTS[name])
            return slot.__get__(self, Disclosure)

        return property(get, lambda self, value: slot.__set__(self, value))

    try:
        for name in ("table", "tables_of"):
            setattr(Disclosure, name, by_kind(name))
        for name in _PARTS:
            setattr(Disclosure, name, part(name))
        yield seen
    finally:
        for name, value in saved.items():
            setattr(Disclosure, name, value)


def _needs(rule: Rule, doc: Document) -> list[str]:
    pairs = [(d, None) for d in doc.disclosures] + [
        (u, d) for d in doc.disclosures for u in d.units]
    with _reads() as seen:
        for disclosure, parent in pairs:
            rule.func(RuleContext(rule, disclosure, doc, parent))
    return list(dict.fromkeys(seen))


def _mutated_example(rule: Rule, doc: Document) -> tuple[str, Finding] | None:
    """A defect meant for ``rule`` put into the example, and the finding that reports it."""
    try:
        from hypothesis import HealthCheck, Phase, given, settings
        from hypothesis.errors import InvalidArgument

        from govbudget.strategies import mutations
    except ImportError:
        return None
    try:
        strategy = mutations(doc.disclosures[0], rules=[rule.id])
    except InvalidArgument:
        return None
    found: list[tuple[str, Finding]] = []

    @settings(database=None, derandomize=True, max_examples=20, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), deadline=None)
    @given(strategy)
    def probe(case: Any) -> None:
        if found:
            return
        mutated, mutation = case
        hits = [f for f in check(mutated, select=[rule.id]).findings if mutation.matches(f)]
        if hits:
            found.append((mutation.description, hits[0]))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        probe()
    return found[0] if found else None


def _finding_json(f: Finding) -> dict[str, Any]:
    from govbudget.rules.report import finding_dict

    return finding_dict(f)


def describe(rule_id: str, *, example: bool = True) -> dict[str, Any]:
    """Everything ``govbudget rules ID`` shows about one rule, as JSON-ready data."""
    import govbudget

    rule = REGISTRY[rule_id]
    doc = govbudget.example()
    info: dict[str, Any] = {
        "id": rule.id, "severity": rule.severity.value, "family": rule.family,
        "statement": rule.statement, "source": rule.source, "aliases": list(rule.aliases),
        "needs": _needs(rule, doc),
    }
    report = check(doc, select=[rule.id])
    info["on_example"] = [
        {"disclosure": o.disclosure, "status": o.status.value, "checks": o.checks,
         "reason": o.reason} for o in report.outcomes]
    info["example"] = None
    if example:
        if report.findings:
            info["example"] = {"defect": None, "finding": _finding_json(report.findings[0])}
        else:
            made = _mutated_example(rule, doc)
            if made is not None:
                info["example"] = {"defect": made[0], "finding": _finding_json(made[1])}
    return info


_STATUS = {Status.PASSED.value: "通过", Status.FAILED.value: "未通过", Status.SKIPPED.value: "跳过"}


def describe_lines(info: dict[str, Any]) -> list[str]:
    """``describe``'s data as the text ``govbudget rules ID`` prints."""
    from govbudget.rules.core import Severity
    from govbudget.rules.restore import location_from

    also = f"（亦即 {'、'.join(info['aliases'])}）" if info["aliases"] else ""
    lines = [f"{info['id']}{also}  {SEVERITY_NAMES[Severity(info['severity'])]}  "
             f"{info['family']}",
             f"  规则：{info['statement']}",
             f"  来源：{info['source']}",
             "  需要：" + ("、".join(info["needs"]) or "（在内置示例上未读取任何表）")]
    for o in info["on_example"]:
        why = f"：{o['reason']}" if o["reason"] and o["status"] == "skipped" else ""
        lines.append(f"  内置示例 {o['disclosure']}：{_STATUS[o['status']]}，"
                     f"检查 {o['checks']} 项{why}")
    ex = info["example"]
    if ex is None:
        import importlib.util

        lines.append("  例：（安装 govbudget[testing] 后由缺陷注入生成）"
                     if importlib.util.find_spec("hypothesis") is None
                     else "  例：内置示例上没有发现，也没有为它注入缺陷的办法")
        return lines
    lines.append("  例（内置示例本身）：" if ex["defect"] is None
                 else f"  例（在内置示例中注入缺陷：{ex['defect']}）：")
    f = ex["finding"]
    loc = location_from(f["location"])
    finding = Finding(f["rule"], Severity(f["severity"]), f["message"], loc, f["expected"],
                      f["actual"], f["evidence"], f["unit"],
                      tuple((a, b) for a, b in f["terms"]))
    spot = place(loc)
    lines.append(f"    {where(loc)}  {loc.table or ''}{'  ' + spot if spot else ''}")
    lines.append(f"    {SEVERITY_NAMES[finding.severity]} {finding.rule}：{finding.message}")
    figures = amounts(finding)
    if figures is not None:
        lines.append(f"    {figures.text()}")
    return lines
