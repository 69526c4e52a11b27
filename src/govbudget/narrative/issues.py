"""What a narrative check reports (情况说明问题) and the arithmetic the checks share.

An ``Issue`` is a rule id, a severity, a message and the sentence it is about; the
rule engine (``govbudget.narrative.rules``) turns issues into findings.

>>> from decimal import Decimal
>>> from govbudget.narrative.issues import Issue, half, sum_ok
>>> Issue("N-3", "error", "文中支出总额436.88万元，但支出总表为436.00万元").severity
'error'
>>> half(Decimal("58")), half(Decimal("0.30"))
(Decimal('0.5'), Decimal('0.005'))
>>> sum_ok(Decimal("6"), [Decimal("0"), Decimal("6.00"), Decimal("0")], 3)
(True, Decimal('6.00'))
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from decimal import Decimal

import attrs

from govbudget.money import Unit, places_of
from govbudget.narrative.claims import Claim

__all__ = [
    "Issue",
    "amount",
    "around",
    "fmt",
    "half",
    "issue",
    "norm",
    "pct_range",
    "show",
    "sum_ok",
]


@attrs.frozen(slots=True)
class Issue:
    """What a narrative check found (情况说明问题): rule id, severity, message, evidence."""

    rule: str
    severity: str  # "error" | "warning" | "info"
    message: str
    evidence: str = ""
    expected: str | None = None
    actual: str | None = None
    page: int | None = None
    line: int | None = None
    #: the unit of expected and actual (万元 …), and the labelled addends of a computed sum
    unit: str | None = None
    terms: tuple[tuple[str, str], ...] = ()


def issue(
    rule: str,
    severity: str,
    message: str,
    claim: Claim | None = None,
    expected: object = None,
    actual: object = None,
    evidence: str | None = None,
    unit: str | None = None,
    terms: tuple[tuple[str, str], ...] = (),
) -> Issue:
    """An issue about a claim: its sentence is the evidence, its section the location."""
    return Issue(
        rule,
        severity,
        message,
        evidence if evidence is not None else (claim.sentence if claim else ""),
        None if expected is None else fmt(expected),
        None if actual is None else fmt(actual),
        claim.page if claim else None,
        claim.line if claim else None,
        unit,
        terms,
    )


def fmt(v: object) -> str:
    """A value for a message: decimals without exponent."""
    return format(v, "f") if isinstance(v, Decimal) else str(v)


def amount(value: Decimal, unit: Unit | None) -> str:
    """A table figure with its unit (``3503499元``)."""
    return fmt(value) + (unit.value if unit is not None else "")


def show(c: Claim) -> str:
    """A claim as written: label, number and measure."""
    return f"{c.label}{fmt(c.value)}{c.measure or ''}"


def half(v: Decimal) -> Decimal:
    """Half a unit of the last digit shown (``58`` → 0.5, ``0.30`` → 0.005)."""
    return Decimal(5).scaleb(-(places_of(v) + 1))


def sum_ok(total: Decimal, parts: Iterable[Decimal], n: int) -> tuple[bool, Decimal]:
    """Whether parts add up to a total within ``half × (n + 1)`` (docs/domain.md §6), and the sum."""
    values = list(parts)
    s = sum(values, Decimal(0))
    places = max([places_of(total), *(places_of(v) for v in values)])
    tol = Decimal(5).scaleb(-(places + 1)) * (n + 1)
    return abs(total - s) <= tol, s


def pct_range(d: Decimal, base: Decimal, hd: Decimal, hb: Decimal) -> tuple[Decimal, Decimal]:
    """The range of ``d / base × 100`` when each is only known to ± its half unit.

    When the base may be as small as zero, the ratio is unbounded on the side of the
    sign of ``d`` (a base of 0.01 ± 0.01 allows any growth rate).

    >>> pct_range(Decimal("0.01"), Decimal("0.01"), Decimal("0.005"), Decimal("0.01"))
    (Decimal('25.00'), Decimal('Infinity'))
    """
    vals = [(d + a) / (base + b) * 100 for a in (-hd, hd) for b in (-hb, hb) if base + b > 0]
    lo, hi = min(vals), max(vals)
    if base - hb <= 0:
        if d + hd > 0:
            hi = Decimal("Infinity")
        if d - hd < 0:
            lo = Decimal("-Infinity")
    return lo, hi


def around(text: str, i: int, width: int = 30) -> str:
    """The text around position ``i`` on one line, for evidence."""
    return text[max(0, i - width) : i + width].replace("\n", " ")


_NORM_PUNCT = re.compile(r"[\s、，,：:“”\"（）()\[\]【】〔〕]")
_NORM_TAIL = re.compile(r"(?:绩效目标表|项目|经费|费用|费|资金)+$")


@functools.lru_cache(maxsize=4096)
def norm(name: str) -> str:
    """A project or item name without punctuation and generic endings (项目, 经费, 费 …)."""
    return _NORM_TAIL.sub("", _NORM_PUNCT.sub("", name))
