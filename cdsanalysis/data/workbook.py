"""Opening a district's .xlsx safely: bounded in size, never written, hidden content set aside.

A 5 KB workbook can declare a merge over a billion cells, which openpyxl would materialise cell
by cell; so the sheets' XML is scanned first (streaming, with defusedxml) and a workbook past the
limits of `cdsanalysis.data.limits` is refused with a message saying what is too large. Hidden
and very hidden sheets, rows and columns are left out unless asked for, and each is reported,
so that nobody imports figures they cannot see in Excel. A formula whose value was never computed
(written by a program, never opened in Excel) reads as empty; the scan notes where each one is, so
that a reader can say so rather than take the cell for a blank (issue 20, U3).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from cdsanalysis.data.io import describe_path
from cdsanalysis.data.limits import (
    MAX_SHEET_CELLS,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    MAX_SHEETS,
    MAX_WORKBOOK_BYTES,
)
from cdsanalysis.exceptions import CdsAnalysisError

READABLE_SUFFIXES = (".xlsx", ".xlsm")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls files are OLE containers
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})$")
_SAVE_AGAIN = "open it in Excel and save it again as .xlsx (Excel Workbook)"


@dataclass
class Hidden:
    """What a workbook hides from its reader, as found (sheet names, Excel rows, column letters)."""

    sheets: list[str] = field(default_factory=list)
    rows: dict[str, list[int]] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)
    # Formulas with no stored value, by sheet name: (row, column) -> the formula. They read as empty.
    uncomputed: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)

    def notes(self, sheet: str | None = None) -> list[str]:
        """One sentence per kind of hidden content that was left out (of ``sheet`` for rows/columns)."""
        out = []
        if self.sheets:
            out.append(f"skipped hidden sheet(s): {', '.join(self.sheets)}")
        for kind, found in (("rows", self.rows), ("columns", self.columns)):
            for name, items in found.items():
                if items and (sheet is None or name == sheet):
                    shown = ", ".join(map(str, items[:10])) + (" …" if len(items) > 10 else "")
                    out.append(f"skipped hidden {kind} of sheet '{name}': {shown}")
        return out


def open_workbook(path: Path, include_hidden: bool = False):
    """The workbook, loaded from the file's bytes (nothing can write to the file), within the limits.

    Returns ``(workbook, visible sheet names, Hidden)``; with ``include_hidden`` every sheet is
    visible and nothing is reported hidden.
    """
    from openpyxl import load_workbook

    problem = describe_path(path)
    if problem:
        raise CdsAnalysisError(f"{path}: {problem}")
    if path.suffix.lower() not in READABLE_SUFFIXES:
        raise CdsAnalysisError(
            f"{path}: cannot read '{path.suffix or 'no extension'}' files; progress sheets are read from "
            f"Excel workbooks ({', '.join(READABLE_SUFFIXES)}): save .xls or .ods files as .xlsx first")
    data = path.read_bytes()
    if len(data) > MAX_WORKBOOK_BYTES:
        raise CdsAnalysisError(f"{path}: {len(data):,} bytes, above the {MAX_WORKBOOK_BYTES:,} a district "
                               f"form can need; send only the progress sheet")
    if data.startswith(_OLE_MAGIC):
        raise CdsAnalysisError(f"{path}: is password-protected (encrypted) or an old .xls file; remove the "
                               f"password (File > Info > Protect Workbook) and save it as .xlsx")
    uncomputed = _check_package(path, data)
    try:
        # data_only: a "Tổng cộng" =SUM() cell gives the value Excel last computed.
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as err:  # noqa: BLE001 - a foreign file can fail openpyxl in any of its layers
        raise CdsAnalysisError(f"{path}: not a readable Excel workbook ({type(err).__name__}: "
                               f"{str(err)[:200]}); {_SAVE_AGAIN}") from err
    hidden = Hidden(uncomputed=uncomputed)
    visible = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible" and not include_hidden:
            hidden.sheets.append(sheet.title)
        else:
            visible.append(sheet.title)
        if not include_hidden:
            hidden.rows[sheet.title] = _hidden_rows(sheet)
            hidden.columns[sheet.title] = _hidden_columns(sheet)
    return workbook, visible, hidden


def _check_package(path: Path, data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Refuse a damaged or oversized package before openpyxl expands anything.

    Returns the formulas with no stored value, by sheet name (see `Hidden.uncomputed`).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_WORKBOOK_BYTES:
            raise CdsAnalysisError(f"{path}: unpacks to {unpacked:,} bytes, above the limit of "
                                   f"{MAX_WORKBOOK_BYTES:,}; send only the progress sheet")
        damaged = archive.testzip()
        if damaged is not None:
            raise CdsAnalysisError(f"{path}: the file is damaged (part {damaged} fails its checksum); "
                                   f"ask the office to send it again")
        sheets = [n for n in archive.namelist() if re.match(r"^xl/worksheets/[^/]+\.xml$", n)]
        if len(sheets) > MAX_SHEETS:
            raise CdsAnalysisError(f"{path}: {len(sheets)} sheets, above the limit of {MAX_SHEETS}; "
                                   f"send only the progress sheet")
        uncomputed = {name: _check_extent(path, name, archive.read(name)) for name in sheets}
        titles = _sheet_titles(archive) if any(uncomputed.values()) else {}
    except zipfile.BadZipFile as err:
        raise CdsAnalysisError(f"{path}: not a readable Excel workbook ({err}); {_SAVE_AGAIN}") from err
    return {titles[part]: cells for part, cells in uncomputed.items() if cells and part in titles}


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part's sheet name ("xl/worksheets/sheet1.xml" -> "Tiến độ"); {} if unreadable."""
    from defusedxml.ElementTree import fromstring

    try:
        targets = {rel.get("Id"): rel.get("Target", "") for rel in fromstring(
            archive.read("xl/_rels/workbook.xml.rels")) if rel.get("Id")}
        titles = {}
        for sheet in fromstring(archive.read("xl/workbook.xml")).iter():
            if sheet.tag.rsplit("}", 1)[-1] != "sheet":
                continue
            rid = next((v for k, v in sheet.attrib.items() if k.rsplit("}", 1)[-1] == "id"), None)
            target = targets.get(rid, "")
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target
            titles[part] = sheet.get("name", "")
        return titles
    except Exception:  # noqa: BLE001 - openpyxl reports a broken package in its own words just after
        return {}


