"""Validation of the three canonical tables, with errors a person can act on.

Two layers: pandera checks each table's own cells (types, allowed values, duplicates)
on the raw text, then cross-table rules that need the units list (known districts,
counts within the commune total, cumulative counts never falling, district sums not
above the province). Every problem is collected before anything is raised.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cdsanalysis.data.dates import YEAR_RANGE
from cdsanalysis.data.frames import (
    CHANGES_FILE,
    FrameHistory,
    base_rows,
    check_changes,
    check_validity,
    has_validity,
    read_changes,
)
from cdsanalysis.data.io import TABLE_FILES, read_text_table
from cdsanalysis.data.limits import (
    CODE_RULE,
    MAX_COUNT_DIGITS,
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    is_safe_code,
    text_problem,
)
from cdsanalysis.data.names import NameIndex, name_key
from cdsanalysis.data.provenance import ILLUSTRATIVE  # its one owner
from cdsanalysis.data.text_checks import (
    check_formula_cells,
    check_text_columns,
    check_unit_names,
    units_usable,
    value_message,
)
from cdsanalysis.exceptions import DataValidationError, NameLookupError
from cdsanalysis.exceptions import FailureCollector as _Failures  # the package's one collector

PROGRESS_STATUSES = ("actual", "claim", "derived", ILLUSTRATIVE)
RECOGNISED, CLAIMED, REGISTERED = "recognised", "claimed", "registered"
MEASURES = (RECOGNISED, CLAIMED, REGISTERED)
"""What a progress row counts (issue 21): a provincial decision's recognitions, a district's or
commune's own claim, or the communes signed up for a year's round. Each is a series of its own."""
CUMULATIVE_MEASURES = (RECOGNISED, CLAIMED)
"""Measures whose counts never fall; ``registered`` is one year's round, so it may."""
TARGET_STATUSES = ("target", ILLUSTRATIVE)
TARGET_KINDS = ("commune_quota", "all_communes")
COMMUNE_TYPES = ("xã", "phường", "thị trấn")

# ASCII digits only: Python's \d also matches "٣" and "３".
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_WHOLE = rf"^[0-9]{{1,{MAX_COUNT_DIGITS}}}$"
_FIRST_DATE, _LAST_DATE = (pd.Timestamp(YEAR_RANGE[0], 1, 1), pd.Timestamp(YEAR_RANGE[1], 12, 31))


def _required(name: str) -> pa.Check:
    return pa.Check.str_length(min_value=1, error=f"{name} is empty; every row needs a {name}")


def _iso_date(name: str) -> list[pa.Check]:
    def parses(s: pd.Series) -> pd.Series:
        shaped = s.str.match(_ISO_DATE)
        dates = pd.to_datetime(s.where(shaped), format="%Y-%m-%d", errors="coerce")
        return shaped & dates.between(_FIRST_DATE, _LAST_DATE)

    return [
        pa.Check(parses, element_wise=False,
                 error=f"{name} must be an ISO date YYYY-MM-DD with two-digit month and day, e.g. 2024-06-30, "
                       f"in the years {YEAR_RANGE[0]}–{YEAR_RANGE[1]}")
    ]


def _whole_number(name: str) -> pa.Check:
    return pa.Check.str_matches(_WHOLE, error=f"{name} must be a whole number of communes written with "
                                              f"the digits 0-9 only (no '.', ',' or spaces), e.g. 12")


def _one_of(name: str, allowed: tuple[str, ...]) -> pa.Check:
    return pa.Check.isin(allowed, error=f"{name} must be one of: {', '.join(allowed)}")


def _code(name: str) -> pa.Check:
    return pa.Check(lambda s: s.map(is_safe_code), element_wise=False, error=f"{name} must be {CODE_RULE}")


