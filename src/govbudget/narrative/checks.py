"""The narrative rules as pure functions over (Narrative, claims, quantities) → issues.

Each function returns ``Issue`` records (rule id, severity, message, evidence); the
rule engine (``govbudget.narrative.rules``) only adapts them to findings.

>>> from govbudget.narrative.checks import check_changes
>>> from govbudget.narrative.claims import extract_claims
>>> text = "公务用车运行费6万元，比上年减少0万元，与上年一致。"
>>> [i.rule for i in check_changes(extract_claims(text))]
['N-20']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from govbudget.money import places_of
from govbudget.narrative.bind import Quantity, bind, claim_key
from govbudget.narrative.claims import Claim, ClaimKind
from govbudget.narrative.model import Narrative, SectionKind
from govbudget.narrative.synonyms import DECOMPOSITIONS, KEY_NAMES, quantity_key

__all__ = [
    "Issue",
    "check_amounts",
    "check_changes",
    "check_enumerations",
    "check_names",
    "check_projects",
    "check_running_costs",
    "check_scope",
    "check_shares",
    "check_text_defects",
    "check_vehicles",
    "check_years",
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


def _issue(
    rule: str,
    severity: str,
    message: str,
    claim: Claim | None = None,
    expected: object = None,
    actual: object = None,
    evidence: str | None = None,
) -> Issue:
    return Issue(
        rule,
        severity,
        message,
        evidence if evidence is not None else (claim.sentence if claim else ""),
        None if expected is None else _fmt(expected),
        None if actual is None else _fmt(actual),
        claim.page if claim else None,
        claim.line if claim else None,
    )


def _fmt(v: object) -> str:
    return format(v, "f") if isinstance(v, Decimal) else str(v)


def _show(c: Claim) -> str:
    return f"{c.label}{_fmt(c.value)}{c.measure or ''}"


#: quantity key → the DOMAIN.md rule id of a narrative amount that disagrees with it
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


def _restates(c: Claim, claims: Sequence[Claim]) -> bool:
    """``项目支出58万元（本级支出58万元…）``: an amount restating the one it is bracketed under."""
    for p in claims:
        if (
            p is not c
            and p.kind is ClaimKind.AMOUNT
            and p.sentence == c.sentence
            and p.span[1] <= c.span[0] <= p.span[1] + len(c.label) + 2
            and p.value == c.value
        ):
            return True
    return False


def check_amounts(claims: Sequence[Claim], qs: Mapping[str, Quantity]) -> list[Issue]:
    """Every amount equals its table quantity at the shown precision; unsupported ones are named."""
    out: list[Issue] = []
    itemised = _itemised_parts(claims)
    for c in claims:
        if c.kind is not ClaimKind.AMOUNT or c.section in _SKIP_SECTIONS or id(c) in itemised:
            continue
        if _restates(c, claims):
            continue
        b = bind(c, qs)
        name = KEY_NAMES.get(b.key or "", b.key or "")
        if b.status in ("unbound", "absent"):
            if c.value == 0 or (b.key == "running_costs" and "basic.public" in qs):
                continue  # a zero needs no support; J-1 checks 机关运行经费 against 公用经费
            why = "no table shows it" if b.status == "absent" else "its label names no table figure"
            out.append(
                _issue(
                    "N-13",
                    "warning",
                    f"unbound amount {_show(c)}: {why}" + (f" ({name})" if b.key else ""),
                    c,
                    actual=_show(c),
                )
            )
            continue
        q = b.quantity
        assert q is not None
        rule = _AMOUNT_RULE.get(
            b.key or "",
            "N-9" if (b.key or "").startswith(("three_public", "meeting", "training")) else "N-R2",
        )
        if b.status == "mismatch":
            msg = f"{_show(c)} but {q.where} is {_fmt(q.value)}"
            carry = qs.get("revenue.carryover")
            if (
                b.key == "revenue.general_budget"
                and carry is not None
                and q.value + carry.value == c.value
                and carry.value != 0
            ):
                msg += (
                    f": the text adds 上年结转 {_fmt(carry.value)} to the year's "
                    f"一般公共预算拨款收入 {_fmt(q.value)}"
                )
            out.append(_issue(rule, "error", msg, c, expected=q.value, actual=c.value))
        elif b.status == "rounded" and places_of(c.value or Decimal(0)) != places_of(q.value):
            out.append(
                _issue(
                    rule,
                    "info",
                    f"{_show(c)} is {q.where} {_fmt(q.value)} rounded "
                    f"(shown with {places_of(c.value or Decimal(0))} decimals, the table "
                    f"with {places_of(q.value)})",
                    c,
                    expected=q.value,
                    actual=c.value,
                )
            )
    return out


def _sum_ok(total: Decimal, parts: Iterable[Decimal], n: int) -> tuple[bool, Decimal]:
    values = list(parts)
    s = sum(values, Decimal(0))
    places = max([places_of(total), *(places_of(v) for v in values)])
    tol = Decimal(5).scaleb(-(places + 1)) * (n + 1)
    return abs(total - s) <= tol, s


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
        ok, s = _sum_ok(c.value, values, len(values))
        if len(values) >= 2 and c.complete and not ok:
            out.append(
                _issue(
                    rule,
                    "error",
                    f"{_show(c)} but its parts "
                    + " + ".join(_show(p) for p in c.parts)
                    + f" = {_fmt(s)}",
                    c,
                    expected=s,
                    actual=c.value,
                )
            )
        elif s > c.value and not ok:
            out.append(
                _issue(
                    rule,
                    "error",
                    f"the parts of {_show(c)} add up to more ({_fmt(s)})",
                    c,
                    expected=c.value,
                    actual=s,
                )
            )
    return out


def _pct_range(d: Decimal, last: Decimal, hd: Decimal, hl: Decimal) -> tuple[Decimal, Decimal]:
    vals = [(d + a) / (last + b) * 100 for a in (-hd, hd) for b in (-hl, hl) if last + b > 0]
    return min(vals), max(vals)


def _half(v: Decimal) -> Decimal:
    return Decimal(5).scaleb(-(places_of(v) + 1))


def check_changes(claims: Sequence[Claim], qs: Mapping[str, Quantity] | None = None) -> list[Issue]:
    """Changes: percent = d / last year; no growth rate from a zero base; 持平 means zero."""
    out: list[Issue] = []
    for c in claims:
        if c.kind is ClaimKind.CHANGE and c.value is not None and c.value == 0 and c.direction:
            rule = "Y-4" if c.section is SectionKind.THREE_PUBLIC else "N-20"
            word = "减少" if c.direction < 0 else "增加"
            out.append(
                _issue(
                    rule,
                    "warning",
                    f"{c.label} '{word}0{c.measure}': a zero change "
                    "worded as an increase or decrease (say 持平/无增减变化)",
                    c,
                )
            )
        if c.kind is ClaimKind.CHANGE and c.direction == 0:
            moved = [
                o
                for o in claims
                if o.kind is ClaimKind.CHANGE
                and o.sentence == c.sentence
                and o.label == c.label
                and o.value not in (None, Decimal(0))
            ]
            for o in moved:
                out.append(
                    _issue(
                        "N-20",
                        "error",
                        f"{c.label} said to be unchanged (持平) but "
                        f"{'+' if (o.direction or 0) > 0 else '-'}{_fmt(o.value)}{o.measure}",
                        c,
                    )
                )
        if c.kind is ClaimKind.PERCENT_CHANGE and c.value is not None:
            out.extend(_check_percent_change(c, qs or {}))
    out.extend(_check_decomposition(claims))
    return out


def _check_percent_change(c: Claim, qs: Mapping[str, Quantity]) -> list[Issue]:
    change = c.subject
    if change is None or change.value is None or c.value is None:
        return []
    current = change.subject
    cur_value = current.value if current is not None and current.unit == change.unit else None
    if cur_value is None:
        key = quantity_key(change.label)
        q = qs.get(key) if key else None
        if q is None or q.unit is not change.unit:
            return []
        cur_value = q.value
    d = change.value * (change.direction or 1)
    last = cur_value - d
    if last <= 0:
        if change.value != 0:
            return [
                _issue(
                    "N-19",
                    "warning",
                    f"{change.label}: a growth rate of {_fmt(c.value)}% "
                    f"from a zero base (last year {_fmt(last)})",
                    c,
                )
            ]
        return []
    lo, hi = _pct_range(
        change.value, last, _half(change.value), _half(change.value) + _half(cur_value)
    )
    h = _half(c.value)
    if c.value + h < lo or c.value - h > hi:
        exact = (change.value / last * 100).quantize(Decimal(1).scaleb(-max(places_of(c.value), 2)))
        return [
            _issue(
                "N-R4",
                "error",
                f"{change.label}: {_fmt(change.value)} on last year's "
                f"{_fmt(last)} is {_fmt(exact)}%, the text says {_fmt(c.value)}%",
                c,
                expected=exact,
                actual=c.value,
            )
        ]
    if (c.direction or 0) * (change.direction or 0) < 0:
        return [
            _issue(
                "N-R4",
                "error",
                f"{change.label}: the amount and the percentage change go in opposite directions",
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
        ok, s = _sum_ok(total.value * (total.direction or 1), signed, len(signed))
        if not ok:
            out.append(
                _issue(
                    "N-R4",
                    "error",
                    f"{total.label} changes by "
                    f"{_fmt(total.value * (total.direction or 1))} but its parts by {_fmt(s)}",
                    total,
                    expected=s,
                    actual=total.value,
                )
            )
    return out


def check_shares(claims: Sequence[Claim], qs: Mapping[str, Quantity]) -> list[Issue]:
    """``占 p%``: recomputed from the amount and the whole it is a share of."""
    out: list[Issue] = []
    enums = [c for c in claims if c.kind is ClaimKind.ENUMERATION]
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
        lo, hi = _pct_range(part.value, whole, _half(part.value), _half(whole))
        h = _half(c.value)
        if c.value + h < lo or c.value - h > hi:
            exact = (part.value / whole * 100).quantize(Decimal("0.01"))
            out.append(
                _issue(
                    "N-21",
                    "error",
                    f"{_show(part)} is {_fmt(exact)}% of {_fmt(whole)}, "
                    f"the text says {_fmt(c.value)}%",
                    c,
                    expected=exact,
                    actual=c.value,
                )
            )
    return out


_BUDGET_YEAR = re.compile(r"(?<![比较与同])(\d{4})年度?(?:部门|单位)?(?:预算|收入预算|支出预算)")


def check_years(narrative: Narrative, claims: Sequence[Claim], year: int) -> list[Issue]:
    """Comparisons are with the year before; the years the text budgets for are the document's."""
    out: list[Issue] = []
    for c in claims:
        if (
            c.kind in (ClaimKind.CHANGE, ClaimKind.PERCENT_CHANGE)
            and c.year is not None
            and c.year != year - 1
            and c.direction is not None
        ):
            out.append(
                _issue(
                    "N-14",
                    "error",
                    f"a {year} budget compared with {c.year} (expected {year - 1})",
                    c,
                    expected=year - 1,
                    actual=c.year,
                )
            )
    seen: set[int] = set()
    for s in narrative:
        for m in _BUDGET_YEAR.finditer(f"{s.title}\n{s.text}"):
            y = int(m.group(1))
            if (
                y not in (year, year - 1)
                and y not in seen
                and 1990 < y < 2100
                and s.kind is not SectionKind.PERFORMANCE
            ):
                seen.add(y)
                out.append(
                    Issue(
                        "N-15",
                        "error",
                        f"the text speaks of the {y} budget in a {year} document",
                        m.group(0),
                        str(year),
                        str(y),
                        s.page,
                        s.line,
                    )
                )
    return out


