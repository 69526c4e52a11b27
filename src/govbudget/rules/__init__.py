"""Budget rules (校验规则): importing this package registers the built-in rules.

>>> from govbudget.rules import REGISTRY
>>> "T1-1" in REGISTRY
True
"""

from __future__ import annotations

import importlib

from govbudget.rules.core import (
    REGISTRY,
    Finding,
    Location,
    Outcome,
    Registry,
    Rule,
    RuleContext,
    Severity,
    Status,
    rule,
)
from govbudget.rules.report import Report, check

__all__ = [
    "REGISTRY",
    "Finding",
    "Location",
    "Outcome",
    "Registry",
    "Report",
    "Rule",
    "RuleContext",
    "Severity",
    "Status",
    "check",
    "rule",
]

#: Modules that define built-in rules; each registers its rules when imported.
RULE_MODULES = (
    "govbudget.rules.arithmetic",
    "govbudget.rules.arithmetic_summary",
    "govbudget.rules.arithmetic_codes",
    "govbudget.rules.cross_table",
    "govbudget.rules.cross_table_summary",
    "govbudget.rules.three_public",
    "govbudget.rules.catalogue",
    "govbudget.rules.aggregation",
    "govbudget.rules.structure",
    "govbudget.rules.final_arithmetic",
    "govbudget.rules.final_cross",
    "govbudget.narrative.final_rules",
    "govbudget.narrative.rules",
    "govbudget.performance.rules",
)

for _name in RULE_MODULES:
    importlib.import_module(_name)
