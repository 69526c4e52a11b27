"""Every error finding on the corpus and the samples is a verified defect of the document.

Each entry was checked by hand against the page (``pdftotext -layout -f N -l N`` and, where
the layout was in doubt, the page rendered with ``pdftoppm``): the one-line proof beside it
is what the page prints. The test fails when an error appears that is not listed here, or
when a listed one disappears. ``MISREAD`` lists the errors that are not defects of the
document but of its reading (a table the reader splits or merges wrongly): they are kept
visible here, for the readers to remove, and fail the test once they are gone so that the
list stays true. Skipped without ``../shared``.
"""

from __future__ import annotations

import pytest

import govbudget
from conftest import CORPUS, SAMPLES, SHARED_MISSING

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=SHARED_MISSING)

#: (rule, page, a piece of the message) of a verified error, with its proof
Expected = tuple[str, int, str]

REAL: dict[str, list[Expected]] = {
    # p.17: 收支总计 22,066.59 万元，增加 5,834.37 万元，"增长 35.74%"; 5,834.37 ÷ (22,066.59 −
    #       5,834.37) = 35.94 %
    "F01.pdf": [("FN-2", 17, "35.74")],
    # the final-accounts template: its placeholders, once per table and once for the narrative
    "F02.pdf": [
        ("FN-8", 4, "8 处模板占位"),  # p.4: 机构设置 rows 上海市 XX 局（本级）、XX 中心 …
        ("FN-8", 6, "收入决算表"),  # p.6: 类/款/项 rows printed as …… / …………
        ("FN-8", 7, "支出决算表"),  # p.7: as p.6
        ("FN-8", 10, "一般公共预算财政拨款支出决算表"),  # p.10: as p.6
        ("FN-8", 1, "情况说明留有"),  # pp.1–22: XX, 增加（减少）, （如持平作持平表述）…
    ],
    # p.2: 收入预算 515,665.27 ≠ 一般公共预算收入 19,828.57 + 国有资本经营预算收入 495,836.20
    #      = 515,664.77 (the two sources listed after 其中)
    "W020.pdf": [("N-R3", 2, "515665.27")],
    "W082.pdf": [
        # p.37: 政府采购预算总额 0 万元，其中 货物 3,456.6 + 工程 0 + 服务 4,683.6 = 8,140.2
        ("N-R3", 37, "政府采购预算总额0万元"),
        # p.37: 购置车辆 0 辆，其中 … 执法执勤用车 18 辆 …
        ("N-R3", 37, "购置车辆0辆"),
        # p.29: 警务辅助人员经费 资金总额 3,383.89 万元，成本指标 ≤3,504.55 万元
        ("R-1", 29, "≤3504.55万元"),
        # p.9: 20402 公安 48,200.88 ≠ 2040201 22,431.07 + 2040299 16,389.79 = 38,820.86
        ("T3-2", 9, "48200.88"),
        # p.11: 20402 公安 40,200.88 ≠ 2040201 + 2040299 = 30,820.86 (the same missing 9,380.02)
        ("T5-2", 11, "40200.88"),
    ],
    # p.28: 30239 其他交通费用 2,258,676.00 元 printed under 人员经费支出 (302 is 公用经费)
    "W087.pdf": [("P-1", 28, "302 属于公用经费")],
    "W089.pdf": [
        # p.37: 30239 其他交通费用 932,778 元 under 人员经费支出
        ("P-1", 37, "302 属于公用经费"),
        # p.30: 收入总表 合计 480,544,221.6 元; p.29: 收支总表 财政拨款 480,544,221.62 元
        ("X-1", 30, "480544221.6 ≠"),
    ],
    # p.21: 单位管理的离退休人员 78 人，其中：离休 3 人，退休 72 人 (= 75)
    "W094.pdf": [("N-R3", 21, "离退休人员78人")],
    "W095.pdf": [
        # verified on the page (2026-12-03), with the tables now read:
        # p.23 “较上年总体降低 38.17 万元（56.57 ）”; 表13 p.49 合计 row prints 2019 三公 66.57
        # (25.00+3.57+38.00), 2020 29.30, and its own 增减 column −37.27; 38.17 ≠ 37.27 (the
        # text's base is 67.47)
        ('Y-5', 23, '“三公”经费合计：文中增减 -38.17，表中 29.30 − 66.57 ='),
        # p.23 “公务接待费较上年降低 1.17 万元（26.17 ）”; 表13 p.49 prints 接待 2019 3.57, 2020 3.30, 增减 −0.27
        ('Y-5', 23, '公务接待费：文中增减 -1.17，表中 3.30 − 3.57 = -0.27（'),
        # p.23 “会议费预算 37.55万元，较上年预算减少 33.10万元（46.85 ）”; 表13 p.49 prints 会议费 2019 70.45, 2020
        # 37.55, 增减 −32.90
        ('Y-5', 23, '会议费：文中增减 -33.10，表中 37.55 − 70.45 = -32.9'),
        # p.29: 支出总计 182,157.13 ≠ 本年支出合计 182,066.56 + 结转下年 0
        ("T1-4", 29, "182157.13"),
        # p.32: 支出总计 181,807.13 ≠ 本年支出合计 181,716.56 + 结转下年 0
        ("T4-5", 32, "181807.13"),
    ],
    # p.20: 303 printed 对个人和家庭补助; the 2026 catalogue (and its own 509) says …的补助
    "W101.pdf": [("C-3", 20, "对个人和家庭补助")],
    "W104.pdf": [
        ("C-3", 22, "对个人和家庭补助"),  # p.22: as W101
        # p.22: 30305 生活补助 54.03 = 人员支出 34.49 + 日常公用支出 19.54
        ("P-1", 22, "303 属于人员经费"),
    ],
    # p.29: 财政拨款收支总表 收入 42,673.03 (一般公共预算 35,673.03 + 基金 7,000);
    #       收入总表 p.24: 财政拨款 52,244.36 + 139,963.40 = 192,207.76
    "W116.pdf": [
        # verified on the page (2026-12-03), with the tables now read:
        # p.33 表06: 303 对个人和家庭的补助 1,342.26 = 人员经费 1,281.76 + 公用经费 60.50 (p.34: 30399 其他对个人和家庭的补助
        # 60.50, all under 公用经费)
        ('P-1', 33, '303 属于人员经费，不应在公用经费栏列支'),
        ("X-1", 29, "42673.03"),
    ],
    # p.28: 出国 222.5 + 用车 183.6 + 接待 427.5 = 833.6, yet "占“三公”经费的 8.75% / 7.22% /
    #       16.81%" (shares of another base); one sentence, one finding
    "W120.pdf": [("N-21", 28, "26.69%")],
    "quanzhou-publicsecurity-2026-dept-budget.pdf": [
        ("R-1", 32, "≤195万元"),  # p.32: 资金总额 185.25 万元，成本控制率 ≤195 万元
        ("R-1", 48, "≤275万元"),  # p.48: 资金总额 259.75 万元，成本控制率 ≤275 万元
    ],
    "wanli-2024-dept-budget.pdf": [
        # p.6 item 31: 住房公积金（项）350.35万元 (table 3,503,499元), "2024年预算安排352.67万元"
        ("N-R2", 6, "352.67"),
        # p.6: "比2023年预算执行数增加0.53%" is 350.35's, not 352.67's (+1.19%)
        ("N-R4", 6, "0.53%"),
    ],
    "wuxi-hrss-2026-dept-budget.pdf": [
        # p.30: 人员经费 合计 25,530.51 ≠ 301 23,647.92 + 303 1,882.57 = 25,530.49
        ("P-2", 30, "25530.51"),
        # p.23: 支出总计 152,585.76 ≠ 本年支出 152,585.74 (no 年终结转)
        ("T4-5", 23, "152585.76"),
    ],
    "yantai-civilaffairs-2026-dept-budget.pdf": [
        ("C-3", 19, "对个人和家庭补助"),  # p.19: as W101
        # p.19: 30305 生活补助 2.16 printed under 日常公用支出
        ("P-1", 19, "303 属于人员经费"),
    ],
    # verified on the page by reviewers (2026-12-03): errors that came with the tables
    # now read (issue 10 §1)
    "W040.pdf": [
        # p.21 表六: row 303 对个人和家庭的补助 prints 总计 1,532.07 = 人员经费 1,451.32 + 公用经费 80.75 (from 30307
        # 医疗费补助 165.95 = 85.20 + 80.75). So 80.75 of 303 sits in the 公用经费 column
        ('P-1', 21, '303 属于人员经费，不应在公用经费栏列支'),
    ],
    "W055.pdf": [
        # p.2: 办公、业务用房租赁经费, 总计/财政拨款 542.96 万元; 场地租赁费成本控制 年度指标值 ≤970.92万元 (> 542.96)
        ('R-1', 2, '成本指标 ≤970.92万元 超出项目预算 542.96万元'),
        # p.3: 2023-2024年信息化运维项目 57.58 万元; 采购成本 年度指标值 ＜3191170元 = 319.117 万元 (> 57.58). The
        # annual value repeats the multi-year contract total
        ('R-1', 3, '成本指标 <3191170元 超出项目预算 57.58万元'),
        # p.3: 2025年一网通办能力提升项目 281.15; 优化提升子项目采购费用 年度指标值 ≤893万 (> 281.15)
        ('R-1', 3, '成本指标 ≤893万元 超出项目预算 281.15万元'),
        # p.3: 2022年一网通办深化应用(数字化企业服务平台)信息化建设项目 183.95; 项目主体采购成本 年度指标值 ≤2400万 (> 183.95)
        ('R-1', 3, '成本指标 ≤2400万元 超出项目预算 183.95万元'),
        # p.5: 数字政府运营中心2024-2025年信息化运维服务项目 597.35; 项目采购成本 年度指标值 ＜3890万元 (> 597.35). The annual
        # value repeats the multi-year total
        ('R-1', 5, '成本指标 <3890万元 超出项目预算 597.35万元'),
        # p.7: 数字政府运营中心2025-2026年信息化运维项目 1,215.75; 项目采购成本 年度指标值 小于1919万元 (> 1,215.75)
        ('R-1', 7, '成本指标 <1919万元 超出项目预算 1215.75万元'),
        # p.8: 十五运会和残特奥会…可视化设备增设项目 13.21; 控制设备采购成本 年度指标值 ≤30万元 (> 13.21)
        ('R-1', 8, '成本指标 ≤30万元 超出项目预算 13.21万元'),
    ],
    "W064.pdf": [
        # p.27 表6: 对个人和家庭的补助 5,433.74 = 人员经费 3,008.36 + 日常公用支出 2,425.38 (p.28: 其他对个人和家庭的补助
        # 2,542.76 = 117.38 + 2,425.38)
        ('P-1', 27, '303 属于人员经费，不应在公用经费栏列支'),
    ],
    "W066.pdf": [
        # p.20 表6: 对个人和家庭的补助 249.90 = 人员经费 196.90 + 日常公用支出 53.00 (其他对个人和家庭的补助 57.46 = 4.46 +
        # 53.00)
        ('P-1', 20, '303 属于人员经费，不应在公用经费栏列支'),
    ],
    "W080.pdf": [
        # p.32 菜篮子工程建设专项资金: 资金总额 1800.00 万元; 财政投入控制数 =1849.5 万元 (> 1800.00)
        ('R-1', 32, '成本指标 =1849.5万元 超出项目预算 1800.00万元'),
        # p.33 口岸单位补贴: 资金总额 6200.00; 财政投入总数 ≤6557 万元 (> 6200.00)
        ('R-1', 33, '成本指标 ≤6557万元 超出项目预算 6200.00万元'),
        # p.34 商务发展资金: 资金总额 11600.00; 财政投入控制数 ≤18400 万元 (> 11600.00)
        ('R-1', 34, '成本指标 ≤18400万元 超出项目预算 11600.00万元'),
    ],
    "W118.pdf": [
        # p.26 表06: 303 315.10 = 人员经费 300.20 + 公用经费 14.90 (30399 14.90, all under 公用经费)
        ('P-1', 26, '303 属于人员经费，不应在公用经费栏列支'),
    ],
}

