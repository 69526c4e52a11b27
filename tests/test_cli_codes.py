"""``govbudget code | search | tree`` run as a subprocess: output, JSON and exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govbudget", *args], capture_output=True,
                          text=True, check=False, encoding="utf-8")


def test_code_json() -> None:
    r = run("code", "2080101", "--json", "--year", "2023")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["code"] == "2080101" and data["name"] == "行政运行"
    assert (data["level"], data["scheme"], data["edition"]) == ("项", "functional", 2023)
    assert data["provenance"] == "observed"
    assert [p["code"] for p in data["path"]] == ["208", "20801", "2080101"]
    assert data["path"][0]["name"] == "社会保障和就业支出"
    assert data["children"] == []
    assert "行政运行" in r.stdout  # ensure_ascii=False


def test_code_text_and_economic_json() -> None:
    r = run("code", "208-05", "--year", "2023")
    assert r.returncode == 0 and "20805 行政事业单位养老支出" in r.stdout
    data = json.loads(run("code", "30231", "--json").stdout)
    assert data["three_public_item"] == "公务用车运行维护费" and data["nature"] == "public"
    assert data["government_code"] == {"行政": "50208", "事业": "50502"}


def test_code_by_name() -> None:
    r = run("code", "社会保障和就业支出（类）", "--json", "--year", "2023")
    assert r.returncode == 0 and json.loads(r.stdout)["code"] == "208"


@pytest.mark.parametrize(
    ("args", "status"),
    [(("code", "2999999"), 1), (("code", "2014001", "--year", "2023"), 1),
     (("code", "abc"), 2), (("code", "20"), 2), (("code", "208", "--year", "1990"), 2),
     (("code", "208", "--year", "x"), 2), (("code", "208", "--scheme", "nope"), 2),
     (("code", "30101", "--scheme", "functional"), 2), (("code", "行政运行"), 2),
     (("search", "不存在的名称"), 1), (("tree", "2999999"), 1),
     (("tree", "208", "--depth", "-1"), 2),
     (("code",), 2)],
)
def test_exit_statuses(args: tuple[str, ...], status: int) -> None:
    r = run(*args)
    assert r.returncode == status, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert r.stderr.strip() and len(r.stderr.strip().splitlines()) <= 3


@pytest.mark.parametrize("args", [("search", "行政", "--limit", "-1"), ("search", "行政", "--limit", "x"),
                                  ("tree", "208", "--depth", "x")])
def test_bad_count_names_its_option(args: tuple[str, ...]) -> None:
    # regression: --limit said "depth must be 0 or more", and a non-number named "_depth"
    r = run(*args)
    assert r.returncode == 2
    assert f"argument {args[2]}: expected a whole number, 0 or more; found {args[3]!r}" in r.stderr
    assert "depth must" not in r.stderr and "_depth" not in r.stderr


def test_unknown_message_names_the_editions() -> None:
    r = run("code", "2014001", "--year", "2023")
    assert "2024" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_search_json() -> None:
    r = run("search", "行政单位医疗", "--json", "--year", "2023")
    assert r.returncode == 0
    hits = json.loads(r.stdout)
    assert hits[0]["code"] == "2101101" and {"code", "name", "path", "children"} <= set(hits[0])


def test_tree() -> None:
    r = run("tree", "20805", "--year", "2023")
    lines = r.stdout.splitlines()
    assert r.returncode == 0 and lines[0] == "20805 行政事业单位养老支出"
    assert "  2080505 机关事业单位基本养老保险缴费支出" in lines
    shallow = run("tree", "208", "--depth", "1", "--year", "2023").stdout.splitlines()
    assert all(not line.startswith("    ") for line in shallow) and len(shallow) > 5
