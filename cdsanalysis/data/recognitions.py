"""Recognition records: which commune a provincial decision recognised, when, and for which year.

The provincial decision is the primary record (issue 21): it lists communes by name, with a number
and a date, and credits them to a year that may be earlier than the decision's (Hậu Lộc's communes
"for 2023" were recognised by a decision of 2/1/2025). ``recognitions.csv`` (optional, beside
progress.csv) holds one row per recognised commune. When present, the recognised counts per
district follow from it two ways, and every table says which it shows:

- by decision date (`recognised_by_date`): what had been recognised on a given day;
- by credited year (`credited_by_year`): what counts towards a year's target.

A row may leave ``credited_year`` empty when only the decision date is known: the by-year table
then counts it in the decision's year and says so (column ``basis``). Typed recognised counts in
progress.csv are compared with the records (`count_mismatches`): a disagreement is named, not
refused, since the decision is the better record and the typed figure the one to correct.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from cdsanalysis.data.dates import YEAR_RANGE
from cdsanalysis.data.formulas import starts_like_formula
from cdsanalysis.data.io import read_text_table
from cdsanalysis.data.limits import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, text_problem
from cdsanalysis.data.names import NameIndex, name_key
from cdsanalysis.exceptions import FAILURE_COLUMNS, DataValidationError, NameLookupError
from cdsanalysis.wording import words as catalogue
from cdsanalysis.wording.messages import said

RECOGNITIONS_FILE = "recognitions.csv"
REQUIRED = ("commune_code", "decision", "decision_date", "credited_year", "source")
OPTIONAL = ("commune_name", "note")
COLUMNS = ("commune_code", "commune_name", "decision", "decision_date", "credited_year", "source", "note")
"""The column order `import-decision` writes."""
TYPED_COLUMNS = ["commune_code", "commune_name", "district_code", "district_name", "decision", "decision_date",
                 "credited_year", "source", "note"]
"""The columns of the typed records (`Dataset.recognitions`): the commune's district joined from the units."""

_YEAR = re.compile(r"^[0-9]{4}$")
_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def recognitions_path(directory: str | os.PathLike) -> Path:
    return Path(directory) / RECOGNITIONS_FILE


def read_recognitions(directory: str | os.PathLike) -> pd.DataFrame | None:
    """The raw text table of ``directory/recognitions.csv``, or None when the folder has none."""
    path = recognitions_path(directory)
    if not path.exists() and not path.is_symlink():
        return None
    return read_text_table(path)


def validate_recognitions(raw: pd.DataFrame, units: pd.DataFrame, file: str) -> pd.DataFrame:
    """Check the records against the units list; the typed table, or one error listing every problem.

    Rows are the file's lines (header = 1). A commune recognised twice is refused, naming both rows:
    a commune completes CĐS once, and counting it twice would inflate every figure.
    """
    failures: list[dict] = []

    def add(row, column, value, check, message):
        failures.append(dict(file=file, row=row, column=column, value=str(value), check=check, message=message))

    missing = [c for c in REQUIRED if c not in raw.columns]
    for column in missing:
        add("", column, "", "missing_column",
            said("missing_column", column=column, file=Path(file).name, expected=", ".join(REQUIRED)))
    if missing:
        raise DataValidationError(pd.DataFrame(failures, columns=FAILURE_COLUMNS), title=said("invalid_records"))
    frame = raw.copy()
    for column in OPTIONAL:
        if column not in frame.columns:
            frame[column] = ""
    units = units.drop_duplicates("commune_code")
    communes = NameIndex.for_communes(units)
    district_of = dict(zip(units["commune_code"], units["district_code"], strict=False))
    first_row: dict[str, int] = {}
    good = []
    for row, record in frame.iterrows():
        ok = True
        code = record["commune_code"]
        if code not in district_of:
            ok = False
            try:
                found = communes.resolve(code)
                fix = said("write_code", code=found, name=communes.label_of(found))
            except NameLookupError as err:
                near = "; ".join(f"{label} ({c})" for c, label in err.suggestions)
                fix = said("nearest", near=near) if near else said("check_commune_code")
            add(row, "commune_code", code, "known_commune", said("unknown_commune_code", code=code, fix=fix))
        elif code in first_row:
            ok = False
            add(row, "commune_code", code, "recognised_twice",
                said("recognised_twice", code=code, name=communes.label_of(code), row=first_row[code]))
        else:
            first_row[code] = row
            name = record["commune_name"]
            if name and name_key(name) != name_key(communes.name_of(code)):
                ok = False
                add(row, "commune_name", name, "known_commune",
                    said("commune_mismatch", name=name, code=code, official=communes.label_of(code)))
        if not record["decision"]:
            ok = False
            add(row, "decision", "", "required",
                said("decision_empty", example=catalogue("en")["decision_number_example"]))
        date = _iso_date(record["decision_date"])
        if date is None:
            ok = False
            add(row, "decision_date", record["decision_date"], "value",
                said("decision_date", low=YEAR_RANGE[0], high=YEAR_RANGE[1], found=record["decision_date"][:60]))
        year = record["credited_year"]
        if year and not (_YEAR.match(year) and YEAR_RANGE[0] <= int(year) <= YEAR_RANGE[1]):
            ok = False
            add(row, "credited_year", year, "value", said("credited_year", low=YEAR_RANGE[0], high=YEAR_RANGE[1],
                                                          found=year[:60]))
        elif year and date is not None and int(year) > date.year:
            ok = False
            add(row, "credited_year", year, "credited_after_decision",
                said("credited_after", year=year, date=date))
        for column, limit in (("decision", MAX_NAME_LENGTH), ("source", MAX_TEXT_LENGTH), ("note", MAX_TEXT_LENGTH),
                              ("commune_name", MAX_NAME_LENGTH)):
            problem = text_problem(record[column], limit)
            if problem:
                ok = False
                add(row, column, record[column][:60], "value", said("column_problem", column=column, problem=problem))
            elif _starts_like_formula(record[column]):
                ok = False
                add(row, column, record[column][:60], "formula",
                    said("record_formula", column=column, first=record[column][:1]))
        if not record["source"]:
            ok = False
            add(row, "source", "", "required", said("source_empty"))
        if ok:
            good.append(row)
    if failures:
        raise DataValidationError(pd.DataFrame(failures, columns=FAILURE_COLUMNS), title=said("invalid_records"))
    return _typed(frame.loc[good], units)


