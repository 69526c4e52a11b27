"""Schemes, levels and the entry records of the classification catalogues (科目).

An entry is a frozen, slotted record; its parent, children and path are reached through
the catalogue of its edition, never stored as an object graph.

>>> from govbudget.codes import lookup, Scheme
>>> e = lookup("2080505", year=2023)
>>> e.level, e.parent, e.scheme is Scheme.FUNCTIONAL
('项', '20805', True)
>>> [a.code for a in e.ancestors]
['208', '20805']
>>> lookup("30299", year=2023).is_residual
True
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    from govbudget.codes.catalogue import Catalogue
    from govbudget.codes.economic import ControlledExpense, ExpenseNature, UnitKind

__all__ = [
    "LEVELS",
    "CodeEntry",
    "EconomicCode",
    "FunctionalCode",
    "GovernmentEconomicCode",
    "Level",
    "Provenance",
    "RevenueCode",
    "Scheme",
    "level_of",
    "parent_of",
]

Level = Literal["类", "款", "项", "目"]
Provenance = Literal["observed", "compiled", "user"]

#: code length → level name (docs/domain.md §1.1)
LEVELS: dict[int, Level] = {3: "类", 5: "款", 7: "项", 9: "目"}


class Scheme(str, enum.Enum):
    """A classification scheme of 《政府收支分类科目》 (科目体系).

    The value is the stable English identifier used in files, JSON and the command line.
    """

    FUNCTIONAL = "functional"
    ECONOMIC = "economic"
    GOVERNMENT_ECONOMIC = "government_economic"
    REVENUE = "revenue"

    @property
    def chinese(self) -> str:
        """The Chinese name of the scheme, e.g. 支出功能分类."""
        return _CHINESE[self]

    @property
    def lead_digit(self) -> str:
        """The first digit every code of the scheme starts with (2 for 支出功能分类)."""
        return _LEAD[self]

    @property
    def lengths(self) -> tuple[int, ...]:
        """The code lengths the scheme allows (3/5/7 for functional, 3/5 for economic)."""
        return _LENGTHS[self]

    @property
    def entry_type(self) -> type[CodeEntry]:
        """The entry class of the scheme."""
        return _ENTRY_TYPES[self]

    @classmethod
    def coerce(cls, value: Scheme | str) -> Scheme:
        """``Scheme`` from a member or its value; raises ``ValueError`` listing the values."""
        if isinstance(value, Scheme):
            return value
        try:
            return cls(value)
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown scheme {value!r}; expected one of {names}") from None

    @classmethod
    def for_code(cls, code: str) -> Scheme | None:
        """The scheme a clean code belongs to by its first digit, or ``None``."""
        return _BY_LEAD.get(code[:1])


_CHINESE = {
    Scheme.FUNCTIONAL: "支出功能分类",
    Scheme.ECONOMIC: "部门预算支出经济分类",
    Scheme.GOVERNMENT_ECONOMIC: "政府预算支出经济分类",
    Scheme.REVENUE: "收入分类",
}
_LEAD = {
    Scheme.REVENUE: "1",
    Scheme.FUNCTIONAL: "2",
    Scheme.ECONOMIC: "3",
    Scheme.GOVERNMENT_ECONOMIC: "5",
}
_BY_LEAD = {digit: scheme for scheme, digit in _LEAD.items()}
_LENGTHS = {
    Scheme.FUNCTIONAL: (3, 5, 7),
    Scheme.ECONOMIC: (3, 5),
    Scheme.GOVERNMENT_ECONOMIC: (3, 5),
    Scheme.REVENUE: (3, 5, 7, 9),
}


def level_of(code: str) -> Level:
    """The level (类/款/项/目) of a clean code, from its length.

    >>> level_of("20805")
    '款'
    """
    return LEVELS[len(code)]


def parent_of(code: str) -> str | None:
    """The parent code (``code[:-2]``), or ``None`` for a 类.

    >>> parent_of("2080505"), parent_of("208")
    ('20805', None)
    """
    return code[:-2] if len(code) > 3 else None


@attrs.frozen(slots=True)
class CodeEntry:
    """One 科目 of one edition: code (科目编码), name (科目名称), level (类/款/项/目).

    ``provenance`` says how far the bundled row can be trusted: ``observed`` (printed with
    this name in a published document), ``compiled`` (agreed by two independent
    compilations, not seen printed) or ``user`` (from an edition the user loaded).
    """

    code: str
    name: str
    level: Level
    scheme: Scheme
    edition: int
    provenance: Provenance

    @property
    def parent(self) -> str | None:
        """The parent code (上级科目), or ``None`` for a 类."""
        return parent_of(self.code)

    @property
    def lei(self) -> str:
        """The 类 code this entry belongs to (its first three digits)."""
        return self.code[:3]

    @property
    def is_residual(self) -> bool:
        """``True`` for a residual "other" item (其他…): code ending in 99, or 类 229 其他支出.

        docs/domain.md §1.2: ``99`` is the residual at every level; the functional 类 of
        "other expenditure" is the one exception to the suffix, 229 其他支出.
        """
        return self.code.endswith("99") or self.code in _RESIDUAL_LEI

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue of this entry's scheme and edition."""
        from govbudget.codes.editions import catalogue

        return catalogue(self.scheme, self.edition)

    @property
    def path(self) -> list[CodeEntry]:
        """The entries from the 类 down to this one, e.g. 208 → 20801 → 2080101."""
        return self.catalogue.path(self.code)

    @property
    def ancestors(self) -> list[CodeEntry]:
        """The entries above this one, 类 first (the path without the entry itself)."""
        return self.path[:-1]

    @property
    def children(self) -> list[CodeEntry]:
        """The entries directly below this one (下级科目), in code order."""
        return self.catalogue.children(self.code)

    def display(self) -> str:
        """``code name``, the form disclosures print."""
        return f"{self.code} {self.name}"


