"""Exceptions of cdsanalysis.

Every error a user can cause derives from :class:`CdsAnalysisError`, so the CLI can
turn it into a message and an exit code instead of a traceback. The exceptions are
picklable (they cross process boundaries when districts render in parallel).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

FAILURE_COLUMNS = ["file", "row", "column", "value", "check", "message"]
MAX_LISTED_PROBLEMS = 50
"""Problems a validation message lists in full; the rest are counted (``failure_cases`` has all)."""


class CdsAnalysisError(Exception):
    """Base class of the errors cdsanalysis raises on purpose."""

    def _render_traceback_(self) -> list[str]:
        """What IPython (a notebook, papermill) shows instead of a traceback: the message, no frames.

        These errors are written for the reader; the frames of the package's code are not.
        """
        return f"{type(self).__name__}: {self}".splitlines()


class DataValidationError(CdsAnalysisError):
    """Input data broke one or more rules; ``failure_cases`` lists every problem.

    ``failure_cases`` has the columns ``file, row, column, value, check, message``;
    ``row`` is the 1-based line number in the file (the header is line 1), or empty
    when a problem concerns the whole file.
    """

    def __init__(self, failure_cases: pd.DataFrame, title: str = "invalid data"):
        self.failure_cases = failure_cases.reindex(columns=FAILURE_COLUMNS).reset_index(drop=True)
        self.title = title
        super().__init__(self._message())

    def _message(self) -> str:
        n = len(self.failure_cases)
        lines = [f"{self.title}: {n} problem{'s' if n != 1 else ''}"]
        for case in self.failure_cases.head(MAX_LISTED_PROBLEMS).itertuples(index=False):
            where = str(case.file)
            if str(case.row) not in ("", "nan", "None"):
                where += f", row {case.row}"
            if str(case.column) not in ("", "nan", "None"):
                where += f", column {case.column!s}"
            lines.append(f"  - {where}: {case.message}")
        if n > MAX_LISTED_PROBLEMS:
            lines.append(f"  … and {n - MAX_LISTED_PROBLEMS} more problems not listed here: fix these "
                         f"first, or read them all from the error's failure_cases table")
        return "\n".join(lines)

    def __reduce__(self):
        return (type(self), (self.failure_cases, self.title))


class NameLookupError(CdsAnalysisError, LookupError):
    """A district or commune name or code matched nothing, or more than one unit.

    ``suggestions`` holds ``(code, name)`` pairs of the nearest valid units.
    """

    def __init__(
        self,
        query: object,
        kind: str = "district",
        suggestions: Sequence[tuple[str, str]] = (),
        ambiguous: bool = False,
    ):
        self.query = query
        self.kind = kind
        self.suggestions = [tuple(s) for s in suggestions]
        self.ambiguous = ambiguous
        super().__init__(self._message())

    def _message(self) -> str:
        listed = "; ".join(f"{name} ({code})" for code, name in self.suggestions)
        if self.ambiguous:
            return (f"{self.kind} {self.query!r} is ambiguous: it matches {listed}. "
                    "Use the code or one of the names listed.")
        msg = f"unknown {self.kind} {self.query!r}"
        return f"{msg}; did you mean: {listed}?" if listed else f"{msg}."

    def __reduce__(self):
        return (type(self), (self.query, self.kind, self.suggestions, self.ambiguous))
