"""Hostile and broken input: every loader fails fast with a LoadError naming the file."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from govbudget import limits
from govbudget.errors import LoadError
from govbudget.readers.docx import read_docx
from govbudget.readers.pdf import read_pdf
from govbudget.readers.xlsx import read_xlsx

pytest.importorskip("pdfplumber")
openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")



def make_pdf(path: Path, pages: int, *, count: int | None = None, text: str = "Hello",
             encrypt: bool = False) -> Path:
    """A minimal valid PDF of ``pages`` pages; ``count`` overrides the declared /Count."""
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for n in range(pages):
        page_id, content_id = 4 + 2 * n, 5 + 2 * n
        kids.append(f"{page_id} 0 R")
        stream = f"BT /F1 12 Tf 72 720 Td ({text} {n}) Tj ET".encode()
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
                    .encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs.insert(2, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objs[1] = (f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {count or pages} >>").encode()
    extra = ""
    if encrypt:
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <"
                    + b"22" * 32 + b"> /P -4 >>")
        extra = f" /Encrypt {len(objs)} 0 R /ID [<{'ab' * 16}> <{'ab' * 16}>]"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R{extra} >>\nstartxref\n{xref}\n%%EOF\n"\
        .encode()
    path.write_bytes(bytes(out))
    return path


def assert_names(exc: pytest.ExceptionInfo[LoadError], path: Path) -> None:
    assert exc.value.file == str(path)
    assert str(path) in str(exc.value)


# -- PDF --------------------------------------------------------------------------------


def test_minimal_pdf_reads(tmp_path: Path) -> None:
    d = read_pdf(make_pdf(tmp_path / "ok.pdf", 3))
    assert d.pages == 3
    assert [b.text for b in d.blocks()] == ["Hello 0", "Hello 1", "Hello 2"]


def test_pdf_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_pdf(tmp_path / "big.pdf", 1)
    monkeypatch.setattr(limits, "MAX_PDF_BYTES", 100)
    with pytest.raises(LoadError, match="too large") as exc:
        read_pdf(path)
    assert_names(exc, path)


@pytest.mark.parametrize("content", [b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage",
                                     b"not a pdf at all", b""])
def test_pdf_corrupt(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(LoadError) as exc:
        read_pdf(path)
    assert_names(exc, path)


def test_pdf_encrypted_with_unknown_password(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "secret.pdf", 1, encrypt=True)
    with pytest.raises(LoadError, match="cannot open") as exc:
        read_pdf(path)
    assert_names(exc, path)


def test_pdf_declaring_too_many_pages_is_read_by_its_real_page_tree(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "many.pdf", 1, count=10**7)
    assert read_pdf(path).pages == 1  # PDFium counts the leaves, not the declared /Count


def test_pdf_page_tree_with_too_many_leaves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_pdf(tmp_path / "many.pdf", 1)
    data = path.read_bytes().replace(b"/Kids [4 0 R]", b"/Kids [" + b"4 0 R " * 30 + b"]")
    path.write_bytes(data.replace(b"/Count 1 ", b"/Count 30 "))  # PDFium rebuilds the xref
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 20)
    with pytest.raises(LoadError, match="30 pages") as exc:
        read_pdf(path)
    assert_names(exc, path)


def test_pdf_with_too_many_real_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_pdf(tmp_path / "many.pdf", 4)
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 2)
    with pytest.raises(LoadError, match="4 pages") as exc:
        read_pdf(path)
    assert_names(exc, path)


def test_pdf_page_with_too_many_characters(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_pdf(tmp_path / "dense.pdf", 2, text="x" * 50)
    monkeypatch.setattr(limits, "MAX_PAGE_CHARS", 20)
    with pytest.raises(LoadError, match="characters on one page") as exc:
        read_pdf(path)
    assert_names(exc, path)
    assert exc.value.page == 1


def test_pdf_time_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_pdf(tmp_path / "slow.pdf", 2)
    monkeypatch.setattr(limits, "MAX_PDF_SECONDS", -1.0)
    with pytest.raises(LoadError, match="too long") as exc:
        read_pdf(path)
    assert_names(exc, path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.pdf"
    for reader in (read_pdf, read_xlsx, read_docx):
        with pytest.raises(LoadError, match="cannot read") as exc:
            reader(path)
        assert_names(exc, path)


# -- zip containers ---------------------------------------------------------------------


def zip_bomb(path: Path, megabytes: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * 2**20
            for _ in range(megabytes):
                member.write(chunk)
    return path


@pytest.mark.parametrize("reader", [read_xlsx, read_docx])
def test_zip_bomb_by_ratio(tmp_path: Path, reader: Any) -> None:
    path = zip_bomb(tmp_path / "bomb.bin", 8)  # 8 MB of zeros packs ~1000:1
    assert path.stat().st_size < 100_000
    with pytest.raises(LoadError, match="compression ratio") as exc:
        reader(path)
    assert_names(exc, path)


@pytest.mark.parametrize("reader", [read_xlsx, read_docx])
def test_zip_bomb_by_total_size(tmp_path: Path, reader: Any,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = zip_bomb(tmp_path / "bomb.bin", 3)
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 2**20)
    with pytest.raises(LoadError, match="expands to") as exc:
        reader(path)
    assert_names(exc, path)


@pytest.mark.parametrize("reader", [read_xlsx, read_docx])
def test_office_file_too_large(tmp_path: Path, reader: Any,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(b"PK" + b"\0" * 1000)
    monkeypatch.setattr(limits, "MAX_OFFICE_BYTES", 500)
    with pytest.raises(LoadError, match="too large") as exc:
        reader(path)
    assert_names(exc, path)


@pytest.mark.parametrize("reader", [read_xlsx, read_docx])
@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken"])
def test_office_not_a_zip(tmp_path: Path, reader: Any, content: bytes) -> None:
    path = tmp_path / "bad.bin"
    path.write_bytes(content)
    with pytest.raises(LoadError, match="bad zip") as exc:
        reader(path)
    assert_names(exc, path)


@pytest.mark.parametrize("reader", [read_xlsx, read_docx])
def test_office_zip_without_the_parts(tmp_path: Path, reader: Any) -> None:
    path = tmp_path / "empty.bin"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hello")
    with pytest.raises(LoadError, match="cannot open") as exc:
        reader(path)
    assert_names(exc, path)


def test_xlsx_with_a_far_away_cell(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "表"
    wb.active.cell(row=limits.MAX_SHEET_ROWS + 1, column=1, value=1)
    path = tmp_path / "far.xlsx"
    wb.save(path)
    with pytest.raises(LoadError, match="too large") as exc:
        read_xlsx(path)
    assert_names(exc, path)


def test_xlsx_opened_without_links_or_formulas(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    real = openpyxl.load_workbook

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["B1"], wb.active["C1"] = 1, 2, "=A1+B1"
    path = tmp_path / "f.xlsx"
    wb.save(path)
    t = next(read_xlsx(path).tables())
    assert seen == {"read_only": True, "data_only": True, "keep_links": False}
    assert t.rows == (("1", "2"),)  # the formula has no cached value; nothing is evaluated


# -- serialised documents ---------------------------------------------------------------


def test_json_nested_too_deeply_names_the_file(tmp_path: Path) -> None:
    # regression: the nesting check raised a LoadError without the file
    from govbudget.readers.load import load

    path = tmp_path / "deep.json"
    path.write_text("[" * 70 + "]" * 70, encoding="utf-8")
    with pytest.raises(LoadError, match="nested deeper than 64 levels") as exc:
        load(path)
    assert_names(exc, path)
