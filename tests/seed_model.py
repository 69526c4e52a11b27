"""The seed disclosure (保定市莲池区人力资源和社会保障局 2023) built by code, cell for cell.

Numbers are transcribed from ``../shared/seed/lianchi-hrss-2023-budget.txt`` exactly as
printed (blank cells stay blank, ``0.00`` stays ``0.00``); nothing is computed here, so
the rules really check the seed's arithmetic. The department part (323) and the unit
part (323001 本级) print the same numbers; they differ in titles and headers, and the
unit's 三公 table carries the department header (docs/domain.md §9 defect 9).

``department()`` returns the department disclosure with the unit in ``units``;
``unit()`` the unit alone.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs

from govbudget.money import Cell, parse_cell
from govbudget.tables import (
    BudgetTable,
    Disclosure,
    Row,
    Scope,
    TableBuilder,
    TableHeader,
    TableKind,
    UnitKind,
)

YEAR = 2023
DEPT_CODE, DEPT_NAME = "323", "保定市莲池区人力资源和社会保障局"
UNIT_CODE, UNIT_NAME = "323001", "保定市莲池区人力资源和社会保障局本级"

#: 收支总表 / 财政拨款收支总表 expenditure rows (§1.3): printed name, 类 code (None: 人行科目)
CLASSES: tuple[tuple[str, str | None], ...] = (
    ("一、一般公共服务支出", "201"), ("二、外交支出", "202"), ("三、国防支出", "203"),
    ("四、公共安全支出", "204"), ("五、教育支出", "205"), ("六、科学技术支出", "206"),
    ("七、文化旅游体育与传媒支出", "207"), ("八、社会保障和就业支出", "208"),
    ("九、社会保险基金支出", "209"), ("十、卫生健康支出", "210"), ("十一、节能环保支出", "211"),
    ("十二、城乡社区支出", "212"), ("十三、农林水支出", "213"), ("十四、交通运输支出", "214"),
    ("十五、资源勘探工业信息等支出", "215"), ("十六、商业服务业等支出", "216"),
    ("十七、金融支出", "217"), ("十八、援助其他地区支出", "219"),
    ("十九、自然资源海洋气象等支出", "220"), ("二十、住房保障支出", "221"),
    ("二十一、粮油物资储备支出", "222"), ("二十二、国有资本经营预算支出", "223"),
    ("二十三、灾害防治及应急管理支出", "224"), ("二十四、预备费", "227"),
    ("二十五、其他支出", "229"), ("二十六、转移性支出", "230"), ("二十七、债务还本支出", "231"),
    ("二十八、债务付息支出", "232"), ("二十九、债务发行费用支出", "233"),
    ("三十、抗疫特别国债安排的支出", "234"), ("三十一、人行科目", None),
)
#: 类 amounts shown in T1 c4 and T4 c4/c5 (all other 类 rows are blank)
CLASS_AMOUNTS = {"208": "390.68", "210": "22.20", "221": "24.00"}

#: 收支总表 income rows r1–r9: line key, printed name, amount
SUMMARY_INCOME = (
    ("general_budget", "一、一般公共预算拨款收入", "433.88"),
    ("gov_fund", "二、政府性基金预算拨款收入", ""),
    ("soe_capital", "三、国有资本经营预算拨款收入", ""),
    ("special_account", "四、财政专户管理资金收入", ""),
    ("business", "五、事业收入", ""),
    ("operating", "六、事业单位经营收入", ""),
    ("superior_subsidy", "七、上级补助收入", ""),
    ("affiliated_remit", "八、附属单位上缴收入", ""),
    ("other", "九、其他收入", ""),
)

#: functional rows of T2 / T3 / T5 (合计 first): code, name, then as printed
#: T2 合计 本年收入小计 财政拨款收入 上年结转 | T3 合计 基本支出 项目支出 (T5 = T3)
FUNCTIONAL = (
    ("", "合计", "436.88", "433.88", "433.88", "3.00", "436.88", "378.88", "58.00"),
    ("208", "社会保障和就"
            "业支出", "390.68", "387.68", "387.68", "3.00", "390.68", "332.68", "58.00"),
    ("20801", "人力资源和社会保障管"
              "理事务", "307.42", "307.42", "307.42", "", "307.42", "252.42", "55.00"),
    ("2080101", "行政运行", "252.42", "252.42", "252.42", "", "252.42", "252.42", ""),
    ("2080102", "一般行政管理事务", "55.00", "55.00", "55.00", "", "55.00", "", "55.00"),
    ("20805", "行政事业单位养老支出", "80.26", "80.26", "80.26", "", "80.26", "80.26", ""),
    ("2080501", "行政单位离退休", "51.26", "51.26", "51.26", "", "51.26", "51.26", ""),
    ("2080505", "机关事业单位基本养老保险缴"
                "费支出", "29.00", "29.00", "29.00", "", "29.00", "29.00", ""),
    ("20807", "就业补助", "3.00", "", "", "3.00", "3.00", "", "3.00"),
    ("2080799", "其他就业补助支出", "3.00", "", "", "3.00", "3.00", "", "3.00"),
    ("210", "卫生健康支出", "22.20", "22.20", "22.20", "", "22.20", "22.20", ""),
    ("21011", "行政事业单位医疗", "22.20", "22.20", "22.20", "", "22.20", "22.20", ""),
    ("2101101", "行政单位医疗", "10.20", "10.20", "10.20", "", "10.20", "10.20", ""),
    ("2101103", "公务员医疗补助", "12.00", "12.00", "12.00", "", "12.00", "12.00", ""),
    ("221", "住房保障支出", "24.00", "24.00", "24.00", "", "24.00", "24.00", ""),
    ("22102", "住房改革支出", "24.00", "24.00", "24.00", "", "24.00", "24.00", ""),
    ("2210201", "住房公积金", "24.00", "24.00", "24.00", "", "24.00", "24.00", ""),
)

#: T6 rows (合计 first): economic code, name, 合计, 人员经费, 公用经费
BASIC = (
    ("", "合计", "378.88", "343.23", "35.65"),
    ("301", "工资福利支出", "293.20", "293.20", ""),
    ("30101", "基本工资", "87.00", "87.00", ""),
    ("30102", "津贴补贴", "122.00", "122.00", ""),
    ("30103", "奖金", "8.00", "8.00", ""),
    ("30108", "机关事业单位基本养老保险缴费", "29.00", "29.00", ""),
    ("30110", "职工基本医疗保险缴费", "10.00", "10.00", ""),
    ("30111", "公务员医疗补助缴费", "12.00", "12.00", ""),
    ("30112", "其他社会保障缴费", "1.20", "1.20", ""),
    ("30113", "住房公积金", "24.00", "24.00", ""),
    ("302", "商品和服务支出", "35.65", "", "35.65"),
    ("30201", "办公费", "3.24", "", "3.24"),
    ("30207", "邮电费", "9.26", "", "9.26"),
    ("30228", "工会经费", "1.67", "", "1.67"),
    ("30229", "福利费", "2.11", "", "2.11"),
    ("30231", "公务用车运行维护费", "6.00", "", "6.00"),
    ("30239", "其他交通费用", "12.00", "", "12.00"),
    ("30299", "其他商品和服务支出", "1.37", "", "1.37"),
    ("303", "对个人和家庭的补助", "50.03", "50.03", ""),
    ("30302", "退休费", "50.00", "50.00", ""),
    ("30309", "奖励金", "0.03", "0.03", ""),
)

#: T9 rows: line key, printed name, 合计, 一般公共预算, 政府性基金, 国有资本经营
THREE_PUBLIC = tuple(
    (key, name, *(["6.00", "6.00"] if six else ["0.00", "0.00"]), "0.00", "0.00")
    for key, name, six in (
        ("total", "合计", True), ("overseas", "一、因公出国（境）费", False),
        ("vehicle", "二、公务用车购置及运维费", True),
        ("vehicle_purchase", "其中：公务用车购置费", False),
        ("vehicle_operation", "公务用车运行维护费", True), ("reception", "三、公务接待费", False),
        ("meeting", "四、会议费", False), ("training", "五、培训费", False),
    )
)

#: T10 (narrative section 四): line key, name, 2022年度预算, 2023年度预算, 增减金额, 变化原因
THREE_PUBLIC_YOY = (
    ("overseas", "因公出国经费", "0", "0", "0"),
    ("vehicle_purchase", "公务用车购置经费", "0", "0", "0"),
    ("vehicle_operation", "公务用车运行经费", "6", "6", "0"),
    ("reception", "公务接待费支出", "0", "0", "0"),
    ("total", "合计", "6", "6", "0"),
)

#: T12 固定资产占用情况表: line key, name, 数量, 价值
FIXED_ASSETS = (
    ("total", "固定资产总额", "--", "364.33"),
    ("buildings", "1、房屋（平方米）", "0", "0"),
    ("offices", "其中：办公用房（平方米）", "0", "0"),
    ("vehicles", "2、车辆（台、辆）", "0", "0"),
    ("equipment", "3、单价在50万元以上的设备(台、套)", "0", "0"),
    ("general_equipment", "其中：单价50万元（含）以上的通用设备", "0", "0"),
    ("special_equipment", "单价100万元（含）以上的通专用设备", "0", "0"),
    ("other", "4、其他固定资产", "", "364.33"),
)

TITLES = {
    TableKind.SUMMARY: "收支总表",
    TableKind.REVENUE: "收入总表",
    TableKind.EXPENDITURE: "支出总表",
    TableKind.FISCAL_SUMMARY: "财政拨款收支总表",
    TableKind.GENERAL_BUDGET: "一般公共预算财政拨款支出表",
    TableKind.BASIC_EXPENDITURE: "一般公共预算财政拨款基本支出表",
    TableKind.GOV_FUND: "政府基金预算财政拨款支出表",  # sic: "性" missing in the seed
    TableKind.SOE_CAPITAL: "国有资本经营预算财政拨款支出表",
    TableKind.THREE_PUBLIC: "财政拨款“三公”经费支出表",
}
EMPTY_NOTES = {
    TableKind.GOV_FUND: "注：无政府基金预算财政拨款预算，空表列示。",
    TableKind.SOE_CAPITAL: "注：无国有资本经营预算财政拨款预算，空表列示。",
}


def _summary(b: TableBuilder) -> None:
    for n, (key, name, amount) in enumerate(SUMMARY_INCOME, 1):
        b.line(key, name, side="income", number=n, income=amount)
    for n, (name, code) in enumerate(CLASSES, 1):
        amount = CLASS_AMOUNTS.get(code or "", "")
        if code is None:
            b.line("unclassified", name, side="expenditure", number=n, expenditure=amount)
        else:
            b.row(code, name, side="expenditure", number=n, expenditure=amount)
    for n, (key, inc_name, inc, exp_key, exp_name, exp) in enumerate((
        ("subtotal", "本年收入合计", "433.88", "subtotal", "本年支出合计", "436.88"),
        ("carryover", "上年结转结余", "3.00", "carryforward", "年终结转结余", ""),
        ("total", "收入总计", "436.88", "total", "支出总计", "436.88"),
    ), 32):
        b.line(key, inc_name, side="income", number=n, income=inc)
        b.line(exp_key, exp_name, side="expenditure", number=n, expenditure=exp)


def _fiscal_summary(b: TableBuilder) -> None:
    for n, (key, name, amount) in enumerate((
        ("general_budget", "一、一般公共预算拨款", "433.88"),
        ("gov_fund", "二、政府性基金预算拨款", ""),
        ("soe_capital", "三、国有资本经营预算拨款", ""),
    ), 1):
        b.line(key, name, side="income", number=n, income=amount)
    for n, (name, code) in enumerate(CLASSES, 1):
        amount = CLASS_AMOUNTS.get(code or "", "")
        if code is None:
            b.line("unclassified", name, side="expenditure", number=n)
        else:
            b.row(code, name, side="expenditure", number=n, total=amount, general=amount)
    income_lines = (("subtotal", "本年收入合计", "433.88", 32),
                    ("carryover", "年初财政拨款结转和结余", "3.00", 33),
                    ("carryover_general", "一、一般公共预算拨款", "3.00", 34),
                    ("carryover_fund", "二、政府性基金预算拨款", "", 35),
                    ("carryover_soe", "三、国有资本经营预算拨款", "", 36),
                    ("total", "收入总计", "436.88", 37))
    for key, name, amount, n in income_lines:
        b.line(key, name, side="income", number=n, income=amount)
    for key, name, amount, n in (("subtotal", "本年支出合计", "436.88", 32),
                                 ("carryforward", "年末财政拨款结转和结余", "", 33),
                                 ("total", "支出总计", "436.88", 37)):
        b.line(key, name, side="expenditure", number=n, total=amount, general=amount)


def _functional(b: TableBuilder, kind: TableKind) -> None:
    for n, (code, name, rt, rc, rf, rcar, et, eb, ep) in enumerate(FUNCTIONAL, 1):
        if kind is TableKind.REVENUE:
            values = {"total": rt, "current": rc, "fiscal": rf, "carryover": rcar}
        else:
            values = {"total": et, "basic": eb, "project": ep}
        if code:
            b.row(code, name, number=n, **values)
        else:
            b.line("total", name, number=n, **values)


def _basic(b: TableBuilder) -> None:
    for n, (code, name, total, personnel, public) in enumerate(BASIC, 1):
        values = {"total": total, "personnel": personnel, "public": public}
        if code:
            b.row(code, name, number=n, **values)
        else:
            b.line("total", name, number=n, **values)


def _three_public(b: TableBuilder) -> None:
    for n, (key, name, total, general, fund, soe) in enumerate(THREE_PUBLIC, 1):
        b.line(key, name, number=n, total=total, general=general, fund=fund, soe=soe)


def standard_tables(code: str, name: str, prefix: str) -> tuple[BudgetTable, ...]:
    """The nine standard tables of one part of the seed (``prefix`` 部门预算 / 单位预算)."""
    header = TableHeader(code, name, YEAR, "万元")
    tables = []
    for kind, title in TITLES.items():
        h = header
        if kind is TableKind.THREE_PUBLIC and prefix == "单位预算":
            h = TableHeader(DEPT_CODE, DEPT_NAME, YEAR, "万元")  # the seed's defect 9
        b = TableBuilder(kind, unit="万元", title=prefix + title, header=h,
                         note=EMPTY_NOTES.get(kind))
        if kind is TableKind.SUMMARY:
            _summary(b)
        elif kind is TableKind.FISCAL_SUMMARY:
            _fiscal_summary(b)
        elif kind in (TableKind.REVENUE, TableKind.EXPENDITURE, TableKind.GENERAL_BUDGET):
            _functional(b, kind)
        elif kind is TableKind.BASIC_EXPENDITURE:
            _basic(b)
        elif kind is TableKind.THREE_PUBLIC:
            _three_public(b)
        tables.append(b.build())  # GOV_FUND / SOE_CAPITAL stay empty, with their note
    return tuple(tables)


def extra_tables(code: str, name: str, prefix: str) -> tuple[BudgetTable, ...]:
    """The seed's other tables: 三公 year-over-year (T10), 政府采购 (T11, empty), 固定资产 (T12)."""
    yoy = TableBuilder(TableKind.THREE_PUBLIC_YOY, unit="万元",
                       title="“三公”经费预算情况及增减变化原因")
    for key, row_name, prior, current, change in THREE_PUBLIC_YOY:
        yoy.line(key, row_name, prior=prior, current=current, change=change,
                 texts={"reason": "无增减变化"})
    procurement = TableBuilder(
        TableKind.PROCUREMENT, unit="万元", title=f"{prefix[:2]}政府采购预算",
        header=TableHeader(code, name, None, "万元"), note="注：无政府采购预算，空表列示。")
    assets = TableBuilder(TableKind.FIXED_ASSETS, unit="万元",
                          title=f"{prefix[:2]}固定资产占用情况表",
                          header=TableHeader(code, name, None, "万元"))
    for key, row_name, quantity, value in FIXED_ASSETS:
        assets.line(key, row_name, quantity=quantity, value=value)
    return (yoy.build(), procurement.build(), assets.build())