def _check_extent(path: Path, part: str, xml: bytes) -> dict[tuple[int, int], str]:
    """Every cell, declared dimension and merged range of a sheet must fit within the sheet limits.

    Cells may omit their reference (they then follow the previous one), so rows and cells are
    counted as well as read from their ``r`` attributes. Returns the cells holding a formula with
    no stored value, (row, column) -> formula (an empty text result, ``t="str"``, is a value).
    """
    from defusedxml.ElementTree import iterparse

    far_row = far_col = row = col = 0
    far_ref = ""
    uncomputed: dict[tuple[int, int], str] = {}
    formula: str | None = None
    value = False
    try:
        for event, element in iterparse(io.BytesIO(xml), events=("start", "end")):
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "end":
                if tag == "f":
                    formula = element.text or ""
                elif tag == "v":
                    value = bool(element.text)
                elif tag == "c":
                    if formula is not None and not value and element.get("t") != "str":
                        uncomputed[(row, col)] = "=" + formula if formula else "(a shared formula)"
                    formula, value = None, False
                element.clear()
                continue
            if tag == "row":
                r = element.get("r")
                row, col = (int(r) if r and r.isdigit() else row + 1), 0
                corners = [(row, 1, f"row {row}")]
            elif tag == "c":
                r = element.get("r")
                found = _position(r) if r else (row, col + 1)
                row, col = found if found != (0, 0) else (row, col + 1)
                corners = [(row, col, r or f"row {row}, column {col}")]
            elif tag in ("mergeCell", "dimension") and element.get("ref"):
                ref = element.get("ref")
                corners = [(*_position(corner), ref) for corner in ref.split(":")]
            else:
                continue
            for corner_row, corner_col, ref in corners:
                if corner_row > far_row or corner_col > far_col:
                    far_ref = ref
                far_row, far_col = max(far_row, corner_row), max(far_col, corner_col)
    except Exception as err:  # noqa: BLE001 - malformed XML, entity tricks: defusedxml and expat errors
        raise CdsAnalysisError(f"{path}: the sheet {part} is not well-formed ({type(err).__name__}); "
                               f"{_SAVE_AGAIN}") from err
    if far_row > MAX_SHEET_ROWS or far_col > MAX_SHEET_COLUMNS or far_row * far_col > MAX_SHEET_CELLS:
        raise CdsAnalysisError(
            f"{path}: a sheet reaches {far_ref} ({far_row:,} rows × {far_col:,} columns), beyond what "
            f"import reads ({MAX_SHEET_ROWS:,} rows, {MAX_SHEET_COLUMNS} columns, {MAX_SHEET_CELLS:,} cells); "
            f"delete the stray cells or merges far from the table and save again")
    return uncomputed


def _position(ref: str) -> tuple[int, int]:
    """(row, column) of an A1 reference; (0, 0) for anything else (whole-row refs and the like)."""
    match = _REF.match(ref.upper())
    if not match:
        return 0, 0
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


def _hidden_rows(sheet) -> list[int]:
    return sorted(r for r, dim in sheet.row_dimensions.items() if dim.hidden and r <= MAX_SHEET_ROWS)


def _hidden_columns(sheet) -> list[str]:
    from openpyxl.utils import get_column_letter

    found = set()
    for dim in sheet.column_dimensions.values():
        if dim.hidden and dim.min:
            found.update(range(dim.min, min(dim.max or dim.min, MAX_SHEET_COLUMNS) + 1))
    return [get_column_letter(c) for c in sorted(found)]
