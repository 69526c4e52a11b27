"""Typed, exact budget tables and disclosures (预算表与预算公开).

>>> from govbudget.tables import TableKind, kind_from_title
>>> kind_from_title("部门收支总表") is TableKind.SUMMARY
True
"""

from govbudget.tables.builder import TableBuilder
from govbudget.tables.disclosure import (
    Disclosure,
    DisclosureKind,
    Document,
    Scope,
    UnitKind,
    Unparsed,
)
from govbudget.tables.final_model import (
    FinalBasicExpenditureTable,
    FinalExpenditureTable,
    FinalFiscalSummaryTable,
    FinalGeneralBudgetTable,
    FinalGovFundTable,
    FinalRevenueTable,
    FinalSoeCapitalTable,
    FinalSummaryTable,
    FinalThreePublicTable,
)
from govbudget.tables.kinds import ColumnSpec, LineSpec, TableKind, TableSpec, kind_from_title
from govbudget.tables.model import (
    BasicExpenditureTable,
    BudgetTable,
    Column,
    ExpenditureTable,
    FiscalSummaryTable,
    FixedAssetsTable,
    GeneralBudgetTable,
    GovFundTable,
    ProcurementTable,
    ProjectExpenditureTable,
    RevenueTable,
    Row,
    SoeCapitalTable,
    SummaryTable,
    TableHeader,
    ThreePublicTable,
    ThreePublicYoYTable,
    table_type,
)
from govbudget.tables.three_public import ThreePublicExpenses, ThreePublicItem

__all__ = [
    "BasicExpenditureTable",
    "BudgetTable",
    "Column",
    "ColumnSpec",
    "Disclosure",
    "DisclosureKind",
    "Document",
    "ExpenditureTable",
    "FinalBasicExpenditureTable",
    "FinalExpenditureTable",
    "FinalFiscalSummaryTable",
    "FinalGeneralBudgetTable",
    "FinalGovFundTable",
    "FinalRevenueTable",
    "FinalSoeCapitalTable",
    "FinalSummaryTable",
    "FinalThreePublicTable",
    "FiscalSummaryTable",
    "FixedAssetsTable",
    "GeneralBudgetTable",
    "GovFundTable",
    "LineSpec",
    "ProcurementTable",
    "ProjectExpenditureTable",
    "RevenueTable",
    "Row",
    "Scope",
    "SoeCapitalTable",
    "SummaryTable",
    "TableBuilder",
    "TableHeader",
    "TableKind",
    "TableSpec",
    "ThreePublicExpenses",
    "ThreePublicItem",
    "ThreePublicTable",
    "ThreePublicYoYTable",
    "UnitKind",
    "Unparsed",
    "kind_from_title",
    "table_type",
]