def _text(name: str, limit: int = MAX_NAME_LENGTH) -> pa.Check:
    return pa.Check(lambda s: s.map(lambda v: text_problem(v, limit) is None), element_wise=False,
                    error=f"{name} may not hold control or invisible characters (tab, line break, zero-width "
                          f"space…) and has at most {limit} characters")


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "units": pa.DataFrameSchema(
        {
            "district_code": pa.Column(str, [_required("district_code"), _code("district_code")]),
            "district_name": pa.Column(str, [_required("district_name"), _text("district_name")]),
            "commune_code": pa.Column(str, [_required("commune_code"), _code("commune_code")], unique=True,
                                      report_duplicates="all"),
            "commune_name": pa.Column(str, [_required("commune_name"), _text("commune_name")]),
            "commune_type": pa.Column(str, _one_of("commune_type", COMMUNE_TYPES)),
            "source": pa.Column(str, [_required("source"), _text("source", MAX_TEXT_LENGTH)]),
        },
        strict=False,
    ),
    "progress": pa.DataFrameSchema(
        {
            # Must name a district of the units list (checked later, with a suggestion), so is safe too.
            "district_code": pa.Column(str),
            "as_of": pa.Column(str, _iso_date("as_of")),
            "completed": pa.Column(str, _whole_number("completed")),
            "source": pa.Column(str, [_required("source"), _text("source", MAX_TEXT_LENGTH)]),
            "status": pa.Column(str, _one_of("status", PROGRESS_STATUSES)),
            "measure": pa.Column(str, _one_of("measure", MEASURES)),
        },
        strict=False,
        unique=["district_code", "as_of", "measure"],
        report_duplicates="all",
    ),
    "targets": pa.DataFrameSchema(
        {
            # Must name a district of the units list (checked later, with a suggestion), so is safe too.
            "district_code": pa.Column(str),
            "deadline": pa.Column(str, _iso_date("deadline")),
            "target": pa.Column(str, _whole_number("target")),
            "kind": pa.Column(str, _one_of("kind", TARGET_KINDS)),
            "source": pa.Column(str, [_required("source"), _text("source", MAX_TEXT_LENGTH)]),
            "status": pa.Column(str, _one_of("status", TARGET_STATUSES)),
        },
        strict=False,
        unique=["district_code", "deadline", "kind"],
        report_duplicates="all",
    ),
}

OPTIONAL_COLUMNS = {
    "units": {"district_type": "", "valid_from": "", "valid_to": ""},
    "progress": {"district_name": "", "note": "", "measure": ""},
    "targets": {"district_name": "", "note": ""},
}

FORMULA_CHECKED = ("district_name", "source", "status", "note")
"""progress.csv's text columns: the CSV an analyst opens in Excel, so none may start like a formula."""

_DUPLICATE_KEYS = {
    "units": "commune_code",
    "progress": "district_code, as_of, measure",
    "targets": "district_code, deadline, kind",
}


def _schema_failures(table: str, frame: pd.DataFrame, file: str, failures: _Failures) -> set:
    """Run the pandera schema; return the rows whose cells are unusable for later checks.

    A units list in time (``valid_from``/``valid_to``) may repeat a code in spans that do not overlap;
    `cdsanalysis.data.frames.check_validity` checks those instead of plain uniqueness.
    """
    schema = SCHEMAS[table]
    if table == "units" and has_validity(frame):
        schema = schema.update_column("commune_code", unique=False)
    try:
        schema.validate(frame, lazy=True)
        return set()
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    bad_rows: set = set()
    seen_duplicates: set = set()
    for case in cases.itertuples(index=False):
        row = None if pd.isna(case.index) else int(case.index)
        if case.check == "column_in_dataframe":
            expected = ", ".join(SCHEMAS[table].columns)
            failures.add(file, None, str(case.failure_case), "", "missing_column",
                         f"missing column '{case.failure_case}'; {file} needs the columns {expected}")
            bad_rows.add("*")
        elif "uniqueness" in str(case.check) or "field_uniqueness" in str(case.check) or (
            case.check == "field_uniqueness"
        ):
            key_columns = _DUPLICATE_KEYS[table].split(", ")
            if row in seen_duplicates or row is None or not set(key_columns) <= set(frame.columns):
                continue
            seen_duplicates.add(row)
            key = _DUPLICATE_KEYS[table]
            values = ", ".join(str(frame.at[row, c]) or "(province)" for c in key_columns)
            failures.add(file, row, key, values, "duplicate",
                         f"duplicate row: ({key}) = ({values}) appears more than once; keep one row")
            bad_rows.add(row)
        elif row is None:  # a whole-column problem (e.g. its type): the table cannot be used
            failures.add(file, None, str(case.column), case.failure_case, "column", str(case.check))
            bad_rows.add("*")
        else:
            failures.add(file, row, str(case.column), case.failure_case, "value",
                         value_message(str(case.column), case.failure_case, str(case.check)))
            bad_rows.add(row)
    return bad_rows


