"""Where the table is in a district progress sheet: the merged-cell grid, the header row and its fields.

The header is found by what it says, not where it is: the first of the top rows that names
both the unit (district) column and the count of completed communes, under any of the
names offices give them (matched by accent-free key), over one row or two (a merged
"Số xã hoàn thành" over "Trong kỳ | Lũy kế"). A data date may stand in a header text or in
a title line above the header ("Số liệu tính đến ngày 30/6/2024").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from cdsanalysis.data.dates import date_problem
from cdsanalysis.data.names import name_key
from cdsanalysis.data.sheet_cells import cell_date, cell_text, context_date, has_date_context, looks_numeric

HEADER_SEARCH_ROWS = 30  # the header sits under a few title lines, never deeper than this

# What each header field is called, for the "no header found" message.
EXPECTED_HEADERS = {
    "unit": "'Đơn vị' (or 'Tên đơn vị', 'Huyện, thị xã, thành phố')",
    "completed": "'Số xã hoàn thành' (or 'Lũy kế hoàn thành')",
}
OPTIONAL_HEADERS = "'STT', 'Tổng số xã', 'Tính đến ngày' (or 'Ngày'), 'Ghi chú'"

# Accent-free keys (names.name_key) of header texts.
_UNIT_STARTS = ("don vi", "ten don vi", "huyen", "ten huyen", "cac huyen", "quan huyen", "dia phuong",
                "ten dia phuong", "dia ban", "thanh pho thi xa", "tp tx")
_STT_KEYS = {"stt", "tt", "so tt", "so thu tu"}
_DATE_KEYS = {"ngay", "tinh den ngay", "den ngay", "ngay bao cao", "ngay so lieu", "ngay cong nhan",
              "thoi diem", "thoi diem bao cao", "thoi gian"}
# A "hoàn thành" column that is not the cumulative count of completed communes.
_NOT_COMPLETED = re.compile(r"\b(chua|ty le|phan tram|ke hoach|chi tieu|muc tieu|dang)\b")
# A count for one period (a month, a year, a half-year, a round of recognition), not a running total
# (issue 20, W1): "trong tháng", "năm 2024", "6 tháng đầu năm", "được công nhận hoàn thành đợt này".
_PERIOD = re.compile(r"\b(trong (thang|ky|nam|quy|dot)|thang nay|ky nay|dot nay|nam nay|quy nay|trong [0-9]+ thang|"
                     r"nam [0-9]{4}|[0-9]+ thang|dau nam|cuoi nam|quy [0-9ivx]+|thang [0-9]{1,2}|dot [0-9ivx]+|"
                     r"tang them|moi hoan thanh|phat sinh)\b")
# What makes a count recognisably cumulative, even beside a period word ("lũy kế đến hết năm 2024").
_CUMULATIVE = re.compile(r"\b(luy ke|cong don|tong so den nay|den nay|tinh den|den ngay|den het|tu dau)\b")
_DATE_IN_KEY = re.compile(r"\b[0-9]{1,2} thang [0-9]{1,2} nam [0-9]{4}\b|\b[0-9]{1,2} [0-9]{1,2} [0-9]{4}\b")
PERIOD_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "period": "the column '{label}' looks like a count for one period ({what}), not the cumulative number of "
                  "communes completed to date; import reads running totals only (a period count read as a total "
                  "would replace the district's history). Give the form a column 'Số xã hoàn thành (lũy kế)' "
                  "with each district's total to date (the form of 'cdsanalysis template' has one), or rename "
                  "this column so if it already holds the totals to date",
    },
}


@dataclass(frozen=True)
class Column:
    """A column of the table: where it is and what its header says."""

    index: int  # 1-based, as openpyxl counts
    label: str

    @property
    def display(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"{self.label} ({get_column_letter(self.index)})"


def period_problem(column: Column) -> str:
    """Why a period-count column cannot be read as the cumulative count, and what to do."""
    found = _PERIOD.search(_DATE_IN_KEY.sub(" ", name_key(column.label)))
    what = found.group(0) if found else "a period"
    return PERIOD_MESSAGES["en"]["period"].format(label=column.label, what=what)


@dataclass(frozen=True)
class Header:
    """The header found: its row(s), the column of each field, and a date it states."""

    row: int  # Excel row of the header
    last_row: int  # the sub-header row of a two-row header, else the same row
    columns: dict[str, Column]  # field -> column
    date: pd.Timestamp | None  # a date written in a header text: "Số xã hoàn thành đến 30/6/2024"


@dataclass
class Sheet:
    """A worksheet's cell values by Excel row, merged ranges filled with their top-left value."""

    name: str
    rows: dict[int, list]
    merged: dict[tuple[int, int], tuple[int, int]]  # (row, col) of a merged cell -> its top-left
    horizontal: set[tuple[int, int]] = field(default_factory=set)  # cells of a merge spanning columns
    date1904: bool = False  # the workbook counts days from 1904 (plain day numbers are read so)
    uncomputed: dict[tuple[int, int], str] = field(default_factory=dict)  # formulas with no stored value

    def value(self, row: int, col: int):
        values = self.rows.get(row, [])
        return values[col - 1] if 0 < col <= len(values) else None