@attrs.frozen(slots=True)
class FunctionalCode(CodeEntry):
    """A 支出功能分类科目 (functional expenditure code): 类 / 款 / 项, 3 / 5 / 7 digits."""


@attrs.frozen(slots=True)
class RevenueCode(CodeEntry):
    """A 收入分类科目 (revenue code): 类 / 款, plus the few 项 named in revision notices."""


@attrs.frozen(slots=True)
class GovernmentEconomicCode(CodeEntry):
    """A 政府预算支出经济分类科目 (government economic code, 5xx): 类 / 款."""


@attrs.frozen(slots=True)
class EconomicCode(CodeEntry):
    """A 部门预算支出经济分类科目 (departmental economic code, 3xx): 类 / 款.

    Carries the facts disclosures rely on: whether the money is 人员经费 or 公用经费
    (``nature``), which 三公经费 item it feeds, and the government 款 it maps to.
    """

    @property
    def nature(self) -> ExpenseNature | None:
        """人员经费 (301, 303) or 公用经费 (302, 310, 399), else ``None`` (docs/domain.md §1.7)."""
        from govbudget.codes.economic import nature_of

        return nature_of(self.code)

    @property
    def controlled_expense(self) -> ControlledExpense | None:
        """The 三公经费 item, 会议费 or 培训费 this 款 records, if any (docs/domain.md §1.8)."""
        from govbudget.codes.economic import controlled_expense_of

        return controlled_expense_of(self.code)

    @property
    def three_public_item(self) -> ControlledExpense | None:
        """The 三公经费 item this 款 feeds (30212, 30231, 31013, 30217), else ``None``.

        会议费 (30215) and 培训费 (30216) are not 三公; see ``controlled_expense``.
        """
        item = self.controlled_expense
        return item if item is not None and item.is_three_public else None

    def government_code(self, unit_kind: UnitKind | str) -> str | None:
        """The 政府预算支出经济分类 款 this 款 maps to for a 行政 or 事业 unit, if known."""
        from govbudget.codes.economic import government_code_for

        return government_code_for(self.code, unit_kind, year=self.edition)


#: residual 类 whose code does not end in 99 (docs/domain.md §1.2)
_RESIDUAL_LEI = frozenset({"229"})

_ENTRY_TYPES: dict[Scheme, type[CodeEntry]] = {
    Scheme.FUNCTIONAL: FunctionalCode,
    Scheme.ECONOMIC: EconomicCode,
    Scheme.GOVERNMENT_ECONOMIC: GovernmentEconomicCode,
    Scheme.REVENUE: RevenueCode,
}
