"""Export to a Fiscal Data Package (财政数据包): budget lines in 元, with an OpenSpending model.

``to_fiscal_data_package`` writes a directory holding ``datapackage.json`` and
``budget-lines.csv``: one line per amount cell of the code rows of the expenditure
tables classified by function (功能分类) or by economic nature (经济分类), with the
disclosure, the fiscal year, the table and column, the code and its 类/款/项, the fund
where the table or column says it, and the amount converted exactly to 元. The
package follows the Fiscal Data Package specification: a frictionless Data Package
with ``"profile": "fiscal-data-package"`` and a ``model`` of measures and dimensions.

>>> import json, tempfile, govbudget
>>> from govbudget.formats.fdp import to_fiscal_data_package
>>> path = to_fiscal_data_package(govbudget.example(), tempfile.mkdtemp())
>>> package = json.loads(path.read_text(encoding="utf-8"))
>>> package["profile"], package["model"]["measures"]["amount"]["currency"]
('fiscal-data-package', 'CNY')
>>> import csv
>>> text = (path.parent / "budget-lines.csv").read_text(encoding="utf-8")
>>> [(r["column"], r["amount_shown"], r["amount"]) for r in csv.DictReader(text.splitlines())
...  if r["table"] == "EXPENDITURE" and r["functional_code"] == "2080102"
...  and r["scope"] == "department"]
[('total', '55.00', '550000'), ('project', '55.00', '550000')]
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from govbudget.errors import GovBudgetError
from govbudget.money import Unit
from govbudget.tables.disclosure import Disclosure, Document, Scope
from govbudget.tables.kinds import TableKind
from govbudget.tables.model import BudgetTable

__all__ = ["EXCLUDED_TABLES", "LINE_FIELDS", "budget_lines", "to_fiscal_data_package"]

#: Tables classified by function or economic nature that are *not* exported: the
#: 收入总表 holds income by source (attributed to functions), not expenditure.
EXCLUDED_TABLES = frozenset({TableKind.REVENUE})

#: The fund (预算资金类别) of every amount of a table, where the table is one fund's.
_TABLE_FUNDS = {
    "GENERAL_BUDGET": "一般公共预算", "BASIC_EXPENDITURE": "一般公共预算",
    "GENERAL_BUDGET_ECONOMIC": "一般公共预算", "PROJECT_ECONOMIC": "一般公共预算",
    "GOV_FUND": "政府性基金预算", "SOE_CAPITAL": "国有资本经营预算",
}
#: The fund of a column, in tables that split amounts by fund.
_COLUMN_FUNDS = {"general": "一般公共预算", "fund": "政府性基金预算", "soe": "国有资本经营预算"}

_LEVELS = ("class", "section", "item")  # 类 / 款 / 项
_LEVEL_TITLES = {"class": "类", "section": "款", "item": "项"}
_ORDINAL = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十]+[)）])\s*")

#: The fields of ``budget-lines.csv``: (name, Table Schema type, title).
LINE_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("disclosure_code", "string", "预算单位编码 (disclosure code)"),
    ("disclosure_name", "string", "预算单位名称 (disclosure name)"),
    ("scope", "string", "department (部门预算) or unit (单位预算)"),
    ("department_code", "string", "部门编码 (the department, for a unit its parent)"),
    ("department_name", "string", "部门名称"),
    ("fiscal_year", "year", "预算年度 (fiscal year)"),
    ("table", "string", "table kind (TableKind name)"),
    ("table_name", "string", "表名 (standard name of the table)"),
    ("row_name", "string", "the row name as printed"),
    ("functional_code", "string", "支出功能分类科目编码"),
    *((f"functional_{level}_{part}", "string", f"功能分类{_LEVEL_TITLES[level]}{what}")
      for level in _LEVELS for part, what in (("code", "编码"), ("name", "名称"))),
    ("economic_code", "string", "支出经济分类科目编码"),
    *((f"economic_{level}_{part}", "string", f"经济分类{_LEVEL_TITLES[level]}{what}")
      for level in _LEVELS[:2] for part, what in (("code", "编码"), ("name", "名称"))),
    ("column", "string", "column key (total, basic, project, personnel …)"),
    ("column_name", "string", "the column name as printed (合计, 基本支出 …)"),
    ("fund", "string", "预算资金类别 where the table or column gives it"),
    ("amount", "number", "amount in 元 (CNY), exact"),
    ("amount_shown", "number", "amount as printed, in the unit shown"),
    ("unit", "string", "the unit the table prints amounts in (元, 万元, 亿元)"),
    ("level", "integer", "depth of the code: 1 类, 2 款, 3 项"),
    ("leaf", "boolean", "true when no row of the table is below this one"),
)
_FIELD_NAMES = tuple(name for name, _, _ in LINE_FIELDS)
_LINES_FILE = "budget-lines.csv"

_Namer = Callable[[str, int], str | None]


def to_fiscal_data_package(document: Document | Disclosure, directory: str | os.PathLike[str]
                           ) -> Path:
    """Write ``datapackage.json`` and ``budget-lines.csv`` into ``directory``; return the former.

    The directory is created if missing; existing files of those names are replaced.
    Department and unit disclosures are both exported (a department's amounts are the
    sum of its units'), and so are 类, 款 and 项 rows and total columns: filter on
    ``scope``, ``leaf``, ``table`` and ``column`` before adding amounts up.
    """
    doc = document if isinstance(document, Document) else Document(None, (document,))
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    lines = list(budget_lines(doc))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, _FIELD_NAMES, lineterminator="\n")
    writer.writeheader()
    writer.writerows(lines)
    (out / _LINES_FILE).write_text(buffer.getvalue(), encoding="utf-8", newline="")
    path = out / "datapackage.json"
    package = _descriptor(doc, lines)
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def budget_lines(document: Document, *, namer: _Namer | None = None) -> Iterator[dict[str, str]]:
    """The budget lines of a document, as the CSV rows written (every value a string).

    ``namer(code, year)`` names the 类/款 above a row (default: the bundled catalogue
    of ``govbudget.codes``, falling back to the names printed in the disclosure).
    """
    name_of = namer or _catalogue_name()

    def walk(d: Disclosure, parent: Disclosure | None) -> Iterator[dict[str, str]]:
        department = parent or (d if d.scope is Scope.DEPARTMENT else None)
        for table in d.tables:
            if table.kind not in EXCLUDED_TABLES and table.spec.scheme in (
                    "functional", "economic"):
                yield from _table_lines(d, department, table, name_of)
        for unit in d.units:
            yield from walk(unit, d)

    for d in document.disclosures:
        yield from walk(d, None)


def _table_lines(d: Disclosure, department: Disclosure | None, table: BudgetTable,
                 name_of: _Namer) -> Iterator[dict[str, str]]:
    scheme = table.spec.scheme or ""
    rows = [r for r in table.code_rows() if r.side in (None, "expenditure")]
    codes = {r.code for r in rows if r.code}
    printed = _printed_names(d, table)
    columns = {c.key: c for c in reversed(table.columns)}
    for row in rows:
        code = row.code or ""
        base = dict.fromkeys(_FIELD_NAMES, "")
        base |= {
            "disclosure_code": d.code or "", "disclosure_name": d.name, "scope": d.scope.value,
            "department_code": department.code or "" if department else "",
            "department_name": department.name if department else "",
            "fiscal_year": str(d.year), "table": table.kind.name, "table_name": table.name,
            "row_name": row.name, f"{scheme}_code": code,
            "level": str(len(_ancestors(code))), "unit": table.unit.value,
            "leaf": "false" if any(c != code and c.startswith(code) for c in codes) else "true",
        }
        # an economic code has 类 and 款 only: a longer code printed there fills those two
        levels = _LEVELS if scheme == "functional" else _LEVELS[:2]
        for level, part in zip(levels, _ancestors(code), strict=False):
            base[f"{scheme}_{level}_code"] = part
            base[f"{scheme}_{level}_name"] = (
                _strip(row.name) if part == code
                else name_of(part, d.year) or printed.get(part, ""))
        for key, cell in row.cells.items():
            column = columns.get(key)
            if cell.value is None or (column is not None and column.side == "income"):
                continue
            yield {
                **base, "column": key, "column_name": column.name if column else "",
                "fund": _COLUMN_FUNDS.get(key) or _TABLE_FUNDS.get(table.kind.name, ""),
                "amount": format(table.unit.convert(cell.value, Unit.YUAN), "f"),
                "amount_shown": cell.text(),
            }


def _ancestors(code: str) -> list[str]:
    """``2080101`` → ``['208', '20801', '2080101']``."""
    return [code[:n] for n in range(3, len(code) + 1, 2)] if len(code) >= 3 else [code]


def _strip(name: str) -> str:
    return _ORDINAL.sub("", name).strip()


def _printed_names(d: Disclosure, table: BudgetTable) -> dict[str, str]:
    """Code → name as printed, this table first, then the disclosure's other tables."""
    names: dict[str, str] = {}
    for t in (table, *d.tables):
        if t.spec.scheme == table.spec.scheme:
            for r in t.code_rows():
                if r.code:
                    names.setdefault(r.code, _strip(r.name))
    return names


def _catalogue_name() -> _Namer:
    """Names from ``govbudget.codes.lookup(code, year=)``; ``None`` where it raises."""
    from govbudget.codes import lookup

    cache: dict[tuple[str, int], str | None] = {}

    def name(code: str, year: int) -> str | None:
        key = (code, year)
        if key not in cache:
            try:
                cache[key] = lookup(code, year=year).name
            except (GovBudgetError, LookupError, ValueError):
                cache[key] = None
        return cache[key]

    return name


def _descriptor(doc: Document, lines: list[dict[str, str]]) -> dict[str, Any]:
    years = sorted({int(line["fiscal_year"]) for line in lines} or {d.year for d in doc.walk()})
    first = doc.disclosures[0] if doc.disclosures else None
    slug = "-".join(p for p in ("govbudget", first and first.code,
                                years and f"{years[0]}") if p)
    title = " ".join(p for p in (first and first.name, years and f"{years[0]}年",
                                 "部门预算") if p)
    package: dict[str, Any] = {
        "profile": "fiscal-data-package",
        "name": re.sub(r"[^a-z0-9._-]", "-", slug.lower()),
        "title": title,
        "countryCode": "CN",
        "granularity": "aggregated",
        "resources": [_resource()],
        "model": _model(),
    }
    if years:
        package["fiscalPeriod"] = {"start": f"{years[0]}-01-01", "end": f"{years[-1]}-12-31"}
    if doc.source:
        package["sources"] = [{"title": doc.source}]
    return package


def _resource() -> dict[str, Any]:
    fields = []
    for name, kind, title in LINE_FIELDS:
        field: dict[str, Any] = {"name": name, "type": kind, "title": title}
        if kind == "boolean":
            field["trueValues"], field["falseValues"] = ["true"], ["false"]
        fields.append(field)
    return {
        "name": "budget-lines",
        "path": _LINES_FILE,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
        "schema": {"fields": fields, "missingValues": [""]},
    }


def _hierarchy(prefix: str, levels: tuple[str, ...], classification: str) -> dict[str, Any]:
    attributes: dict[str, Any] = {"code": {"source": f"{prefix}_code"}}
    parent = None
    for level in levels:
        code = f"{level}_code"
        attributes[code] = {"source": f"{prefix}_{code}"}
        if parent:
            attributes[code]["parent"] = parent
        attributes[f"{level}_name"] = {"source": f"{prefix}_{level}_name", "labelfor": code}
        parent = code
    return {"attributes": attributes, "primaryKey": ["code"], "dimensionType": "classification",
            "classificationType": classification}


def _model() -> dict[str, Any]:
    return {
        "measures": {
            "amount": {"source": "amount", "currency": "CNY", "factor": 1,
                       "direction": "expenditure", "phase": "approved"},
        },
        "dimensions": {
            "administrative-classification": {
                "attributes": {
                    "department_code": {"source": "department_code"},
                    "department_name": {"source": "department_name",
                                        "labelfor": "department_code"},
                    "code": {"source": "disclosure_code", "parent": "department_code"},
                    "name": {"source": "disclosure_name", "labelfor": "code"},
                    "scope": {"source": "scope"},
                },
                "primaryKey": ["code"], "dimensionType": "classification",
                "classificationType": "administrative",
            },
            "functional-classification": _hierarchy("functional", _LEVELS, "functional"),
            "economic-classification": _hierarchy("economic", _LEVELS[:2], "economic"),
            "date": {"attributes": {"year": {"source": "fiscal_year"}}, "primaryKey": ["year"],
                     "dimensionType": "datetime"},
            "table": {"attributes": {"kind": {"source": "table"},
                                     "name": {"source": "table_name", "labelfor": "kind"}},
                      "primaryKey": ["kind"], "dimensionType": "other"},
            "column": {"attributes": {"key": {"source": "column"},
                                      "name": {"source": "column_name", "labelfor": "key"}},
                       "primaryKey": ["key"], "dimensionType": "other"},
            "fund": {"attributes": {"name": {"source": "fund"}}, "primaryKey": ["name"],
                     "dimensionType": "classification", "classificationType": "fund"},
        },
    }

