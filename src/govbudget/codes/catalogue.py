"""The catalogue of one scheme and edition (科目表): lookup, tree, search, coverage.

One mechanism serves every scheme: a dict of code → entry built once, a children index,
and a name index built on the first search. ``get`` returns ``None``, ``lookup`` and
``catalogue[code]`` raise ``UnknownCode``.

>>> from govbudget.codes import catalogue
>>> cat = catalogue("functional", 2023)
>>> cat.get("2080101").name, cat.get("2999999")
('行政运行', None)
>>> [e.code for e in cat.children("20805")][:2]
['2080501', '2080502']
>>> [e.code for e in cat.search("基本养老保险缴费")][:1]
['2080505']
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence

import attrs

from govbudget.codes.editions import Change, editions_with
from govbudget.codes.entries import CodeEntry, Scheme
from govbudget.codes.names import NameCheck, NameIndex, check_name_in, resolve_in
from govbudget.codes.parse import parse_code, parse_code_for
from govbudget.errors import InvalidCode, UnknownCode

__all__ = ["Catalogue", "Coverage"]


@attrs.frozen(slots=True)
class Coverage:
    """How much of an edition (年度版本) the catalogue holds, and how far to trust it.

    ``partial`` is ``True`` for every bundled edition: none is the official text.
    """

    scheme: Scheme
    edition: int
    rows: int
    by_level: tuple[tuple[str, int], ...]
    observed: int
    compiled: int
    user: int
    partial: bool
    partial_reason: str
    changes: tuple[Change, ...]
    source: str

    @property
    def observed_share(self) -> float:
        """The share of rows printed with the same name in a published document."""
        return self.observed / self.rows if self.rows else 0.0

    @property
    def levels(self) -> dict[str, int]:
        """Row counts per level, e.g. ``{'类': 30, '款': 251, '项': 1295}``."""
        return dict(self.by_level)

    @classmethod
    def of(
        cls,
        scheme: Scheme,
        edition: int,
        entries: Iterable[CodeEntry],
        *,
        partial: bool,
        partial_reason: str,
        changes: Sequence[Change] = (),
        source: str,
    ) -> Coverage:
        """Count the entries of an edition."""
        levels: dict[str, int] = {}
        prov = {"observed": 0, "compiled": 0, "user": 0}
        n = 0
        for e in entries:
            n += 1
            levels[e.level] = levels.get(e.level, 0) + 1
            prov[e.provenance] += 1
        order = "类款项目"
        by_level = tuple(sorted(levels.items(), key=lambda kv: order.index(kv[0])))
        return cls(scheme, edition, n, by_level, prov["observed"], prov["compiled"],
                   prov["user"], partial, partial_reason, tuple(changes), source)


class Catalogue:
    """The 科目表 of one scheme for one fiscal year: every entry, in code order."""

    __slots__ = ("_by_parent", "_entries", "_index", "_lock", "coverage", "edition", "history",
                 "scheme")

    def __init__(
        self,
        scheme: Scheme,
        edition: int,
        entries: dict[str, CodeEntry],
        *,
        coverage: Coverage,
        history: Sequence[Change] = (),
    ) -> None:
        self.scheme = scheme
        self.edition = edition
        self.coverage = coverage
        self.history = tuple(history)
        self._entries = entries
        by_parent: dict[str | None, list[CodeEntry]] = {}
        for e in entries.values():
            by_parent.setdefault(e.code[:-2] if len(e.code) > 3 else None, []).append(e)
        self._by_parent = by_parent
        self._index: NameIndex | None = None
        self._lock = threading.Lock()

    # -- lookup -------------------------------------------------------------------------
    def get(self, code: str, default: CodeEntry | None = None) -> CodeEntry | None:
        """The entry for ``code``, or ``default``; display forms are normalised on a miss."""
        try:
            return self._entries[code]
        except (KeyError, TypeError):
            return self._get_slow(code, default)

    def _get_slow(self, code: object, default: CodeEntry | None) -> CodeEntry | None:
        try:
            clean = parse_code(code)
        except InvalidCode:
            return default
        return self._entries.get(clean, default)

    def lookup(self, code: str) -> CodeEntry:
        """The entry for ``code``; ``UnknownCode`` if the edition lacks it, ``InvalidCode``
        if it is malformed."""
        try:
            return self._entries[code]
        except (KeyError, TypeError):
            pass
        clean, _ = parse_code_for(code, self.scheme)
        entry = self._entries.get(clean)
        if entry is None:
            raise self.unknown(clean)
        return entry

    __getitem__ = lookup

    def __contains__(self, code: object) -> bool:
        try:
            if code in self._entries:
                return True
        except TypeError:
            return False
        if isinstance(code, CodeEntry):
            return self._entries.get(code.code) == code
        return self._get_slow(code, None) is not None

    def __iter__(self) -> Iterator[CodeEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        part = ", partial" if self.coverage.partial else ""
        return f"<Catalogue {self.scheme.value} {self.edition}: {len(self)} entries{part}>"

    def codes(self) -> list[str]:
        """Every code, in code order."""
        return list(self._entries)

    def as_dict(self) -> dict[str, CodeEntry]:
        """A plain dict copy code → entry, for hot loops over clean codes."""
        return dict(self._entries)

    def unknown(self, code: str) -> UnknownCode:
        """The ``UnknownCode`` for a clean code this edition lacks, with the editions that
        have it and the nearest codes of this one."""
        return UnknownCode(
            code,
            scheme=self.scheme.value,
            edition=self.edition,
            suggestions=[(e.code, e.name) for e in self.nearest(code)],
            editions=editions_with(self.scheme, code),
        )

    def nearest(self, code: str, n: int = 3) -> list[CodeEntry]:
        """Entries close to ``code``: the deepest existing ancestor's children nearest by
        number, else that ancestor, else the nearest 类."""
        for cut in range(len(code) - 2, 2, -2):
            parent = self._entries.get(code[:cut])
            if parent is not None:
                kids = self._by_parent.get(parent.code, [])
                width = cut + 2
                target = int(code[:width])
                near = sorted(kids, key=lambda e: abs(int(e.code) - target))[:n]
                return near or [parent]
        roots = self._by_parent.get(None, [])
        target = int(code[:3])
        return sorted(roots, key=lambda e: abs(int(e.code) - target))[:n]

    # -- tree ---------------------------------------------------------------------------
    def roots(self) -> list[CodeEntry]:
        """The 类 of the edition."""
        return list(self._by_parent.get(None, ()))

    def children(self, code: str) -> list[CodeEntry]:
        """The entries directly below ``code`` (raises ``UnknownCode`` if absent)."""
        entry = self.lookup(code)
        return list(self._by_parent.get(entry.code, ()))

    def path(self, code: str) -> list[CodeEntry]:
        """The entries from the 类 down to ``code``."""
        entry = self.lookup(code)
        c = entry.code
        return [self._entries[c[:n]] for n in range(3, len(c) + 1, 2) if c[:n] in self._entries]

    def descendants(self, code: str, depth: int | None = None) -> list[tuple[int, CodeEntry]]:
        """(depth, entry) for the subtree below ``code``, depth-first, ``code`` at depth 0."""
        top = self.lookup(code)
        out = [(0, top)]
        stack = [(1, e) for e in reversed(self._by_parent.get(top.code, ()))]
        while stack:
            d, e = stack.pop()
            if depth is not None and d > depth:
                continue
            out.append((d, e))
            stack.extend((d + 1, k) for k in reversed(self._by_parent.get(e.code, ())))
        return out

    # -- names --------------------------------------------------------------------------
    @property
    def names(self) -> NameIndex:
        """The name index (built on first use)."""
        index = self._index
        if index is None:
            with self._lock:
                index = self._index
                if index is None:
                    index = self._index = NameIndex(self, self.history)
        return index

    def search(self, text: str, *, limit: int | None = None) -> list[CodeEntry]:
        """Entries by name: exact name, then former name, then substring of either."""
        hits = self.names.search(text)
        return hits if limit is None else hits[:limit]

    def check_name(self, code: str, printed_name: str) -> NameCheck:
        """Check a printed name against this edition's name of ``code``."""
        return check_name_in(self, code, printed_name)

    def resolve(self, text: str) -> CodeEntry:
        """The entry a printed name designates, e.g. ``社会保障和就业支出（类）``."""
        return resolve_in([self], text)
