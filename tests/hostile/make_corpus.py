"""Write the hostile-input corpus: broken or malicious data folders and spreadsheets, one per case.

Nothing of it is committed: the tests call `build_corpus` into a temporary folder (a few MB,
seconds), and a person can look at it with

    .venv/bin/python tests/hostile/make_corpus.py /tmp/corpus

Each `Case` names the issue item it covers, the command to run (``{case}`` is the case's own
folder, ``{data}`` its copy of the bundled data), the exit code and the words the message must
contain, and which files the command may change (none, unless said).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

REPOSITORY = Path(__file__).resolve().parents[2]
DATA = REPOSITORY / "data"
TITLE = "BÁO CÁO TIẾN ĐỘ CHUYỂN ĐỔI SỐ CẤP XÃ"
HEADER = ["STT", "Đơn vị", "Tổng số xã", "Số xã hoàn thành", "Ghi chú"]


@dataclass(frozen=True)
class Case:
    """One hostile input, the command that meets it, and what must come out."""

    name: str
    item: str  # the issue item, e.g. "9.1" (issue 9, item 1) or "9.tb" (the traceback list)
    argv: tuple[str, ...]
    exit_code: int
    expect: tuple[str, ...] = ()  # fragments of the output (stdout + stderr), in any order
    changes: tuple[str, ...] = ()  # files (relative to the case folder) the command may change or create;
    # a folder ending in "/" covers everything under it (history/ holds timestamped names)
    forbid: tuple[str, ...] = ()  # fragments that must not appear in the output

    written: tuple[tuple[str, str], ...] = ()  # (file, fragment): the file must hold the fragment afterwards

    def may_change(self, path: str) -> bool:
        return any(path == allowed or (allowed.endswith("/") and (path + "/").startswith(allowed))
                   for allowed in self.changes)

    def optional(self, path: str) -> bool:
        """A folder entry: it may appear, it need not."""
        return path.endswith("/")


@dataclass
class _Builder:
    root: Path
    cases: list[Case] = field(default_factory=list)

    def folder(self, name: str, with_data: bool = True) -> Path:
        folder = self.root / name
        folder.mkdir(parents=True)
        if with_data:
            shutil.copytree(DATA, folder / "data", ignore=shutil.ignore_patterns("sources", "frames"))
        return folder

    def add(self, name: str, item: str, argv: list[str], exit_code: int, expect=(), changes=(), forbid=(),
            prepare: Callable[[Path], None] | None = None, with_data: bool = True, written=()) -> None:
        folder = self.folder(name, with_data)
        if prepare is not None:
            prepare(folder)
        resolved = tuple(a.format(case=folder, data=folder / "data") for a in argv)
        self.cases.append(Case(name, item, resolved, exit_code, tuple(expect), tuple(changes), tuple(forbid),
                               tuple(written)))


# --- CSV edits ---------------------------------------------------------------------------------

def _edit(table: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    def prepare(folder: Path) -> None:
        path = folder / "data" / f"{table}.csv"
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return prepare


def _replace(table: str, old: str, new: str) -> Callable[[Path], None]:
    def change(text: str) -> str:
        assert old in text, f"{old!r} not in {table}.csv"
        return text.replace(old, new, 1)
    return _edit(table, change)


def _append(table: str, line: str) -> Callable[[Path], None]:
    return _edit(table, lambda text: text + line + "\n")


_PROGRESS_ROW = "399,,{date},{count},test,actual,,"  # note, measure empty


def _validate_cases(b: _Builder) -> None:
    validate = ["validate", "{data}"]
    b.add("code-absolute-path", "9.1", validate, 1, ["units.csv, row ", "district_code", "/tmp/evil",
                                                     "ASCII letters or digits"],
          prepare=_edit("units", lambda t: t.replace("\n399,", "\n/tmp/evil,")))
    b.add("code-dot-dot", "9.1", validate, 1, ["units.csv, row ", "../../escape", "ASCII letters or digits"],
          prepare=_edit("units", lambda t: t.replace("\n399,", "\n../../escape,")))
    b.add("name-control-character", "9.7", validate, 1, ["units.csv, row ", "district_name", "U+000B"],
          prepare=_edit("units", lambda t: t.replace("Huyện Hoằng Hóa", "Huyện Hoằng\u000bHóa")))
    b.add("name-zero-width", "9.7", validate, 1, ["units.csv, row ", "commune_name", "U+200B"],
          prepare=_replace("units", "Phường Hàm Rồng", "Phường Hàm\u200bRồng"))
    b.add("name-too-long", "9.tb", validate, 1, ["units.csv, row ", "district_name", "at most 100"],
          prepare=_edit("units", lambda t: t.replace("Huyện Hoằng Hóa", "Huyện " + "Hoằng" * 60)))
    b.add("name-duplicate-after-normalising", "9.tb", validate, 1, ["units.csv, row 561", "same name"],
          prepare=_append("units", "999,huyện  Hoằng Hoá,huyện,99999,Xã Thử,xã,test"))
    b.add("date-not-zero-padded", "9.11", validate, 1, ["progress.csv, row 112", "'2023-6-30'", "2023-06-30"],
          prepare=_append("progress", _PROGRESS_ROW.format(date="2023-6-30", count=10)))
    b.add("date-year-9999", "9.tb", validate, 1, ["progress.csv, row 112", "9999-12-31", "1900–2199"],
          prepare=_append("progress", _PROGRESS_ROW.format(date="9999-12-31", count=10)))
    b.add("date-year-0001", "9.tb", validate, 1, ["targets.csv, row 114", "0001-01-01"],
          prepare=_append("targets", "399,,0001-01-01,5,commune_quota,test,target,"))
    b.add("integer-above-int64", "9.tb", validate, 1, ["progress.csv, row 112", "9223372036854775808"],
          prepare=_append("progress", _PROGRESS_ROW.format(date="2024-12-31", count=2**63)))
    for name, digits in (("arabic-indic", "١٢"), ("fullwidth", "１２")):
        b.add(f"digits-{name}", "9.14", validate, 1, ["progress.csv, row 112", "completed", digits],
              prepare=_append("progress", _PROGRESS_ROW.format(date="2024-12-31", count=digits)))
    b.add("number-with-thousands-dot", "9.14", validate, 1, ["progress.csv, row 112", "'12.000'"],
          prepare=_append("progress", _PROGRESS_ROW.format(date="2024-12-31", count="12.000")))
    b.add("duplicate-header", "9.14", validate, 1, ["progress.csv, row 1", "'status' appears more than once"],
          prepare=_edit("progress", lambda t: t.replace(",measure\n", ",status\n", 1)))
    b.add("truncated-last-line", "9.14", validate, 1, ["progress.csv, row 112", "cut short"],
          prepare=_edit("progress", lambda t: t + "399,Huyện Hoằng Hóa,2024-12-31"))
    b.add("progress-code-dot-dot", "9.1", validate, 1, ["progress.csv, row 112", "unknown district '../x'"],
          prepare=_append("progress", "../x,,2024-12-31,1,test,actual,,"))
    b.add("units-header-only", "9.tb", validate, 1, ["units.csv", "has no rows"],
          prepare=_edit("units", lambda t: t.split("\n", 1)[0] + "\n"))
    b.add("units-is-a-folder", "9.tb", validate, 1, ["units.csv", "is a folder"],
          prepare=lambda f: ((f / "data" / "units.csv").unlink(), (f / "data" / "units.csv").mkdir()))
    b.add("progress-is-a-fifo", "9.tb", validate, 1, ["progress.csv", "FIFO"],
          prepare=lambda f: ((f / "data" / "progress.csv").unlink(), os.mkfifo(f / "data" / "progress.csv")))
    b.add("directory-is-a-file", "9.tb", ["validate", "{data}/units.csv"], 2, ["units.csv", "not a folder"])
    many = "".join(_PROGRESS_ROW.format(date=f"2030-01-{i % 28 + 1:02d}", count=f"x{i}") + "\n" for i in range(3000))
    b.add("many-problems", "9.tb", validate, 1, ["more problems not listed"],
          prepare=_edit("progress", lambda t: t + many))


# --- workbooks ---------------------------------------------------------------------------------

def _sheet(rows: list[list[object]], title: str = "Tiến độ", date: str = "31/12/2024", workbook=None):
    """A district form: title, as-of line, header in row 4, ``rows`` under it."""
    workbook = workbook or Workbook()
    sheet = workbook.active if workbook.active.max_row == 1 and workbook.active["A1"].value is None \
        else workbook.create_sheet()
    sheet.title = title
    sheet["A1"] = TITLE
    sheet["A2"] = f"(Số liệu tính đến ngày {date})"
    for c, label in enumerate(HEADER, 1):
        sheet.cell(4, c, label)
    for r, values in enumerate(rows, 5):
        for c, value in enumerate(values, 1):
            if value is not None:
                sheet.cell(r, c, value)
    return workbook, sheet


def _save(workbook, path: Path) -> Path:
    workbook.save(path)
    return path


def _patch_part(path: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    """Rewrite one part of an .xlsx package (openpyxl cannot write what these cases need)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, change(data) if info.filename == part else data)
    path.write_bytes(out.getvalue())


