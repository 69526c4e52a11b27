"""Reading 绩效目标表 grids: the seed (text export), PDF-like layouts, errors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SEED
from govbudget.errors import LoadError
from govbudget.indicators import ValueKind
from govbudget.indicators.regimes import Regime
from govbudget.money import Unit
from govbudget.performance.tables import (
    is_performance_title,
    read_performance_table,
    read_performance_tables,
)
from govbudget.readers.raw import RawTable
from govbudget.tables.performance import PerformanceTarget, TargetScope


def seed_targets() -> tuple[list[PerformanceTarget], list[PerformanceTarget]]:
    """The seed's performance targets: (department part, unit part)."""
    from govbudget.readers.text import read_text_file

    raw = [t for t in read_text_file(SEED).tables() if is_performance_title(t.title)]
    targets = read_performance_tables(raw, file=str(SEED))
    assert len(targets) == 6
    return targets[:3], targets[3:]


@pytest.fixture(scope="module")
def seed() -> tuple[list[PerformanceTarget], list[PerformanceTarget]]:
    return seed_targets()


def test_seed_projects_parse_with_every_indicator(
    seed: tuple[list[PerformanceTarget], ...],
) -> None:
    dept, unit = seed
    for part in (dept, unit):
        assert [t.name for t in part] == [
            "仲裁、人事人才经费",
            "综合业务费",
            "保财社[2022]43号高校毕业生和技能人才安家费补助资金",
        ]
        assert [len(t.indicators) for t in part] == [9, 9, 7]
        assert all(t.regime is Regime.A for t in part)
        assert all(i.value.is_parsed for t in part for i in t.indicators)
        assert part[2].document == "保财社[2022]43号"
    first = dept[0].indicators
    assert [i.level1 for i in first] == ["产出指标"] * 4 + ["效益指标"] * 4 + ["满意度指标"]
    assert str(first[3].value) == "≤24.5万元" and first[3].is_cost
    assert first[1].description == "经费支出准确率=支出准确的经费/支出全部经费*100"
    assert first[0].basis == frozenset({"历史标准", "行业标准"})
    assert first[8].basis == frozenset({"问卷调查"})
    assert len(dept[0].goals) == 2 and dept[0].goals[0].startswith("落实劳动人事争议")
    assert len(dept[2].goals) == 1 and len(unit[2].goals) == 3


FUZHOU = (
    ("外伤医疗费用结算审核服务费项目绩效目标表", "", "", "", ""),
    ("项目名\n称", "外伤医疗费用结算审核服务费", "", "", ""),
    ("主管部\n门", "福州市医疗保障局", "", "实施单位", "福州市医疗保障\n局"),
    ("专项资\n金情况（\n万元）", "资金总额", "", "118.00", ""),
    ("", "财政拨款", "", "118.00", ""),
    ("", "其他资金", "", "0.00", ""),
    (
        "年度目\n标",
        "根据福州市人民政府办公厅文件办理告知单，以政府购买服务形式，\n用于支付服务费用支出。",
        "",
        "",
        "",
    ),
    ("绩效目\n标指标", "一级指\n标", "二级指标", "三级指标", "指标值"),
    ("", "成本指标", "经济成本指标", "预算执行率", "≥95%"),
    ("", "产出指标", "数量指标", "服务覆盖率", "=100%"),
    ("", "", "质量指标", "审核准确率", "≥95%"),
    ("", "", "", "追讨金额准确率", "≥95%"),
    ("", "", "时效指标", "任务完成及时率", "≥95%"),
    ("", "效益指标", "社会效益指标", "医保报销及时率", "≥95%"),
    ("", "满意度指标", "服务对象满意度\n指标", "投诉业务部门不作为的\n投诉件数量", "≤3件"),
    ("备注", "", "", "", ""),
)


def test_fuzhou_layout() -> None:
    t = read_performance_table(RawTable(FUZHOU, page=26))
    assert t.name == "外伤医疗费用结算审核服务费"
    assert (t.amount, t.amount_unit, t.department, t.implementing_unit) == (
        Decimal("118.00"),
        Unit.WAN,
        "福州市医疗保障局",
        "福州市医疗保障局",
    )
    assert ("财政拨款", Decimal("118.00")) in t.funds and ("其他资金", Decimal("0.00")) in t.funds
    assert t.regime is Regime.B and len(t.indicators) == 7
    assert [i.level2 for i in t.indicators[1:4]] == ["数量指标", "质量指标", "质量指标"]
    assert t.indicators[-1].name == "投诉业务部门不作为的投诉件数量"
    assert t.indicators[-1].basis_raw is None  # no basis column
    assert ("备注", "") in t.details
    assert t.goals == (
        "根据福州市人民政府办公厅文件办理告知单，以政府购买服务形式，用于支付服务费用支出。",
    )


