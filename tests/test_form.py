"""The district form: written by `template`, filled by an office, read back by `import` as it is."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from cdsanalysis.cli import main
from cdsanalysis.data.bundled import REPOSITORY_DATA
from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.data.form import COUNT_COLUMN, HEADER_ROW, default_form_date
from cdsanalysis.data.sheet_import import read_sheet
from cdsanalysis.exceptions import DataValidationError
from cdsanalysis.wording import words


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "mydata"
    shutil.copytree(REPOSITORY_DATA, target)
    return target


def fill(form: Path, counts: dict[str, int]) -> None:
    """Type counts into column D as an office would, by the district name in column B."""
    workbook = openpyxl.load_workbook(form)
    sheet = workbook.active
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        name = sheet.cell(row, 2).value
        if name in counts:
            sheet.cell(row, COUNT_COLUMN, counts[name])
    workbook.save(form)


def test_the_form_lists_every_district_with_title_date_and_headers(data, tmp_path):
    form = tmp_path / "f.xlsx"
    assert main(["template", "--data", str(data), "--as-of", "31/12/2024", "--out", str(form)]) == 0
    sheet = openpyxl.load_workbook(form).active
    assert "CHUYỂN ĐỔI SỐ" in sheet["A1"].value and "31/12/2024" in sheet["A2"].value
    assert [c.value for c in sheet[HEADER_ROW]][:4] == words("vi")["form"]["headers"][:4]
    names = [sheet.cell(r, 2).value for r in range(HEADER_ROW + 1, HEADER_ROW + 28)]
    assert names == list(load_dataset(data).districts()["district_name"])
    # issue 19, obs. 9: every district's latest figure of any status, labelled with its date and kind
    rows = range(HEADER_ROW + 1, HEADER_ROW + 28)
    assert all(isinstance(sheet.cell(r, 5).value, int) for r in rows)
    labels = {sheet.cell(r, 2).value: (sheet.cell(r, 5).value, sheet.cell(r, 6).value) for r in rows}
    assert labels["Huyện Hoằng Hóa"] == (10, "30/6/2024, minh họa")
    assert labels["Huyện Quan Sơn"][1] == "30/6/2024, minh họa"


def test_the_previous_figure_is_labelled_with_its_status(data, tmp_path):
    form = tmp_path / "f.xlsx"
    assert main(["template", "--data", str(data), "--as-of", "31/12/2022", "--out", str(form)]) == 0
    sheet = openpyxl.load_workbook(form).active
    row = next(r for r in range(HEADER_ROW + 1, HEADER_ROW + 28) if sheet.cell(r, 2).value == "Huyện Hoằng Hóa")
    assert (sheet.cell(row, 5).value, sheet.cell(row, 6).value) == (10, "31/12/2022, huyện tự báo cáo")


def test_an_unfilled_form_is_read_back_with_only_the_blanks_to_fill(data, tmp_path):
    form = tmp_path / "f.xlsx"
    assert main(["template", "--data", str(data), "--as-of", "2024-12-31", "--out", str(form)]) == 0
    with pytest.raises(DataValidationError) as caught:
        read_sheet(form, load_dataset(data).units)
    cases = caught.value.failure_cases
    assert cases["check"].tolist() == ["no_rows"] and "blank" in cases["message"].iloc[0]
    fill(form, {"Huyện Hoằng Hóa": 12})
    read = read_sheet(form, load_dataset(data).units)  # every name and header understood
    assert len(read.rows) == 1 and len(read.not_reported) == 26


def test_the_monthly_round_template_fill_import_validate(data, tmp_path, capsys):
    form = tmp_path / "f.xlsx"
    assert main(["template", "--data", str(data), "--as-of", "31/12/2024", "--out", str(form)]) == 0
    dataset = load_dataset(data)
    latest = dataset.progress.sort_values("as_of").groupby("district_code")["completed"].last()
    counts = {name: int(latest[code]) + 1 for code, name in zip(dataset.districts()["district_code"],
                                                               dataset.districts()["district_name"], strict=False)}
    fill(form, counts)
    capsys.readouterr()
    assert main(["import", str(form), "--out", str(data)]) == 0
    out = capsys.readouterr().out
    assert "đã thêm 27 dòng" in out and "dòng trong đó là số liệu minh họa" in out
    assert main(["validate", str(data)]) == 0
    progress = load_dataset(data).progress
    new = progress[progress["as_of"] == pd.Timestamp("2024-12-31")]
    assert len(new) == 27 and set(new["status"]) == {"actual"}
    assert not ((progress["status"] == "illustrative") & progress["district_code"].ne("")).any()


def test_the_default_date_is_the_end_of_the_previous_month():
    import datetime as dt

    assert default_form_date(dt.date(2025, 3, 15)) == pd.Timestamp("2025-02-28")
    assert default_form_date(dt.date(2025, 1, 1)) == pd.Timestamp("2024-12-31")
