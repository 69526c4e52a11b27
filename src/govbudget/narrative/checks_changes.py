"""Year-over-year changes in the narrative (增减变化): wording, percentages, parts, and the
三公 changes against the table's prior-year column (N-R4, N-19, N-20, Y-4, Y-5).

>>> from govbudget.narrative.checks_changes import check_changes
>>> from govbudget.narrative.claims import extract_claims
>>> [i.rule for i in check_changes(extract_claims("公务用车运行费6万元，比上年减少0万元，与上年一致。"))]
['N-20']
>>> [i.rule for i in check_changes(extract_claims("项目支出58万元，比上年减少2万元，下降10%。"))]
['N-R4']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from govbudget.money import places_of
from govbudget.narrative.bind import Quantity, claim_key
from govbudget.narrative.issues import Issue, fmt, half, issue, pct_range, sum_ok
from govbudget.narrative.synonyms import DECOMPOSITIONS, KEY_NAMES, quantity_key
from govbudget.tables.narrative import Claim, ClaimKind, SectionKind

__all__ = ["check_changes", "check_three_public_changes"]


def check_changes(claims: Sequence[Claim], qs: Mapping[str, Quantity] | None = None) -> list[Issue]:
    """Changes: percent = d / last year; no growth rate from a zero base; 持平 means zero."""
    out: list[Issue] = []
    for c in claims:
        if c.kind is ClaimKind.CHANGE and c.value is not None and c.value == 0 and c.direction:
            rule = "Y-4" if c.section is SectionKind.THREE_PUBLIC else "N-20"
            word = "减少" if c.direction < 0 else "增加"
            out.append(
                issue(
                    rule,
                    "warning",
                    f"{c.label}“{word}0{c.measure}”：增减为零却表述为增加或减少"
                    "（应写“持平”或“无增减变化”）",
                    c,
                )
            )
        if c.kind is ClaimKind.CHANGE and c.direction == 0:
            for o in claims:
                if (
                    o.kind is ClaimKind.CHANGE
                    and o.value not in (None, Decimal(0))
                    and _same_subject(o, c)
                ):
                    sign = "+" if (o.direction or 0) > 0 else "-"
                    out.append(
                        issue(
                            "N-20",
                            "error",
                            f"{c.label}说是与上年持平，同一处却又增减 {sign}{fmt(o.value)}"
                            f"{o.measure}",
                            c,
                        )
                    )
        if c.kind is ClaimKind.PERCENT_CHANGE and c.value is not None:
            out.extend(_check_percent_change(c, claims, qs or {}))
    out.extend(_check_decomposition(claims))
    return out


def _is_base(c: Claim) -> bool:
    """An amount stated as the one compared with (``比2025年初预算数…``, a prior year's)."""
    return c.prior or c.label.startswith(("比", "较", "与", "同"))


def truncated(exact: Decimal, shown: Decimal) -> bool:
    """``shown`` is ``exact`` cut (not rounded) at the digits it shows: a convention.

    >>> truncated(Decimal("16.0775"), Decimal("16.07")), truncated(Decimal("16.0775"), Decimal("16.1"))
    (True, False)
    """
    step = Decimal(1).scaleb(-places_of(shown))
    return exact.quantize(step, rounding=ROUND_DOWN) == shown


def _same_subject(a: Claim, b: Claim) -> bool:
    """Two changes of the same thing: of the same amount claim, or (without one) under
    the same label that names something, in the same sentence."""
    if a.subject is not None or b.subject is not None:
        return a.subject is b.subject
    return a.sentence == b.sentence and bool(a.label) and a.label == b.label and any(
        "\u4e00" <= ch <= "\u9fff" for ch in a.label)


def _explicit_base(c: Claim, claims: Sequence[Claim]) -> tuple[Claim, Claim] | None:
    """``2023年执行数60.13万元，2024年预算25.77万元，比2023年执行数减少57.14%``: the
    earlier-year amount and the amount compared with it, both in the sentence."""
    before = [
        o
        for o in claims
        if o.kind is ClaimKind.AMOUNT and o.sentence == c.sentence and o.span[1] <= c.span[0]
    ]
    prior = [o for o in before if o.prior or (c.year is not None and o.year == c.year)]
    if not prior:
        return None
    current = [o for o in before if o.span[0] > prior[-1].span[1] and o.unit == prior[-1].unit]
    return (prior[-1], current[-1]) if current else None


def _check_percent_change(
    c: Claim, claims: Sequence[Claim], qs: Mapping[str, Quantity]
) -> list[Issue]:
    change = c.subject
    assert c.value is not None
    if change is None or change.value is None:
        pair = _explicit_base(c, claims)
        if pair is None or pair[0].value is None or pair[1].value is None:
            return []
        base, now = pair[0].value, pair[1].value
        d = now - base
        label = pair[1].label
        hd = half(base) + half(now)
        current, direction = now, (1 if d > 0 else -1 if d < 0 else 0)
    else:
        subject = change.subject
        cur = subject.value if subject is not None and subject.unit == change.unit else None
        d = change.value * (change.direction or 1)
        if cur is not None and subject is not None and _is_base(subject):
            # ``比2025年年初预算数847128.49万元增加19433.43万元``: the base itself is stated
            base, current = cur, cur + d
        else:
            if cur is None:
                key = quantity_key(change.label)
                q = qs.get(key) if key else None
                if q is None or q.unit is not change.unit:
                    return []
                cur = q.value
            base, current = cur - d, cur
        label = change.label
        hd, direction = half(change.value), change.direction or 0
    if base <= 0:
        if d != 0:
            return [
                issue(
                    "N-19",
                    "warning",
                    f"{label}：上年为零（{fmt(base)}），不应给出增减幅度 {fmt(c.value)}%",
                    c,
                )
            ]
        return []
    lo, hi = pct_range(abs(d), base, hd, hd + half(current))
    h = half(c.value)
    if c.value + h < lo or c.value - h > hi:
        exact = (abs(d) / base * 100).quantize(Decimal(1).scaleb(-max(places_of(c.value), 2)))
        if truncated(abs(d) / base * 100, c.value):
            return [
                issue(
                    "N-R4",
                    "info",
                    f"{label}：增减 {fmt(abs(d))} 按上年 {fmt(base)} 计为 {fmt(exact)}%，"
                    f"文中 {fmt(c.value)}% 为截尾取数（未四舍五入）",
                    c,
                    expected=exact,
                    actual=c.value,
                )
            ]
        return [
            issue(
                "N-R4",
                "error",
                f"{label}：增减 {fmt(abs(d))} 按上年 {fmt(base)} 计为 {fmt(exact)}%，"
                f"文中为 {fmt(c.value)}%",
                c,
                expected=exact,
                actual=c.value,
            )
        ]
    if (c.direction or 0) * direction < 0:
        return [
            issue(
                "N-R4",
                "error",
                f"{label}：增减金额与增减幅度的方向相反",
                c,
            )
        ]
    return []


def _check_decomposition(claims: Sequence[Claim]) -> list[Issue]:
    out: list[Issue] = []
    by_key: dict[tuple[str, str], Claim] = {}
    for c in claims:
        if c.kind is ClaimKind.CHANGE and c.value is not None and c.direction:
            key = quantity_key(c.label)
            if key is not None:
                by_key.setdefault((c.title, key), c)
    for (title, key), total in by_key.items():
        parts = [by_key.get((title, p)) for p in DECOMPOSITIONS.get(key, ())]
        if not parts or any(p is None for p in parts) or total.value is None:
            continue
        signed = [(p.value or Decimal(0)) * (p.direction or 1) for p in parts if p is not None]
        ok, s = sum_ok(total.value * (total.direction or 1), signed, len(signed))
        if not ok:
            out.append(
                issue(
                    "N-R4",
                    "error",
                    f"{total.label}增减 {fmt(total.value * (total.direction or 1))}，"
                    f"但其各部分增减合计 {fmt(s)}",
                    total,
                    expected=s,
                    actual=total.value,
                )
            )
    return out


_THREE_PUBLIC = ("three_public.", "meeting", "training")


def _from_rounded(c: Claim, now: Quantity, before: Quantity) -> bool:
    """The text's change is the difference of the two table figures rounded to its own
    precision (四舍五入): ``20.23 − 14.79 = 5.44 万元`` for ``202300 − 147850 元``."""
    if c.value is None or c.direction is None:
        return False
    step = Decimal(1).scaleb(-places_of(c.value))

    def shown(q: Quantity) -> Decimal:
        v = q.unit.convert(q.value, c.unit) if q.unit and c.unit else q.value
        return v.quantize(step, rounding=ROUND_HALF_UP)

    return shown(now) - shown(before) == c.value * c.direction


def check_three_public_changes(
    claims: Sequence[Claim], qs: Mapping[str, Quantity], year: int | None = None
) -> list[Issue]:
    """Y-5: a 三公 change the text states equals 本年 − 上年 of the table (when it prints 上年)."""
    out: list[Issue] = []
    for c in claims:
        if c.kind is not ClaimKind.CHANGE or c.direction is None:
            continue
        if c.year is not None and (year is None or c.year != year - 1):
            continue  # a change against another year than the last is N-14's business
        target = c.subject if c.subject is not None else c
        key = claim_key(target, qs) if target.label else None
        if key is None or not key.startswith(_THREE_PUBLIC):
            continue
        now, before = qs.get(key), qs.get(f"prior.{key}")
        if now is None or before is None or now.unit is not before.unit:
            continue
        stated = (c.value or Decimal(0)) * c.direction
        if c.unit is not None and now.unit is not None and c.unit is not now.unit:
            stated = c.unit.convert(stated, now.unit)
        actual = now.value - before.value
        ok, _ = sum_ok(stated, [now.value, -before.value], 2)
        if not ok and _from_rounded(c, now, before):
            continue
        if not ok:
            name = KEY_NAMES.get(key, key)
            out.append(
                issue(
                    "Y-5",
                    "error",
                    f"{name}：文中增减 {fmt(stated)}，表中 {fmt(now.value)} − "
                    f"{fmt(before.value)} = {fmt(actual)}（{before.where}）",
                    c,
                    expected=actual,
                    actual=stated,
                )
            )
    return out
