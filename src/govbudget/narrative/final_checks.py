"""The checks of a final account's narrative (决算情况说明) against itself and its tables.

Each function reads the compact sections (``final_text``) of a final-accounts
``Disclosure`` and returns ``Issue`` s under the FN-* ids of ``final_rules``: amounts
against the tables (FN-1), changes (FN-2), shares (FN-3), completion rates (FN-4),
reasons where 决算 differs from 预算 (FN-5), 机关运行经费 (FN-6), 公务用车 (FN-7) and
template residue (FN-8). A figure is compared at the precision the text shows it.

>>> from decimal import Decimal
>>> from govbudget.narrative.final_checks import change_issues
>>> [i.rule for i in change_issues("收支总计22066.59万元，比上年增加5834.37万元，增长35.74%。")]
['FN-2']
>>> change_issues("收支总计22066.59万元，比上年增加5834.37万元，增长35.94%。")
[]
"""

from __future__ import annotations

import re
from decimal import Decimal

from govbudget.money import Cell, Unit
from govbudget.narrative.final_text import Amount, amounts, compact, residue, sentences
from govbudget.narrative.issues import Issue, half, pct_range
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable, Row
from govbudget.tables.narrative import Section, SectionKind

__all__ = ["bind_amount", "change_issues", "final_issues", "table_residue"]

K = TableKind
_UP = ("增加", "增长", "上升", "提高")
_CHANGE = re.compile(r"(增加|减少|增长|下降|降低|上升)了?(\d+(?:\.\d+)?)万元[，,]?(?:同比)?"
                     r"(增长|下降|降低|上升|减少|增加)了?(\d+(?:\.\d+)?)%")
_SHARE = re.compile(r"(\d+(?:\.\d+)?)万元[，,]?占(比|[^，,。；;%\d]{0,24}?)?的?(?:比重|比例)?为?"
                    r"(\d+(?:\.\d+)?)%")
_COMPLETION = re.compile(r"完成(?:年初)?预算的(\d+(?:\.\d+)?)%")
_ITEM_BUDGET = re.compile(r"年初预算(?:数)?为(\d+(?:\.\d+)?)万元[，,]?(?:支出)?决算(?:数)?为"
                          r"(\d+(?:\.\d+)?)万元")


def _cell(t: BudgetTable | None, line: str, col: str, side: str | None = None, *,
          row: Row | None = None) -> Cell | None:
    """A cell of a usable table (the named line's, or ``row``'s), in 万元."""
    if t is None or t.unreadable or t.is_empty():
        return None
    r = row if row is not None else t.line(line, side)
    if r is None:
        return None
    cell = r.cell(col)
    if t.unit is Unit.WAN or cell.value is None:
        return cell
    return Cell.amount(t.unit.convert(cell.value, Unit.WAN))  # the narrative speaks in 万元


def _issue(rule: str, severity: str, message: str, sec: Section, evidence: str,
           expected: object = None, actual: object = None) -> Issue:
    return Issue(rule, severity, message, evidence,
                 None if expected is None else str(expected),
                 None if actual is None else str(actual), sec.page, sec.line)


def _near(stated: Decimal, table: Decimal) -> bool:
    return abs(stated - table) <= half(stated)


# ---- FN-1: amounts against the tables --------------------------------------------------


_SUMMARY_LABELS: tuple[tuple[str, str, str, str], ...] = (
    # label ends with → (line, column, side) of the 收入支出决算总表
    ("财政拨款收入支出总计", "", "", ""),  # the fiscal table's: below
    ("收入支出总计", "total", "income", "income"),
    ("收、支总计", "total", "income", "income"),
    ("收支总计", "total", "income", "income"),
    ("本年收入合计", "subtotal", "income", "income"),
    ("本年支出合计", "subtotal", "expenditure", "expenditure"),
    ("一般公共预算财政拨款收入", "general_budget", "income", "income"),
    ("政府性基金预算财政拨款收入", "gov_fund", "income", "income"),
    ("其他收入", "other", "income", "income"),
    ("事业收入", "business", "income", "income"),
    ("经营收入", "operating", "income", "income"),
    ("上级补助收入", "superior_subsidy", "income", "income"),
    ("年初结转和结余", "carryover", "income", "income"),
    ("年末结转和结余", "carryforward", "expenditure", "expenditure"),
)
_SKIP_LABEL = re.compile(r"增加|减少|增长|下降|降低|年初预算|预算为|预算数|比\d{4}|较|上年|平均|其中$|包括")


