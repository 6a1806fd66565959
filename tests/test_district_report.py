"""One district's report: the facts it shows, the saved forecast it starts from, its wording."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cdsanalysis.data.dataset import Dataset, load_dataset
from cdsanalysis.exceptions import CdsAnalysisError, NameLookupError
from cdsanalysis.model.assessment import assess
from cdsanalysis.model.projection import forecast
from cdsanalysis.model.store import load_forecast, save_forecast
from cdsanalysis.report.content.blocks import Heading, Notice
from cdsanalysis.report.content.district import forecast_band
from cdsanalysis.report.content.sections import heading_context, notices, section_context
from cdsanalysis.report.content.text import STATUS_COLORS, ratio_label
from cdsanalysis.report.run.notebook import build_district_report, prepare_report
from cdsanalysis.settings import PROGRESS_RATIO_BANDS
from cdsanalysis.wording import words
from tests.builders import small_tables, write_tables

DRAWS = 200


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_tables(tmp_path / "data", small_tables())


@pytest.fixture
def saved(tmp_path: Path, data_dir: Path) -> Path:
    from cdsanalysis.data.dataset import load_dataset

    return save_forecast(forecast(load_dataset(data_dir), draws=DRAWS, seed=3), tmp_path / "out" / "forecast.npz",
                         data_dir=data_dir)


def test_report_facts_match_assess_on_the_same_forecast(data_dir):
    from cdsanalysis.data.dataset import load_dataset

    report = build_district_report("An Bình", data_dir=data_dir, draws=DRAWS, seed=3)
    expected = assess(forecast(load_dataset(data_dir), draws=DRAWS, seed=3))
    expected = expected[expected["district_code"] == "901"].reset_index(drop=True)
    assert report.district_code == "901" and report.district_name == "Huyện An Bình"
    assert (report.completed, report.communes_total, report.data_status) == (3, 6, "illustrative")
    assert report.observed_on == pd.Timestamp("2024-01-01") == report.as_of
    pd.testing.assert_frame_equal(report.assessment[expected.columns], expected)
    assert report.assessment["target_status"].tolist() == ["illustrative", "illustrative"]
    # The end-2023 target (3) was reached only in the count of 2024-01-01, after its deadline.
    assert report.assessment["status"].tolist()[0] == "achieved_late"


def test_band_holds_median_and_nested_intervals(data_dir):
    band = build_district_report("901", data_dir=data_dir, draws=DRAWS, seed=3).band
    assert band.iloc[0][["median", "lower50", "upper50", "lower80", "upper80"]].tolist() == [3.0] * 5
    assert (band["lower80"] <= band["lower50"]).all() and (band["lower50"] <= band["median"]).all()
    assert (band["median"] <= band["upper50"]).all() and (band["upper50"] <= band["upper80"]).all()
    assert (band["upper80"] <= 6).all()


def test_baselines_hand_computed_for_a_straight_history(data_dir):
    # 902: 0 on 2023-01-01, 2 on 2024-01-01 (365 days): the line gains 2 per 365 days, so on
    # 2024-12-31 (365 days later) it reaches 4; the last value stays 2. Target 6 is met by neither.
    report = build_district_report("902", data_dir=data_dir, draws=DRAWS, seed=3)
    row = report.baselines.iloc[0]
    assert (row["deadline"], row["target"], row["linear"], row["last"]) == (pd.Timestamp("2024-12-31"), 6, 4, 2)
    table = report.baselines_frame()
    assert table.iloc[0].tolist()[-2:] == ["4 (không đạt)", "2 (không đạt)"]


def test_an_int_code_from_papermill_is_accepted(data_dir):
    assert build_district_report(902, data_dir=data_dir, draws=DRAWS).district_code == "902"


def test_unknown_district_names_the_nearest(data_dir):
    with pytest.raises(NameLookupError) as caught:
        build_district_report("An Binh X", data_dir=data_dir, draws=DRAWS)
    assert "Huyện An Bình (901)" in str(caught.value)


def test_a_district_without_figures_cannot_be_reported(tmp_path):
    folder = write_tables(tmp_path / "data", small_tables(without_progress="903"))
    with pytest.raises(CdsAnalysisError, match=r"Thị xã Cẩm Lâm \(903\) has no progress figure"):
        build_district_report("903", data_dir=folder, draws=DRAWS)


def test_notices_warn_about_every_kind_of_illustrative_figure(data_dir):
    report = build_district_report("901", data_dir=data_dir, draws=DRAWS)
    assert report.illustrative == ("progress", "targets", "model")
    [notice] = notices(report)
    text = words("vi")["report"]
    assert notice.kind == "" and notice.title == "⚠️ " + text["illustrative_title"]
    assert notice.items == (text["illustrative_items"]["progress"].format(n=3, m=3),
                            text["illustrative_items"]["targets"].format(n=2, m=2),
                            text["illustrative_items"]["model"])
    assert notice.end == text["illustrative_end"]
    # 902's own figures are recognised, but the pooled model leans on 901's illustrative history.
    other = build_district_report("902", data_dir=data_dir, draws=DRAWS, lang="en")
    assert other.illustrative == ("model",)
    assert [n.items for n in notices(other)] == [(words("en")["report"]["illustrative_items"]["model"],)]


def test_notices_without_illustrative_data_give_the_sources_line(tmp_path):
    folder = write_tables(tmp_path / "data", small_tables(illustrative=False))
    report = build_district_report("901", data_dir=folder, draws=DRAWS)
    assert report.illustrative == ()
    assert notices(report) == [Notice("official", words("vi")["report"]["official"])]


def test_the_heading_names_the_unit_and_the_date_and_a_district_its_code(data_dir):
    en = build_district_report("901", data_dir=data_dir, draws=DRAWS, seed=3, lang="en")
    text = words("en")["report"]
    assert heading_context(en) == Heading(title=text["heading"].format(name="Huyện An Bình"),
                                          as_of_line=text["as_of"].format(date="2024-01-01") + " · 901")


def test_english_tables_and_vietnamese_number_format(data_dir):
    vi = build_district_report("901", data_dir=data_dir, draws=DRAWS, seed=3)
    en = build_district_report("901", data_dir=data_dir, draws=DRAWS, seed=3, lang="en")
    # A passed deadline is settled by the recorded figures: no chance, no forecast ("—").
    assert vi.targets_frame().iloc[0].tolist()[:6] == ["31/12/2023", 3, "chỉ tiêu số xã", "minh họa", "—", "—"]
    assert en.targets_frame().iloc[0].tolist()[:6] == ["2023-12-31", 3, "commune quota", "illustrative", "—", "—"]
    assert en.targets_frame()["Status"].tolist()[0] == "Achieved late"
    with pytest.raises(CdsAnalysisError, match="lang"):
        build_district_report("901", data_dir=data_dir, draws=DRAWS, lang="fr")


def test_status_table_colours_status_cells_by_status_and_keeps_a_fixed_id(data_dir):
    report = build_district_report("901", data_dir=data_dir, draws=DRAWS, seed=3)
    part = report.part("targets")
    fill, ink = STATUS_COLORS["achieved_late"]
    assert 'id="cds-targets"' in part.html
    label = report.targets_frame().columns[report.TARGET_KEYS.index("status")]  # the phone's card shows it
    assert (f'<td class="status" data-label="{label}" data-status="achieved_late" style="background-color: {fill}; '
            f'color: {ink}">Đạt muộn</td>') in part.html
    assert "Đạt muộn" in repr(part)


def test_the_pace_note_is_not_a_second_status(data_dir):
    from cdsanalysis.wording import LANGS, words

    report = build_district_report("901", data_dir=data_dir, draws=DRAWS, seed=3)
    notes = report.pace_frame()[report.text["columns"]["pace_note"]].tolist()
    labels = {label for lang in LANGS for label in words(lang)["status"].values()}
    assert notes and not set(notes) & labels
    assert "data-status" not in report.part("pace").html  # never coloured as a status


def test_one_forecast_figure_per_table_the_median_with_its_interval(data_dir):
    report = build_district_report("901", data_dir=data_dir, draws=DRAWS, seed=3)
    frame = report.targets_frame()
    a = report.assessment
    open_rows = a[a["deadline"] > report.as_of].index
    median = report.band.set_index("date")["median"]
    for i in open_rows:
        lo, hi = int(a.at[i, "lower"]), int(a.at[i, "upper"])
        expected = f"{median[a.at[i, 'deadline']]:.0f} ({lo}–{hi})"
        assert frame.iloc[i][report.text["columns"]["forecast"]] == expected
    assert report.text["columns"]["expected"] not in frame.columns  # no mean beside the median


def test_saved_forecast_round_trips(data_dir, saved):
    from cdsanalysis.data.dataset import load_dataset

    original = forecast(load_dataset(data_dir), draws=DRAWS, seed=3)
    loaded = load_forecast(saved)
    assert np.array_equal(loaded.paths, original.paths)
    assert loaded.dates.equals(original.dates) and loaded.as_of == original.as_of
    assert loaded.district_codes == original.district_codes and loaded.seed == 3
    for name in ("units", "progress", "targets"):
        pd.testing.assert_frame_equal(getattr(loaded.dataset, name), getattr(original.dataset, name))
    pd.testing.assert_frame_equal(forecast_band(loaded, ""), forecast_band(original, ""))


def test_report_from_a_saved_forecast_equals_the_one_fitted_in_place(data_dir, saved):
    from_file = build_district_report("902", forecast_file=saved)
    fitted = build_district_report("902", data_dir=data_dir, draws=DRAWS, seed=3)
    assert from_file.forecast_source == "file" and fitted.forecast_source == "fitted"
    pd.testing.assert_frame_equal(from_file.assessment, fitted.assessment)
    pd.testing.assert_frame_equal(from_file.band, fitted.band)


def test_saved_forecast_rejects_another_as_of_or_data_dir(saved, tmp_path):
    with pytest.raises(CdsAnalysisError, match="as of 2024-01-01"):
        build_district_report("902", forecast_file=saved, as_of="2023-06-30")
    with pytest.raises(CdsAnalysisError, match="was made from"):
        build_district_report("902", forecast_file=saved, data_dir=tmp_path)
    with pytest.raises(CdsAnalysisError, match="no such forecast file"):
        build_district_report("902", forecast_file=tmp_path / "missing.npz")


def test_prepared_report_is_picked_up_only_for_its_own_forecast(saved):
    from cdsanalysis.report.run.notebook import NotebookReport
    from cdsanalysis.report.run.prepared import prepared_path, report_from_json

    made = prepare_report(saved, "902", "vi")
    path = prepared_path(saved, "902", "vi")
    assert path.is_file() and made.prepared_png is not None  # returned too: the worker writes the Word file
    prepared = build_district_report("902", forecast_file=saved)
    assert prepared.prepared_png == made.prepared_png
    assert prepared.prepared_png is not None and prepared.chart_png() == prepared.prepared_png
    pd.testing.assert_frame_equal(prepared.assessment, report_from_json(path.read_text(encoding="utf-8"),
                                                                        NotebookReport).assessment)
    assert build_district_report("902", forecast_file=saved, lang="en").prepared_png is None  # other language
    saved.write_bytes(saved.read_bytes() + b"\0")  # a different forecast file: a different digest
    assert not prepared_path(saved, "902", "vi").exists()


def test_a_saved_forecast_is_read_once_per_process_and_again_when_rewritten(data_dir, saved):
    from cdsanalysis.data.dataset import load_dataset
    from cdsanalysis.report.content import forecast_cache

    forecast_cache._saved_forecasts.cache_clear()
    first = build_district_report("902", forecast_file=saved)
    build_district_report("901", forecast_file=saved)
    assert forecast_cache._saved_forecasts.cache_info()[:2] == (1, 1)  # (hits, misses): read once for both
    save_forecast(forecast(load_dataset(data_dir), draws=DRAWS, seed=4), saved, data_dir=data_dir)
    rewritten = build_district_report("902", forecast_file=saved)
    assert forecast_cache._saved_forecasts.cache_info().misses == 2  # another file version: read again
    assert rewritten.seed == 4 and first.seed == 3
    fitted = build_district_report("902", data_dir=data_dir, draws=DRAWS, seed=4)
    pd.testing.assert_frame_equal(rewritten.baselines, fitted.baselines)
    pd.testing.assert_frame_equal(rewritten.band, fitted.band)


@pytest.mark.parametrize(("ratio", "label"), [
    (PROGRESS_RATIO_BANDS.on_track, "on_track"), (2.0, "on_track"), (0.9499, "acceleration_needed"),
    (PROGRESS_RATIO_BANDS.limited, "acceleration_needed"), (0.5999, "limited_progress"), (0.0, "limited_progress"),
    (-0.01, "deterioration"), (float("nan"), "not_applicable"),
])
def test_progress_ratio_labels_at_their_boundaries(ratio, label):
    assert ratio_label(ratio) == label


def test_dataset_from_frames_is_accepted_too():
    tables = small_tables()
    dataset = Dataset.from_frames(tables["units"], tables["progress"], tables["targets"])
    assert dataset.district_code("Cẩm Lâm") == "903"


def test_baselines_show_the_steady_sensitivity_beside_the_model(data_dir):
    from cdsanalysis.data.dataset import load_dataset

    report = build_district_report("901", data_dir=data_dir, draws=DRAWS, seed=3)
    steady = assess(forecast(load_dataset(data_dir), until=report.band["date"].max(), model="steady",
                             draws=DRAWS, seed=3))
    steady = steady[(steady["district_code"] == "901") & (steady["deadline"] > report.as_of)]
    expected = steady.set_index(["deadline", "target"])["p_meet"]
    got = report.baselines.set_index(["deadline", "target"])["steady_p_meet"]
    pd.testing.assert_series_equal(got, expected.reindex(got.index), check_names=False)
    header = report.baselines_frame().columns
    assert "Nếu giữ tốc độ hiện nay: xác suất đạt" in header


def test_saved_steady_paths_give_the_numbers_a_fit_in_place_gives(data_dir, tmp_path):
    from cdsanalysis.data.dataset import load_dataset

    dataset = load_dataset(data_dir)
    main = forecast(dataset, draws=DRAWS, seed=3)
    steady = forecast(dataset, until=main.dates[-1], model="steady", draws=DRAWS, seed=3)
    path = save_forecast(main, tmp_path / "with-steady.npz", data_dir=data_dir, steady=steady)
    loaded = load_forecast(path, model="steady")
    assert loaded.model == "steady" and np.array_equal(loaded.paths, steady.paths)
    assert load_forecast(tmp_path / "with-steady.npz").model == main.model
    from_file = build_district_report("902", forecast_file=path)
    fitted = build_district_report("902", data_dir=data_dir, draws=DRAWS, seed=3)
    pd.testing.assert_frame_equal(from_file.baselines, fitted.baselines)


def test_a_forecast_saved_without_steady_paths_has_none(saved):
    assert load_forecast(saved, model="steady") is None


def test_report_and_province_state_the_interval_in_words(data_dir):
    from cdsanalysis.data.dataset import load_dataset
    from cdsanalysis.report.content.province import province_interval_line

    report = build_district_report("901", data_dir=data_dir, draws=DRAWS, seed=3)
    line = report.interval_line()
    open_rows = report.assessment[report.assessment["deadline"] > report.as_of]
    band = report.band.set_index("date")
    for deadline in open_rows["deadline"]:
        row = band.loc[deadline]
        assert f"từ {int(row['lower80'])} đến {int(row['upper80'])} xã" in line
    result = forecast(load_dataset(data_dir), draws=DRAWS, seed=3)
    province = province_interval_line(result, lang="en")
    summary = result.summary().set_index(["district_code", "date"])
    targets = result.dataset.targets
    deadlines = targets.loc[(targets["district_code"] == "") & (targets["deadline"] > result.as_of), "deadline"]
    assert len(deadlines) and province.startswith("By ") and "the province" in province
    for deadline in deadlines:
        row = summary.loc[("", deadline)]
        assert f"{int(row['lower'])} to {int(row['upper'])}" in province


def test_every_report_quotes_the_dates_the_pooled_model_rests_on(data_dir):
    # The province's own rows are fewer than the districts' dates; the sentence must quote the latter,
    # in the province page, in a district page and in the CLI's province line alike.
    from cdsanalysis.data.dataset import load_dataset
    from cdsanalysis.model.anchors import half_year_end
    from cdsanalysis.report.content.district import fitted_periods, unit_report
    from cdsanalysis.report.content.text import interval_text

    dataset = load_dataset(data_dir)
    district_dates = dataset.progress["as_of"].nunique()  # the bundled figures: one date a half-year
    assert district_dates == half_year_end(dataset.progress["as_of"]).nunique()
    last = dataset.progress["as_of"].max()
    province_row = {"district_code": "", "district_name": "", "as_of": last, "source": "test", "status": "derived",
                    "note": "", "completed": int(dataset.progress.loc[dataset.progress["as_of"] == last,
                                                                     "completed"].sum())}
    province_rows = Dataset.from_frames(
        dataset.units, pd.concat([dataset.progress, pd.DataFrame([province_row])], ignore_index=True),
        dataset.targets)
    result = forecast(province_rows, draws=DRAWS, seed=3)
    own = province_rows.progress.loc[province_rows.progress["district_code"] == "", "as_of"].nunique()
    assert own < district_dates  # the case that went wrong: the province's own history is shorter
    assert fitted_periods(result) == district_dates
    for code in ("", "901"):
        assert unit_report(result, code, "vi").periods == district_dates
    sentence = interval_text("vi", place="x", rows=[("2025", 5.0, 0.0, 50.0)], pending=50,
                             periods=district_dates, province=True)
    assert f"{district_dates} mốc" in sentence


def test_the_standing_shows_the_claim_beside_the_recognitions_and_the_communes_still_to_go():
    # Issue 21: the district's own claim is shown beside the province's recognitions, and with recognition
    # records every district report lists the communes no decision has recognised yet.
    report = build_district_report("Hoằng Hóa", draws=200)
    dataset = load_dataset()
    left = dataset.communes_remaining("399", report.as_of)
    standing = section_context(report, "standing")
    text = "\n".join(standing.paragraphs)
    lead = words("vi")["report"]["claim_line"].split("{")[0]
    assert lead in text and "10" in text
    assert len(left) > 0 and all(name in text for name in left["commune_name"])
    assert words("vi")["report"]["remaining_line"].split("{")[0] in text


def test_monthly_figures_count_as_the_half_years_they_cover():
    # the model reads its pace between half-years: six monthly figures are one point of the trend, and the
    # sentence "the trend rests on only N half-yearly figures" must not count each month
    from cdsanalysis.model.scenarios import make_scenario
    from cdsanalysis.report.content.district import fitted_periods, unit_report

    dataset = make_scenario("rounds", 3).dataset  # monthly reports from June 2022
    result = forecast(dataset, as_of="2024-06-30", draws=DRAWS, seed=1)
    monthly = dataset.progress.loc[dataset.progress["as_of"] <= "2024-06-30", "as_of"].nunique()
    assert monthly > 20
    assert fitted_periods(result) == 5  # the half-years ending June 2022 ... June 2024
    code = result.district_codes[0]
    assert unit_report(result, code, "vi").periods == 5
