"""What changed since the previous render: which run is compared, and each kind of change at its boundary."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.report.run.changes import SNAPSHOT_FILE, compare_runs, previous_run
from cdsanalysis.report.run.index import changes_context
from cdsanalysis.wording import words

INDEX = words("vi")["index"]
"""The index page's words: tests name them by key, never by copied text."""


def _state(as_of="2024-06-30", progress=(), targets=()):
    return {"format": 1, "as_of": as_of,
            "progress": [{"district_code": c, "district_name": f"Huyện {c}", "as_of": d, "completed": n, "status": s}
                         for c, d, n, s in progress],
            "targets": [{"district_code": c, "district_name": f"Huyện {c}", "deadline": d, "kind": "commune_quota",
                         "target": t, "p_meet": p, "status": s} for c, d, t, p, s in targets]}


def _save(folder, state):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SNAPSHOT_FILE).write_text(json.dumps(state), encoding="utf-8")
    return folder


def test_first_render_has_nothing_to_compare_with(tmp_path):
    assert previous_run(tmp_path, pd.Timestamp("2024-06-30")) is None
    changes = compare_runs(_state(), None)
    assert changes.previous is None and changes.to_frame().empty
    assert changes_context(changes, "vi").paragraphs == (INDEX["changes_none"],)


def test_the_run_replaced_comes_first_then_the_latest_earlier_one(tmp_path):
    for day in ("2023-12-31", "2024-03-31", "2024-09-30"):
        _save(tmp_path / day, _state(day))
    (tmp_path / "2024-05-31").mkdir()  # a folder without a snapshot is not a run to compare with
    (tmp_path / "notes").mkdir()
    assert previous_run(tmp_path, pd.Timestamp("2024-06-30")) == tmp_path / "2024-03-31"
    _save(tmp_path / "2024-06-30", _state())
    assert previous_run(tmp_path, pd.Timestamp("2024-06-30")) == tmp_path / "2024-06-30"
    assert previous_run(tmp_path, pd.Timestamp("2024-06-30"), compare=tmp_path / "2023-12-31") == \
        tmp_path / "2023-12-31"
    with pytest.raises(CdsAnalysisError, match="no snapshot.json"):
        previous_run(tmp_path, pd.Timestamp("2024-06-30"), compare=tmp_path / "notes")


def test_new_corrected_and_replaced_figures(tmp_path):
    before = _state(progress=[("1", "2023-12-31", 2, "illustrative"), ("1", "2024-03-31", 3, "illustrative"),
                              ("2", "2023-12-31", 5, "actual")])
    after = _state(progress=[("1", "2023-12-31", 2, "illustrative"), ("1", "2024-06-30", 4, "actual"),
                             ("2", "2023-12-31", 6, "actual")])
    table = compare_runs(after, _save(tmp_path / "old", before)).to_frame()
    got = {(r.change, r.district_code, f"{r.date:%Y-%m-%d}", r.before, r.after) for r in table.itertuples()}
    assert got == {("data_new", "1", "2024-06-30", "", "4 (actual)"),
                   ("data_changed", "2", "2023-12-31", "5 (actual)", "6 (actual)"),
                   ("data_removed", "1", "2024-03-31", "3 (illustrative)", "")}


@pytest.mark.parametrize("p_before, p_after, listed", [
    (0.50, 0.60, True),      # exactly 10 points: listed
    (0.50, 0.40, True),      # down as well as up
    (0.50, 0.5999, False),   # just under 10 points
    (None, 0.90, False),     # no chance before (e.g. beyond the horizon): nothing to compare
])
def test_a_chance_is_listed_when_it_moved_by_ten_points_or_more(tmp_path, p_before, p_after, listed):
    before = _state(targets=[("1", "2024-12-31", 8, p_before, "at_risk")])
    after = _state(targets=[("1", "2024-12-31", 8, p_after, "at_risk")])
    table = compare_runs(after, _save(tmp_path / "old", before)).to_frame()
    assert (table["change"] == "chance").any() == listed


def test_a_status_that_moved_is_listed_with_both_labels(tmp_path):
    before = _state(targets=[("1", "2024-12-31", 8, 0.85, "on_track"), ("2", "2024-12-31", 8, 0.5, "at_risk")])
    after = _state(targets=[("1", "2024-12-31", 8, 0.78, "at_risk"), ("2", "2024-12-31", 8, 0.5, "at_risk")])
    changes = compare_runs(after, _save(tmp_path / "old", before))
    table = changes.to_frame()
    assert table[["change", "district_code", "before", "after"]].values.tolist() == [
        ["status", "1", "on_track", "at_risk"]]
    page_table = changes_context(changes, "vi").table
    labels = words("vi")["status"]
    assert [c.text for c in page_table.rows[0].cells][-3:-1] == [labels["on_track"], labels["at_risk"]]


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": 99}), json.dumps([1, 2]),
                                     json.dumps({"format": 1, "progress": "x", "targets": []})])
