"""One defect, one finding (合并同源问题): repeated places and consequences folded in.

* The same finding at several places — a unit repeating its department's table, the
  same sentence read twice — is one finding listing the other places (``places``).
* Findings that follow from one defect are listed inside it (``consequences``): several
  rules on the same cell (人员经费合计 ≠ 301 + 303 and 合计 ≠ Σ 类), the same difference
  in one table (2.16 printed in the wrong column breaks both column totals by 2.16), or
  the same difference between the same figures in two tables.

The root is the first finding in the given order (the engine ranks by severity, then
rules that check a table against itself first: a wrong cell is a fault of its table
before it is a disagreement between tables); a finding is never folded into a less
severe one. Info findings are left as they are.

>>> from govbudget.rules.core import Finding, Location, Severity
>>> a = Finding("P-2", Severity.ERROR, "人员经费合计…", Location("d", "T6", "合计", "人员经费"),
...             expected="25530.49", actual="25530.51")
>>> b = Finding("T6-3", Severity.ERROR, "合计…", Location("d", "T6", "合计", "人员经费"),
...             expected="25530.49", actual="25530.51")
>>> [(f.rule, [c.rule for c in f.consequences]) for f in consolidate([a, b])]
[('P-2', ['T6-3'])]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

import attrs

from govbudget.money import max_places, tolerance
from govbudget.rules.core import Finding, Location, Severity
from govbudget.rules.reliability import _number

__all__ = ["consolidate"]

Order = Callable[[Finding], tuple[int, ...]]


def _same_place_key(f: Finding) -> tuple[object, ...]:
    """What the same defect printed at two places shares: its figures and its row (a
    unit's table has its own title: 单位收支总表 for 部门收支总表), else its message."""
    loc = f.location
    if f.expected is not None or f.actual is not None:
        return (f.rule, f.severity, f.expected, f.actual, f.evidence or "", loc.row, loc.column)
    return (f.rule, f.severity, f.message, f.evidence or "", loc.table, loc.row, loc.column)


def _merge_places(findings: Sequence[Finding]) -> list[Finding]:
    out: list[Finding] = []
    first: dict[tuple[object, ...], list[int]] = {}
    for f in findings:
        key = _same_place_key(f)
        same = next((k for k in first.get(key, ())
                     if out[k].location.disclosure != f.location.disclosure
                     or out[k].message == f.message), None)
        if same is None:
            first.setdefault(key, []).append(len(out))
            out.append(f)
        elif f.location != out[same].location and f.location not in out[same].places:
            out[same] = attrs.evolve(out[same], places=(*out[same].places, f.location))
    return out


def _cell_key(f: Finding) -> tuple[object, ...] | None:
    loc = f.location
    if loc.table is None or loc.row is None or loc.column is None:
        return None
    return (loc.disclosure, loc.table, loc.row, loc.column)


#: a printed figure where a blank is expected (P-1: 2.16 in the wrong column) differs by itself
_BLANK = "（空白）"


def _figures(f: Finding) -> tuple[Decimal, frozenset[Decimal], int] | None:
    """A finding's difference, its non-zero figures and the decimal places they show."""
    a = _number(f.actual)
    e = Decimal(0) if f.expected == _BLANK and a is not None else _number(f.expected)
    if a is None or e is None or a == e:
        return None
    return abs(a - e), frozenset(v for v in (a, e) if v != 0), max_places((a, e))


def _near(diff: Decimal, other: Decimal, places: int) -> bool:
    """Whether two differences are one defect's, to the rounding of one figure (a wrong
    80.75 makes 人员经费 合计 short by 80.74 when the other figures' rounding adds 0.01),
    and the difference is more than rounding itself."""
    unit = tolerance(places=places, addends=1)
    return abs(diff - other) <= unit and diff >= 10 * unit


def consolidate(findings: Sequence[Finding], order: Order | None = None) -> list[Finding]:
    """``findings`` with repeated places merged and consequences folded into their root.

    ``order`` ranks findings for choosing the root (lower first); by default their order.
    """
    merged = _merge_places(findings)
    rank = {id(f): i for i, f in enumerate(merged)}
    ranked = sorted(merged, key=order or (lambda f: (0, rank[id(f)])))
    roots: list[Finding] = []
    follows: dict[int, list[Finding]] = {}
    by_cell: dict[tuple[object, ...], Finding] = {}
    #: one sentence, one rule: its figures rest on one error (占“三公”经费的 8.75% …)
    by_sentence: dict[tuple[object, ...], Finding] = {}
    by_diff: dict[object, list[tuple[Decimal, object, frozenset[Decimal], Finding]]] = {}
    for f in ranked:
        root = None
        if f.severity is not Severity.INFO:
            cell = _cell_key(f)
            root = by_cell.get(cell) if cell is not None else None
            figures = _figures(f)
            if root is None and f.evidence and f.location.table == "情况说明":
                root = by_sentence.get((f.location.disclosure, f.rule, f.evidence))
            if root is None and figures is not None:
                diff, values, places = figures
                for d, table, seen, r in by_diff.get(f.location.disclosure, ()):
                    # a wrong cell breaks the sums of its own table by its amount (to a
                    # cent of rounding); in another table the same difference must involve
                    # the same figure
                    if (d == diff and seen & values) or (
                            table == f.location.table and table != "情况说明"
                            and (d == diff or _near(diff, d, places))):
                        root = r
                        break
        if root is not None and root.severity.rank <= f.severity.rank:
            follows[id(root)].append(f)
            continue
        roots.append(f)
        follows[id(f)] = []
        if f.severity is not Severity.INFO:
            cell = _cell_key(f)
            if cell is not None:
                by_cell.setdefault(cell, f)
            if f.evidence and f.location.table == "情况说明":
                by_sentence.setdefault((f.location.disclosure, f.rule, f.evidence), f)
            figures = _figures(f)
            if figures is not None:
                by_diff.setdefault(f.location.disclosure, []).append(
                    (figures[0], f.location.table, figures[1], f))
    out = [(rank[id(r)], attrs.evolve(r, consequences=(*r.consequences, *follows[id(r)]))
            if follows[id(r)] else r) for r in roots]
    out.sort(key=lambda x: x[0])
    return [f for _, f in out]


def places_of(f: Finding) -> tuple[Location, ...]:
    """Every place of a finding: its own, then the others it stands for."""
    return (f.location, *f.places)