def organisation_table() -> BudgetTable:
    """部门机构设置情况: the units of the department (D-3)."""
    return (TableBuilder(TableKind.OTHER, title="部门机构设置情况")
            .text_row(UNIT_NAME, texts={"单位性质": "行政", "单位规格": "正科级",
                                        "经费保障形式": "财政拨款"})
            .build())


def unit() -> Disclosure:
    """The unit part (323001 本级) of the seed."""
    return Disclosure(
        Scope.UNIT, UNIT_CODE, UNIT_NAME, YEAR,
        tables=standard_tables(UNIT_CODE, UNIT_NAME, "单位预算")
        + extra_tables(UNIT_CODE, UNIT_NAME, "单位预算"),
        unit_kind=UnitKind.ADMINISTRATIVE,
    )


def department(*units: Disclosure) -> Disclosure:
    """The department part (323) of the seed, with its unit(s) (default: the seed's one)."""
    return Disclosure(
        Scope.DEPARTMENT, DEPT_CODE, DEPT_NAME, YEAR,
        tables=standard_tables(DEPT_CODE, DEPT_NAME, "部门预算")
        + extra_tables(DEPT_CODE, DEPT_NAME, "部门预算") + (organisation_table(),),
        units=units or (unit(),),
        unit_kind=UnitKind.ADMINISTRATIVE,
    )


