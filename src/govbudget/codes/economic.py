"""Facts about economic codes: 人员经费/公用经费, 三公经费, and 部门 → 政府 经济分类.

A departmental economic 款 (部门预算支出经济分类, 3xx) maps to exactly one government 款
(政府预算支出经济分类, 5xx) given the kind of unit: 行政 (行政单位 and 参公) or 事业.

>>> from govbudget.codes import lookup, to_government
>>> e = lookup("30231", year=2023)
>>> e.nature.value, e.three_public_item.chinese, e.government_code("行政")
('public', '公务用车运行维护费', '50208')
>>> to_government("30101", "事业", year=2023).name
'工资福利支出'
>>> regroup_to_government({"30101": 87, "30102": 122, "30215": 3}, "行政", year=2023)
{'501': 209, '50101': 209, '502': 3, '50202': 3}
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from govbudget.codes.editions import UnknownEdition, _read_tsv, catalogue
from govbudget.codes.entries import Scheme
from govbudget.errors import UnknownCode

if TYPE_CHECKING:
    from govbudget.codes.entries import GovernmentEconomicCode

__all__ = [
    "ControlledExpense",
    "ExpenseNature",
    "UnitKind",
    "controlled_expense_of",
    "economic_mapping",
    "government_code_for",
    "nature_of",
    "regroup_to_government",
    "to_government",
]

T = TypeVar("T")


class ExpenseNature(str, enum.Enum):
    """人员经费 (personnel) or 公用经费 (public, i.e. 日常公用经费) — docs/domain.md §1.7."""

    PERSONNEL = "personnel"
    PUBLIC = "public"

    @property
    def chinese(self) -> str:
        """人员经费 or 公用经费."""
        return "人员经费" if self is ExpenseNature.PERSONNEL else "公用经费"


#: 类 → nature: 人员经费 = 301 + 303; 公用经费 = 302 + 310 (+ 399) (docs/domain.md §1.7, S28)
_NATURE = {
    "301": ExpenseNature.PERSONNEL,
    "303": ExpenseNature.PERSONNEL,
    "302": ExpenseNature.PUBLIC,
    "310": ExpenseNature.PUBLIC,
    "399": ExpenseNature.PUBLIC,
}


class ControlledExpense(enum.Enum):
    """The items disclosures report apart: 三公经费 (three public expenses), 会议费, 培训费.

    The value is the departmental economic 款 that records the item (docs/domain.md §1.8, S5).
    """

    OVERSEAS_TRAVEL = "30212"  #: 因公出国（境）费
    VEHICLE_PURCHASE = "31013"  #: 公务用车购置费
    VEHICLE_OPERATION = "30231"  #: 公务用车运行维护费
    RECEPTION = "30217"  #: 公务接待费
    MEETING = "30215"  #: 会议费 (not 三公)
    TRAINING = "30216"  #: 培训费 (not 三公)

    @property
    def chinese(self) -> str:
        """The item's name as disclosures print it."""
        return _CONTROLLED_NAMES[self]

    @property
    def is_three_public(self) -> bool:
        """``True`` for the four 三公 items; 会议费 and 培训费 are outside the 三公 total."""
        return self not in (ControlledExpense.MEETING, ControlledExpense.TRAINING)


_CONTROLLED_NAMES = {
    ControlledExpense.OVERSEAS_TRAVEL: "因公出国（境）费",
    ControlledExpense.VEHICLE_PURCHASE: "公务用车购置费",
    ControlledExpense.VEHICLE_OPERATION: "公务用车运行维护费",
    ControlledExpense.RECEPTION: "公务接待费",
    ControlledExpense.MEETING: "会议费",
    ControlledExpense.TRAINING: "培训费",
}
_CONTROLLED_BY_CODE = {item.value: item for item in ControlledExpense}


class UnitKind(str, enum.Enum):
    """The kind of budget unit (单位类型) the economic correspondence depends on."""

    ADMINISTRATIVE = "行政"  #: 行政单位, and 参照公务员法管理的事业单位 (参公)
    PUBLIC_INSTITUTION = "事业"  #: 事业单位

    @classmethod
    def coerce(cls, value: UnitKind | str) -> UnitKind:
        """From a member, its value, or a common spelling (行政单位, 参公, 事业单位)."""
        if isinstance(value, UnitKind):
            return value
        kind = _UNIT_ALIASES.get(value.strip()) if isinstance(value, str) else None
        if kind is None:
            raise ValueError(f"unknown unit kind {value!r}; expected 行政 or 事业")
        return kind


