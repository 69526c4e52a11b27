"""Hypothesis strategies for govbudget: codes, amounts, tables and whole disclosures.

Every strategy builds valid data by construction — leaves first, then parents and
totals summed — so that every built-in rule passes on what it draws; ``mutations``
then puts exactly one defect in and says which rule must catch it. Importing this
module loads no catalogue: codes are read on the first draw. With govbudget
installed, ``st.from_type(FunctionalCode)``, ``st.from_type(Disclosure)`` and friends
work through Hypothesis's entry point.

>>> from hypothesis import find
>>> from govbudget.strategies import amounts, functional_codes
>>> find(functional_codes(year=2023, level="项", under="20801"), lambda e: True).name
'行政运行'
>>> find(amounts(min_value=1, max_value=100), lambda x: x >= 5)
Decimal('5.00')
>>> functional_codes(level=4)
Traceback (most recent call last):
    ...
hypothesis.errors.InvalidArgument: level=4: functional codes have levels 1–3 (类/款/项)
"""

from __future__ import annotations

import importlib
from typing import Any


def _hypothesis_setup_hook() -> None:
    """Hypothesis entry point: register a strategy for each govbudget type (``st.from_type``).

    Defined before the submodules are imported: Hypothesis may call it while this
    package is still importing Hypothesis itself, so every strategy is deferred.
    """
    from hypothesis import strategies as st

    from govbudget.codes.entries import (
        EconomicCode,
        FunctionalCode,
        GovernmentEconomicCode,
        RevenueCode,
    )
    from govbudget.indicators import IndicatorValue
    from govbudget.money import Cell, Unit
    from govbudget.tables.disclosure import Disclosure
    from govbudget.tables.kinds import TableKind
    from govbudget.tables.model import table_type
    from govbudget.tables.narrative import Narrative
    from govbudget.tables.performance import PerformanceIndicator
    from govbudget.tables.three_public import ThreePublicExpenses

    def later(name: str, **kwargs: Any) -> st.SearchStrategy[Any]:
        def build() -> st.SearchStrategy[Any]:
            import govbudget.strategies as s

            return getattr(s, name)(**kwargs)  # type: ignore[no-any-return]
        return st.deferred(build)

    for cls, name in ((FunctionalCode, "functional_codes"), (EconomicCode, "economic_codes"),
                      (GovernmentEconomicCode, "government_economic_codes"),
                      (RevenueCode, "revenue_codes"), (Cell, "cells"),
                      (ThreePublicExpenses, "three_public_expenses"),
                      (PerformanceIndicator, "performance_indicators"),
                      (IndicatorValue, "indicator_values"), (Narrative, "narratives"),
                      (Disclosure, "disclosures")):
        st.register_type_strategy(cls, later(name))
    st.register_type_strategy(Unit, st.sampled_from(Unit))
    for kind in (TableKind.SUMMARY, TableKind.REVENUE, TableKind.EXPENDITURE,
                 TableKind.FISCAL_SUMMARY, TableKind.GENERAL_BUDGET, TableKind.BASIC_EXPENDITURE,
                 TableKind.GOV_FUND, TableKind.SOE_CAPITAL, TableKind.THREE_PUBLIC,
                 TableKind.THREE_PUBLIC_YOY, TableKind.PROCUREMENT, TableKind.FIXED_ASSETS):
        st.register_type_strategy(table_type(kind), later("tables", kind=kind))


#: The mutation families, registered in this order (the order ``mutations`` samples them in).
_MUTATION_MODULES = tuple(f"govbudget.strategies._mutations_{family}" for family in (
    "tables", "three_public", "structure", "narrative", "performance", "final"))
for _name in _MUTATION_MODULES:
    importlib.import_module(_name)

from govbudget.strategies._codes import (  # noqa: E402
    amounts,
    cells,
    economic_codes,
    functional_codes,
    government_economic_codes,
    revenue_codes,
)
from govbudget.strategies._disclosures import disclosures  # noqa: E402
from govbudget.strategies._final import budget_final_pairs, final_accounts  # noqa: E402
from govbudget.strategies._models import (  # noqa: E402
    indicator_values,
    narratives,
    performance_indicators,
    tables,
    three_public_expenses,
)
from govbudget.strategies._mutations import Mutation, mutations, rules_with_mutations  # noqa: E402
from govbudget.strategies._pairs import (  # noqa: E402
    PairMutation,
    consecutive_budgets,
    consecutive_finals,
    pair_mutations,
    pair_rules_with_mutations,
)

__all__ = [
    "Mutation",
    "PairMutation",
    "amounts",
    "budget_final_pairs",
    "cells",
    "consecutive_budgets",
    "consecutive_finals",
    "disclosures",
    "economic_codes",
    "final_accounts",
    "functional_codes",
    "government_economic_codes",
    "indicator_values",
    "mutations",
    "narratives",
    "pair_mutations",
    "pair_rules_with_mutations",
    "performance_indicators",
    "revenue_codes",
    "rules_with_mutations",
    "tables",
    "three_public_expenses",
]
