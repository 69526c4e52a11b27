"""Names of 科目: comparison, checking a printed name, search, and names → codes.

Names compare after NFKC (full-width brackets and digits), without whitespace, without a
leading ordinal (``一、``) and without a trailing level marker (``（类）``).

>>> from govbudget.codes import check_name, resolve_name
>>> check_name("210", "医疗卫生与计划生育支出", year=2023).status.name
'OUTDATED'
>>> check_name("2080101", " 行政运行（项）", year=2023).status.name
'EXACT'
>>> resolve_name("社会保障和就业支出（类）行政事业单位养老支出（款）"
...              "机关事业单位基本养老保险缴费支出（项）", year=2023).code
'2080505'
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from govbudget.codes.editions import BUNDLED_EDITIONS, Change, catalogue, edition_rows
from govbudget.codes.entries import CodeEntry, Scheme
from govbudget.codes.parse import parse_code_for
from govbudget.errors import InvalidCode, UnknownCode

if TYPE_CHECKING:
    from govbudget.codes.catalogue import Catalogue

__all__ = [
    "NameCheck",
    "NameIndex",
    "NameStatus",
    "check_name",
    "normalize_name",
    "resolve_name",
]

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_MARKER = re.compile(r"\((?:类|款|项|目)\)$")
_ORDINAL = re.compile(r"^[一二三四五六七八九十百零〇]+、")
_SEGMENT = re.compile(r"(.+?)\((类|款|项|目)\)")
_CACHE: dict[str, str] = {}


def normalize_name(name: str) -> str:
    """The comparison form of a name.

    >>> normalize_name("一、 因公出国（境）费用（款）")
    '因公出国(境)费用'
    """
    got = _CACHE.get(name)
    if got is None:
        s = "".join(unicodedata.normalize("NFKC", name).split()).translate(_QUOTES)
        got = _MARKER.sub("", _ORDINAL.sub("", s, count=1))
        if len(_CACHE) < 50_000:
            _CACHE[name] = got
    return got


class NameStatus(enum.Enum):
    """How a printed name (列示名称) compares with the edition's name of the code."""

    EXACT = "exact"  #: the edition's name
    ACCEPTED_VARIANT = "accepted_variant"  #: old or new name inside a change window
    OUTDATED = "outdated"  #: a former name of the code (名称已过时)
    MISMATCH = "mismatch"  #: neither (名称不符)


@attrs.frozen(slots=True)
class NameCheck:
    """The result of checking a printed 科目名称 against an edition (名称核对结果).

    ``editions`` lists the bundled editions whose name of the code is the printed one
    (empty for ``EXACT``, where it is not computed).
    """

    code: str
    scheme: Scheme
    year: int
    status: NameStatus
    printed_name: str
    current_name: str | None
    note: str
    editions: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        """``True`` for ``EXACT`` and ``ACCEPTED_VARIANT``."""
        return self.status in (NameStatus.EXACT, NameStatus.ACCEPTED_VARIANT)


class NameIndex:
    """The name index of one catalogue (科目名称索引): exact names, other names (former or
    within-window), and pairs for substring search."""

    __slots__ = ("exact", "other", "pairs")

    def __init__(self, entries: Iterable[CodeEntry], history: Sequence[Change]) -> None:
        self.exact: dict[str, list[CodeEntry]] = {}
        self.other: dict[str, list[CodeEntry]] = {}
        self.pairs: list[tuple[str, CodeEntry]] = []
        by_code: dict[str, CodeEntry] = {}
        for entry in entries:
            n = normalize_name(entry.name)
            self.exact.setdefault(n, []).append(entry)
            self.pairs.append((n, entry))
            by_code[entry.code] = entry
        year = next(iter(by_code.values())).edition if by_code else 0
        for ch in history:
            e = by_code.get(ch.code)
            if e is None or ch.kind != "renamed":
                continue
            for name in (ch.old_name, ch.new_name):
                n = normalize_name(name)
                if n != normalize_name(e.name) and (ch.year <= year or ch.in_window(year)):
                    bucket = self.other.setdefault(n, [])
                    if e not in bucket:
                        bucket.append(e)
                        self.pairs.append((n, e))

    def search(self, text: str) -> list[CodeEntry]:
        """Exact name, then other name, then names containing the text."""
        q = normalize_name(text)
        if not q:
            return []
        out: dict[str, CodeEntry] = {}
        for e in self.exact.get(q, ()):
            out.setdefault(e.code, e)
        for e in self.other.get(q, ()):
            out.setdefault(e.code, e)
        for n, e in self.pairs:
            if q in n:
                out.setdefault(e.code, e)
        return list(out.values())


def _history_of(cat: Catalogue, code: str) -> list[Change]:
    return [c for c in cat.history if c.code == code]