def _class_cell(d: Disclosure, sec: Section, a: Amount) -> Cell | None:
    name = re.sub(r"（[类款项]）", "", a.label)
    name = re.sub(r"^.*(?:划分为|方面：|用于)", "", name)
    while name.endswith("支出"):
        name = name[:-2]
    fiscal = sec.kind is SectionKind.GENERAL_BUDGET
    t = d.table(K.FINAL_GENERAL_BUDGET if fiscal else K.FINAL_EXPENDITURE)
    if t is None or t.is_empty() or not name:
        return None
    for r in t.code_rows():
        if len(r.code or "") == 3 and re.sub("支出$", "", r.name) == name:
            return _cell(t, "", "total", row=r)
    return None


def bind_amount(d: Disclosure, sec: Section, a: Amount) -> Cell | None:
    """The table cell an amount of the narrative states (``None`` when it names none)."""
    label = a.label
    if a.unit != "万元" or _SKIP_LABEL.search(label):
        return None
    f1, f4 = d.table(K.FINAL_SUMMARY), d.table(K.FINAL_FISCAL_SUMMARY)
    if re.search(r"财政拨款收(入|、)?支(出)?(总决算|总计)", label):
        return _cell(f4, "total", "income", "income")
    f5, f6 = d.table(K.FINAL_GENERAL_BUDGET), d.table(K.FINAL_BASIC_EXPENDITURE)
    if sec.kind in (SectionKind.GENERAL_BUDGET, SectionKind.BASIC):
        if re.search(r"财政拨款基本支出$", label):
            return _cell(f5, "total", "basic")
        if re.search(r"(一般公共预算)?财政拨款支出(决算)?$", label) and "预算" not in label[:-8]:
            return _cell(f5, "total", "total")
    if re.search(r"人员经费$", label):
        return _cell(f6, "personnel", "total")
    if re.search(r"(?<!日常)公用经费$", label):
        return _cell(f6, "public", "total")
    for end, line, col, side in _SUMMARY_LABELS:
        if line and label.endswith(end):
            return _cell(f1, line, col, side)
    if sec.kind is SectionKind.EXPENDITURE and re.search(r"(?:^|为)(基本支出|项目支出)$", label):
        return _cell(d.table(K.FINAL_EXPENDITURE), "total",
                     "basic" if label.endswith("基本支出") else "project")
    if "（类）" in label or sec.kind in (SectionKind.EXPENDITURE, SectionKind.GENERAL_BUDGET):
        return _class_cell(d, sec, a)
    return None


def amount_issues(d: Disclosure, sec: Section, text: str) -> list[Issue]:
    out = []
    for a in amounts(text):
        cell = bind_amount(d, sec, a)
        if cell is None or cell.value is None:
            continue
        if not _near(a.value, cell.value):
            out.append(_issue("FN-1", "error", f"{a.label}应等于决算表：文中 {a.value}万元 ≠ "
                              f"表中 {cell.text()}万元（差 {a.value - cell.value}）", sec,
                              _sentence(text, a.start), cell.text(), a.value))
    return out


# ---- FN-2 changes, FN-3 shares, FN-4 completion rates -------------------------------------

def _sentence(text: str, i: int) -> str:
    for start, s in sentences(text):
        if start <= i < start + len(s):
            return s
    return text[max(0, i - 60):i + 60]


def change_issues(text: str, sec: Section | None = None) -> list[Issue]:
    """FN-2: "X 万元 … 增加 D 万元，增长 P%" recomputes P = D / (X − D)."""
    sec = sec or Section(SectionKind.OTHER, "", text)
    out = []
    for _start, s in sentences(text):
        for m in _CHANGE.finditer(s):
            up, up2 = m.group(1) in _UP, m.group(3) in _UP
            d, p = Decimal(m.group(2)), Decimal(m.group(4))
            if up != up2:
                out.append(_issue("FN-2", "error", f"增减金额与增减幅度的方向相反：金额为"
                                  f"“{m.group(1)}”，幅度为“{m.group(3)}”", sec, s))
                continue
            before = [a for a in amounts(s[:m.start()]) if a.unit == "万元"
                      and not re.search(r"(增加|减少|增长|下降|降低)$", a.label)]
            if not before:
                continue
            x = before[-1].value
            base = x - d if up else x + d
            lo, hi = pct_range(d, base, half(d), half(d) + half(x))
            if not lo - half(p) <= p <= hi + half(p):
                shown = (d / base * 100).quantize(p) if base > 0 else "∞"
                out.append(_issue("FN-2", "error", f"{m.group(1)}{d}万元，按上年 {base}万元"
                                  f"（{x} {'−' if up else '+'} {d}）计为{m.group(3)} {shown}%，"
                                  f"文中为 {p}%", sec, s, shown, p))
    return out


