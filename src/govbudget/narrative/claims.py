"""Claims the narrative makes (情况说明中的数字陈述): amounts, enumerations, changes, shares.

Each claim keeps the sentence it comes from, its span in the section text, and where
the section was read. Amounts keep their unit and the precision they were written with.

>>> from govbudget.narrative.claims import ClaimKind, extract_claims
>>> cs = extract_claims("基本支出378.88万元（人员经费343.23万元、日常公用经费35.65万元），"
...                     "比上年增加5万元，增长1.34%。")
>>> [(c.label, str(c.value)) for c in cs if c.kind is ClaimKind.AMOUNT]
[('基本支出', '378.88'), ('人员经费', '343.23'), ('日常公用经费', '35.65')]
>>> [(c.kind.name, c.direction, str(c.value)) for c in cs if c.kind is not ClaimKind.AMOUNT]
[('CHANGE', 1, '5'), ('PERCENT_CHANGE', 1, '1.34'), ('ENUMERATION', None, '378.88')]
"""

from __future__ import annotations

import bisect
import enum
import itertools
import re
from decimal import Decimal

import attrs

from govbudget.money import Unit, places_of
from govbudget.narrative._text import Compact
from govbudget.narrative.model import Narrative, Section, SectionKind
from govbudget.narrative.sections import heading_level

__all__ = ["Claim", "ClaimKind", "extract_claims"]


class ClaimKind(enum.Enum):
    """The shape of a claim (陈述类型)."""

    AMOUNT = "amount"  # 金额: 人员经费343.23万元
    COUNT = "count"  # 数量: 车辆6辆
    CHANGE = "change"  # 增减额: 比上年增加111.42万元 / 持平
    PERCENT_CHANGE = "percent_change"  # 增减幅度: 增长1.34%
    SHARE = "share"  # 占比: 占99%
    COMPLETION = "completion"  # 完成率: 完成年初预算的98%
    ENUMERATION = "enumeration"  # 列举: A，其中：B、C、D
    PROJECTS = "projects"  # 项目列举: 项目支出…包括X、Y


@attrs.frozen(slots=True)
class Claim:
    """One claim of the narrative (情况说明陈述) with its evidence.

    ``value`` is the number as written (amount in ``unit``, percent, count, or an
    enumeration's total); ``span`` is (start, end) in the section text; ``label``
    names what the claim is about. Changes carry ``direction`` (+1, −1, 0 for 持平),
    ``compared`` (``上年`` or ``2024年``) and ``year``; a change or share points to
    the amount it is about in ``subject`` (when the sentence gives it). Enumerations
    list their ``parts``; project lists their ``names``.
    """

    kind: ClaimKind
    label: str
    sentence: str
    span: tuple[int, int]
    value: Decimal | None = None
    unit: Unit | None = None
    measure: str | None = None  # '万元', '%', '辆' …
    direction: int | None = None
    compared: str | None = None
    year: int | None = None
    code: str | None = None
    code_names: tuple[str, ...] = ()
    subject: Claim | None = None
    parts: tuple[Claim, ...] = ()
    complete: bool = True
    names: tuple[str, ...] = ()
    section: SectionKind | None = None
    title: str = ""
    page: int | None = None
    line: int | None = None

    @property
    def places(self) -> int:
        """Decimal places written (``58`` → 0, ``0.30`` → 2)."""
        return places_of(self.value) if self.value is not None else 0

    @property
    def location(self) -> str:
        if self.page is not None:
            return f"page {self.page}"
        return f"line {self.line}" if self.line is not None else ""

    @property
    def text(self) -> str:
        """The words of the claim itself (label and number)."""
        return f"{self.label}{self.value if self.value is not None else ''}{self.measure or ''}"