_DEPT_WORDS = re.compile(r"我部门|本部门|部门预算|部门收入|部门支出")
_UNIT_WORDS = re.compile(r"我单位|本单位")


def check_scope(narrative: Narrative, unit_scope: bool, units: int | None = None) -> list[Issue]:
    """A unit's narrative speaks as the unit (单位), a department's as the department (部门)."""
    out: list[Issue] = []
    words = _DEPT_WORDS if unit_scope else _UNIT_WORDS
    for s in narrative:
        if s.kind in (SectionKind.GLOSSARY, SectionKind.PERFORMANCE):
            continue
        m = words.search(f"{s.title}\n{s.text}")
        if m is not None:
            who = "unit (单位预算)" if unit_scope else "department (部门预算)"
            out.append(
                Issue(
                    "N-16",
                    "warning" if unit_scope else "info",
                    f"the {who} narrative says '{m.group(0)}'",
                    _around(s.title + "\n" + s.text, m.start()),
                    page=s.page,
                    line=s.line,
                )
            )
        if not unit_scope and units is not None and units <= 1 and "所属事业单位" in s.text:
            out.append(
                Issue(
                    "N-12",
                    "info",
                    "the text speaks of 所属事业单位 but the department has a single unit",
                    _around(s.text, s.text.index("所属事业单位")),
                    page=s.page,
                    line=s.line,
                )
            )
    return out


