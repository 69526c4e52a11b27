"""What a check covered (检查覆盖情况): tables read, not understood, absent; rules run and
skipped; amounts that could not be verified; and the status of the whole report.

A report whose document gave nothing to check (an empty file, a scan without a text
layer, prose without a single table or amount) is never "clean": its status is
``NOTHING_CHECKED`` and ``govbudget check`` exits with ``EXIT_NOTHING_CHECKED`` (3).

>>> import govbudget
>>> report = govbudget.check(govbudget.example())
>>> report.coverage.status.value, report.coverage.disclosures[0].read[:2]
('checked', ('收支总表', '收入总表'))
>>> ReportStatus.NOTHING_CHECKED.exit_code
3
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

import attrs

from govbudget.rules.core import Outcome, Status, Unverified, location_dict
from govbudget.tables.disclosure import Disclosure
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable

__all__ = [
    "EXIT_CODES",
    "EXIT_NOTHING_CHECKED",
    "Coverage",
    "DisclosureCoverage",
    "ReportStatus",
    "TableNote",
    "disclosure_coverage",
]

#: ``govbudget check`` exits 0 (nothing at or above ``--fail-on``), 1 (something was
#: found), 2 (a file could not be loaded, or bad usage) or 3: nothing could be checked
EXIT_NOTHING_CHECKED = 3


class ReportStatus(enum.Enum):
    """How much of the input could be checked (检查状态)."""

    #: every table found was read and checked
    CHECKED = "checked"
    #: something was checked, but some standard tables were absent or not read reliably
    PARTIAL = "partial"
    #: nothing could be checked: no table read, no amount in the text (never "clean")
    NOTHING_CHECKED = "nothing_checked"

    @property
    def exit_code(self) -> int | None:
        """The exit status this status imposes (``None``: the findings decide)."""
        return EXIT_CODES.get(self)

    @property
    def message(self) -> str:
        return _MESSAGES[self]


#: the exit status of ``govbudget check`` for a status that imposes one
EXIT_CODES: dict[ReportStatus, int] = {ReportStatus.NOTHING_CHECKED: EXIT_NOTHING_CHECKED}

_MESSAGES = {
    ReportStatus.CHECKED: "已检查：标准表格均已读取并检查",
    ReportStatus.PARTIAL: "部分检查：有标准表格缺失或未能可靠读取（见检查覆盖情况），其余内容已检查",
    ReportStatus.NOTHING_CHECKED: "未能检查：文档中没有识别出可检查的预算表格或金额"
                                  "（空文件、无文字层的扫描件或纯文字），这不表示文档无误",
}


@attrs.frozen(slots=True)
class TableNote:
    """A table that was not used (未使用的表格): its title, page and why."""

    title: str
    page: int | None
    reason: str


@attrs.frozen(slots=True)
class DisclosureCoverage:
    """What was checked in one disclosure (部门/单位预算的检查覆盖)."""

    disclosure: str
    #: the standard tables found and read (their standard names)
    read: tuple[str, ...]
    #: the standard tables found but not read reliably, and why
    unreadable: tuple[TableNote, ...]
    #: the tables found that are none of the standard kinds (not understood)
    not_understood: tuple[TableNote, ...]
    #: the standard tables not found in the document
    absent: tuple[str, ...]
    #: amount claims read from the narrative (情况说明), and performance targets
    claims: int
    targets: int
    rules_run: int
    #: each rule that did not run, and why
    skipped: tuple[tuple[str, str], ...]
    #: amounts that could not be checked against any table
    unverified: tuple[Unverified, ...]

    @property
    def checked_anything(self) -> bool:
        return bool(self.read or self.claims or self.targets)

    def to_dict(self) -> dict[str, Any]:
        return {
            "disclosure": self.disclosure,
            "read": list(self.read),
            "unreadable": [attrs.asdict(n) for n in self.unreadable],
            "not_understood": [attrs.asdict(n) for n in self.not_understood],
            "absent": list(self.absent),
            "claims": self.claims,
            "targets": self.targets,
            "rules_run": self.rules_run,
            "skipped": [{"rule": r, "reason": why} for r, why in self.skipped],
            "unverified": [
                {"rule": u.rule, "message": u.message, "page": u.location.page,
                 "line": u.location.line, "evidence": u.evidence,
                 "location": location_dict(u.location)}
                for u in self.unverified
            ],
        }


@attrs.frozen(slots=True)
class Coverage:
    """What a whole check covered: one entry per disclosure, and the report's status."""

    disclosures: tuple[DisclosureCoverage, ...] = ()

    @property
    def status(self) -> ReportStatus:
        if not any(d.checked_anything for d in self.disclosures):
            return ReportStatus.NOTHING_CHECKED
        if any(d.unreadable or d.absent for d in self.disclosures):
            return ReportStatus.PARTIAL
        return ReportStatus.CHECKED

    @property
    def unverified(self) -> tuple[Unverified, ...]:
        return tuple(u for d in self.disclosures for u in d.unverified)

    def to_dict(self) -> dict[str, Any]:
        status = self.status
        return {"status": status.value, "message": status.message,
                "disclosures": [d.to_dict() for d in self.disclosures]}


def _note(t: BudgetTable, reason: str) -> TableNote:
    return TableNote(t.title or t.name, t.source.page if t.source is not None else None, reason)


def disclosure_coverage(original: Disclosure, unreadable: Sequence[tuple[BudgetTable, str]],
                        outcomes: Sequence[Outcome], unverified: Sequence[Unverified],
                        claims: int, standard: Sequence[TableKind]) -> DisclosureCoverage:
    """The coverage of ``original`` (as loaded), given the tables left out and what ran."""
    left_out = {id(t) for t, _ in unreadable}
    read = tuple(dict.fromkeys(t.kind.value for t in original.tables
                               if t.kind is not TableKind.OTHER and id(t) not in left_out))
    found = {t.kind for t in original.tables}
    return DisclosureCoverage(
        original.label,
        read,
        tuple(_note(t, why) for t, why in unreadable),
        tuple(_note(t, "表格类型未能识别") for t in original.tables
              if t.kind is TableKind.OTHER),
        tuple(k.value for k in standard if k not in found),
        claims,
        len(original.performance),
        sum(1 for o in outcomes if o.status is not Status.SKIPPED),
        tuple((o.rule, o.reason or "") for o in outcomes if o.status is Status.SKIPPED),
        tuple(unverified),
    )