def _good_rows() -> list[list[object]]:
    return [[1, "Huyện Hoằng Hóa", 37, 15, None]]


def _workbook_case(build: Callable[[Path], None]) -> Callable[[Path], None]:
    return lambda folder: build(folder / "form.xlsx")


def _huge_cell(path: Path) -> None:
    workbook, sheet = _sheet(_good_rows())
    sheet["XFD1048576"] = 1
    _save(workbook, path)


def _huge_merge(path: Path) -> None:
    _save(_sheet(_good_rows())[0], path)
    merge = b'<mergeCells count="1"><mergeCell ref="F1:XFD1048576"/></mergeCells>'
    _patch_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + merge))


def _huge_dimension(path: Path) -> None:
    _save(_sheet(_good_rows())[0], path)
    _patch_part(path, "xl/worksheets/sheet1.xml",
                lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml))


def _far_row_without_references(path: Path) -> None:
    _save(_sheet(_good_rows())[0], path)
    far = b'<row r="900000"><c><v>1</v></c><c><v>2</v></c></row>'
    _patch_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", far + b"</sheetData>"))


def _entity_expansion(path: Path) -> None:
    _save(_sheet(_good_rows())[0], path)
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
              b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>')
    _patch_part(path, "xl/worksheets/sheet1.xml",
                lambda xml: laughs + re.sub(rb"^<\?xml[^>]*\?>", b"", xml).replace(b"<v>15</v>", b"<v>&lol3;</v>"))


def _hidden_sheet(path: Path) -> None:
    workbook, hidden = _sheet([[1, "Huyện Hoằng Hóa", 37, 30, "hidden figure"]], title="Cũ")
    hidden.sheet_state = "hidden"
    _sheet(_good_rows(), workbook=workbook)
    _save(workbook, path)


def _hidden_row(path: Path) -> None:
    workbook, sheet = _sheet(_good_rows() + [[2, "Huyện Đông Sơn", 14, 13, "hidden row"]])
    sheet.row_dimensions[6].hidden = True
    _save(workbook, path)


def _hidden_note_column(path: Path) -> None:
    workbook, sheet = _sheet([[1, "Huyện Hoằng Hóa", 37, 15, "không công bố"]])
    sheet.column_dimensions["E"].hidden = True
    _save(workbook, path)


def _hidden_count_column(path: Path) -> None:
    workbook, sheet = _sheet(_good_rows())
    sheet.column_dimensions["D"].hidden = True
    _save(workbook, path)


def _encrypted(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088))