def _editions_named(scheme: Scheme, code: str, norm: str) -> tuple[int, ...]:
    years = []
    for y in BUNDLED_EDITIONS:
        row = edition_rows(scheme, y)[0].get(code)
        if row is not None and normalize_name(row[0]) == norm:
            years.append(y)
    return tuple(years)


def check_name_in(cat: Catalogue, code: str, printed_name: str) -> NameCheck:
    """``check_name`` against a given catalogue."""
    clean, _ = parse_code_for(code, cat.scheme)
    norm = normalize_name(printed_name)
    ed = cat.edition

    def result(status: NameStatus, current: str | None, note: str) -> NameCheck:
        named = () if status is NameStatus.EXACT else _editions_named(cat.scheme, clean, norm)
        return NameCheck(clean, cat.scheme, ed, status, printed_name, current, note, named)

    entry = cat.get(clean)
    history = _history_of(cat, clean)
    if entry is None:
        for ch in history:
            if ch.kind == "added" and ch.in_window(ed) and normalize_name(ch.new_name) == norm:
                return result(NameStatus.ACCEPTED_VARIANT, None,
                              f"added between {ch.earliest} and {ch.year}; may be in {ed}")
        raise cat.unknown(clean)
    if normalize_name(entry.name) == norm:
        return result(NameStatus.EXACT, entry.name, "")
    for ch in history:
        names = (normalize_name(ch.old_name), normalize_name(ch.new_name))
        if ch.kind == "renamed" and ch.in_window(ed) and norm in names:
            return result(NameStatus.ACCEPTED_VARIANT, entry.name,
                          f"renamed between {ch.earliest} and {ch.year}: "
                          f"{ch.old_name} → {ch.new_name}")
    for ch in history:
        if ch.kind == "renamed" and ch.year <= ed and normalize_name(ch.old_name) == norm:
            return result(NameStatus.OUTDATED, entry.name,
                          f"former name, renamed {ch.new_name} in {ch.year}")
    return result(NameStatus.MISMATCH, entry.name, f"edition {ed} names {clean} {entry.name}")


def check_name(
    code: str, printed_name: str, *, year: int | None, scheme: Scheme | str | None = None
) -> NameCheck:
    """Check a name printed beside ``code`` against edition ``year``: ``EXACT``, an
    ``OUTDATED`` former name, an ``ACCEPTED_VARIANT`` (old or new name within a change
    window), or a ``MISMATCH``. Raises ``UnknownCode`` if the edition lacks the code."""
    clean, sch = parse_code_for(code, scheme)
    return check_name_in(catalogue(sch, year), clean, printed_name)


def _by_name(cat: Catalogue, norm: str, level: str | None) -> list[CodeEntry]:
    index = cat.names
    found = index.exact.get(norm) or index.other.get(norm) or []
    return [e for e in found if level is None or e.level == level]


def resolve_in(cats: Sequence[Catalogue], text: str) -> CodeEntry:
    """The one entry ``text`` names in ``cats``: a plain name, a name with a level marker,
    or the narrative chain ``…（类）…（款）…（项）``."""
    s = "".join(unicodedata.normalize("NFKC", text).split())
    segments = _SEGMENT.findall(s)
    chained = bool(segments) and "".join(f"{n}({lv})" for n, lv in segments) == s
    found: list[CodeEntry] = []
    for cat in cats:
        if not chained:
            found += _by_name(cat, normalize_name(s), None)
            continue
        first, level = segments[0]
        cands = _by_name(cat, normalize_name(first), level)
        for name, level in segments[1:]:
            norm = normalize_name(name)
            cands = [
                e
                for c in cands
                for _, e in cat.descendants(c.code)
                if e.level == level
                and (normalize_name(e.name) == norm or e in _by_name(cat, norm, level))
            ]
        found += cands
    unique = list({(e.scheme, e.code): e for e in found}.values())
    if len(unique) == 1:
        return unique[0]
    edition = cats[0].edition if cats else "?"
    scheme = "/".join(c.scheme.value for c in cats)
    if not unique:
        raise UnknownCode(text, scheme=scheme, edition=edition, what="name")
    listed = ", ".join(f"{e.code} {e.name}" for e in unique[:6])
    raise InvalidCode(text, f"ambiguous name, matches {len(unique)} entries: {listed}")


def resolve_name(
    text: str, *, year: int | None = None, scheme: Scheme | str | None = None
) -> CodeEntry:
    """The entry a printed name designates in edition ``year`` (all schemes unless given).

    Raises ``UnknownCode`` when nothing matches and ``InvalidCode`` when several do
    (``行政运行`` alone is the 项 of many 款: give the chain with level markers).
    """
    schemes = list(Scheme) if scheme is None else [Scheme.coerce(scheme)]
    return resolve_in([catalogue(s, year) for s in schemes], text)