def read_grid(worksheet, hidden_rows: Iterable[int] = (), hidden_columns: Iterable[str] = (),
              uncomputed: dict[tuple[int, int], str] | None = None) -> Sheet:
    """The cell values of an openpyxl worksheet, each merged range filled with its top-left value.

    Hidden rows and columns read as empty: they keep their place, so every message still names
    the Excel row and column the office sees. (The worksheet's extent was bounded on opening.)
    ``uncomputed``: the sheet's formulas with no stored value (`workbook.Hidden.uncomputed`).
    """
    from openpyxl.utils import column_index_from_string

    rows = {number: list(values) for number, values in enumerate(worksheet.iter_rows(values_only=True), 1)}
    for number in hidden_rows:
        if number in rows:
            rows[number] = [None] * len(rows[number])
    for column in map(column_index_from_string, hidden_columns):
        for values in rows.values():
            if column <= len(values):
                values[column - 1] = None
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    horizontal: set[tuple[int, int]] = set()
    for cells in worksheet.merged_cells.ranges:
        min_col, min_row, max_col, max_row = cells.bounds
        top_left = rows.get(min_row, [None] * min_col)[min_col - 1]
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                if max_col > min_col:
                    horizontal.add((r, c))
                if (r, c) != (min_row, min_col) and r in rows and c <= len(rows[r]):
                    rows[r][c - 1] = top_left
                    merged[(r, c)] = (min_row, min_col)
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    date1904 = getattr(getattr(worksheet, "parent", None), "epoch", None) == CALENDAR_MAC_1904
    return Sheet(name=worksheet.title, rows=rows, merged=merged, horizontal=horizontal, date1904=date1904,
                 uncomputed=dict(uncomputed or {}))


def _classify(label: str) -> str | None:
    """Which field a header text names, by its accent-free key; None if none."""
    key = name_key(label)
    if not key:
        return None
    if "hoan thanh" in key:
        if _NOT_COMPLETED.search(key) or "%" in label:
            return None
        undated = _DATE_IN_KEY.sub(" ", key)  # "30 tháng 6 năm 2024" is a date, not a period
        return "period" if _PERIOD.search(undated) and not _CUMULATIVE.search(key) else "completed"
    if key.startswith("tong so") or key in {"so xa", "so don vi cap xa"}:
        return "communes"
    if key.startswith("ghi chu"):
        return "note"
    if key in _STT_KEYS:
        return "stt"
    if key in _DATE_KEYS or key.startswith(("tinh den ngay", "ngay bao cao", "thoi diem")):
        return "date"
    if key.startswith(_UNIT_STARTS) or key == "ten":
        return "unit"
    return None


