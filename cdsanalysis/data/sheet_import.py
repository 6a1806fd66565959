"""Reading the progress spreadsheets district offices send (.xlsx) into the canonical progress table.

The sheets are made for people, not programs: title lines above the header, headers merged over
two rows, a "Tổng cộng" row, numbers typed as text and dates typed day-first. This module finds
the header by what it says (`cdsanalysis.data.sheet_layout`), reads each row as Excel shows it
(`cdsanalysis.data.sheet_cells`), and reports every problem at once with the Excel row and column,
so an office can fix its file in one pass. The source file is read into memory and never written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from cdsanalysis.data.dates import date_problem, implausible_year, parse_date
from cdsanalysis.data.formulas import csv_safe
from cdsanalysis.data.names import NameIndex, name_key
from cdsanalysis.data.schema import PROGRESS_STATUSES
from cdsanalysis.data.sheet_cells import cell_date, cell_text, is_blank, whole_number
from cdsanalysis.data.sheet_layout import (
    EXPECTED_HEADERS,
    HEADER_SEARCH_ROWS,
    OPTIONAL_HEADERS,
    Column,
    Header,
    Sheet,
    find_header,
    find_title_date,
    period_problem,
    read_grid,
)
from cdsanalysis.data.workbook import Hidden, open_workbook
from cdsanalysis.exceptions import CdsAnalysisError, FailureCollector, NameLookupError
from cdsanalysis.exceptions import FileFailures as _Failures  # the package's one collector, one file's view

__all__ = ["MESSAGES", "PROGRESS_COLUMNS", "NotReported", "SheetRows", "read_progress_sheet", "read_sheet"]

PROGRESS_COLUMNS = ["district_code", "district_name", "as_of", "completed", "source", "status", "note"]

# The sentences this module adds to a form's problems, by language (the failure messages of the
# data layer are English today; the wording catalogue will carry the Vietnamese).
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "all_blank": "every district's count in {column} is blank: nothing to import. Fill in the cumulative "
                     "count of each district that reported (a blank means 'did not report')",
        "communes_total": "the form gives {name} {stated} communes, the units list {total}: the figures would be "
                          "read against the wrong number of communes. Correct the form's total to {total} (if the "
                          "district's communes really changed, the units list must be updated first)",
        "blank_total": "the total row's count is empty; write the total of the district rows, or delete the row",
        "uncomputed": "cell {cell} of sheet '{sheet}' holds a formula ({formula}) whose value was never computed "
                      "(the file was written by a program and not opened in Excel since), so it would read as empty "
                      "(\"not reported\"); open the file in Excel and save it, so the formula's value is stored; or "
                      "type the number",
    },
}

# Labels of the rows that sum the table.
_TOTAL_KEYS = {"tong cong", "cong", "tong", "tong so", "tong cong chung"}
_PROVINCE = re.compile(r"^(toan tinh|tong cong toan tinh|cong toan tinh|tong toan tinh|tinh \w|ca nuoc|toan quoc)")
_SUBTOTAL = re.compile(r"^(cong|tong cong|tong) \w")
# A column-number row under the header: "(1)", "2", "B".
_COLUMN_NUMBER = re.compile(r"^\(?[a-z0-9]{1,2}\)?$")


@dataclass(frozen=True)
class NotReported:
    """A district row of the form whose count cell was left blank: "not reported", never zero."""

    code: str
    name: str
    date: pd.Timestamp | None
    row: int


@dataclass(frozen=True)
class SheetRows:
    """The canonical progress rows read from one sheet, and what was left out.

    ``origins`` gives, per row of ``rows``, the form's Excel row it came from; ``columns`` the
    display name ("Số xã hoàn thành (D)") of each field's column, so that a later check on the
    merged table can point at the cell of the form. ``not_reported`` lists the district rows
    whose count was blank (skipped, not an error: a partial return is the ordinary case).
    """

    rows: pd.DataFrame
    sheet: str
    notes: tuple[str, ...] = ()
    not_reported: tuple[NotReported, ...] = ()
    origins: tuple[int, ...] = ()
    columns: tuple[tuple[str, str], ...] = ()


def read_progress_sheet(
    path: str | os.PathLike,
    units: pd.DataFrame,
    *,
    sheet: str | int | None = None,
    as_of: object = None,
    source: str | None = None,
    status: str = "actual",
    include_hidden: bool = False,
) -> pd.DataFrame:
    """Read one progress sheet into the canonical progress layout; every problem raised at once.

    ``sheet`` is a sheet name or 0-based position (a sheet named "2024" is found by its name);
    None takes the first visible sheet with a header. The date of a row is its own date cell,
    else ``as_of``, else a date in the title lines ("tính đến ngày 30/6/2024"). A "Toàn tỉnh"
    row becomes the province row (code ""). Hidden sheets, rows and columns are skipped unless
    ``include_hidden``; `read_sheet` also says what was skipped.
    """
    return read_sheet(path, units, sheet=sheet, as_of=as_of, source=source, status=status,
                      include_hidden=include_hidden).rows


def read_sheet(
    path: str | os.PathLike,
    units: pd.DataFrame,
    *,
    sheet: str | int | None = None,
    as_of: object = None,
    source: str | None = None,
    status: str = "actual",
    include_hidden: bool = False,
) -> SheetRows:
    """`read_progress_sheet`, with the sheet read and notes on the hidden content left out."""
    path = Path(path)
    if status not in PROGRESS_STATUSES:
        raise CdsAnalysisError(f"status must be one of {', '.join(PROGRESS_STATUSES)}, not {status!r}")
    default_date = _argument_date(as_of)
    index, communes = _district_frame(units)
    workbook, visible, hidden = open_workbook(path, include_hidden)
    failures = FailureCollector().for_file(str(path))
    found = _choose_sheet(workbook, visible, hidden, sheet, str(path), failures)
    failures.raise_if_any("no progress table found")
    grid, header = found
    if "completed" not in header.columns:  # only a count for a period (W1): never read as a total
        period = header.columns["period"]
        failures.add(header.row, period.display, period.label, "cumulative", period_problem(period))
        failures.raise_if_any(f"problems in {path.name}")
    source = source or f"{path.name}, sheet {grid.name}"
    date, date_reported = _sheet_date(grid, header, default_date, failures)
    read = _Read()
    _read_rows(grid, header, index, communes, date, failures, read, date_reported)
    if not read.records and not failures.rows:
        if read.not_reported:
            failures.add(None, header.columns["completed"].display, "", "no_rows",
                         MESSAGES["en"]["all_blank"].format(column=header.columns["completed"].display))
        else:
            failures.add(None, "", grid.name, "no_rows",
                         f"sheet '{grid.name}' has a header in row {header.row} but no district rows under it")
    failures.raise_if_any(f"problems in {path.name}")
    frame = pd.DataFrame(read.records, columns=PROGRESS_COLUMNS)
    frame["source"] = csv_safe(source)
    frame["status"] = status
    # progress.csv is opened in Excel: text that starts like a formula is written as text (issue 20, S1).
    frame["note"] = frame["note"].map(csv_safe)
    frame["district_name"] = frame["district_name"].map(csv_safe)
    frame["as_of"] = pd.to_datetime(frame["as_of"]).astype("datetime64[ns]")
    frame["completed"] = frame["completed"].astype("int64")
    columns = tuple((field, column.display) for field, column in header.columns.items())
    return SheetRows(frame, grid.name, tuple(hidden.notes(grid.name)), tuple(read.not_reported),
                     tuple(read.origins), columns)


# --- opening -------------------------------------------------------------------------------------

def _district_frame(units: pd.DataFrame) -> tuple[NameIndex, dict[str, int]]:
    missing = {"district_code", "district_name"} - set(units.columns)
    if missing:
        raise CdsAnalysisError(f"units table lacks the columns {', '.join(sorted(missing))}")
    communes = units["district_code"].astype(str).value_counts().to_dict()
    return NameIndex.for_districts(units), {str(k): int(v) for k, v in communes.items()}


def _argument_date(value: object) -> pd.Timestamp | None:
    return None if value is None or value == "" else parse_date(value, "as_of")


def _choose_sheet(workbook, visible: list[str], hidden: Hidden, sheet: str | int | None, file: str,
                  failures: _Failures):
    names = workbook.sheetnames
    if sheet is None:
        candidates = visible
    elif str(sheet) in names:  # a sheet named "2024" is that sheet, not the 2025th
        candidates = [str(sheet)]
    elif isinstance(sheet, int) or str(sheet).isdigit():
        number = int(sheet)
        if not -len(names) <= number < len(names):
            raise CdsAnalysisError(f"{file}: no sheet number {sheet} (counting from 0); its sheets are "
                                   f"{', '.join(names)}")
        candidates = [names[number]]
    else:
        raise CdsAnalysisError(f"{file}: no sheet named {sheet!r}; its sheets are {', '.join(names)}")
    if sheet is not None and candidates[0] in hidden.sheets:
        raise CdsAnalysisError(f"{file}: sheet '{candidates[0]}' is hidden; unhide it in Excel if its figures "
                               f"are meant to be read, or import with --include-hidden")
    best_partial = None
    for name in candidates:
        worksheet = workbook[name]
        grid = read_grid(worksheet, hidden.rows.get(name, ()), hidden.columns.get(name, ()),
                         hidden.uncomputed.get(name))
        header, partial = find_header(grid)
        if header is not None:
            return grid, header
        best_partial = best_partial or (partial and (f"{partial[0]} of sheet '{name}'", partial[1]))
    if not candidates:
        failures.add(None, "", "", "header_found", f"every sheet of the workbook is hidden "
                     f"({', '.join(hidden.sheets)}); unhide the progress sheet or use --include-hidden")
        return None
    where = f"sheet '{candidates[0]}'" if len(candidates) == 1 else f"the sheets {', '.join(candidates)}"
    found = f"; row {best_partial[0]} has {best_partial[1]}" if best_partial else ""
    failures.add(None, "", ", ".join(candidates), "header_found",
                 f"no header row found in the first {HEADER_SEARCH_ROWS} rows of {where}{found}. "
                 f"Expected a row with {EXPECTED_HEADERS['unit']} and {EXPECTED_HEADERS['completed']}; "
                 f"optional: {OPTIONAL_HEADERS}" + _hidden_hint(hidden, candidates))
    return None


def _hidden_hint(hidden: Hidden, sheets: list[str]) -> str:
    """A reminder that hidden rows or columns were read as empty, when the header was not found."""
    notes = [note for sheet in sheets for note in hidden.notes(sheet) if "sheet(s)" not in note]
    return f". Note: {'; '.join(notes)} (import with --include-hidden to read them)" if notes else ""


# --- rows ----------------------------------------------------------------------------------------

@dataclass
class _Read:
    """What the rows of a sheet gave: records, the Excel row of each, the districts left blank."""

    records: list[dict] = field(default_factory=list)
    origins: list[int] = field(default_factory=list)
    not_reported: list[NotReported] = field(default_factory=list)


def _sheet_date(grid: Sheet, header: Header, given: pd.Timestamp | None,
                failures: _Failures) -> tuple[pd.Timestamp | None, bool]:
    """The date of the sheet's rows (--as-of, a header text, a title line) and whether a problem with it
    was reported: once, at the cell that holds it, rather than as "no date" on every row."""
    title = find_title_date(grid, header.row) if given is None and header.date is None else None
    date = given or header.date or (title.date if title else None)
    if date is not None:
        problem = implausible_year(date)
        if problem is None:
            return date, False
        if given is not None:
            failures.add(None, "--as-of", f"{date:%d/%m/%Y}", "date", problem)
        elif header.date is not None:
            failures.add(header.row, "", f"{date:%d/%m/%Y}", "date", problem)
        else:
            failures.add(title.row, title.display, title.text, "date", problem)
        return None, True
    if title is not None and title.problem:
        failures.add(title.row, title.display, title.text, "date",
                     f"the date of the figures cannot be read: {title.problem}")
        return None, True
    return None, False


def _read_rows(grid: Sheet, header: Header, index: NameIndex, communes: dict[str, int],
               date: pd.Timestamp | None, failures: _Failures, read: _Read, date_reported: bool = False) -> None:
    cols = header.columns
    records = read.records
    unit_col = cols["unit"]
    totals: list[tuple[int, str, pd.Timestamp | None, int | None]] = []  # (row, kind, date, count)
    sums: dict[pd.Timestamp | None, int] = {}
    unreadable: dict[pd.Timestamp | None, int] = {}
    seen: dict[tuple[str, pd.Timestamp], int] = {}
    for row in range(header.last_row + 1, max(grid.rows, default=0) + 1):
        unit = cell_text(grid.value(row, unit_col.index))
        stt = cell_text(grid.value(row, cols["stt"].index)) if "stt" in cols else ""
        count_value = grid.value(row, cols["completed"].index)
        kind = _row_kind(name_key(unit), name_key(stt), count_value)
        if kind == "province" and _is_group(index, unit):  # "Tỉnh Nghệ An" is a group of a national frame
            kind = "district"
        if kind == "skip":
            continue
        code: str | None = ""
        if kind == "district":
            code = _resolve(index, unit, row, unit_col, count_value, failures)
            if code == "":
                continue  # a section heading such as "I. Khối huyện": a name and no count
        is_district = kind == "district"
        if is_district and _uncomputed(grid, row, cols, failures):
            continue
        if is_district and code and is_blank(count_value) and not _merged_below(grid, row, cols["completed"]):
            # A blank count is "not reported" (a partial return), never zero; 0 is a figure.
            read.not_reported.append(NotReported(code, index.name_of(code), _row_date(grid, row, cols, date, None),
                                                 row))
            continue
        row_date = _row_date(grid, row, cols, date, failures if is_district else None, date_reported)
        if not is_district and is_blank(count_value):
            count = None  # e.g. a =SUM() that Excel never computed: nothing to check
        else:
            count = _read_count(grid, row, cols["completed"], count_value, failures)
        if code and count is not None:
            _check_cap(grid, row, cols, code, index, communes, count, failures)
        if not is_district:
            totals.append((row, kind, row_date, count))
            if kind == "province" and count is not None and row_date is not None:
                records.append(_record("", "", row_date, count, grid, row, cols))
                read.origins.append(row)
            if sums or unreadable:
                break  # what follows a closing total is signatures and footnotes
            continue
        if count is None:
            unreadable[row_date] = unreadable.get(row_date, 0) + 1
            continue
        sums[row_date] = sums.get(row_date, 0) + count
        if code is None or row_date is None:
            continue
        if (code, row_date) in seen:
            failures.add(row, unit_col.display, unit, "unique_district",
                         f"{index.name_of(code)} appears twice for {row_date:%d/%m/%Y} (rows "
                         f"{seen[(code, row_date)]} and {row}); keep one row per district and date")
            continue
        seen[(code, row_date)] = row
        records.append(_record(code, index.name_of(code), row_date, count, grid, row, cols))
        read.origins.append(row)
    all_listed = {code for code, _ in seen} >= set(communes)
    for row, kind, row_date, count in totals:
        _check_total(row, kind, count, sums.get(row_date), unreadable.get(row_date, 0), all_listed,
                     cols["completed"], failures)


def _uncomputed(grid: Sheet, row: int, cols: dict[str, Column], failures: _Failures) -> bool:
    """A district row's count, commune total or date that is a formula Excel never computed (issue 20, U3):
    it reads as empty, which would mean "not reported" or "the sheet's date". Reported at its cell."""
    from openpyxl.utils import get_column_letter

    found = False
    for field_name in ("completed", "communes", "date"):
        column = cols.get(field_name)
        formula = grid.uncomputed.get((row, column.index)) if column is not None else None
        if formula is None:
            continue
        shown = formula if len(formula) <= 60 else formula[:59] + "…"
        cell = f"{get_column_letter(column.index)}{row}"
        failures.add(row, column.display, shown, "computed",
                     MESSAGES["en"]["uncomputed"].format(cell=cell, sheet=grid.name, formula=shown))
        found = True
    return found


def _merged_below(grid: Sheet, row: int, column: Column) -> bool:
    """A cell inside a merged range that starts above it (reported as such, not as a blank)."""
    top = grid.merged.get((row, column.index))
    return top is not None and top[0] != row


def _row_kind(unit_key: str, stt_key: str, count_value) -> str:
    """district, total, province or skip (blank, STT-only, column-number and subtotal rows)."""
    for key in (unit_key, stt_key):  # "Tổng cộng" may stand in the STT column
        if _PROVINCE.match(key):
            return "province"
        if key in _TOTAL_KEYS:
            return "total"
        if _SUBTOTAL.match(key):
            return "skip"
    if not unit_key:
        return "skip" if is_blank(count_value) else "district"  # a count with no name is an error
    return "skip" if _COLUMN_NUMBER.match(unit_key) else "district"


def _is_group(index: NameIndex, unit: str) -> bool:
    """Whether a row's name is one of the units list's groups (then it is never the top's row)."""
    try:
        index.resolve(unit)
    except NameLookupError:
        return False
    return True


def _resolve(index: NameIndex, unit: str, row: int, column: Column, count_value,
             failures: _Failures) -> str | None:
    """The district code; "" for a name with no count that is no district (a heading); None if bad."""
    if not unit:
        failures.add(row, column.display, "", "known_district",
                     "this row has a count but no unit name; write the district's name")
        return None
    try:
        return index.resolve(unit)
    except NameLookupError as err:
        if is_blank(count_value):
            return ""
        listed = "; ".join(f"{name} ({code})" for code, name in err.suggestions)
        if err.ambiguous:
            message = f"'{unit}' matches several districts: {listed}; write the full official name"
        elif listed:
            message = f"unknown district '{unit}'; did you mean {listed}?"
        else:
            example = index.name_of(index.codes[0])
            message = f"unknown district '{unit}'; write a district of the units list, e.g. '{example}'"
        failures.add(row, column.display, unit, "known_district", message)
        return None


def _record(code: str, name: str, date: pd.Timestamp, count: int, grid: Sheet, row: int,
            cols: dict[str, Column]) -> dict:
    note = cell_text(grid.value(row, cols["note"].index)) if "note" in cols else ""
    return dict(district_code=code, district_name=name, as_of=date, completed=count, source="",
                status="", note=note)


def _read_count(grid: Sheet, row: int, column: Column, value, failures: _Failures) -> int | None:
    """A whole number of communes from a number or text ("12", " 12 ", "12,0"); None if unreadable."""
    if (row, column.index) in grid.merged and grid.merged[(row, column.index)][0] != row:
        top = grid.merged[(row, column.index)][0]
        failures.add(row, column.display, value, "whole_number",
                     f"this count is merged with row {top}'s; unmerge and give each row its own count")
        return None
    if is_blank(value):  # only a total row gets here: a district's blank is "not reported"
        failures.add(row, column.display, "", "whole_number", MESSAGES["en"]["blank_total"])
        return None
    number = whole_number(value)
    if number is None:
        hint = " (Excel turned it into a date: format the column as Number)" \
            if isinstance(value, (dt.date, dt.time)) else ""
        failures.add(row, column.display, value, "whole_number",
                     f"'{value}' is not a whole number of communes{hint}; enter digits only, e.g. 12")
    return number


def _check_cap(grid: Sheet, row: int, cols: dict[str, Column], code: str, index: NameIndex,
               communes: dict[str, int], count: int, failures: _Failures) -> None:
    """A form's "Tổng số xã" must be the units list's (W2); a count above either cannot be right."""
    column = cols["completed"]
    stated = whole_number(grid.value(row, cols["communes"].index)) if "communes" in cols else None
    total = communes.get(code, 0)
    if stated is not None and stated != total:
        failures.add(row, cols["communes"].display, stated, "communes_total",
                     MESSAGES["en"]["communes_total"].format(stated=stated, name=index.name_of(code), total=total))
    if stated is not None and count > stated:
        failures.add(row, column.display, count, "within_total",
                     f"{count} completed is above the {stated} communes in {cols['communes'].display}; "
                     f"correct one of the two")
    elif count > total:
        failures.add(row, column.display, count, "within_total",
                     f"{count} completed is above the {total} communes of "
                     f"{index.name_of(code)} in the units list; correct the count")


def _check_total(row: int, kind: str, value: int | None, total: int | None, unreadable: int,
                 all_listed: bool, column: Column, failures: _Failures) -> None:
    """A "Tổng cộng" must equal the district rows; "Toàn tỉnh" too when every district is listed."""
    if value is None or total is None:
        return
    if value == total or (kind == "province" and not all_listed and value > total):
        return
    plural = "s" if unreadable > 1 else ""
    left_out = f" ({unreadable} row{plural} with an unreadable count left out)" if unreadable else ""
    relation = "equal" if kind == "total" or all_listed else "be at least"
    failures.add(row, column.display, value, "total_matches",
                 f"the total row says {value} but the district rows sum to {total}{left_out}; the total "
                 f"must {relation} the sum: correct the total or the district rows")


def _row_date(grid: Sheet, row: int, cols: dict[str, Column], default: pd.Timestamp | None,
              failures: _Failures | None, date_reported: bool = False) -> pd.Timestamp | None:
    """The row's own date, else the sheet's; problems are reported only when ``failures`` is given
    (and a missing date not at all when the sheet's date problem was reported already)."""
    if "date" in cols:
        value = grid.value(row, cols["date"].index)
        if not is_blank(value):
            date = cell_date(value, grid.date1904)
            if failures is None:
                return date if date is None or implausible_year(date) is None else None
            if date is None:
                why = date_problem(cell_text(value))
                failures.add(row, cols["date"].display, value, "date",
                             f"'{value}' is not a date: {why}" if why else
                             f"'{value}' is not a date; write it day first (30/6/2024) or as an Excel date")
                return None
            problem = implausible_year(date)
            if problem:
                failures.add(row, cols["date"].display, value, "date", f"'{value}': {problem}")
                return None
            return date
    if default is None and failures is not None and not date_reported:
        where = cols["date"].display if "date" in cols else cols["completed"].display
        failures.add(row, where, "", "date",
                     "no date for this row: fill the date column, add a title line "
                     "'(Số liệu tính đến ngày 30/6/2024)', or give as_of (--as-of)")
    return default
