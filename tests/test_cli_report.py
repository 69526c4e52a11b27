"""``govbudget check`` options, rule selection errors, ``rules ID``, ``--version``, ``--bom``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import govbudget
from govbudget.cli import main
from govbudget.errors import GovBudgetError, UnknownRule
from govbudget.rules import REGISTRY


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out, out.err


def test_unknown_rule_is_a_usage_error_listing_the_valid_ones(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "check", "--example", "--select", "bogus")
    assert status == 2 and not out
    assert "'bogus'" in err and "families: aggregation, arithmetic" in err and "T1-1" in err
    status, _, err = _run(capsys, "check", "--example", "--exclude", "arithmetic,T1-9")
    assert status == 2 and "'T1-9'" in err and "did you mean" in err


def test_unknown_rule_in_the_api() -> None:
    doc = govbudget.example()
    with pytest.raises(UnknownRule) as info:
        govbudget.check(doc, select=["bogus"])
    err = info.value
    assert isinstance(err, ValueError) and isinstance(err, GovBudgetError)
    assert err.names == ("bogus",) and "T1-1" in err.rules and "arithmetic" in err.families
    with pytest.raises(ValueError, match="'X-99'"):
        govbudget.check(doc, exclude=["X-99"])
    assert govbudget.UnknownRule is UnknownRule


def test_comma_lists_and_aliases_select(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "check", "--example", "--format", "json", "--fail-on", "never",
                          "--select", "T1-1,X-15", "--select", "three-public",
                          "--exclude", "A-1,Y-1")
    assert status == 0
    rules = {o["rule"] for o in json.loads(out)["documents"][0]["outcomes"]}
    three = {r.id for r in REGISTRY if r.family == "three-public"}
    assert rules == ({"T1-1"} | three) - {"A-1", "Y-1"}
    api = govbudget.check(govbudget.example(), select="T1-1, S-X1")
    assert {o.rule for o in api.outcomes} == {"T1-1", "S-X1"}


def test_min_severity_filters_what_is_shown_not_the_exit_status(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "check", "--example", "--format", "json",
                          "--min-severity", "error")
    findings = json.loads(out)["documents"][0]["findings"]
    assert findings and {f["severity"] for f in findings} == {"error"}
    assert status == 1
    status, out, _ = _run(capsys, "check", "--example", "--min-severity", "warning",
                          "--fail-on", "never")
    assert status == 0 and " 警告 " in out and " 提示 " not in out


def test_quiet_verbose_and_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    _, quiet, _ = _run(capsys, "check", "--example", "-q", "--fail-on", "never")
    assert quiet.splitlines()[0].startswith("== ") and len(quiet.splitlines()) == 3
    _, plain, _ = _run(capsys, "check", "--example", "--fail-on", "never")
    assert "跳过原因：加 --coverage 列出" in plain and "跳过原因：\n" not in plain
    _, cov, _ = _run(capsys, "check", "--example", "--coverage", "--fail-on", "never")
    report = govbudget.check(govbudget.example())
    reasons = {o.reason for o in report.outcomes if o.status.value == "skipped"}
    assert reasons and all(r in cov for r in reasons if r)
    _, verbose, _ = _run(capsys, "check", "--example", "-v", "--fail-on", "never")
    assert "跳过原因：" in verbose and "实际：" in verbose and len(verbose) > len(plain)
    with pytest.raises(SystemExit) as info:
        main(["check", "--example", "-q", "-v"])
    assert info.value.code == 2


def test_nothing_checked_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "check", "--example", "--select", "E-1")
    assert status == 3 and "未能检查" in out and "未发现问题" not in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"govbudget {govbudget.__version__}"


def test_rules_id_shows_one_rule(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "rules", "T1-1")
    assert status == 0
    rule = REGISTRY["T1-1"]
    for part in (rule.statement, f"来源：{rule.source}", "需要：收支总表", "例（"):
        assert part in out
    assert "印：" in out and "万元" in out


def test_rules_id_json_and_family(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "rules", "--json", "N-2")
    (info,) = json.loads(out)
    assert status == 0 and info["id"] == "N-2" and "情况说明（文字部分）" in info["needs"]
    assert info["example"]["defect"] is None  # the seed's own finding
    assert info["example"]["finding"]["rule"] == "N-2"
    assert [o["status"] for o in info["on_example"]] == ["failed", "failed"]
    status, out, _ = _run(capsys, "rules", "aggregation", "--json")
    assert [i["id"] for i in json.loads(out)] == ["D-1", "D-2", "D-3", "D-4"]


def test_rules_unknown_id_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "rules", "Q-7")
    assert status == 2 and not out and "'Q-7'" in err and "rules: A-1" in err


def test_convert_csv_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text(govbudget.to_json(govbudget.example()), encoding="utf-8")
    out = tmp_path / "seed.csv"
    assert main(["convert", str(seed), "--to", "csv", "--bom", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert govbudget.from_csv(data.decode("utf-8")) == govbudget.from_csv(
        govbudget.to_csv(govbudget.example()))
    assert main(["convert", str(seed), "--to", "json", "--bom"]) == 2
    assert "--bom" in capsys.readouterr().err


def test_check_csv_bom_opens_as_utf8_sig(tmp_path: Path) -> None:
    out = tmp_path / "findings.csv"
    assert main(["check", "--example", "--format", "csv", "--bom", "-o", str(out),
                 "--fail-on", "never"]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(govbudget.check(govbudget.example()).findings)
    assert rows[0]["document"] == "lianchi-hrss-2023-budget.txt"
