"""``import govbudget`` imports no loader, serializer, rule or optional dependency."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import json, sys
import govbudget
print(json.dumps(sorted(m for m in sys.modules
                        if m.startswith(("govbudget.", "pdfplumber", "pypdfium2", "docx", "openpyxl",
                                         "hypothesis", "cattrs", "moneyed")))))
"""


def test_import_is_light() -> None:
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         check=True)
    assert json.loads(run.stdout) == []


def test_public_names_resolve() -> None:
    import govbudget

    for name in govbudget.__all__:
        assert getattr(govbudget, name) is not None