def _header_labels(grid: Sheet, row: int) -> tuple[dict[int, tuple[str, str | None]], bool]:
    """(label, field) of each column of a header at ``row``, with the row below when it is a sub-header.

    A sub-header exists when a header cell is merged down into the next row ("STT" over two rows)
    or a header spans columns ("Số xã hoàn thành" over "Trong kỳ | Lũy kế") with texts, and no
    numbers, below it. A sub-column is known by its own text, else by both texts together.
    """
    width = max(len(grid.rows.get(row, [])), len(grid.rows.get(row + 1, [])))
    top = {c: cell_text(grid.value(row, c)) for c in range(1, width + 1)}
    below = {c: cell_text(grid.value(row + 1, c)) for c in range(1, width + 1)}
    merged_down = any(grid.merged.get((row + 1, c), (0, 0))[0] == row for c in top if top[c])
    spans = any(top[c] and below[c] and (row, c) in grid.horizontal and (row + 1, c) not in grid.merged
                for c in top)
    spans = spans and not any(looks_numeric(grid.value(row + 1, c)) for c in below if below[c])
    if not (merged_down or spans):
        return {c: (t, _classify(t)) for c, t in top.items() if t}, False
    labels = {}
    for c in top:
        if top[c] and below[c] and top[c] != below[c]:
            labels[c] = (f"{top[c]} / {below[c]}", _classify(below[c]) or _classify(f"{top[c]} {below[c]}"))
        elif top[c] or below[c]:
            labels[c] = (top[c] or below[c], _classify(top[c] or below[c]))
    return labels, True


def find_header(grid: Sheet) -> tuple[Header | None, tuple[int, str] | None]:
    """The header row (the first one naming both the unit and the count), or the best partial row."""
    partial: tuple[int, int, str] | None = None  # (fields found, row, what)
    for row in range(1, min(max(grid.rows, default=0), HEADER_SEARCH_ROWS) + 1):
        if len({cell_text(v) for v in grid.rows[row]} - {""}) < 2:
            continue  # a title line merged across the width is no header, even over the real one
        labels, two_rows = _header_labels(grid, row)
        fields: dict[str, list[Column]] = {}
        for col, (label, kind) in labels.items():
            if kind:
                fields.setdefault(kind, []).append(Column(col, label))
        if "unit" in fields and ("completed" in fields or "period" in fields):
            columns = {kind: cols[0] for kind, cols in fields.items()}
            if "completed" in fields:  # a period column beside a cumulative one is left alone
                cumulative = [c for c in fields["completed"] if "luy ke" in name_key(c.label)]
                columns["completed"] = (cumulative or fields["completed"])[0]
                columns.pop("period", None)
            date = next(filter(None, (context_date(label) for label, _ in labels.values())), None)
            return Header(row, row + 1 if two_rows else row, columns, date), None
        if fields and (partial is None or len(fields) > partial[0]):
            has = " and ".join(f"'{cols[0].label}'" for cols in fields.values())
            lacks = " or ".join(EXPECTED_HEADERS[f] for f in EXPECTED_HEADERS if f not in fields)
            partial = (len(fields), row, f"{has} but no column like {lacks}")
    return None, partial[1:] if partial else None


def title_date(grid: Sheet, header_row: int) -> pd.Timestamp | None:
    """The data date of a title line above the header: "(Số liệu tính đến ngày 30/6/2024)"."""
    return find_title_date(grid, header_row).date


@dataclass(frozen=True)
class TitleDate:
    """The date of the title lines, where it stands, and why it could not be read (``problem``)."""

    date: pd.Timestamp | None = None
    row: int | None = None
    column: int | None = None
    text: str = ""
    problem: str | None = None

    @property
    def display(self) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.column) if self.column else ""


def find_title_date(grid: Sheet, header_row: int) -> TitleDate:
    """The date of a title line: after "tính đến ngày" in the same cell, or in a later cell of that row
    (a real Excel date cell, a day number, or text); else the first such date that could not be read,
    with what is wrong with it ("31 is not a month; write day/month/year").
    """
    unreadable = TitleDate()
    for row in range(1, header_row):
        values = grid.rows.get(row, [])
        for column, value in enumerate(values, 1):
            if column > 1 and value is not None and value == values[column - 2]:
                continue  # a merged title repeats its text across the row
            text = cell_text(value)
            date = context_date(text)
            if date is not None:
                return TitleDate(date, row, column, text)
            if not has_date_context(text):
                continue
            for later, cell in enumerate(values[column:], column + 1):
                if cell is None or cell == value:
                    continue
                found = cell_date(cell, grid.date1904)
                if found is not None:
                    return TitleDate(found, row, later, cell_text(cell))
                problem = date_problem(cell_text(cell))
                if problem and unreadable.problem is None:
                    unreadable = TitleDate(None, row, later, cell_text(cell), problem)
                break
            problem = date_problem(text)
            if problem and unreadable.problem is None:
                unreadable = TitleDate(None, row, column, text, problem)
    return unreadable
