"""The layout reader and the label lookups it relies on (merged headings, templates, 序号)."""

from __future__ import annotations

import pytest

from govbudget.readers.layout import _labels, clean, read_layout
from govbudget.tables.kinds import TableKind, normalise_label


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [("", ""), ("1,234.50", "1,234.50"), (" 合  计 ", "合计"), ("１２.５", "12.5"),
     ("社会保障\n和就业支出", "社会保障和就业支出"), ("a\u3000b", "ab"), ("…", "...")],
)
def test_clean(text: str, cleaned: str) -> None:
    assert clean(text) == cleaned


def test_labels_pdf_and_xlsx_conventions_agree() -> None:
    """A merged heading blank over its span (PDF, .docx) or repeated (xlsx), across and down."""
    pdf = [("项目", "", "", "支出预算", "", ""),
           ("科目编码", "", "科目名称", "合计", "基本支出", "项目支出"),
           ("类", "款", "", "", "", "")]
    xlsx = [("项目", "项目", "项目", "支出预算", "支出预算", "支出预算"),
            ("科目编码", "科目编码", "科目名称", "合计", "基本支出", "项目支出"),
            ("类", "款", "科目名称", "合计", "基本支出", "项目支出")]
    expected = {0: ("项目", "科目编码", "类"), 1: ("项目", "科目编码", "款"), 2: ("项目", "科目名称"),
                3: ("支出预算", "合计"), 4: ("支出预算", "基本支出"), 5: ("支出预算", "项目支出")}
    assert _labels(xlsx, 6) == expected
    assert _labels(pdf, 6) == expected


def test_template_placeholders_do_not_hide_split_codes() -> None:
    rows = (("类", "款", "项", "科目名称", "合计"),
            ("229", "", "", "其他支出", ""),
            ("229", "08", "", "彩票发行销售机构业务费安排的支出", ""),
            ("229", "08", "04", "福利彩票销售机构的业务费支出", ""),
            ("…", "…", "…", "…", ""),
            ("合计", "", "", "", ""))
    lay = read_layout(rows, header_rows=1)
    assert lay.code_columns == (0, 1, 2)
    assert lay.name_columns == (3,)
    assert lay.text_columns == ()


def test_serial_column_of_ordinals_is_text() -> None:
    lay = read_layout((("序号", "单位名称"), ("（一）", "某局本级"), ("（二）", "某中心")), header_rows=1)
    assert lay.numbers is None and lay.text_columns == (0,)
    digits = read_layout((("序号", "单位名称", "金额"), ("1", "某局本级", "1.00")))
    assert digits.numbers == 0


def test_code_column_is_not_a_serial_column() -> None:
    rows = (("科目编码", "科目名称", "合计"), ("栏次", "", "1"), ("", "合计", "2.00"),
            ("208", "社会保障和就业支出", "2.00"), ("20801", "人力资源和社会保障管理事务", "2.00"))
    lay = read_layout(rows)
    assert lay.numbers is None and lay.code_columns == (0,)


def test_line_key_and_labels() -> None:
    spec = TableKind.SUMMARY.spec
    assert spec.line_key("一、一般公共预算拨款收入", "income") == "general_budget"
    assert spec.line_key("事业收入（不含教育收费）", "income") == "business"  # qualifier dropped
    assert spec.line_key("本年支出合计", "income") is None
    assert spec.line_key("本年支出合计", "expenditure") == "subtotal"
    assert spec.line_key("经营收入") == "operating"  # either side: the first declared line
    assert spec.column("expenditure").labels == ("预算数", "金额", "预算金额", "预算")
    assert spec.column("personnel").parent == "basic"  # an extra column, known by key
    assert "personnel" not in spec.column_keys  # but not a standard column
    assert normalise_label("（三）“三公”经费") == "三公经费"
