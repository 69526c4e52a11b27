"""A report read back from its JSON form (``Report.from_dict``): the inverse of ``to_dict``.

Batch checking keeps each document's report as JSON (in the cache, from worker processes);
the renderers take the object, so it is rebuilt whole: findings with their places and
consequences, outcomes, and the coverage the report's status is derived from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from govbudget.rules.core import Finding, Location, Outcome, Severity, Status, Unverified
from govbudget.rules.coverage import Coverage, DisclosureCoverage, TableNote
from govbudget.source import SourceLocation


def location_from(data: Mapping[str, Any]) -> Location:
    fields = dict(data)
    sources = tuple(SourceLocation(**s) for s in fields.pop("sources", None) or ())
    return Location(**fields, sources=sources)


def finding_from(data: Mapping[str, Any]) -> Finding:
    return Finding(
        data["rule"], Severity(data["severity"]), data["message"],
        location_from(data["location"]), data.get("expected"), data.get("actual"),
        data.get("evidence"), data.get("unit"),
        tuple((str(a), str(b)) for a, b in data.get("terms") or ()),
        tuple(location_from(p) for p in data.get("places") or ()),
        tuple(finding_from(c) for c in data.get("consequences") or ()),
    )


def outcome_from(data: Mapping[str, Any]) -> Outcome:
    return Outcome(data["rule"], data["disclosure"], Status(data["status"]),
                   data.get("checks", 0), data.get("reason"))


def _unverified(data: Mapping[str, Any], disclosure: str) -> Unverified:
    where = data.get("location") or {"disclosure": disclosure, "page": data.get("page"),
                                     "line": data.get("line")}
    return Unverified(data["rule"], data["message"], location_from(where), data.get("evidence"))


def _note(data: Mapping[str, Any]) -> TableNote:
    return TableNote(data["title"], data.get("page"), data["reason"])


def coverage_from(data: Mapping[str, Any]) -> Coverage:
    return Coverage(tuple(
        DisclosureCoverage(
            d["disclosure"], tuple(d["read"]), tuple(_note(n) for n in d["unreadable"]),
            tuple(_note(n) for n in d["not_understood"]), tuple(d["absent"]),
            d["claims"], d["targets"], d["rules_run"],
            tuple((s["rule"], s["reason"]) for s in d["skipped"]),
            tuple(_unverified(u, d["disclosure"]) for u in d["unverified"]))
        for d in data.get("disclosures") or ()))