_NUM = r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_TOKEN = re.compile(_NUM + r"(?P<unit>亿元|万元|元|%|辆|台|人次|人|名)")
_THRESHOLD_AFTER = re.compile(r"[(（]?含[)）]?以上|以上|以下|及以上|以内")
_THRESHOLD_BEFORE = re.compile(r"(?:单价|单价在|价值|标准为?)$")
_CLAUSE_BREAK = "，,。；;\n"
_BREAKS = re.compile("[" + re.escape(_CLAUSE_BREAK) + "]")
_LABEL_BREAK = "、：:，,；;。"
_CHANGE = re.compile(
    r"(?P<cmp>(?:比|较|与|同)(?:(?P<year>\d{4})年度?|上年度?|上一年度?|去年)(?:年初)?(?:预算|决算)?数?"
    r"(?:相比|比较|对比)?[，,]?)?"
    r"(?P<dir>增加|减少|增长|下降|降低|上升|增|减|压减|缩减|节约|多|少)了?(?:额|金额)?(?:为|是)?$"
)
_CMP_ANY = re.compile(
    r"(?:比|较|与|同)(?:(?P<year>\d{4})年度?|上年度?|上一年度?|去年)(?:年初)?(?:预算|决算)?"
)
_FLAT = re.compile(r"持平|无增减|没有变化|无变化|保持不变|一致|相同")
_SHARE = re.compile(r"占(?P<of>[^，,。；;%]*?)(?:的)?(?:比重|比例)?(?:为|是)?$")
_COMPLETION = re.compile(r"完成(?P<of>[^，,。；;]*?)(?:的)?$|执行率为?$|完成率为?$")
_CODE = re.compile(
    r"(?P<n1>[^（(，,。；;“”\"、:：]+?)[（(](?P<c1>\d{3})?类[）)]"
    r"(?:(?P<n2>[^（(，,。；;“”\"]+?)[（(](?P<c2>\d{2})?款[）)]"
    r"(?:(?P<n3>[^（(，,。；;“”\"]+?)[（(](?P<c3>\d{2})?项[）)])?)?"
)
_INTRO = re.compile(r"其中|包括|分别为|分别是")
_LEAD = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.]|[一二三四五六七八九十]是|其中|包括|分别为|另外|此外|主要是)*"
    r"(?:\d{4}年度?)?(?:[，,])?(?:我部门|本部门|我单位|本单位|我局|本局)?"
)
_TRAIL = re.compile(r"(?:为|是|共计|约|达到?|安排了?|预算数?为|总额为|：|:)+$")
_NAMES = re.compile(
    r"(?:主要|具体)?(?:包括|包含|用于|为)(?P<names>[^，,。；;0-9%]+?)(?:等(?:项目|[\d一二三四五六七八九十]+个项目)?)?(?=[。；;）)]|$)"
)
_DIGIT = re.compile(r"[0-9０-９]\s*(?:亿|万|元|%|％|辆|台|人|名)")
_MONEY_UNITS = {"万元": Unit.WAN, "元": Unit.YUAN, "亿元": Unit.YI}


