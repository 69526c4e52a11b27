"""The error tree of govbudget: one root, each branch also a builtin.

>>> from govbudget.errors import InvalidCode, GovBudgetError
>>> issubclass(InvalidCode, ValueError) and issubclass(InvalidCode, GovBudgetError)
True
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "GovBudgetError",
    "InvalidAmount",
    "InvalidCode",
    "LoadError",
    "MissingExtra",
    "ModelError",
    "UnknownCode",
    "UnknownRule",
]


class GovBudgetError(Exception):
    """Root of every error govbudget raises on purpose."""


class InvalidCode(GovBudgetError, ValueError):
    """A string that is not a well-formed classification code (科目编码格式错误)."""

    def __init__(self, code: object, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(f"invalid classification code {code!r}: {reason}")


class UnknownCode(GovBudgetError, LookupError):
    """A well-formed code that the edition searched does not have (科目不存在于该版本).

    ``suggestions`` holds the nearest codes of the edition; ``editions`` the editions
    (fiscal years) that do have the code. ``what`` names what was looked up (``"code"``,
    or ``"name"`` when a printed name matched nothing).
    """

    def __init__(
        self,
        code: str,
        *,
        scheme: str,
        edition: int | str,
        suggestions: Sequence[tuple[str, str]] = (),
        editions: Sequence[int] = (),
        what: str = "code",
    ) -> None:
        self.code = code
        self.scheme = scheme
        self.edition = edition
        self.suggestions = tuple(suggestions)
        self.editions = tuple(editions)
        shown = code if what == "code" else repr(code)
        msg = f"{what} {shown} is not in the {scheme} catalogue, edition {edition}"
        if self.editions:
            msg += "; it is in edition(s) " + ", ".join(str(e) for e in self.editions)
        if self.suggestions:
            msg += "; nearest: " + ", ".join(f"{c} {n}" for c, n in self.suggestions)
        super().__init__(msg)

    def __str__(self) -> str:  # LookupError would quote the message otherwise
        return str(self.args[0])


class UnknownRule(GovBudgetError, ValueError):
    """A rule id or family, given to ``select`` or ``exclude``, that the registry lacks (未知规则).

    ``names`` are the unknown ones; ``rules`` and ``families`` what the registry has, so
    that the message can list them; ``suggestions`` the nearest valid names.
    """

    def __init__(self, names: Sequence[str], *, rules: Sequence[str],
                 families: Sequence[str], suggestions: Sequence[str] = ()) -> None:
        self.names = tuple(names)
        self.rules = tuple(rules)
        self.families = tuple(families)
        self.suggestions = tuple(suggestions)
        shown = ", ".join(repr(n) for n in self.names)
        msg = f"unknown rule or family {shown}"
        if self.suggestions:
            msg += "; did you mean " + ", ".join(self.suggestions) + "?"
        msg += ("; families: " + ", ".join(self.families)
                + "; rules: " + ", ".join(self.rules))
        super().__init__(msg)


class InvalidAmount(GovBudgetError, ValueError):
    """A cell or amount that cannot be read as exact money (金额格式错误), or a float."""


class ModelError(GovBudgetError, ValueError):
    """A budget model that cannot be built as asked (e.g. a row of a column the table lacks)."""


class MissingExtra(GovBudgetError, ImportError):
    """An optional dependency is not installed; the message names the ``pip install`` to run."""

    def __init__(self, extra: str, module: str) -> None:
        self.extra = extra
        super().__init__(
            f"this needs the optional dependency {module!r}: "
            f"pip install 'govbudget[{extra}]'"
        )


class LoadError(GovBudgetError, ValueError):
    """A document that cannot be read into a complete model (读取失败).

    Carries where it went wrong: ``file``, and where they apply ``page``, ``table``,
    ``row``, ``column``, the ``path`` of a value inside a JSON document
    (``$.data.disclosures[0].year``), and what was ``expected``.

    >>> str(LoadError("not a whole number", file="a.json", path="$.data.year"))
    'file a.json, at $.data.year: not a whole number'
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        page: int | None = None,
        table: str | None = None,
        row: int | str | None = None,
        column: int | str | None = None,
        path: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.file = file
        self.page = page
        self.table = table
        self.row = row
        self.column = column
        self.path = path
        self.expected = expected
        where = [
            f"{label} {value}"
            for label, value in (
                ("file", file),
                ("page", page),
                ("table", table),
                ("row", row),
                ("column", column),
                ("at", path),
            )
            if value is not None
        ]
        text = message
        if expected:
            text += f" (expected {expected})"
        if where:
            text = ", ".join(where) + ": " + text
        self.detail = message
        super().__init__(text)
