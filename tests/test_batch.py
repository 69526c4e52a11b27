"""Batch checking: files from directories and globs, the result cache, failures that stop
nothing, the summary and the progress bar (``govbudget.batch``, ``govbudget check DIR``)."""

from __future__ import annotations

import contextlib
import io
import json
import pickle
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from batch_helpers import check_or_crash
from conftest import CORPUS, SEED, skip_without_shared
from govbudget.batch import (
    CHECK,
    Batch,
    BatchSummary,
    Progress,
    ResultCache,
    check_file,
    expand,
)
from govbudget.cli import main

SMALL_PDF = CORPUS / "W020.pdf"  # 6 pages: the smallest corpus document


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A directory of good documents with a corrupt, a truncated and an empty PDF among them."""
    skip_without_shared(SMALL_PDF)
    d = tmp_path / "docs"
    (d / "sub").mkdir(parents=True)
    shutil.copy(SEED, d / "seed.txt")
    shutil.copy(SMALL_PDF, d / "sub" / "W020.pdf")
    (d / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    (d / "truncated.pdf").write_bytes(SMALL_PDF.read_bytes()[:5000])
    (d / "empty.pdf").write_bytes(b"")
    (d / "notes.md").write_text("not a document")
    return d


# --- which files -------------------------------------------------------------------------


def test_expand_directories_globs_and_plain_paths(tmp_path: Path) -> None:
    for name in ("a/x.pdf", "a/b/y.xlsx", "a/z.PDF", "a/.git/w.pdf", "c.json", "d.csv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    rel = [p.relative_to(tmp_path).as_posix() for p in expand([tmp_path / "a"])]
    assert rel == ["a/b/y.xlsx", "a/x.pdf", "a/z.PDF"]
    assert [p.name for p in expand([f"{tmp_path}/**/*.pdf"])] == ["x.pdf"]
    missing = tmp_path / "missing.pdf"
    assert expand([missing, tmp_path / "d.csv", missing]) == [missing, tmp_path / "d.csv"]


# --- the per-file work -------------------------------------------------------------------


def test_check_file_is_plain_data_and_deterministic() -> None:
    a, b = check_file(SEED), check_file(SEED)
    assert a == b
    assert json.loads(json.dumps(a)) == a and pickle.loads(pickle.dumps(a)) == a
    assert a["status"] == "checked" and a["error"] is None
    assert a["document_id"] and len(a["document_id"]) == 16
    assert a["report"]["summary"]["checks"] > 0 and a["text"]


def test_check_file_reports_bad_files_instead_of_raising(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing else")
    for path in (bad, tmp_path / "missing.xlsx", tmp_path / "odd.xyz"):
        if path.suffix == ".xyz":
            path.write_text("x")
        r = check_file(path)
        assert r["status"] == "failed" and r["report"] is None
        assert path.name in r["error"] and "internal error" not in r["error"]


def test_nothing_checkable_is_not_checked_never_clean(tmp_path: Path) -> None:
    text = tmp_path / "prose.txt"
    text.write_text("这是一段没有任何表格的文字。\n", encoding="utf-8")
    r = check_file(text, select=["arithmetic"])
    assert r["status"] == "not_checked" and r["error"]


# --- the cache ---------------------------------------------------------------------------


def test_cache_keys_and_entries(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    k = cache.key("check", "0" * 64, {"select": None})
    assert k != cache.key("check", "1" * 64, {"select": None})
    assert k != cache.key("check", "0" * 64, {"select": ["T-1"]})
    assert k != cache.key("extract", "0" * 64, {"select": None})
    assert k == cache.key("check", "0" * 64, {"select": None})
    value = {"a": [Decimal("1.50"), Decimal("1E+2"), None, "2080505"]}
    cache.put(k, value)
    got = cache.get(k)
    assert got == value and str(got["a"][0]) == "1.50" and str(got["a"][1]) == "1E+2"
    (entry,) = tmp_path.rglob(f"{k}.json")
    entry.write_text("{not json")
    assert cache.get(k) is None  # a corrupt entry is a miss
    assert not list(tmp_path.rglob(".tmp-*"))


def test_a_rerun_takes_unchanged_files_from_the_cache(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(SEED, a)
    shutil.copy(SEED, b)
    batch = Batch(CHECK, cache=ResultCache(tmp_path / "cache"), jobs=2)
    first = {i.path.name: i for i in batch.run([a, b])}
    assert not any(i.cached for i in first.values())
    assert {n: Path(i.result["source"]).name for n, i in first.items()} == {
        "a.txt": "a.txt", "b.txt": "b.txt"}
    shutil.copy(SEED, tmp_path / "c.txt")
    b.write_text(SEED.read_text(encoding="utf-8") + "\n附：修改过的文件。\n", encoding="utf-8")
    second = {i.path.name: i for i in batch.run([a, b])}
    assert second["a.txt"].cached and not second["b.txt"].cached
    assert second["a.txt"].result == first["a.txt"].result
    # c.txt has a.txt's bytes, never checked under its own name: a hit that names c.txt
    same = {i.path.name: i for i in batch.run([a, tmp_path / "c.txt"])}
    assert all(i.cached for i in same.values())
    assert {n: i.result["source"] for n, i in same.items()} == {
        "a.txt": str(a), "c.txt": str(tmp_path / "c.txt")}
    other = Batch(CHECK.with_params(select=["arithmetic"]), cache=batch.cache)
    assert not any(i.cached for i in other.run([a]))  # other rules, other entry


def test_crashed_files_are_reported_not_cached_and_stop_nothing(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "seed.txt")
    (tmp_path / "crash.txt").write_text("其他内容\n", encoding="utf-8")  # its own cache key
    (tmp_path / "seed2.txt").write_text(SEED.read_text(encoding="utf-8") + "\n附。\n",
                                        encoding="utf-8")
    paths = sorted(tmp_path.glob("*.txt"))
    task = attrs.evolve(CHECK, func=check_or_crash)
    batch = Batch(task, jobs=2, cache=ResultCache(tmp_path / "cache"))
    for _ in range(2):
        got = {i.path.name: i for i in batch.run(paths)}
        assert got["crash.txt"].result["status"] == "failed" and not got["crash.txt"].cached
        assert "SIGKILL" in got["crash.txt"].result["error"]
        assert got["seed.txt"].result["status"] == got["seed2.txt"].result["status"] == "checked"
    assert got["seed.txt"].cached


# --- the command -------------------------------------------------------------------------


def test_check_a_directory_with_corrupt_files(mixed: Path, tmp_path: Path) -> None:
    args = ("check", str(mixed), "--jobs", "2", "--cache", str(tmp_path / "cache"),
            "--format", "json", "--fail-on", "never")
    status, out, err = _cli(*args)
    assert status == 2  # files could not be loaded; the others were checked
    data = json.loads(out)
    docs = {Path(d["source"]).name: d for d in data["documents"]}
    assert set(docs) == {"seed.txt", "W020.pdf", "corrupt.pdf", "truncated.pdf", "empty.pdf"}
    for name in ("corrupt.pdf", "truncated.pdf", "empty.pdf"):
        assert "report" not in docs[name] and name in docs[name]["error"], docs[name]
        assert name in err
    for name in ("seed.txt", "W020.pdf"):
        assert "error" not in docs[name] and docs[name]["summary"]["checks"] > 0
    batch = data["batch"]
    assert (batch["documents"], batch["checked"], batch["not_checked"], batch["cached"]) == (
        5, 2, 3, 0)
    errors = [f["rule"] for d in docs.values() for f in d.get("findings", [])
              if f["severity"] == "error"]
    assert batch["errors_by_rule"] == {r: errors.count(r) for r in set(errors)}
    assert "Traceback" not in err

    status2, out2, _ = _cli(*args)
    again = json.loads(out2)
    assert status2 == 2 and again["batch"]["cached"] == 5
    assert sorted(again["documents"], key=lambda d: d["source"]) == sorted(
        data["documents"], key=lambda d: d["source"])


def test_text_output_ends_with_the_summary(mixed: Path) -> None:
    status, out, _ = _cli("check", str(mixed / "*.txt"), str(mixed / "empty.pdf"), "--no-cache",
                          "--fail-on", "never")
    assert status == 2
    summary = out.split("== summary\n")[1]
    assert summary.startswith("2 documents: 1 checked, 1 not checked (1 failed)")
    assert "empty.pdf: failed:" in summary


def test_progress_only_on_a_terminal(tmp_path: Path) -> None:
    drawn = io.StringIO()
    p = Progress(3, stream=drawn, enabled=True)
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        p.clear()
        p.advance(name, cached=name == "a.pdf")
    p.finish()
    text = drawn.getvalue()
    assert "\r[" in text and "3/3, 1 cached" in text and text.endswith("\n")
    quiet = io.StringIO()  # not a terminal
    p = Progress(3, stream=quiet)
    p.advance("a.pdf")
    p.finish()
    assert quiet.getvalue() == ""
    shutil.copy(SEED, tmp_path / "a.txt")
    shutil.copy(SEED, tmp_path / "b.txt")
    piped = subprocess.run([sys.executable, "-m", "govbudget", "check", str(tmp_path),
                            "--no-cache", "--fail-on", "never"],
                           capture_output=True, text=True, timeout=300, check=False)
    assert piped.returncode == 0 and "\r" not in piped.stderr


def test_summary_counts_results() -> None:
    s = BatchSummary()
    r = check_file(SEED)
    s.add("seed.txt", r)
    s.add("x.pdf", {"status": "failed", "error": "cannot open"})
    d = s.to_dict()
    assert (d["documents"], d["checked"], d["not_checked"]) == (2, 1, 1)
    assert d["errors"] == r["report"]["summary"]["errors"]
    assert d["not_checked_documents"] == [
        {"source": "x.pdf", "status": "failed", "reason": "cannot open"}]


def test_an_unusable_cache_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    shutil.copy(SEED, tmp_path / "a.txt")
    status, out, err = _cli("check", str(tmp_path / "a.txt"), "--cache", str(blocker),
                            "--fail-on", "never")
    assert status == 0 and "== " in out
    assert "cache" in err and str(blocker) in err


def test_a_cached_extract_names_the_file_it_is_found_at(tmp_path: Path) -> None:
    from govbudget.batch import EXTRACT

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(SEED, a)
    cache = ResultCache(tmp_path / "cache")
    (first,) = Batch(EXTRACT, cache=cache).run([a])
    shutil.copy(SEED, b)
    (hit,) = Batch(EXTRACT, cache=cache).run([b])
    assert hit.cached and not first.cached
    (doc,) = hit.result["documents"]
    assert (doc["source"], doc["file"]) == (str(b), "b.txt")
    assert hit.result["cells"] == first.result["cells"]
