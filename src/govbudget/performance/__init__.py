"""Performance targets (绩效目标): indicators, the grammar of 指标值, regimes, tables and rules.

Names are imported from their modules on first use.

>>> from govbudget.performance import parse_value
>>> str(parse_value("不低于95%")), parse_value("优良").kind.value
('≥95%', 'qualitative')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govbudget import _lazy_exports

_EXPORTS: dict[str, str] = {
    "Comparator": "govbudget.indicators",
    "DatePoint": "govbudget.indicators",
    "Evaluation": "govbudget.indicators",
    "IndicatorValue": "govbudget.indicators",
    "Outcome": "govbudget.indicators",
    "ValueKind": "govbudget.indicators",
    "evaluate": "govbudget.indicators",
    "parse_value": "govbudget.indicators",
    "PerformanceIndicator": "govbudget.tables.performance",
    "PerformanceTarget": "govbudget.tables.performance",
    "TargetScope": "govbudget.tables.performance",
    "parse_basis": "govbudget.tables.performance",
    "Regime": "govbudget.indicators.regimes",
    "link_targets": "govbudget.performance.linking",
    "is_performance_title": "govbudget.performance.tables",
    "read_performance_table": "govbudget.performance.tables",
    "read_performance_tables": "govbudget.performance.tables",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = _lazy_exports("govbudget.performance", _EXPORTS, globals())


if TYPE_CHECKING:  # pragma: no cover
    from govbudget.indicators import (  # noqa: F401
        Comparator,
        DatePoint,
        Evaluation,
        IndicatorValue,
        Outcome,
        ValueKind,
        evaluate,
        parse_value,
    )
    from govbudget.indicators.regimes import Regime  # noqa: F401
    from govbudget.performance.linking import link_targets  # noqa: F401
    from govbudget.performance.tables import (  # noqa: F401
        is_performance_title,
        read_performance_table,
        read_performance_tables,
    )
    from govbudget.tables.performance import (  # noqa: F401
        PerformanceIndicator,
        PerformanceTarget,
        TargetScope,
        parse_basis,
    )