def test_an_unreadable_previous_snapshot_is_reported_not_raised(tmp_path, content):
    folder = tmp_path / "2024-03-31"
    folder.mkdir()
    (folder / SNAPSHOT_FILE).write_text(content, encoding="utf-8")
    changes = compare_runs(_state(), folder)
    assert changes.problem and changes.to_frame().empty
    assert changes_context(changes, "en").paragraphs[0].startswith("Could not compare with the previous run")


def test_render_compare_with_a_folder_that_is_no_run_is_a_misuse(tmp_path, capsys):
    from cdsanalysis.cli import main

    assert main(["render", "--compare", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet", "--lang", "en"]) == 2
    assert "no snapshot.json" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # refused before anything was fitted or written


def test_the_workbook_gets_the_changes_in_the_reader_s_words(tmp_path):
    from cdsanalysis.report.run.index import changes_frame

    before = _state(targets=[("1", "2024-12-31", 8, 0.85, "on_track")])
    after = _state(targets=[("1", "2024-12-31", 8, 0.60, "at_risk")])
    changes = compare_runs(after, _save(tmp_path / "old", before))
    frame = changes_frame(changes, "vi")
    assert list(frame.columns) == list(INDEX["change_columns"])
    why = words("vi")["movement"]["none"]  # same data, same date: only the forecast's settings can differ
    assert frame.values.tolist() == [
        ["Đánh giá thay đổi", "Huyện 1", "31/12/2024", "8", "Đúng tiến độ", "Có nguy cơ", why],
        ["Xác suất đổi từ 10 điểm", "Huyện 1", "31/12/2024", "8", "85\u00a0%", "60\u00a0%", why]]
    assert changes_frame(compare_runs(after, None), "vi") is None  # first render: no sheet


def test_a_unit_with_no_new_figure_that_moved_says_whose_new_figures_moved_it(tmp_path):
    """Issue 19, obs. 5: Hoằng Hóa's figure of 31/3/2025 moves everyone; each moved line says why, old → new."""
    from cdsanalysis.report.run.index import changes_frame

    old = [("1", "2025-12-31", 8, 0.58, "at_risk"), ("2", "2025-12-31", 8, 0.40, "at_risk"),
           ("", "2025-12-31", 40, 0.58, "at_risk")]
    new = [("1", "2025-12-31", 8, 0.32, "at_risk"), ("2", "2025-12-31", 8, 0.55, "at_risk"),
           ("", "2025-12-31", 40, 0.32, "at_risk")]
    before = _state("2024-12-31", progress=[("1", "2024-12-31", 2, "actual"), ("2", "2024-12-31", 3, "actual")],
                    targets=old)
    after = _state("2025-03-31", progress=[("1", "2024-12-31", 2, "actual"), ("2", "2024-12-31", 3, "actual"),
                                           ("2", "2025-03-31", 5, "actual")], targets=new)
    table = compare_runs(after, _save(tmp_path / "old", before)).to_frame()
    moved = table[table["change"] == "chance"].set_index("district_code")
    assert moved.loc["1", "reason"] == "others" and moved.loc["2", "reason"] == "own"
    assert moved.loc["", "reason"] == "province"
    frame = changes_frame(compare_runs(after, tmp_path / "old"), "vi")
    frame = frame[frame[INDEX["change_columns"][0]] == INDEX["change_kinds"]["chance"]].set_index(
        INDEX["change_columns"][1])
    text = words("vi")["movement"]
    source = text["source"].format(name="2", date="31/03/2025")  # display_name("Huyện 2") is "2"
    why = frame[INDEX["change_columns"][6]]
    assert why["Huyện 1"] == text["others"].format(sources=source)
    assert why["Huyện 2"] == text["own"].format(sources=source)
    assert why[INDEX["province"]] == text["province"].format(sources=source)
    assert (frame.loc["Huyện 1", INDEX["change_columns"][4]], frame.loc["Huyện 1", INDEX["change_columns"][5]]) == \
        ("58\u00a0%", "32\u00a0%")  # old → new


def test_a_move_names_three_sources_then_how_many_more(tmp_path):
    codes = [str(c) for c in range(2, 8)]
    before = _state("2024-12-31", targets=[("1", "2025-12-31", 8, 0.9, "on_track")])
    after = _state("2025-03-31", progress=[(c, "2025-03-31", 1, "actual") for c in codes],
                   targets=[("1", "2025-12-31", 8, 0.5, "at_risk")])
    changes = compare_runs(after, _save(tmp_path / "old", before))
    reason = changes_context(changes, "en").table.rows[-1].cells[-1].text
    assert reason.count("(2025-03-31)") == 3 and reason.endswith("and 3 other units")
    assert reason.startswith("no new figure; the province-wide pace changed")


def test_a_move_with_only_a_later_date_says_so(tmp_path):
    before = _state("2024-12-31", targets=[("1", "2025-12-31", 8, 0.9, "on_track")])
    after = _state("2025-06-30", targets=[("1", "2025-12-31", 8, 0.5, "at_risk")])
    reason = changes_context(compare_runs(after, _save(tmp_path / "old", before)), "vi").table.rows[-1].cells[-1].text
    assert reason == words("vi")["movement"]["as_of"].format(before="31/12/2024", after="30/06/2025")


@pytest.mark.slow  # two whole renders
def test_the_next_month_s_render_lists_the_new_figure_on_its_index(tmp_path):
    """The monthly round: a new figure moves the as-of date; the new run compares with the last one."""
    from cdsanalysis.report.run.batch import render
    from tests.builders import small_tables, write_tables

    tables = small_tables()
    data = write_tables(tmp_path / "data", tables)
    first = render(data, districts=["901"], jobs=1, out=tmp_path / "out", draws=50, seed=2, progress=False)
    new = pd.DataFrame([{"district_code": "901", "district_name": "", "as_of": "2024-03-31", "completed": "5",
                         "source": "test", "status": "actual", "note": ""}])
    tables["progress"] = pd.concat([tables["progress"], new], ignore_index=True)
    write_tables(data, tables)
    second = render(data, districts=["901"], jobs=1, out=tmp_path / "out", draws=50, seed=2, progress=False)
    assert second.out_dir.name == "2024-03-31" and first.out_dir.exists()
    table = second.changes.to_frame()
    assert second.changes.previous == str(first.out_dir)
    new = table.loc[table["change"] == "data_new", ["district_code", "after"]]
    assert new.values.tolist() == [["901", "5 (actual)"]]
    index = (second.out_dir / "index.html").read_text(encoding="utf-8")
    assert INDEX["changes_basis"].format(date="01/01/2024", folder="2024-01-01") in index
    assert INDEX["change_kinds"]["data_new"] in index
    assert f"5 ({words('vi')['report']['data_kind']['actual']})" in index


@pytest.mark.parametrize("p_before", [float("inf"), float("nan"), -5, 5, "0.1", True])
def test_a_previous_chance_that_is_no_probability_is_treated_as_missing(tmp_path, p_before):
    """W6: an edited snapshot.json (Infinity, NaN, -5, a string) must not show up as a 10-point move."""
    before = _state(targets=[("1", "2024-12-31", 8, p_before, "at_risk")])
    after = _state(targets=[("1", "2024-12-31", 8, 0.90, "at_risk")])
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / SNAPSHOT_FILE).write_text(json.dumps(before), encoding="utf-8")  # Infinity/NaN as JSON allows
    changes = compare_runs(after, folder)
    assert not changes.problem
    assert not (changes.to_frame()["change"] == "chance").any()


def test_an_unknown_status_in_the_previous_snapshot_is_a_warning_naming_the_file(tmp_path):
    """U2: handled as malformed counts are: compare nothing, say which file."""
    before = _state(targets=[("1", "2024-12-31", 8, 0.5, "hacked")])
    after = _state(targets=[("1", "2024-12-31", 8, 0.5, "at_risk")])
    changes = compare_runs(after, _save(tmp_path / "old", before))
    assert changes.to_frame().empty
    assert str(tmp_path / "old" / SNAPSHOT_FILE) in changes.problem and "hacked" in changes.problem
    assert changes_context(changes, "en").paragraphs[0].startswith("Could not compare with the previous run")


def test_a_deeply_nested_previous_snapshot_is_a_warning_not_a_crash(tmp_path):
    """T1: json.loads raises RecursionError on deep nesting; the render must go on."""
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / SNAPSHOT_FILE).write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    changes = compare_runs(_state(), folder)
    assert changes.problem and "RecursionError" in changes.problem and changes.to_frame().empty


