"""``check_file`` and ``extract_file`` mapped over documents on a local Dask cluster: the same
results as in this process (the functions are pure: a path in, plain data out)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from conftest import CORPUS, SAMPLES, SEED, skip_without_shared
from govbudget.batch import check_file, extract_file

distributed = pytest.importorskip(
    "distributed", reason="the distributed extra is not installed: pip install 'govbudget[distributed]'")


def test_check_and_extract_on_a_local_dask_cluster(tmp_path: Path) -> None:
    pdf, xlsx = CORPUS / "W020.pdf", SAMPLES / "shanghai-putuo-2026-unit-budget-template.xlsx"
    skip_without_shared(pdf)
    skip_without_shared(xlsx)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj <<")
    paths = [str(p) for p in (SEED, pdf, xlsx, broken)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster) as client:
        pids = set(client.run(os.getpid).values())
        checked = client.gather(client.map(check_file, paths))
        rows = client.gather(client.map(extract_file, paths))
    assert len(pids) == 2 and os.getpid() not in pids
    assert checked == [check_file(p) for p in paths]
    assert rows == [extract_file(p) for p in paths]
    assert [r["status"] for r in checked] == ["checked", "checked", "checked", "failed"]
    assert [r["documents"][0]["status"] for r in rows] == ["checked", "checked", "checked", "failed"]
