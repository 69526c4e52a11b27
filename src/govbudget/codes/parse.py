"""Reading the code forms printed in real documents (科目编码的各种写法).

``parse_code`` turns a display form into a bare code string; ``join_code`` joins the
three cells 类 | 款 | 项 of a split code. Junk only ever raises ``InvalidCode``.

>>> from govbudget.codes import parse_code, join_code
>>> parse_code("208 05 05"), parse_code("[208]"), parse_code("２０８－０５")
('2080505', '208', '20805')
>>> join_code("208", "05", "05")
'2080505'
"""

from __future__ import annotations

import re
import unicodedata

from govbudget.codes.entries import LEVELS, Scheme
from govbudget.errors import InvalidCode

__all__ = ["infer_scheme", "join_code", "parse_code", "parse_code_for"]

#: brackets a code may be wrapped in, after NFKC ([208], 【208】, (208))
_WRAPPERS = (("[", "]"), ("【", "】"), ("(", ")"), ("〔", "〕"), ("<", ">"))
#: separators between the 类, 款, 项 groups: spaces, hyphens and dashes, dots
_GROUPS = re.compile(r"[0-9]+")
_SEPARATOR = re.compile(r"[\s\-‐‑‒–—.·_/]+")
_MAX_INPUT = 64
_LEADS = frozenset(s.lead_digit for s in Scheme)


def parse_code(text: object) -> str:
    """Normalise a display form of a code to the bare digits (e.g. ``'2080505'``).

    Accepts ``2080505``, ``208 05 05``, ``208-05-05``, ``[208]``, full-width digits and an
    ``int``; the groups after the 3-digit 类 must have two digits each. The result has
    3, 5, 7 or 9 digits. Anything else raises ``InvalidCode``.

    >>> parse_code("302-31")
    '30231'
    """
    if isinstance(text, bool):
        raise InvalidCode(text, "expected a code string, found a bool")
    if isinstance(text, int):
        text = str(text) if text >= 0 else "-"
    elif not isinstance(text, str):
        raise InvalidCode(text, f"expected a code string, found {type(text).__name__}")
    if len(text) in LEVELS and text.isascii() and text.isdigit() and text[0] in _LEADS:
        return text  # already clean: the fast path
    if len(text) > _MAX_INPUT:
        raise InvalidCode(text[:_MAX_INPUT] + "…", "too long to be a code")
    s = unicodedata.normalize("NFKC", text).strip()
    for left, right in _WRAPPERS:
        if s.startswith(left) and s.endswith(right):
            s = s[1:-1].strip()
            break
    if not s:
        raise InvalidCode(text, "empty")
    groups = _SEPARATOR.split(s)
    if not all(g.isascii() and g.isdigit() for g in groups):
        raise InvalidCode(text, "expected digits, optionally grouped as 类 款 项 (e.g. 208 05 05)")
    if len(groups) > 1 and (len(groups[0]) != 3 or any(len(g) != 2 for g in groups[1:])):
        raise InvalidCode(text, "grouped codes need a 3-digit 类 then 2-digit groups")
    code = "".join(groups)
    if len(code) not in LEVELS:
        raise InvalidCode(text, f"a code has 3, 5, 7 or 9 digits, found {len(code)}")
    if Scheme.for_code(code) is None:
        raise InvalidCode(text, f"no classification scheme has codes beginning with {code[0]}")
    return code


def infer_scheme(code: str) -> Scheme:
    """The scheme of a clean code by its first digit: 1 revenue, 2 functional, 3 economic,
    5 government economic.

    >>> infer_scheme("30231").value
    'economic'
    """
    scheme = Scheme.for_code(code)
    if scheme is None:
        raise InvalidCode(code, f"no classification scheme has codes beginning with {code[:1]}")
    return scheme


def parse_code_for(text: object, scheme: Scheme | str | None = None) -> tuple[str, Scheme]:
    """``parse_code`` plus the scheme: inferred, or checked against the one given."""
    code = parse_code(text)
    inferred = infer_scheme(code)
    if scheme is None:
        return code, inferred
    wanted = Scheme.coerce(scheme)
    if inferred is not wanted:
        raise InvalidCode(
            text,
            f"{wanted.value} codes begin with {wanted.lead_digit}, this one with {code[0]}",
        )
    if len(code) not in wanted.lengths:
        allowed = "/".join(str(n) for n in wanted.lengths)
        raise InvalidCode(text, f"{wanted.value} codes have {allowed} digits, found {len(code)}")
    return code, wanted


def _cell(value: object, width: int, prefix: str, label: str) -> str | None:
    """One cell of a split code: blank → None, the bare group, or the full code."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise InvalidCode(value, f"{label}: expected digits, found a bool")
    if isinstance(value, int):
        if value < 0:
            raise InvalidCode(value, f"{label}: negative")
        s = str(value)
        if len(s) < width:  # a spreadsheet dropped the leading zero of 05
            s = s.zfill(width)
    elif isinstance(value, str):
        s = unicodedata.normalize("NFKC", value).strip().strip("[]【】")
    else:
        raise InvalidCode(value, f"{label}: expected a string, found {type(value).__name__}")
    if not s:
        return None
    if not (s.isascii() and s.isdigit()):
        raise InvalidCode(value, f"{label}: expected {width} digits")
    if len(s) == width:
        return s
    if prefix and len(s) == len(prefix) + width and s.startswith(prefix):
        return s[len(prefix) :]  # the cell repeats the full code, e.g. 款 cell "20805"
    raise InvalidCode(value, f"{label}: expected {width} digits, found {len(s)}")


def join_code(lei: object, kuan: object = None, xiang: object = None) -> str:
    """Join the cells 类 | 款 | 项 of a code printed over three columns.

    Blank cells end the code; a cell may also repeat the full code (``"20805"`` in the 款
    column). A 项 without a 款 raises ``InvalidCode``.

    >>> join_code("208", "05"), join_code(208, 5, 5), join_code("208", "20805", "")
    ('20805', '2080505', '20805')
    """
    first = _cell(lei, 3, "", "类")
    if first is None:
        raise InvalidCode(lei, "类: a split code needs its 类 cell")
    second = _cell(kuan, 2, first, "款")
    third = _cell(xiang, 2, first + (second or ""), "项")
    if second is None and third is not None:
        raise InvalidCode(xiang, "项 given without a 款")
    return parse_code(first + (second or "") + (third or ""))