def _whole(d: Disclosure, sec: Section, s: str, m: re.Match[str],
           section_text: str) -> Decimal | None:
    of = m.group(2) or ""
    if of in ("总支出", "本年支出合计", "支出总额", "本年支出", "支出合计"):
        cell = _cell(d.table(K.FINAL_SUMMARY), "subtotal", "expenditure", "expenditure")
        return cell.value if cell is not None else None
    if of in ("总收入", "本年收入合计", "收入总额", "本年收入", "收入合计"):
        cell = _cell(d.table(K.FINAL_SUMMARY), "subtotal", "income", "income")
        return cell.value if cell is not None else None
    if of and of != "比":  # a whole the section names with its amount (政府采购支出总额 X 万元)
        named = [a for a in amounts(section_text) if a.unit == "万元" and a.label.endswith(of)]
        return named[-1].value if named else None
    head = [a for a in amounts(s[:m.start()]) if a.unit == "万元"]
    if head and re.search(r"其中|主要用于|划分为", s[head[0].end:m.start()]):
        return head[0].value
    if sec.kind is SectionKind.THREE_PUBLIC and "决算中" in s[:m.start()] and not head[:-1]:
        cell = _cell(d.table(K.FINAL_THREE_PUBLIC), "total", "final")
        return cell.value if cell is not None else None
    return None


def share_issues(d: Disclosure, sec: Section, text: str) -> list[Issue]:
    """FN-3: "X 万元，占 P%" recomputes P = X / the whole the sentence names."""
    out = []
    for _start, s in sentences(text):
        for m in _SHARE.finditer(s):
            part, p = Decimal(m.group(1)), Decimal(m.group(3))
            whole = _whole(d, sec, s, m, text)
            if whole is None or whole <= 0:
                continue
            lo, hi = pct_range(part, whole, half(part), half(whole))
            if not lo - half(p) <= p <= hi + half(p):
                shown = (part / whole * 100).quantize(p)
                out.append(_issue("FN-3", "error", f"{part}万元占{whole}万元的 {shown}%，"
                                  f"文中为 {p}%", sec, s, shown, p))
    return out


_THREE_PUBLIC_ITEMS = (("因公出国", "overseas"), ("公务用车", "vehicle"), ("公务接待", "reception"))


def completion_issues(d: Disclosure, sec: Section, text: str) -> list[Issue]:
    """FN-4: "预算为 A …决算为 B …完成预算的 C%" recomputes C = B / A (undefined when A = 0)."""
    out = []
    for _start, s in sentences(text):
        for clause_end in _COMPLETION.finditer(s):
            c = Decimal(clause_end.group(1))
            before = [a for a in amounts(s[:clause_end.start()]) if a.unit == "万元"]
            if not before:
                continue
            b = before[-1]
            budgets = [a for a in before[:-1] if re.search(r"预算(数)?为?$", a.label)]
            a_value: Decimal | None = budgets[-1].value if budgets else None
            if a_value is None and sec.kind is SectionKind.THREE_PUBLIC:
                key = next((k for word, k in _THREE_PUBLIC_ITEMS if word in b.label), None)
                cell = _cell(d.table(K.FINAL_THREE_PUBLIC), key, "budget") if key else None
                a_value = cell.value if cell is not None else None
            if a_value is None:
                continue
            if a_value == 0:
                out.append(_issue("FN-4", "error", f"年初预算为零，完成率无从计算，文中却写"
                                  f"完成预算的 {c}%", sec, s, "无完成率", c))
                continue
            lo, hi = pct_range(b.value, a_value, half(b.value), half(a_value))
            if not lo - half(c) <= c <= hi + half(c):
                shown = (b.value / a_value * 100).quantize(c)
                out.append(_issue("FN-4", "error", f"决算 {b.value}万元是预算 {a_value}万元的 "
                                  f"{shown}%，文中为 {c}%", sec, s, shown, c))
    return out


def reason_issues(sec: Section, text: str) -> list[Issue]:
    """FN-5: an item whose 决算 differs from its 年初预算 states why, in the right direction."""
    out = []
    matches = list(_ITEM_BUDGET.finditer(text))
    for n, m in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(text)
        window = text[m.start():end]
        a, b = Decimal(m.group(1)), Decimal(m.group(2))
        says_more, says_less = "决算数大于预算数" in window, "决算数小于预算数" in window
        if a == b:
            continue
        if (says_more and b < a) or (says_less and b > a):
            out.append(_issue("FN-5", "error", f"决算数 {b}万元{'小于' if b < a else '大于'}年初"
                              f"预算数 {a}万元，文中却表述为决算数{'大于' if says_more else '小于'}"
                              "预算数", sec, _sentence(text, m.start())))
        elif "原因" not in window:
            out.append(_issue("FN-5", "warning", f"决算数 {b}万元与年初预算数 {a}万元不同，"
                              "未说明原因", sec, _sentence(text, m.start())))
    return out


