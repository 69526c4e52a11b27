"""Claims the narrative makes (情况说明中的数字陈述): amounts, changes, shares, lists.

Each claim keeps the sentence it comes from, its span in the section text, and where
the section was read. Amounts keep their unit and the precision they were written with.
A label that names nothing by itself (``2026年预算安排5.00万元``) is the numbered
item's subject, else the section's title.

>>> from govbudget.narrative.claims import ClaimKind, extract_claims
>>> cs = extract_claims("基本支出378.88万元（人员经费343.23万元、日常公用经费35.65万元），"
...                     "比上年增加5万元，增长1.34%。")
>>> [(c.label, str(c.value)) for c in cs if c.kind is ClaimKind.AMOUNT]
[('基本支出', '378.88'), ('人员经费', '343.23'), ('日常公用经费', '35.65')]
>>> [(c.kind.name, c.direction, str(c.value)) for c in cs if c.kind is not ClaimKind.AMOUNT]
[('CHANGE', 1, '5'), ('PERCENT_CHANGE', 1, '1.34'), ('ENUMERATION', None, '378.88')]
>>> [(c.label, len(c.code_names), c.prior) for c in extract_claims(
...     "1.“城乡社区支出（类）城乡社区管理事务（款）行政运行（项）”1660.32万元。"
...     "2023年执行数为1899.77万元，2024年预算安排1660.32万元。")]
[('行政运行', 3, False), ('行政运行', 3, True), ('行政运行', 3, False)]
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from govbudget.money import Unit
from govbudget.narrative._scan import TOKEN, Scan, Tok, clean_label, is_generic, label_of
from govbudget.narrative.enumerations import enumerations, project_lists
from govbudget.narrative.sections import strip_marker
from govbudget.narrative.synonyms import quantity_key
from govbudget.tables.narrative import Claim, ClaimKind, Narrative, Section, SectionKind

__all__ = ["Claim", "ClaimKind", "extract_claims"]

_THRESHOLD_AFTER = re.compile(r"[(（]?含[)）]?以上|以上|以下|及以上|以内")
_THRESHOLD_BEFORE = re.compile(r"(?:单价|单价在|价值|标准为?)$")
_BREAKS = re.compile("[，,。；;\n]")
_DOWN = ("减少", "下降", "降低", "减", "压减", "缩减", "节约", "少")
_CHANGE = re.compile(
    r"(?P<cmp>(?:比|较|与|同)(?:(?P<year>\d{4})年度?|上年度?|上一年度?|去年)(?:年初)?(?:预算|决算)?数?"
    r"(?:相比|比较|对比)?[，,]?)?"
    r"(?P<dir>增加|减少|增长|下降|降低|上升|提高|增|减|压减|缩减|节约|多|少)了?(?:额|金额)?(?:为|是)?$"
)
#: ``增加基本支出844.15万元``: the verb before the item, a change of that item
_LEAD_CHANGE = re.compile(
    r"^(?P<dir>增加|减少|增长|下降|降低|压减|缩减|节约)了?(?P<item>(?![至到为])[^，,。；;]+)$"
)
_CMP_ANY = re.compile(
    r"(?:比|较|与|同)(?:(?P<year>\d{4})年度?|上年度?|上一年度?|去年)(?:年初)?(?:预算|决算)?"
)
_ROUGHLY = re.compile(r"(?:基本|大体|大致|总体|略有)$")
_FLAT = re.compile(r"持平|无增减|没有变化|无变化|保持不变|一致|相同")
_SHARE = re.compile(r"占(?P<of>[^，,。；;%]*?)(?:的)?(?:比重|比例)?(?:为|是)?$")
_COMPLETION = re.compile(r"完成(?P<of>[^，,。；;]*?)(?:的)?$|执行率为?$|完成率为?$")
_CODE = re.compile(
    r"(?:(?P<n1>[^（(，,。；;“”\"、:：]+?)[（(](?P<c1>\d{3})?类[）)])?"
    r"(?:(?P<n2>[^（(，,。；;“”\"、:：]+?)[（(](?P<c2>\d{2})?款[）)]"
    r"(?:(?P<n3>[^（(，,。；;“”\"]+?)[（(](?P<c3>\d{2})?项[）)])?)?"
)
#: ``2080501-行政单位离退休`` / ``2080501 行政单位离退休``: a code printed before its name
_CODE_PREFIX = re.compile(
    r"(?P<code>\d{7}|\d{5}|(?<!\d)\d{3})[-－—–]?(?P<name>[^\d，,。；;、:：（()）]*[\u4e00-\u9fff][^\d，,。；;、:：]*)$"
)
#: ``一般行政管理事务（2011002）``: a name with its code in brackets after it
_CODE_SUFFIX = re.compile(r"(?P<name>[^\d（(]*[\u4e00-\u9fff][^\d（(]*)[（(](?P<code>\d{7}|\d{5}|\d{3})[）)]$")
#: the amount is a figure of an earlier year: 执行数, 决算, 上年…数, 由…(增加至)
_PRIOR = re.compile(
    r"(?:上年度?|去年|上一年度?|\d{4}年度?)(?:当年|全年)?(?:年初)?(?:预算)?"
    r"(?:执行数?|决算数?|实际(?:支出)?数?|完成数?|数)(?:为|是|共计)?$"
    r"|(?:执行数?|决算数?)(?:为|是)?$|由(?:\d{4}年度?)?$"
)
_YEAR = re.compile(r"(?P<year>\d{4})年度?[^，,。；;\d]{0,14}$")
_FROM = re.compile(r"由(?:\d{4}年度?)?$")
_LEAD_YEAR = re.compile(r"^\d{4}年度?")
_HAS_DIGIT = re.compile(r"\d{3}")
_DIGIT = re.compile(r"[0-9０-９]\s*(?:亿|万|元|%|％|辆|台|人|名)")
_MONEY_UNITS = {"万元": Unit.WAN, "元": Unit.YUAN, "亿元": Unit.YI}


def _code_of(clause: str, raw_label: str) -> tuple[str | None, tuple[str, ...], str]:
    """The functional code and 类/款/项 names a label gives, and the label to keep."""
    found = None
    if "类" in clause or "款" in clause:  # the regex is slow: only where it can match
        for m in _CODE.finditer(clause):
            if m.group("n2") or m.group("n1"):
                found = m
    if found is not None:
        digits = [found.group(g) for g in ("c1", "c2", "c3")]
        code: str | None = "".join(d for d in digits if d) or None
        if code is not None and (len(code) not in (3, 5, 7) or not digits[0]):
            code = None
        names = tuple(clean_label(n) for n in (found.group(g) for g in ("n1", "n2", "n3")) if n)
        return code, names, names[-1] if names else raw_label
    if not _HAS_DIGIT.search(raw_label):
        return None, (), raw_label
    cleaned = clean_label(raw_label)
    pm = _CODE_SUFFIX.search(cleaned) or _CODE_PREFIX.search(cleaned)
    if pm is not None:
        return pm.group("code"), (clean_label(pm.group("name")),), pm.group("name")
    return None, (), raw_label


def _lead_change(raw_label: str) -> re.Match[str] | None:
    """``增加基本支出``: a change verb, then the item it changes (a name, not 至/为)."""
    m = _LEAD_CHANGE.match(clean_label(raw_label))
    if m is None or is_generic(m.group("item")) or _CMP_ANY.search(m.group("item")):
        return None
    return m


def _title_label(section: Section) -> str:
    return clean_label(strip_marker(section.title))


def _section_claims(section: Section) -> list[Claim]:
    scan = Scan(section)
    t = scan.c.text
    claims: list[Claim] = []
    money: list[Tok] = []  # amounts and counts, with compact positions
    prev_end = 0
    last_cmp: tuple[str, int | None] | None = None
    last_change: Claim | None = None
    breaks = [m.start() for m in _BREAKS.finditer(t)]
    for m in TOKEN.finditer(t):
        start, end = m.start(), m.end()
        unit_text = m.group("unit")
        s0, _ = scan.sentence(start)
        kb = bisect.bisect_left(breaks, start)
        clause_from = max(prev_end, breaks[kb - 1] + 1 if kb else 0)
        clause = t[clause_from:start]
        prev_end = end
        if _THRESHOLD_AFTER.match(t, end) or _THRESHOLD_BEFORE.search(clause):
            continue
        cmp_m = _CMP_ANY.search(t, s0, start)
        if cmp_m is not None:
            year_text = cmp_m.group("year")
            last_cmp = (
                f"{year_text}年" if year_text else "上年",
                int(year_text) if year_text else None,
            )
        value = Decimal(m.group("num").replace(",", ""))
        raw_label = label_of(clause)
        here = scan.depth(start)
        if unit_text == "%":
            last_amount = next((x.claim for x in reversed(money) if x.depth <= here), None)
            claim = _percent(scan, clause, start, end, value, last_change, last_amount)
            if claim is not None:
                claims.append(claim)
            continue
        ch = _CHANGE.search(raw_label) or _lead_change(raw_label)
        if ch is not None and unit_text in _MONEY_UNITS:
            g = ch.groupdict()
            subject_label = clean_label(g["item"] if "item" in g else raw_label[: ch.start()])
            compared, year = None, None
            if g.get("cmp"):
                compared = "上年" if g["year"] is None else f"{g['year']}年"
                year = int(g["year"]) if g["year"] else None
            elif last_cmp is not None:
                compared, year = last_cmp
            outer = next(
                (x.claim for x in reversed(money) if x.depth <= here and x.start >= s0), None
            )
            subject = outer if not subject_label else None
            claim = scan.claim(
                ClaimKind.CHANGE,
                subject_label or (subject.label if subject else ""),
                start,
                end,
                value=value,
                unit=_MONEY_UNITS[unit_text],
                measure=unit_text,
                direction=-1 if ch.group("dir") in _DOWN else 1,
                compared=compared,
                year=year,
                subject=subject,
            )
            claims.append(claim)
            last_change = claim
            continue
        code, code_names, raw_label = _code_of(clause, raw_label)
        label = clean_label(raw_label)
        prior = bool(_PRIOR.search(clause))
        ym = _YEAR.search(clause)
        amount_year = int(ym.group("year")) if ym is not None else None
        if unit_text in _MONEY_UNITS and code is None and not code_names:
            label = _FROM.sub("", label)
            if is_generic(_LEAD_YEAR.sub("", label)):
                source = _subject(scan, money, start, s0)
                if source is not None:
                    label, code, code_names = source.label, source.code, source.code_names
                elif section.title and quantity_key(_title_label(section)) is not None:
                    label = _title_label(section)
        if unit_text in _MONEY_UNITS:
            prev = money[-1] if money else None
            restated = (  # 项目支出58万元（本级支出58万元…）: the bracket restates the amount
                prev.claim
                if prev is not None
                and t[prev.end : prev.end + 1] in ("（", "(")
                and here == prev.depth + 1
                and prev.claim.value == value
                and prev.claim.kind is ClaimKind.AMOUNT
                else None
            )
            claim = scan.claim(
                ClaimKind.AMOUNT,
                label,
                start,
                end,
                value=value,
                unit=_MONEY_UNITS[unit_text],
                measure=unit_text,
                code=code,
                code_names=code_names,
                year=amount_year,
                prior=prior,
                subject=restated,
            )
        else:
            claim = scan.claim(ClaimKind.COUNT, label, start, end, value=value, measure=unit_text)
        claims.append(claim)
        money.append(Tok(start, end, here, claim))
        last_change = None
    claims.extend(_flat_claims(scan, claims))
    claims.extend(enumerations(scan, money))
    claims.extend(project_lists(scan, money))
    return claims


def _subject(scan: Scan, money: list[Tok], start: int, s0: int) -> Claim | None:
    """What a generic amount is about: the previous amount of its sentence when that one is
    a 由… figure, else the first named amount of its numbered item."""
    before = [x for x in money if x.claim.kind is ClaimKind.AMOUNT]
    if (
        before
        and before[-1].start >= s0
        and _FROM.search(scan.c.text, max(0, before[-1].start - 8), before[-1].start)
    ):
        return before[-1].claim
    item = scan.item_start(start)
    if item is None:
        return None
    return next(
        (x.claim for x in before if x.start >= item and not is_generic(x.claim.label)), None
    )


def _percent(
    scan: Scan,
    clause: str,
    start: int,
    end: int,
    value: Decimal,
    last_change: Claim | None,
    last_amount: Claim | None,
) -> Claim | None:
    sm = _SHARE.search(clause)
    if sm is not None:
        # ``A 10万元，占 20%``: the share of the amount just stated; ``货物合同金额占…9.16%``
        # names its own part (without a figure): no amount of an earlier clause is it
        own = len(clean_label(clause[: sm.start()])) >= 2
        return scan.claim(
            ClaimKind.SHARE,
            clean_label(sm.group("of")),
            start,
            end,
            value=value,
            measure="%",
            subject=None if own else last_amount,
        )
    if _COMPLETION.search(clause):
        return scan.claim(
            ClaimKind.COMPLETION,
            clean_label(clause),
            start,
            end,
            value=value,
            measure="%",
            subject=last_amount,
        )
    ch = _CHANGE.search(clause)
    if ch is None:
        return None
    label = last_change.label if last_change is not None else clean_label(clause[: ch.start()])
    year = None
    if last_change is not None:
        year = last_change.year
    elif ch.group("year"):
        year = int(ch.group("year"))
    return scan.claim(
        ClaimKind.PERCENT_CHANGE,
        label,
        start,
        end,
        value=value,
        measure="%",
        direction=-1 if ch.group("dir") in _DOWN else 1,
        subject=last_change,
        compared=last_change.compared if last_change else None,
        year=year,
    )


def _flat_claims(scan: Scan, claims: list[Claim]) -> list[Claim]:
    """``持平`` / ``无增减`` / ``与上年一致`` phrases: a change of zero, without a number."""
    out = []
    t = scan.c.text
    for m in _FLAT.finditer(t):
        if _ROUGHLY.search(t, max(0, m.start() - 3), m.start()):
            continue  # 基本持平: roughly flat, a small change is no contradiction
        s0, _ = scan.sentence(m.start())
        cmp_m = None
        for cmp_m in _CMP_ANY.finditer(t, s0, m.start()):  # noqa: B007 - keep the last
            pass
        if cmp_m is None and "上年" not in t[max(s0, m.start() - 8) : m.start()]:
            continue
        year = int(cmp_m.group("year")) if cmp_m is not None and cmp_m.group("year") else None
        here, begin = scan.c.origin(m.start()), scan.c.origin(s0)
        # ``公务接待费0万元。“三公”经费预算与上年持平``: the amount of this sentence, if any
        before = [c for c in claims if c.kind is ClaimKind.AMOUNT and begin <= c.span[0]
                  and c.span[1] <= here]
        subject = before[-1] if before else None
        label = subject.label if subject else clean_label(label_of(t[s0 : m.start()]))
        label = _CMP_ANY.sub("", label).strip("，,、 ")
        out.append(
            scan.claim(
                ClaimKind.CHANGE,
                label,
                m.start(),
                m.end(),
                direction=0,
                compared=f"{year}年" if year else "上年",
                year=year,
                subject=subject,
            )
        )
    return out


def extract_claims(source: Narrative | Section | str) -> tuple[Claim, ...]:
    """Every claim of a narrative, a section, or a bare text (taken as one section)."""
    if isinstance(source, str):
        sections: tuple[Section, ...] = (Section(SectionKind.OTHER, "", source),)
    elif isinstance(source, Section):
        sections = (source,)
    else:
        sections = source.sections
    out: list[Claim] = []
    for s in sections:
        if _DIGIT.search(s.text):  # no number, no claim
            out.extend(_section_claims(s))
    return tuple(out)
