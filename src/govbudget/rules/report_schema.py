"""The JSON Schema (draft 2020-12) of the JSON report ``govbudget check --format json`` writes.

The report is ``{"format", "version", "govbudget", "documents": [...]}``; each document is
either checked (``source``, ``disclosures`` and the ``Report.to_dict()`` fields
``findings``, ``outcomes``, ``summary``) or could not be loaded (``source``, ``error``).
``$defs`` also describes ``Report.to_dict()`` alone (``report``) and one records row
(``record``, ``govbudget check --format records``).

>>> import json, jsonschema, govbudget
>>> from govbudget.rules.report_schema import report_schema
>>> schema = report_schema()
>>> sorted(schema["$defs"])[:4]
['checked', 'coverage', 'disclosure', 'finding']
>>> data = govbudget.check(govbudget.example()).to_dict()
>>> jsonschema.validate(data, report_schema("report"))
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["REPORT_FORMAT", "REPORT_SCHEMA_ID", "REPORT_VERSION", "report_schema"]

#: the ``format`` and ``version`` members of a JSON report
REPORT_FORMAT = "govbudget-report"
REPORT_VERSION = 1
REPORT_SCHEMA_ID = f"urn:govbudget:report:{REPORT_VERSION}"

_TEXT = {"type": ["string", "null"]}
_COUNT = {"type": "integer", "minimum": 0}
_PLACE = {"type": ["integer", "null"], "minimum": 1}
_SEVERITY = {"enum": ["error", "warning", "info"]}


def _object(required: list[str], properties: dict[str, Any], description: str,
            optional: dict[str, Any] | None = None) -> dict[str, Any]:
    """An object with exactly these members (``optional`` ones may be absent)."""
    return {"type": "object", "description": description, "required": required,
            "additionalProperties": False, "properties": {**properties, **(optional or {})}}


_LOCATION = _object(
    ["disclosure", "table", "row", "column", "page", "line"],
    {"disclosure": _TEXT, "table": _TEXT, "row": _TEXT, "column": _TEXT,
     "page": _PLACE, "line": _PLACE},
    "Where a finding is: the disclosure (code and name), the table as titled, the row and "
    "column as printed; the page of a PDF (from 1) or the line of a text file (from 1).",
    optional={"sources": {
        "type": "array", "description": "where the cells concerned were read (0-based raw "
        "table, row and column indexes of the file's reading), for boxing them on the page",
        "items": _object(["file", "page", "table", "row", "column", "line"],
                         {"file": _TEXT, "page": _PLACE, "line": _PLACE,
                          "table": {"type": ["integer", "null"], "minimum": 0},
                          "row": {"type": ["integer", "null"], "minimum": 0},
                          "column": {"type": ["integer", "null"], "minimum": 0}},
                         "A SourceLocation: where one cell, row or table was read.")}},
)

_FINDING = _object(
    ["rule", "severity", "message", "location", "expected", "actual", "evidence", "unit", "terms"],
    {
        "rule": {"type": "string", "description": "the rule id (T1-1, X-5, N-2 …)"},
        "severity": _SEVERITY,
        "message": {"type": "string"},
        "location": {"$ref": "#/$defs/location"},
        "expected": {**_TEXT, "description": "what should be there (computed or read elsewhere)"},
        "actual": {**_TEXT, "description": "what the document shows there"},
        "evidence": {**_TEXT, "description": "the sentence or cells the finding rests on"},
        "unit": {**_TEXT, "description": "the unit of expected and actual when amounts (元, 万元)"},
        "terms": {"type": "array", "description": "the labelled addends of a computed expected",
                  "items": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "string"}],
                            "minItems": 2, "maxItems": 2}},
    },
    "One thing a rule found. Amounts are strings of digits as shown ('58.00'), or "
    "'（空白）' for a blank cell and '-' for a dash.",
    optional={
        "places": {"type": "array", "items": {"$ref": "#/$defs/location"},
                   "description": "the other places printing the same defect"},
        "consequences": {"type": "array", "items": {"$ref": "#/$defs/finding"},
                         "description": "findings that follow from this defect"},
    },
)

_OUTCOME = _object(
    ["rule", "disclosure", "status", "checks", "reason"],
    {"rule": {"type": "string"}, "disclosure": _TEXT,
     "status": {"enum": ["passed", "failed", "skipped"]}, "checks": _COUNT,
     "reason": {**_TEXT, "description": "why the rule was skipped (or could only partly run)"}},
    "One rule run on one disclosure: failed when it found something above info.",
)

_SUMMARY = {
    "type": "object", "description": "Counts: findings by severity, rule runs by status, checks.",
    "required": ["errors", "warnings", "infos", "rules_passed", "rules_failed",
                 "rules_skipped", "checks"],
    "additionalProperties": _COUNT,
    "properties": {k: _COUNT for k in ("errors", "warnings", "infos", "rules_passed",
                                        "rules_failed", "rules_skipped", "checks")},
}

_REPORT_FIELDS = {
    "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
    "outcomes": {"type": "array", "items": {"$ref": "#/$defs/outcome"}},
    "summary": {"$ref": "#/$defs/summary"},
}

_STATUS = {"enum": ["checked", "partial", "nothing_checked"],
           "description": "how much could be checked; nothing_checked is never clean"}

_NOTE = _object(["title", "page", "reason"], {"title": {"type": "string"}, "page": _PLACE,
                                              "reason": {"type": "string"}},
                "A table that was not used, and why.")

_COVERAGE = _object(
    ["status", "message", "disclosures"],
    {"status": _STATUS, "message": {"type": "string"},
     "disclosures": {"type": "array", "items": _object(
         ["disclosure", "read", "unreadable", "not_understood", "absent", "claims", "targets",
          "rules_run", "skipped", "unverified"],
         {"disclosure": {"type": "string"},
          "read": {"type": "array", "items": {"type": "string"}},
          "unreadable": {"type": "array", "items": {"$ref": "#/$defs/table_note"}},
          "not_understood": {"type": "array", "items": {"$ref": "#/$defs/table_note"}},
          "absent": {"type": "array", "items": {"type": "string"}},
          "claims": _COUNT, "targets": _COUNT, "rules_run": _COUNT,
          "skipped": {"type": "array", "items": _object(
              ["rule", "reason"], {"rule": {"type": "string"}, "reason": {"type": "string"}},
              "A rule that did not run, and why.")},
          "unverified": {"type": "array", "items": _object(
              ["rule", "message", "page", "line", "evidence", "location"],
              {"rule": {"type": "string"}, "message": {"type": "string"}, "page": _PLACE,
               "line": _PLACE, "evidence": _TEXT, "location": {"$ref": "#/$defs/location"}},
              "An amount that could not be checked against any table.")}},
         "What was checked in one disclosure.")}},
    "What the check covered: tables read or not, rules skipped, amounts not verified.",
)

#: members a report may carry besides the three above (the report's status and coverage)
_REPORT_OPTIONAL = {"status": _STATUS, "coverage": {"$ref": "#/$defs/coverage"}}

_DISCLOSURE = _object(
    ["scope", "code", "name", "year", "unit", "tables"],
    {"scope": {"enum": ["department", "unit"]}, "code": _TEXT, "name": {"type": "string"},
     "year": {"type": "integer"}, "unit": {"type": "string"},
     "tables": {"type": "array", "items": {"type": "string"}}},
    "A disclosure the document holds (department first, then its units).",
)

_RECORD = _object(
    ["document", "disclosure", "table", "page", "line", "row", "code", "column", "rule",
     "severity", "message", "expected", "actual", "unit", "terms", "evidence", "places"],
    {"document": _TEXT, "disclosure": _TEXT, "table": _TEXT, "page": _PLACE, "line": _PLACE,
     "row": _TEXT, "code": {"type": ["string", "null"], "pattern": "^[0-9]+$"},
     "column": _TEXT, "rule": {"type": "string"}, "severity": _SEVERITY,
     "message": {"type": "string"}, "expected": _TEXT, "actual": _TEXT, "unit": _TEXT,
     "terms": {**_TEXT, "description": "a JSON array of [label, amount] pairs, as text"},
     "evidence": _TEXT,
     "places": {**_TEXT, "description": "a JSON array of the other places' locations, as text"}},
    "One finding as a flat record (govbudget check --format records).",
)

_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": REPORT_SCHEMA_ID,
    "title": "govbudget check report",
    "type": "object",
    "required": ["format", "version", "documents"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": REPORT_FORMAT},
        "version": {"const": REPORT_VERSION},
        "govbudget": {"type": "string", "description": "the version of govbudget that wrote it"},
        "documents": {"type": "array", "items": {"oneOf": [{"$ref": "#/$defs/checked"},
                                                           {"$ref": "#/$defs/unloadable"}]}},
        "batch": {"type": "object", "description": "what the batch did: documents, checked, "
                  "not checked and why, from the cache, errors by rule "
                  "(govbudget.batch.BatchSummary.to_dict)"},
    },
    "$defs": {
        "location": _LOCATION,
        "finding": _FINDING,
        "outcome": _OUTCOME,
        "summary": _SUMMARY,
        "report": _object(list(_REPORT_FIELDS), _REPORT_FIELDS,
                          "Report.to_dict(): every finding, every rule run, the counts.",
                          optional=_REPORT_OPTIONAL),
        "coverage": _COVERAGE,
        "table_note": _NOTE,
        "disclosure": _DISCLOSURE,
        "checked": _object(
            ["source", "disclosures", *_REPORT_FIELDS],
            {"source": _TEXT, "disclosures": {"type": "array", "items": {"$ref": "#/$defs/disclosure"}},
             **_REPORT_FIELDS},
            "A document that was loaded and checked.", optional=_REPORT_OPTIONAL),
        "unloadable": _object(["source", "error"], {"source": {"type": "string"},
                                                    "error": {"type": "string"}},
                              "A document that could not be loaded (exit status 2)."),
        "record": _RECORD,
    },
}


def report_schema(of: str | None = None) -> dict[str, Any]:
    """The JSON Schema of the JSON report (a fresh copy); ``of`` one of its ``$defs``
    (``"report"`` for ``Report.to_dict()``, ``"record"`` for a records row …) as the root."""
    schema = copy.deepcopy(_SCHEMA)
    if of is None:
        return schema
    if of not in schema["$defs"]:
        raise KeyError(f"no definition {of!r}; the report schema defines {sorted(schema['$defs'])}")
    return {"$schema": schema["$schema"], "$id": f"{REPORT_SCHEMA_ID}:{of}",
            "$defs": schema["$defs"], "$ref": f"#/$defs/{of}"}
