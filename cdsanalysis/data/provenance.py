"""What kind of figures a result rests on: the one owner of the illustrative rule, and its sentence.

Every report, page, workbook and terminal line asks `illustrative_rows` (which rows are made up),
`illustrative_sources` (which parts of a report rest on made-up figures) or `any_illustrative`;
none of them re-derives the rule from the status strings.
"""

from __future__ import annotations

from typing import Protocol

import pandas as pd

from cdsanalysis.settings import PROVINCE_CODE
from cdsanalysis.wording import DEFAULT_LANG, words


class Tables(Protocol):
    """What the rule reads of a `cdsanalysis.data.dataset.Dataset` (a protocol: the schema, which the
    dataset imports, takes `ILLUSTRATIVE` from here, so importing the dataset would close a circle)."""

    progress: pd.DataFrame
    targets: pd.DataFrame


ILLUSTRATIVE = "illustrative"
"""The status of made-up rows (progress and targets): never official, always said so in reports."""


def illustrative_rows(statuses: pd.Series) -> pd.Series:
    """Which rows rest on made-up figures: a status ``illustrative``, alone or among the statuses a
    sum joins with "+" (``actual+illustrative``: the province row of `standing`)."""
    return statuses.astype(str).str.split("+").map(lambda parts: ILLUSTRATIVE in parts).astype(bool)


def any_illustrative(*statuses: pd.Series) -> bool:
    """Whether any row of any of these status columns rests on made-up figures."""
    return any(bool(illustrative_rows(s).any()) for s in statuses)


def illustrative_sources(history: pd.Series, targets: pd.Series, all_progress: pd.Series,
                         pooled: bool) -> tuple[str, ...]:
    """The parts of a unit's report that rest on made-up figures, in the order its notice lists them:
    its own ``progress`` (history statuses), its ``targets``, and the ``model`` when the model is
    ``pooled`` across units and any unit's progress (``all_progress``) is illustrative."""
    parts = (("progress", any_illustrative(history)), ("targets", any_illustrative(targets)),
             ("model", pooled and any_illustrative(all_progress)))
    return tuple(name for name, made_up in parts if made_up)


def illustrative_parts(dataset: Tables, district_code: str | None = None) -> dict[str, int]:
    """How many districts' progress, whether the province's own rows (1 or 0), and how many targets rest on
    illustrative rows."""
    progress, targets = dataset.progress, dataset.targets
    if district_code is not None:
        progress = progress[progress["district_code"] == district_code]
        targets = targets[targets["district_code"] == district_code]
    made_up = progress[illustrative_rows(progress["status"])]
    province = made_up["district_code"].astype(str) == PROVINCE_CODE  # the province is no district: own count
    return {
        "progress": int(made_up.loc[~province, "district_code"].nunique()),
        "province": int(province.any()),
        "targets": int(illustrative_rows(targets["status"]).sum()),
    }


def illustrative_note(dataset: Tables, district_code: str | None = None, lang: str = DEFAULT_LANG) -> str:
    """A sentence saying which figures are illustrative, or "" when none are."""
    parts = illustrative_parts(dataset, district_code)
    text = words(lang)["provenance"]
    what = [text[k].format(n=n) for k, n in parts.items() if n]
    if not what:
        return ""
    return text["note"].format(what=text["and"].join(what))
