"""The ``govbudget check``, ``rules``, ``schema`` and ``convert`` commands, run as subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import govbudget


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govbudget", *args], capture_output=True,
                          text=True, timeout=120, check=False)


def test_check_example_json_shape() -> None:
    p = run("check", "--example", "--format", "json", "--fail-on", "never")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    (doc,) = out["documents"]
    assert [(d["scope"], d["code"], d["year"]) for d in doc["disclosures"]] == [
        ("department", "323", 2023), ("unit", "323001", 2023)]
    assert "部门预算收支总表" in doc["disclosures"][0]["tables"]
    for f in doc["findings"]:
        assert set(f) == {"rule", "severity", "message", "location", "expected", "actual",
                          "evidence", "unit", "terms", "places", "consequences"}
        assert f["severity"] in ("error", "warning", "info")
    assert doc["summary"]["checks"] > 0
    assert "Traceback" not in p.stderr


def test_fail_on_sets_the_exit_status() -> None:
    report = govbudget.check(govbudget.example())
    has_error = bool(report.errors)
    has_warning = any(f.severity.value == "warning" for f in report.findings)
    assert run("check", "--example").returncode == (1 if has_error else 0)
    assert run("check", "--example", "--fail-on", "warning").returncode == (
        1 if has_error or has_warning else 0)
    assert run("check", "--example", "--fail-on", "never").returncode == 0


def test_unloadable_file_exits_2_and_others_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    p = run("check", "--example", str(bad), "--format", "json", "--fail-on", "never")
    assert p.returncode == 2
    docs = json.loads(p.stdout)["documents"]
    assert len(docs) == 2 and "error" in docs[1] and "bad.pdf" in docs[1]["error"]
    assert "bad.pdf" in p.stderr and "Traceback" not in p.stderr


def test_no_file_is_a_usage_error() -> None:
    p = run("check")
    assert p.returncode == 2 and p.stderr.strip()


def test_rules_json_lists_every_rule() -> None:
    p = run("rules", "--json")
    assert p.returncode == 0
    rules = json.loads(p.stdout)
    assert all(set(r) == {"id", "severity", "statement", "source", "family", "aliases"}
               for r in rules)
    ids = {r["id"] for r in rules}
    assert {"T1-1", "X-1", "S-1", "D-1"} <= ids


def test_convert_to_json_round_trips(tmp_path: Path) -> None:
    source = tmp_path / "seed.txt"
    from importlib import resources

    source.write_bytes(resources.files("govbudget.examples").joinpath(
        "lianchi-hrss-2023-budget.txt").read_bytes())
    out = tmp_path / "seed.json"
    p = run("convert", str(source), "--to", "json", "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert govbudget.load(out) == govbudget.load(source)