# ---- helpers for tests and benchmarks ------------------------------------------------

RowRef = str | tuple[str, str | None]  # a code, or (line key, side)


def _matches(r: Row, ref: RowRef) -> bool:
    if isinstance(ref, str):
        return r.code == ref
    line, side = ref
    return r.line == line and (side is None or r.side == side)


def find_row(table: BudgetTable, ref: RowRef) -> Row:
    """The row a reference names (a code, or ``(line, side)``); KeyError if none."""
    for r in table.rows:
        if _matches(r, ref):
            return r
    raise KeyError(ref)


def replace_table(d: Disclosure, kind: TableKind, table: BudgetTable | None) -> Disclosure:
    """``d`` with its first table of ``kind`` replaced (or removed when ``table`` is None)."""
    out: list[BudgetTable] = []
    done = False
    for t in d.tables:
        if t.kind is kind and not done:
            done = True
            if table is not None:
                out.append(table)
        else:
            out.append(t)
    return attrs.evolve(d, tables=tuple(out))


def set_cell(d: Disclosure, kind: TableKind, ref: RowRef, column: str, value: str) -> Disclosure:
    """``d`` with one cell changed (``""`` blank), everything else shared."""
    t = d.table(kind)
    assert t is not None, kind
    rows = tuple(
        attrs.evolve(r, cells={**r.cells, column: parse_cell(value)}) if _matches(r, ref) else r
        for r in t.rows
    )
    assert rows != t.rows or find_row(t, ref).cell(column) == parse_cell(value)
    return replace_table(d, kind, attrs.evolve(t, rows=rows))


