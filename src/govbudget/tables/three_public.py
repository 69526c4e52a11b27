"""三公经费 as a typed record: the four items, 会议费 and 培训费 beside them, per fund.

>>> from govbudget.tables import TableBuilder, TableKind, ThreePublicExpenses
>>> t = (TableBuilder(TableKind.THREE_PUBLIC)
...      .line("total", "合计", total="6.00", general="6.00")
...      .line("vehicle_operation", "公务用车运行维护费", total="6.00", general="6.00")
...      .line("meeting", "会议费", total="1.00", general="1.00").build())
>>> e = ThreePublicExpenses.from_table(t)
>>> e.vehicle_operation.total, e.meeting.total, e.three_public_sum()
(Cell.amount('6.00'), Cell.amount('1.00'), Decimal('6.00'))
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from govbudget.money import BLANK, Cell, Unit
from govbudget.tables.model import BudgetTable

__all__ = ["ThreePublicExpenses", "ThreePublicItem"]

#: 三公 item → the departmental economic 款 it is booked in (docs/domain.md §1.8)
ECONOMIC_CODES = {
    "overseas": "30212",
    "vehicle_purchase": "31013",
    "vehicle_operation": "30231",
    "reception": "30217",
    "meeting": "30215",
    "training": "30216",
}


@attrs.frozen(slots=True)
class ThreePublicItem:
    """One line of the 三公 table (三公经费项目): its total, per fund, and the prior year."""

    total: Cell = BLANK
    general: Cell = BLANK  # 一般公共预算
    fund: Cell = BLANK  # 政府性基金
    soe: Cell = BLANK  # 国有资本经营
    prior: Cell = BLANK  # 上年预算, where shown


@attrs.frozen(slots=True)
class ThreePublicExpenses:
    """三公经费: 因公出国（境）费, 公务用车购置及运行维护费, 公务接待费; 会议费, 培训费 beside.

    会议费 and 培训费 are not part of the 三公 total (docs/domain.md §1.8).
    """

    unit: Unit
    total: ThreePublicItem
    overseas: ThreePublicItem
    vehicle: ThreePublicItem
    vehicle_purchase: ThreePublicItem
    vehicle_operation: ThreePublicItem
    reception: ThreePublicItem
    meeting: ThreePublicItem
    training: ThreePublicItem

    @classmethod
    def from_table(cls, table: BudgetTable) -> ThreePublicExpenses:
        """Read the 三公 table's named lines; a line the table lacks is all blank."""
        items = {}
        for key in ("total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation",
                    "reception", "meeting", "training"):
            row = table.line(key)
            if row is None:
                items[key] = ThreePublicItem()
            else:
                items[key] = ThreePublicItem(
                    row.cell("total"), row.cell("general"), row.cell("fund"), row.cell("soe"),
                    row.cell("prior"),
                )
        return cls(unit=table.unit, **items)

    def three_public_sum(self) -> Decimal:
        """出国 + 用车 (购置 + 运行维护, or the printed 用车 line) + 接待, blanks as zero."""
        vehicle = self.vehicle.total
        if vehicle.value is None:
            vehicle_sum = self.vehicle_purchase.total.as_zero() + self.vehicle_operation.total.as_zero()
        else:
            vehicle_sum = vehicle.value
        return self.overseas.total.as_zero() + vehicle_sum + self.reception.total.as_zero()
