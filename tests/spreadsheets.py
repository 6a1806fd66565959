"""Test helper: find cells of a written workbook or CSV that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from cdsanalysis.data.formulas import FORMULA_STARTS

_FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[ >/]")


def live_formula_cells(path: Path, allowed_formula: str | None = None) -> list[str]:
    """Every cell of the xlsx at ``path`` that Excel would evaluate: a formula element, or text that
    starts like a formula without Excel's quote prefix (editing it would make it live).

    ``allowed_formula``: a regular expression for the formulas the writer itself puts in (e.g. a
    total row's ``=SUM(C5:C31)``); any other formula is reported.
    """
    found = []
    if allowed_formula is None:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    if _FORMULA_ELEMENT.search(archive.read(name)):
                        found.append(f"{name}: formula element")
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    if allowed_formula is not None and re.fullmatch(allowed_formula, str(cell.value)):
                        continue
                    found.append(f"{sheet.title}!{cell.coordinate}: formula {cell.value!r}")
                elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS) and not cell.quotePrefix:
                    found.append(f"{sheet.title}!{cell.coordinate}: text {cell.value!r} without quote prefix")
    return found


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def live_formula_fields(path: Path) -> list[str]:
    """Fields of a CSV that start like a formula and are not plain numbers such as ``-0.25``
    (a neutralised one starts with an apostrophe)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [f"row {i}: {value!r}" for i, row in enumerate(csv.reader(handle), start=1)
                for value in row if value.startswith(FORMULA_STARTS) and not _number(value)]