_UNIT_ALIASES = {
    "行政": UnitKind.ADMINISTRATIVE,
    "行政单位": UnitKind.ADMINISTRATIVE,
    "参公": UnitKind.ADMINISTRATIVE,
    "参公事业": UnitKind.ADMINISTRATIVE,
    "参公事业单位": UnitKind.ADMINISTRATIVE,
    "administrative": UnitKind.ADMINISTRATIVE,
    "事业": UnitKind.PUBLIC_INSTITUTION,
    "事业单位": UnitKind.PUBLIC_INSTITUTION,
    "public_institution": UnitKind.PUBLIC_INSTITUTION,
}


def nature_of(code: str) -> ExpenseNature | None:
    """人员经费 or 公用经费 for a departmental economic code, by its 类."""
    return _NATURE.get(code[:3])


def controlled_expense_of(code: str) -> ControlledExpense | None:
    """The 三公/会议/培训 item a departmental economic 款 records, if any."""
    return _CONTROLLED_BY_CODE.get(code)


_LOCK = threading.Lock()
_MAPPING: dict[UnitKind, Mapping[str, str]] = {}


def _mapping(kind: UnitKind) -> Mapping[str, str]:
    got = _MAPPING.get(kind)
    if got is None:
        with _LOCK:
            if not _MAPPING:
                tables: dict[UnitKind, dict[str, str]] = {k: {} for k in UnitKind}
                for dept, unit, gov in _read_tsv("economic_mapping.tsv"):
                    tables[UnitKind(unit)][dept] = gov
                _MAPPING.update((k, MappingProxyType(v)) for k, v in tables.items())
            got = _MAPPING[kind]
    return got


def economic_mapping(unit_kind: UnitKind | str) -> Mapping[str, str]:
    """The bundled correspondence 部门经济分类款 → 政府经济分类款 for a unit kind (read-only).

    It is the 2023 correspondence; it is used for every edition, restricted to codes the
    edition has.
    """
    return _mapping(UnitKind.coerce(unit_kind))


def government_code_for(code: str, unit_kind: UnitKind | str, *, year: int | None) -> str | None:
    """The government 款 for a departmental 款 in edition ``year``, or ``None`` if unknown."""
    gov = _mapping(UnitKind.coerce(unit_kind)).get(code)
    if gov is None:
        return None
    try:
        target = catalogue(Scheme.GOVERNMENT_ECONOMIC, year)
    except UnknownEdition:  # e.g. a user-loaded economic edition of a year not bundled
        return gov
    return gov if gov in target else None


def to_government(
    code: str, unit_kind: UnitKind | str, *, year: int | None = None
) -> GovernmentEconomicCode:
    """The 政府预算支出经济分类 款 a departmental 款 maps to for a unit kind.

    Raises ``UnknownCode`` if edition ``year`` lacks the departmental code or no
    correspondence is known for it (e.g. a 类, or a 款 the sources disagree on).
    """
    from govbudget.codes.entries import GovernmentEconomicCode

    entry = catalogue(Scheme.ECONOMIC, year).lookup(code)
    gov = government_code_for(entry.code, unit_kind, year=entry.edition)
    if gov is None:
        kind = UnitKind.coerce(unit_kind).value
        raise UnknownCode(entry.code, scheme=f"economic→government ({kind})",
                          edition=entry.edition)
    target = catalogue(Scheme.GOVERNMENT_ECONOMIC, entry.edition).lookup(gov)
    assert isinstance(target, GovernmentEconomicCode)
    return target


def regroup_to_government(
    amounts: Mapping[str, T], unit_kind: UnitKind | str, *, year: int | None = None
) -> dict[str, T]:
    """Re-express departmental economic amounts by government 类 and 款 (rule E-1).

    Only 款 rows are summed (类 rows are subtotals); amounts only need ``+``, so
    ``Decimal`` and ``Money`` both work. Raises ``UnknownCode`` for a 款 with no
    correspondence.
    """
    from govbudget.codes.parse import parse_code

    out: dict[str, Any] = {}
    for code, amount in amounts.items():
        clean = parse_code(code)
        if len(clean) == 3:
            continue
        gov = to_government(clean, unit_kind, year=year).code
        for key in (gov[:3], gov):
            out[key] = amount if key not in out else out[key] + amount
    return {k: out[k] for k in sorted(out)}
