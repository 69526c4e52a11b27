"""The words of 指标值 (词表): comparators, units, references, directions and grades.

Plain data and one normalisation function; the grammar (``grammar``) and the evaluation
(``evaluation``) read these tables. Comparators are keyed by their symbol (``≥``).

>>> from govbudget.indicators.lexicon import normalise, normalise_unit
>>> normalise(" ≥ 95 ％。"), normalise_unit("百分比"), normalise_unit("万", cost=True)
('≥95%', '%', '万元')
>>> normalise("≥1700m2")
'≥1700平方米'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

__all__ = [
    "GRADES",
    "MONEY_UNITS",
    "OP_WORDS",
    "QUALITATIVE_WORDS",
    "SUFFIX_WORDS",
    "UNIT_ALIASES",
    "normalise",
    "normalise_unit",
]

# --- normalisation -----------------------------------------------------------------

_AREA = re.compile(r"(?<=\d)[mM]([23])")
_TRAILING = "。.;；,，"


def normalise(text: str) -> str:
    """NFKC, no whitespace, no trailing full stop or comma, ``m2``/``m3`` spelled out."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    t = "".join(text.split()).rstrip(_TRAILING)
    if "m2" in t or "m3" in t or "M2" in t or "M3" in t:
        t = _AREA.sub(lambda m: "平方米" if m.group(1) == "2" else "立方米", t)
    return t


# --- comparators (比较符), keyed by symbol -------------------------------------------

#: words printed before a number, by the comparator they mean (docs/domain.md §8.3)
OP_WORDS: Mapping[str, tuple[str, ...]] = {
    "≥": (
        "≥", ">=", "≧", "=>", "大于等于", "大于或等于", "不低于", "不少于", "不小于",
        "至少", "高于或等于",
    ),
    "≤": (
        "≤", "<=", "≦", "=<", "小于等于", "小于或等于", "不高于", "不超过", "不大于",
        "不多于", "最多", "控制在",
    ),
    ">": (">", "大于", "高于", "超过", "多于"),
    "<": ("<", "小于", "低于", "少于"),
    "=": ("=", "达到", "等于", "为"),
    "≈": ("≈", "约为", "大约", "约"),
}  # fmt: skip

#: words printed after a number (``95%以上``), in the order they are tried
SUFFIX_WORDS: tuple[tuple[str, str], ...] = (
    ("及以上", "≥"),
    ("以上", "≥"),
    ("及以下", "≤"),
    ("以下", "≤"),
    ("以内", "≤"),
    ("之内", "≤"),
    ("左右", "≈"),
)

# --- units (计量单位) ------------------------------------------------------------------

#: unit as printed (after NFKC) → normalised unit
UNIT_ALIASES: dict[str, str] = {
    "百分比": "%",
    "个百分比": "%",
    "百分率": "%",
    "个百分点": "百分点",
    "小时": "h",
    "个小时": "h",
    "H": "h",
    "hr": "h",
    "hour": "h",
    "日": "天",
    "个工作日": "工作日",
    "月": "个月",
    "M": "米",
    "m": "米",
    "KM": "公里",
    "km": "公里",
    "Km": "公里",
    "m2": "平方米",
    "M2": "平方米",
    "平米": "平方米",
    "m3": "立方米",
    "kg": "千克",
    "元人民币": "元",
    "块": "元",
}
MONEY_UNITS = frozenset({"元", "万元", "亿元", "千元"})

#: units seen often in real tables that no other reading claims (not dates, not
#: comparator suffixes): the grammar's fast path accepts exactly these
COMMON_UNITS = frozenset(
    {
        "%", "‰", "百分比", "百分点", "个百分点",
        "人", "人次", "万人", "万人次", "名", "位", "户", "家", "所", "个", "项", "件",
        "次", "场", "期", "批", "篇", "份", "本", "册", "套", "台", "辆", "条", "处",
        "座", "张", "起", "宗", "单", "元", "万元", "亿元", "千元", "万",
        "天", "小时", "工作日", "个工作日", "个月", "周", "分钟", "分",
        "米", "公里", "平方米", "立方米", "亩", "吨", "千克", "公斤",
    }
)  # fmt: skip


def normalise_unit(unit: str, *, cost: bool = False) -> str:
    """The normalised form of a unit (百分比 → %, 小时 → h, M → 米; 万 → 万元 in a cost context)."""
    if unit == "万":
        return "万元" if cost else "万"
    return UNIT_ALIASES.get(unit, unit)


# --- dates --------------------------------------------------------------------------

#: words after a date that make it a deadline (≤): 2025年12月底前
DEADLINE_WORDS = ("底前", "末前", "以前", "之前", "底", "末", "前", "内", "份")
#: a whole value meaning "by the end of the year"
YEAR_END_WORDS = frozenset({"年底前", "年底", "年末", "年内", "本年度内", "当年", "年度内"})
DATE_SEPARATORS = ("-", "~", "至", "—", "–", "到")

# --- relative targets (与上年比较) -----------------------------------------------------

REFERENCES: Mapping[str, str] = {
    "上年": "上年",
    "上年度": "上年",
    "去年": "上年",
    "上一年": "上年",
    "上一年度": "上年",
    "上年同期": "上年同期",
    "去年同期": "上年同期",
    "同期": "上年同期",
}
DIRECTIONS: Mapping[str, str] = {
    "提高": "提高",
    "提升": "提高",
    "增长": "提高",
    "增加": "提高",
    "上升": "提高",
    "下降": "下降",
    "减少": "下降",
    "降低": "下降",
    "持平": "持平",
    "不变": "持平",
}

# --- grades and qualitative words (定性) ---------------------------------------------

#: ordered grades (等级), worst first; equal rank = synonyms
GRADES: dict[str, int] = {
    "差": 0,
    "较差": 1,
    "一般": 2,
    "中": 2,
    "合格": 3,
    "达标": 3,
    "基本满意": 3,
    "良": 4,
    "良好": 4,
    "较好": 4,
    "满意": 4,
    "好": 5,
    "优良": 5,
    "优": 6,
    "优秀": 6,
}
QUALITATIVE_WORDS = frozenset(
    {
        *GRADES,
        "是", "否", "有", "无", "完成", "未完成", "及时", "准确", "有效", "显著", "明显",
        "提高", "有所提高", "逐步提高", "持续提高", "提升", "有所提升", "持续提升",
        "稳步提升", "逐步提升", "明显改善", "有所改善", "改善", "显著提升", "明显提升",
        "稳定", "保持稳定", "正常", "持续", "长期", "长期有效", "持续影响", "全覆盖",
        "得到保障", "有效保障", "规范", "安全", "稳定运行", "正常运行", "按时完成",
        "按期完成", "全部完成",
    }
)  # fmt: skip
#: direction phrases read as qualitative (有效提升, 逐步完善, 效果显著 …)
QUALITATIVE_PATTERN = re.compile(
    r"(?:有效|持续|不断|稳步|逐步|逐年|明显|显著|进一步|有所|大幅|全面|切实|积极|得到|大大)"
    r"(?:提升|提高|改善|完善|增加|增强|减轻|减少|下降|降低|保障|优化|加强|推进|扩大|缩短|发挥|巩固)"
    r"|效果(?:显著|明显|良好|较好)|(?:显著|明显)(?:提升|提高|改善|增强)"
)
