"""Each validation rule, triggered by a bad copy of the bundled data."""

from __future__ import annotations

import pandas as pd
import pytest

from cdsanalysis import load_dataset
from cdsanalysis.data.schema import validate
from cdsanalysis.exceptions import DataValidationError
from tests.builders import HH_2023, TX_2024, break_four_rules, set_row


def _line_of(rows, **match) -> int:
    """File line number (header = 1) of the first row matching the given cells."""
    for i, row in enumerate(rows):
        if all(row[k] == v for k, v in match.items()):
            return i + 2
    raise AssertionError(f"no row {match}")


def _failures(directory) -> pd.DataFrame:
    with pytest.raises(DataValidationError) as info:
        validate(directory)
    return info.value.failure_cases


# (file, edit of the rows, the row matched to find the line, column, check)
CASES = [
    ("progress.csv", lambda r: set_row(r, HH_2023, source=""), HH_2023, "source", "value"),
    ("progress.csv", lambda r: set_row(r, HH_2023, status="official"), HH_2023, "status", "value"),
    ("progress.csv", lambda r: set_row(r, HH_2023, as_of="31/12/2023"), {"district_code": "399",
     "as_of": "31/12/2023"}, "as_of", "value"),
    ("progress.csv", lambda r: set_row(r, HH_2023, completed="ten"), HH_2023, "completed", "value"),
    ("progress.csv", lambda r: set_row(r, HH_2023, completed="-3"), HH_2023, "completed", "value"),
    ("progress.csv", lambda r: set_row(r, HH_2023, completed="38"), HH_2023, "completed", "within_total"),
    ("progress.csv", lambda r: set_row(r, HH_2023, completed="9"), HH_2023, "completed", "never_falls"),
    ("progress.csv", lambda r: set_row(r, HH_2023, district_code="3999"), {"district_code": "3999"},
     "district_code", "known_district"),
    ("progress.csv", lambda r: set_row(r, HH_2023, district_name="Hoang Hoa X"), HH_2023, "district_name",
     "known_district"),
    ("progress.csv", lambda r: set_row(r, TX_2024, completed="16"), {"district_code": "", "as_of": "2024-06-30"},
     "completed", "province_sum"),
    ("targets.csv", lambda r: set_row(r, {"district_code": "399", "kind": "all_communes"}, target="40"),
     {"district_code": "399", "kind": "all_communes"}, "target", "within_total"),
    ("targets.csv", lambda r: set_row(r, {"district_code": "399", "kind": "all_communes"}, kind="district"),
     {"district_code": "399", "kind": "district"}, "kind", "value"),
    ("targets.csv", lambda r: set_row(r, {"district_code": "399", "kind": "all_communes"}, status="plan"),
     {"district_code": "399", "kind": "all_communes"}, "status", "value"),
    ("units.csv", lambda r: set_row(r, {"commune_code": "14758"}, commune_type="ấp"), {"commune_code": "14758"},
     "commune_type", "value"),
    ("units.csv", lambda r: set_row(r, {"commune_code": "14758"}, district_name="TP Thanh Hoá"),
     {"commune_code": "14758"}, "district_name", "consistent_name"),
]


@pytest.mark.parametrize("file, change, locate, column, check", CASES,
                         ids=[f"{c[0]}:{c[3]}:{c[4]}" for c in CASES])
def test_each_rule_names_file_row_and_column(data_copy, edit_csv, file, change, locate, column, check):
    from tests.conftest import read_rows

    edit_csv(data_copy / file, change)
    line = _line_of(read_rows(data_copy / file), **locate)
    failures = _failures(data_copy)
    hit = failures[(failures["file"] == str(data_copy / file)) & (failures["row"] == line)]
    assert not hit.empty, failures.to_string()
    assert column in set(hit["column"]), hit.to_string()
    assert check in set(hit["check"]), hit.to_string()
    assert hit["message"].str.len().gt(20).all()


def test_duplicate_rows_are_both_reported(data_copy, edit_csv):
    edit_csv(data_copy / "progress.csv", lambda rows: rows + [dict(rows[5])])
    failures = _failures(data_copy)
    dup = failures[failures["check"] == "duplicate"]
    assert sorted(dup["row"]) == [7, 2 + 110]


def test_missing_column_names_the_columns_needed(data_copy, edit_csv):
    edit_csv(data_copy / "targets.csv", lambda rows: [{k: v for k, v in r.items() if k != "deadline"}
                                                      for r in rows])
    failures = _failures(data_copy)
    missing = failures[failures["check"] == "missing_column"]
    assert list(missing["column"]) == ["deadline"]
    assert "district_code" in missing["message"].iloc[0]


def test_duplicate_commune_code_in_units(data_copy, edit_csv):
    edit_csv(data_copy / "units.csv", lambda rows: rows + [dict(rows[0])])
    failures = _failures(data_copy)
    assert set(failures["check"]) == {"duplicate"}
    assert sorted(failures["row"]) == [2, 561]


def test_misspelt_district_suggests_the_nearest(data_copy, edit_csv):
    edit_csv(data_copy / "progress.csv", lambda r: set_row(r, HH_2023, district_code="Hoang Hoa X"))
    message = _failures(data_copy)["message"].iloc[0]
    assert "Hoằng Hóa (399)" in message.split(";")[1]


def test_a_name_in_the_code_column_gets_its_code_suggested(data_copy, edit_csv):
    edit_csv(data_copy / "progress.csv", lambda r: set_row(r, HH_2023, district_code="huyện Hoằng Hoá"))
    message = _failures(data_copy)["message"].iloc[0]
    assert "use the code 399" in message


def test_all_problems_are_reported_at_once(data_copy, edit_csv):
    edit_csv(data_copy / "progress.csv", break_four_rules)
    failures = _failures(data_copy)
    assert {"known_district", "within_total", "never_falls", "duplicate"} <= set(failures["check"])
    assert (failures["file"] == str(data_copy / "progress.csv")).all()
    assert failures["row"].map(lambda r: isinstance(r, int) and r >= 2).all()


def test_valid_data_loads_typed(data_copy):
    dataset = load_dataset(data_copy)
    assert dataset.progress["as_of"].dtype == "datetime64[ns]"
    assert dataset.progress["completed"].dtype == "int64"
    assert dataset.targets["target"].dtype == "int64"
    assert dataset.units["commune_code"].map(type).eq(str).all()


def test_error_pickles_with_its_failure_cases(data_copy, edit_csv):
    import pickle

    edit_csv(data_copy / "progress.csv", lambda r: set_row(r, HH_2023, completed="ten"))
    with pytest.raises(DataValidationError) as info:
        validate(data_copy)
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == str(info.value)
    pd.testing.assert_frame_equal(again.failure_cases, info.value.failure_cases)
