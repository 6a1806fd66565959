"""What an official needs first, on the index and in the summaries (issue 19, obs. 7 and 11).

A partial return for 31/12/2024 (three districts report, the others do not): the index shows each
unit's shortfall against its next target, the pace that needs, the last past deadline's result
(the province's missed 2024 quota, 111 against 359) and, for the districts left behind, "no figure
since 30/06/2024"; summary.csv and summary.xlsx carry the same per-unit columns, and the workbook
prints whole.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.data.freshness import district_freshness, no_figure_since
from cdsanalysis.model.assessment import assess
from cdsanalysis.model.projection import forecast
from cdsanalysis.report.run.index import index_html
from cdsanalysis.report.run.outcomes import DistrictOutcome
from cdsanalysis.report.run.outputs import DEADLINE_COLUMNS, summary_table
from cdsanalysis.report.writers.excel import NOTES_WIDTH, write_assessment_xlsx, write_summary_csv
from cdsanalysis.report.writers.sheets import LINE_HEIGHT, wrapped_lines, write_frame
from cdsanalysis.wording import status_label, words
from cdsanalysis.wording.formats import format_date

REPORTED = {"Huyện Thạch Thành": 13, "Huyện Hoằng Hóa": 18, "Huyện Hậu Lộc": 12}
ROUND = pd.Timestamp("2024-12-31")


@pytest.fixture(scope="module")
def partial():
    """The bundled data with the three districts' figures for 31/12/2024, forecast and summarised."""
    data = load_dataset()
    names = data.districts().set_index("district_name")["district_code"]
    rows = [dict(district_code=names[n], district_name=n, as_of=ROUND, completed=c, source="test", status="actual",
                 note="", measure="recognised") for n, c in REPORTED.items()]
    data = type(data)(data.units, pd.concat([data.progress, pd.DataFrame(rows)], ignore_index=True), data.targets)
    result = forecast(data, draws=200, seed=0)
    listing = data.districts()
    outcomes = {c: DistrictOutcome(c, n, f"{c}-page", True) for c, n in zip(listing["district_code"],
                                                                            listing["district_name"], strict=True)}
    table = summary_table(result, list(outcomes), outcomes)
    return data, result, table, outcomes


def _rows(html: str) -> list[list[str]]:
    """The ranking table's rows, each as its cells' text (tags stripped)."""
    body = html.split('id="cds-ranking"')[1].split("</table>")[0]
    return [[re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.split("<tbody>")[1])]


def test_deadline_columns_reuse_the_assessment(partial):
    _, result, table, _ = partial
    assessed = assess(result)
    province = table[table["district_code"] == ""].iloc[0]
    assert int(province["completed"]) == 111  # 95 official, plus the three districts' gains
    assert province["last_deadline"] == ROUND and province["last_target"] == 359
    own = assessed[(assessed["district_code"] == "") & (assessed["deadline"] == ROUND)].iloc[0]
    assert province["last_deadline_result"] == own["status"] == "missed"
    nxt = assessed[(assessed["district_code"] == "") & (assessed["deadline"] == pd.Timestamp("2025-12-31"))].iloc[0]
    assert province["next_deadline"] == nxt["deadline"]
    assert province["shortfall"] == nxt["target"] - 111
    assert province["pace_needed_per_month"] == pytest.approx(nxt["required_pace"], abs=1e-4)
    # every unit's columns are one value per unit, whatever row of it is read
    assert (table.groupby("district_code")[DEADLINE_COLUMNS].nunique(dropna=False) <= 1).all().all()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_index_shows_shortfall_pace_and_the_missed_quota(partial, lang):
    data, result, table, outcomes = partial
    fresh = district_freshness(data, result.as_of)
    page = index_html(table, list(outcomes.values()), result.as_of, lang, True, freshness=fresh)
    text = words(lang)["index"]
    for label in text["unit_columns"].values():
        assert f">{label}</th>" in page
    rows = _rows(page)
    province = rows[0]
    assert province[2] == "111/559"
    missed = text["last_deadline_cell"].format(status=status_label("missed", lang), target=359,
                                               date=format_date(ROUND, lang))
    assert missed in province  # 111 against 359, on the index, not only in the change list
    assert str(477 - 111) in province
    stale = fresh[fresh["behind"]]
    assert len(stale) == 24
    assert text["round_behind"].format(date=format_date(ROUND, lang), n=24) in province
    by_name = {r[1]: r for r in rows[1:]}
    for name in REPORTED:
        assert format_date(ROUND, lang) in by_name[name]
    for _, district in stale.iterrows():
        assert no_figure_since(district["latest_date"], lang) in by_name[district["district_name"]]
    assert page.count('class="stale"') == 25  # each district left behind, and the province's round


