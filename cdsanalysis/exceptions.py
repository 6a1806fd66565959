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


class ForecastWarning(RuntimeWarning):
    """A forecast that runs but may mislead (too few long intervals); its text may be a catalogue message,
    so the command line prints it once, in the analyst's language, without a source line."""


class FailureCollector:
    """Every failure case found while checking input, in the order found, raised all at once.

    The one collector of the package (pandera's lazy mode, done by hand): the schema checks of the
    data folder and the spreadsheet reader both add rows ``file, row, column, value, check,
    message`` here; `for_file` gives a reader of one file a view that fills in the file.
    """

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, file: str, row: object, column: str, value: object, check: str, message: str) -> None:
        """A failure in ``file``; ``row`` None (or "") when it concerns the whole file."""
        self.rows.append(dict(file=file, row="" if row is None else row, column=column,
                              value="" if value is None else str(value), check=check, message=message))

    def for_file(self, file: str) -> FileFailures:
        return FileFailures(self, file)

    def frame(self) -> pd.DataFrame:
        """Failures ordered by file (as first seen), then row; whole-file problems first."""
        table = pd.DataFrame(self.rows, columns=FAILURE_COLUMNS)
        file_order = {f: i for i, f in enumerate(dict.fromkeys(table["file"]))}
        key = pd.DataFrame({"f": table["file"].map(file_order),
                            "r": pd.to_numeric(table["row"], errors="coerce").fillna(0)})
        return table.loc[key.sort_values(["f", "r"], kind="stable").index].reset_index(drop=True)

    def raise_if_any(self, title: str = "invalid data", *, ordered: bool = True) -> None:
        """Raise a `DataValidationError` listing every failure (by file and row when ``ordered``,
        else in the order found)."""
        if self.rows:
            table = self.frame() if ordered else pd.DataFrame(self.rows, columns=FAILURE_COLUMNS)
            raise DataValidationError(table, title=title)


class FileFailures:
    """A `FailureCollector` seen from one file: `add` needs no file name."""

    def __init__(self, collector: FailureCollector, file: str) -> None:
        self.collector, self.file = collector, file

    @property
    def rows(self) -> list[dict]:
        return self.collector.rows

    def add(self, row: object, column: str, value: object, check: str, message: str) -> None:
        self.collector.add(self.file, row, column, value, check, message)

    def raise_if_any(self, title: str) -> None:
        """Raise every failure of the collector, in the order found."""
        self.collector.raise_if_any(title, ordered=False)


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
