"""Amounts of the narrative against the tables (N-R1/N-R2) and enumerations that add up (N-R3).

Every amount claim gets a disposition: bound to a table quantity, reported (no table
figure, or disagreeing with it), or exempt for a stated reason (a zero, a restatement,
an item J-2 checks, a section that only defines terms).

>>> from decimal import Decimal
>>> from govbudget.money import Unit
>>> from govbudget.narrative.bind import Quantity
>>> from govbudget.narrative.checks_amounts import check_amounts
>>> from govbudget.narrative.claims import extract_claims
>>> qs = {"expenditure.project": Quantity("expenditure.project", Decimal("58.00"), Unit.WAN,
...                                      "支出总表 / 合计 / 项目支出")}
>>> check_amounts(extract_claims("项目支出58万元。"), qs)
[]
>>> [(i.rule, i.severity) for i in check_amounts(extract_claims("项目支出57万元。"), qs)]
[('N-3', 'error')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from govbudget.money import places_of
from govbudget.narrative.bind import Binding, Quantity, agrees, bind, claim_key, text_coarser
from govbudget.narrative.issues import Issue, amount, fmt, issue, show, sum_ok
from govbudget.narrative.synonyms import KEY_NAMES, quantity_key
from govbudget.tables.narrative import Claim, ClaimKind, SectionKind

__all__ = ["amount_dispositions", "check_amounts", "check_enumerations"]

#: quantity key → the docs/domain.md rule id of a narrative amount that disagrees with it
_AMOUNT_RULE = {
    "revenue.total": "N-1",
    "revenue.general_budget": "N-2",
    "expenditure.total": "N-3",
    "expenditure.basic": "N-3",
    "expenditure.project": "N-3",
    "basic.personnel": "N-4",
    "basic.public": "N-4",
    "running_costs": "N-7",
    "procurement.total": "N-10",
    "assets.total": "N-11",
}
_SKIP_SECTIONS = (SectionKind.GLOSSARY, SectionKind.DUTIES)


def _itemised_parts(claims: Sequence[Claim]) -> set[int]:
    """ids of claims that itemise 机关运行经费 (checked by J-2, not bound one by one)."""
    out: set[int] = set()
    for c in claims:
        if c.kind is ClaimKind.ENUMERATION and quantity_key(c.label) == "running_costs":
            out.update(id(p) for p in c.parts)
    return out


def _class_shares(claims: Sequence[Claim]) -> dict[int, str]:
    """``对个人和家庭的补助（303）…，其中：人员经费138.06万元``: the 人员经费 / 公用经费 listed
    under one economic class is that class's share, keyed ``basic.<column>:<code>``."""
    out: dict[int, str] = {}
    for c in claims:
        total = c.subject
        if c.kind is not ClaimKind.ENUMERATION or total is None:
            continue
        code = total.code
        if code is None or len(code) != 3 or code[0] not in "35":  # 3xx/5xx: economic 类
            continue
        for p in c.parts:
            key = quantity_key(p.label)
            if key in ("basic.personnel", "basic.public"):
                out[id(p)] = f"{key}:{code}"
    return out


#: keys of table totals: an item of a project's list is none of them
_TOTALS = ("revenue.", "expenditure.", "fiscal.", "general.", "gov_fund.", "soe_capital.",
           "basic.", "procurement.", "assets.", "running_costs", "projects.")
_LISTED = re.compile(r"主要包括")


def _listed_parts(claims: Sequence[Claim], qs: Mapping[str, Quantity]) -> set[int]:
    """ids of the amounts a ``X 12406.53万元，主要包括：…上年结转项目资金1443.44万元`` list
    gives, when X is no table total: items of a project, not the table's totals."""
    out: set[int] = set()
    for c in claims:
        head = c.subject
        if c.kind is not ClaimKind.ENUMERATION or head is None:
            continue
        key = claim_key(head, qs)
        if key is not None and key.startswith(_TOTALS):
            continue
        for p in c.parts:
            pkey = claim_key(p, qs)
            at = p.sentence.replace(",", "").find(format(p.value or 0, "f"))
            if pkey is not None and pkey.startswith(_TOTALS) and _LISTED.search(p.sentence[:at]):
                out.add(id(p))
    return out