QUANZHOU = (
    ("专项资金情\n况（万元）", "资金总额：", "57.00", "", ""),
    ("", "财政拨款：", "57.00", "", ""),
    ("", "其他资金：", "0.00", "", ""),
    ("项目实施期\n目标", "1、改造备勤场所。 2、硬化停车场地面（约700㎡）。", "", "", ""),
    ("绩效目标指\n标", "一级指标", "二级指标", "三级指标", "目标值"),
    ("", "成本指标", "经济成本指\n标", "总拥有成本", "80万"),
    ("", "产出指标", "时效指标", "采购及时性", "12月"),
    ("", "", "数量指标", "购置办公家具数", "1200件"),
    ("", "效益指标", "经济效益指\n标", "优化资源配置", "通过合理的\n家具购置计\n划，优化资源配置"),
)


def test_quanzhou_layout_title_with_unit_code() -> None:
    raw = RawTable(
        QUANZHOU, title="301007_泉州市公安局晋江国际机场分局_机场公安综合修缮改造项目绩效目标表"
    )
    t = read_performance_table(raw)
    assert (t.name, t.unit_code, t.implementing_unit) == (
        "机场公安综合修缮改造",
        "301007",
        "泉州市公安局晋江国际机场分局",
    )
    assert t.amount == Decimal("57.00") and t.goals == (
        "改造备勤场所。",
        "硬化停车场地面（约700㎡）。",
    )
    cost, when, _count, benefit = t.indicators
    assert str(cost.value) == "80万元"  # 万 → 万元 under 成本指标
    assert when.value.kind is ValueKind.DATE
    assert benefit.value.kind is ValueKind.UNPARSED and benefit.value_raw.startswith(
        "通过合理的家具"
    )


YANTAI = (
    ("项目名称", "", "", "民政业务工作经费", "", ""),
    ("主管部门及代码", "", "", "233_烟台市民政局", "实施单位", "烟台市民政局"),
    ("项目资金\n（万元）", "", "", "年度预算资金总额：", "176.00", ""),
    ("", "", "", "其中：财政拨款", "174.00", ""),
    ("", "", "", "其他资金", "2.00", ""),
    ("总体目标", "立足民政核心职能。", "", "", "", ""),
    ("", "一级指标", "二级指标", "三级指标", "指标值", ""),
    ("绩效指标", "成本指标", "经济成本", "项目年度总支出控制数", "≤176万元", ""),
    ("绩效指标", "产出指标", "数量指标", "购买第三方服务次数", "7次", ""),
    ("", "", "", "慈善组织评估数量", "20个", ""),
    ("绩效指标", "效益指标", "可持续影响", "殡葬公共服务体系", "不断完善", ""),
    ("绩效指标", "满意度指标", "服务对象满意度\n指标", "受益群体满意度", "≥95%", ""),
)


def test_yantai_layout() -> None:
    t = read_performance_table(RawTable(YANTAI, title="政策和项目预算绩效目标表"))
    assert t.name == "民政业务工作经费" and t.amount == Decimal("176.00")
    assert ("财政拨款", Decimal("174.00")) in t.funds
    assert t.regime is Regime.B and len(t.indicators) == 5
    assert t.indicators[2].level2 == "数量指标" and t.indicators[2].level1 == "产出指标"
    assert all(i.extra == () for i in t.indicators)  # the repeated 绩效指标 label is not data
    assert t.indicators[3].value.kind is ValueKind.QUALITATIVE


def test_any_column_order_and_extra_columns_are_kept() -> None:
    grid = (
        ("指标值", "三级指标", "分值", "二级指标", "一级指标", "指标值确定依据"),
        ("≥95%", "准确率", "10", "质量指标", "产出指标", "计划标准"),
        ("≤5万元", "经费成本", "20", "成本指标", "", "预算标准"),
    )
    t = read_performance_table(RawTable(grid, title="X项目绩效目标表"))
    a, b = t.indicators
    assert (a.level1, a.level2, a.name, str(a.value), a.extra) == (
        "产出指标",
        "质量指标",
        "准确率",
        "≥95%",
        (("分值", "10"),),
    )
    assert b.level1 == "产出指标" and b.basis == frozenset({"预算标准"})


