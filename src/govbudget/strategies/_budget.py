"""The abstract budget drawn first (leaves), from which every table is computed.

Amounts are integers of 0.01 万元 (分 of the display unit), so every sum is exact; a
department's budget is the sum of its units' budgets (docs/domain.md §7 D-1).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable

import attrs
from hypothesis import strategies as st

from govbudget.tables.disclosure import UnitKind

__all__ = ["Budget", "Leaf", "Plan", "budgets", "plans", "total"]

#: (bureau name, its administrative 款): the main functional 款 of a department
BUREAUS = (
    ("人力资源和社会保障局", "20801"), ("民政局", "20802"), ("财政局", "20106"),
    ("发展和改革局", "20104"), ("统计局", "20105"), ("审计局", "20108"),
    ("市场监督管理局", "20138"), ("教育局", "20501"), ("科学技术局", "20601"),
    ("文化广电和旅游局", "20701"), ("卫生健康局", "21001"), ("生态环境局", "21101"),
    ("住房和城乡建设局", "21201"), ("农业农村局", "21301"), ("交通运输局", "21401"),
    ("应急管理局", "22401"), ("司法局", "20406"),
)
REGIONS = ("保定市莲池区", "石家庄市长安区", "廊坊市安次区", "邯郸市丛台区", "唐山市路北区",
           "沧州市运河区", "衡水市桃城区", "张家口市桥西区")
UNIT_SUFFIXES = ("信息中心", "服务中心", "培训中心", "档案馆", "综合执法队", "事务中心", "研究所")
#: functional 项 that carry basic expenditure in most units, and their one-to-one economic 款
COMMON_BASIC = ("2080501", "2080505", "2080506", "2101101", "2101103", "2210201")
#: 项 paid from basic expenditure only (catalogue rule T3-4)
BASIC_ONLY = frozenset({"2080505", "2080506", "2101101", "2101102", "2101103", "2210201",
                        "2210202", "2210203"})
ONE_TO_ONE = {"2080505": "30108", "2080506": "30109", "2101103": "30111", "2210201": "30113"}
PERSONNEL = ("30101", "30102", "30103", "30107", "30110", "30112", "30199", "30302", "30305",
             "30309")
PUBLIC = ("30201", "30202", "30205", "30206", "30207", "30211", "30213", "30228", "30229",
          "30239", "30299")
#: 三公 item → economic 款, plus 会议费 and 培训费 (docs/domain.md §1.8)
THREE_PUBLIC_CODES = {"overseas": "30212", "vehicle_operation": "30231", "reception": "30217",
                      "meeting": "30215", "training": "30216"}
THREE_PUBLIC_ITEMS = ("overseas", "vehicle_purchase", "vehicle_operation", "reception", "meeting",
                      "training")
YOY_ITEMS = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")


@attrs.frozen(slots=True)
class Leaf:
    """The money of one functional 项: basic, general-budget project, fund project, carry-over.

    ``carry`` is the part of ``project`` funded by the general-budget carry-over (上年结转).
    """

    basic: int = 0
    project: int = 0
    fund: int = 0
    carry: int = 0

    def __add__(self, other: Leaf) -> Leaf:
        return Leaf(self.basic + other.basic, self.project + other.project,
                    self.fund + other.fund, self.carry + other.carry)

    @property
    def total(self) -> int:
        return self.basic + self.project + self.fund

    @property
    def general(self) -> int:
        return self.basic + self.project


@attrs.frozen(slots=True)
class Budget:
    """One unit's (or, summed, a department's) budget, in 0.01 万元."""

    leaves: dict[str, Leaf]
    economic: dict[str, int]
    three_public: dict[str, int]
    prior: dict[str, int]
    assets: dict[str, tuple[int, int]]  # line → (quantity, value)
    procurement: int = 0
    #: last year's 人员经费 / 公用经费 / 项目支出 (``personnel``, ``public``, ``project``): the
    #: narrative's change sentences only (no table prints them)
    last: dict[str, int] = attrs.field(factory=dict)

    def __add__(self, other: Budget) -> Budget:
        return Budget(_merge(self.leaves, other.leaves, Leaf()),
                      _merge(self.economic, other.economic, 0),
                      _merge(self.three_public, other.three_public, 0),
                      _merge(self.prior, other.prior, 0),
                      {k: (self.assets.get(k, (0, 0))[0] + other.assets.get(k, (0, 0))[0],
                           self.assets.get(k, (0, 0))[1] + other.assets.get(k, (0, 0))[1])
                       for k in {**self.assets, **other.assets}},
                      self.procurement + other.procurement, _merge(self.last, other.last, 0))

    def sum(self, attr: str) -> int:
        return sum(getattr(leaf, attr) for leaf in self.leaves.values())

    @property
    def carry(self) -> int:
        return self.sum("carry")

    @property
    def general_income(self) -> int:
        """一般公共预算拨款收入 of the year: general expenditure less the carry-over."""
        return self.sum("general") - self.carry


def _merge(a: dict, b: dict, zero: object) -> dict:  # type: ignore[type-arg]
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, zero) + v
    return out


def total(budgets: Iterable[Budget]) -> Budget:
    """The department's budget: the sum of its units' (D-1)."""
    items = list(budgets)
    out = items[0]
    for b in items[1:]:
        out = out + b
    return out


@attrs.frozen(slots=True)
class UnitInfo:
    code: str
    name: str
    kind: UnitKind


@attrs.frozen(slots=True)
class Plan:
    """What a department looks like before amounts: year, names, codes and units."""

    year: int
    code: str
    name: str
    main: str  # the administrative 款 (…01 行政运行, …02 一般行政管理事务)
    common: tuple[str, ...]
    projects: tuple[str, ...]
    fund_leaves: tuple[str, ...]
    units: tuple[UnitInfo, ...]
    gov_fund: bool
    carryover: bool
    #: the indicator regime of the 绩效目标表 (``"2015"`` 财预〔2015〕88号, ``"2021"`` 101号)
    regime: str = "2015"
    #: the region also publishes the basic-expenditure table by 政府预算支出经济分类 (E-1)
    gov_economic: bool = False


@functools.lru_cache(maxsize=32)
def _edition(year: int) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...],
                                 tuple[str, ...]]:
    """Per edition: usable bureaus, 项 for projects, fund 项, economic 款 present."""
    from govbudget.codes import catalogue

    cat = catalogue("functional", year)
    bureaus = tuple((n, k) for n, k in BUREAUS
                    if cat.get(k + "01") is not None and cat.get(k + "02") is not None)
    main = {k for _, k in bureaus}
    projects = tuple(e.code for e in cat if e.level == "项" and e.code[:5] not in main
                     and e.code not in COMMON_BASIC and e.code not in BASIC_ONLY
                     and e.name not in ("行政运行", "事业运行") and not e.code.startswith("229")
                     and not e.code.startswith(("209", "223", "227", "230", "231", "232", "233")))
    funds = tuple(e.code for e in cat if e.level == "项" and e.code.startswith("22960"))
    eco = catalogue("economic", year)
    econ = tuple(e.code for e in eco if e.level == "款")
    return bureaus, projects, funds, econ


@st.composite
def plans(draw: st.DrawFn, *, units: int | None, year: int | None,
          gov_fund: bool | None = None, carryover: bool | None = None) -> Plan:
    from govbudget.codes.editions import BUNDLED_EDITIONS

    y = year if year is not None else draw(st.sampled_from(BUNDLED_EDITIONS[::-1]))
    bureaus, projects, funds, _ = _edition(y)
    bureau, main = draw(st.sampled_from(bureaus))
    region = draw(st.sampled_from(REGIONS))
    name = region + bureau
    code = str(draw(st.integers(101, 999)))
    n = units if units is not None else draw(st.integers(1, 3))
    from govbudget.codes import catalogue

    cat = catalogue("functional", y)
    common = tuple(c for c in COMMON_BASIC if cat.get(c) is not None)
    residuals = [c for c in projects if c.endswith("99")]
    extra_list: list[str] = list(draw(st.lists(st.sampled_from(projects), max_size=2, unique=True)))
    with_residual: bool = draw(st.booleans())
    if residuals and with_residual:  # a residual 其他… 项, as real budgets often have
        extra_list.append(draw(st.sampled_from(residuals)))
    extra = tuple(sorted(set(extra_list)))
    fund = draw(st.booleans()) if gov_fund is None else gov_fund
    fund_leaves = (draw(st.sampled_from(funds)),) if fund and funds else ()
    infos = [UnitInfo(code + "001", name + "本级", UnitKind.ADMINISTRATIVE)]
    suffixes = draw(st.lists(st.sampled_from(UNIT_SUFFIXES), min_size=n - 1, max_size=n - 1,
                             unique=True)) if n <= len(UNIT_SUFFIXES) + 1 else [
        f"第{i}{UNIT_SUFFIXES[i % len(UNIT_SUFFIXES)]}" for i in range(1, n)]
    for i, suffix in enumerate(suffixes, start=2):
        kind = draw(st.sampled_from((UnitKind.PUBLIC_INSTITUTION, UnitKind.CIVIL_SERVICE_MANAGED)))
        infos.append(UnitInfo(f"{code}{i:03d}", region + bureau.rstrip("局委") + suffix, kind))
    carry = draw(st.booleans()) if carryover is None else carryover
    regime = draw(st.sampled_from(("2015", "2021")))
    gov_economic = draw(st.booleans())
    return Plan(y, code, name, main, common, extra, fund_leaves, tuple(infos),
                bool(fund_leaves), carry, regime, gov_economic)


def _split(draw: st.DrawFn, amount: int, parts: int) -> list[int]:
    """``amount`` cut into ``parts`` non-negative integers (drawn cut points)."""
    if parts <= 1:
        return [amount]
    cuts = sorted(draw(st.lists(st.integers(0, amount), min_size=parts - 1, max_size=parts - 1)))
    edges = [0, *cuts, amount]
    return [b - a for a, b in itertools.pairwise(edges)]


@st.composite
def budgets(draw: st.DrawFn, plan: Plan, index: int, *, must_carry: bool = False,
            must_fund: bool = False) -> Budget:
    """One unit's budget under ``plan``: leaves first, then economic 款, 三公, assets."""
    _, _, _, econ = _edition(plan.year)
    small = st.integers(1, 50_000)  # 0.01 … 500 万元
    leaves: dict[str, Leaf] = {plan.main + "01": Leaf(basic=draw(st.integers(100, 2_000_000)))}
    if draw(st.booleans()):
        leaves[plan.main + "02"] = Leaf(project=draw(st.integers(1, 500_000)))
    for c in plan.common:
        if draw(st.booleans()):
            leaves[c] = Leaf(basic=draw(small))
    for c in plan.projects:
        if draw(st.booleans()):
            leaves[c] = Leaf(project=draw(st.integers(1, 500_000)))
    if plan.carryover:
        project_leaves = sorted(c for c, leaf in leaves.items() if leaf.project > 0)
        if project_leaves and (must_carry or draw(st.booleans())):
            c = draw(st.sampled_from(project_leaves))
            leaf = leaves[c]
            leaves[c] = attrs.evolve(leaf, carry=draw(st.integers(1, leaf.project)))
    for c in plan.fund_leaves:
        if must_fund or draw(st.booleans()):
            leaves[c] = Leaf(fund=draw(st.integers(1, 500_000)))
    basic = sum(leaf.basic for leaf in leaves.values())
    economic: dict[str, int] = {}
    for fcode, ecode in ONE_TO_ONE.items():
        if fcode in leaves and leaves[fcode].basic and ecode in econ:
            economic[ecode] = leaves[fcode].basic
    rest = basic - sum(economic.values())
    pool = [c for c in (*PERSONNEL, *PUBLIC) if c in econ]
    chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=8, unique=True))
    chosen += [c for c in THREE_PUBLIC_CODES.values() if c in econ and draw(st.booleans())]
    chosen.sort()
    for c, v in zip(chosen, _split(draw, rest, len(chosen)), strict=True):
        if v:
            economic[c] = economic.get(c, 0) + v
    three: dict[str, int] = {item: economic.get(THREE_PUBLIC_CODES.get(item, ""), 0)
                             for item in THREE_PUBLIC_ITEMS}
    project = sum(leaf.project for leaf in leaves.values())
    if project and draw(st.booleans()):  # 三公 also paid from project money (docs/domain.md §1.8)
        for item, v in zip(THREE_PUBLIC_ITEMS,
                           _split(draw, draw(st.integers(0, project // 2)), len(THREE_PUBLIC_ITEMS)),
                           strict=True):
            three[item] += v
    same = draw(st.booleans())  # half the budgets keep last year's 三公
    prior = {item: three[item] if same or not draw(st.booleans())
             else three[item] + draw(st.integers(-three[item], 2_000)) for item in YOY_ITEMS}
    vehicles = draw(st.integers(1 if three["vehicle_operation"] else 0, 12))
    area = draw(st.integers(0, 20_000))
    office = draw(st.integers(0, area))
    building_value = draw(st.integers(0, 5_000_000)) if area else 0
    office_value = draw(st.integers(0, building_value))
    equipment = draw(st.integers(0, 3))
    general_eq = draw(st.integers(0, equipment))
    assets = {
        "buildings": (area, building_value),
        "offices": (office, office_value),
        "vehicles": (vehicles, vehicles * draw(st.integers(0, 3_000)) if vehicles else 0),
        "equipment": (equipment, equipment * 5_000 + draw(st.integers(0, 50_000)) if equipment else 0),
        "general_equipment": (general_eq, 0),
        "special_equipment": (equipment - general_eq, 0),
        "other": (0, draw(st.integers(0, 1_000_000))),
    }
    eq_value = assets["equipment"][1]
    g_value = draw(st.integers(0, eq_value))
    assets["general_equipment"] = (general_eq, g_value if general_eq else 0)
    assets["special_equipment"] = (equipment - general_eq, eq_value - assets["general_equipment"][1])
    procurement = draw(st.integers(0, max(0, sum(leaf.total for leaf in leaves.values()) // 4)))
    personnel = sum(v for k, v in economic.items() if k[:3] in ("301", "303"))
    now = {"personnel": personnel, "public": basic - personnel, "project": project
           + sum(leaf.fund for leaf in leaves.values())}
    last = {k: v if not draw(st.booleans()) else max(0, v + draw(st.integers(-v, 50_000)))
            for k, v in now.items()}
    return Budget(leaves, economic, three, prior, assets, procurement, last)