def _around(text: str, i: int, width: int = 30) -> str:
    return text[max(0, i - width) : i + width].replace("\n", " ")


#: 类 names that changed, with the year the new name starts (DOMAIN.md §1.4)
_OLD_NAMES = {
    "文化体育与传媒支出": ("207", 2019),
    "医疗卫生与计划生育支出": ("210", 2019),
    "国土海洋气象等支出": ("220", 2019),
}


def check_names(narrative: Narrative, claims: Sequence[Claim], year: int) -> list[Issue]:
    """Classification names in the text: current for the year, and matching their code."""
    out: list[Issue] = []
    for s in narrative:
        for old, (code, since) in _OLD_NAMES.items():
            if year >= since and old in s.text:
                out.append(
                    Issue(
                        "N-17",
                        "info",
                        f"'{old}' is the pre-{since} name of {code}",
                        _around(s.text, s.text.index(old)),
                        page=s.page,
                        line=s.line,
                    )
                )
    try:
        from govbudget.codes.names import NameStatus, check_name
    except ImportError:  # the catalogue is optional here
        return out
    for c in claims:
        if c.code and c.code_names:
            try:
                result = check_name(c.code, c.code_names[-1], year=year)
            except (LookupError, ValueError):  # an unknown code is another rule's business
                continue
            if result.status in (NameStatus.MISMATCH, NameStatus.OUTDATED):
                severity = "warning" if result.status is NameStatus.MISMATCH else "info"
                out.append(
                    _issue(
                        "N-17",
                        severity,
                        f"{c.code} printed as {c.code_names[-1]}: "
                        f"{result.status.value} (edition name {result.current_name})",
                        c,
                    )
                )
    return out