def test_wrapped_row_continues_the_previous_indicator() -> None:
    grid = (
        ("一级指标", "二级指标", "三级指标", "指标值"),
        ("产出指标", "质量指标", "应急处突、反恐防范指标验收通过", "100%"),
        ("", "", "率", ""),
    )
    (i,) = read_performance_table(RawTable(grid, title="X绩效目标表")).indicators
    assert i.name == "应急处突、反恐防范指标验收通过率"


def test_department_wide_table() -> None:
    grid = (
        ("部门名称", "泉州市公安局", "部门预算编码", "301"),
        ("总体目标", "维护社会治安。", "", ""),
        ("一级指标", "二级指标", "三级指标", "目标值"),
        ("成本指标", "经济成本指标", "成本使用率", "≤85%"),
    )
    t = read_performance_table(RawTable(grid, title="部门整体支出绩效目标表"))
    assert t.scope is TargetScope.DEPARTMENT and t.name == "泉州市公安局"
    assert ("部门预算编码", "301") in t.details


def test_goal_grid_and_indicator_grid_are_joined() -> None:
    goals = RawTable((("绩效目标", "1.做好A。\n2.做好B。"),), title="1、某经费绩效目标表")
    body = RawTable(
        (("一级指标", "二级指标", "三级指标", "指标值"), ("产出指标", "数量指标", "场次", "≥2场"))
    )
    (t,) = read_performance_tables([goals, body])
    assert t.goals == ("做好A。", "做好B。") and len(t.indicators) == 1


def test_no_header_raises_load_error_naming_the_place() -> None:
    grid = (("绩效目标", "做好A。"), ("一级指标", "二级指标", "指标"), ("产出", "数量", "1"))
    with pytest.raises(LoadError) as err:
        read_performance_table(RawTable(grid, title="某经费绩效目标表", page=7), file="x.pdf")
    e = err.value
    assert (e.file, e.table, e.row, e.column) == ("x.pdf", "某经费绩效目标表", 1, "三级指标")
    assert "x.pdf" in str(e) and "row 1" in str(e)


def test_cattrs_needs_no_hook_of_ours(seed: tuple[list[PerformanceTarget], ...]) -> None:
    import json

    from cattrs.preconf.json import make_converter

    c = make_converter()  # only the Decimal hooks every govbudget converter has
    c.register_unstructure_hook(Decimal, str)
    c.register_structure_hook(Decimal, lambda v, _: Decimal(v))
    t = seed[1][2]
    data = json.loads(json.dumps(c.unstructure(t), ensure_ascii=False))
    assert c.structure(data, PerformanceTarget) == t


def test_json_round_trip_through_the_project_converter(
    seed: tuple[list[PerformanceTarget], ...],
) -> None:
    from govbudget.formats.converter import make_converter

    converter = make_converter()
    t = seed[1][2]
    assert converter.structure(converter.unstructure(t), PerformanceTarget) == t


def test_an_untitled_grid_without_header_continues_the_previous_table() -> None:
    first = RawTable(
        (
            ("项目名称", "综合工作经费"),
            ("一级指标", "二级指标", "三级指标", "指标值"),
            ("成本指标", "经济成本指标", "项目总支出", "≤20万元"),
            ("产出指标", "数量指标", "临聘人员数量", "≥4人"),
        ),
        title="综合工作经费项目绩效目标表",
        page=30,
    )
    rest = RawTable(
        (
            ("", "质量指标", "购置质量合格率", "=100%"),
            ("满意度指标", "服务对象满意度指标", "满意度", "≥95%"),
        ),
        page=31,
    )
    other = RawTable(
        (
            ("一级指标", "二级指标", "三级指标", "指标值"),
            ("成本指标", "经济成本指标", "总支出", "≤5万元"),
        ),
        title="院内道路维修项目绩效目标表",
        page=32,
    )
    a, b = read_performance_tables([first, rest, other])
    assert [i.name for i in a.indicators] == [
        "项目总支出",
        "临聘人员数量",
        "购置质量合格率",
        "满意度",
    ]
    assert a.indicators[2].level1 == "产出指标" and a.name == "综合工作经费" and a.page == 30
    assert b.name == "院内道路维修" and len(b.indicators) == 1