def _crc_corrupt(path: Path) -> None:
    _save(_sheet(_good_rows())[0], path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _malformed_xml(path: Path) -> None:
    _save(_sheet(_good_rows())[0], path)
    _patch_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])


def _title_year(year: int) -> Callable[[Path], None]:
    return lambda path: _save(_sheet(_good_rows(), date=f"31/12/{year}")[0], path)


def _row_year_1600(path: Path) -> None:
    workbook, sheet = _sheet(_good_rows())
    sheet.cell(4, 6, "Ngày")
    sheet.cell(5, 6, "1/1/1600")
    _save(workbook, path)


def _sheet_named_2024(path: Path) -> None:
    workbook, notes = _sheet([], title="Hướng dẫn")
    notes.delete_rows(1, 10)
    notes["A1"] = "Điền số liệu vào sheet 2024"
    _sheet(_good_rows(), title="2024", workbook=workbook)
    _save(workbook, path)


def _count(value: object) -> Callable[[Path], None]:
    return lambda path: _save(_sheet([[1, "Huyện Hoằng Hóa", 37, value, None]])[0], path)


def _falling(path: Path) -> None:  # below the district's own claim of 10 in 2022
    _save(_sheet([[1, "Huyện Hoằng Hóa", 37, 5, None]])[0], path)


def _above_province(path: Path) -> None:  # 37 beside the other districts' 2024-06-30 rows: above the 95
    _save(_sheet([[1, "Huyện Hoằng Hóa", 37, 37, None]], date="30/6/2024")[0], path)


def _import_cases(b: _Builder) -> None:
    def imp(*extra: str) -> list[str]:
        return ["import", "{case}/form.xlsx", "--out", "{data}", "--lang", "en", *extra]

    written = ("data/progress.csv", "data/history/")
    b.add("xlsx-cell-at-XFD1048576", "9.5", imp(), 1, ["form.xlsx", "XFD1048576", "20,000 rows"],
          prepare=_workbook_case(_huge_cell))
    b.add("xlsx-merge-to-XFD1048576", "9.5", imp(), 1, ["form.xlsx", "F1:XFD1048576"],
          prepare=_workbook_case(_huge_merge))
    b.add("xlsx-dimension-to-XFD1048576", "9.5", imp(), 1, ["form.xlsx", "A1:XFD1048576"],
          prepare=_workbook_case(_huge_dimension))
    b.add("xlsx-far-row-without-references", "9.5", imp(), 1, ["form.xlsx", "900,000 rows"],
          prepare=_workbook_case(_far_row_without_references))
    b.add("xlsx-entity-expansion", "9.tb", imp(), 1, ["form.xlsx", "not well-formed"],
          prepare=_workbook_case(_entity_expansion))
    b.add("xlsx-hidden-sheet", "9.6", imp(), 0, ["skipped hidden sheet(s): Cũ", "2024-12-31"], written,
          forbid=("30 (",), prepare=_workbook_case(_hidden_sheet))
    b.add("xlsx-hidden-row", "9.6", imp(), 0, ["skipped hidden rows of sheet 'Tiến độ': 6"], written,
          prepare=_workbook_case(_hidden_row))
    b.add("xlsx-hidden-row-included", "9.6", imp("--include-hidden"), 0, ["added 2 row(s)"], written,
          prepare=_workbook_case(_hidden_row))
    b.add("xlsx-hidden-column", "9.6", imp(), 0, ["skipped hidden columns of sheet 'Tiến độ': E"], written,
          forbid=("không công bố",), prepare=_workbook_case(_hidden_note_column))
    b.add("xlsx-hidden-count-column", "9.6", imp(), 1, ["no header row", "hidden columns of sheet 'Tiến độ': D",
                                                       "--include-hidden"],
          prepare=_workbook_case(_hidden_count_column))
    b.add("xlsx-encrypted", "9.tb", imp(), 1, ["form.xlsx", "password"], prepare=_workbook_case(_encrypted))
    b.add("xlsx-crc-corrupt", "9.tb", imp(), 1, ["form.xlsx", "damaged"], prepare=_workbook_case(_crc_corrupt))
    b.add("xlsx-malformed-xml", "9.tb", imp(), 1, ["form.xlsx", "not well-formed"],
          prepare=_workbook_case(_malformed_xml))
    b.add("xlsx-title-year-9999", "9.tb", imp(), 1, ["form.xlsx, row 2, column A", "the year 9999 is outside"],
          forbid=("row 5",), prepare=_workbook_case(_title_year(9999)))
    b.add("xlsx-title-year-1600", "9.tb", imp(), 1, ["form.xlsx, row 2, column A", "the year 1600 is outside"],
          forbid=("row 5",), prepare=_workbook_case(_title_year(1600)))
    b.add("xlsx-row-year-1600", "9.tb", imp(), 1, ["form.xlsx, row 5", "'1/1/1600' is not a date"],
          prepare=_workbook_case(_row_year_1600))
    b.add("as-of-year-2999", "9.tb", imp("--as-of", "31/12/2999"), 2, ["'31/12/2999'"],
          prepare=_workbook_case(_title_year(2024)))
    b.add("sheet-named-2024", "9.tb", imp("--sheet", "2024"), 0, ["sheet 2024"], written,
          prepare=_workbook_case(_sheet_named_2024))
    b.add("count-fullwidth-digits", "9.14", imp(), 1, ["form.xlsx, row 5", "'１５' is not a whole number"],
          prepare=_workbook_case(_count("１５")))
    b.add("count-thousands-dot", "9.14", imp(), 1, ["form.xlsx, row 5", "'12.000' is not a whole number"],
          prepare=_workbook_case(_count("12.000")))
    b.add("out-is-a-file", "9.tb", ["import", "{case}/form.xlsx", "--out", "{data}/units.csv"], 2,
          ["units.csv", "not a folder"], prepare=_workbook_case(_title_year(2024)))
    b.add("out-missing", "9.tb", ["import", "{case}/form.xlsx", "--out", "{case}/nowhere/deeper"], 2,
          ["nowhere", "does not exist"], prepare=_workbook_case(_title_year(2024)))
    b.add("progress-read-only", "9.13", imp(), 1, ["progress.csv", "read-only"],
          prepare=lambda f: (_title_year(2024)(f / "form.xlsx"), os.chmod(f / "data" / "progress.csv", 0o444)))
    b.add("progress-symlink", "9.13", ["import", "{case}/form.xlsx", "--out", "{case}/linked", "--lang", "en"], 0,
          ["added 1 row(s)"], ("data/progress.csv", "linked/history/"), prepare=_linked_progress)
    b.add("merge-would-fall", "9.13", imp("--measure", "claimed"), 1,
          ["nothing was written", "cumulative count falls", "form.xlsx, row 5, column Số xã hoàn thành (D)",
           "from 10 (progress.csv row 76, 2022-12-31)", "within the measure 'claimed'"],
          forbid=("as it would be after this import",), prepare=_workbook_case(_falling))
    # Issue 21: recognitions below the district's own claim are no fall; alone, they lower the province.
    b.add("recognised-below-claim-lowers-province", "21.1", imp(), 1,
          ["nothing was written", "the province's figure on 31/12/2024 would be 90", "never lowers"],
          forbid=("cumulative count falls",), prepare=_workbook_case(_falling))
    b.add("merge-above-province", "9.13", imp(), 1, ["nothing was written", "above the province count 95",
                                                     "progress.csv, row 3", "this form's rows for that date: "
                                                     "form.xlsx row 5"],
          forbid=("as it would be after this import",), prepare=_workbook_case(_above_province))
    b.add("dry-run", "10.1", imp("--dry-run"), 0, ["would add 1 row(s)", "would replace 3 row(s), 3 of them "
                                                   "illustrative", "dry run: nothing was written"],
          prepare=_workbook_case(_title_year(2024)))
    b.add("replaces-illustrative", "10.1", imp(), 0, ["replaced 3 row(s), 3 of them illustrative",
                                                      "399 Huyện Hoằng Hóa, 2023-06-30: 10 (illustrative)"],
          written, prepare=_workbook_case(_title_year(2024)))


