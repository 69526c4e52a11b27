"""Which files a batch reads (批量文件): directories, glob patterns and plain paths.

A directory stands for every document under it (recursively, hidden entries skipped,
in sorted order); an argument with ``*``, ``?`` or ``[`` that names no existing file is
a glob pattern (``**`` crosses directories); anything else is taken as one file, even
when it does not exist, so that the batch reports it instead of dropping it.

>>> import pathlib, tempfile
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> for name in ("b.pdf", "a.txt", "notes.md", "sub/c.xlsx", ".hidden/d.pdf"):
...     (root / name).parent.mkdir(parents=True, exist_ok=True)
...     _ = (root / name).write_text("x")
>>> [p.relative_to(root).as_posix() for p in expand([root])]
['a.txt', 'b.pdf', 'sub/c.xlsx']
>>> [p.name for p in expand([str(root / "*.pdf"), root / "b.pdf"])]
['b.pdf']
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["DOCUMENT_SUFFIXES", "expand"]

#: The files a directory or a glob contributes: what ``govbudget.load`` reads.
DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".xlsx", ".xlsm", ".txt", ".text", ".json"})

_GLOB_CHARS = frozenset("*?[")


def expand(arguments: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The documents named by ``arguments``, in order, each path once."""
    seen: set[Path] = set()
    out: list[Path] = []
    for arg in arguments:
        for path in _one(arg):
            key = path.absolute()
            if key not in seen:
                seen.add(key)
                out.append(path)
    return out


def _one(arg: str | os.PathLike[str]) -> list[Path]:
    path = Path(arg)
    if path.is_dir():
        return _documents_under(path)
    text = os.fspath(arg)
    if not path.exists() and _GLOB_CHARS & set(text):
        found = (Path(p) for p in sorted(glob.glob(text, recursive=True)))
        return [p for p in found if p.is_file() and _is_document(p)]
    return [path]


def _documents_under(root: Path) -> list[Path]:
    found: list[Path] = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        found.extend(Path(directory, f) for f in files
                     if not f.startswith(".") and _is_document(Path(f)))
    return sorted(found, key=lambda p: p.parts)


def _is_document(path: Path) -> bool:
    return path.suffix.lower() in DOCUMENT_SUFFIXES
