"""Issue 19's acceptance on the pages: after a partial return every page agrees on the current figures.

On a copy of the bundled data, three districts report for 31/12/2024 (Hoằng Hóa 18, Hậu Lộc 12,
Thạch Thành 13) and 24 leave their cell blank; the whole report is rendered once. Then:

- obs. 2: the 24 districts that did not report say "no figure since 30/06/2024" in the summary and
  on their own pages, and the three that did say nothing of the kind;
- obs. 4: the province's current figure (111) is the sum of the districts' latest figures, at least
  the official 95, and the province page, summary.csv and index.html state the same one; the
  chart's observed points reach it, the pace is computed, and a district with one figure does not
  quote the pooled model's five dates as its own;
- obs. 5: a later figure of Hoằng Hóa alone, rendered for a few units, gives every moved line of
  "what changed" a reason naming Hoằng Hóa and its date.
"""

from __future__ import annotations

import csv
import html
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from cdsanalysis.cli import main
from cdsanalysis.data.bundled import REPOSITORY_DATA
from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.data.freshness import district_freshness, no_figure_since
from cdsanalysis.data.names import display_name
from cdsanalysis.data.province_series import province_history
from cdsanalysis.model.store import load_forecast
from cdsanalysis.report.run.layout import INDEX_PAGE, PROVINCE_PAGE, SUMMARY_CSV
from cdsanalysis.wording import words
from tests.test_progress_update import partial_form

pytestmark = pytest.mark.slow  # whole renders

VI = words("vi")
ROUND, OLD = pd.Timestamp("2024-12-31"), "30/06/2024"
REPORTED = {"Hoằng Hóa", "Hậu Lộc", "Thạch Thành"}