def _label_of(clause: str) -> str:
    """The words naming a number: back to a 、：， or an unclosed bracket (（境） stays)."""
    depth = 0
    for i in range(len(clause) - 1, -1, -1):
        ch = clause[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                return clause[i + 1 :]
            depth -= 1
        elif ch in _LABEL_BREAK and depth == 0:
            return clause[i + 1 :]
    return clause


def _clean(label: str) -> str:
    t = label.replace("“", "").replace("”", "").replace('"', "")
    t = _LEAD.sub("", t)
    t = _TRAIL.sub("", t)
    return t.strip("，,、的 ")


class _Scan:
    """The per-section state of an extraction."""

    def __init__(self, section: Section) -> None:
        self.section = section
        self.c = Compact(section.text)
        t = self.c.text
        ends = [m.end() for m in re.finditer(r"[。！？!?]+", t)]
        opens = [(m.start(), 1 if m.group() in "（(" else -1) for m in re.finditer(r"[（()）]", t)]
        self.paren_pos = [p for p, _ in opens]
        depth = 0
        self.paren_depth: list[int] = []
        for _, d in opens:
            depth = max(0, depth + d)
            self.paren_depth.append(depth)
        self.sent_ends = [e for e in ends if self.depth(e - 1) == 0]  # not inside brackets

    def depth(self, pos: int) -> int:
        k = bisect.bisect_right(self.paren_pos, pos - 1) - 1
        return self.paren_depth[k] if k >= 0 else 0

    def sentence(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.sent_ends, pos)
        start = self.sent_ends[k - 1] if k > 0 else 0
        end = self.sent_ends[k] if k < len(self.sent_ends) else len(self.c.text)
        return start, end

    def claim(self, kind: ClaimKind, label: str, start: int, end: int, **kw: object) -> Claim:
        s0, s1 = self.sentence(start)
        c = self.c
        sec = self.section
        return Claim(
            kind,
            label,
            c.original[c.origin(s0) : c.origin_end(s1)].strip(),
            (c.origin(start), c.origin_end(end)),
            section=sec.kind,
            title=sec.title,
            page=sec.page,
            line=sec.line,
            **kw,  # type: ignore[arg-type]
        )


def _section_claims(section: Section) -> list[Claim]:
    scan = _Scan(section)
    t = scan.c.text
    claims: list[Claim] = []
    money: list[_Tok] = []  # amounts and counts, with compact positions
    prev_end = 0
    last_cmp: tuple[str, int | None] | None = None
    last_cmp_sentence = -1
    last_change: Claim | None = None
    last_amount: Claim | None
    breaks = [m.start() for m in _BREAKS.finditer(t)]
    for m in _TOKEN.finditer(t):
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
            last_cmp = (
                "上年" if cmp_m.group("year") is None else f"{cmp_m.group('year')}年",
                int(cmp_m.group("year")) if cmp_m.group("year") else None,
            )
            last_cmp_sentence = s0
        value = Decimal(m.group("num").replace(",", ""))
        raw_label = _label_of(clause)
        if unit_text == "%":
            here = scan.depth(start)
            last_amount = next((x.claim for x in reversed(money) if x.depth <= here), None)
            claim = _percent(scan, clause, start, end, value, last_change, last_amount)
            if claim is not None:
                claims.append(claim)
            continue
        ch = _CHANGE.search(raw_label)
        if ch is not None and unit_text in _MONEY_UNITS:
            subject_label = _clean(raw_label[: ch.start()])
            compared, year = None, None
            if ch.group("cmp"):
                compared = "上年" if ch.group("year") is None else f"{ch.group('year')}年"
                year = int(ch.group("year")) if ch.group("year") else None
            elif last_cmp is not None and last_cmp_sentence >= 0:
                compared, year = last_cmp
            here = scan.depth(start)
            outer = next(
                (x.claim for x in reversed(money) if x.depth <= here and x.start >= s0), None
            )
            subject = outer if not subject_label else None
            sign = (
                -1
                if ch.group("dir") in ("减少", "下降", "降低", "减", "压减", "缩减", "节约", "少")
                else 1
            )
            claim = scan.claim(
                ClaimKind.CHANGE,
                subject_label or (subject.label if subject else ""),
                start,
                end,
                value=value,
                unit=_MONEY_UNITS[unit_text],
                measure=unit_text,
                direction=sign,
                compared=compared,
                year=year,
                subject=subject,
            )
            claims.append(claim)
            last_change = claim
            continue
        code: str | None = None
        code_names: tuple[str, ...] = ()
        cm = None
        for cm in _CODE.finditer(clause):  # noqa: B007 - the last match is the one wanted
            pass
        if cm is not None:
            code = "".join(g for g in (cm.group("c1"), cm.group("c2"), cm.group("c3")) if g) or None
            if code is not None and len(code) not in (3, 5, 7):
                code = None
            code_names = tuple(
                _clean(n) for n in (cm.group("n1"), cm.group("n2"), cm.group("n3")) if n
            )
            raw_label = code_names[-1] if code_names else raw_label
        label = _clean(raw_label)
        if unit_text in _MONEY_UNITS:
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
            )
        else:
            claim = scan.claim(ClaimKind.COUNT, label, start, end, value=value, measure=unit_text)
        claims.append(claim)
        money.append(_Tok(start, end, scan.depth(start), claim))
        last_change = None
    claims.extend(_flat_claims(scan, claims))
    claims.extend(_enumerations(scan, money))
    claims.extend(_project_lists(scan, money))
    return claims