def _linked_progress(folder: Path) -> None:
    _title_year(2024)(folder / "form.xlsx")
    linked = folder / "linked"
    linked.mkdir()
    for name in ("units.csv", "targets.csv"):
        shutil.copy(folder / "data" / name, linked / name)
    (linked / "progress.csv").symlink_to(folder / "data" / "progress.csv")


def _forecast_cases(b: _Builder) -> None:
    fc = ["forecast", "--data", "{data}", "--model", "last", "--draws", "50"]
    b.add("seed-negative", "9.tb", [*fc, "--seed", "-1"], 2, ["--seed", "-1"])
    b.add("draws-zero", "9.tb", ["forecast", "--data", "{data}", "--draws", "0"], 2, ["--draws", "'0'"])
    b.add("draws-ten-million", "9.tb", ["forecast", "--data", "{data}", "--draws", "10000000"], 2,
          ["--draws", "100000"])
    b.add("draws-not-a-number", "9.tb", ["forecast", "--data", "{data}", "--draws", "inf"], 2, ["--draws", "'inf'"])
    b.add("targets-header-only", "9.tb", fc, 1, ["targets.csv", "no rows"],
          prepare=_edit("targets", lambda t: t.split("\n", 1)[0] + "\n"))
    b.add("out-folder-missing", "9.tb", [*fc, "--out", "{case}/x/y.csv"], 2, ["does not exist"])
    b.add("out-is-a-folder", "9.tb", [*fc, "--out", "{data}"], 2, ["ending in .csv or .xlsx"])
    b.add("control-character-to-xlsx", "9.7", [*fc, "--out", "{case}/x.xlsx"], 1, ["U+000B"],
          prepare=_edit("units", lambda t: t.replace("Huyện Hoằng Hóa", "Huyện Hoằng\u000bHóa")))
    b.add("as-of-day-first", "9.12", [*fc, "--as-of", "1/7/2024"], 0, ["as of 2024-07-01"])
    b.add("as-of-not-a-date", "10.7", [*fc, "--as-of", "32/13/2024"], 2, ["'32/13/2024'"])
    b.add("as-of-stale", "10.7", [*fc, "--as-of", "2025-03-01"], 0, ["30/06/2024", "3 tháng"])
    b.add("progress-as-of-day-first", "9.12", ["progress", "--data", "{data}", "--as-of", "1/1/2024"], 0,
          ["2023-12-31"], forbid=("2024-06-30",))
    b.add("template-not-xlsx", "10.1", ["template", "--data", "{data}", "--out", "{case}/form.csv"], 2, [".xlsx"])
    b.add("template-folder-missing", "10.1", ["template", "--data", "{data}", "--out", "{case}/x/form.xlsx"], 2,
          ["does not exist"])


# --- issue 20 (round two), the intake side ---------------------------------------------------------

_HYPERLINK = '=HYPERLINK("http://evil.example/x","bấm đây")'
_DDE = "@SUM(1+1)*cmd|' /C calc'!A0"


def _note(note: str, name: str = "form.xlsx") -> Callable[[Path], None]:
    """A form whose "Ghi chú" cell holds ``note`` as text (as a sender types it after an apostrophe)."""
    def build(folder: Path) -> None:
        workbook, sheet = _sheet([[1, "Huyện Hoằng Hóa", 37, 15, None]])
        sheet.cell(5, 5).value = note
        sheet.cell(5, 5).data_type = "s"  # openpyxl would store "=..." as a formula
        _save(workbook, folder / name)
    return build


