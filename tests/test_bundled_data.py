"""The bundled data agree with every sourced figure they overlap, and carry provenance."""

from __future__ import annotations

import pandas as pd
import pytest

from cdsanalysis import load_dataset
from cdsanalysis.data.bundled import REPOSITORY_DATA


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return pd.read_csv(REPOSITORY_DATA / "sources" / "sourced_figures.csv", dtype=str, keep_default_na=False)


def test_every_row_has_source_and_status(dataset):
    for table in (dataset.progress, dataset.targets):
        assert table["source"].str.strip().ne("").all()
        assert table["status"].str.strip().ne("").all()


def test_illustrative_rows_say_so_in_their_source(dataset):
    for table in (dataset.progress, dataset.targets):
        illustrative = table[table["status"] == "illustrative"]
        assert len(illustrative) > 0
        assert illustrative["source"].str.contains("illustrative").all()
        official = table[table["status"] != "illustrative"]
        assert not official["source"].str.contains("illustrative").any()


def test_province_quotas_are_decision_969_cumulated(dataset, figures):
    yearly = figures[(figures["measure"] == "commune_quota_in_year") & figures["source"].str.contains("969")]
    expected = yearly.set_index(pd.to_datetime(yearly["period_end"]))["value"].astype(int).cumsum()
    province = dataset.targets[dataset.targets["district_code"] == ""].set_index("deadline")["target"]
    assert province.to_dict() == expected.to_dict()
    assert set(dataset.targets.loc[dataset.targets["district_code"] == "", "status"]) == {"target"}


def test_district_targets_sum_to_the_province_quota(dataset):
    targets = dataset.targets
    province = targets[targets["district_code"] == ""].set_index("deadline")["target"]
    sums = targets[targets["district_code"] != ""].groupby("deadline")["target"].sum()
    assert sums.to_dict() == province.to_dict()


def test_the_twelve_units_due_by_2025_must_complete_all_communes(dataset, figures):
    due = set(figures.loc[figures["measure"] == "district_level_goal", "district_code"])
    assert len(due) == 12
    goals = dataset.targets[dataset.targets["kind"] == "all_communes"]
    assert set(goals["district_code"]) == due
    totals = dataset.districts().set_index("district_code")["communes_total"]
    for row in goals.itertuples():
        assert row.target == totals[row.district_code]
        assert row.deadline == pd.Timestamp("2025-12-31")
        assert row.status == "target" and "969" in row.source


def test_thuong_xuan_roadmap_is_sourced(dataset, figures):
    roadmap = figures[figures["measure"] == "commune_quota_cumulative"]
    targets = dataset.targets
    for row in roadmap.itertuples():
        kept = targets[(targets["district_code"] == row.district_code)
                       & (targets["deadline"] == pd.Timestamp(row.period_end))]
        assert int(row.value) in set(kept["target"])
        assert "target" in set(kept["status"])


def test_district_quotas_never_fall_nor_exceed_the_commune_total(dataset):
    totals = dataset.districts().set_index("district_code")["communes_total"]
    districts = dataset.targets[dataset.targets["district_code"] != ""].sort_values("deadline")
    for code, rows in districts.groupby("district_code"):
        assert rows["target"].is_monotonic_increasing, code
        assert rows["target"].le(totals[code]).all(), code


def test_progress_agrees_with_sourced_totals_and_claims(dataset, figures):
    progress = dataset.progress
    province = progress[progress["district_code"] == ""].set_index("as_of")
    cumulative = figures[figures["measure"] == "recognised_cumulative"]
    for row in cumulative.itertuples():
        assert province.loc[pd.Timestamp(row.period_end), "completed"] == int(row.value)
    sums = progress[progress["district_code"] != ""].groupby("as_of")["completed"].sum()
    for as_of, completed in province["completed"].items():
        assert sums[as_of] == completed
    claim = figures[figures["measure"] == "completed_cumulative"].iloc[0]
    row = progress[(progress["district_code"] == claim["district_code"])
                   & (progress["as_of"] == pd.Timestamp(claim["period_end"]))].iloc[0]
    assert row["completed"] == int(claim["value"]) and row["status"] == "claim"


def test_half_yearly_histories_cover_every_district(dataset):
    districts = dataset.progress[dataset.progress["district_code"] != ""]
    dates = sorted(districts["as_of"].unique())
    assert [f"{pd.Timestamp(d):%Y-%m-%d}" for d in dates] == ["2022-12-31", "2023-06-30", "2023-12-31",
                                                              "2024-06-30"]
    assert districts.groupby("district_code").size().eq(4).all()
    assert districts["district_code"].nunique() == 27


def test_generation_script_is_deterministic(tmp_path, monkeypatch):
    """Re-running the committed seeded script reproduces the committed files byte for byte."""
    import importlib.util
    import shutil

    spec = importlib.util.spec_from_file_location("make_bundled_data",
                                                  REPOSITORY_DATA.parent / "scripts" / "make_bundled_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    copy = tmp_path / "data"
    shutil.copytree(REPOSITORY_DATA, copy)
    monkeypatch.setattr(module, "DATA", copy)
    module.main()
    for name in ("progress.csv", "targets.csv", "recognitions.csv", "changes.csv"):
        assert (copy / name).read_bytes() == (REPOSITORY_DATA / name).read_bytes(), name


def test_the_claim_is_claimed_and_the_illustrative_records_reproduce_the_counts():
    """Issue 21.4: the district's own 10 of 2022 is a claim; the records give every typed recognised count."""
    dataset = load_dataset()
    claimed = dataset.series("claimed")
    assert list(zip(claimed["district_code"], claimed["completed"], strict=False)) == [("399", 10)]
    assert dataset.recognition_mismatches().empty and dataset.warnings() == []
    records = dataset.recognitions
    assert records["source"].str.startswith("illustrative").all() and records["decision"].str.contains("minh họa").all()
    by_date = dataset.recognised_by_date().query("district_code == ''").set_index("as_of")["recognised"]
    assert by_date[by_date.index <= "2023-12-31"].iloc[-1] == 35 and by_date.iloc[-1] == 95
    by_year = dataset.credited_by_year().query("district_code == ''").set_index("year")["recognised_cumulative"]
    assert by_year[2023] > 35 and by_year[2024] == 95  # a January 2024 decision credits communes to 2023
