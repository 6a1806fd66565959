"""Every word an English reader sees: the same keys as `cdsanalysis.wording.vi` (a test checks it).

The terminal tables (``console``) and the CLI lines (``cli``) read the same in both languages today: the
commands speak English and quote the Vietnamese terms of the form an office fills in.
"""

WORDS = {
    "province_name": "{All}",
    "date_format": "%Y-%m-%d",
    "sheet_date_format": "YYYY-MM-DD",
    "sheet_footer": "Page &P of &N",
    "thousands_separator": ",",
    "decimal_separator": ".",
    "percent": "{value}%",
    "document_language": "en-GB",
    "form": {
        "sheet": "Progress",
        "title": "PROGRESS REPORT: COMMUNE DIGITAL TRANSFORMATION",
        "as_of": "(Figures as of {day}/{month}/{year})",
        "headers": [
            "No.",
            "{Group}",
            "Communes",
            "Communes recognised by the province (cumulative)",
            "Previous figure (reference)",
            "Previous figure: date, kind",
            "Note",
        ],
        "total": "Total",
        "error_title": "Invalid number",
        "error": "Enter a whole number from 0 to the {group}'s number of communes.",
        "guide": "How to: fill column D with the communes recognised by the provincial People's Committee as having "
        "completed digital transformation (by recognition decision), cumulative to the date on row 2 (whole "
        "numbers, no dots or commas). A {group} that did not report: leave the cell blank, do not write 0 (0 "
        "means no commune has been recognised). Do not change the {group} names or the column headers.",
        "claims": "Communes the {group} judges completed but not yet recognised: not in column D; write them in "
        "the note column (or send them apart, imported with --measure claimed).",
        "kinds": {"actual": "official", "claim": "{group}'s own report", "derived": "derived",
                  "illustrative": "illustrative"},
    },
    "cli": {
        "description": "Digital transformation (chuyển đổi số) progress and forecasts per district.",
        "form_written": "wrote {path}: fill column D (communes recognised by the province, cumulative; leave a "
        "{group} blank when it did not report, never 0) and import it with 'cdsanalysis import {path} --out "
        "DATA_FOLDER'",
        "more_warnings": "… and {n} more warnings (Dataset.warnings() lists them all)",
    },
    "console": {
        "standing_title": "Communes completing digital transformation, as of {date}",
        "standing_columns": ["code", "{group}", "completed", "share", "as of", "data"],
        "standing_note": "Note: rows marked 'illustrative' are made-up figures that fill gaps in the public "
        "record (see data/README.md); they are not official.",
        "columns": {
            "code": "code",
            "district": "district",
            "completed": "completed",
            "deadline": "deadline",
            "target": "target",
            "kind": "kind",
            "p_meet": "P(meet)",
            "status": "status",
            "target_on": "target {date}",
        },
    },
    "report": {
        "heading": "Digital transformation forecast: {name}",
        "as_of": "Data as of {date}",
        "illustrative_title": "Note: this report uses illustrative figures, not official ones.",
        "illustrative_items": {
            "progress": "the {group}'s completed communes ({n} of {m} observations are illustrative)",
            "targets": "the {group}'s targets ({n} of {m} targets are an illustrative allocation)",
            "model": "the model is fitted across the {top} on data that are partly illustrative",
        },
        "illustrative_end": "The figures below illustrate the method; they are not findings about this {group}.",
        "official": "Every figure in this report has a source (recognised, the {group}'s claim, or derived).",
        "standing": "Where the {group} stands",
        "standing_line": "{done}/{total} communes have completed digital transformation ({share}), as of "
        "{date} ({kind}).",
        "claim_line": "The {group} reported {claimed} communes completed ({date}); by then the province had "
        "recognised {recognised} (a gap of {gap}). The forecast rests on recognised communes only.",
        "remaining_line": "{n} communes have no recognition decision yet: {names}.",
        "remaining_none": "Every commune of the unit has a recognition decision.",
        "interval_line": "By {date}, {place} is expected to have {median} communes completed (median); 80% "
        "interval (four chances in five): {lower} to {upper}.",
        "wide_province": "The interval is wide because recognition comes in {top}-wide rounds: one round "
        "can add or miss dozens of communes, and the trend rests on only {periods} "
        "half-yearly figures.",
        "wide_district": "The interval is wide because recognition comes in {top}-wide rounds (one round "
        "can add or miss dozens of communes across the {top}, and every {group} feels it) "
        "and the trend rests on only {periods} half-yearly figures.",
        "wide_district_own": "The interval is wide because recognition comes in {top}-wide rounds (one "
        "round can add or miss dozens of communes across the {top}, and every {group} feels it) and this "
        "unit has figures for only {own} of the {periods} reporting dates.",
        "province_place": "the {top}",
        "trajectory": "Trajectory and forecast",
        "targets": "Chances of meeting the targets",
        "pace": "Current pace and required pace",
        "no_future_target": "Every deadline in the data has passed: no target is left after {as_of} to give a "
        "chance of meeting. The table below gives each deadline's result from the recorded figures; add new "
        "targets to targets.csv to get a forecast of meeting them.",
        "pace_intro": "The pace note only compares the last 12 months' pace with the pace required; a target's "
        'status is the "Status" column of the table above.',
        "province": "{All}",
        "back": "← Back to the summary page (index.html)",
        "baselines": "Beside simple methods",
        "method": "Method notes",
        "data_kind": {
            "actual": "recognised",
            "claim": "{group}'s claim",
            "derived": "derived from sources",
            "illustrative": "illustrative",
        },
        "target_kind": {"commune_quota": "commune quota", "all_communes": "all communes"},
        "target_status": {"target": "official", "illustrative": "illustrative"},
        "columns": {
            "deadline": "Deadline",
            "target": "Target (cumulative)",
            "kind": "Kind",
            "target_status": "Target source",
            "p_meet": "Chance of meeting it",
            "expected": "Forecast (mean)",
            "forecast": "Forecast at the deadline: median (80% interval)",
            "interval": "80% interval",
            "status": "Status",
            "pace_note": "Pace note",
            "current_pace": "Current pace (communes/month)",
            "required_pace": "Required pace (communes/month)",
            "pace_ratio": "Progress ratio",
            "ratio_label": "Progress ratio label",
            "model": "Model forecast (median)",
            "linear": "Linear trend",
            "last": "Last value carried forward",
            "model_meets": "Model: chance of meeting it",
            "steady_meets": "If today's rate holds: chance",
            "linear_meets": "Linear: met?",
            "last_meets": "Last value: met?",
            "item": "Item",
            "value": "Value",
        },
        "yes": "met",
        "no": "not met",
        "items": {
            "completed": "Completed",
            "total": "Communes in total",
            "share": "Share",
            "observed_on": "Date of the figure",
            "kind": "Kind of figure",
            "remaining": "Remaining",
        },
        "method_notes": [
            "How the forecast is made: the province recognises communes in rounds, so the model reads "
            "the pace of completion only over half-years (a month that held a round is not read as a "
            "steady pace); what has been recognised since the half-year began is kept, and the rest of "
            "the half-year is simulated. The pace is estimated for the {all}, each unit with "
            "its own level drawn toward the common one; each half-year has a swing shared by the whole "
            "province (a large or a small round); the year-end often holds more; and the communes left "
            "last are usually the hardest, so progress slows near the end.",
            "The speeding up or slowing down seen so far is carried forward, but each simulated path "
            "stops that trend after a random time (a year on average), and the trend's uncertainty is "
            "kept: it rests on a few half-years of data, so distant intervals are wide. The column "
            "\"If today's rate holds\" gives the chance if the pace only stays at today's level.",
            "The forecast is {draws} simulated paths; the median and the 50% and 80% intervals come "
            "from those paths. P(meet) = the share of paths that reach the target by its deadline. A "
            "unit whose figures are old is simulated from the date of its own last figure.",
                        "Status: on track when P(meet) ≥ {on_track}, at risk when ≥ {at_risk}, off track "
            "below; targets whose deadline has passed are judged on the count recorded by the "
            'deadline (reached later: "achieved late").',
            "Current pace: communes completed per month over the last 12 months of data. Required "
            "pace: the communes still needed divided by the months to the deadline. Progress "
            'ratio = current / required and the pace note: from 0.95 "today\'s pace is enough", '
            '0.60–0.95 "needs a faster pace", below 0.60 "pace far too slow" (a note, not a '
            "second status).",
            "Simple methods: the linear trend of the cumulative count (Excel's FORECAST.LINEAR) "
            "and the last value carried forward. Recognition comes after completion, so counts "
            "may lag the situation at a deadline.",
        ],
    },
    "ratio": {
        "on_track": "Today's pace is enough",
        "acceleration_needed": "Needs a faster pace",
        "limited_progress": "Pace far too slow",
        "deterioration": "Counts falling",
        "not_applicable": "—",
    },
    "status": {
        "achieved": "Achieved",
        "achieved_late": "Achieved late",
        "on_track": "On track",
        "at_risk": "At risk",
        "off_track": "Off track",
        "missed": "Missed",
        "no_figure": "No figure at the deadline",
        "beyond_horizon": "Beyond forecast horizon",
        "closed": "Closed by merger",
        "insufficient_data": "Insufficient data",
    },
    "index": {
        "title": "Digital transformation forecasts per {group} — data as of {as_of}",
        "rank": "Rank",
        "district": "{Group}",
        "completed": "Completed",
        "target": "Target {d}",
        "p": "Chance",
        "status": "Status",
        "province": "{Top}",
        "province_heading": "{Top}: trajectory and forecast",
        "province_failed": "The province report could not be made: {error}",
        "failed": "Error: report not rendered",
        "ranking_heading": "{Groups} ranked",
        "ranking": "Ranked by the chance of meeting the {d} target (highest first). Click a name for its report.",
        "files": "Files: province.html ({top} report), summary.xlsx (summary table), summary.csv, run.json "
        "(run parameters), snapshot.json (for the comparison by the next run).",
        "illustrative": "⚠️ Note: many {group} progress figures and targets are illustrative (not official). "
        "The reports illustrate the method; they are not findings about a {group}.",
        "changes_heading": "What changed since the previous run",
        "changes_none": "There is no previous run to compare with: this is the first render in this folder.",
        "changes_basis": "Compared with the run on data as of {date} (folder {folder}).",
        "changes_nothing": "Nothing changed: the figures, statuses and chances (by 10 points or more) are as before.",
        "changes_problem": "Could not compare with the previous run: {problem}",
        "change_kinds": {
            "data_new": "New figure",
            "data_changed": "Figure corrected",
            "data_removed": "Figure replaced or removed",
            "status": "Status moved",
            "chance": "Chance moved 10+ points",
        },
        "change_columns": ("Change", "{Group}", "Date", "Target", "Before", "After", "Why"),
        "unit_columns": {
            "latest": "Latest figure",
            "last_deadline": "Last past deadline",
            "shortfall": "Still needed for the next target ({units})",
            "pace_needed": "Pace needed ({units}/month)",
            "current_pace": "Current pace ({units}/month)",
        },
        "last_deadline_cell": "{status}: target {target} (due {date})",
        "no_past_deadline": "no deadline passed yet",
        "shortfall_by": "{n} (by {date})",
        "round_behind": "{date}; {n} {groups} have no figure for this round",
        "no_future_target": "No target is left after {as_of}: every deadline in the data has passed. The table "
        "gives the result of the last past deadline; add new targets to targets.csv to get chances of meeting them.",
    },
    "workbook": {
        "overview": "Summary",
        "detail": "Detail",
        "changes": "Changes",
        "notes": "Notes",
        "title": "Digital transformation forecasts per {group} — data as of {as_of}",
        "changes_title": "Changes since the previous render — data as of {as_of}",
        "official": "Every figure in this table has a source (recognised, a {group}'s claim, or derived).",
        "deadline": "Deadline {date}",
        "target": "Target",
        "p_meet": "P(meet)",
        "status": "Status",
        "province": "{Top}",
        "report": {"ok": "rendered", "failed": "failed"},
        "none": "—",
        "past": "Past deadlines",
        "past_line": "{date} (target {target}): {status}",
    },
    "workbook_notes": [
        '"Summary" sheet: one row per unit (first row: the {all}); the {units} still needed and the '
        "pace needed ({units} a month) for the next deadline, beside the current pace; for each deadline still "
        'ahead the target (cumulative {units}), P(meet) and the status. Past deadlines share one column, "Past '
        'deadlines": one line each, judged on the recorded figures (no probability).',
        '"Detail" sheet: one row per target of a unit. P(meet) = the share of simulated paths reaching '
        "the target by its deadline, from 0 to 1.",
        "Status: Achieved; Achieved late (reached after the deadline); On track (P ≥ {on_track}); At "
        "risk (≥ {at_risk}); Off track (below); Missed (deadline passed, target not reached); Beyond "
        "forecast horizon (deadline after the horizon); Insufficient data (no figure for the unit "
        "yet); No figure at the deadline (the deadline passed with no figure recorded by it, so neither met nor "
        "missed is claimed).",
        'Figures and targets marked "illustrative" are made up to fill gaps in the public record; they '
        "are not official.",
        "Names starting with =, +, -, @ are written as text (never as formulas), so the file is safe to open.",
    ],
    "workbook_columns": {
        "district_code": "Code",
        "district_name": "{Group}",
        "communes_total": "Communes",
        "completed": "Completed",
        "data_status": "Kind of figure",
        "latest_date": "Date of figure",
        "freshness": "Freshness of figure",
        "deadline": "Deadline",
        "target": "Target (cumulative)",
        "kind": "Kind of target",
        "target_status": "Target source",
        "p_meet": "P(meet) (0–1)",
        "expected": "Forecast (mean)",
        "median": "Forecast (median)",
        "lower": "80% lower",
        "upper": "80% upper",
        "current_pace": "Current pace (communes/month)",
        "required_pace": "Required pace (communes/month)",
        "pace_ratio": "Progress ratio",
        "status": "Status",
        "report": "Report",
        "html": "Report file",
        "error": "Error",
        "next_deadline": "Next deadline",
        "shortfall": "Still needed by the next deadline ({units})",
        "pace_needed_per_month": "Pace needed for the next deadline ({units}/month)",
        "last_deadline": "Last past deadline",
        "last_target": "Target of the last past deadline",
        "last_deadline_result": "Result of the last past deadline",
    },
    "chart": {
        "date": "Date",
        "completed": "Communes completed (cumulative)",
        "communes": "communes",
        "series": "Legend",
        "observed": "Observed",
        "observed_claim": "Observed ({group}'s claim)",
        "observed_illustrative": "Observed (illustrative)",
        "median": "Forecast (median)",
        "band50": "50% forecast interval",
        "band80": "80% forecast interval",
        "target": "Target",
        "target_illustrative": "Target (illustrative)",
        "required": "Required path",
        "total": "Communes in total",
        "district": "{Group}",
        "share": "Share completed",
        "next_target": "Next target",
        "status": "Kind of figure",
        "deadline": "Deadline",
        "value": "Value",
        "lower": "Lower",
        "upper": "Upper",
        "trajectory_title": "{name}: communes completing digital transformation",
        "trajectory_subtitle": "Data to {as_of}; forecast from {draws} simulated paths",
        "illustrative_subtitle": "Uses illustrative figures, not official ones",
        "overview_title": "Progress of the {group}-level units to {as_of}",
        "overview_subtitle": "Dark blue: communes completed; grey: all communes; red tick: target for {deadline}",
        "history_title": "History of the selected unit",
    },
    "document": {
        "page": "Page ",
        "of": " of ",
        "figure": "Figure: {title}",
        "made_by": "Made by cdsanalysis from data as of {date}; edit freely before sending.",
    },
    "plot": {
        "predicted": "Forecast probability",
        "observed_freq": "Observed frequency",
        "model": "Model",
        "count": "Cases",
        "calibration_title": "Calibration: forecast probability against outcome",
        "nominal": "Nominal coverage of the interval",
        "covered": "Share of actual counts inside",
        "coverage_title": "Interval coverage: nominal against observed",
    },
    "provenance": {
        "note": "Note: {what} are illustrative figures, made up to fill gaps in the published record; they "
        "are not official. See data/README.md.",
        "progress": "the progress of {n} {groups}",
        "province": "the {top}'s own progress figures",
        "targets": "{n} targets",
        "and": " and ",
    },
    "freshness": {
        "no_figure_since": "no figure since {date}",
        "no_figure_yet": "no figure yet",
    },
    "current": {
        "units": "Each unit's latest figure",
        "part": "{n} units as of {date}",
        "part_missing": "{n} units with no figure yet",
        "separator": ", ",
        "province_sum": "{done}/{total} communes have completed digital transformation ({share}) = the sum of "
        "the units' latest figures: {parts} (kind of figures: {kind}).",
        "official_beside": "The {top}'s latest official total: {done} communes on {date} ({kind}).",
        "official_above": "{done}/{total} communes have completed digital transformation ({share}), by the "
        "{top}'s official total of {date} ({kind}); the units' latest figures sum to only {sum} ({parts}).",
        "summary_sum": "sum of the units' latest figures: {parts}",
        "summary_official": "; the {top}'s official total: {done} ({date})",
        "behind": "{since}: the latest round ({round}) has no figure from this unit; the figures below start "
        "from its older one.",
        "chart_province": "{n} units with no new figure are forecast from the date of their own latest figure: "
        "communes they may have had recognised between then and {round} are counted in the forecast, so the "
        "forecast at {round} can be above {done} (the last observed point on the chart).",
        "chart_district": "This unit's forecast starts from its figure of {date}; the months from then to {round} "
        "are simulated, so the forecast at {round} can be above {done}.",
    },
    "movement": {
        "own": "new figures of this unit: {sources}",
        "others": "no new figure; the {top}-wide pace changed with the new figures of {sources}",
        "province": "the units' sum changed with the new figures of {sources}",
        "as_of": "no new figure; the as-of date moved from {before} to {after}",
        "none": "no new figure; the forecast settings (draws, model) differ from the previous run",
        "source": "{name} ({date})",
        "more": "and {n} other units",
        "separator": ", ",
    },
    "stale_note": "Warning: the latest figure is from {latest}, more than {months} months before the as-of date "
    "{as_of}; the counts shown are those of {latest}, not current ones. Import newer figures "
    "(cdsanalysis import) before relying on them.",
    "cli_illustrative": "Note: the table above rests on illustrative figures, not official ones; see data/README.md "
    "and each report.",
    "render_run": {
        "not_a_run_folder": "{folder}: not a report folder made by cdsanalysis render (no valid {marker} marker in "
            "it), so it is not replaced; nothing was touched. Move it away (or give another --out), then render "
            "again",
        "foreign_entries": "{folder}: holds entries the render did not write ({names}), so it is not replaced; "
            "nothing was touched. Move them out of the folder (or give another --out), then render again",
        "inside_run": "{root}: inside the report folder {run} of an earlier render; nothing was written. Give "
            "--out the folder that holds the dated report folders (e.g. --out {parent}) or another folder",
        "nested_busy": "{root}: another render is writing into {other}, which holds this folder; wait for it to "
            "finish or choose an --out outside it",
        "all_failed": "no district could be rendered ({n} of {n} failed), so {folder} was left as it was. Why: "
            "{why}",
        "file_handles": "this shell lets a program open only {limit} files at once (ulimit -n) and cannot raise "
            "it; rendering with {jobs} worker(s) needs {need}. Nothing was written. Raise the limit (ulimit -n {need} "
            "or more), then render again",
        "deadline": "did not finish within {seconds:.0f} s on any of {tries} workers (each stopped answering or "
            "stalled, and left the cluster); the district deadline is DISTRICT_DEADLINE_SECONDS in "
            "cdsanalysis/settings.py",
        "too_many_files": "the process ran out of file handles (ulimit -n {limit}); raise the limit (ulimit -n "
            "4096) or render with fewer --jobs",
    },
    "import_history": {
        "waiting": "{folder}: another import is writing into this folder; waiting for it to finish…",
        "busy": "{folder}: another import is still writing into this folder after {seconds:.0f} s; nothing was "
            "written. Wait for it to finish, then run this again",
        "nothing_to_undo": "{folder}: no earlier version of progress.csv to restore (the folder {history} is "
            "empty or missing)",
        "undone": "restored {target} from {version} (the version before the write of {when}); the version it replaced "
            "is kept as {kept}",
        "kept": "the previous version is kept as {version} (undo: cdsanalysis import --undo --out {folder})",
    },
    "import_summary": {
        "added": "added {n} row(s):",
        "would_add": "would add {n} row(s):",
        "corrected": "corrected {n} row(s) (old → new):",
        "would_correct": "would correct {n} row(s) (old → new):",
        "unchanged": "{n} row(s) unchanged (already in progress.csv with the same figures):",
        "replaced": "replaced {n} row(s), {k} of them illustrative:",
        "would_replace": "would replace {n} row(s), {k} of them illustrative:",
        "and_more": "… and {n} more",
        "not_reported": "{n} {group}(s) did not report for {date} (count left blank, skipped): {names}",
        "nothing": "nothing to write: every row of the form is already in {path} with the same figures",
        "dry_run": "(dry run: nothing was written)",
        "note": "note",
        "province": "province",
        "status": {
            "actual": "actual",
            "claim": "claim",
            "derived": "derived",
            "illustrative": "illustrative",
        },
    },
    "measures": {
        "names": {
            "recognised": "recognised by a provincial decision",
            "claimed": "claimed by the {group} or commune (no recognition decision yet)",
            "registered": "registered for the year's round",
        },
        "gap": "warning: {district} claimed {claimed} communes completed on {claim_date}, but by {recognised_date} "
            "the province had recognised {recognised} (a gap of {gap} after more than {days} days); the figures "
            "are accepted, check with the {group}",
    },
    "recognitions": {
        "basis_date": "by decision date",
        "basis_year": "by credited year (the year the decision counts them for)",
        "basis_mixed": "by credited year; {n} commune(s) with only a decision date (counted in the decision's year)",
        "basis_decision_only": "decision dates only: the credited year is not known, the decision's year is used",
        "mismatch": "warning: {file}, the row of {who} for {date}: {typed} communes recognised, but {records} lists "
            "{derived} recognised by decisions up to that day; correct one of the two",
    },
    "decision_import": {
        "added": "added {n} recognised communes (decision {decision} of {date}, credited to {year}):",
        "would_add": "would add {n} recognised communes (decision {decision} of {date}, credited to {year}):",
        "district": "    - {district}: {n} ({names}); now {total}/{communes} recognised, {left} to go",
        "kept": "the previous {name} is kept as {version} (undo: cdsanalysis import-decision --undo --out {folder})",
        "created": "created {path} (undo: cdsanalysis import-decision --undo --out {folder})",
        "dry_run": "(dry run: nothing was written)",
        "year_unknown": "not known",
    },
    "decision_number_example": "1234/QĐ-UBND",
    "frames": {
        "closed_note": "Closed by the {year} merger ({act}): {name} merged into {into} from {date}; last state "
        "{completed} of {total} communes.",
        "ceased_counts": "Note: {district} merged into {into} from {date} ({act}), but {n} of its figures are dated "
        "after that; they are kept in the old frame (as before the merger). From now on report these communes "
        "under {into}.",
    },
}
