"""The narrative rules as pure functions over (Narrative, claims, quantities) → issues.

One module per family (amounts, changes, ratios, text, items); this module gathers
them. The rule engine (``govbudget.narrative.rules``) only adapts issues to findings.

>>> from govbudget.narrative.checks import check_changes
>>> from govbudget.narrative.claims import extract_claims
>>> text = "公务用车运行费6万元，比上年减少0万元，与上年一致。"
>>> [i.rule for i in check_changes(extract_claims(text))]
['N-20']
"""

from __future__ import annotations

from govbudget.narrative.checks_amounts import (
    amount_dispositions,
    check_amounts,
    check_enumerations,
)
from govbudget.narrative.checks_changes import check_changes, check_three_public_changes
from govbudget.narrative.checks_items import check_projects, check_running_costs, check_vehicles
from govbudget.narrative.checks_ratios import check_completion, check_shares
from govbudget.narrative.checks_text import (
    check_names,
    check_scope,
    check_text_defects,
    check_years,
)
from govbudget.narrative.issues import Issue

__all__ = [
    "Issue",
    "amount_dispositions",
    "check_amounts",
    "check_changes",
    "check_completion",
    "check_enumerations",
    "check_names",
    "check_projects",
    "check_running_costs",
    "check_scope",
    "check_shares",
    "check_text_defects",
    "check_three_public_changes",
    "check_vehicles",
    "check_years",
]