def _headed(label: str) -> Callable[[Path], None]:
    """A form whose count column is headed ``label`` (a period count, for W1)."""
    def build(folder: Path) -> None:
        workbook, sheet = _sheet([[1, "Huyện Hoằng Hóa", 37, 3, None]])
        sheet.cell(4, 4).value = label
        _save(workbook, folder / "form.xlsx")
    return build


def _date_1904(path: Path) -> None:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    workbook, sheet = _sheet([[1, "Huyện Hoằng Hóa", 37, 15, None, 44195]])
    workbook.epoch = CALENDAR_MAC_1904
    sheet["A2"] = None
    sheet.cell(4, 6, "Ngày")
    _save(workbook, path)


def _title_date_cell(path: Path) -> None:
    import datetime as dt

    workbook, sheet = _sheet(_good_rows())
    sheet["A2"] = "Số liệu tính đến ngày"
    sheet["B2"] = dt.datetime(2025, 3, 31)
    _save(workbook, path)


def _formula_count(stored: str | None) -> Callable[[Path], None]:
    """A form whose count cell D5 is the formula =C5-22 (15 for Hoằng Hóa's 37), written by a program:
    no value stored (``stored`` None, U3), or with Excel's stored value ``stored``."""
    def build(folder: Path) -> None:
        workbook, _ = _sheet([[1, "Huyện Hoằng Hóa", 37, "=C5-22", None]])
        path = _save(workbook, folder / "form.xlsx")
        if stored is not None:
            _patch_part(path, "xl/worksheets/sheet1.xml",
                        lambda xml: xml.replace(b"<f>C5-22</f><v></v>", f"<f>C5-22</f><v>{stored}</v>".encode()))
    return build


def _districts() -> list[tuple[str, int]]:
    """The bundled districts, (name, communes), in the units list's order."""
    import csv

    with open(DATA / "units.csv", encoding="utf-8") as handle:
        names = [row["district_name"] for row in csv.DictReader(handle)]
    return [(name, names.count(name)) for name in dict.fromkeys(names)]


_PARTIAL = {"Huyện Hoằng Hóa": 18, "Huyện Hậu Lộc": 12, "Huyện Thạch Thành": 13}


def _partial_return(others: object = None, date: str = "31/12/2024") -> Callable[[Path], None]:
    """Issue 19's ordinary month: three districts report, the other 24 are left as ``others``."""
    rows = [[i, name, total, _PARTIAL.get(name, others), None] for i, (name, total) in enumerate(_districts(), 1)]
    return _workbook_case(lambda path: _save(_sheet(rows, date=date)[0], path))


def _imported_first(*argv: str) -> Callable[[Path], None]:
    """Prepare a case by importing the partial return first (the case then runs a second command)."""
    def prepare(folder: Path) -> None:
        from contextlib import redirect_stdout

        from cdsanalysis.cli import main

        _partial_return()(folder)
        with redirect_stdout(io.StringIO()):
            assert main(["import", str(folder / "form.xlsx"), "--out", str(folder / "data"), *argv]) == 0
    return prepare


