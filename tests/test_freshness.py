"""The stale-data warning: as-of more than three calendar months after the latest figure."""

from __future__ import annotations

import pandas as pd
import pytest

from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.data.freshness import STALE_AFTER_MONTHS, stale_data_note, staleness


@pytest.mark.parametrize("as_of, stale", [
    (None, False),  # the latest date itself
    ("2024-09-30", False),  # exactly three months after 2024-06-30
    ("2024-10-01", True),
    ("2025-03-01", True),
])
def test_stale_after_three_months(as_of, stale):
    dataset = load_dataset()
    assert dataset.latest_date() == pd.Timestamp("2024-06-30")
    assert STALE_AFTER_MONTHS == 3
    assert staleness(dataset, as_of).stale is stale
    assert bool(stale_data_note(dataset, as_of)) is stale


def test_the_note_names_both_dates_in_each_language():
    dataset = load_dataset()
    assert "30/06/2024" in stale_data_note(dataset, "1/3/2025", lang="vi")
    assert "01/03/2025" in stale_data_note(dataset, "1/3/2025", lang="vi")
    assert "2024-06-30" in stale_data_note(dataset, "2025-03-01", lang="en")


def test_district_freshness_marks_the_districts_a_partial_return_left_behind():
    """Three districts report for 31/12/2024, the others' latest figures stay at 30/6/2024: behind."""
    from cdsanalysis.data.dataset import load_dataset
    from cdsanalysis.data.freshness import district_freshness, no_figure_since
    from cdsanalysis.wording import words
    from cdsanalysis.wording.formats import format_date

    data = load_dataset()
    before = district_freshness(data)
    assert not before["behind"].any()
    reporting = list(before["district_code"][:3])
    rows = [dict(district_code=code, district_name="", as_of=pd.Timestamp("2024-12-31"),
                 completed=int(before.set_index("district_code").loc[code, "latest_count"]) + 1,
                 source="test", status="actual", note="", measure="recognised") for code in reporting]
    progress = pd.concat([data.progress, pd.DataFrame(rows)], ignore_index=True)
    after = district_freshness(type(data)(data.units, progress, data.targets))
    assert set(after.loc[~after["behind"], "district_code"]) == set(reporting)
    assert after["behind"].sum() == len(after) - 3
    stale = after[after["behind"]].iloc[0]
    assert stale["latest_date"] == before["latest_date"].max()
    assert (after["round_date"] == pd.Timestamp("2024-12-31")).all()
    expected = words("vi")["freshness"]["no_figure_since"].format(date=format_date(stale["latest_date"], "vi"))
    assert no_figure_since(stale["latest_date"], "vi") == expected
    assert no_figure_since(pd.NaT, "en") == "no figure yet"
    assert district_freshness(data, as_of="2023-12-31")["latest_date"].max() <= pd.Timestamp("2023-12-31")
