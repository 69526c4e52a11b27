"""govbudget: China's government budget classification and department budget disclosures.

A thin façade: every public name is imported from its module on first use, so that
``import govbudget`` reads no data file and imports no loader, cattrs or py-moneyed.

>>> import govbudget
>>> govbudget.lookup("2080101").name
'行政运行'
>>> [e.name for e in govbudget.lookup("2080101", year=2023).path]
['社会保障和就业支出', '人力资源和社会保障管理事务', '行政运行']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0.dev0"

#: public name → module that defines it
_EXPORTS: dict[str, str] = {
    # errors
    "GovBudgetError": "govbudget.errors",
    "InvalidCode": "govbudget.errors",
    "UnknownCode": "govbudget.errors",
    "UnknownRule": "govbudget.errors",
    "InvalidAmount": "govbudget.errors",
    "LoadError": "govbudget.errors",
    "MissingExtra": "govbudget.errors",
    "ModelError": "govbudget.errors",
    # codes
    "lookup": "govbudget.codes",
    "catalogue": "govbudget.codes",
    "parse_code": "govbudget.codes",
    "Scheme": "govbudget.codes",
    "FunctionalCode": "govbudget.codes",
    "EconomicCode": "govbudget.codes",
    "GovernmentEconomicCode": "govbudget.codes",
    "RevenueCode": "govbudget.codes",
    "editions": "govbudget.codes",
    "check_name": "govbudget.codes",
    "join_code": "govbudget.codes",
    "load_edition": "govbudget.codes",
    "to_government": "govbudget.codes",
    "loaded_catalogues": "govbudget.codes",
    # tables and rules
    "Disclosure": "govbudget.tables",
    "DisclosureKind": "govbudget.tables",
    "Document": "govbudget.tables",
    "TableKind": "govbudget.tables",
    "TableBuilder": "govbudget.tables",
    "ThreePublicExpenses": "govbudget.tables",
    "Scope": "govbudget.tables",
    "UnitKind": "govbudget.tables",
    "BudgetTable": "govbudget.tables",
    "Row": "govbudget.tables",
    "Finding": "govbudget.rules",
    "Registry": "govbudget.rules",
    "REGISTRY": "govbudget.rules",
    "check": "govbudget.rules",
    "check_together": "govbudget.rules.across",
    "rule": "govbudget.rules",
    "Severity": "govbudget.rules",
    "Report": "govbudget.rules",
    # loading and serialising
    "load": "govbudget.readers.load",
    "example": "govbudget.readers.load",
    "to_json": "govbudget.formats.jsonio",
    "from_json": "govbudget.formats.jsonio",
    "to_csv": "govbudget.formats.csvio",
    "from_csv": "govbudget.formats.csvio",
    "json_schema": "govbudget.formats.schema",
    "to_fiscal_data_package": "govbudget.formats.fdp",
    # money
    "Cell": "govbudget.money",
    "CellKind": "govbudget.money",
    "Unit": "govbudget.money",
    "parse_cell": "govbudget.money",
}

__all__ = ["__version__", *_EXPORTS]


def _lazy_exports(package: str, exports: Mapping[str, str], namespace: dict[str, Any]
                  ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a lazy façade (this package's, and its
    subpackages'): each public name is imported from its module on first use, then kept in
    the façade's ``namespace``; ``dir()`` lists the façade's ``__all__``."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(namespace["__all__"])

    return __getattr__, __dir__


__getattr__, __dir__ = _lazy_exports("govbudget", _EXPORTS, globals())


if TYPE_CHECKING:  # pragma: no cover
    from govbudget.errors import (  # noqa: F401
        GovBudgetError,
        InvalidAmount,
        InvalidCode,
        LoadError,
        MissingExtra,
        ModelError,
        UnknownCode,
        UnknownRule,
    )
    from govbudget.money import Cell, CellKind, Unit, parse_cell  # noqa: F401
