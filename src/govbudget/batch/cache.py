"""The result cache of a batch (结果缓存): a file's result, kept under its content and the library.

A result is stored under a key made of the task (``check``, ``extract``), the SHA-256
of the file's bytes, the task's parameters (the selected rules …) and the library's
fingerprint: its version, a hash of its own source and data files, and the versions of
the reading libraries (pdfplumber, pypdfium2, openpyxl, python-docx). A file that
changes, a library upgrade or an edited rule therefore misses; renaming or moving a
file hits. Entries are JSON files written atomically (safe with several runs at once);
decimals round-trip exactly. A corrupt entry reads as a miss.

The default directory is ``$GOVBUDGET_CACHE_DIR``, else the user cache directory
(``$XDG_CACHE_HOME/govbudget`` or ``~/.cache/govbudget`` on Linux,
``~/Library/Caches/govbudget`` on macOS, ``%LOCALAPPDATA%\\govbudget\\Cache`` on Windows).
Deleting it is always safe.

>>> import tempfile
>>> from decimal import Decimal
>>> cache = ResultCache(tempfile.mkdtemp())
>>> key = cache.key("check", "ab" * 32, {"select": ["T-1"]})
>>> cache.get(key) is None
True
>>> cache.put(key, {"amount": Decimal("580000.00"), "codes": ["2080505"]})
>>> cache.get(key)
{'amount': Decimal('580000.00'), 'codes': ['2080505']}
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Mapping
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["ResultCache", "default_cache_dir", "file_digest", "fingerprint"]

#: The libraries whose version changes what a file reads as.
READING_LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "openpyxl", "python-docx")
#: Bumped when the layout of the cache itself changes.
CACHE_FORMAT = 1
_DECIMAL = "$decimal"


def default_cache_dir() -> Path:
    """Where results are cached when no ``--cache`` is given (see the module docstring)."""
    explicit = os.environ.get("GOVBUDGET_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "govbudget"
    if os.name == "nt":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else Path.home() / "AppData" / "Local"
        return base / "govbudget" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "govbudget"


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """The library as it reads and checks: version, own files, reading libraries (hex)."""
    import govbudget

    h = hashlib.sha256(f"govbudget {govbudget.__version__} cache {CACHE_FORMAT}\n".encode())
    package = Path(govbudget.__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(path.relative_to(package).as_posix().encode() + b"\0")
            h.update(path.read_bytes())
    for name in READING_LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{name} {version}\n".encode())
    return h.hexdigest()


def file_digest(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes (hex), read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class ResultCache:
    """A directory of results, one JSON file per (task, file content, parameters, library)."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)

    def __repr__(self) -> str:
        return f"ResultCache({str(self.directory)!r})"

    def key(self, task: str, digest: str, params: Mapping[str, Any]) -> str:
        """The entry name of ``task`` on a file of content ``digest`` with ``params``."""
        text = json.dumps([task, digest, fingerprint(), dict(params)], sort_keys=True,
                          default=str, ensure_ascii=False)
        return f"{task}-{hashlib.sha256(text.encode()).hexdigest()}"

    def _path(self, key: str) -> Path:
        return self.directory / key[-2:] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        """The stored result, or ``None`` when there is none or it cannot be read."""
        try:
            text = self._path(key).read_text(encoding="utf-8")
            return json.loads(text, object_hook=_decode)
        except (OSError, ValueError):
            return None

    def put(self, key: str, result: Any) -> None:
        """Store ``result`` (JSON data, decimals allowed); raises ``OSError`` if it cannot."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(result, ensure_ascii=False, default=_encode, separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _encode(value: object) -> object:
    if isinstance(value, Decimal):
        return {_DECIMAL: str(value)}  # str keeps the exponent: exact
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode(obj: dict[str, Any]) -> object:
    if len(obj) == 1 and _DECIMAL in obj:
        return Decimal(obj[_DECIMAL])
    return obj
