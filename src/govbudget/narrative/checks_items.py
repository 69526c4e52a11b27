"""What the narrative itemises: the projects of 项目支出 (N-5), the items of 机关运行经费
(J-1, J-2, N-8), and vehicles (A-1).

>>> from govbudget.narrative.checks_items import check_projects
>>> from govbudget.narrative.claims import extract_claims
>>> claims = extract_claims("项目支出58万元，包括仲裁经费、综合业务经费。")
>>> check_projects(claims, ["仲裁经费", "综合业务费"])
[]
>>> [i.rule for i in check_projects(claims, ["仲裁经费", "综合业务费", "安家费补助"])]
['N-5']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from govbudget.narrative.bind import Quantity, agrees, bind, claim_key
from govbudget.narrative.issues import Issue, fmt, issue, norm, show
from govbudget.narrative.synonyms import quantity_key
from govbudget.tables.narrative import Claim, ClaimKind

__all__ = ["check_projects", "check_running_costs", "check_vehicles"]


def check_projects(claims: Sequence[Claim], projects: Sequence[str]) -> list[Issue]:
    """The projects named as making up 项目支出 are the projects of the disclosure (those with
    performance targets, else the rows of the project-expenditure table)."""
    out: list[Issue] = []
    if not projects:
        return out
    for c in claims:
        if c.kind is not ClaimKind.PROJECTS or not c.complete:
            continue
        names = [norm(n) for n in c.names]
        missing = [
            p for p in projects if not any(n and (n in norm(p) or norm(p) in n) for n in names)
        ]
        if missing:
            out.append(
                issue(
                    "N-5",
                    "warning",
                    f"文中{c.label}只列了{'、'.join(c.names)}，"
                    f"未提到有绩效目标的项目：{'、'.join(missing)}",
                    c,
                    expected=len(projects),
                    actual=len(c.names),
                )
            )
    return out


_ITEM_ALIASES = {
    "公务用车运行费": "公务用车运行维护费",
    "维修费": "维修（护）费",
    "维护费": "维修（护）费",
    "因公出国费": "因公出国（境）费用",
}


def check_running_costs(
    claims: Sequence[Claim], qs: Mapping[str, Quantity], administrative: bool | None
) -> list[Issue]:
    """J-1: 机关运行经费 = 公用经费; J-2/N-8: its items are real economic items of the table.

    ``administrative`` says whether the disclosure is of 行政/参公 units only (``None``
    when unknown: then 机关运行经费 may only not exceed 公用经费, since the 公用经费 of
    事业单位 is not 机关运行经费).
    """
    out: list[Issue] = []
    public = qs.get("basic.public")
    for c in claims:
        if (
            c.kind is ClaimKind.AMOUNT
            and claim_key(c) == "running_costs"
            and c.value is not None
            and public is not None
            and administrative is not False
            and "running_costs" not in qs
            and not c.prior
        ):
            b = bind(attrs.evolve(c, label="公用经费"), qs)
            exceeds = b.quantity is not None and (
                (c.unit.convert(c.value, public.unit) if c.unit and public.unit else c.value)
                > public.value
            )
            if b.status == "mismatch" and (administrative or exceeds):
                out.append(
                    issue(
                        "J-1",
                        "warning",
                        f"文中 {show(c)}，但基本支出表的公用经费为 {fmt(public.value)}"
                        + ("" if administrative else "（机关运行经费不能超过公用经费）")
                        + ("（公用经费按 302 + 310 + 399 推算）" if public.derived else ""),
                        c,
                        expected=public.value,
                        actual=c.value,
                    )
                )
        if c.kind is ClaimKind.ENUMERATION and quantity_key(c.label) == "running_costs":
            out.extend(_check_items(c, qs, administrative))
    return out


def _cmp(p: Claim, q: Quantity) -> str:
    return agrees(p.value or Decimal(0), p.unit, q)


def _shares_stem(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return len(a) >= 2 and len(b) >= 2 and (a[:2] == b[:2] or a in b or b in a)


def _check_items(enum: Claim, qs: Mapping[str, Quantity],
                 administrative: bool | None = True) -> list[Issue]:
    rows = {
        k: q
        for k, q in qs.items()
        if k.startswith(("economic:302", "economic:310", "economic:399"))
        and len(k) > len("economic:302")
    }
    if not rows:
        return []
    out: list[Issue] = []
    used: set[str] = set()
    loose: list[Claim] = []
    for p in enum.parts:
        label = _ITEM_ALIASES.get(p.label, p.label)
        match = next((k for k, q in rows.items() if q.name and norm(q.name) == norm(label)), None)
        if match is None:
            loose.append(p)
            continue
        used.add(match)
        q = rows[match]
        if p.value is not None and _cmp(p, q) == "mismatch" and not administrative:
            # the table holds the 公用经费 of 事业 units too: no figure for 机关运行经费
            out.append(issue("N-13", "warning", f"未能核对的金额 {show(p)}：{q.where} 含事业单位"
                             "的公用经费，不是机关运行经费的口径", p, actual=show(p)))
        elif p.value is not None and _cmp(p, q) == "mismatch":
            out.append(
                issue(
                    "J-2",
                    "error",
                    f"机关运行经费明细 {show(p)}，但 {q.where} 为 {fmt(q.value)}",
                    p,
                    expected=q.value,
                    actual=p.value,
                )
            )
    for p in list(loose):
        near = next(
            (
                k
                for k, q in rows.items()
                if k not in used
                and q.name
                and p.value is not None
                and _cmp(p, q) != "mismatch"
                and _shares_stem(p.label, q.name)
            ),
            None,
        )
        if near is not None:
            used.add(near)
            loose.remove(p)
            q = rows[near]
            out.append(
                issue(
                    "N-8",
                    "warning",
                    f"机关运行经费明细“{p.label}” {fmt(p.value)} 在表中为"
                    f"“{q.name}”（{near.split(':')[1]}）",
                    p,
                    expected=q.name,
                    actual=p.label,
                )
            )
    if loose:
        rest = {k: q for k, q in rows.items() if k not in used}
        s = sum((p.value or Decimal(0) for p in loose), Decimal(0))
        same = next((k for k, q in rest.items() if q.value == s), None)
        labels = "、".join(p.label for p in loose)
        if same is not None:
            out.append(
                issue(
                    "N-8",
                    "info",
                    f"机关运行经费明细 {labels} 不是经济分类款，合计 {fmt(s)} 即表中"
                    f"“{rest[same].name}”（{same.split(':')[1]}）",
                    loose[0],
                )
            )
        else:
            for p in loose:
                out.append(
                    issue(
                        "N-8",
                        "warning",
                        f"机关运行经费明细“{p.label}”对应不到基本支出表的经济分类款",
                        p,
                        actual=p.label,
                    )
                )
    return out


def check_vehicles(claims: Sequence[Claim], qs: Mapping[str, Quantity]) -> list[Issue]:
    """A-1: no vehicles, yet vehicle running costs are budgeted."""
    count = qs.get("assets.vehicles")
    counted = [c for c in claims if c.kind is ClaimKind.COUNT and claim_key(c) == "assets.vehicles"]
    n = count.value if count is not None else (counted[0].value if counted else None)
    if n is None or n != 0:
        return []
    cost = qs.get("three_public.vehicle_operation") or qs.get("economic:30231")
    if cost is None or cost.value <= 0:
        return []
    where = count.where if count is not None else counted[0].sentence
    return [
        Issue(
            "A-1",
            "warning",
            f"没有车辆（{where}：0），却安排了公务用车运行维护费 "
            f"{fmt(cost.value)}（{cost.where}）",
            where,
            "0",
            fmt(cost.value),
            counted[0].page if counted else None,
            counted[0].line if counted else None,
        )
    ]
