"""Issue 21, recognition records: counts by decision date and by credited year, the communes that remain."""

from __future__ import annotations

import pandas as pd
import pytest

from cdsanalysis.data.dataset import Dataset
from cdsanalysis.exceptions import CdsAnalysisError, DataValidationError
from tests.builders import small_tables


def _records(*rows: tuple) -> pd.DataFrame:
    """(commune code, decision, decision date, credited year) rows in the layout of recognitions.csv."""
    return pd.DataFrame([dict(commune_code=c, decision=d, decision_date=date, credited_year=year, source="test")
                         for c, d, date, year in rows])


def _dataset(records: pd.DataFrame, progress: pd.DataFrame | None = None) -> Dataset:
    tables = small_tables()
    return Dataset.from_frames(tables["units"], tables["progress"] if progress is None else progress,
                               tables["targets"], recognitions=records)


LAGGED = _records(("90200", "10/QĐ-UBND", "2023-06-30", "2023"), ("90201", "10/QĐ-UBND", "2023-06-30", "2023"),
                  ("90202", "5/QĐ-UBND", "2025-01-02", "2023"),  # credited to 2023 by a decision of 2/1/2025
                  ("90203", "5/QĐ-UBND", "2025-01-02", "2024"), ("90300", "7/QĐ-UBND", "2024-03-01", ""))


def _progress_902() -> pd.DataFrame:
    """902's typed recognised counts, agreeing with LAGGED's decisions."""
    return pd.DataFrame([dict(district_code="902", district_name="", as_of=d, completed=n, source="t",
                              status="actual", note="") for d, n in (("2023-12-31", "2"), ("2024-12-31", "2"))])


def test_counts_by_credited_year_and_by_decision_date_differ_for_a_lagged_decision():
    dataset = _dataset(LAGGED, _progress_902())
    by_date = dataset.recognised_by_date()
    mine = by_date[by_date["district_code"] == "902"]
    assert list(zip(mine["as_of"].dt.strftime("%Y-%m-%d"), mine["recognised"], strict=False)) == [("2023-06-30", 2),
                                                                                   ("2025-01-02", 4)]
    assert set(mine["basis"]) == {"decision_date"}
    by_year = dataset.credited_by_year()
    mine = by_year[by_year["district_code"] == "902"]
    years = list(zip(mine["year"], mine["recognised_in_year"], mine["recognised_cumulative"], strict=True))
    assert years == [(2023, 3, 3), (2024, 1, 4)]
    # By decision date, 2 were recognised by the end of 2023; by credited year, 3 count for 2023.
    end_2023 = by_date[(by_date["district_code"] == "902") & (by_date["as_of"] <= "2023-12-31")]["recognised"].max()
    assert end_2023 == 2
    assert set(mine["basis"]) == {"credited_year"}


def test_a_record_without_a_credited_year_is_counted_in_its_decision_year_and_says_so():
    by_year = _dataset(LAGGED, _progress_902()).credited_by_year()
    row = by_year[by_year["district_code"] == "903"].iloc[0]
    assert (row["year"], row["decision_date_only"], row["basis"]) == (2024, 1, "decision_date")


def test_the_communes_that_remain_are_listed_per_district():
    dataset = _dataset(LAGGED, _progress_902())
    remaining = dataset.communes_remaining("902")
    assert list(remaining["commune_code"]) == [f"902{i:02d}" for i in range(4, 10)]
    assert list(dataset.communes_remaining("Bình Minh", as_of="2024-12-31")["commune_code"])[:2] == ["90202", "90203"]
    status = dataset.commune_status()
    assert int(status["recognised"].sum()) == 5 and len(status) == 20


def test_without_records_the_communes_are_unknown_and_only_dates_are_known():
    tables = small_tables()
    dataset = Dataset.from_frames(tables["units"], tables["progress"], tables["targets"])
    with pytest.raises(CdsAnalysisError, match="recognitions.csv"):
        dataset.communes_remaining("902")
    assert set(dataset.credited_by_year()["basis"]) == {"decision_date"}
    assert set(dataset.recognised_by_date()["basis"]) == {"as_of"}


def test_until_hides_later_decisions():
    dataset = _dataset(LAGGED, _progress_902()).until("2024-12-31")
    assert len(dataset.recognitions) == 3


def test_typed_counts_the_records_contradict_are_named():
    progress = _progress_902().assign(completed=["2", "3"])
    dataset = _dataset(LAGGED, progress)
    mismatches = dataset.recognition_mismatches()
    found = list(zip(mismatches["district_code"], mismatches["typed"], mismatches["derived"], strict=True))
    assert found == [("902", 3, 2)]
    assert any("3 communes recognised" in w and "lists 2" in w for w in dataset.warnings(lang="en"))


@pytest.mark.parametrize("rows, check, column", [
    ((("90200", "1/QĐ", "2023-06-30", "2023"), ("90200", "2/QĐ", "2024-06-30", "2024")), "recognised_twice",
     "commune_code"),
    ((("99999", "1/QĐ", "2023-06-30", "2023"),), "known_commune", "commune_code"),
    ((("90200", "1/QĐ", "2023-06-30", "2024"),), "credited_after_decision", "credited_year"),
    ((("90200", "1/QĐ", "30/6/2023", "2023"),), "value", "decision_date"),
    ((("90200", "1/QĐ", "2023-06-30", "23"),), "value", "credited_year"),
    ((("90200", "", "2023-06-30", "2023"),), "required", "decision"),
    ((("90200", "=HYPERLINK(1)", "2023-06-30", "2023"),), "formula", "decision"),
])
def test_bad_records_are_refused_with_file_row_and_column(rows, check, column):
    with pytest.raises(DataValidationError) as caught:
        _dataset(_records(*rows))
    cases = caught.value.failure_cases
    assert check in set(cases["check"]) and column in set(cases["column"])
    assert (cases["file"] == "<recognitions>").all() and set(cases["row"]) <= {2, 3}


def test_a_commune_name_typed_for_a_code_is_suggested():
    with pytest.raises(DataValidationError) as caught:
        _dataset(_records(("Xã Số 902-3", "1/QĐ", "2023-06-30", "2023")))
    assert "write its code 90203" in caught.value.failure_cases["message"].iloc[0]


def test_each_table_says_what_it_counts_by():
    from cdsanalysis.data.recognitions import basis_sentence

    dataset = _dataset(LAGGED, _progress_902())
    assert basis_sentence(dataset.recognised_by_date(), "en") == "by decision date"
    assert basis_sentence(dataset.credited_by_year(), "en").startswith("by credited year; 1 commune(s)")
    known = _dataset(LAGGED[LAGGED["credited_year"] != ""], _progress_902())
    assert basis_sentence(known.credited_by_year(), "vi").startswith("theo năm được tính")
    tables = small_tables()
    bare = Dataset.from_frames(tables["units"], tables["progress"], tables["targets"])
    assert "decision dates only" in basis_sentence(bare.credited_by_year(), "en")