_EMPTY_REASON = re.compile(r"(?:主要原因|原因|主要用于|用于|具体情况如下)(?:是|为)?[:：]?[。；;]")
_REPEATED = re.compile(r"([。，、；：,;])\1+")
_PLACEHOLDER = re.compile(r"XX|××|xx|＊＊|\*\*|某某|待补充|待定|TBD")


#: sections whose content is prose (others are often only tables: 绩效, 采购, 资产 …)
_PROSE = (
    SectionKind.DUTIES,
    SectionKind.RUNNING_COSTS,
    SectionKind.THREE_PUBLIC,
    SectionKind.GLOSSARY,
    SectionKind.REVENUE,
    SectionKind.EXPENDITURE,
)


def check_text_defects(narrative: Narrative) -> list[Issue]:
    """Truncated sentences, doubled punctuation, placeholders, empty sections."""
    out: list[Issue] = []
    sections = narrative.sections
    for i, s in enumerate(sections):
        text = s.text
        for pattern, what in (
            (_EMPTY_REASON, "a sentence that stops where its content should be"),
            (_REPEATED, "repeated punctuation"),
            (_PLACEHOLDER, "placeholder text"),
        ):
            for m in pattern.finditer(text):
                out.append(
                    Issue(
                        "N-18",
                        "warning",
                        f"{what}: '{m.group(0)}'",
                        _around(text, m.start()),
                        page=s.page,
                        line=s.line,
                    )
                )
        nxt = sections[i + 1] if i + 1 < len(sections) else None
        has_children = nxt is not None and (
            nxt.level > s.level or (nxt.kind is s.kind and s.kind is not SectionKind.OTHER)
        )
        prose = s.kind in _PROSE or "其他需要说明" in s.title
        last = nxt is None and "其他需要说明" not in s.title  # a last heading introduces tables
        tables = s.title.rstrip().endswith(("表", "表格"))  # its content is a table
        if s.title and not text.strip() and not has_children and prose and not last and not tables:
            out.append(
                Issue(
                    "N-18",
                    "warning",
                    f"the section '{s.title}' is empty",
                    s.title,
                    page=s.page,
                    line=s.line,
                )
            )
    return out


