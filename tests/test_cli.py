"""The command line: exit codes, messages without tracebacks, the progress table."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cdsanalysis.cli import main
from cdsanalysis.settings import PROVINCE_NAME
from cdsanalysis.wording import words
from tests.builders import break_four_rules
from tests.catalogue import said_in


def test_validate_bundled_data_exits_0(capsys):
    assert main(["validate"]) == 0
    assert said_in(capsys.readouterr().out, "vi", "command", "valid")


def test_validate_bad_copy_lists_all_four_problems(data_copy, edit_csv, capsys):
    edit_csv(data_copy / "progress.csv", break_four_rules)
    assert main(["validate", str(data_copy), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for bit in ("unknown district 'Hoang Hoa X'", "above the 16 communes", "cumulative count falls", "duplicate row"):
        assert bit in err
    assert err.count("progress.csv, row ") >= 5


def test_misuse_exits_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing")]) == 2
    assert main(["no-such-command"]) == 2
    assert main(["import", str(tmp_path / "x.xlsx"), "--out", str(tmp_path)]) == 2


def test_unreadable_file_is_a_data_error_not_a_traceback(data_copy, capsys):
    (data_copy / "progress.csv").write_bytes(b"\xff\xfe\x00bad")
    assert main(["validate", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "progress.csv" in err and "Traceback" not in err


def test_progress_prints_every_district_and_the_province(capsys):
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line[:3].isdigit()]
    assert len(lines) == 27
    assert PROVINCE_NAME in out and "95/559" in out
    assert "10/37" in next(line for line in lines if line.startswith("399"))
    assert words("vi")["report"]["data_kind"]["illustrative"] in out


@pytest.mark.parametrize("args, code", [(["validate"], 0), (["--help"], 0)])
def test_installed_command_runs(args, code):
    result = subprocess.run([sys.executable, "-m", "cdsanalysis.cli", *args], capture_output=True, text=True)
    assert result.returncode == code, result.stderr


def test_import_writes_canonical_rows_and_reports_sheet_problems(tmp_path, capsys):
    from pathlib import Path

    sheets = Path(__file__).parent / "fixtures" / "sheets"
    out = tmp_path / "out"
    out.mkdir()
    assert main(["import", str(sheets / "clean_province.xlsx"), "--out", str(out)]) == 0
    text = (out / "progress.csv").read_text(encoding="utf-8")
    assert text.startswith("district_code,district_name,as_of,completed,source,status,note")
    assert "399,Huyện Hoằng Hóa,2024-06-30,12," in text
    assert main(["import", str(sheets / "problems.xlsx"), "--out", str(out), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Hoang Hoa X" in err and "row 4" in err
    assert (out / "progress.csv").read_text(encoding="utf-8") == text


def test_forecast_prints_every_district_and_the_province(capsys):
    assert main(["forecast", "--as-of", "2024-06-30", "--draws", "200", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line[:3].isdigit()]
    assert len(rows) == 27
    province = next(line for line in out.splitlines() if PROVINCE_NAME in line)
    assert "95/559" in province and "477" in province
    assert any(word in out for word in ("On track", "At risk", "Off track"))
    assert "illustrative" in out


def test_forecast_writes_csv_for_excel(tmp_path):
    import pandas as pd

    target = tmp_path / "assessment.csv"
    assert main(["forecast", "--draws", "100", "--model", "linear", "--out", str(target)]) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the diacritics
    table = pd.read_csv(target, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    head = words("vi")["workbook_columns"]
    assert {head["district_code"], head["p_meet"], head["status"], head["required_pace"]} <= set(table.columns)
    assert len(table) == 112


def test_forecast_rejects_an_unknown_output_format(tmp_path):
    assert main(["forecast", "--out", str(tmp_path / "x.json")]) == 2


def test_forecast_writes_xlsx_with_vietnamese_headers(tmp_path):
    import openpyxl

    target = tmp_path / "assessment.xlsx"
    assert main(["forecast", "--draws", "100", "--model", "last", "--out", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    overview, detail = book.worksheets[0], book.worksheets[1]
    assert "30/06/2024" in overview["A1"].value and overview["A2"].value.startswith("⚠")  # the caveat row
    assert overview.max_row == 4 + 1 + 27  # two header rows under the title rows, the province, 27 districts
    header = [cell.value for cell in detail[3]]
    head = words("vi")["workbook_columns"]
    assert head["district_name"] in header and head["p_meet"] in header
    assert detail.max_row == 3 + 112


def test_a_first_month_with_one_date_says_in_vietnamese_what_to_do(data_copy, edit_csv, capsys):
    # a province's first monthly round: every figure on one date, so there is no pace to read yet
    (data_copy / "recognitions.csv").unlink(missing_ok=True)
    edit_csv(data_copy / "progress.csv", lambda rows: [r for r in rows if r["as_of"] == "2024-06-30"])
    code = main(["forecast", "--data", str(data_copy), "--draws", "100"])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert "chưa dự báo được" in err and "cdsanalysis forecast --model last" in err, err
    # the advice works: both commands it names run on the same folder
    assert main(["forecast", "--data", str(data_copy), "--draws", "100", "--model", "last"]) == 0
    assert main(["progress", "--data", str(data_copy)]) == 0


def test_a_forecast_from_short_intervals_warns_once_in_vietnamese(data_copy, edit_csv, capsys):
    # two monthly figures only (May and June 2024): no interval long enough to read a pace from
    (data_copy / "recognitions.csv").unlink(missing_ok=True)

    def may_and_june(rows):
        june = [r for r in rows if r["as_of"] == "2024-06-30"]
        may = [{**r, "as_of": "2024-05-31", "completed": str(max(int(r["completed"]) - 1, 0))}
               for r in june if r["district_code"]]
        return may + june

    edit_csv(data_copy / "progress.csv", may_and_june)
    assert main(["forecast", "--data", str(data_copy), "--draws", "100"]) == 0
    err = capsys.readouterr().err
    assert err.count("chắc chắn quá mức") == 1, err
    assert "RuntimeWarning" not in err and "hazard.py" not in err


def test_another_warning_during_a_command_is_passed_on_once_not_recorded_for_ever(monkeypatch, capsys):
    # the command line says a ForecastWarning in words; any other warning goes on as Python shows it. Shown
    # while the command's warnings were still being recorded, it was recorded again, without end.
    import warnings as python_warnings

    import cdsanalysis.cli as cli

    original = cli.load_dataset

    def load_and_warn(*args, **kwargs):
        python_warnings.warn("a library's own warning", UserWarning, stacklevel=2)
        return original(*args, **kwargs)

    monkeypatch.setattr(cli, "load_dataset", load_and_warn)
    with pytest.warns(UserWarning, match="a library's own warning") as shown:
        assert main(["progress"]) == 0
    assert len([w for w in shown if "library's own" in str(w.message)]) == 1
