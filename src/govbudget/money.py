"""Exact amounts, the units they are shown in, table cells, and the rounding policy.

An amount keeps the precision it was printed with; a cell is blank, a dash or an
amount, and the three never merge (docs/domain.md §6).

>>> from govbudget.money import Cell, Unit, parse_cell
>>> parse_cell("1,234.50")
Cell.amount('1234.50')
>>> parse_cell("") == parse_cell("—")
False
>>> Unit.WAN.convert(parse_cell("58.00").value, Unit.YUAN)
Decimal('580000')
>>> tolerance(places=2, addends=3)
Decimal('0.020')
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import attrs

from govbudget.errors import InvalidAmount

if TYPE_CHECKING:
    from moneyed import Money

__all__ = [
    "Cell",
    "CellKind",
    "Unit",
    "as_decimal",
    "parse_cell",
    "places_of",
    "sum_cells",
    "tolerance",
]

#: The longest amount text accepted; real budgets stay far below (亿元 × 16 digits).
MAX_AMOUNT_CHARS = 40
#: The most digits an amount may have (integer and fraction): 18 keeps every sum and
#: unit conversion (亿元 → 元 adds 8) exact within Decimal's 28 digits.
MAX_AMOUNT_DIGITS = 18


class Unit(enum.Enum):
    """The unit in which a table shows its amounts (金额单位): 元, 千元, 万元 or 亿元."""

    YUAN = "元"
    WAN = "万元"
    YI = "亿元"
    QIAN = "千元"

    @property
    def factor(self) -> Decimal:
        """How many 元 one of this unit is."""
        return _FACTORS[self]

    def convert(self, value: Decimal, to: Unit) -> Decimal:
        """Convert exactly (58.00 万元 → 580000 元; 1.5 元 → 0.00015 万元)."""
        if to is self:
            return value
        result = value.scaleb(_EXPONENTS[self] - _EXPONENTS[to])
        exponent = result.as_tuple().exponent
        if isinstance(exponent, int) and exponent > 0:
            result = result.quantize(Decimal(1))
        return result

    @classmethod
    def parse(cls, text: str) -> Unit:
        """Read a unit as printed: ``万元``, ``单位：元``, ``金额单位：万元`` …"""
        t = unicodedata.normalize("NFKC", text).replace(" ", "")
        t = re.sub(r"^(?:金额)?单位[:：]?", "", t).strip("()（）")
        for unit in (cls.YI, cls.WAN, cls.QIAN, cls.YUAN):
            if t.startswith(unit.value):
                return unit
        raise InvalidAmount(f"unknown unit of amounts {text!r}; expected 元, 千元, 万元 or 亿元")


_EXPONENTS = {Unit.YUAN: 0, Unit.QIAN: 3, Unit.WAN: 4, Unit.YI: 8}
_FACTORS = {u: Decimal(1).scaleb(e) for u, e in _EXPONENTS.items()}


class CellKind(enum.Enum):
    """What a table cell holds: nothing (空白), a dash (不适用) or an amount (金额)."""

    BLANK = "blank"
    DASH = "dash"
    AMOUNT = "amount"


def _same_decimal(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b and a.as_tuple().exponent == b.as_tuple().exponent


@attrs.frozen(slots=True, repr=False)
class Cell:
    """One table cell (单元格): blank, a dash, or an exact amount as shown.

    ``value`` is in the unit of its table, with the precision it was printed with
    (``Decimal('58.00')`` and ``Decimal('58')`` are different cells). ``raw`` keeps
    the text as read where it differs from the canonical form (``1,234.50``).
    """

    kind: CellKind
    value: Decimal | None = attrs.field(
        default=None, eq=attrs.cmp_using(eq=_same_decimal), hash=False
    )
    raw: str | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if (self.kind is CellKind.AMOUNT) != (self.value is not None):
            raise InvalidAmount("an amount cell needs a value, and only it")
        if self.value is not None and not isinstance(self.value, Decimal):
            raise InvalidAmount(f"cell values are Decimal, not {type(self.value).__name__}")

    @classmethod
    def amount(cls, value: Decimal | int | str, raw: str | None = None) -> Cell:
        """An amount cell; ``value`` must be exact (``Decimal``, ``int`` or ``str``)."""
        return cls(CellKind.AMOUNT, as_decimal(value), raw)

    @property
    def is_blank(self) -> bool:
        return self.kind is CellKind.BLANK

    @property
    def is_dash(self) -> bool:
        return self.kind is CellKind.DASH

    @property
    def is_amount(self) -> bool:
        return self.kind is CellKind.AMOUNT

    @property
    def shown(self) -> bool:
        """True when the cell prints a number (zero included)."""
        return self.kind is CellKind.AMOUNT

    @property
    def places(self) -> int:
        """Decimal places shown (0 for blanks, dashes and integers)."""
        return places_of(self.value) if self.value is not None else 0

    def as_zero(self) -> Decimal:
        """The value, with blank and dash counting as zero (only where a rule says so)."""
        return self.value if self.value is not None else Decimal(0)

    def money(self, unit: Unit) -> Money | None:
        """The amount as py-moneyed ``Money`` in CNY (元); ``None`` for blank and dash."""
        if self.value is None:
            return None
        from moneyed import Money

        return Money(unit.convert(self.value, Unit.YUAN), "CNY")

    def text(self) -> str:
        """The canonical text: ``''`` for blank, ``'-'`` for a dash, the digits otherwise."""
        if self.kind is CellKind.BLANK:
            return ""
        if self.kind is CellKind.DASH:
            return "-"
        return format(self.value, "f")

    def __repr__(self) -> str:
        if self.kind is CellKind.AMOUNT:
            return f"Cell.amount({self.text()!r})"
        return f"Cell.{self.kind.name}"


Cell.BLANK = Cell(CellKind.BLANK)  # type: ignore[attr-defined]
Cell.DASH = Cell(CellKind.DASH)  # type: ignore[attr-defined]
BLANK: Cell = Cell.BLANK  # type: ignore[attr-defined]
DASH: Cell = Cell.DASH  # type: ignore[attr-defined]

_DASHES = frozenset({"-", "--", "—", "——", "–", "―", "－", "一", "/", "／", "—-", "-—"})
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")


def as_decimal(value: object) -> Decimal:
    """An exact ``Decimal`` from ``Decimal``, ``int`` or ``str``; floats are refused.

    >>> as_decimal("0.30")
    Decimal('0.30')
    >>> as_decimal(0.3)
    Traceback (most recent call last):
    ...
    govbudget.errors.InvalidAmount: floats are not exact: pass Decimal('0.3') or '0.3', not 0.3
    """
    if isinstance(value, bool):
        raise InvalidAmount(f"not an amount: {value!r}")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidAmount(f"not a finite amount: {value!r}")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        raise InvalidAmount(
            f"floats are not exact: pass Decimal('{value!r}') or '{value!r}', not {value!r}"
        )
    if isinstance(value, str):
        cell = parse_cell(value)
        if cell.value is None:
            raise InvalidAmount(f"not an amount: {value!r}")
        return cell.value
    raise InvalidAmount(f"not an amount: {value!r} ({type(value).__name__})")


def parse_cell(text: str | None) -> Cell:
    """Read a printed cell: blank, dash, or amount (``1,234.56``, ``１２.５``, ``-3.00``).

    Raises ``InvalidAmount`` for anything else, including exponents (``1e999999``).
    """
    if text is None:
        return BLANK
    t = unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace("\u3000", "")
    if not t:
        return BLANK
    if t in _DASHES or set(t) <= {"-", "—", "–"}:
        return DASH if t == "-" else Cell(CellKind.DASH, None, text.strip())
    if len(t) > MAX_AMOUNT_CHARS:
        raise InvalidAmount(f"amount text too long ({len(t)} characters): {text[:20]!r}…")
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1]
    if not _NUMBER.fullmatch(t):
        raise InvalidAmount(f"not an amount: {text!r}")
    digits = sum(ch.isdigit() for ch in t)
    if digits > MAX_AMOUNT_DIGITS:
        raise InvalidAmount(f"amount of {digits} digits (at most {MAX_AMOUNT_DIGITS}): "
                            f"{text[:20]!r}")
    try:
        value = Decimal(t.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
        raise InvalidAmount(f"not an amount: {text!r}") from exc
    if negative:
        value = -value
    raw = text if text != format(value, "f") else None
    return Cell(CellKind.AMOUNT, value, raw)


def places_of(value: Decimal) -> int:
    """Decimal places shown by ``value`` (``Decimal('58.00')`` → 2, ``Decimal('6')`` → 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def sum_cells(cells: Iterable[Cell]) -> Decimal:
    """Σ of the cells, blank and dash counting as zero (the summing rules' convention)."""
    total = Decimal(0)
    for cell in cells:
        if cell.value is not None:
            total += cell.value
    return total


def tolerance(*, places: int, addends: int) -> Decimal:
    """The rounding tolerance of docs/domain.md §6: half a unit of the last shown digit × (n + 1).

    A total shown with ``places`` decimals, compared with the sum of ``addends``
    independently rounded cells, may be off by at most this much from rounding alone.
    """
    half_unit = Decimal(5).scaleb(-(places + 1))
    return half_unit * (addends + 1)


def max_places(cells: Iterable[Cell | Decimal | Any]) -> int:
    """The largest number of decimal places among amount cells or decimals."""
    best = 0
    for c in cells:
        value = c.value if isinstance(c, Cell) else c
        if isinstance(value, Decimal):
            best = max(best, places_of(value))
    return best
