"""Issue 22: frames that change — units in time, changes.csv, closed targets and the stepped total."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from cdsanalysis import load_dataset
from cdsanalysis.data.bundled import REPOSITORY_DATA
from cdsanalysis.exceptions import DataValidationError
from cdsanalysis.model.assessment import assess, closed_note
from cdsanalysis.model.projection import forecast
from cdsanalysis.report.content.district import unit_report
from cdsanalysis.wording import status_label, words


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def result(dataset):
    return forecast(dataset, draws=200, seed=3)


def test_the_province_total_steps_559_558_547_on_the_effective_dates(dataset):
    steps = dataset.province_totals()
    assert steps["communes"].tolist() == [559, 558, 547]
    assert steps["groups"].tolist() == [27, 27, 26]
    assert pd.isna(steps["valid_from"].iloc[0])
    assert list(steps["valid_from"].iloc[1:]) == [pd.Timestamp("2024-02-01"), pd.Timestamp("2024-12-01")]
    assert len(dataset.frame_at("2024-01-31")) == 559 and len(dataset.frame_at("2024-02-01")) == 558
    assert len(dataset.frame_at("2024-11-30")) == 558 and len(dataset.frame_at("2024-12-01")) == 547
    assert len(dataset.units) == 559  # the working frame is still the first one


def test_the_changes_rebuild_the_sourced_2025_01_list_exactly(dataset):
    columns = ["district_code", "district_name", "commune_code", "commune_name", "commune_type"]
    sourced = pd.read_csv(REPOSITORY_DATA / "frames" / "thanhhoa_units_2025-01.csv", dtype=str, keep_default_na=False)
    built = dataset.frame_at("2025-01-01")[columns].sort_values("commune_code").reset_index(drop=True)
    assert built.equals(sourced[columns].sort_values("commune_code").reset_index(drop=True))


def test_dong_son_ceased_into_thanh_hoa_city(dataset):
    ends = dataset.group_ends().set_index("district_code")
    assert list(ends.index) == ["405"]
    assert ends.at["405", "last_day"] == pd.Timestamp("2024-11-30") and ends.at["405", "into"] == "380"
    assert "1238" in ends.at["405", "source"]
    city = dataset.groups_at("2025-01-01").set_index("district_code")["communes_total"]
    assert city["380"] == 47 and "405" not in city.index


def test_dong_son_2025_target_is_closed_with_its_last_state(dataset, result):
    table = assess(result)
    dong_son = table[table["district_code"] == "405"].set_index("deadline")
    closed = dong_son.loc[pd.Timestamp("2025-12-31")]
    assert closed["status"] == "closed" and pd.isna(closed["p_meet"]) and pd.isna(closed["expected"])
    last = dataset.series("recognised").query("district_code == '405'")["completed"].iloc[-1]
    assert closed["completed"] == last
    assert dong_son.loc[pd.Timestamp("2023-12-31"), "status"] != "closed"  # before its end: judged as before
    assert (table.loc[table["district_code"] != "405", "status"] != "closed").all()
    # The forecast stops at its end; the province keeps its communes (summed paths).
    summary = result.summary()
    after = summary[(summary["district_code"] == "405") & (summary["date"] > pd.Timestamp("2024-11-30"))]
    assert len(after) and after["median"].isna().all()
    assert summary[summary["district_code"] == ""]["median"].notna().all()
    assert status_label("closed", "vi") == words("vi")["status"]["closed"]
    assert words("vi")["status"]["closed"].startswith("Đã đóng do sáp nhập")


def test_the_closed_note_names_the_merger_in_both_languages(dataset, result):
    english = closed_note(dataset, "405", 3, 14, "en")
    assert "closed by the 2024 merger" in english.lower() and "Thành phố Thanh Hóa" in english and "3 of 14" in english
    vietnamese = closed_note(dataset, "405", 3, 14, "vi")
    assert vietnamese.startswith("Đã đóng do sáp nhập năm 2024") and "3/14" in vietnamese
    report = unit_report(result, "405", "en")
    assert "closed by the 2024 merger" in report.closed.lower()
    assert unit_report(result, "380", "en").closed == ""


def test_the_province_chart_draws_the_total_as_steps(result):
    report = unit_report(result, "", "vi")
    wide, compact = report._chart_specs
    for spec in (wide, compact):
        steps = [layer for layer in spec["layer"] if isinstance(layer.get("mark"), dict)
                 and layer["mark"].get("interpolate") == "step-after"]
        assert len(steps) == 1
        values = spec["datasets"][steps[0]["data"]["name"]]
        assert [v["completed"] for v in values] == [559, 558, 547, 547]
        assert [v["date"] for v in values[1:3]] == ["2024-02-01", "2024-12-01"]
        labels = [v.get("label") for data in spec["datasets"].values() for v in data if "label" in v]
        assert any(label and label.endswith("559 → 558 → 547") for label in labels), labels  # not "559" alone
    assert "step-after" not in json.dumps(unit_report(result, "399", "vi")._chart_specs[0])


# --- validation ------------------------------------------------------------------------------------

def _copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(REPOSITORY_DATA, folder, ignore=shutil.ignore_patterns("sources", "frames"))
    return folder


def _messages(folder) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(folder)
    return [f"{r.file}|{r.row}|{r.column}|{r.message}" for r in caught.value.failure_cases.itertuples()]


def test_a_change_pointing_at_a_missing_unit_is_named(tmp_path):
    folder = _copy(tmp_path)
    with open(folder / "changes.csv", "a", encoding="utf-8") as handle:
        handle.write("2024-12-01,commune,merge,99999,14770,,,,NQ test,\n")
    found = _messages(folder)
    assert any("changes.csv|42|old_code|" in m and "'99999' does not exist on 2024-11-30" in m for m in found), found


def test_a_cycle_of_changes_is_named(tmp_path):
    folder = _copy(tmp_path)
    with open(folder / "changes.csv", "a", encoding="utf-8") as handle:
        handle.write("2025-01-01,commune,merge,14755,14758,,,,NQ test,\n")
        handle.write("2025-01-01,commune,merge,14758,14755,,,,NQ test,\n")
    found = [m for m in _messages(folder) if "form a cycle" in m]
    assert any("|42|new_code|" in m for m in found) and any("|43|new_code|" in m for m in found), found
    assert "14755 → 14758 → 14755" in found[0]


def test_a_commune_in_two_groups_on_one_date_is_named(tmp_path):
    folder = _copy(tmp_path)
    units = pd.read_csv(folder / "units.csv", dtype=str, keep_default_na=False)
    units["valid_from"], units["valid_to"] = "", ""
    row = units[units["commune_code"] == "16381"].copy()
    units.loc[units["commune_code"] == "16381", "valid_to"] = "2024-11-30"
    row[["district_code", "district_name", "valid_from"]] = ["380", "Thành phố Thanh Hóa", "2024-06-01"]
    pd.concat([units, row]).to_csv(folder / "units.csv", index=False)
    found = _messages(folder)
    assert any("units.csv|561|valid_from|" in m and "commune 16381" in m and "groups 405 and 380" in m
               for m in found), found


def test_units_in_time_load_and_a_count_after_a_group_ended_is_named(tmp_path):
    folder = _copy(tmp_path)
    units = pd.read_csv(folder / "units.csv", dtype=str, keep_default_na=False)
    units["valid_from"], units["valid_to"] = "", ""
    units.to_csv(folder / "units.csv", index=False)
    assert load_dataset(folder).province_totals()["communes"].tolist() == [559, 558, 547]
    assert load_dataset(folder).warnings() == []
    with open(folder / "progress.csv", "a", encoding="utf-8") as handle:
        handle.write("405,,2025-06-30,4,test,actual,,recognised\n")
    found = [w for w in load_dataset(folder).warnings("en") if "merged into" in w]  # kept, and named
    assert len(found) == 1 and "405 Huyện Đông Sơn merged into 380 Thành phố Thanh Hóa" in found[0]
    assert any(words("vi")["frames"]["ceased_counts"].split("{")[0] in w for w in load_dataset(folder).warnings("vi"))
    with open(folder / "progress.csv", "a", encoding="utf-8") as handle:  # its last frame bounds it: 14
        handle.write("405,,2025-12-31,15,test,actual,,recognised\n")
    assert any("above the 14 communes" in m for m in _messages(folder))


# --- restatement -----------------------------------------------------------------------------------

def _small():
    from cdsanalysis.data.dataset import Dataset

    units = pd.DataFrame({"district_code": ["A", "A", "A", "B", "B"],
                          "district_name": ["Huyện An"] * 3 + ["Huyện Bình"] * 2,
                          "commune_code": ["a1", "a2", "a3", "b1", "b2"],
                          "commune_name": ["Xã Một", "Xã Hai", "Xã Ba", "Xã Bốn", "Xã Năm"],
                          "commune_type": "xã", "source": "test"})
    progress = pd.DataFrame({"district_code": ["A", "B", "A", "B"], "as_of": ["2024-03-31", "2024-03-31",
                                                                            "2024-06-30", "2024-06-30"],
                             "completed": [1, 0, 2, 2], "source": "test", "status": "actual"})
    targets = pd.DataFrame({"district_code": ["A"], "deadline": ["2025-12-31"], "target": [3],
                            "kind": "all_communes", "source": "test", "status": "target"})
    changes = pd.DataFrame({"effective_date": "2025-01-01", "level": ["commune", "group"], "kind": "merge",
                            "old_code": ["a2", "B"], "new_code": ["a1", "A"], "source": "NQ test"})
    records = pd.DataFrame({"commune_code": ["a1", "b1", "b2", "a3"],
                            "decision": "1/QĐ",
                            "decision_date": ["2024-03-01", "2024-05-01", "2024-05-01", "2024-05-01"],
                            "credited_year": "2024", "source": "test"})
    return Dataset.from_frames(units, progress, targets, recognitions=records, changes=changes)


def test_restating_with_records_is_exact_and_without_them_derived():
    from cdsanalysis.data.restate import restate

    dataset = _small()
    assert dataset.province_totals()["communes"].tolist() == [5, 4]
    exact = restate(dataset, "2025-01-01")
    # In the 2025 frame A holds a1 (= old a1 + a2), a3, b1, b2: a1 counts only once a2 is recognised too.
    assert exact[["district_code", "completed"]].values.tolist() == [["A", 0], ["A", 3]]
    assert set(exact["basis"]) == {"records"} and set(exact["status"]) == {"actual"}
    derived = restate(dataset, "2025-01-01", use_records=False)
    # Rule: p(A) = 1/3 then 2/3, p(B) = 0 then 1; expected fully recognised: 1/9 + 1/3 -> 0; 4/9 + 2/3 + 2 -> 3.
    assert derived["completed"].tolist() == [0, 3]
    assert set(derived["status"]) == {"derived"} and derived["note"].str.contains("derived").all()


def test_restating_a_district_of_the_bundled_data_in_the_2025_01_frame(dataset):
    from cdsanalysis.data.restate import restate

    exact = restate(dataset, "2025-01-01").set_index(["district_code", "as_of"])["completed"]
    last = pd.Timestamp("2024-06-30")
    records = dataset.recognitions
    city = records[records["district_code"].isin(["380", "405"])]
    merged_pairs = {("14788", "14770")}  # Tân Sơn merged into Phú Sơn: counts once, and only with both
    both = sum(1 for old, new in merged_pairs if {old, new} <= set(city["commune_code"]))
    either = sum(1 for old, new in merged_pairs if len({old, new} & set(city["commune_code"])) == 1)
    assert exact[("380", last)] == len(city) - both - either
    assert "405" not in exact.index.get_level_values(0)
    derived = restate(dataset, "2025-01-01", use_records=False)
    assert set(derived["status"]) == {"derived"}


# --- the post-reform example -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def reform_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_thanhhoa_2025",
                                                  REPOSITORY_DATA.parent / "scripts" / "make_thanhhoa_2025.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_reform_frames_validate_and_step_to_166(reform_script, dataset):
    mapping = pd.read_csv(REPOSITORY_DATA / "frames" / "thanhhoa_old_to_new_2025.csv", dtype=str,
                          keep_default_na=False)
    history = reform_script.in_time(dataset, mapping)
    steps = history.province_totals()
    assert steps["communes"].tolist() == [559, 558, 547, 166] and steps["groups"].tolist() == [27, 27, 26, 1]
    assert steps["valid_from"].iloc[-1] == pd.Timestamp("2025-07-01")
    ends = history.group_ends().set_index("district_code")
    assert len(ends) == 27 and ends.at["405", "last_day"] == pd.Timestamp("2024-11-30")
    assert (ends.drop(index="405")["last_day"] == pd.Timestamp("2025-06-30")).all()
    # Every old commune lands in the new frame; the ten split ones in two or more new communes.
    from cdsanalysis.data.restate import successors

    after = successors(history.history, pd.Timestamp("2025-01-01"), pd.Timestamp("2025-07-01"))
    assert len(after) == 547 and all(after.values())
    assert sum(len(v) > 1 for v in after.values()) == 10


@pytest.mark.slow
def test_the_post_reform_example_is_reproduced_by_its_script(reform_script, tmp_path, monkeypatch):
    monkeypatch.setattr(reform_script, "FOLDER", tmp_path)
    reform_script.main()
    folder = REPOSITORY_DATA.parent / "examples" / "thanhhoa-2025"
    for name in ("units.csv", "progress.csv", "targets.csv", "levels.csv"):
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name
    example = load_dataset(folder)
    assert len(example.units) == 166 and example.districts()["district_code"].tolist() == ["38"]
    assert set(example.progress["note"].str.contains("exact")) == {True}
    table = assess(forecast(example, draws=100, seed=0))  # the one group and the province forecast alike
    assert table["district_code"].tolist() == ["", "38"] and table["target"].tolist() == [142, 142]


def test_synthetic_gains_a_post_reform_shape(tmp_path):
    from cdsanalysis.cli import main

    out = tmp_path / "s"
    assert main(["synthetic", "--districts", "4", "--communes", "40", "--periods", "4", "--seed", "2",
                 "--reform", "2023-09-01", "--out", str(out)]) == 0
    assert (out / "changes.csv").is_file()
    dataset = load_dataset(out)
    steps = dataset.province_totals()
    assert steps["communes"].tolist()[0] == 40 and steps["groups"].tolist() == [4, 1]
    assert steps["valid_from"].iloc[-1] == pd.Timestamp("2023-09-01")
    assert dataset.groups_at("2024-01-01")["district_code"].tolist() == ["00"]
    table = assess(forecast(dataset, draws=100, seed=0))
    late = table[(table["district_code"] != "") & (table["deadline"] > pd.Timestamp("2023-08-31"))]
    assert len(late) and (late["status"] == "closed").all()
    assert (table.loc[table["district_code"] == "", "status"] != "closed").all()


def test_the_summary_says_closed_with_the_last_state(result, tmp_path):
    from cdsanalysis.report.writers.excel import write_summary_csv

    for lang in ("vi", "en"):
        path = write_summary_csv(assess(result), tmp_path / f"summary-{lang}.csv", lang=lang, as_of=result.as_of)
        text = path.read_text(encoding="utf-8-sig")
        rows = [line for line in text.splitlines() if "2025-12-31" in line and line.startswith("405,")]
        assert len(rows) == 1 and words(lang)["status"]["closed"] in rows[0], rows
        assert ",3," in rows[0]  # its last state: 3 communes recognised by mid-2024


def test_a_saved_forecast_keeps_the_frames(result, tmp_path):
    """A render's kernels read the forecast file: Đông Sơn must still read closed there."""
    from cdsanalysis.model.store import load_forecast, save_forecast

    loaded = load_forecast(save_forecast(result, tmp_path / "f.npz"))
    assert loaded.dataset.province_totals()["communes"].tolist() == [559, 558, 547]
    table = assess(loaded)
    assert table.query("district_code == '405'")["status"].tolist()[-2:] == ["closed", "closed"]
    assert "closed by the 2024 merger" in unit_report(loaded, "405", "en").closed.lower()


