"""Shared fixtures: a private copy of the bundled data that a test may break."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from cdsanalysis.data.bundled import REPOSITORY_DATA

CsvRows = list[dict[str, str]]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the bundled data directory, safe to edit."""
    target = tmp_path / "data"
    shutil.copytree(REPOSITORY_DATA, target)
    return target


def read_rows(path: Path) -> CsvRows:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: CsvRows, fieldnames: list[str] | None = None) -> None:
    fieldnames = fieldnames or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def edit_csv() -> Callable[[Path, Callable[[CsvRows], CsvRows | None]], None]:
    """Apply an edit to a CSV's rows (list of dicts); row i of the list is file line i + 2."""

    def edit(path: Path, change: Callable[[CsvRows], CsvRows | None]) -> None:
        rows = read_rows(path)
        fieldnames = list(rows[0])
        result = change(rows)
        rows = rows if result is None else result
        write_rows(path, rows, fieldnames=[f for f in fieldnames if f in rows[0]])

    return edit
