"""The classification catalogues of 《政府收支分类科目》 and code lookup.

Four schemes — 支出功能分类 (``functional``), 部门预算支出经济分类 (``economic``),
政府预算支出经济分类 (``government_economic``) and 收入分类 (``revenue``) — in editions by
fiscal year 2018–2026, derived from a bundled 2023 reference. The bundled data is a strong
reference, not the official text: every entry says where it comes from (``provenance``)
and every edition how complete it is (``coverage``). Nothing is read until first use.

>>> from govbudget.codes import lookup, catalogue, parse_code
>>> lookup("2080101").name
'行政运行'
>>> [e.name for e in lookup(parse_code("208-05-05"), year=2023).path]
['社会保障和就业支出', '行政事业单位养老支出', '机关事业单位基本养老保险缴费支出']
>>> round(catalogue("functional", 2023).coverage.observed_share, 2)
0.48
"""

from __future__ import annotations

from govbudget.codes.catalogue import Catalogue, Coverage
from govbudget.codes.economic import (
    ControlledExpense,
    ExpenseNature,
    UnitKind,
    economic_mapping,
    regroup_to_government,
    to_government,
)
from govbudget.codes.editions import (
    BUNDLED_EDITIONS,
    NEWEST_EDITION,
    Change,
    UnknownEdition,
    catalogue,
    changes,
    editions,
    loaded_catalogues,
    lookup,
)
from govbudget.codes.entries import (
    CodeEntry,
    EconomicCode,
    FunctionalCode,
    GovernmentEconomicCode,
    RevenueCode,
    Scheme,
)
from govbudget.codes.names import (
    NameCheck,
    NameStatus,
    check_name,
    normalize_name,
    resolve_name,
)
from govbudget.codes.parse import infer_scheme, join_code, parse_code
from govbudget.codes.user import load_edition, unload_edition

__all__ = [
    "BUNDLED_EDITIONS",
    "NEWEST_EDITION",
    "Catalogue",
    "Change",
    "CodeEntry",
    "ControlledExpense",
    "Coverage",
    "EconomicCode",
    "ExpenseNature",
    "FunctionalCode",
    "GovernmentEconomicCode",
    "NameCheck",
    "NameStatus",
    "RevenueCode",
    "Scheme",
    "UnitKind",
    "UnknownEdition",
    "catalogue",
    "changes",
    "check_name",
    "economic_mapping",
    "editions",
    "infer_scheme",
    "join_code",
    "load_edition",
    "loaded_catalogues",
    "lookup",
    "normalize_name",
    "parse_code",
    "regroup_to_government",
    "resolve_name",
    "to_government",
    "unload_edition",
]
