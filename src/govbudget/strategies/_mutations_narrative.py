"""Single-defect mutations of the generated narrative (情况说明) beyond its totals.

Each rewrites one matched phrase of one section: an itemised 机关运行经费 amount (J-2) or
name (N-8), a project left out of the list (N-5, R-11), a compared year (N-14), a growth
rate (N-R4, N-19), a 持平 beside a change (N-20), a share (N-21), a classification name or
amount (N-17, N-R2), the 三公 change (Y-5), scope boilerplate (N-12), an unbound amount
(N-13), and a 机关运行经费 table disagreeing with the text (N-7).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from govbudget.money import Cell, Unit
from govbudget.rules.core import Location
from govbudget.strategies._mutations import (
    MUTATORS,
    Mutation,
    Mutator,
    Result,
    _delta,
    _replace,
    mutator,
)
from govbudget.strategies._performance import name_key
from govbudget.tables.builder import TableBuilder
from govbudget.tables.disclosure import Disclosure, Scope, UnitKind
from govbudget.tables.kinds import TableKind
from govbudget.tables.narrative import Narrative, Section, SectionKind

__all__: list[str] = []

Found = tuple[Section, re.Match[str]]
Rewrite = Callable[[st.DrawFn, Disclosure, re.Match[str]], str]
Accept = Callable[[Disclosure, re.Match[str]], bool]


# ---- the amounts and wording stated by the narrative (N-1 … N-18, J-1, Y-4) -------------
_AMOUNT = re.compile(r"(?P<label>[\u4e00-\u9fa5“”（）]+?)(?P<value>\d+\.\d{2})万元")


def _text_mutator(rule: str, kind: SectionKind, label: str) -> None:
    """Register: alter the amount stated for ``label`` in a section of ``kind``."""
    def find(d: Disclosure) -> tuple[Section, re.Match[str]] | None:
        if d.narrative is None:
            return None
        for s in d.narrative.of(kind):
            for m in _AMOUNT.finditer(s.text):
                if m.group("label").endswith(label) and Decimal(m.group("value")) > 0:
                    return s, m
        return None

    def apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
        found = find(d)
        assert found is not None and d.narrative is not None
        s, m = found
        delta = _delta(draw)
        value = Decimal(m.group("value")) + delta
        text = s.text[:m.start("value")] + f"{value}" + s.text[m.end("value"):]
        narrative = Narrative(tuple(attrs.evolve(x, text=text) if x is s else x
                                    for x in d.narrative.sections))
        return _replace(root, d, attrs.evolve(d, narrative=narrative)), Mutation(
            rule, f"情况说明“{m.group('label')}”改为 {value}万元", Location(d.label, "情况说明"))

    MUTATORS.append(Mutator(rule, lambda root, d: find(d) is not None and (
        rule != "J-1" or d.unit_kind in (UnitKind.ADMINISTRATIVE, UnitKind.CIVIL_SERVICE_MANAGED)), apply))


_text_mutator("N-1", SectionKind.REVENUE, "收入预算总额为")
_text_mutator("N-2", SectionKind.REVENUE, "一般公共预算拨款收入")
_text_mutator("N-3", SectionKind.EXPENDITURE, "项目支出")
_text_mutator("N-4", SectionKind.EXPENDITURE, "人员经费")
_text_mutator("N-R3", SectionKind.EXPENDITURE, "支出预算总额")
_text_mutator("J-1", SectionKind.RUNNING_COSTS, "机关运行经费安排")
_text_mutator("N-9", SectionKind.THREE_PUBLIC, "公务接待费")
_text_mutator("N-10", SectionKind.PROCUREMENT, "政府采购预算")
_text_mutator("N-11", SectionKind.ASSETS, "固定资产总额")


def _edit_text(rule: str, kind: SectionKind | None, old: str, new: Callable[[Disclosure], str],
               what: str, scope: Scope | None = None) -> None:
    def find(d: Disclosure) -> Section | None:
        if d.narrative is None or (scope is not None and d.scope is not scope):
            return None
        return next((s for s in d.narrative if (kind is None or s.kind is kind) and old in s.text),
                    None)

    def apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
        s = find(d)
        assert s is not None and d.narrative is not None
        narrative = Narrative(tuple(attrs.evolve(x, text=x.text.replace(old, new(d), 1)) if x is s
                                    else x for x in d.narrative.sections))
        return _replace(root, d, attrs.evolve(d, narrative=narrative)), Mutation(
            rule, what, Location(d.label, "情况说明"))

    MUTATORS.append(Mutator(rule, lambda root, d: find(d) is not None, apply))


_edit_text("Y-4", SectionKind.THREE_PUBLIC, "与上年持平。", lambda d: "较上年减少0万元，与上年一致。",
           "“三公”变化写作“减少0万元”")
_edit_text("N-16", SectionKind.RUNNING_COSTS, "本单位", lambda d: "我部门", "单位说明自称“我部门”",
           Scope.UNIT)
_edit_text("N-15", SectionKind.EXPENDITURE, "支出预算总额", lambda d: "支出预算总额",
           "支出说明年度改为下一年")
MUTATORS[-1] = attrs.evolve(MUTATORS[-1], apply=lambda draw, root, d: _n15(draw, root, d))


def _n15(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    assert d.narrative is not None
    s = next(x for x in d.narrative if x.kind is SectionKind.EXPENDITURE)
    text = s.text.replace(f"{d.year}年", f"{d.year + 1}年", 1)
    narrative = Narrative(tuple(attrs.evolve(x, text=text) if x is s else x for x in d.narrative))
    return _replace(root, d, attrs.evolve(d, narrative=narrative)), Mutation(
        "N-15", f"支出说明的年度改为 {d.year + 1}", Location(d.label, "情况说明"))


@mutator("N-18", lambda root, d: d.narrative is not None)
def _n18(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    assert d.narrative is not None
    narrative = Narrative((*d.narrative.sections, Section(SectionKind.OTHER, "七、其他需要说明的事项", "")))
    return _replace(root, d, attrs.evolve(d, narrative=narrative)), Mutation(
        "N-18", "空的说明章节", Location(d.label, "情况说明"))


# ---- phrases rewritten beyond the totals ------------------------------------------------


def _matches(d: Disclosure, kind: SectionKind | None, title: str | None, pattern: re.Pattern[str],
             accept: Accept | None) -> list[Found]:
    if d.narrative is None:
        return []
    return [(s, m) for s in d.narrative.sections
            if (kind is None or s.kind is kind) and (title is None or title in s.title)
            for m in pattern.finditer(s.text) if accept is None or accept(d, m)]


def _with_text(root: Disclosure, d: Disclosure, s: Section, text: str) -> Disclosure:
    assert d.narrative is not None
    narrative = Narrative(tuple(attrs.evolve(x, text=text) if x is s else x
                                for x in d.narrative.sections))
    return _replace(root, d, attrs.evolve(d, narrative=narrative))


def _rewrite(rule: str, what: str, pattern: str, rewrite: Rewrite, *,
             kind: SectionKind | None = None, title: str | None = None,
             accept: Accept | None = None, department_only: bool = False) -> None:
    """Register: replace one match of ``pattern`` (in a section of ``kind``/``title``)."""
    regex = re.compile(pattern)

    def apply(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
        s, m = draw(st.sampled_from(_matches(d, kind, title, regex, accept)))
        new = rewrite(draw, d, m)
        text = s.text[:m.start()] + new + s.text[m.end():]
        return _with_text(root, d, s, text), Mutation(
            rule, f"{what}：“{m.group(0)}” → “{new}”", Location(d.label, "情况说明"))

    MUTATORS.append(Mutator(rule, lambda root, d: bool(_matches(d, kind, title, regex, accept)),
                            apply, department_only))


def _plus(draw: st.DrawFn, value: str) -> str:
    return str(Decimal(value) + _delta(draw))


def _less(draw: st.DrawFn, value: str) -> str:
    v = Decimal(value)
    return str(max(v - _delta(draw), Decimal("0.01")))


# ---- 机关运行经费 items: J-2 (amount), N-8 (name) --------------------------------------------
_ITEM = r"(?P<name>[^、：，。\d]+?)(?P<v>\d+\.\d{2})万元(?=[、。])"
def _listed(m: re.Match[str]) -> bool:
    """An item of a list of two or more (a lone 其中 item may be a partial list)."""
    return "、" in (m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1])


# an item of 0.50 or more lowered (by 0.49 at least; never below 0.01): raising one can make it exceed the whole, which J-2 reads
# as a figure of another list, not as its part
_rewrite("J-2", "机关运行经费分项金额改动", _ITEM,
         lambda draw, d, m: f"{m.group('name')}{_less(draw, m.group('v'))}万元",
         kind=SectionKind.RUNNING_COSTS,
         accept=lambda d, m: "机关运行" not in m.group("name") and "其中" not in m.group("name")
         and _listed(m) and Decimal(m.group("v")) >= Decimal("0.50"))
_rewrite("N-8", "机关运行经费分项改称", _ITEM,
         lambda draw, d, m: f"{m.group('name').removesuffix('费')}开支{m.group('v')}万元",
         kind=SectionKind.RUNNING_COSTS,
         accept=lambda d, m: "机关运行" not in m.group("name") and "其中" not in m.group("name")
         and len(m.group("name")) >= 3)


# ---- projects: N-5 and R-11 -------------------------------------------------------------
_LIST = r"包括(?P<names>[^。]+)。"


def _droppable(d: Disclosure, m: re.Match[str]) -> bool:
    return len(m.group("names").split("、")) >= 2 and bool(d.performance)


def _drop(draw: st.DrawFn, d: Disclosure, m: re.Match[str]) -> str:
    names = m.group("names").split("、")
    gone = draw(st.sampled_from(names))
    return "包括" + "、".join(n for n in names if n != gone) + "。"


_rewrite("N-5", "项目支出列举漏掉一个项目", _LIST, _drop, kind=SectionKind.EXPENDITURE,
         accept=_droppable)


def _r11(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    regex = re.compile(_LIST)
    s, m = _matches(d, SectionKind.EXPENDITURE, None, regex, _droppable)[0]
    names = m.group("names").split("、")
    gone = draw(st.sampled_from(names))
    new = "包括" + "、".join(n for n in names if n != gone) + "。"
    text = s.text[:m.start()] + new + s.text[m.end():]
    target = next(t for t in d.performance if name_key(t.name) == name_key(gone))
    from govbudget.performance.checks.base import target_label

    return _with_text(root, d, s, text), Mutation(
        "R-11", f"情况说明漏列项目 {gone}", Location(d.label, target_label(target)))


MUTATORS.append(Mutator("R-11", lambda root, d: bool(
    _matches(d, SectionKind.EXPENDITURE, None, re.compile(_LIST), _droppable)), _r11))


# ---- changes: N-14, N-R4, N-19, N-20 -------------------------------------------------------
_CHANGE = (r"(?P<now>\d+\.\d{2})万元，较(?P<year>\d{4})年(?P<dir>增加|减少)(?P<d>\d+\.\d{2})万元"
           r"(?:，(?P<word>增长|下降)(?P<p>\d+\.\d{2})%)?(?=。)")
_rewrite("N-14", "比较年度改为前年", _CHANGE,
         lambda draw, d, m: m.group(0).replace(f"较{m.group('year')}年",
                                               f"较{int(m.group('year')) - 1}年", 1),
         title="比上年增减")
_rewrite("N-R4", "增长率改动", _CHANGE,
         lambda draw, d, m: m.group(0)[:m.start("p") - m.start()]
         + str(Decimal(m.group("p")) * 2 + 1 + _delta(draw)) + "%",
         title="比上年增减", accept=lambda d, m: m.group("p") is not None)
_rewrite("N-19", "增加额等于本年数（上年为零）却给出增长率", _CHANGE,
         lambda draw, d, m: f"{m.group('now')}万元，较{m.group('year')}年增加{m.group('now')}万元，"
         f"增长{m.group('p')}%",
         title="比上年增减",
         accept=lambda d, m: m.group("p") is not None and Decimal(m.group("now")) > 0)
_rewrite("N-20", "有增减却称“与上年持平”", _CHANGE,
         lambda draw, d, m: m.group(0) + "，与上年持平", title="比上年增减")


# ---- shares: N-21 -------------------------------------------------------------------------
_SHARE = r"(?P<v>\d+\.\d{2})万元，占(?P<p>\d+\.\d{2})%"


def _share_ok(d: Disclosure, m: re.Match[str]) -> bool:
    return Decimal(m.group("v")) >= 1


def _share(draw: st.DrawFn, d: Disclosure, m: re.Match[str]) -> str:
    p = Decimal(m.group("p"))
    q = p + 50 if p < 50 else p - 50
    return f"{m.group('v')}万元，占{q}%"


_rewrite("N-21", "占比改动", _SHARE, _share, kind=SectionKind.EXPENDITURE, accept=_share_ok)


# ---- classification names and amounts: N-17, N-R2 -----------------------------------------
_CLASS = r"(?<=[，、])(?P<code>\d{7})(?P<name>[^\d，。]+?)(?P<v>\d+\.\d{2})万元"
_rewrite("N-17", "科目名称与编码不符", _CLASS,
         lambda draw, d, m: f"{m.group('code')}{m.group('name')}"
         f"{draw(st.sampled_from(('补助', '专项', '事务')))}{m.group('v')}万元",
         kind=SectionKind.EXPENDITURE)
_rewrite("N-R2", "科目金额改动", _CLASS,
         lambda draw, d, m: f"{m.group('code')}{m.group('name')}{_plus(draw, m.group('v'))}万元",
         kind=SectionKind.EXPENDITURE)


# ---- 三公 change: Y-5 ------------------------------------------------------------------------
_rewrite("Y-5", "“三公”经费增减额与增减变化表不符",
         r"“三公”经费预算(?:较上年(?P<dir>增加|减少)(?P<v>\d+\.\d{2})万元|与上年持平)",
         lambda draw, d, m: f"“三公”经费预算较上年{m.group('dir') or '增加'}"
         f"{_plus(draw, m.group('v') or '0')}万元",
         kind=SectionKind.THREE_PUBLIC)


# ---- scope boilerplate: N-12; an unbound amount: N-13 ---------------------------------------
_rewrite("N-12", "只有一个单位却称“所属事业单位”", r"机关的收支",
         lambda draw, d, m: "机关及所属事业单位的收支", kind=SectionKind.OVERVIEW,
         accept=lambda d, m: d.scope is Scope.DEPARTMENT and len(d.units) <= 1)
_rewrite("N-13", "说明一笔表中没有的金额", r"(?<=。)基本支出中",
         lambda draw, d, m: f"另安排专项工作经费{_delta(draw)}万元。基本支出中",
         kind=SectionKind.EXPENDITURE)


# ---- N-7: a 机关运行经费 table that disagrees with the text ----------------------------------
_RUNNING = re.compile(r"机关运行经费安排(?P<v>\d+\.\d{2})万元")


def _n7_applies(root: Disclosure, d: Disclosure) -> bool:
    return bool(_matches(d, SectionKind.RUNNING_COSTS, None, _RUNNING, None)) and \
        d.table(TableKind.OPERATION_EXPENSES) is None


def _n7(draw: st.DrawFn, root: Disclosure, d: Disclosure) -> Result:
    _, m = _matches(d, SectionKind.RUNNING_COSTS, None, _RUNNING, None)[0]
    value = Decimal(m.group("v")) + _delta(draw)
    table = TableBuilder(TableKind.OPERATION_EXPENSES, unit=Unit.WAN,
                         title=f"{d.name}机关运行经费支出表").line(
        "total", "合计", total=Cell.amount(value)).build()
    new = attrs.evolve(d, tables=(*d.tables, table))
    return _replace(root, d, new), Mutation(
        "N-7", f"机关运行经费支出表合计 {value}，情况说明 {m.group('v')}",
        Location(d.label, "情况说明"))


MUTATORS.append(Mutator("N-7", _n7_applies, _n7))
