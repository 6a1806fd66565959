"""Issue 21, measures: recognised, claimed and registered counts are separate series, checked apart."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from cdsanalysis.cli import main
from cdsanalysis.data.bundled import REPOSITORY_DATA
from cdsanalysis.data.dataset import Dataset, load_dataset
from cdsanalysis.data.progress_update import import_sheet
from cdsanalysis.exceptions import DataValidationError
from cdsanalysis.model.projection import forecast
from tests.builders import small_tables


def _progress(*rows: tuple) -> pd.DataFrame:
    """Text progress rows (district, date, count, status[, measure])."""
    out = []
    for code, date, count, status, *measure in rows:
        record = dict(district_code=code, district_name="", as_of=date, completed=str(count), source="test",
                      status=status, note="")
        if measure:
            record["measure"] = measure[0]
        out.append(record)
    return pd.DataFrame(out)


def _dataset(progress: pd.DataFrame) -> Dataset:
    tables = small_tables()
    return Dataset.from_frames(tables["units"], progress, tables["targets"])


def test_a_folder_without_the_column_reads_as_before():
    dataset = _dataset(_progress(("902", "2023-01-01", 1, "actual"), ("903", "2024-01-01", 2, "claim")))
    assert list(dataset.progress["measure"]) == ["recognised", "claimed"]


def test_a_claim_may_run_ahead_of_recognitions_and_each_measure_is_cumulative_on_its_own():
    dataset = _dataset(_progress(("902", "2022-12-31", 8, "claim"), ("902", "2023-06-30", 2, "actual"),
                                 ("902", "2023-12-31", 3, "actual"), ("902", "2023-12-31", 9, "claim"),
                                 ("902", "2024-06-30", 4, "actual", "registered")))
    assert list(dataset.series("claimed")["completed"]) == [8, 9]
    assert list(dataset.series("recognised")["completed"]) == [2, 3]
    assert list(dataset.series("registered")["completed"]) == [4]
    beside = dataset.claims_beside_recognitions()
    assert list(zip(beside["claimed"], beside["recognised"], beside["gap"], strict=False)) == [(8, 0, 8), (9, 3, 6)]


def test_a_falling_claim_is_refused_with_its_measure_named():
    with pytest.raises(DataValidationError) as caught:
        _dataset(_progress(("902", "2022-12-31", 8, "claim"), ("902", "2023-12-31", 5, "claim")))
    cases = caught.value.failure_cases
    assert list(cases["check"]) == ["never_falls"] and "measure 'claimed'" in cases["message"].iloc[0]


def test_a_claim_status_cannot_count_recognitions_and_unknown_measures_are_refused():
    with pytest.raises(DataValidationError) as caught:
        _dataset(_progress(("902", "2022-12-31", 8, "claim", "recognised"), ("903", "2023-12-31", 1, "actual", "done")))
    cases = caught.value.failure_cases
    assert set(cases["check"]) == {"status_measure", "value"}
    assert set(cases["row"]) == {2, 3} and set(cases["column"]) == {"measure"}


def test_claims_are_not_summed_into_the_province():
    progress = _progress(("", "2023-12-31", 3, "actual"), ("902", "2023-12-31", 3, "actual"),
                         ("903", "2023-12-31", 4, "claim"))
    assert len(_dataset(progress).progress) == 3


def test_a_large_lasting_gap_is_a_warning_not_a_refusal():
    dataset = _dataset(_progress(("902", "2022-12-31", 8, "claim"), ("902", "2023-06-30", 1, "actual"),
                                 ("902", "2024-01-01", 2, "actual")))
    warnings = dataset.warnings(lang="en")
    assert len(warnings) == 1 and "claimed 8" in warnings[0] and "recognised 2" in warnings[0]
    closed = _dataset(_progress(("902", "2022-12-31", 8, "claim"), ("902", "2024-01-01", 7, "actual")))
    assert closed.warnings() == []  # a gap of 1: not large
    early = _dataset(_progress(("902", "2022-12-31", 8, "claim"), ("902", "2023-06-30", 1, "actual")))
    assert early.warnings() == []  # half a year: not lasting yet


def test_the_fit_reads_recognitions_only():
    dataset = load_dataset()
    progress = dataset.progress
    latest = progress[(progress["district_code"] != "") & (progress["as_of"] == "2024-06-30")]
    extra = [latest.assign(as_of=pd.Timestamp("2024-05-31"), status="actual", measure=measure,
                           completed=np.minimum(latest["completed"] + 5, 9)) for measure in ("claimed", "registered")]
    with_more = Dataset(dataset.units, pd.concat([progress, *extra], ignore_index=True), dataset.targets, source="t",
                        recognitions=dataset.recognitions)
    a = forecast(dataset, as_of="2024-06-30", draws=200, seed=3)
    b = forecast(with_more, as_of="2024-06-30", draws=200, seed=3)
    assert np.array_equal(a.paths, b.paths)


def _office_sheet(path: Path, counts: dict[str, int], date: str) -> Path:
    """An office's sheet of recognised counts: title, date line, header, one row per district."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Công nhận"
    sheet["A1"] = "SỐ XÃ ĐƯỢC CÔNG NHẬN HOÀN THÀNH CHUYỂN ĐỔI SỐ"
    sheet["A2"] = f"(Số liệu tính đến ngày {date})"
    for c, label in enumerate(["STT", "Đơn vị", "Tổng số xã", "Số xã hoàn thành", "Ghi chú"], 1):
        sheet.cell(4, c, label)
    for r, (name, count) in enumerate(counts.items(), 5):
        sheet.cell(r, 1, r - 4)
        sheet.cell(r, 2, name)
        sheet.cell(r, 4, count)
    workbook.save(path)
    return path