def _restates(c: Claim) -> bool:
    """``项目支出58万元（本级支出58万元…）``: an amount restating the one it is bracketed under."""
    return c.subject is not None and c.subject.kind is ClaimKind.AMOUNT


def _is_prior(c: Claim, year: int | None) -> bool:
    return c.prior or (c.year is not None and year is not None and c.year < year)


def amount_dispositions(
    claims: Sequence[Claim], qs: Mapping[str, Quantity], year: int | None = None
) -> list[tuple[Claim, str, Binding | None]]:
    """Each amount claim with what becomes of it: ``bound``, ``unbound``, ``absent``, or an
    exemption (``zero``, ``restates``, ``itemised``, ``definitions``, ``running_costs``,
    ``listed``: an item of a project's list, never a table total)."""
    out: list[tuple[Claim, str, Binding | None]] = []
    itemised = _itemised_parts(claims)
    general = {id(p) for c in claims if c.kind is ClaimKind.ENUMERATION
               and "一般公共预算" in c.label for p in c.parts}
    shares = _class_shares(claims)
    listed = _listed_parts(claims, qs)
    for c in claims:
        if c.kind is not ClaimKind.AMOUNT:
            continue
        if c.section in _SKIP_SECTIONS:
            out.append((c, "definitions", None))
        elif id(c) in itemised:
            out.append((c, "itemised", None))
        elif _restates(c):
            out.append((c, "restates", None))
        elif id(c) in listed:
            out.append((c, "listed", None))
        elif id(c) in shares:
            out.append(_share(c, shares[id(c)], qs))
        else:
            b = bind(c, qs, prior=_is_prior(c, year), general=id(c) in general)
            if b.bound:
                out.append((c, "bound", b))
            elif c.value == 0:
                out.append((c, "zero", b))
            elif b.key == "running_costs" and "basic.public" in qs:
                out.append((c, "running_costs", b))  # J-1 compares it with 公用经费
            else:
                out.append((c, b.status, b))
    return out


def _share(c: Claim, key: str, qs: Mapping[str, Quantity]) -> tuple[Claim, str, Binding]:
    """A class's 人员经费 / 公用经费 against that class's cell (unverified without one)."""
    q = qs.get(key)
    if q is None or c.value is None:
        return c, "absent", Binding(c, key, None, "absent")
    return c, "bound", Binding(c, key, q, agrees(c.value, c.unit, q))


def _rule(key: str, q: Quantity) -> str:
    if q.table == "THREE_PUBLIC_YOY":
        return "Y-5"
    if key.startswith(("three_public", "meeting", "training")):
        return "N-9"
    return _AMOUNT_RULE.get(key, _AMOUNT_RULE.get(key.split(":", 1)[0], "N-R2"))


