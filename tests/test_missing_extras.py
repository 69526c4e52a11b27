"""A missing optional dependency gives an error that names the ``pip install`` to run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import govbudget
from govbudget.errors import GovBudgetError, MissingExtra


@pytest.mark.parametrize(
    ("suffix", "module", "extra"),
    [(".pdf", "pypdfium2", "pdf"), (".docx", "docx", "docx"), (".xlsx", "openpyxl", "xlsx")],
)
def test_loader_without_its_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  suffix: str, module: str, extra: str) -> None:
    path = tmp_path / f"budget{suffix}"
    path.write_bytes(b"PK\x03\x04" if suffix != ".pdf" else b"%PDF-1.4\n")
    monkeypatch.setitem(sys.modules, module, None)  # import now fails as if not installed
    with pytest.raises(MissingExtra) as err:
        govbudget.load(path)
    assert f"pip install 'govbudget[{extra}]'" in str(err.value)
    assert isinstance(err.value, ImportError) and isinstance(err.value, GovBudgetError)


def test_text_and_json_need_no_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("pypdfium2", "pdfplumber", "docx", "openpyxl"):
        monkeypatch.setitem(sys.modules, module, None)
    doc = govbudget.example()
    path = tmp_path / "seed.json"
    path.write_text(govbudget.to_json(doc), encoding="utf-8")
    assert govbudget.load(path) == doc


def test_html_pages_without_the_pdf_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "budget.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    report = govbudget.check(govbudget.example())
    with pytest.raises(MissingExtra) as err:
        report.to_html(path)
    assert "pip install 'govbudget[pdf]'" in str(err.value)
