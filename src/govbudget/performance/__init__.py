"""Performance targets (绩效目标): indicators, the grammar of 指标值, regimes, tables and rules.

Names are imported from their modules on first use.

>>> from govbudget.performance import parse_value
>>> str(parse_value("不低于95%")), parse_value("优良").kind.value
('≥95%', 'qualitative')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "Comparator": "govbudget.performance.values",
    "DatePoint": "govbudget.performance.values",
    "Evaluation": "govbudget.performance.values",
    "IndicatorValue": "govbudget.performance.values",
    "Outcome": "govbudget.performance.values",
    "ValueKind": "govbudget.performance.values",
    "evaluate": "govbudget.performance.values",
    "parse_value": "govbudget.performance.values",
    "PerformanceIndicator": "govbudget.performance.model",
    "PerformanceTarget": "govbudget.performance.model",
    "TargetScope": "govbudget.performance.model",
    "parse_basis": "govbudget.performance.model",
    "Regime": "govbudget.performance.regimes",
    "link_targets": "govbudget.performance.linking",
    "is_performance_title": "govbudget.performance.tables",
    "read_performance_table": "govbudget.performance.tables",
    "read_performance_tables": "govbudget.performance.tables",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'govbudget.performance' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # pragma: no cover
    from govbudget.performance.linking import link_targets  # noqa: F401
    from govbudget.performance.model import (  # noqa: F401
        PerformanceIndicator,
        PerformanceTarget,
        TargetScope,
        parse_basis,
    )
    from govbudget.performance.regimes import Regime  # noqa: F401
    from govbudget.performance.tables import (  # noqa: F401
        is_performance_title,
        read_performance_table,
        read_performance_tables,
    )
    from govbudget.performance.values import (  # noqa: F401
        Comparator,
        DatePoint,
        Evaluation,
        IndicatorValue,
        Outcome,
        ValueKind,
        evaluate,
        parse_value,
    )
