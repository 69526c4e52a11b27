"""Binding narrative claims to table quantities (陈述与表内数字), at the text's precision.

>>> from decimal import Decimal
>>> from govbudget.money import Unit
>>> from govbudget.narrative.bind import Quantity, agrees
>>> q = Quantity("expenditure.project", Decimal("58.00"), Unit.WAN, "支出总表 / 合计 / 项目支出")
>>> agrees(Decimal("58"), Unit.WAN, q), agrees(Decimal("580000"), Unit.YUAN, q)
('exact', 'exact')
>>> agrees(Decimal("57"), Unit.WAN, q)
'mismatch'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

import attrs

from govbudget.money import Unit, places_of
from govbudget.narrative.quantities import Quantity, QuantityKey, project_names, quantities
from govbudget.narrative.synonyms import quantity_key
from govbudget.tables.narrative import Claim, ClaimKind, SectionKind

__all__ = [
    "Binding",
    "Quantity",
    "agrees",
    "bind",
    "claim_key",
    "project_names",
    "quantities",
    "text_coarser",
]


@attrs.frozen(slots=True)
class Binding:
    """A claim and the table quantity it describes (陈述与表内数字的对应)."""

    claim: Claim
    key: QuantityKey | None
    quantity: Quantity | None
    status: str  # exact | rounded | mismatch | unbound | absent

    @property
    def bound(self) -> bool:
        return self.quantity is not None


def _half(places: int) -> Decimal:
    return Decimal(5).scaleb(-(places + 1))


def agrees(value: Decimal, unit: Unit | None, q: Quantity) -> str:
    """``exact``, ``rounded`` (within half a unit of the coarser precision) or ``mismatch``."""
    if unit is not None and q.unit is not None and unit is not q.unit:
        v = unit.convert(value, q.unit)
        half_text = unit.convert(_half(places_of(value)), q.unit)
    else:
        v = value
        half_text = _half(places_of(value))
    if v == q.value:
        return "exact"
    if abs(v - q.value) <= max(half_text, _half(places_of(q.value))):
        return "rounded"
    return "mismatch"


def text_coarser(value: Decimal, unit: Unit | None, q: Quantity) -> bool:
    """The text shows the figure in a coarser unit than the table (万元 for a 元 table).

    ``15621.11万元`` for ``156211123元`` is the figure at the text's precision, not a
    rounding worth a note.
    """
    if unit is None or q.unit is None or unit is q.unit:
        return False
    return unit.convert(_half(places_of(value)), q.unit) > _half(places_of(q.value))


def claim_key(claim: Claim, qs: Mapping[QuantityKey, Quantity] | None = None) -> QuantityKey | None:
    """The quantity key a claim's label names (a functional code when the text gives one)."""
    if claim.code is not None:
        return f"functional:{claim.code}"
    if claim.code_names and qs is not None:
        code = _code_by_names(claim.code_names, qs)
        if code is not None:
            return f"functional:{code}"
    if claim.kind is ClaimKind.COUNT:
        return (
            "assets.vehicles"
            if any(w in claim.label for w in ("车辆", "用车", "公车"))
            and claim.measure in ("辆", "台")
            else None
        )
    key = quantity_key(claim.label)
    if key is None and qs is not None:
        key = _project_key(claim.label, qs)
    return key


_NAME_NOISE = re.compile(r"[\s“”\"（）()、，,：:]")


def _same_name(a: str | None, b: str) -> bool:
    return a is not None and _NAME_NOISE.sub("", a) == _NAME_NOISE.sub("", b)


def _code_by_names(names: tuple[str, ...], qs: Mapping[QuantityKey, Quantity]) -> str | None:
    """The functional code whose 类/款/项 rows are printed with these names, in the tables.

    The names may start at the 款 (the 类 being the heading above): then the 款 must be
    the only one of its name.
    """
    codes = [(key.split(":", 1)[1], q) for key, q in qs.items() if key.startswith("functional:")]
    parent = ""
    for name in names:
        if parent:
            found = [
                c
                for c, q in codes
                if len(c) == len(parent) + 2 and c.startswith(parent) and _same_name(q.name, name)
            ]
        else:
            found = [c for c, q in codes if len(c) in (3, 5) and _same_name(q.name, name)]
            found = [c for c in found if len(c) == min(len(x) for x in found)]
        if len(set(found)) != 1:
            return None
        parent = found[0]
    return parent or None