def test_a_fifo_as_previous_snapshot_is_a_warning_not_a_hang(tmp_path):
    import os

    folder = tmp_path / "old"
    folder.mkdir()
    os.mkfifo(folder / SNAPSHOT_FILE)
    changes = compare_runs(_state(), folder)
    assert changes.problem and "not a regular file" in changes.problem


def test_a_run_of_another_model_says_the_model_moved_the_chances(tmp_path):
    from cdsanalysis.model.registry import MODEL_REVISION
    from cdsanalysis.report.run.index import movement_reason

    moved = dict(progress=[("1", "2024-06-30", 4, "actual")], targets=[("1", "2024-12-31", 8, 0.5, "at_risk"),
                                                                        ("2", "2024-12-31", 8, 0.5, "at_risk")])
    after = {**_state(**moved), "model": {"name": "hazard", "revision": MODEL_REVISION}}
    after["targets"][1]["p_meet"] = 0.7  # unit 2 has no new figure, yet its chance moved
    older = _state(**moved)  # a snapshot from before revisions were kept
    table = compare_runs(after, _save(tmp_path / "old", older)).to_frame()
    row = table[table["change"] == "chance"].iloc[0]
    assert row["reason"] == "model"
    assert f"→ hazard {MODEL_REVISION}" in movement_reason(row["reason"], row["sources"], "vi")
    same = {**older, "model": after["model"]}  # the same model and the same figures: not the model's doing
    table = compare_runs(after, _save(tmp_path / "same", same)).to_frame()
    assert table.loc[table["change"] == "chance", "reason"].tolist() == ["none"]