def _percent(
    scan: _Scan,
    clause: str,
    start: int,
    end: int,
    value: Decimal,
    last_change: Claim | None,
    last_amount: Claim | None,
) -> Claim | None:
    sm = _SHARE.search(clause)
    if sm is not None:
        return scan.claim(
            ClaimKind.SHARE,
            _clean(sm.group("of")),
            start,
            end,
            value=value,
            measure="%",
            subject=last_amount,
        )
    if _COMPLETION.search(clause):
        return scan.claim(
            ClaimKind.COMPLETION,
            _clean(clause),
            start,
            end,
            value=value,
            measure="%",
            subject=last_amount,
        )
    ch = _CHANGE.search(clause)
    if ch is not None:
        sign = (
            -1
            if ch.group("dir") in ("减少", "下降", "降低", "减", "压减", "缩减", "节约", "少")
            else 1
        )
        label = last_change.label if last_change is not None else _clean(clause[: ch.start()])
        return scan.claim(
            ClaimKind.PERCENT_CHANGE,
            label,
            start,
            end,
            value=value,
            measure="%",
            direction=sign,
            subject=last_change,
            compared=last_change.compared if last_change else None,
            year=last_change.year if last_change else None,
        )
    return None


def _flat_claims(scan: _Scan, claims: list[Claim]) -> list[Claim]:
    """``持平`` / ``无增减`` / ``与上年一致`` phrases: a change of zero, without a number."""
    out = []
    t = scan.c.text
    for m in _FLAT.finditer(t):
        s0, _ = scan.sentence(m.start())
        cmp_m = None
        for cmp_m in _CMP_ANY.finditer(t, s0, m.start()):  # noqa: B007 - keep the last
            pass
        if cmp_m is None and "上年" not in t[max(s0, m.start() - 8) : m.start()]:
            continue
        year = int(cmp_m.group("year")) if cmp_m is not None and cmp_m.group("year") else None
        before = [
            c
            for c in claims
            if c.kind is ClaimKind.AMOUNT and c.span[1] <= scan.c.origin(m.start())
        ]
        subject = before[-1] if before else None
        out.append(
            scan.claim(
                ClaimKind.CHANGE,
                subject.label if subject else "",
                m.start(),
                m.end(),
                direction=0,
                compared=f"{year}年" if year else "上年",
                year=year,
                subject=subject,
            )
        )
    return out


@attrs.frozen(slots=True)
class _Tok:
    """An amount or count claim with its compact start, end and bracket depth."""

    start: int
    end: int
    depth: int
    claim: Claim