def _name(key: str) -> str:
    """How a message names a quantity key (``basic.personnel:303``: 人员经费（303）)."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    head, _, code = key.partition(":")
    return f"{KEY_NAMES[head]}（{code}）" if head in KEY_NAMES and code else key


def check_amounts(
    claims: Sequence[Claim],
    qs: Mapping[str, Quantity],
    year: int | None = None,
    dispositions: Sequence[tuple[Claim, str, Binding | None]] | None = None,
) -> list[Issue]:
    """Every amount equals its table quantity at the shown precision; unsupported ones are named.

    ``dispositions`` are ``amount_dispositions(claims, qs, year)`` when already computed.
    """
    out: list[Issue] = []
    if dispositions is None:
        dispositions = amount_dispositions(claims, qs, year)
    for c, status, b in dispositions:
        if status == "listed":
            out.append(issue("N-13", "warning", f"未能核对的金额 {show(c)}：是所列项目的明细，"
                             "不是表中的合计数", c, actual=show(c)))
            continue
        if b is None or status in ("zero", "running_costs"):
            continue
        name = _name(b.key or "")
        if status in ("unbound", "absent"):
            prior = _is_prior(c, year)
            why = "表中没有该数" if status == "absent" else "其名称对应不到表中的数"
            what = "以前年度的数" if prior else "未能核对的金额"
            out.append(
                issue(
                    "N-13",
                    "info" if prior else "warning",
                    f"{what} {show(c)}：{why}" + (f"（{name}）" if b.key else ""),
                    c,
                    actual=show(c),
                )
            )
            continue
        q = b.quantity
        assert q is not None and b.key is not None
        rule = _rule(b.key.removeprefix("prior."), q)
        if b.status == "mismatch" and q.blank:
            # a blank cell is no figure (docs/domain.md §6): nothing to compare the text with
            out.append(issue("N-13", "warning", f"未能核对的金额 {show(c)}：{q.where} 为空白",
                             c, actual=show(c)))
        elif b.status == "mismatch":
            out.append(_mismatch(rule, c, q, b.key, qs))
        elif (
            b.status == "rounded"
            and places_of(c.value or Decimal(0)) != places_of(q.value)
            and not text_coarser(c.value or Decimal(0), c.unit, q)
        ):
            out.append(
                issue(
                    rule,
                    "info",
                    f"文中 {show(c)} 是 {q.where} {amount(q.value, q.unit)} 舍入后的数"
                    f"（文中 {places_of(c.value or Decimal(0))} 位小数，表中 "
                    f"{places_of(q.value)} 位）",
                    c,
                    expected=q.value,
                    actual=c.value,
                    unit=_unit(q),
                )
            )
    return out


def _unit(q: Quantity) -> str | None:
    return q.unit.value if q.unit is not None else None


def _mismatch(rule: str, c: Claim, q: Quantity, key: str, qs: Mapping[str, Quantity]) -> Issue:
    msg = f"文中 {show(c)}，但 {q.where} 为 {amount(q.value, q.unit)}"
    if q.derived:  # the table does not print the figure: the definition may differ locally
        msg += "（表中未直接列示，按 docs/domain.md §1.7 的口径推算，当地口径可能不同）"
        return issue(rule, "warning", msg, c, expected=q.value, actual=c.value, unit=_unit(q))
    carry = qs.get("revenue.carryover")
    if (
        key == "revenue.general_budget"
        and carry is not None
        and q.value + carry.value == c.value
        and carry.value != 0
    ):
        msg += (
            f"：文中把上年结转 {fmt(carry.value)} 并入了当年一般公共预算拨款收入 "
            f"{fmt(q.value)}"
        )
        return issue(rule, "error", msg, c, expected=q.value, actual=c.value, unit=_unit(q),
                     terms=(("一般公共预算拨款收入", fmt(q.value)), ("上年结转", fmt(carry.value))))
    return issue(rule, "error", msg, c, expected=q.value, actual=c.value, unit=_unit(q))


def check_enumerations(claims: Sequence[Claim]) -> list[Issue]:
    """``A，其中：B、C、D``: the parts add up to A (a partial list may not exceed it)."""
    out: list[Issue] = []
    for c in claims:
        if c.kind is not ClaimKind.ENUMERATION or c.value is None or not c.parts:
            continue
        rule = "J-2" if quantity_key(c.label) == "running_costs" else "N-R3"
        values = [
            p.unit.convert(p.value, c.unit)
            if p.unit and c.unit and p.value is not None
            else (p.value or Decimal(0))
            for p in c.parts
        ]
        if c.value > 0 and (not any(values) or max(values) > c.value):
            continue  # parts all 0, or one larger than the whole: not a list of its parts
        if c.value > 0 and any(sum_ok(c.value, values[:k], k)[0] for k in range(1, len(values))):
            continue  # the first parts make the whole: what follows is another list
        ok, s = sum_ok(c.value, values, len(values))
        terms = tuple((p.label, fmt(v)) for p, v in zip(c.parts, values, strict=True))
        unit = c.unit.value if c.unit is not None else c.measure
        if len(values) >= 2 and c.complete and not ok:
            parts = " + ".join(show(p) for p in c.parts)
            out.append(
                issue(
                    rule,
                    "error",
                    f"文中 {show(c)}，但所列分项 {parts} 合计 {fmt(s)}",
                    c,
                    expected=s,
                    actual=c.value,
                    unit=unit,
                    terms=terms,
                )
            )
        elif s > c.value and not ok:
            out.append(
                issue(
                    rule,
                    "error",
                    f"文中 {show(c)}，但其分项合计 {fmt(s)}，超过总额",
                    c,
                    expected=c.value,
                    actual=s,
                    unit=unit,
                    terms=terms,
                )
            )
    return out