def test_summaries_carry_the_same_columns(partial, tmp_path):
    _, result, table, _ = partial
    head = words("vi")["workbook_columns"]
    csv = pd.read_csv(write_summary_csv(table, tmp_path / "s.csv", as_of=result.as_of), encoding="utf-8-sig",
                      dtype=str)
    for column in DEADLINE_COLUMNS:
        assert head[column] in csv.columns
    province = csv[csv[head["district_name"]] == words("vi")["workbook"]["province"]].iloc[0]
    assert province[head["last_deadline_result"]] == status_label("missed", "vi")
    assert province[head["last_deadline"]] == "2024-12-31" and province[head["shortfall"]] == "366"
    sheet = load_workbook(write_assessment_xlsx(table, tmp_path / "s.xlsx", as_of=result.as_of)).worksheets[0]
    headers = {c.value: c.column for c in sheet[3] if c.value}
    for column in ("shortfall", "pace_needed_per_month", "current_pace"):
        assert head[column] in headers
    assert sheet.cell(row=5, column=headers[head["shortfall"]]).value == 366


def test_the_workbook_prints_whole_with_plain_links(partial, tmp_path):
    _, result, table, _ = partial
    table = table.assign(html=[f"{c}-page.html" if c else "" for c in table["district_code"]])
    book = load_workbook(write_assessment_xlsx(table, tmp_path / "s.xlsx", as_of=result.as_of))
    notes = book[words("vi")["workbook"]["notes"]]
    assert notes.column_dimensions["A"].width == NOTES_WIDTH
    for row in range(1, notes.max_row + 1):
        cell = notes.cell(row=row, column=1)
        assert cell.alignment.wrap_text
        need = LINE_HEIGHT * wrapped_lines(cell.value, NOTES_WIDTH)
        assert notes.row_dimensions[row].height >= need, (row, cell.value)
    assert wrapped_lines("a " * 200, NOTES_WIDTH) >= 4  # the estimate grows with the text
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (9, 1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    overview = book.worksheets[0]
    name = overview.cell(row=6, column=2)
    assert name.hyperlink is not None  # still a link on screen ...
    assert not name.font.underline and name.font.color.rgb.endswith("000000")  # ... printed as plain text
    past = {c.value: c.column for c in overview[3] if c.value}[words("vi")["workbook"]["past"]]
    lines = overview.cell(row=5, column=past).value.split("\n")
    assert len(lines) == 3  # the province's 2022, 2023 and 2024 quotas in one column
    assert overview.row_dimensions[5].height >= 15 * len(lines)


def test_a_sheet_of_long_texts_prints_whole(tmp_path):
    """The "what changed" sheet (any `write_frame` sheet): each row as tall as its longest wrapped cell."""
    from openpyxl import Workbook

    book = Workbook()
    frame = pd.DataFrame({"a": ["ngắn", "một câu dài " * 12], "b": [pd.Timestamp("2024-12-31"), "x"]})
    write_frame(book.active, frame, "vi", "title")
    sheet = book.active
    assert sheet.row_dimensions[4].height == LINE_HEIGHT
    assert sheet.row_dimensions[5].height == LINE_HEIGHT * wrapped_lines(frame["a"][1], 20) > 3 * LINE_HEIGHT