@dataclass(frozen=True)
class _Frame:
    """The units list distilled into what the cross-table checks need."""

    index: NameIndex
    totals: Mapping[str, int]

    @classmethod
    def from_units(cls, units: pd.DataFrame) -> _Frame:
        districts = units.drop_duplicates("district_code")
        index = NameIndex(zip(districts["district_code"], districts["district_name"], strict=False), kind="district")
        totals = units.groupby("district_code").size().astype(int).to_dict()
        totals[""] = int(len(units))
        return cls(index=index, totals=totals)


def _check_units(units: pd.DataFrame, file: str, failures: _Failures) -> None:
    names = units.groupby("district_code")["district_name"].nunique()
    for code in names[names > 1].index:
        rows = units[units["district_code"] == code]
        first = rows["district_name"].iloc[0]
        for row, name in rows["district_name"].items():
            if name != first:
                failures.add(file, row, "district_name", name, "consistent_name",
                             f"district {code} is called '{first}' elsewhere in the file; use one name per code")


def _check_district(frame: _Frame, code: str, name: str, file: str, row: int, failures: _Failures) -> bool:
    """A row's district must be a known code; a name beside it must be that district's."""
    if code == "":
        return True
    if code not in frame.totals:
        try:
            resolved = frame.index.resolve(code)
            fix = f"use the code {resolved} ({frame.index.name_of(resolved)})"
        except NameLookupError as err:
            near = "; ".join(f"{n} ({c})" for c, n in err.suggestions)
            fix = f"did you mean {near}?" if near else "check the units list for valid codes"
        failures.add(file, row, "district_code", code, "known_district",
                     f"unknown district '{code}'; {fix}")
        return False
    if name and name_key(name) != name_key(frame.index.name_of(code)):
        near = "; ".join(f"{n} ({c})" for c, n in frame.index.suggest(name))
        failures.add(file, row, "district_name", name, "known_district",
                     f"district name '{name}' does not match code {code} ({frame.index.name_of(code)}); "
                     f"nearest names: {near}")
        return False
    return True


def _check_counts(typed: pd.DataFrame, count_col: str, frame: _Frame, file: str,
                  failures: _Failures, history: FrameHistory | None = None) -> pd.Series:
    """Counts must lie within the commune total of the frame in force at their date; returns which rows do.

    A group that ceased (merged into another) is held to its last frame: a count of it dated after
    its end is kept in the first frame and named by `Dataset.warnings`. Targets are checked against
    the first frame, the one of the decision that set them (docs/assumptions.md, A9).
    """
    totals = typed["district_code"].map(frame.totals)
    if history is not None and history.breakpoints and count_col == "completed":
        ends = history.group_ends().set_index("district_code")["last_day"]
        at = [min(day, ends[code]) if code in ends.index else day
              for code, day in zip(typed["district_code"], typed["as_of"], strict=False)]
        totals = pd.Series([history.totals_at(day).get(code, 0) for code, day in zip(typed["district_code"], at,
                                                                                     strict=False)],
                           index=typed.index)
    within = typed[count_col] <= totals
    for row, code, value, total in zip(typed.index[~within], typed["district_code"][~within],
                                       typed[count_col][~within], totals[~within], strict=False):
        who = "the province" if code == "" else f"district {code} ({frame.index.name_of(code)})"
        failures.add(file, row, count_col, value, "within_total",
                     f"{count_col} {value} is above the {total} communes of {who}; "
                     f"a count cannot exceed the commune total")
    return within


