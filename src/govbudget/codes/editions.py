"""Editions by fiscal year (年度版本): the bundled data, its changes, and the registry.

The bundled data is the 2023 edition plus a file of known changes (renames, additions,
removals). Editions 2018–2026 are derived at load time: before 2023 the changes are undone,
after 2023 applied. Catalogues load on first use, once, under a lock, and are cached per
(scheme, edition); an edition the user loads takes the place of the bundled one.

>>> from govbudget.codes import catalogue, editions, lookup
>>> editions("functional")[0], editions("functional")[-1]
(2018, 2026)
>>> lookup("210", year=2018).name, lookup("210", year=2023).name
('医疗卫生与计划生育支出', '卫生健康支出')
>>> catalogue("functional", 2023).coverage.partial
True
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from govbudget.codes.entries import Provenance, Scheme, level_of
from govbudget.codes.parse import parse_code_for
from govbudget.errors import GovBudgetError

if TYPE_CHECKING:
    from govbudget.codes.catalogue import Catalogue

__all__ = [
    "BASE_EDITION",
    "BUNDLED_EDITIONS",
    "NEWEST_EDITION",
    "Change",
    "UnknownEdition",
    "catalogue",
    "derive_rows",
    "editions",
    "loaded_catalogues",
    "lookup",
]

#: the edition the bundled rows describe; the others are derived from it
BASE_EDITION = 2023
#: the fiscal years with a bundled edition (derived editions are partial)
BUNDLED_EDITIONS: tuple[int, ...] = tuple(range(2018, 2027))
#: the edition used when no year is given: the newest bundled one
NEWEST_EDITION = BUNDLED_EDITIONS[-1]

DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")

ChangeKind = Literal["added", "renamed", "removed"]
Row = tuple[str, Provenance]  # (name, provenance), keyed by code


class UnknownEdition(GovBudgetError, LookupError):
    """No edition (年度版本) of the scheme for the fiscal year asked."""

    def __init__(self, scheme: Scheme, year: object, available: Sequence[int]) -> None:
        self.scheme = scheme
        self.year = year
        self.available = tuple(available)
        have = ", ".join(str(y) for y in self.available) or "none"
        super().__init__(
            f"no {scheme.value} edition for year {year!r}; editions: {have} "
            "(load an official edition with govbudget.codes.load_edition)"
        )

    def __str__(self) -> str:
        return str(self.args[0])


@attrs.frozen(slots=True)
class Change:
    """A change of a 科目 between editions (科目变动): renamed, added or removed.

    ``year`` is the first edition known to carry the change, ``earliest`` the first that
    may carry it: within ``earliest … year - 1`` both the old and the new state are right.
    """

    year: int
    earliest: int
    scheme: Scheme
    code: str
    kind: ChangeKind
    old_name: str
    new_name: str
    provenance: Provenance
    source: str

    def in_window(self, year: int) -> bool:
        """``True`` when ``year`` lies where both the old and the new state are right."""
        return self.earliest <= year < self.year


def _read_tsv(name: str) -> list[list[str]]:
    with open(os.path.join(DATA_DIR, name), encoding="utf-8") as f:
        text = f.read()
    return [line.split("\t") for line in text.splitlines() if line and line[0] != "#"]


_LOCK = threading.RLock()
_BASE: dict[Scheme, dict[str, Row]] = {}
_CHANGES: list[Change] = []
_CHANGES_LOADED: list[bool] = []
_ROWS: dict[tuple[Scheme, int], tuple[dict[str, Row], tuple[Change, ...]]] = {}
_CACHE: dict[tuple[Scheme, int], Catalogue] = {}
_USER: dict[tuple[Scheme, int], Catalogue] = {}
#: (lead digit, year) → the catalogue in effect; str keys hash in C (Enum members do not)
_FAST: dict[tuple[str, int], Catalogue] = {}


def base_rows(scheme: Scheme) -> dict[str, Row]:
    """The bundled 2023 rows of a scheme: code → (name, provenance), in code order."""
    rows = _BASE.get(scheme)
    if rows is None:
        with _LOCK:
            rows = _BASE.get(scheme)
            if rows is None:
                rows = {r[0]: (r[1], _provenance(r[2])) for r in _read_tsv(f"{scheme.value}.tsv")}
                _BASE[scheme] = rows
    return rows


def _provenance(value: str) -> Provenance:
    if value == "observed":
        return "observed"
    if value == "compiled":
        return "compiled"
    raise ValueError(f"bad provenance {value!r} in bundled data")


def changes(scheme: Scheme | str | None = None) -> list[Change]:
    """The bundled changes (of one scheme, or all), in file order (by year, then code)."""
    if not _CHANGES_LOADED:
        with _LOCK:
            if not _CHANGES_LOADED:
                for r in _read_tsv("changes.tsv"):
                    year, earliest, sch, code, kind, old, new, prov, source = r
                    if kind not in ("added", "renamed", "removed"):
                        raise ValueError(f"bad change kind {kind!r} in bundled data")
                    _CHANGES.append(Change(
                        int(year), int(earliest), Scheme(sch), code,
                        kind,  # type: ignore[arg-type]
                        old, new, _provenance(prov), source,
                    ))
                _CHANGES_LOADED.append(True)
    if scheme is None:
        return list(_CHANGES)
    sch = Scheme.coerce(scheme)
    return [c for c in _CHANGES if c.scheme is sch]


def _drop_subtree(rows: dict[str, Row], code: str) -> None:
    for c in [c for c in rows if c.startswith(code)]:
        del rows[c]


def derive_rows(
    base: Mapping[str, Row], history: Iterable[Change], year: int, base_year: int = BASE_EDITION
) -> tuple[dict[str, Row], tuple[Change, ...]]:
    """The rows of edition ``year`` from the base edition and the changes, and the changes
    applied (after the base year) or undone (before it). Rows come back in code order.

    A code added in year Y takes its whole subtree with it in editions before Y; a code
    removed takes its subtree with it from Y on.

    >>> base = {"208": ("社会保障和就业支出", "observed"),
    ...         "20805": ("行政事业单位养老支出", "observed")}
    >>> ch = Change(2021, 2020, Scheme.FUNCTIONAL, "20805", "renamed", "行政事业单位离退休",
    ...             "行政事业单位养老支出", "observed", "")
    >>> derive_rows(base, [ch], 2019)[0]["20805"]
    ('行政事业单位离退休', 'observed')
    """
    rows = dict(base)
    applied: list[Change] = []
    if year >= base_year:
        todo = sorted((c for c in history if base_year < c.year <= year), key=_forward)
        for c in todo:
            if c.kind == "removed":
                _drop_subtree(rows, c.code)
            else:
                rows[c.code] = (c.new_name, c.provenance)
            applied.append(c)
    else:
        todo = sorted((c for c in history if year < c.year <= base_year), key=_forward)
        for c in reversed(todo):
            if c.kind == "added":
                _drop_subtree(rows, c.code)
            else:
                rows[c.code] = (c.old_name, c.provenance)
            applied.append(c)
    return {code: rows[code] for code in sorted(rows)}, tuple(applied)


def _forward(c: Change) -> tuple[int, str]:
    return (c.year, c.code)


def edition_rows(scheme: Scheme, year: int) -> tuple[dict[str, Row], tuple[Change, ...]]:
    """The derived rows of a bundled edition (cached), without building entries."""
    key = (scheme, year)
    got = _ROWS.get(key)
    if got is None:
        if year not in BUNDLED_EDITIONS:
            raise UnknownEdition(scheme, year, editions(scheme))
        with _LOCK:
            got = _ROWS.get(key)
            if got is None:
                got = derive_rows(base_rows(scheme), changes(scheme), year)
                _ROWS[key] = got
    return got


def editions_with(scheme: Scheme, code: str) -> list[int]:
    """The editions (bundled or loaded) that have ``code``."""
    years = [y for y in BUNDLED_EDITIONS if code in edition_rows(scheme, y)[0]]
    for (sch, y), cat in list(_USER.items()):
        if sch is scheme and code in cat:
            years.append(y)
        elif sch is scheme and y in years:
            years.remove(y)  # replaced by a user edition without the code
    return sorted(set(years))


def _reason(year: int, applied: Sequence[Change]) -> str:
    base = (
        f"the bundled {BASE_EDITION} edition keeps only rows two independent compilations "
        "agreed on or a published document settled; it is not the official text"
    )
    if year == BASE_EDITION:
        return base
    verb = "applied" if year > BASE_EDITION else "undone"
    return f"derived from {BASE_EDITION} with {len(applied)} known change(s) {verb}; {base}"


def _build(scheme: Scheme, year: int) -> Catalogue:
    from govbudget.codes.catalogue import Catalogue, Coverage

    rows, applied = edition_rows(scheme, year)
    make = scheme.entry_type
    entries = {
        code: make(code, name, level_of(code), scheme, year, prov)
        for code, (name, prov) in rows.items()
    }
    coverage = Coverage.of(
        scheme, year, entries.values(), partial=True,
        partial_reason=_reason(year, applied), changes=applied, source="bundled",
    )
    return Catalogue(scheme, year, entries, coverage=coverage, history=changes(scheme))


def catalogue(scheme: Scheme | str, year: int | None = None) -> Catalogue:
    """The catalogue of ``scheme`` for fiscal year ``year`` (default: the newest bundled
    edition, 2026). A user-loaded edition of that year takes precedence."""
    sch = scheme if isinstance(scheme, Scheme) else Scheme.coerce(scheme)
    key = (sch, NEWEST_EDITION if year is None else year)
    cat = _USER.get(key)
    if cat is None:
        cat = _CACHE.get(key)
        if cat is None:
            if type(key[1]) is not int or key[1] not in BUNDLED_EDITIONS:
                raise UnknownEdition(sch, year, editions(sch))
            with _LOCK:
                cat = _CACHE.get(key)
                if cat is None:
                    cat = _CACHE[key] = _build(sch, key[1])
                if key not in _USER:
                    _FAST[(sch.lead_digit, key[1])] = cat
    return cat


def lookup(
    code: object, *, year: int | None = None, scheme: Scheme | str | None = None
) -> CodeEntry:
    """The entry for ``code`` in edition ``year`` (default: newest bundled, 2026).

    The scheme is inferred from the first digit (1 revenue, 2 functional, 3 economic,
    5 government economic) unless given. Raises ``InvalidCode`` for a malformed code and
    ``UnknownCode`` (with the editions that do have it) for a code the edition lacks.
    """
    if scheme is None and type(code) is str:  # fast path: a clean code, scheme by digit
        cat = _FAST.get((code[:1], NEWEST_EDITION if year is None else year))
        if cat is not None:
            return cat.lookup(code)
    clean, sch = parse_code_for(code, scheme)
    return catalogue(sch, year).lookup(clean)


def editions(scheme: Scheme | str | None = None) -> list[int]:
    """The fiscal years with an edition (bundled or user-loaded), ascending."""
    sch = None if scheme is None else Scheme.coerce(scheme)
    years = set(BUNDLED_EDITIONS)
    years.update(y for (s, y) in _USER if sch is None or s is sch)
    return sorted(years)


def loaded_catalogues() -> list[tuple[str, int, str]]:
    """The catalogues in memory: (scheme, year, "bundled" or "user"), sorted."""
    with _LOCK:
        out = [(s.value, y, "bundled") for (s, y) in _CACHE]
        out += [(s.value, y, "user") for (s, y) in _USER]
    return sorted(out)


def register(cat: Catalogue) -> None:
    """Make ``cat`` the edition of its (scheme, year), in place of any bundled one."""
    with _LOCK:
        _USER[(cat.scheme, cat.edition)] = cat
        _FAST[(cat.scheme.lead_digit, cat.edition)] = cat


def unregister(scheme: Scheme | str, year: int) -> bool:
    """Forget a user-loaded edition; ``True`` if there was one."""
    sch = Scheme.coerce(scheme)
    with _LOCK:
        _FAST.pop((sch.lead_digit, year), None)
        bundled = _CACHE.get((sch, year))
        if bundled is not None:
            _FAST[(sch.lead_digit, year)] = bundled
        return _USER.pop((sch, year), None) is not None


if TYPE_CHECKING:
    from govbudget.codes.entries import CodeEntry
