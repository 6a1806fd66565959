"""The validated data a forecast starts from: units, progress and targets of one province."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from cdsanalysis.data.bundled import bundled_data_dir
from cdsanalysis.data.dates import parse_date
from cdsanalysis.data.frames import FrameHistory, base_rows, ceased_warnings, history_of
from cdsanalysis.data.io import TABLE_FILES
from cdsanalysis.data.levels import levels_path, load_levels
from cdsanalysis.data.measures import claims_beside_recognitions, gap_warnings, measure_series
from cdsanalysis.data.names import NameIndex, display_name
from cdsanalysis.data.recognitions import (
    RECOGNITIONS_FILE,
    commune_status,
    communes_remaining,
    count_mismatches,
    credited_by_year,
    mismatch_warnings,
    read_recognitions,
    recognised_by_date,
    recognitions_path,
    validate_recognitions,
)
from cdsanalysis.data.schema import read_tables, to_typed, validate_tables
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.wording.levels import DEFAULT_LEVELS, Levels


@dataclass(frozen=True)
class Dataset:
    """Units, cumulative progress and targets, validated and typed.

    ``progress.as_of`` and ``targets.deadline`` are datetime64[ns]; counts are int64;
    codes are strings, and an empty ``district_code`` means the whole province. ``recognitions``
    holds the recognition records (recognitions.csv, `cdsanalysis.data.recognitions`) when the
    folder has them, else None: then only counts are known, not which communes. ``history`` holds the
    units in time (``valid_from``/``valid_to`` of units.csv and changes.csv, `cdsanalysis.data.frames`);
    ``units`` is its first frame, the one the counts, targets and forecasts are grouped by.
    """

    units: pd.DataFrame
    progress: pd.DataFrame
    targets: pd.DataFrame
    source: str = ""
    data_hash: str = field(default="", compare=False)
    recognitions: pd.DataFrame | None = field(default=None, compare=False)
    history: FrameHistory | None = field(default=None, compare=False)
    levels: Levels = field(default=DEFAULT_LEVELS, compare=False)
    """What the top, group and unit levels are called (levels.csv; `cdsanalysis.data.levels`)."""

    @classmethod
    def from_frames(
        cls,
        units: pd.DataFrame,
        progress: pd.DataFrame,
        targets: pd.DataFrame,
        validate: bool = True,
        source: str = "<frames>",
        recognitions: pd.DataFrame | None = None,
        changes: pd.DataFrame | None = None,
    ) -> Dataset:
        """Build a dataset from DataFrames in the canonical layout (typed or text); ``recognitions``
        in the layout of recognitions.csv, when there are records; ``changes`` in that of changes.csv."""
        raw = {name: _as_text(frame) for name, frame in
               (("units", units), ("progress", progress), ("targets", targets))}
        if changes is not None:
            raw["changes"] = _as_text(changes)
        if validate:
            typed = validate_tables(raw, {name: f"<{name}>" for name in raw})
        else:
            typed = {name: to_typed(name, raw[name]) for name in TABLE_FILES}
            typed["units"] = to_typed("units", base_rows(raw["units"]))
            typed["history"] = history_of(raw["units"], raw.get("changes"))
        records = None
        if recognitions is not None:
            records = validate_recognitions(_as_text(recognitions), typed["units"], "<recognitions>")
        return cls(*(typed[name].reset_index(drop=True) for name in TABLE_FILES), source=source,
                   data_hash=_hash_frames(raw), recognitions=records, history=typed["history"])

    @cached_property
    def _district_index(self) -> NameIndex:
        return NameIndex.for_districts(self.units)

    def districts(self) -> pd.DataFrame:
        """One row per district: code, official name, short name and its number of communes."""
        table = (
            self.units.groupby(["district_code", "district_name"], sort=False)
            .size()
            .rename("communes_total")
            .reset_index()
        )
        table.insert(2, "short_name", table["district_name"].map(display_name))
        table["communes_total"] = table["communes_total"].astype("int64")
        return table.sort_values("district_code", kind="stable").reset_index(drop=True)

    def district_code(self, query: object) -> str:
        """The code of a district given its code or any common spelling of its name."""
        return self._district_index.resolve(query)

    def district_name(self, code: str) -> str:
        return self._district_index.name_of(code)

    def commune_code(self, query: object, district: object = None) -> str:
        """The code of a commune given its code or any spelling of its name.

        Commune names repeat across districts (several "Phường Ba Đình"): give ``district``
        (code or name) to look only there; without it, a repeated name is an error listing
        every match with its district.
        """
        if district is None:
            return self._commune_index(None).resolve(query)
        return self._commune_index(self.district_code(district)).resolve(query)

    def _commune_index(self, district_code: str | None) -> NameIndex:
        cache = self.__dict__.setdefault("_commune_indexes", {})
        if district_code not in cache:
            cache[district_code] = NameIndex.for_communes(self.units, district_code)
        return cache[district_code]

    def series(self, measure: str = "recognised") -> pd.DataFrame:
        """The progress rows of one measure (recognised, claimed, registered), by district and date.

        Each measure is its own series: a claim running ahead of the recognitions is not a fall.
        """
        return measure_series(self.progress, measure)

    def claims_beside_recognitions(self) -> pd.DataFrame:
        """Each claim with its district's recognised count on that date, and the gap between them."""
        return claims_beside_recognitions(self.progress)

    def warnings(self, lang: str = "vi") -> list[str]:
        """What is accepted but worth a question: claims that recognitions trail by a large, lasting gap."""
        names = dict(zip(self.units["district_code"], self.units["district_name"], strict=False))
        found = gap_warnings(self.progress, names, lang=lang)
        if self.recognitions is not None:
            where = Path(self.source) if self.source and not self.source.startswith("<") else Path("")
            found += mismatch_warnings(self.recognition_mismatches(), names, str(where / "progress.csv"),
                                       str(where / RECOGNITIONS_FILE), lang=lang)
        return found + ceased_warnings(self._history(), self.progress, names, lang=lang)

    def latest_date(self) -> pd.Timestamp:
        if self.progress.empty:
            raise CdsAnalysisError("the progress table has no rows, so there is no latest date")
        return pd.Timestamp(self.progress["as_of"].max())

    def until(self, as_of: object) -> Dataset:
        """What was known at ``as_of``: progress rows dated on or before it."""
        cutoff = parse_date(as_of, "as_of")
        progress = self.progress[self.progress["as_of"] <= cutoff].reset_index(drop=True)
        records = None if self.recognitions is None else \
            self.recognitions[self.recognitions["decision_date"] <= cutoff].reset_index(drop=True)
        return Dataset(self.units, progress, self.targets, source=self.source,
                       data_hash=self.data_hash, recognitions=records, history=self.history,
                       levels=self.levels)

    def _history(self) -> FrameHistory:
        return self.history if self.history is not None else FrameHistory(self.units)

    def frame_at(self, date: object) -> pd.DataFrame:
        """The communes in force on ``date`` (after every change of that date or earlier), one row each."""
        return self._history().frame_at(parse_date(date, "date"))

    def groups_at(self, date: object) -> pd.DataFrame:
        """The groups in force on ``date``: code, name and number of communes."""
        frame = self.frame_at(date)
        table = frame.groupby(["district_code", "district_name"], sort=True).size().rename("communes_total")
        return table.reset_index()

    def province_totals(self) -> pd.DataFrame:
        """The province's communes and groups in each frame, from the date it took effect
        (``valid_from``; NaT for the first): a step at every change (559, 558, 547 in Thanh Hóa)."""
        return self._history().province_totals()

    def group_ends(self) -> pd.DataFrame:
        """Groups that ceased: last day, the group that took their communes, the act and its date."""
        return self._history().group_ends()

    def recognised_by_date(self) -> pd.DataFrame:
        """Recognised communes per district (province: code "") at each date, cumulative: what had been
        recognised on a given day. Column ``basis`` says what the dates are: "decision_date" (from the
        recognition records) or "as_of" (typed counts of progress.csv, when the folder has no records).
        """
        if self.recognitions is not None:
            return recognised_by_date(self.recognitions, self.units)
        rows = self.series("recognised")
        return pd.DataFrame({"district_code": rows["district_code"], "district_name": rows["district_name"],
                             "as_of": rows["as_of"], "recognised": rows["completed"], "new": pd.NA,
                             "basis": "as_of"})

    def credited_by_year(self) -> pd.DataFrame:
        """Recognised communes per district and the year they are credited to: what the targets count.

        From the recognition records when the folder has them (``basis`` "credited_year", or
        "decision_date"/"mixed" where a record has no credited year). Without records only dates
        are known: each year's last typed count, ``basis`` "decision_date" (the year of the count,
        which may differ from the year a decision credits).
        """
        if self.recognitions is not None:
            return credited_by_year(self.recognitions, self.units)
        rows = self.series("recognised").assign(year=lambda f: f["as_of"].dt.year)
        last = rows.groupby(["district_code", "year"], sort=True).tail(1).sort_values(["district_code", "year"])
        out = pd.DataFrame({"district_code": last["district_code"], "district_name": last["district_name"],
                            "year": last["year"].astype("int64"), "recognised_in_year": pd.NA,
                            "recognised_cumulative": last["completed"], "decision_date_only": pd.NA,
                            "last_decision": pd.NaT, "basis": "decision_date"})
        return out.reset_index(drop=True)

    def commune_status(self, as_of: object = None) -> pd.DataFrame:
        """One row per commune: recognised or not by ``as_of`` (default: every record), and by which decision."""
        return commune_status(self._records(), self.units, None if as_of is None else parse_date(as_of, "as_of"))

    def communes_remaining(self, district: object, as_of: object = None) -> pd.DataFrame:
        """The communes of ``district`` (code or any spelling of its name) that no decision has recognised."""
        code = self.district_code(district)
        return communes_remaining(self._records(), self.units, code,
                                  None if as_of is None else parse_date(as_of, "as_of"))

    def recognition_mismatches(self) -> pd.DataFrame:
        """Typed recognised counts the recognition records contradict (empty without records)."""
        if self.recognitions is None:
            return count_mismatches(self.progress.iloc[0:0], self.progress.iloc[0:0])
        return count_mismatches(self.recognitions, self.progress)

    def _records(self) -> pd.DataFrame:
        if self.recognitions is None:
            raise CdsAnalysisError(f"{self.source}: no {RECOGNITIONS_FILE}, so which communes were recognised is "
                                   f"not known (only counts are); bring each decision's list in with "
                                   f"'cdsanalysis import-decision'")
        return self.recognitions

    def _repr_html_(self) -> str:
        return (f"<b>Dataset</b> {self.source}: {self.units['district_code'].nunique()} districts, "
                f"{len(self.units)} communes, {len(self.progress)} progress rows, "
                f"{len(self.targets)} targets")

    def __repr__(self) -> str:
        return (f"Dataset({self.source!r}: {self.units['district_code'].nunique()} districts, "
                f"{len(self.units)} communes, {len(self.progress)} progress rows, {len(self.targets)} targets)")