def _enumerations(scan: _Scan, money: list[_Tok]) -> list[Claim]:
    t = scan.c.text
    out: list[Claim] = []
    starts = [x.start for x in money]
    for m in _INTRO.finditer(t):
        i = m.start()
        d = scan.depth(i)
        s0, s1 = scan.sentence(i)
        k = bisect.bisect_left(starts, i)
        before = [x for x in money[:k] if x.depth <= d]
        if not before:
            continue
        total = before[-1]
        if scan.sentence(total.start)[0] != s0:
            if t[s0:i].strip("，,：: ") != "":
                continue  # the total is in this sentence, or 其中 opens the next one
            p0 = scan.sentence(total.start)[0]  # …the whole the previous sentence is about
            total = next((x for x in before if x.start >= p0), total)
        if re.search(r"收入?、?支出?|各", t[max(0, total.start - 12):total.end + 2]):
            continue  # a two-sided total (收、支预算总计各…): its sides are not addends
        nxt = _INTRO.search(t, m.end(), s1)
        stop = nxt.start() if nxt is not None and scan.depth(nxt.start()) == d else s1
        after = (
            m.end() + len(t[m.end() : m.end() + 2]) - len(t[m.end() : m.end() + 2].lstrip("：:，,"))
        )
        items = _item_parts(scan, money, after, d)
        parts = items or [x for x in money[k:] if x.start < stop and x.depth == d]
        parts = [x for x in parts if (x.claim.unit is not None and total.claim.unit is not None)
                 or x.claim.measure == total.claim.measure]
        if not parts:
            continue
        complete = (
            not t.startswith("等", parts[-1].end) and "主要" not in t[max(0, i - 2) : m.end() + 2]
        )
        out.append(_enum(scan, total, parts, parts[-1].end, complete))
    for j, p in enumerate(scan.paren_pos):
        if t[p] not in "（(":
            continue
        k = bisect.bisect_left(starts, p)
        if k == 0 or money[k - 1].end != p or _INTRO.match(t, p + 1):
            continue
        d = scan.depth(p + 1)
        close = next(
            (
                q
                for q, dd in zip(scan.paren_pos[j + 1 :], scan.paren_depth[j + 1 :], strict=False)
                if dd < d
            ),
            len(t),
        )
        parts = [x for x in money[k:] if x.start < close and x.depth == d]
        if len(parts) >= 2:
            complete = not t.startswith("等", parts[-1].end)
            out.append(_enum(scan, money[k - 1], parts, close + 1, complete))
    return out


def _enum(scan: _Scan, total: _Tok, parts: list[_Tok], end: int, complete: bool) -> Claim:
    c = total.claim
    return scan.claim(
        ClaimKind.ENUMERATION,
        c.label,
        total.start,
        end,
        value=c.value,
        unit=c.unit,
        measure=c.measure,
        subject=c,
        parts=tuple(x.claim for x in parts),
        complete=complete,
    )


_ITEM = re.compile(
    r"(?:(?<=[。：:；;])|^)(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|"
    r"\d{1,2}[.、](?!\d)|[（(]\d{1,2}[）)])"
)


def _item_parts(scan: _Scan, money: list[_Tok], from_pos: int, depth: int) -> list[_Tok]:
    """Leading amounts of the numbered items (（一）… / 1. …) that follow ``其中：``."""
    t = scan.c.text
    markers = [(m.start(), heading_level(m.group(0) + "x")) for m in _ITEM.finditer(t, from_pos)]
    if not markers or markers[0][0] != from_pos:
        return []
    level = markers[0][1]
    items: list[int] = []
    for pos, lvl in markers:
        if lvl is None or level is None or lvl < level:
            break
        if lvl == level:
            items.append(pos)
    parts: list[_Tok] = []
    bounds = [
        *items,
        next(
            (
                p
                for p, lv in markers
                if p > items[-1] and lv is not None and level is not None and lv < level
            ),
            len(t),
        ),
    ]
    for a, b in itertools.pairwise(bounds):
        first = next((x for x in money if a <= x.start < b and x.depth == depth), None)
        if first is not None:
            parts.append(first)
    return parts


def _project_lists(scan: _Scan, money: list[_Tok]) -> list[Claim]:
    """``项目支出58万元（…包括A、B）``: the projects said to make up 项目支出."""
    t = scan.c.text
    out = []
    for tok in money:
        claim, start = tok.claim, tok.start
        if "项目" not in claim.label or claim.unit is None:
            continue
        _, s1 = scan.sentence(start)
        stop = next((x.start for x in money if x.start > start and x.depth <= tok.depth), s1)
        window = t[start : min(s1, stop)]
        for nm in _NAMES.finditer(window):
            if _TOKEN.search(nm.group(0)):
                continue
            names = tuple(n for n in re.split(r"[、和及与]|以及", nm.group("names")) if n)
            if names and not any(w in nm.group("names") for w in ("人员", "公用", "基本支出")):
                out.append(
                    scan.claim(
                        ClaimKind.PROJECTS,
                        claim.label,
                        start + nm.start(),
                        start + nm.end(),
                        subject=claim,
                        names=tuple(_clean(n) for n in names),
                        complete="等" not in nm.group(0),
                    )
                )
                break
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
