"""What kind of figures a result rests on, said plainly to its reader."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cdsanalysis.wording import words

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset


def illustrative_parts(dataset: Dataset, district_code: str | None = None) -> dict[str, int]:
    """How many districts' progress and how many targets rest on illustrative rows."""
    progress, targets = dataset.progress, dataset.targets
    if district_code is not None:
        progress = progress[progress["district_code"] == district_code]
        targets = targets[targets["district_code"] == district_code]
    made_up = progress[progress["status"] == "illustrative"]
    return {
        "progress": int(made_up["district_code"].nunique()),
        "targets": int((targets["status"] == "illustrative").sum()),
    }


def illustrative_note(dataset: Dataset, district_code: str | None = None, lang: str = "vi") -> str:
    """A sentence saying which figures are illustrative, or "" when none are."""
    parts = illustrative_parts(dataset, district_code)
    text = words(lang)["provenance"]
    what = [text[k].format(n=n) for k, n in parts.items() if n]
    if not what:
        return ""
    return text["note"].format(what=text["and"].join(what))