def running_cost_issues(d: Disclosure, sec: Section, text: str) -> list[Issue]:
    """FN-6: 机关运行经费 equals the 公用经费 of the basic-expenditure table."""
    public = _cell(d.table(K.FINAL_BASIC_EXPENDITURE), "public", "total")
    out = []
    for a in amounts(text):
        if a.unit == "万元" and re.search(r"机关运行经费(支出)?(决算)?(为|是)?$", a.label) \
                and public is not None and not _near(a.value, public.as_zero()):
            out.append(_issue("FN-6", "warning", f"机关运行经费应等于基本支出决算表的公用经费："
                              f"文中 {a.value}万元 ≠ 表中 {public.text()}万元（表含所属全部单位，"
                              "事业单位的公用经费不属于机关运行经费，请核对）", sec,
                              _sentence(text, a.start), public.text(), a.value))
    return out


_FLEET = re.compile(r"保有量(?:为)?(\d{1,9})辆")  # a longer number is no fleet
_AVERAGE = re.compile(r"平均每辆(?:车)?(?:为)?(\d+(?:\.\d+)?)万元")


def vehicle_issues(d: Disclosure, sec: Section, text: str) -> list[Issue]:
    """FN-7: 公务用车保有量 agrees with the running costs (平均每辆; none held but costs paid)."""
    out: list[Issue] = []
    fleet = _FLEET.search(text)
    if fleet is None:
        return out
    n = int(fleet.group(1))
    costs = [a for a in amounts(text) if a.unit == "万元" and a.label.endswith(
        ("运行维护费支出", "运行维护费", "运行维护支出"))]
    running = costs[0].value if costs else None
    if running is None:
        cell = _cell(d.table(K.FINAL_THREE_PUBLIC), "vehicle_operation", "final")
        running = cell.value if cell is not None else None
    if n == 0 and running:
        out.append(_issue("FN-7", "warning", f"公务用车保有量为 0 辆，却有运行维护费 "
                          f"{running}万元", sec, _sentence(text, fleet.start())))
    avg = _AVERAGE.search(text)
    if avg is not None and n > 0 and running is not None:
        y = Decimal(avg.group(1))
        lo, hi = (running - half(running)) / n, (running + half(running)) / n
        if not lo - half(y) <= y <= hi + half(y):
            out.append(_issue("FN-7", "warning", f"平均每辆 {y}万元与运行维护费不符：{running}万元"
                              f" ÷ {n} 辆 = {(running / n).quantize(y)}万元", sec,
                              _sentence(text, avg.start())))
    return out


# ---- FN-8 template residue ------------------------------------------------------------

_PLACEHOLDER_CELL = re.compile(r"^[.…⋯·。]{2,}$|[XＸ]{2,}")


def residue_issues(d: Disclosure) -> list[Issue]:
    """FN-8: template leftovers in the narrative: one issue for the whole narrative, with the
    count and the sections (and their counts) that hold them, at the first such section."""
    hits: list[tuple[Section, list[str]]] = []
    for sec in d.narrative.sections if d.narrative is not None else ():
        found = residue(f"{sec.title}\n{sec.text}")
        if found:
            hits.append((sec, found))
    if not hits:
        return []
    words = "、".join(dict.fromkeys(w for _, found in hits for w in found))
    total = sum(len(found) for _, found in hits)
    where = "；".join(f"{(sec.title or '（正文）')[:24]}（{len(found)} 处）" for sec, found in hits)
    first = hits[0][0]
    return [_issue("FN-8", "error", f"情况说明留有 {total} 处模板占位文字（{words}），"
                   f"分布在 {len(hits)} 节：{where}", first, (first.title + first.text)[:160])]


def table_residue(d: Disclosure) -> list[tuple[BudgetTable, list[str]]]:
    """FN-8 in the tables: each table with its placeholder rows or names (…… , XX单位)."""
    out = []
    for t in d.tables:
        texts = [r.name for r in t.rows] + [x for r in t.rows for x in r.texts.values()]
        hits = [x for x in texts if x and _PLACEHOLDER_CELL.search(compact(x))]
        if hits:
            out.append((t, hits))
    return out


def final_issues(d: Disclosure) -> list[Issue]:
    """Every issue of a final account's narrative (FN-1 … FN-8)."""
    out: list[Issue] = []
    for sec in d.narrative.sections if d.narrative is not None else ():
        if sec.kind in (SectionKind.GLOSSARY, SectionKind.DUTIES, SectionKind.ORGANISATION):
            continue
        text = compact(sec.text)
        if not text:
            continue
        out += amount_issues(d, sec, text)
        out += change_issues(text, sec)
        out += share_issues(d, sec, text)
        out += completion_issues(d, sec, text)
        out += reason_issues(sec, text)
        out += running_cost_issues(d, sec, text)
        out += vehicle_issues(d, sec, text)
    return out + residue_issues(d)
