"""A disclosure published as two files (narrative and tables apart) loads and checks as one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import govbudget
from conftest import CORPUS, SEED, skip_without_shared
from govbudget.cli import main
from govbudget.errors import LoadError
from govbudget.strategies import budget_final_pairs
from govbudget.tables import TableKind

_LINES = SEED.read_text("utf-8").splitlines(keepends=True)
#: the seed's department part: its tables (lines 1–1542), then its narrative (to 2040)
_TABLES, _NARRATIVE = "".join(_LINES[:1542]), "".join(_LINES[1542:2040])


def _split(tmp_path: Path) -> tuple[Path, Path]:
    narrative, tables = tmp_path / "说明.txt", tmp_path / "报表.txt"
    narrative.write_text(_NARRATIVE, "utf-8")
    tables.write_text(_TABLES, "utf-8")
    return narrative, tables


def test_two_files_are_one_disclosure(tmp_path: Path) -> None:
    narrative, tables = _split(tmp_path)
    alone = govbudget.load(tables).disclosures[0]
    assert alone.narrative is None or not any("机关运行经费" in s.title
                                              for s in alone.narrative.sections)
    doc = govbudget.load([narrative, tables])
    assert len(doc.disclosures) == 1 and doc.source == f"{narrative} + {tables}"
    d = doc.disclosures[0]
    assert (d.code, d.year) == ("323", 2023)
    assert d.table(TableKind.SUMMARY) is not None and d.narrative is not None
    assert any("机关运行经费" in s.title for s in d.narrative.sections)
    # every table keeps its own file (the narrative's 三公 and procurement tables theirs)
    files = {t.kind: t.source.file for t in d.tables if t.source}
    assert files[TableKind.SUMMARY] == str(tables)
    assert files[TableKind.THREE_PUBLIC_YOY] == str(narrative)
    # the narrative is checked against the tables: the seed's N-2 defect (DOMAIN.md §5) is
    # found only when both files are read as one
    def failed(d: object) -> set[str]:
        report = govbudget.check(d)  # type: ignore[arg-type]
        return {o.rule for o in report.outcomes if o.status.value == "failed"}

    assert "N-2" in failed(doc) and "N-2" not in failed(govbudget.load(tables))


def test_check_together_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    narrative, tables = _split(tmp_path)
    status = main(["check", "--together", str(narrative), str(tables), "--format", "json",
                   "--fail-on", "never"])
    out = capsys.readouterr().out
    assert status == 0 and out.count('"source"') == 1 and "说明.txt + " in out


def test_no_file() -> None:
    with pytest.raises(LoadError):
        govbudget.load([])


def test_corpus_narrative_and_tables_of_one_department() -> None:
    """江苏省委办公厅: its tables (W121) and a narrative of the same template (W122)."""
    tables, narrative = CORPUS / "W121.pdf", CORPUS / "W122.pdf"
    skip_without_shared(tables)
    pytest.importorskip("pdfplumber")
    doc = govbudget.load([narrative, tables])
    d, = doc.disclosures
    assert d.name == "中共江苏省委办公厅" and d.table(TableKind.SUMMARY) is not None
    assert d.narrative is not None and d.narrative.sections


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(pair=budget_final_pairs(units=1))
def test_a_budget_and_its_final_account_stay_two_disclosures(
        pair: tuple[govbudget.Disclosure, govbudget.Disclosure]) -> None:
    """Regression: a final account (决算) has no budget table, and was joined into the budget
    as if it were the budget's narrative file."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, d in zip(("budget", "final"), pair, strict=True):
            path = Path(tmp) / f"{name}.json"
            path.write_text(govbudget.to_json(govbudget.Document(name, (d,))), encoding="utf-8")
            paths.append(path)
        doc = govbudget.load(paths)
    assert [d.kind for d in doc.disclosures] == [d.kind for d in pair]
    assert [len(d.tables) for d in doc.disclosures] == [len(d.tables) for d in pair]