@pytest.mark.slow
def test_render_of_today_s_data_says_dong_son_is_closed(tmp_path):
    """Acceptance: the rendered report and summary of Đông Sơn read closed by the 2024 merger."""
    from cdsanalysis.cli import main

    out = tmp_path / "out"
    assert main(["render", "--data", str(REPOSITORY_DATA), "--out", str(out), "--districts", "405",
                 "--draws", "50", "--jobs", "1", "--quiet"]) == 0
    pages = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "Đã đóng do sáp nhập năm 2024" in pages and "trạng thái cuối cùng 3/14 xã" in pages
    summary = next(out.rglob("summary.csv")).read_text(encoding="utf-8-sig")
    assert words("vi")["status"]["closed"] in summary


def test_split_shares_above_one_are_named(tmp_path):
    folder = _copy(tmp_path)
    units = pd.read_csv(folder / "units.csv", dtype=str, keep_default_na=False)
    units["valid_from"], units["valid_to"] = "", ""
    extra = units[units["commune_code"] == "14755"].assign(commune_code="99001", commune_name="Phường Thử",
                                                            valid_from="2025-01-01")
    pd.concat([units, extra]).to_csv(folder / "units.csv", index=False)
    with open(folder / "changes.csv", "a", encoding="utf-8") as handle:
        handle.write("2025-01-01,commune,split,14761,14755,,,,NQ test,\n")
        handle.write("2025-01-01,commune,split,14761,99001,,,,NQ test,\n")
    text = (folder / "changes.csv").read_text(encoding="utf-8").replace(
        "effective_date,level,kind,old_code,new_code,new_group,new_name,new_type,source,note",
        "effective_date,level,kind,old_code,new_code,new_group,new_name,new_type,source,note,share")
    lines = text.rstrip("\n").split("\n")
    lines = [lines[0]] + [line + "," for line in lines[1:-2]] + [lines[-2] + ",0.7", lines[-1] + ",0.5"]
    (folder / "changes.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = _messages(folder)
    assert any("|43|share|" in m and "sum to 1.2" in m for m in found), found
    assert len(found) == 1  # the split itself is sound: both new units exist on the day