def derive_measures(progress: pd.DataFrame) -> pd.DataFrame:
    """The progress table (text) with every ``measure`` cell filled: an empty or missing one is
    derived from the status as before issue 21 (``claim`` -> ``claimed``, else ``recognised``), so
    a folder without the column reads as it always did."""
    out = progress.copy()
    given = out["measure"] if "measure" in out.columns else pd.Series("", index=out.index, dtype=object)
    status = out["status"] if "status" in out.columns else pd.Series("", index=out.index, dtype=object)
    derived = status.map(lambda s: CLAIMED if s == "claim" else RECOGNISED)
    out["measure"] = given.where(given.astype(str) != "", derived).astype(str)
    return out


def _check_status_measure(progress: pd.DataFrame, file: str, failures: _Failures) -> set:
    """A row of status ``claim`` is a district's own statement: it cannot count recognitions."""
    bad = progress[(progress["status"] == "claim") & (progress["measure"] == RECOGNISED)]
    for row in bad.index:
        failures.add(file, row, "measure", RECOGNISED, "status_measure",
                     "status 'claim' (a district's own statement) cannot count recognitions: write the measure "
                     "'claimed', or the status of the provincial decision ('actual') if the province recognised them")
    return set(bad.index)


def _check_progress_order(progress: pd.DataFrame, file: str, failures: _Failures) -> None:
    """Cumulative counts never fall within one district and one measure (a claim may run ahead of recognitions)."""
    measures = progress["measure"] if "measure" in progress.columns else pd.Series(RECOGNISED, index=progress.index)
    cumulative = progress[measures.isin(CUMULATIVE_MEASURES)]
    ordered = cumulative.sort_values(["district_code", "as_of"], kind="stable")
    group = ["district_code", "measure"] if "measure" in ordered.columns else ["district_code"]
    for _, rows in ordered.groupby(group, sort=False):
        previous = None
        measure = rows["measure"].iloc[0] if "measure" in rows.columns else RECOGNISED
        within = "" if measure == RECOGNISED else f" (within the measure '{measure}')"
        for row, as_of, completed in zip(rows.index, rows["as_of"], rows["completed"], strict=False):
            if previous is not None and completed < previous[2]:
                failures.add(file, row, "completed", completed, "never_falls",
                             f"cumulative count falls from {previous[2]} (row {previous[0]}, "
                             f"{previous[1]:%Y-%m-%d}) to {completed} ({as_of:%Y-%m-%d}); "
                             f"cumulative counts never fall{within}: correct one of the two rows")
            previous = (row, as_of, completed)


def _check_province_sums(progress: pd.DataFrame, file: str, failures: _Failures, districts: int | None = None) -> None:
    """District counts never sum above the province's; on a date every district reports, they must equal it.

    The second rule is the one `import` applies to a form's "Toàn tỉnh" row (issue 20, W3): with
    every district counted, a province figure above their sum has communes no district holds,
    and the reports (which add the districts up) would silently set it aside.
    """
    if "measure" in progress.columns:  # the province's figures are recognitions; claims are not summed
        progress = progress[progress["measure"] == RECOGNISED]
    province = progress[progress["district_code"] == ""]
    in_districts = progress[progress["district_code"] != ""]
    sums = in_districts.groupby("as_of")["completed"].sum()
    reporting = in_districts.groupby("as_of")["district_code"].nunique()
    for row, as_of, completed in zip(province.index, province["as_of"], province["completed"], strict=False):
        if as_of in sums.index and sums[as_of] > completed:
            failures.add(file, row, "completed", completed, "province_sum",
                         f"district counts on {as_of:%Y-%m-%d} sum to {sums[as_of]}, above the province "
                         f"count {completed}; fix the province row or the district rows of that date")
        elif districts and as_of in sums.index and reporting[as_of] >= districts and completed > sums[as_of]:
            failures.add(file, row, "completed", completed, "province_sum",
                         f"every district has a count on {as_of:%Y-%m-%d} and they sum to {sums[as_of]}, below the "
                         f"province count {completed}: the province's figure must equal the sum of all its "
                         f"districts; fix the province row or the district rows of that date")