def _round_two_cases(b: _Builder) -> None:
    def imp(*extra: str, form: str = "form.xlsx") -> list[str]:
        return ["import", "{case}/" + form, "--out", "{data}", "--lang", "en", *extra]

    written = ("data/progress.csv", "data/history/")
    # S1: formula injection into progress.csv through import, and validate refusing it.
    b.add("s1-note-hyperlink", "20.S1", imp(), 0, ["added 1 row(s)"], written, prepare=_note(_HYPERLINK),
          written=(("data/progress.csv", "'=HYPERLINK("),))
    b.add("s1-note-dde", "20.S1", imp(), 0, ["added 1 row(s)"], written, prepare=_note(_DDE),
          written=(("data/progress.csv", "'@SUM(1+1)*cmd|"),))
    b.add("s1-source-option", "20.S1", imp("--source", "=1+1"), 0, ["added 1 row(s)"], written,
          prepare=_note("ok"), written=(("data/progress.csv", ",'=1+1,actual,"),))
    b.add("s1-file-name", "20.S1", imp(form="=1+1.xlsx"), 0, ["added 1 row(s)"], written,
          prepare=_note("ok", "=1+1.xlsx"), written=(("data/progress.csv", "'=1+1.xlsx, sheet Tiến độ"),))
    # Issue 19, obs. 1: a blank is "not reported"; zeros cannot pull the province below its official 95.
    b.add("o1-partial-return", "19.1", ["import", "{case}/form.xlsx", "--out", "{data}"], 0,
          ["đã thêm 3 dòng", "24 huyện không báo cáo cho ngày 31/12/2024", "Huyện Quan Sơn",
           "cdsanalysis import --undo --out"], written, forbid=("0 if none",), prepare=_partial_return(),
          written=(("data/progress.csv", "399,Huyện Hoằng Hóa,2024-12-31,18,"),))
    b.add("o1-partial-return-en", "19.1", imp(), 0, ["24 district(s) did not report for 31/12/2024"], written,
          prepare=_partial_return())
    b.add("o1-zeros-refused", "19.1", imp(), 1, ["form.xlsx, column Số xã hoàn thành (D)", "would be 43",
                                                 "official province total of 95 on 30/6/2024",
                                                 "row 5 Thành phố Thanh Hóa 0 (was 8 on 30/6/2024)", "left blank"],
          prepare=_partial_return(others=0))
    b.add("o1-undo-restores", "19.1", ["import", "--undo", "--out", "{data}", "--lang", "en"], 0,
          ["restored", "progress-"], ("data/progress.csv", "data/history/"), prepare=_imported_first(),
          written=(("data/progress.csv", "399,Huyện Hoằng Hóa,2024-06-30,10,"),))
    b.add("o1-undo-nothing-kept", "19.1", ["import", "--undo", "--out", "{data}", "--lang", "en"], 1,
          ["no earlier version of progress.csv"])
    b.add("o1-undo-with-a-file", "19.1", ["import", "{case}/form.xlsx", "--undo", "--out", "{data}"], 2,
          ["--undo", "no file"], prepare=_partial_return())
    # Issue 19, obs. 9: an unchanged re-import reads differently from a correction.
    b.add("o9-dry-run-unchanged", "19.9", imp("--dry-run"), 0, ["3 row(s) unchanged", "would add 0 row(s)",
                                                                "dry run: nothing was written"],
          forbid=("would correct",), prepare=_imported_first())
    # W1: period counts are never read as the running total.
    for slug, label in (("month", "Số xã hoàn thành trong tháng"), ("year", "Số xã hoàn thành năm 2024"),
                        ("half-year", "Số xã hoàn thành 6 tháng đầu năm"),
                        ("round", "Số xã được công nhận hoàn thành đợt này")):
        b.add(f"w1-period-column-{slug}", "20.W1", imp(), 1, ["form.xlsx, row 4", f"{label} (D)", "one period",
                                                              "lũy kế"],
              prepare=_headed(label))
    # W2: the form's commune total against the units list (Hoằng Hóa has 37).
    b.add("w2-form-total-differs", "20.W2", imp(), 1, ["form.xlsx, row 5, column Tổng số xã (C)", "35 communes",
                                                        "units list 37"],
          prepare=lambda f: _save(_sheet([[1, "Huyện Hoằng Hóa", 35, 15, None]])[0], f / "form.xlsx"))
    # W4: a 1904-date-system workbook's plain day numbers (44195 = 31/12/2024 there).
    b.add("w4-1904-day-number", "20.W4", imp(), 0, ["2024-12-31", "added 1 row(s)"], written,
          forbid=("2020-12-30",), prepare=_workbook_case(_date_1904))
    # W5: typo years inside the tables' range but impossible for a form.
    for year in ("2199", "1900"):
        date = f"31/12/{year}" if year == "2199" else "1/1/1900"
        b.add(f"w5-title-year-{year}", "20.W5", imp(), 1, ["form.xlsx, row 2, column A", year, "cannot be right"],
              forbid=("row 5",), prepare=_workbook_case(lambda path, d=date: _save(_sheet(_good_rows(), date=d)[0],
                                                                                   path)))
    b.add("w5-as-of-year-2199", "20.W5", imp("--as-of", "31/12/2199"), 1, ["--as-of", "2199", "cannot be right"],
          prepare=_workbook_case(_title_year(2024)))
    # Issue 19, obs. 9: the date problem named at its cell; a real Excel date cell in the title accepted.
    b.add("o9-title-month-first", "19.9", imp(), 1, ["form.xlsx, row 2, column A", "31 is not a month",
                                                     "31/3/2025"],
          forbid=("row 5", "no date for this row"), prepare=_workbook_case(
              lambda path: _save(_sheet(_good_rows(), date="03/31/2025")[0], path)))
    b.add("o9-title-excel-date-cell", "19.9", imp(), 0, ["2025-03-31", "added 1 row(s)"], written,
          prepare=_workbook_case(_title_date_cell))
    # W3: validate, like import, refuses a province row above the sum of all its districts (2024-06-30: 95).
    # U3: a formula no program ever computed reads as empty; it is named, never taken for "not reported".
    b.add("u3-formula-never-computed", "20.U3", imp(), 1,
          ["form.xlsx, row 5, column Số xã hoàn thành (D)", "cell D5 of sheet 'Tiến độ'", "=C5-22",
           "never computed", "open the file in Excel and save it", "or type the number"],
          forbid=("did not report",), prepare=_formula_count(None))
    b.add("u3-formula-computed-by-excel", "20.U3", imp(), 0, ["added 1 row(s)"], written,
          prepare=_formula_count("15"), written=(("data/progress.csv", "399,Huyện Hoằng Hóa,2024-12-31,15,"),))
    b.add("w3-province-above-all-districts", "20.W3", ["validate", "{data}"], 1,
          ["progress.csv, row 3, column completed", "every district has a count on 2024-06-30", "sum to 95",
           "province count 120"],
          prepare=_replace("progress", ",,2024-06-30,95,", ",,2024-06-30,120,"))
    b.add("s1-validate-refuses-formula", "20.S1", ["validate", "{data}"], 1,
          ["progress.csv, row 112, column note", "formula", "apostrophe"],
          prepare=_append("progress", '399,,2024-12-31,15,test,actual,"' + _HYPERLINK.replace('"', '""') + '",'))
    b.add("s1-validate-refuses-dde-source", "20.S1", ["validate", "{data}"], 1,
          ["progress.csv, row 112, column source", "'@'"],
          prepare=_append("progress", f'399,,2024-12-31,15,"{_DDE}",actual,,'))


# --- issue 21: recognition records and decision lists -----------------------------------------------

_DECISION_TITLE = "Kèm theo Quyết định số 9/QĐ-UBND ngày 2/1/2025 của Chủ tịch UBND tỉnh"


def _unrecognised(district: str = "399", n: int = 2) -> list[str]:
    """Names of communes of ``district`` the bundled records do not hold yet."""
    import csv as csv_

    with open(DATA / "recognitions.csv", encoding="utf-8") as handle:
        done = {row["commune_code"] for row in csv_.DictReader(handle)}
    with open(DATA / "units.csv", encoding="utf-8") as handle:
        names = [row["commune_name"] for row in csv_.DictReader(handle)
                 if row["district_code"] == district and row["commune_code"] not in done]
    return names[:n]


def _first_recognised() -> str:
    import csv as csv_

    with open(DATA / "recognitions.csv", encoding="utf-8") as handle:
        return next(csv_.DictReader(handle))["commune_name"]


