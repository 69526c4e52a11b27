"""What a batch did (批量汇总), and a progress bar while it does it.

``BatchSummary`` counts, as items arrive, the documents, those checked, those not
checked (could not be loaded, crashed, timed out, nothing checkable) with their
reasons, the results taken from the cache, and the findings by rule; it keeps counts,
not results, so it stays small over any number of files. ``Progress`` draws one
line on a terminal and nothing when the stream is not one (a pipe, a file).

>>> s = BatchSummary()
>>> s.add("a.pdf", {"status": "checked", "report": {"findings": [
...     {"rule": "T-1", "severity": "error"}, {"rule": "T-1", "severity": "error"},
...     {"rule": "N-2", "severity": "warning"}]}}, cached=True)
>>> s.add("b.pdf", {"status": "failed", "error": "cannot open the PDF"})
>>> print(s.to_text())
2 documents: 1 checked, 1 not checked (1 failed); 1 from the cache
2 errors, 1 warning; errors by rule: T-1 2
not checked:
  b.pdf: failed: cannot open the PDF
>>> s.to_dict()["errors_by_rule"]
{'T-1': 2}
"""

from __future__ import annotations

import shutil
import sys
import time
from collections import Counter
from collections.abc import Mapping
from typing import Any, TextIO

__all__ = ["BatchSummary", "Progress"]

#: how many not-checked documents the summary names (the others are counted)
NAMED = 50


class BatchSummary:
    """Counts over the results of ``check_file`` (see the module docstring)."""

    def __init__(self) -> None:
        self.documents = 0
        self.cached = 0
        self.status: Counter[str] = Counter()
        self.severities: Counter[str] = Counter()
        self.errors_by_rule: Counter[str] = Counter()
        self.not_checked: list[tuple[str, str, str]] = []  # (source, status, reason)
        self.seconds = 0.0

    def add(self, source: str, result: Mapping[str, Any], *, cached: bool = False,
            seconds: float = 0.0) -> None:
        self.documents += 1
        self.cached += cached
        self.seconds += seconds
        status = str(result.get("status") or "failed")
        self.status[status] += 1
        if status != "checked":
            self.not_checked.append((source, status, str(result.get("error") or "")))
        for f in (result.get("report") or {}).get("findings") or ():
            self.severities[f["severity"]] += 1
            if f["severity"] == "error":
                self.errors_by_rule[f["rule"]] += 1

    @property
    def checked(self) -> int:
        return self.status["checked"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "checked": self.checked,
            "not_checked": self.documents - self.checked,
            "not_checked_by_status": {k: v for k, v in sorted(self.status.items())
                                      if k != "checked"},
            "cached": self.cached,
            "errors": self.severities["error"],
            "warnings": self.severities["warning"],
            "errors_by_rule": dict(sorted(self.errors_by_rule.items(),
                                          key=lambda kv: (-kv[1], kv[0]))),
            "not_checked_documents": [
                {"source": s, "status": st, "reason": r} for s, st, r in self.not_checked],
        }

    def to_text(self) -> str:
        d = self.to_dict()
        why = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in d["not_checked_by_status"].items())
        lines = [
            f"{_n(d['documents'], 'document')}: {d['checked']} checked, "
            f"{d['not_checked']} not checked" + (f" ({why})" if why else "")
            + (f"; {d['cached']} from the cache" if d["cached"] else ""),
            f"{_n(d['errors'], 'error')}, {_n(d['warnings'], 'warning')}"
            + ("; errors by rule: " + ", ".join(f"{r} {n}" for r, n in d["errors_by_rule"].items())
               if d["errors_by_rule"] else ""),
        ]
        if self.not_checked:
            lines.append("not checked:")
            lines += [f"  {s}: {st.replace('_', ' ')}: {r}" for s, st, r in self.not_checked[:NAMED]]
            if len(self.not_checked) > NAMED:
                lines.append(f"  … and {len(self.not_checked) - NAMED} more")
        return "\n".join(lines)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class Progress:
    """One line of progress on ``stream`` (stderr), drawn only when it is a terminal."""

    def __init__(self, total: int, *, stream: TextIO | None = None,
                 enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _isatty(self.stream) if enabled is None else enabled
        self.total = total
        self.done = 0
        self.cached = 0
        self.failed = 0
        self._drawn = 0.0
        self._visible = False

    def advance(self, name: str, *, cached: bool = False, failed: bool = False) -> None:
        self.done += 1
        self.cached += cached
        self.failed += failed
        now = time.monotonic()
        if self.enabled and (not self._visible or now - self._drawn > 0.1
                             or self.done == self.total):
            self._drawn = now
            self._draw(name)

    def _draw(self, name: str) -> None:
        width = shutil.get_terminal_size((80, 20)).columns
        filled = 20 * self.done // max(1, self.total)
        extra = "".join((f", {self.cached} cached" if self.cached else "",
                         f", {self.failed} not checked" if self.failed else ""))
        line = f"[{'#' * filled:<20}] {self.done}/{self.total}{extra}  {name}"
        self.stream.write("\r" + line[: width - 1].ljust(width - 1))
        self.stream.flush()
        self._visible = True

    def clear(self) -> None:
        """Wipe the bar, so that other output can take its line (drawn again on advance)."""
        if self._visible:
            width = shutil.get_terminal_size((80, 20)).columns
            self.stream.write("\r" + " " * (width - 1) + "\r")
            self.stream.flush()
            self._visible = False

    def finish(self) -> None:
        """Leave the last state of the bar on its own line."""
        if self._visible:
            self.stream.write("\n")
            self.stream.flush()
            self._visible = False


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
