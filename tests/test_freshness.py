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
