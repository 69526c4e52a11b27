"""The nine final-accounts tables (部门决算表) as typed classes.

Each holds 决算数 (what was actually received and spent); some also print 年初预算数,
调整预算数 or, in the 三公 table, 预算数 beside 决算数 (docs/domain.md §11).

>>> from govbudget.tables import TableBuilder, TableKind
>>> t = (TableBuilder(TableKind.FINAL_THREE_PUBLIC)
...      .line("total", "合计", budget="76.43", final="46.21").build())
>>> type(t).__name__, t.line("total").cell("final")
('FinalThreePublicTable', Cell.amount('46.21'))
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable

__all__ = [
    "FINAL_TABLE_TYPES",
    "FinalBasicExpenditureTable",
    "FinalExpenditureTable",
    "FinalFiscalSummaryTable",
    "FinalGeneralBudgetTable",
    "FinalGovFundTable",
    "FinalRevenueTable",
    "FinalSoeCapitalTable",
    "FinalSummaryTable",
    "FinalThreePublicTable",
]


@attrs.frozen(slots=True)
class FinalSummaryTable(BudgetTable):
    """收入支出决算总表: income by source and expenditure by 类, with 结转和结余."""

    KIND: ClassVar[TableKind] = TableKind.FINAL_SUMMARY


@attrs.frozen(slots=True)
class FinalRevenueTable(BudgetTable):
    """收入决算表: the year's income by source, rows by functional code."""

    KIND: ClassVar[TableKind] = TableKind.FINAL_REVENUE


@attrs.frozen(slots=True)
class FinalExpenditureTable(BudgetTable):
    """支出决算表: the year's expenditure (基本, 项目, 上缴, 经营, 对附属单位补助) by functional code."""

    KIND: ClassVar[TableKind] = TableKind.FINAL_EXPENDITURE


@attrs.frozen(slots=True)
class FinalFiscalSummaryTable(BudgetTable):
    """财政拨款收入支出决算总表: fiscal appropriations by fund, received and spent."""

    KIND: ClassVar[TableKind] = TableKind.FINAL_FISCAL_SUMMARY


@attrs.frozen(slots=True)
class FinalGeneralBudgetTable(BudgetTable):
    """一般公共预算财政拨款支出决算表: general-budget expenditure by functional code."""

    KIND: ClassVar[TableKind] = TableKind.FINAL_GENERAL_BUDGET


@attrs.frozen(slots=True)
class FinalBasicExpenditureTable(BudgetTable):
    """一般公共预算财政拨款基本支出决算表: basic expenditure by economic 款 (人员经费, 公用经费)."""

    KIND: ClassVar[TableKind] = TableKind.FINAL_BASIC_EXPENDITURE


@attrs.frozen(slots=True)
class FinalThreePublicTable(BudgetTable):
    """财政拨款“三公”经费支出决算表: 三公经费, 预算数 and 决算数 of each item."""

    KIND: ClassVar[TableKind] = TableKind.FINAL_THREE_PUBLIC


@attrs.frozen(slots=True)
class FinalGovFundTable(BudgetTable):
    """政府性基金预算财政拨款收入支出决算表: government-fund carry-over, income and expenditure."""

    KIND: ClassVar[TableKind] = TableKind.FINAL_GOV_FUND


@attrs.frozen(slots=True)
class FinalSoeCapitalTable(BudgetTable):
    """国有资本经营预算财政拨款收入支出决算表: state-capital carry-over, income and expenditure."""

    KIND: ClassVar[TableKind] = TableKind.FINAL_SOE_CAPITAL


FINAL_TABLE_TYPES: tuple[type[BudgetTable], ...] = (
    FinalSummaryTable, FinalRevenueTable, FinalExpenditureTable, FinalFiscalSummaryTable,
    FinalGeneralBudgetTable, FinalBasicExpenditureTable, FinalThreePublicTable,
    FinalGovFundTable, FinalSoeCapitalTable,
)