def to_typed(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Add missing optional columns and parse dates and counts of already validated text."""
    out = frame.copy()
    for column, default in OPTIONAL_COLUMNS[table].items():
        if column not in out.columns:
            out[column] = default
    if table == "progress":
        out = derive_measures(out)
        out["as_of"] = pd.to_datetime(out["as_of"], format="%Y-%m-%d").astype("datetime64[ns]")
        out["completed"] = out["completed"].astype("int64")
    elif table == "targets":
        out["deadline"] = pd.to_datetime(out["deadline"], format="%Y-%m-%d").astype("datetime64[ns]")
        out["target"] = out["target"].astype("int64")
    return out


def validate_tables(raw: Mapping[str, pd.DataFrame], files: Mapping[str, str]) -> dict:
    """Validate raw text tables; return typed tables or raise one error listing every problem.

    ``raw`` may hold ``changes`` (changes.csv); the result holds ``history``, the units in time
    (`cdsanalysis.data.frames.FrameHistory`), beside the typed tables.
    """
    failures = _Failures()
    if raw["units"].empty:
        failures.add(files["units"], None, "", "", "no_rows", "the units list has no rows; it needs one row per "
                     "commune (district_code, district_name, commune_code, commune_name, commune_type, source)")
        raise DataValidationError(failures.frame(), title="invalid units list")
    raw = {**raw, "progress": derive_measures(raw["progress"])}
    bad = {t: _schema_failures(t, raw[t], files[t], failures)
           | check_text_columns(OPTIONAL_COLUMNS[t], raw[t], files[t], failures) for t in TABLE_FILES}
    in_time = raw["units"]  # every row, with its span: the history; the checks below see the first frame
    if has_validity(in_time):
        bad["units"] |= check_validity(in_time, files["units"], failures)
        raw = {**raw, "units": base_rows(in_time)}
        bad["units"] &= set(raw["units"].index)
    check_formula_cells(FORMULA_CHECKED, raw["progress"], files["progress"], failures)
    if "*" not in bad["progress"] and {"status", "measure"} <= set(raw["progress"].columns):
        bad["progress"] |= _check_status_measure(raw["progress"], files["progress"], failures)
    if "*" in bad["units"] or (bad["units"] and not units_usable(raw["units"], bad["units"])):
        raise DataValidationError(failures.frame(), title="invalid units list")
    # A commune with a bad cell still counts towards its district's total; a repeated one does not.
    units = raw["units"].drop_duplicates("commune_code")
    _check_units(units, files["units"], failures)
    check_unit_names(units, files["units"], failures)
    frame = _Frame.from_units(to_typed("units", units))
    typed: dict = {"units": to_typed("units", raw["units"])}
    history = FrameHistory(in_time)
    if raw.get("changes") is not None:
        history = check_changes(raw["changes"], in_time, files.get("changes", CHANGES_FILE), failures)
    typed["history"] = history
    for table, count_col in (("progress", "completed"), ("targets", "target")):
        if "*" in bad[table]:
            continue
        good = raw[table].drop(index=list(bad[table]))
        names = good["district_name"] if "district_name" in good else pd.Series("", index=good.index)
        known = [
            _check_district(frame, code, name, files[table], row, failures)
            for row, code, name in zip(good.index, good["district_code"], names, strict=False)
        ]
        good = to_typed(table, good[pd.Series(known, index=good.index, dtype=bool)])
        typed[table] = good[_check_counts(good, count_col, frame, files[table], failures, history)]
    if "progress" in typed:
        _check_progress_order(typed["progress"], files["progress"], failures)
        _check_province_sums(typed["progress"], files["progress"], failures, districts=len(frame.totals) - 1)
    if failures.rows:
        raise DataValidationError(failures.frame())
    return typed


def read_tables(directory: str | os.PathLike) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Read the three canonical CSVs of a directory as raw text tables."""
    directory = Path(directory)
    files = {table: str(directory / name) for table, name in TABLE_FILES.items()}
    tables = {table: read_text_table(path) for table, path in files.items()}
    changes = read_changes(directory)
    if changes is not None:
        tables["changes"], files["changes"] = changes, str(directory / CHANGES_FILE)
    return tables, files


def validate(directory: str | os.PathLike) -> None:
    """Check a data directory; raise `DataValidationError` listing every problem."""
    raw, files = read_tables(directory)
    validate_tables(raw, files)