def page_text(path: Path) -> str:
    """A page's visible text, one space between words (markup, styles and images dropped)."""
    text = re.sub(r"<style.*?</style>|<img[^>]*>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))


@pytest.fixture(scope="module")
def round_(tmp_path_factory) -> dict:
    """The data after the partial return, and the run rendered from it."""
    root = tmp_path_factory.mktemp("round")
    data = root / "data"
    shutil.copytree(REPOSITORY_DATA, data)
    form = partial_form(data, root)
    assert main(["import", str(form), "--out", str(data)]) == 0
    assert main(["render", "--data", str(data), "--out", str(root / "reports"), "--quiet"]) == 0
    folder = root / "reports" / f"{ROUND:%Y-%m-%d}"
    with (folder / SUMMARY_CSV).open(encoding="utf-8-sig", newline="") as handle:
        summary = list(csv.DictReader(handle))
    return {"root": root, "data": data, "folder": folder, "summary": summary,
            "fresh": district_freshness(load_dataset(data))}


def _column(key: str) -> str:
    return VI["workbook_columns"][key]


def test_obs2_the_districts_that_did_not_report_say_since_when_in_the_summary_and_on_their_pages(round_):
    fresh, folder = round_["fresh"], round_["folder"]
    behind = fresh[fresh["behind"]]
    assert len(behind) == 24 and {display_name(n) for n in fresh.loc[~fresh["behind"], "district_name"]} == REPORTED
    since = no_figure_since(pd.Timestamp("2024-06-30"), "vi")
    assert OLD in since
    by_code = {}
    for row in round_["summary"]:
        by_code.setdefault(row[_column("district_code")].strip('="'), row)
    for code, name in zip(fresh["district_code"], fresh["district_name"], strict=True):
        row = by_code[code]
        page = page_text(next(folder.glob(f"{code}-*.html"))).lower()
        if display_name(name) in REPORTED:
            assert row[_column("freshness")] == "" and row[_column("latest_date")] == "2024-12-31"
            assert "chưa có số liệu mới" not in page
        else:
            assert row[_column("freshness")] == since, name
            assert row[_column("latest_date")] == "2024-06-30"
            assert since.lower() in page, name
    from openpyxl import load_workbook

    detail = load_workbook(folder / "summary.xlsx")[VI["workbook"]["detail"]]
    header = [c.value for c in detail[3]]
    column = header.index(_column("freshness")) + 1
    names = {detail.cell(r, header.index(_column("district_name")) + 1).value
             for r in range(4, detail.max_row + 1) if detail.cell(r, column).value == since}
    assert names == set(fresh.loc[fresh["behind"], "district_name"])


def test_obs4_the_province_page_the_summary_and_the_index_state_one_current_figure(round_):
    fresh, folder = round_["fresh"], round_["folder"]
    figure = int(fresh["latest_count"].sum())
    assert figure == 111 and figure >= 95  # the sum of the latest figures, never below the official 95
    province = page_text(folder / PROVINCE_PAGE)
    standing = province[province.index(VI["report"]["standing"]):province.index(VI["report"]["trajectory"])]
    assert f"{figure}/559" in standing and "95" in standing and OLD in standing and "31/12/2024" in standing
    assert "95/559" not in province  # the official total is beside the current figure, not instead of it
    units = province[province.index(VI["current"]["units"]):province.index(VI["report"]["method"])]
    for name, count, date in zip(fresh["district_name"], fresh["latest_count"], fresh["latest_date"], strict=True):
        assert re.search(f"{name} {count}/\\d+ {date:%d/%m/%Y}", units), name  # each unit's own figure and date
    rows = [r for r in round_["summary"] if r[_column("district_name")] == VI["workbook"]["province"]]
    assert {r[_column("completed")] for r in rows} == {str(figure)}
    assert rows[0][_column("data_status")] == VI["report"]["data_kind"]["illustrative"]  # as its weakest term
    assert f"{figure}/559" in page_text(folder / INDEX_PAGE)
    keep = province[province.index(VI["report"]["baselines"]):province.index(VI["report"]["method"])]
    assert f"{figure} ({VI['report']['no']})" in keep  # "keep today's figure" starts from the same figure
    pace = province[province.index(VI["report"]["pace"]):province.index(VI["report"]["baselines"])]
    assert re.search(r"477 \d+,\d\d \d+,\d\d \d+,\d\d", pace), pace  # the current pace is a number, not "—"
    result = load_forecast(folder / "forecast.npz")
    points = province_history(result.dataset, result.as_of)
    assert (points["as_of"].iloc[-1], int(points["completed"].iloc[-1])) == (ROUND, figure)  # the band's start
    assert int(points.loc[points["as_of"] == pd.Timestamp("2024-06-30"), "completed"].iloc[0]) == 95
    # the band may start above 111 (the 24 units' months since 30/6/2024 are simulated): the page says why
    assert VI["current"]["chart_province"].format(n=24, round="31/12/2024", done=figure) in province


def test_obs4_a_district_with_one_figure_counts_its_own(round_):
    page = page_text(next(round_["folder"].glob("391-*.html")))  # Thạch Thành: one figure, 13 at 31/12/2024
    assert "mốc số liệu nửa năm" not in page
    assert VI["report"]["wide_district_own"].format(own=1, periods=5).split("(")[0] in page
    assert "1 trong 5 nửa năm có số liệu" in page


def test_obs5_a_later_figure_of_one_district_explains_every_move(round_, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(round_["data"], data)
    from openpyxl import Workbook

    form = tmp_path / "hoang-hoa.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["(Số liệu tính đến ngày 31/3/2025)"])
    sheet.append(["STT", "Đơn vị", "Số xã hoàn thành"])
    sheet.append([1, "Hoằng Hóa", 30])
    book.save(form)
    assert main(["import", str(form), "--out", str(data)]) == 0
    reports = tmp_path / "reports"
    shutil.copytree(round_["folder"], reports / round_["folder"].name)
    assert main(["render", "--data", str(data), "--out", str(reports), "--districts", "399,387,388",
                 "--quiet"]) == 0
    page = page_text(reports / "2025-03-31" / INDEX_PAGE)
    changes = page[page.index(VI["index"]["changes_heading"]):]
    kinds = VI["index"]["change_kinds"]
    assert kinds["status"] in changes or kinds["chance"] in changes  # something moved: the test is not vacuous
    source = VI["movement"]["source"].format(name="Hoằng Hóa", date="31/03/2025")
    moved = re.split("|".join(map(re.escape, kinds.values())), changes)[1:]
    for line in moved[1:]:  # the first is Hoằng Hóa's new figure
        assert source in line, line
        assert len(re.findall(r"\d+\s%|" + "|".join(VI["status"].values()), line)) >= 2, line
