"""One strategy per model type: standard tables, 三公, performance indicators, narratives."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from govbudget.strategies._disclosures import disclosures
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable
from govbudget.tables.narrative import Narrative
from govbudget.tables.performance import PerformanceIndicator
from govbudget.tables.three_public import ThreePublicExpenses

__all__ = ["indicator_values", "narratives", "performance_indicators", "tables",
           "three_public_expenses"]

#: the kinds ``tables()`` draws (every table a generated disclosure has)
TABLE_KINDS = (TableKind.SUMMARY, TableKind.REVENUE, TableKind.EXPENDITURE,
               TableKind.FISCAL_SUMMARY, TableKind.GENERAL_BUDGET, TableKind.BASIC_EXPENDITURE,
               TableKind.GOV_FUND, TableKind.SOE_CAPITAL, TableKind.THREE_PUBLIC,
               TableKind.THREE_PUBLIC_YOY, TableKind.PROCUREMENT, TableKind.FIXED_ASSETS)


def tables(*, kind: TableKind | None = None, year: int | None = None) -> st.SearchStrategy[BudgetTable]:
    """Standard tables (公开表) of ``kind`` (any when ``None``), each taken from a valid disclosure.

    A table is internally consistent (rows sum, parents = Σ children, real codes and names).
    """
    if kind is not None and kind not in TABLE_KINDS:
        raise InvalidArgument(f"kind={kind!r}: tables() draws {[k.name for k in TABLE_KINDS]}")
    kinds = st.just(kind) if kind is not None else st.sampled_from(TABLE_KINDS)

    def pick(pair: tuple[TableKind, Any]) -> BudgetTable:
        k, d = pair
        t = d.table(k)
        assert t is not None
        return t  # type: ignore[no-any-return]

    return st.tuples(kinds, disclosures(units=1, year=year, narratives=False)).map(pick)


def three_public_expenses(*, year: int | None = None) -> st.SearchStrategy[ThreePublicExpenses]:
    """三公经费 records read from a valid 三公 table."""
    return tables(kind=TableKind.THREE_PUBLIC, year=year).map(ThreePublicExpenses.from_table)


def narratives(*, year: int | None = None) -> st.SearchStrategy[Narrative]:
    """情况说明 whose sentences state the real totals of a valid department disclosure."""
    def narrative(d: Any) -> Narrative:
        assert isinstance(d.narrative, Narrative)
        return d.narrative

    return disclosures(year=year).map(narrative)


def indicator_values(**kwargs: Any) -> st.SearchStrategy[Any]:
    """指标值 (``IndicatorValue``): ``govbudget.performance.strategies.indicator_values``."""
    from govbudget.performance.strategies import indicator_values as values

    return values(**kwargs)


#: regime A (财预〔2015〕88号) 一级 → 二级, the seed's (docs/domain.md §8.1)
_LEVELS = (("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
           ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
           ("满意度指标", ("服务对象满意度指标",)))
_NAMES = {"数量指标": ("培训人次", "服务对象人数", "检查次数"), "质量指标": ("资金使用合规率", "验收合格率"),
          "时效指标": ("资金拨付及时率", "完成时间"), "成本指标": ("项目成本控制数",),
          "服务对象满意度指标": ("服务对象满意度",)}
_VALUE_KINDS = {"数量指标": ("quantitative",), "质量指标": ("quantitative",), "时效指标": ("quantitative",),
                "成本指标": ("quantitative",), "服务对象满意度指标": ("quantitative",)}
_BASES = ("计划标准", "行业标准", "历史标准", "问卷调查")


@st.composite
def _indicator(draw: st.DrawFn) -> PerformanceIndicator:
    level1, level2s = draw(st.sampled_from(_LEVELS))
    level2 = draw(st.sampled_from(level2s))
    name = draw(st.sampled_from(_NAMES.get(level2, (level2.removesuffix("指标") + "提升",))))
    value = draw(indicator_values(kinds=_VALUE_KINDS.get(level2, ("qualitative", "quantitative"))))
    basis = "问卷调查" if level1 == "满意度指标" else draw(st.sampled_from(_BASES[:3]))
    return PerformanceIndicator.read(level1, level2, name, description=name, value=str(value),
                                     basis=basis)


def performance_indicators() -> st.SearchStrategy[PerformanceIndicator]:
    """绩效指标 rows of regime A: 一级/二级 labels that belong together, parsable 指标值."""
    return _indicator()