def _starts_like_formula(text: str) -> bool:
    return starts_like_formula(text)


def _iso_date(text: str) -> pd.Timestamp | None:
    if not _ISO.match(text or ""):
        return None
    date = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    if pd.isna(date) or not YEAR_RANGE[0] <= date.year <= YEAR_RANGE[1]:
        return None
    return pd.Timestamp(date)


def _typed(frame: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    info = units.set_index("commune_code")
    out = pd.DataFrame({
        "commune_code": frame["commune_code"].astype(str),
        "commune_name": frame["commune_code"].map(info["commune_name"]),
        "district_code": frame["commune_code"].map(info["district_code"]),
        "district_name": frame["commune_code"].map(info["district_name"]),
        "decision": frame["decision"],
        "decision_date": pd.to_datetime(frame["decision_date"], format="%Y-%m-%d").astype("datetime64[ns]"),
        "credited_year": pd.to_numeric(frame["credited_year"].replace("", pd.NA)).astype("Int64"),
        "source": frame["source"],
        "note": frame["note"],
    })
    return out.reset_index(drop=True)


def recognised_by_date(records: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Cumulative recognised communes per district at each decision date (province rows: code "").

    Columns: district_code, district_name, as_of (a decision date), recognised (cumulative),
    new (recognised that day), basis ("decision_date"). A district appears from its first decision.
    """
    rows = []
    for (code, name), part in [(("", ""), records)] + list(records.groupby(["district_code", "district_name"],
                                                                            sort=True)):
        daily = part.groupby("decision_date").size().sort_index()
        for date, new, total in zip(daily.index, daily.to_numpy(), daily.cumsum().to_numpy(), strict=False):
            rows.append(dict(district_code=code, district_name=name, as_of=date, recognised=int(total),
                             new=int(new), basis="decision_date"))
    out = pd.DataFrame(rows, columns=["district_code", "district_name", "as_of", "recognised", "new", "basis"])
    out["as_of"] = pd.to_datetime(out["as_of"]).astype("datetime64[ns]")
    return out


def credited_by_year(records: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Recognised communes per district and credited year, the count the targets use (province: code "").

    Columns: district_code, district_name, year, recognised_in_year, recognised_cumulative,
    decision_date_only (communes of that year whose credited year is not known: counted in their
    decision's year), last_decision (the latest decision date among them), basis. ``basis`` says
    which the row shows: "credited_year", "decision_date" (no credited year known) or "mixed".
    """
    if records.empty:
        return pd.DataFrame(columns=["district_code", "district_name", "year", "recognised_in_year",
                                     "recognised_cumulative", "decision_date_only", "last_decision", "basis"])
    known = records["credited_year"].notna()
    years = records["credited_year"].where(known, records["decision_date"].dt.year).astype("int64")
    table = records.assign(year=years, guessed=~known)
    rows = []
    for (code, name), part in [(("", ""), table)] + list(table.groupby(["district_code", "district_name"], sort=True)):
        cumulative = 0
        for year, group in part.groupby("year", sort=True):
            cumulative += len(group)
            guessed = int(group["guessed"].sum())
            basis = "credited_year" if guessed == 0 else "decision_date" if guessed == len(group) else "mixed"
            rows.append(dict(district_code=code, district_name=name, year=int(year), recognised_in_year=len(group),
                             recognised_cumulative=cumulative, decision_date_only=guessed,
                             last_decision=group["decision_date"].max(), basis=basis))
    return pd.DataFrame(rows)


def basis_sentence(table: pd.DataFrame, lang: str = "vi") -> str:
    """What a table of `credited_by_year` or `recognised_by_date` (or the Dataset's fallbacks) counts by,
    in one sentence for a report's caption: by decision date, by credited year, or by decision dates
    only where the credited year is not known (with how many communes rest on that)."""
    words = catalogue(lang)["recognitions"]
    bases = set(table["basis"]) if "basis" in table.columns and len(table) else set()
    if "year" not in table.columns:
        return words["basis_date"]
    if bases <= {"credited_year"} and bases:
        return words["basis_year"]
    if bases == {"decision_date"}:
        return words["basis_decision_only"]
    province = table[table["district_code"] == ""] if "district_code" in table.columns else table
    only_dates = pd.to_numeric(province.get("decision_date_only", pd.Series(dtype=float)), errors="coerce")
    guessed = int(only_dates.fillna(0).sum())
    return words["basis_mixed"].format(n=guessed)


def commune_status(records: pd.DataFrame, units: pd.DataFrame, as_of: object = None) -> pd.DataFrame:
    """One row per commune of the units list: recognised or not (by ``as_of``'s decisions), and by which.

    Columns: district_code, district_name, commune_code, commune_name, recognised (bool), decision,
    decision_date, credited_year.
    """
    frame = units.drop_duplicates("commune_code")[["district_code", "district_name", "commune_code", "commune_name"]]
    if as_of is not None:
        records = records[records["decision_date"] <= pd.Timestamp(as_of)]
    by_code = records.set_index("commune_code")[["decision", "decision_date", "credited_year"]]
    out = frame.join(by_code, on="commune_code")
    out.insert(4, "recognised", out["decision_date"].notna())
    return out.reset_index(drop=True)


def communes_remaining(records: pd.DataFrame, units: pd.DataFrame, district_code: str,
                       as_of: object = None) -> pd.DataFrame:
    """The communes of one district no decision has recognised (by ``as_of``): code and name, in list order."""
    status = commune_status(records, units, as_of)
    rest = status[(status["district_code"] == district_code) & ~status["recognised"]]
    return rest[["district_code", "district_name", "commune_code", "commune_name"]].reset_index(drop=True)


def count_mismatches(records: pd.DataFrame, progress: pd.DataFrame) -> pd.DataFrame:
    """Typed recognised counts (progress rows of measure ``recognised``) that the records do not give.

    Columns: district_code, as_of, typed, derived (communes with a decision dated on or before
    ``as_of``), status. (district, date) names the row: one recognised row per district and date.
    """
    typed = progress[progress["measure"] == "recognised"] if "measure" in progress.columns else progress
    rows = []
    for _, record in typed.iterrows():
        code = record["district_code"]
        mine = records if code == "" else records[records["district_code"] == code]
        derived = int((mine["decision_date"] <= record["as_of"]).sum())
        if derived != int(record["completed"]):
            rows.append(dict(district_code=record["district_code"], as_of=record["as_of"],
                             typed=int(record["completed"]), derived=derived, status=record["status"]))
    return pd.DataFrame(rows, columns=["district_code", "as_of", "typed", "derived", "status"])


def mismatch_warnings(mismatches: pd.DataFrame, names: dict[str, str], progress_file: str, records_file: str,
                      lang: str = "vi") -> list[str]:
    """One sentence per typed count the records contradict (`count_mismatches`)."""
    words = catalogue(lang)["recognitions"]
    province = catalogue(lang)["import_summary"]["province"]
    return [words["mismatch"].format(file=progress_file, who=f"{r.district_code} {names.get(r.district_code, '')}"
                                     .strip() if r.district_code else province, typed=r.typed,
                                     date=f"{r.as_of.day}/{r.as_of.month}/{r.as_of.year}", records=records_file,
                                     derived=r.derived)
            for r in mismatches.itertuples(index=False)]
