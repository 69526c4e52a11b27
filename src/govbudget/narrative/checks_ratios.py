"""Ratios the narrative states (N-21): shares ``占 p%`` and completion rates
``完成年初预算的 p%``, recomputed from the amounts they relate.

>>> from govbudget.narrative.checks_ratios import check_completion, check_shares
>>> from govbudget.narrative.claims import extract_claims
>>> check_shares(extract_claims("支出100万元，其中：基本支出80万元，占80%；项目支出20万元，占20%。"), {})
[]
>>> [i.rule for i in check_completion(extract_claims(
...     "2025年年初预算50万元，执行数为45万元，完成年初预算的95%。"))]
['N-21']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from govbudget.money import places_of
from govbudget.narrative.bind import Quantity
from govbudget.narrative.issues import Issue, fmt, half, issue, pct_range, show
from govbudget.narrative.synonyms import quantity_key
from govbudget.tables.narrative import Claim, ClaimKind

__all__ = ["check_completion", "check_shares"]


def _off(p: Decimal, part: Decimal, whole: Decimal) -> Decimal | None:
    """The exact percentage when ``p`` cannot be ``part / whole`` at the shown precision."""
    lo, hi = pct_range(part, whole, half(part), half(whole))
    h = half(p)
    if p + h < lo or p - h > hi:
        return (part / whole * 100).quantize(Decimal("0.01"))
    return None


def _forced(c: Claim, shares: Sequence[Claim], exact: Decimal) -> bool:
    """The shares of one whole are stated to add up to exactly 100 % and this one is a unit
    of its last digit from the rounded exact share: its tail was adjusted (a convention)."""
    assert c.value is not None
    group = [x for x in shares if x.label == c.label and x.title == c.title
             and x.value is not None]
    step = Decimal(1).scaleb(-places_of(c.value))
    return (len(group) >= 2 and sum((x.value or Decimal(0)) for x in group) == 100
            and abs(c.value - exact.quantize(step)) <= step)


def check_shares(claims: Sequence[Claim], qs: Mapping[str, Quantity]) -> list[Issue]:
    """``占 p%``: recomputed from the amount and the whole it is a share of."""
    out: list[Issue] = []
    enums = [c for c in claims if c.kind is ClaimKind.ENUMERATION]
    shares = [c for c in claims if c.kind is ClaimKind.SHARE]
    for c in claims:
        if c.kind is not ClaimKind.SHARE or c.subject is None or c.value is None:
            continue
        part = c.subject
        whole: Decimal | None = None
        for e in enums:
            if any(p is part for p in e.parts) and e.value is not None:
                whole = e.value
        key = quantity_key(c.label) if c.label else None
        if whole is None and key is not None and key in qs and qs[key].unit is part.unit:
            whole = qs[key].value
        if whole is None or whole <= 0 or part.value is None:
            continue
        exact = _off(c.value, part.value, whole)
        if exact is not None and _forced(c, shares, part.value / whole * 100):
            out.append(
                issue(
                    "N-21",
                    "info",
                    f"{show(part)}占{fmt(whole)}的 {fmt(exact)}%，文中为 {fmt(c.value)}%："
                    "各项占比合计为 100%，尾数经过调整",
                    c,
                    expected=exact,
                    actual=c.value,
                )
            )
        elif exact is not None:
            out.append(
                issue(
                    "N-21",
                    "error",
                    f"{show(part)}占{fmt(whole)}的 {fmt(exact)}%，文中为 {fmt(c.value)}%",
                    c,
                    expected=exact,
                    actual=c.value,
                )
            )
    return out


_EXECUTED = re.compile(r"执行|完成|决算|实际")
_BUDGETED = re.compile(r"预算|计划")


def check_completion(claims: Sequence[Claim]) -> list[Issue]:
    """``完成年初预算的 p%``: the executed amount over the budgeted one, when the text gives both
    (in the sentence of the rate, or the one before it in the same section)."""
    out: list[Issue] = []
    amounts = [c for c in claims if c.kind is ClaimKind.AMOUNT and c.value is not None]
    for c in claims:
        if c.kind is not ClaimKind.COMPLETION or c.value is None:
            continue
        near = [
            a
            for a in amounts
            if a.title == c.title
            and a.page == c.page
            and a.span[1] <= c.span[0]
            and c.span[0] - a.span[1] < 200
        ]
        executed = [a for a in near if _EXECUTED.search(a.label)]
        budgeted = [a for a in near if _BUDGETED.search(a.label) and not _EXECUTED.search(a.label)]
        if not executed or not budgeted:
            continue
        done, plan = executed[-1], budgeted[-1]
        if plan.value is None or done.value is None or plan.value <= 0:
            continue
        done_v = done.value
        if done.unit is not None and plan.unit is not None and done.unit is not plan.unit:
            done_v = done.unit.convert(done_v, plan.unit)
        exact = _off(c.value, done_v, plan.value)
        if exact is not None:
            out.append(
                issue(
                    "N-21",
                    "error",
                    f"{show(done)}是{show(plan)}的 {fmt(exact)}%，文中为 {fmt(c.value)}%",
                    c,
                    expected=exact,
                    actual=c.value,
                )
            )
    return out