def _decision_book(names: list[str], district: str = "Hoằng Hóa", note: str | None = None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    sheet["A1"] = _DECISION_TITLE
    for c, label in enumerate(["STT", "Tên xã, phường, thị trấn", "Huyện", "Ghi chú"], 1):
        sheet.cell(3, c, label)
    for r, name in enumerate(names, 4):
        sheet.cell(r, 1, r - 3)
        sheet.cell(r, 2, name)
        sheet.cell(r, 3, district)
        if note is not None:
            sheet.cell(r, 4, note).data_type = "s"  # text that looks like a formula, as a pasted cell keeps it
    return workbook, sheet


def _decision(names: list[str] | None = None, **kwargs) -> Callable[[Path], None]:
    return lambda folder: _save(_decision_book(_unrecognised() if names is None else names, **kwargs)[0],
                                folder / "decision.xlsx")


def _decision_with(change: Callable[[object, Path], None]) -> Callable[[Path], None]:
    """A good decision list, changed by ``change(sheet, path)`` (after saving when it patches the file)."""
    def prepare(folder: Path) -> None:
        workbook, sheet = _decision_book(_unrecognised())
        change(sheet, None)
        path = _save(workbook, folder / "decision.xlsx")
        change(None, path)
    return prepare


def _decision_cases(b: _Builder) -> None:
    def dec(*extra: str, name: str = "decision.xlsx") -> list[str]:
        return ["import-decision", "{case}/" + name, "--out", "{data}", "--credited-year", "2024", "--lang", "en",
                *extra]

    written = ("data/recognitions.csv", "data/history/")
    b.add("d-decision-imports", "21.2", dec(), 0, ["added 2 recognised communes", "decision 9/QĐ-UBND of 2/1/2025",
                                                   "credited to 2024", "import-decision --undo"], written,
          prepare=_decision(), written=(("data/recognitions.csv", ",9/QĐ-UBND,2025-01-02,2024,"),))
    b.add("d-decision-dry-run", "21.2", dec("--dry-run"), 0, ["would add 2", "dry run: nothing was written"],
          prepare=_decision())
    b.add("d-decision-misspelt", "21.2", dec(), 1, ["decision.xlsx, row 5, column Tên xã, phường, thị trấn (B)",
                                                    "is no commune of Huyện Hoằng Hóa", "did you mean",
                                                    "nothing was written"],
          prepare=_decision(_unrecognised()[:1] + ["Hoằng Thịng"]))
    b.add("d-decision-already-recognised", "21.2", dec(), 1, ["already recognised", "recognitions.csv row 2"],
          prepare=_decision([_first_recognised()], district="Thanh Hóa"))
    b.add("d-decision-other-district", "21.2", dec(), 1, ["of Huyện Hậu Lộc, not of Huyện Hoằng Hóa"],
          prepare=_decision(["Xã Đồng Lộc"]))
    b.add("d-decision-listed-twice", "21.2", dec(), 1, ["listed twice: also in row 4"],
          prepare=_decision(_unrecognised()[:1] * 2))
    b.add("d-decision-no-year", "21.2", ["import-decision", "{case}/decision.xlsx", "--out", "{data}"], 1,
          ["--credited-year"], prepare=_decision())
    b.add("d-decision-year-after", "21.3", ["import-decision", "{case}/decision.xlsx", "--out", "{data}",
                                            "--credited-year", "2026", "--lang", "en"], 1,
          ["credited year 2026 is after the decision's date 2/1/2025"], prepare=_decision())
    b.add("d-decision-formula-note", "21.2", dec("--decision", "=1+1"), 0, ["added 2"], written,
          prepare=_decision(note=_HYPERLINK), written=(("data/recognitions.csv", "'=HYPERLINK("),
                                                       ("data/recognitions.csv", ",'=1+1,2025-01-02,")))
    b.add("d-decision-huge-cell", "21.2", dec(), 1, ["decision.xlsx", "XFD1048576", "20,000 rows"],
          prepare=_decision_with(lambda sheet, path: sheet.__setitem__("XFD1048576", 1) if sheet else None))
    b.add("d-decision-encrypted", "21.2", dec(), 1, ["decision.xlsx", "password"],
          prepare=lambda f: _encrypted(f / "decision.xlsx"))
    b.add("d-decision-hidden-row", "21.2", dec(), 0, ["added 1 recognised commune", "skipped hidden rows of sheet "
                                                      "'Danh sách': 5"], written,
          prepare=_decision_with(lambda sheet, path: setattr(sheet.row_dimensions[5], "hidden", True)
                                 if sheet else None))
    b.add("d-decision-ods", "21.2", dec(name="decision.ods"), 1, ["cannot read '.ods'"],
          prepare=lambda f: (f / "decision.ods").write_bytes(b"PK\x03\x04"))
    b.add("d-decision-csv-not-utf8", "21.2", dec(name="decision.csv"), 1, ["decision.csv", "not UTF-8"],
          prepare=lambda f: (f / "decision.csv").write_bytes(b"STT,T\xean xa\n1,Ho\xe0ng Ph\xfa\n"))  # Latin-1
    b.add("d-decision-csv-too-long", "21.2", dec(name="decision.csv"), 1, ["decision.csv", "more than 20,000 rows"],
          prepare=lambda f: (f / "decision.csv").write_text("STT,Tên xã\n" + "1,x\n" * 20_001, encoding="utf-8"))
    b.add("d-decision-no-header", "21.2", dec(name="decision.csv"), 1, ["decision.csv", "no header row"],
          prepare=lambda f: (f / "decision.csv").write_text("1,2,3\n", encoding="utf-8"))
    b.add("d-decision-records-read-only", "21.2", dec(), 1, ["recognitions.csv", "read-only"],
          prepare=lambda f: (_decision()(f), os.chmod(f / "data" / "recognitions.csv", 0o444)))
    b.add("d-decision-undo-nothing", "21.2", ["import-decision", "--undo", "--out", "{data}", "--lang", "en"], 1,
          ["no earlier version of recognitions.csv"])
    b.add("d-decision-out-missing", "21.2", ["import-decision", "{case}/decision.xlsx", "--out", "{case}/nowhere"],
          2, ["nowhere", "does not exist"], prepare=_decision())
    # recognitions.csv itself, as validate reads it.
    validate = ["validate", "{data}"]
    b.add("r-records-unknown-code", "21.2", validate, 1, ["recognitions.csv, row 97, column commune_code",
                                                          "unknown commune code '../x'"],
          prepare=_append("recognitions", "../x,,1/QĐ,2024-06-20,2024,test,"))
    b.add("r-records-twice", "21.2", validate, 1, ["recognitions.csv, row 97", "recognised twice: also in row 2"],
          prepare=_edit("recognitions", lambda t: t + t.split("\n")[1] + "\n"))
    b.add("r-records-formula", "21.2", validate, 1, ["recognitions.csv, row 97, column source", "apostrophe"],
          prepare=_append("recognitions", f"15883x,,1/QĐ,2024-06-20,2024,\"{_DDE}\","))
    b.add("r-records-date", "21.3", validate, 1, ["recognitions.csv, row 97, column decision_date", "2/1/2025"],
          prepare=_append("recognitions", "15868,,1/QĐ,2/1/2025,2024,test,"))
    b.add("r-records-cut-short", "21.2", validate, 1, ["recognitions.csv, row 97", "cut short"],
          prepare=_append("recognitions", "15868,,1/QĐ"))


def _in_two_groups(text: str) -> str:
    """units.csv in time, with a commune of Đông Sơn also listed in Thanh Hóa city half a year early."""
    lines = text.rstrip("\n").split("\n")
    out = [lines[0] + ",valid_from,valid_to"]
    for line in lines[1:]:
        out.append(line + (",,2024-11-30" if line.startswith("405,") and ",16381," in line else ",,"))
    moved = next(line for line in lines if ",16381," in line).replace("405,Huyện Đông Sơn", "380,Thành phố Thanh Hóa")
    return "\n".join([*out, moved + ",2024-06-01,"]) + "\n"


def _frame_cases(b: _Builder) -> None:
    """Issue 22: changes.csv and units in time."""
    validate = ["validate", "{data}"]
    b.add("change-to-missing-unit", "22.1", validate, 1,
          ["changes.csv, row 42", "old_code", "'99999' does not exist on 2024-11-30"],
          prepare=_append("changes", "2024-12-01,commune,merge,99999,14770,,,,NQ test,"))
    b.add("change-cycle", "22.1", validate, 1, ["changes.csv, row 42", "changes.csv, row 43", "form a cycle"],
          prepare=_append("changes", "2025-01-01,commune,merge,14755,14758,,,,NQ test,\n"
                                     "2025-01-01,commune,merge,14758,14755,,,,NQ test,"))
    b.add("commune-in-two-groups", "22.1", validate, 1,
          ["units.csv, row 561", "valid_from", "commune 16381", "groups 405 and 380"],
          prepare=_edit("units", _in_two_groups))


# --- issue 22.3: levels.csv, the level words ----------------------------------------------------------

_LEVELS = ("level,lang,singular,plural,all_of\ntop,vi,quốc gia,quốc gia,Cả nước\ngroup,vi,tỉnh,tỉnh,\n"
           "unit,vi,xã,xã,\ntop,en,nation,nations,Whole nation\ngroup,en,province,provinces,\n"
           "unit,en,commune,communes,\n")


def _levels_file(text: str) -> Callable[[Path], None]:
    return lambda folder: (folder / "data" / "levels.csv").write_text(text, encoding="utf-8")


def _levels_cases(b: _Builder) -> None:
    b.add("l-levels-national-valid", "22.3", ["validate", "{data}"], 0, ["valid"],
          prepare=_levels_file(_LEVELS))
    b.add("l-levels-unknown-level", "22.3", ["validate", "{data}"], 1,
          ["levels.csv, row 3, column level", "'grup' is none of top, group, unit"],
          prepare=_levels_file(_LEVELS.replace("group,vi", "grup,vi")))
    b.add("l-levels-missing-language", "22.3", ["validate", "{data}"], 1,
          ["levels.csv, column level", "no row for level 'group' in 'en'", "group,en,district,districts"],
          prepare=_levels_file(_LEVELS.replace("group,en,province,provinces,\n", "")))
    b.add("l-levels-top-without-all-of", "22.3", ["validate", "{data}"], 1,
          ["levels.csv, row 2, column all_of", "needs 'all_of'"],
          prepare=_levels_file(_LEVELS.replace(",Cả nước", ",")))
    b.add("l-levels-formula", "22.3", ["validate", "{data}"], 1,
          ["levels.csv, row 3, column singular", "formula"],
          prepare=_levels_file(_LEVELS.replace("group,vi,tỉnh", "group,vi,=HYPERLINK(1)")))
    b.add("l-levels-not-utf8", "22.3", ["validate", "{data}"], 1, ["levels.csv", "UTF-8"],
          prepare=lambda folder: (folder / "data" / "levels.csv").write_bytes(_LEVELS.encode("utf-16")))


def build_corpus(root: str | os.PathLike) -> list[Case]:
    """Write every case's folder under ``root`` (which must not exist yet); return the cases."""
    builder = _Builder(Path(root))
    builder.root.mkdir(parents=True)
    _validate_cases(builder)
    _import_cases(builder)
    _forecast_cases(builder)
    _round_two_cases(builder)
    _decision_cases(builder)
    _frame_cases(builder)
    _levels_cases(builder)
    names = [case.name for case in builder.cases]
    assert len(names) == len(set(names)) and all(re.match(r"^[\w.-]+$", n) for n in names)
    return builder.cases


if __name__ == "__main__":
    for case in build_corpus(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus"):
        print(f"{case.item:5} {case.name:34} exit {case.exit_code}: cdsanalysis {' '.join(case.argv)}")
