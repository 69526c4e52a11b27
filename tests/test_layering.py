"""Data flows one way (STYLE.md): codes, money and tables import no loader, rule or command."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import govbudget

SRC = Path(govbudget.__file__).parent
LEAVES = ["codes", "money.py", "indicators", "tables", "source.py", "errors.py"]
FORBIDDEN = ("govbudget.readers", "govbudget.formats", "govbudget.rules", "govbudget.cli",
             "govbudget.strategies", "govbudget.narrative", "govbudget.performance")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


@pytest.mark.parametrize("leaf", LEAVES)
def test_leaf_imports_nothing_downstream(leaf: str) -> None:
    root = SRC / leaf
    files = [root] if root.is_file() else sorted(root.rglob("*.py"))
    assert files
    bad = {(f.name, m) for f in files for m in _imports(f) if m.startswith(FORBIDDEN)}
    assert not bad