def load_dataset(path: str | os.PathLike | None = None) -> Dataset:
    """Load and validate a data directory (units.csv, progress.csv, targets.csv).

    Without a path, the bundled Thanh Hóa data. Raises `DataValidationError` listing
    every problem found, each with file, row and column.
    """
    directory = Path(path) if path is not None else bundled_data_dir()
    if not directory.is_dir():
        raise CdsAnalysisError(f"{directory}: no such data directory (it should hold "
                               f"{', '.join(TABLE_FILES.values())})")
    raw, files = read_tables(directory)
    typed = validate_tables(raw, files)
    records_raw = read_recognitions(directory)
    records = None
    paths = list(files.values())
    if records_raw is not None:
        records = validate_recognitions(records_raw, typed["units"], str(recognitions_path(directory)))
        paths.append(str(recognitions_path(directory)))
    levels = load_levels(directory)
    if levels_path(directory).is_file():
        paths.append(str(levels_path(directory)))
    return Dataset(*(typed[name].reset_index(drop=True) for name in TABLE_FILES),
                   source=str(directory), data_hash=_hash_files(paths), recognitions=records,
                   history=typed["history"], levels=levels)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Turn a typed frame back into the text cells the validator reads (dates as ISO)."""
    out = pd.DataFrame(index=pd.RangeIndex(2, len(frame) + 2, name="row"))
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            text = values.dt.strftime("%Y-%m-%d").fillna("")
        else:
            text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
        out[column] = pd.Series(text.to_numpy(), index=out.index, dtype="str")
    return out


def _hash_frames(raw: dict[str, pd.DataFrame]) -> str:
    digest = hashlib.sha256()
    for name in [*TABLE_FILES, *(["changes"] if "changes" in raw else [])]:
        digest.update(raw[name].to_csv(index=False).encode())
    return digest.hexdigest()[:16]


def _hash_files(paths) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]