_PROJECT_NOISE = re.compile(r"[\s“”\"（）()、，,：:]|项目|经费|资金")


def _project_key(label: str, qs: Mapping[QuantityKey, Quantity]) -> QuantityKey | None:
    """The project (项目支出表 row) a label names: the longest project name it contains."""
    text = _PROJECT_NOISE.sub("", label)
    best: tuple[int, QuantityKey] | None = None
    for key, q in qs.items():
        if not key.startswith("project:") or q.name is None:
            continue
        name = _PROJECT_NOISE.sub("", q.name)
        # the label names the project, not something of it (``XX局2026年一般公共预算
        # 当年拨款`` speaks of an appropriation, not of the project row ``XX局``)
        rest = text.replace(name, "", 1)
        if (len(name) >= 4 and name in text and len(rest) <= 6
                and (best is None or len(name) > best[0])):
            best = (len(name), key)
    return best[1] if best else None


#: quantities of all funds a sentence about the general budget does not mean
_ALL_FUNDS = frozenset({"expenditure.basic", "expenditure.project", "procurement.total"})
_GENERAL = re.compile(r"一般公共预算(?:财政)?(?:拨款)?")
#: totals a sentence about 财政拨款 means in their fiscal form
_FISCAL = {"expenditure.total": "expenditure.fiscal", "revenue.total": "revenue.fiscal"}
_FISCAL_WORD = re.compile(r"财政拨款")


_CITED = re.compile(r"(?:详见|参见|见)附?表\s*(\d{1,2})(?!\d)")
_TABLE_NUMBER = re.compile(r"^\s*附?表\s*(\d{1,2})(?!\d)")


def _cites(claim: Claim, q: Quantity | None) -> bool:
    """The claim's sentence (or its heading) cites the table ``q`` was read from by number."""
    if q is None:
        return False
    m = _TABLE_NUMBER.match(q.where)
    if m is None:
        return False
    cited = {c.group(1) for c in _CITED.finditer(f"{claim.title} {claim.sentence}")}
    return m.group(1) in cited


def _at(claim: Claim) -> int:
    """Where the claim's amount starts in its sentence (its end when not found)."""
    value = format(claim.value, "f") if claim.value is not None else ""
    i = claim.sentence.replace(",", "").find(value) if value else -1
    return i if i >= 0 else len(claim.sentence)


def bind(claim: Claim, qs: Mapping[QuantityKey, Quantity], *, prior: bool | None = None,
         general: bool = False) -> Binding:
    """Bind an amount or count claim to its table quantity and compare at the text's precision.

    A figure the text gives for another year (``2025年执行数``) binds to the table's
    prior-year column (``prior.<key>``) when there is one. ``general``: the claim is a
    part of a total of the general budget (一般公共预算…，其中…).
    """
    key = claim_key(claim, qs)
    if key is None:
        return Binding(claim, None, None, "unbound")
    if key in ("revenue.total", "fiscal.total") and _cites(claim, qs.get("fiscal_summary.total")):
        # ``财政拨款收支总预算…（详见表4）``: the grand total of the table the text cites
        key = "fiscal_summary.total"
    if claim.section is SectionKind.GENERAL_BUDGET and f"general:{key}" in qs:
        key = f"general:{key}"  # a 一般公共预算 section speaks of that table's rows
    elif key in _FISCAL and (_FISCAL_WORD.search(claim.sentence[: _at(claim)])
                             or _FISCAL_WORD.search(claim.title or "")):
        # ``财政拨款收支总预算…支出预算总计``: the fiscal figure, not the all-funds one
        key = _FISCAL[key]
        if key not in qs:
            return Binding(claim, key, None, "absent")
    elif key in _ALL_FUNDS and (general or _GENERAL.search(claim.sentence[: _at(claim)])):
        # ``一般公共预算财政拨款收入…，其中基本支出…``: the figure of the general budget, which
        # the all-funds 支出总表 does not print
        gkey = f"general:{key}"
        if gkey not in qs:
            return Binding(claim, gkey, None, "absent")
        key = gkey
    if claim.prior if prior is None else prior:
        key = f"prior.{key}"
    q = qs.get(key)
    if q is None or claim.value is None:
        return Binding(claim, key, None, "absent")
    return Binding(claim, key, q, agrees(claim.value, claim.unit, q))