def _norm(name: str) -> str:
    t = re.sub(r"[\s、，,：:“”\"（）()\[\]【】〔〕]", "", name)
    return re.sub(r"(?:绩效目标表|项目|经费|费用|费|资金)+$", "", t)


def check_projects(claims: Sequence[Claim], projects: Sequence[str]) -> list[Issue]:
    """The projects named as making up 项目支出 are the projects with performance targets."""
    out: list[Issue] = []
    listed = [c for c in claims if c.kind is ClaimKind.PROJECTS]
    if not projects:
        return out
    for c in listed:
        names = [_norm(n) for n in c.names]
        missing = [
            p for p in projects if not any(n and (n in _norm(p) or _norm(p) in n) for n in names)
        ]
        if missing and c.complete:
            out.append(
                _issue(
                    "N-5",
                    "warning",
                    f"{c.label} is said to consist of "
                    f"{'、'.join(c.names)}; not named: {'、'.join(missing)}",
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
    "印刷费": "印刷费",
}


def check_running_costs(
    claims: Sequence[Claim], qs: Mapping[str, Quantity], administrative: bool
) -> list[Issue]:
    """J-1: 机关运行经费 = 公用经费; J-2/N-8: its items are real economic items of the table."""
    out: list[Issue] = []
    public = qs.get("basic.public")
    for c in claims:
        if (
            c.kind is ClaimKind.AMOUNT
            and claim_key(c) == "running_costs"
            and c.value is not None
            and public is not None
            and administrative
            and "running_costs" not in qs
        ):
            b = bind(attrs.evolve(c, label="公用经费"), qs)
            if b.status == "mismatch":
                out.append(
                    _issue(
                        "J-1",
                        "warning",
                        f"{_show(c)} but the 公用经费 of the "
                        f"basic-expenditure table is {_fmt(public.value)}",
                        c,
                        expected=public.value,
                        actual=c.value,
                    )
                )
        if c.kind is ClaimKind.ENUMERATION and quantity_key(c.label) == "running_costs":
            out.extend(_check_items(c, qs))
    return out


def _check_items(enum: Claim, qs: Mapping[str, Quantity]) -> list[Issue]:
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
        match = next((k for k, q in rows.items() if q.name and _norm(q.name) == _norm(label)), None)
        if match is not None:
            used.add(match)
            q = rows[match]
            if p.value is not None and _cmp(p, q) == "mismatch":
                out.append(
                    _issue(
                        "J-2",
                        "error",
                        f"{_show(p)} but {q.where} is {_fmt(q.value)}",
                        p,
                        expected=q.value,
                        actual=p.value,
                    )
                )
            continue
        loose.append(p)
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
                _issue(
                    "N-8",
                    "warning",
                    f"机关运行经费 item '{p.label}' {_fmt(p.value)} is "
                    f"'{q.name}' ({near.split(':')[1]}) in the table",
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
                _issue(
                    "N-8",
                    "info",
                    f"机关运行经费 items {labels} are not economic items; "
                    f"together ({_fmt(s)}) they are {rest[same].name} ({same.split(':')[1]})",
                    loose[0],
                )
            )
        else:
            for p in loose:
                out.append(
                    _issue(
                        "N-8",
                        "warning",
                        f"机关运行经费 item '{p.label}' names no economic "
                        "item of the basic-expenditure table",
                        p,
                        actual=p.label,
                    )
                )
    return out


def _cmp(p: Claim, q: Quantity) -> str:
    from govbudget.narrative.bind import agrees

    return agrees(p.value or Decimal(0), p.unit, q)


def _shares_stem(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return len(a) >= 2 and len(b) >= 2 and (a[:2] == b[:2] or a in b or b in a)


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
            f"no vehicles ({where}: 0) but 公务用车运行维护费 "
            f"{_fmt(cost.value)} is budgeted ({cost.where})",
            where,
            "0",
            _fmt(cost.value),
            counted[0].page if counted else None,
            counted[0].line if counted else None,
        )
    ]
