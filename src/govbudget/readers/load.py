"""``govbudget.load``: one entry point for every format, and the bundled example.

>>> import govbudget
>>> doc = govbudget.example()
>>> [(d.scope.value, d.code) for d in doc.walk()]
[('department', '323'), ('unit', '323001')]
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import attrs

from govbudget.errors import LoadError
from govbudget.formats.bounds import check_model
from govbudget.readers.assemble import assemble
from govbudget.readers.raw import RawDocument
from govbudget.tables.disclosure import Disclosure, DisclosureKind, Document
from govbudget.tables.kinds import TableKind

__all__ = ["example", "load", "load_together", "read_raw"]

EXAMPLE = "lianchi-hrss-2023-budget.txt"


def read_raw(path: str | Path) -> RawDocument:
    """Read a file into a raw document, choosing the reader by its extension."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".txt", ".text", ""):
        from govbudget.readers.text import read_text_file

        return read_text_file(p)
    if suffix == ".pdf":
        from govbudget.readers.pdf import read_pdf

        return read_pdf(p)
    if suffix == ".docx":
        from govbudget.readers.docx import read_docx

        return read_docx(p)
    if suffix in (".xlsx", ".xlsm"):
        from govbudget.readers.xlsx import read_xlsx

        return read_xlsx(p)
    raise LoadError(f"unknown file type {suffix!r}", file=str(p),
                    expected=".txt, .docx, .xlsx, .pdf or .json")


def load(path: str | Path | Sequence[str | Path], *, year: int | None = None,
         kind: DisclosureKind | str | None = None) -> Document:
    """Load a disclosure document (.txt, .docx, .xlsx, .pdf, or govbudget's .json).

    ``year`` and ``kind`` (``"budget"`` / ``"final"``: 预算 or 决算) override what the
    document says. Returns a complete ``Document`` or raises ``LoadError`` naming the file and,
    where it applies, the page, table, row and cell. A document holding no budget table
    has no disclosure: its text, if any, is in ``Document.unparsed``. A list of files is one
    disclosure published as several (the narrative and the tables apart): see
    ``load_together``.
    """
    if isinstance(path, (list, tuple)):
        return load_together(path, year=year, kind=kind)
    if not isinstance(path, (str, Path)):
        raise LoadError(f"cannot load a {type(path).__name__}", expected="a path or a list of paths")
    p = Path(path)
    if p.suffix.lower() == ".json":
        from govbudget.formats.jsonio import read_json_file

        doc = read_json_file(p)
        if not isinstance(doc, Document):
            raise LoadError("the JSON holds no document", file=str(p), expected="a Document")
        return doc
    doc = assemble(read_raw(p), year=year, kind=kind)
    check_model(doc, str(p), root="$")
    return doc


def load_together(paths: Sequence[str | Path], *, year: int | None = None,
                  kind: DisclosureKind | str | None = None) -> Document:
    """One disclosure published as several files (说明 and 报表 apart), loaded as one document.

    Each file is loaded on its own; the disclosure with the standard tables is the one
    checked, and the others' narrative, performance targets, other tables and unparsed
    content are joined to it (the code, name and year filled in where it lacks them).
    A file holding a disclosure of its own (its own main tables: a unit's, say) stays
    a disclosure of its own. Every location keeps its own file.
    """
    if not paths:
        raise LoadError("no file to load", expected="one file or more")
    docs = [load(p, year=year, kind=kind) for p in paths]
    parts = [d for doc in docs for d in doc.disclosures]
    source = " + ".join(str(p) for p in paths)
    unparsed = tuple(u for doc in docs for u in doc.unparsed)
    pages = sum(doc.pages or 0 for doc in docs) or None
    if not parts:
        return Document(source, (), unparsed, pages)
    typed = [d for d in parts if _has_standard_tables(d)]
    first = typed[0] if typed else parts[0]
    base = first
    kept: list[Disclosure] = []
    for d in parts:
        if d is first:
            continue
        if _has_standard_tables(d):
            kept.append(d)
            continue
        base = _joined(base, d)
    return Document(source, (base, *kept), unparsed, pages)


#: the tables that make a file a disclosure of its own (the narrative's 三公 table does not)
_MAIN = frozenset({TableKind.SUMMARY, TableKind.REVENUE, TableKind.EXPENDITURE,
                   TableKind.FISCAL_SUMMARY, TableKind.GENERAL_BUDGET, TableKind.BASIC_EXPENDITURE,
                   TableKind.GOV_FUND, TableKind.SOE_CAPITAL, TableKind.THREE_PUBLIC})


def _has_standard_tables(d: Disclosure) -> bool:
    """Its own main tables: a budget's, or any of a final account's (决算表)."""
    return any(t.kind in _MAIN or t.kind.is_final for t in d.tables)


def _joined(base: Disclosure, other: Disclosure) -> Disclosure:
    """``base`` with what ``other`` holds: its text, targets, other tables, unparsed content."""
    narrative = base.narrative
    if other.narrative is not None:
        narrative = other.narrative if narrative is None else attrs.evolve(
            narrative, sections=(*narrative.sections, *other.narrative.sections))
    return attrs.evolve(
        base, code=base.code or other.code, name=base.name or other.name,
        year=base.year or other.year, unit_kind=base.unit_kind or other.unit_kind,
        tables=(*base.tables, *other.tables), units=(*base.units, *other.units),
        narrative=narrative, performance=(*base.performance, *other.performance),
        unparsed=(*base.unparsed, *other.unparsed))


def example() -> Document:
    """The bundled seed disclosure (保定市莲池区人力资源和社会保障局, 2023), loaded."""
    from govbudget.readers.text import read_text

    text = resources.files("govbudget.examples").joinpath(EXAMPLE).read_text("utf-8")
    return assemble(read_text(text, source=EXAMPLE))
