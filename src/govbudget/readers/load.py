"""``govbudget.load``: one entry point for every format, and the bundled example.

>>> import govbudget
>>> doc = govbudget.example()
>>> [(d.scope.value, d.code) for d in doc.walk()]
[('department', '323'), ('unit', '323001')]
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from govbudget.errors import LoadError
from govbudget.readers.assemble import assemble
from govbudget.readers.raw import RawDocument
from govbudget.tables.disclosure import DisclosureKind, Document

__all__ = ["example", "load", "read_raw"]

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


def load(path: str | Path, *, year: int | None = None,
         kind: DisclosureKind | str | None = None) -> Document:
    """Load a disclosure document (.txt, .docx, .xlsx, .pdf, or govbudget's .json).

    ``year`` and ``kind`` (``"budget"`` / ``"final"``: 预算 or 决算) override what the
    document says. Returns a complete ``Document`` or raises ``LoadError`` naming the file and,
    where it applies, the page, table, row and cell.
    """
    p = Path(path)
    if p.suffix.lower() == ".json":
        from govbudget.formats.jsonio import read_json_file

        doc = read_json_file(p)
        if not isinstance(doc, Document):
            raise LoadError("the JSON holds no document", file=str(p), expected="a Document")
        return doc
    return assemble(read_raw(p), year=year, kind=kind)


def example() -> Document:
    """The bundled seed disclosure (保定市莲池区人力资源和社会保障局, 2023), loaded."""
    from govbudget.readers.text import read_text

    text = resources.files("govbudget.examples").joinpath(EXAMPLE).read_text("utf-8")
    return assemble(read_text(text, source=EXAMPLE))
