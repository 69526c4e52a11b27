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
    "W116.pdf": [("X-1", 29, "42673.03")],
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
}

#: errors that come from the reading, not the document (for the readers to remove)
MISREAD: dict[str, list[Expected]] = {
    # p.19–20: 表8 continues on p.20 (30229 … 30299 under 302), read as another table, so
    # 302 商品和服务支出 98.88 lacks 75.09 of its children
    "W090.pdf": [("T6-2", 19, "98.88")],
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