#: errors that come from the reading, not the document (for the readers to remove)
MISREAD: dict[str, list[Expected]] = {
    # p.3: 当年支出小计 prints 24,458.43 at the right edge of the 收支总表, read
    # blank (the amount is lost from the expenditure side of this 江苏省级 template)
    "W121.pdf": [('T1-2', 3, '本年支出合计应等于各类支出之和：（空白） ≠ 合计 24458.43（差 -24458.43）')],
    # p.8: 当年支出小计 prints 13,649.07 at the right edge of the 收支总表, read
    # blank (the amount is lost from the expenditure side of this 江苏省级 template)
    "W120.pdf": [('T1-2', 8, '本年支出合计应等于各类支出之和：（空白） ≠ 合计 13649.07（差 -13649.07）')],
}

DOCUMENTS = sorted([*(p.name for p in CORPUS.glob("*.pdf")),
                    *(p.name for p in SAMPLES.glob("*.pdf"))]) if CORPUS.is_dir() else []


def _path(name: str) -> object:
    return CORPUS / name if (CORPUS / name).exists() else SAMPLES / name


def _matches(f: govbudget.rules.Finding, e: Expected) -> bool:
    return f.rule == e[0] and f.location.page == e[1] and e[2] in f.message


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_error_is_a_verified_defect(name: str) -> None:
    report = govbudget.check(govbudget.load(_path(name)))
    errors = list(report.errors)
    listed = [*REAL.get(name, []), *MISREAD.get(name, [])]
    unlisted = [f for f in errors if not any(_matches(f, e) for e in listed)]
    assert not unlisted, [(f.rule, f.location.page, f.message) for f in unlisted]
    missing = [e for e in listed if not any(_matches(f, e) for f in errors)]
    assert not missing, f"listed errors no longer found (update the list): {missing}"


def test_the_lists_name_documents_that_exist() -> None:
    assert set(REAL) | set(MISREAD) <= set(DOCUMENTS)
