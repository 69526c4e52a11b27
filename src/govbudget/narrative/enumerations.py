"""Lists in the narrative: ``A，其中：B、C、D``, bracketed parts, numbered items after
``其中：``, and the projects said to make up 项目支出 (``包括X、Y``).

>>> from govbudget.narrative.claims import ClaimKind, extract_claims
>>> (e,) = [c for c in extract_claims("三公经费6万元，其中：因公出国费0万元、"
...         "公务用车运行费6万元、公务接待费0万元。") if c.kind is ClaimKind.ENUMERATION]
>>> str(e.value), [str(p.value) for p in e.parts], e.complete
('6', ['0', '6', '0'], True)
>>> (p,) = [c for c in extract_claims("项目支出58万元，主要包括仲裁经费、综合业务经费。")
...         if c.kind is ClaimKind.PROJECTS]
>>> p.names
('仲裁经费', '综合业务经费')
"""

from __future__ import annotations

import bisect
import itertools
import re

from govbudget.narrative._scan import ITEM, TOKEN, Scan, Tok, clean_label
from govbudget.narrative.sections import heading_level
from govbudget.tables.narrative import Claim, ClaimKind

__all__ = ["enumerations", "project_lists"]

_INTRO = re.compile(r"其中|包括|分别为|分别是")
_NAMES = re.compile(
    r"(?:主要|具体)?(?:包括|包含|用于|为)(?P<names>[^，,。；;0-9%]+?)"
    r"(?:等(?:项目|[\d一二三四五六七八九十]+个项目)?)?(?=[。；;）)]|$)"
)


def enumerations(scan: Scan, money: list[Tok]) -> list[Claim]:
    """``A，其中：B、C、D`` and ``A（B、C）``: a total and the amounts listed as its parts."""
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
        previous = scan.sentence(total.start)[0] != s0
        if previous and t[s0:i].strip("，,：: ") != "":
            continue  # the total is in this sentence, or 其中 opens the next one
        if not previous and _SEMICOLON.search(t, total.end, i):
            continue  # ``…225.99万元；其中一般公共预算…``: a new list, not this amount's parts
        if re.search(r"收入?、?支出?|各", t[max(0, total.start - 12) : total.end + 2]):
            continue  # a two-sided total (收、支预算总计各…): its sides are not addends
        nxt = _INTRO.search(t, m.end(), s1)
        stop = nxt.start() if nxt is not None and scan.depth(nxt.start()) == d else s1
        head = t[m.end() : m.end() + 2]
        after = m.end() + len(head) - len(head.lstrip("：:，,"))
        items = _item_parts(scan, money, after, d)
        parts = items or [x for x in money[k:] if x.start < stop and x.depth == d]
        if not items and stop != s1 and len(parts) > 1:
            parts = parts[:-1]  # ``…；实有人员138人，其中：…``: that amount heads the next list
        parts = [
            x
            for x in parts
            if ((x.claim.unit is not None and total.claim.unit is not None)
                or x.claim.measure == total.claim.measure)
            and not x.claim.prior and not _COMPARED.match(x.claim.label)
        ]
        if not parts:
            continue
        if previous:  # …the whole the previous sentence is about: the one the parts make
            p0 = scan.sentence(total.start)[0]
            total = _whole_of([x for x in before if x.start >= p0], parts) or total
        # numbered items after 其中 (（1）行政运行… （5）…) often list the main items only
        complete = (
            not items
            and not t.startswith("等", parts[-1].end)
            and "主要" not in t[max(0, i - 2) : m.end() + 2]
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


_SEMICOLON = re.compile(r"[；;]")
#: ``比2025年初预算数20,292.85万元``: an amount compared with, not a part
_COMPARED = re.compile(r"^(?:比|较|与|同)")


def _whole_of(candidates: list[Tok], parts: list[Tok]) -> Tok | None:
    """The candidate the parts add up to (within rounding), else the first candidate."""
    from govbudget.narrative.issues import sum_ok

    values = [p.claim.value for p in parts if p.claim.value is not None]
    for x in candidates:
        if x.claim.value is not None and x.claim.unit == parts[0].claim.unit and sum_ok(
                x.claim.value, values, len(values))[0]:
            return x
    return candidates[0] if candidates else None


def _enum(scan: Scan, total: Tok, parts: list[Tok], end: int, complete: bool) -> Claim:
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


def _item_parts(scan: Scan, money: list[Tok], from_pos: int, depth: int) -> list[Tok]:
    """Leading amounts of the numbered items (（一）… / 1. …) that follow ``其中：``."""
    t = scan.c.text
    markers = [(m.start(), heading_level(m.group(0) + "x")) for m in ITEM.finditer(t, from_pos)]
    if not markers or markers[0][0] != from_pos:
        return []
    level = markers[0][1]
    items: list[int] = []
    for pos, lvl in markers:
        if lvl is None or level is None or lvl < level:
            break
        if lvl == level:
            items.append(pos)
    parts: list[Tok] = []
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


def project_lists(scan: Scan, money: list[Tok]) -> list[Claim]:
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
            if TOKEN.search(nm.group(0)):
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
                        names=tuple(clean_label(n) for n in names),
                        complete="等" not in nm.group(0),
                    )
                )
                break
    return out