def test_an_office_sheet_of_recognitions_below_an_earlier_claim_imports(tmp_path):
    """Acceptance: Hoằng Hóa's own 10 of 2022 stays a claim; the province's 4 recognised by end-2024 imports."""
    data = tmp_path / "data"
    shutil.copytree(REPOSITORY_DATA, data, ignore=shutil.ignore_patterns("sources", "history"))
    dataset = load_dataset(data)
    june = dataset.series("recognised")
    june = june[(june["as_of"] == "2024-06-30") & (june["district_code"] != "")]
    counts = dict(zip(june["district_name"], june["completed"], strict=False))
    counts["Huyện Hoằng Hóa"] = 4  # below the district's claim of 10 (2022)
    counts["Huyện Thạch Thành"] += 8  # the province's total does not fall
    sheet = _office_sheet(tmp_path / "office.xlsx", counts, "31/12/2024")
    code = main(["import", str(sheet), "--out", str(data), "--measure", "recognised", "--lang", "en"])
    assert code == 0
    after = load_dataset(data)
    claimed, recognised = after.series("claimed"), after.series("recognised")
    hoang_hoa = recognised[recognised["district_code"] == "399"]
    assert list(claimed.loc[claimed["district_code"] == "399", "completed"]) == [10]
    assert list(hoang_hoa["completed"]) == [4] and list(hoang_hoa["as_of"]) == [pd.Timestamp("2024-12-31")]
    assert main(["validate", str(data)]) == 0


def test_an_import_of_claims_keeps_the_recognitions(tmp_path):
    """A claim evicts only the illustrative rows of its own measure."""
    data = tmp_path / "data"
    shutil.copytree(REPOSITORY_DATA, data, ignore=shutil.ignore_patterns("sources", "history"))
    sheet = _office_sheet(tmp_path / "claims.xlsx", {"Huyện Thường Xuân": 16}, "31/12/2024")
    update = import_sheet(sheet, pd.read_csv(data / "units.csv", dtype=str, keep_default_na=False), data,
                          measure="claimed")
    assert update.written and len(update.replaced) == 0
    after = load_dataset(data)
    row = after.series("claimed").query("district_code == '396'").iloc[0]
    assert (row["completed"], row["status"]) == (16, "claim")
    assert len(after.series("recognised").query("district_code == '396'")) == 4


def test_where_a_district_stands_is_its_recognised_count_unless_asked_otherwise():
    from cdsanalysis.data.snapshot import standing

    dataset = _dataset(_progress(("902", "2023-06-30", 2, "actual"), ("902", "2023-12-31", 7, "claim")))
    row = standing(dataset).set_index("district_code").loc["902"]
    assert (row["completed"], row["status"]) == (2, "actual")
    assert standing(dataset, measure="claimed").set_index("district_code").loc["902", "completed"] == 7
