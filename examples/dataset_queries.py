"""The DuckDB questions of ``docs/dataset.md``, run on a directory written by ``govbudget extract``.

    govbudget extract ../shared/corpus -o out --to parquet
    python examples/dataset_queries.py out [../shared/corpus/manifest.tsv]

Prints each question, its SQL and DuckDB's answer (the outputs quoted in the docs).
The manifest (optional) names each corpus file's city and department, which the
disclosures themselves do not always print legibly.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

TABLES = ("documents", "disclosures", "tables", "cells", "claims", "findings")

QUESTIONS: list[tuple[str, str]] = [
    ("What was read, by status", """
SELECT status, count(*) AS documents, sum(tables) AS tables, sum(errors) AS errors
FROM documents GROUP BY status ORDER BY documents DESC
"""),
    ("The standard tables read, by kind", """
SELECT table_kind, count(*) AS tables, count(DISTINCT document_id) AS documents,
       sum(amounts) AS amounts
FROM tables WHERE table_kind <> 'OTHER' GROUP BY ALL ORDER BY tables DESC LIMIT 8
"""),
    ("三公经费 this year and last, where the 三公 table prints both", """
SELECT m.department, c.year,
       max(c.amount_yuan) FILTER (c.column_key = 'total') AS this_year,
       max(c.amount_yuan) FILTER (c.column_key = 'prior') AS last_year,
       this_year - last_year AS rise
FROM cells c JOIN documents d USING (document_id) JOIN manifest m ON m.id || '.pdf' = d.file
WHERE c.table_kind = 'THREE_PUBLIC' AND c.row_line = 'total' AND c.cell_kind = 'amount'
GROUP BY ALL HAVING last_year IS NOT NULL ORDER BY rise DESC
"""),
    ("The departments whose 三公经费 rose most, as their narrative states it", """
SELECT m.city, m.department, c.label, c.direction * c.amount_yuan AS change_yuan, c.compared,
       c.page
FROM claims c JOIN documents d USING (document_id) JOIN manifest m ON m.id || '.pdf' = d.file
WHERE c.section = 'three_public' AND c.kind = 'change' AND c.amount_yuan IS NOT NULL
  AND c.label LIKE '%三公%' AND NOT c.prior
QUALIFY row_number() OVER (PARTITION BY c.document_id ORDER BY c.claim_index) = 1
ORDER BY change_yuan DESC LIMIT 8
"""),
    ("Every 2080505 (机关事业单位基本养老保险缴费支出) row of a city", """
SELECT m.department, c.table_kind, c.column_key, c.amount_yuan, c.shown, c.unit, c.page
FROM cells c JOIN documents d USING (document_id) JOIN manifest m ON m.id || '.pdf' = d.file
WHERE c.row_code = '2080505' AND m.city = '无锡' AND c.cell_kind = 'amount'
  AND c.column_key IN ('total', 'basic')
ORDER BY m.department, c.page, c.column_key
"""),
    ("一般公共预算财政拨款支出 of every department, summed (compare with the library below)", """
SELECT count(*) AS departments, sum(amount_yuan) AS total_yuan
FROM cells
WHERE table_kind = 'GENERAL_BUDGET' AND row_line = 'total' AND column_key = 'total'
  AND cell_kind = 'amount' AND scope = 'department'
"""),
    ("The rules with the most error findings, across documents", """
SELECT rule, count(*) AS errors, count(DISTINCT document_id) AS documents
FROM findings WHERE severity = 'error' GROUP BY rule ORDER BY errors DESC LIMIT 6
"""),
]


def connect(out: Path, manifest: Path | None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for t in TABLES:
        con.sql(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{out / t}.parquet')")
    if manifest is not None:
        con.sql(f"CREATE VIEW manifest AS SELECT * FROM read_csv('{manifest}', delim='\\t', "
                "header=true, all_varchar=true)")
    return con


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    manifest = Path(argv[1]) if len(argv) > 1 else None
    con = connect(out, manifest)
    for title, sql in QUESTIONS:
        if "manifest" in sql and manifest is None:
            continue
        print(f"-- {title}\n{sql.strip()};")
        print(con.sql(sql))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