def edit_rows(d: Disclosure, kind: TableKind,
              edit: Callable[[tuple[Row, ...]], tuple[Row, ...]]) -> Disclosure:
    """``d`` with the rows of its table of ``kind`` rewritten by ``edit``."""
    t = d.table(kind)
    assert t is not None, kind
    return replace_table(d, kind, attrs.evolve(t, rows=edit(t.rows)))


def row_key(r: Row) -> tuple[str | None, str | None, str | None, str | None]:
    return (r.side, r.code, r.line, r.name if r.code is None and r.line is None else None)


def sum_tables(tables: list[BudgetTable]) -> BudgetTable:
    """The cell-wise sum of tables of one kind (rows unioned in first-seen order)."""
    first = tables[0]
    order: dict[tuple[str | None, str | None, str | None, str | None], Row] = {}
    sums: dict[tuple[object, str], Decimal] = {}
    places: dict[tuple[object, str], int] = {}
    for t in tables:
        for r in t.rows:
            key = row_key(r)
            order.setdefault(key, r)
            for col, cell in r.cells.items():
                if cell.value is not None:
                    sums[(key, col)] = sums.get((key, col), Decimal(0)) + cell.value
                    places[(key, col)] = max(places.get((key, col), 0), cell.places)
    rows = []
    for key, r in order.items():
        cells = {}
        for col, cell in r.cells.items():
            value = sums.get((key, col))
            cells[col] = cell if value is None else Cell.amount(
                value.quantize(Decimal(1).scaleb(-places[(key, col)])))
        rows.append(attrs.evolve(r, cells=cells))
    header = TableHeader(DEPT_CODE, DEPT_NAME, YEAR, "万元")
    return attrs.evolve(first, rows=tuple(rows), header=header)


def aggregate(units: list[Disclosure]) -> Disclosure:
    """A department whose tables are the cell-wise sums of its units' tables (D-1 holds)."""
    kinds = [t.kind for t in units[0].tables]
    tables = tuple(sum_tables([t for u in units for t in u.tables if t.kind is kind])
                   for kind in kinds)
    org = TableBuilder(TableKind.OTHER, title="部门机构设置情况")
    for u in units:
        org.text_row(u.name)
    return Disclosure(Scope.DEPARTMENT, DEPT_CODE, DEPT_NAME, YEAR,
                      tables=(*tables, org.build()), units=tuple(units),
                      unit_kind=UnitKind.ADMINISTRATIVE)


def units(n: int) -> list[Disclosure]:
    """``n`` seed-sized units 323001 … (same numbers, their own code and name)."""
    base = unit()
    out = []
    for i in range(1, n + 1):
        code, name = f"{DEPT_CODE}{i:03d}", f"{DEPT_NAME}第{i}单位"
        tables = tuple(
            attrs.evolve(t, header=TableHeader(code, name, YEAR, "万元")) if t.header else t
            for t in base.tables)
        out.append(attrs.evolve(base, code=code, name=name, tables=tables))
    return out
