"""Every word an English reader sees: the same keys as `cdsanalysis.wording.vi` (a test checks it)."""

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
        "description": "Digital transformation (chuyển đổi số) progress and forecasts per {group}.",
        "form_written": "wrote {path}: fill column D (communes recognised by the province, cumulative; leave a "
        "{group} blank when it did not report, never 0) and import it with 'cdsanalysis import {path} --out "
        "DATA_FOLDER'",
        "more_warnings": "… and {n} more warnings (Dataset.warnings() lists them all)",
    },
    "console": {
        "standing_title": "Communes completing digital transformation, as of {date}",
        "standing_columns": ["code", "{group}", "completed", "share", "as of", "data"],
        "standing_note_column": "note",
        "standing_note": "Note: rows marked 'illustrative' are made-up figures that fill gaps in the public "
        "record (see data/README.md); they are not official.",
        "columns": {
            "code": "code",
            "district": "{group}",
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
        "unit has figures for only {own} of the {periods} half-years with figures.",
        "backlog_line": "No commune has been recognised since {date} ({months} months): half of the scenarios take "
        "the communes made ready meanwhile to come in the next round, the other half take this slower pace as the "
        "new one.",
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
            "{top} (a large or a small round): half the simulated paths take that swing as passing, the "
            "other half take the latest half-year's pace as lasting and drifting on; the year-end often "
            "holds more; and the communes left "
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
        "model": "the forecast model differs from the previous run's ({before} → {after}): chances may move "
        "with no new figure",
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
        "all_failed": "no {group} could be rendered ({n} of {n} failed), so {folder} was left as it was. Why: "
            "{why}",
        "file_handles": "this shell lets a program open only {limit} files at once (ulimit -n) and cannot raise "
            "it; rendering with {jobs} worker(s) needs {need}. Nothing was written. Raise the limit (ulimit -n {need} "
            "or more), then render again",
        "deadline": "did not finish within {seconds:.0f} s on any of {tries} workers (each stopped answering or "
            "stalled, and left the cluster); the {group} deadline is DISTRICT_DEADLINE_SECONDS in "
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
    # The command line's own lines (cdsanalysis/cli.py), in the language chosen with --lang.
    "command": {
        "help_lang": "language of everything the command prints, vi or en (default: the environment variable "
            "{variable}, else {default})",
        "help_lang_render": "language of the reports and of everything the command prints, vi or en (default: the "
            "environment variable {variable}, else {default})",
        "bad_lang": "the language must be one of {langs}, not {text!r}",
        "what_data": "data directory",
        "what_restore": "folder to restore",
        "what_import": "folder to import into",
        "what_form": "the form to import (FILE.xlsx)",
        "what_decision": "the decision's list (FILE.xlsx or FILE.csv)",
        "not_folder": "{value}: is not a folder; give the {what}",
        "no_folder": "{value}: no such {what} (the folder does not exist)",
        "or": " or ",
        "file_suffix": "{value}: give a file name ending in {suffixes}",
        "no_parent": "{value}: the folder {folder} does not exist; create it first (nothing is created outside the "
            "folders you name)",
        "whole": "must be a whole number, got {text!r}",
        "between": "between {low} and {high}",
        "at_least": ">= {low}",
        "whole_bound": "must be a whole number {bound}, got {text!r}",
        "valid": "{directory}: valid — {n_groups} {groups}, {communes} communes, {progress} progress rows, "
            "{targets} targets",
        "behind": "{n} of {total} {groups} have no figure from the latest round ({date}); their row shows the date "
            "of their own latest figure",
        "undo_alone": "--undo restores the previous {stem}.csv of --out; give no file and no --dry-run",
        "give_file": "give {what}, or --undo to restore the previous {stem}.csv",
        "read_only": "{folder}: the folder is read-only; nothing was written",
        "import_head": "{file}, sheet {sheet}:",
        "no_targets": "{path} has no rows: there is no target to assess; add the targets (one row per {group}, "
            "deadline and kind)",
        "forecast_head": "Forecast ({model}, {draws} draws, seed {seed}) as of {date}; P(meet) = share of simulated "
            "paths reaching the target by its deadline",
        "wrote": "wrote {path}",
        "out_not_empty": "--out {out} already holds {names}; choose an empty or new folder",
        "too_few_communes": "--communes {communes} cannot fill {n_groups} {groups} (one at least each)",
        "synthetic": "wrote a synthetic data folder into {folder}: {n_groups} {groups}, seed {seed} (made-up "
            "figures, every row marked illustrative; see its README.md)",
        "no_districts": "{option} names no {group}: give codes or names separated by commas, or leave it out to "
            "render every {group}",
        "interrupted": "cdsanalysis render: interrupted; nothing was written (reports already in the output folder "
            "are unchanged)",
        "render_os_error": "{where}: {why}; nothing was written (reports already in the output folder are unchanged)",
        "updated": "updated {n} {group}(s) ({names}) in {out}; the other {kept} kept from the previous render of the "
            "same data and parameters ({done} of {total} ok), in {seconds:.1f} s",
        "rendered": "rendered {done} of {total} {groups} into {out} in {seconds:.1f} s",
        "failed": "failed: {name} ({code}): {error}",
        "changes_none": "what changed: nothing to compare with (first render here)",
        "changes_problem": "what changed: could not compare ({problem})",
        "changes": "what changed since {previous}: {data_new} new, {data_changed} corrected, {data_removed} replaced "
            "figures; {status} statuses moved; {chance} chances moved 10+ points (see index.html)",
        "arg_usage": "usage: ",
        "arg_positional": "positional arguments:",
        "arg_options": "options:",
        "arg_help": "show this help message and exit",
        "arg_error": "{prog}: error: {message}",
        "arg_argument": "argument {name}: {message}",
        "arg_required": "the following arguments are required: {names}",
        "arg_unrecognized": "unrecognized arguments: {names}",
        "arg_choice": "invalid choice: {value} (choose from {choices})",
        "arg_expected_one": "expected one argument",
        "arg_ambiguous": "ambiguous option: {option} could match {matches}",
        "arg_invalid_value": "invalid {type} value: {value}",
    },
    # The command line's help (cdsanalysis --help, cdsanalysis COMMAND --help).
    "command_help": {
        "metavar_file": "file",
        "metavar_directory": "directory",
        "data": "data directory (default: the bundled data)",
        "as_of": "forecast origin, YYYY-MM-DD or day first (default: the latest date in the data)",
        "validate": "check a data directory and list every problem",
        "validate_directory": "directory with units.csv, progress.csv, targets.csv (default: the bundled data)",
        "progress": "print where each {group} stands",
        "progress_as_of": "date, YYYY-MM-DD or day first (default: the latest in the data)",
        "import": "merge a {group} progress form (.xlsx) into a data folder's progress.csv, if the result is valid",
        "import_file": "the .xlsx file (never modified)",
        "import_out": "existing data folder whose progress.csv receives the rows",
        "import_data": "data folder whose units.csv and targets.csv check the rows (default: OUT's own, else the "
            "bundled data)",
        "import_as_of": "date of the counts when the sheet does not say (YYYY-MM-DD or day first)",
        "import_sheet": "sheet name, or 0-based position (default: the first visible sheet with a header)",
        "import_source": "provenance written in each row (default: file and sheet name)",
        "import_status": "status of the rows (default: actual)",
        "import_measure": "what the form's counts are: recognised (by a provincial decision), claimed (the "
            "{groups}' own reports; status becomes claim) or registered (default: from --status)",
        "import_hidden": "also read hidden sheets, rows and columns (skipped by default, and reported)",
        "import_dry_run": "show the rows that would be added and replaced; write nothing",
        "import_undo": "restore OUT/progress.csv as it was before the last import (kept in OUT/history/), byte for "
            "byte",
        "decision": "add a provincial decision's list of recognised communes (.xlsx or .csv) to a data folder's "
            "recognitions.csv, if every name resolves",
        "decision_file": "the decision's list, .xlsx or .csv (never modified)",
        "decision_out": "existing data folder whose recognitions.csv receives the communes (created if missing)",
        "decision_data": "data folder whose units.csv matches the names (default: OUT's own, else the bundled data)",
        "decision_decision": "the decision's number, e.g. {example} (default: read from the file's title)",
        "decision_date": "the decision's date, D/M/YYYY or YYYY-MM-DD (default: read from the file's title)",
        "decision_year": "the year the decision counts the communes for (may be earlier than the decision's; "
            "default: a column headed for the credited year)",
        "decision_source": "provenance written in each row (default: the decision and the file)",
        "decision_sheet": "sheet name (default: the first visible sheet)",
        "decision_hidden": "also read hidden sheets, rows and columns",
        "decision_dry_run": "show the communes that would be added; write nothing",
        "decision_undo": "restore OUT/recognitions.csv as it was before the last import-decision (kept in "
            "OUT/history/)",
        "template": "write the {group} form (.xlsx) that import reads",
        "template_out": "the form to write, FILE.xlsx (its folder must exist)",
        "template_data": "data folder whose {groups} fill the form (default: the bundled data)",
        "template_as_of": "date the figures are asked for (default: the last day of the previous month)",
        "render": "render every {group}'s forecast report (HTML, PNG, summary.csv/.xlsx, index.html) into "
            "OUT/<as_of>/",
        "render_districts": "comma-separated codes or names (default: every {group}); updates only those "
            "{groups} in OUT/<as_of>/ and keeps the others",
        "render_jobs": "parallel processes (default: the number of cores)",
        "render_out": "output root (default: reports/ in the current folder)",
        "draws": "simulated paths, 1 to {most} (default: {default})",
        "seed": "random seed, 0 or more (default: 0)",
        "render_compare": "an earlier run's folder (reports/<date>) to compare with (default: the run replaced, else "
            "the latest earlier one)",
        "render_scheduler": "render on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' for a "
            "LocalCluster on this machine (default: a local process pool)",
        "render_model": "model (default: hazard; 'last' or 'linear' where the hazard model cannot be fitted)",
        "render_quiet": "no progress bar",
        "synthetic": "write a made-up data folder of any size (units, progress, targets, marked illustrative) to "
            "try the workflow at scale",
        "synthetic_districts": "{group}-level units",
        "synthetic_communes": "communes in all (default: 25 a {group})",
        "synthetic_periods": "half-yearly counts from 2021-12-31 (default: 6)",
        "synthetic_out": "a new or empty folder to write into",
        "synthetic_reform": "post-reform shape: on this date (after the last count) the {groups} end and every "
            "three communes of a {group} become one, the province its only group (writes changes.csv)",
        "forecast": "forecast every {group} and assess its targets",
        "forecast_until": "end of the horizon (default: the last target deadline after --as-of, or a year ahead)",
        "forecast_model": "model (default: hazard)",
        "forecast_long": "one row per target, past deadlines included",
        "forecast_out": "also write the full assessment to FILE.csv or FILE.xlsx",
    },
    # The data layer's errors (`cdsanalysis.wording.messages.said`): a Python caller reads them in English,
    # the command line in the language chosen with --lang.
    "errors": {
        "the_value": "the value",
        "problem_title": "{title}: {n} problem",
        "problems_title": "{title}: {n} problems",
        "at_row": ", row {row}",
        "at_column": ", column {column}",
        "problems_more": "  … and {n} more problems not listed here: fix these first, or read them all from the "
            "error's failure_cases table",
        "kinds": {"district": "{group}", "commune": "commune"},
        "name_ambiguous": "{kind} {query!r} is ambiguous: it matches {listed}. Use the code or one of the names "
            "listed.",
        "name_unknown_suggest": "unknown {kind} {query!r}; did you mean: {listed}?",
        "name_unknown": "unknown {kind} {query!r}.",
        "invalid_data": "invalid data",
        "invalid_units": "invalid units list",
        "required": "{name} is empty; every row needs a {name}",
        "iso_date": "{name} must be an ISO date YYYY-MM-DD with two-digit month and day, e.g. 2024-06-30, in the "
            "years {low}–{high}",
        "whole_number": "{name} must be a whole number of communes written with the digits 0-9 only (no '.', ',' or "
            "spaces), e.g. 12",
        "one_of": "{name} must be one of: {allowed}",
        "code": "{name} must be {rule}",
        "code_rule": "1–20 ASCII letters or digits, '-' or '_', starting with a letter or digit (e.g. 399)",
        "text_rule": "{name} may not hold control or invisible characters (tab, line break, zero-width space…) and "
            "has at most {limit} characters",
        "missing_column": "missing column '{column}'; {file} needs the columns {expected}",
        "duplicate": "duplicate row: ({key}) = ({values}) appears more than once; keep one row",
        "consistent_name": "{group} {code} is called '{first}' elsewhere in the file; use one name per code",
        "use_code": "use the code {code} ({name})",
        "did_you_mean": "did you mean {near}?",
        "check_codes": "check the units list for valid codes",
        "unknown_code": "unknown {group} '{code}'; {fix}",
        "name_mismatch": "{group} name '{name}' does not match code {code} ({official}); nearest names: {near}",
        "the_province": "the province",
        "the_district": "{group} {code} ({name})",
        "above_total": "{column} {value} is above the {total} communes of {who}; a count cannot exceed the commune "
            "total",
        "status_measure": "status 'claim' (a {group}'s own statement) cannot count recognitions: write the measure "
            "'claimed', or the status of the provincial decision ('actual') if the province recognised them",
        "within_measure": " (within the measure '{measure}')",
        "row_of": "row {row}",
        "file_row": "{file} row {row}",
        "never_falls": "cumulative count falls from {old} ({previous}, {old_date:%Y-%m-%d}) to {new} "
            "({date:%Y-%m-%d}); cumulative counts never fall{within}: correct one of the two rows",
        "sum_above_province": "{group} counts on {date:%Y-%m-%d} sum to {sum}, above the {top} count {province}; "
            "fix the {top} row or the {group} rows of that date",
        "sum_below_province": "every {group} has a count on {date:%Y-%m-%d} and they sum to {sum}, below the "
            "{top} count {province}: the {top}'s figure must equal the sum of all its {groups}; fix the "
            "{top} row or the {group} rows of that date",
        "units_empty": "the units list has no rows; it needs one row per commune ({columns})",
        "char_control": "a control character",
        "char_format": "an invisible formatting character",
        "char_line": "a line separator",
        "char_paragraph": "a paragraph separator",
        "char_surrogate": "a surrogate",
        "char_private": "a private-use character",
        "char_unassigned": "an unassigned character",
        "bad_character": "{what} ({code}) at character {position}",
        "contains": "contains {bad}; retype it with letters, digits, spaces and punctuation only",
        "too_long": "is {n} characters long; at most {limit} are allowed",
        "column_problem": "{column} {problem}",
        "write_iso": "; write {date:%Y-%m-%d}",
        "rule_found": "{rule} (found {shown!r}{fix})",
        "formula": "{column} starts with {first!r}, so Excel would run this cell as a formula when it opens the "
            "file; put an apostrophe (') before it to keep it as text, or remove the leading {first!r}",
        "same_district_name": "{groups} {listed} have the same name once accents, case and prefixes are ignored; "
            "give each {group} a distinct name",
        "same_commune_name": "{group} {code} already has a commune with this name (row {row}, '{first}'); give "
            "each commune of a {group} a distinct name",
        "date_hint": "write it as YYYY-MM-DD (2024-06-30) or day first (30/6/2024)",
        "not_a_month": "{month} is not a month; write day/month/year{fixed}",
        "no_such_day": "month {month} of {year} has no day {day}; check the day",
        "year_range": "the year {year} is outside {low}–{high}; check the year",
        "implausible_year": "the year {year} cannot be right for a count reported now (a form's dates lie in "
            "{low}–{high}); check the year",
        "not_a_date_years": "{what} is not a date: {value!r}; write it as YYYY-MM-DD (2024-06-30) or day first "
            "(30/6/2024), with a year in {low}–{high}",
        "not_a_date": "{what} is not a date: {value!r}; write it as YYYY-MM-DD (2024-06-30) or day first (30/6/2024)",
        "outside_years": "{what} {value} is outside the years {low}–{high}; check the year",
        "a_period": "a period",
        "period_column": "the column '{label}' looks like a count for one period ({what}), not the cumulative "
            "number of communes completed to date; import reads running totals only (a period count read as a total "
            "would replace the {group}'s history). Give the form a column 'Số xã hoàn thành (lũy kế)' with each "
            "{group}'s total to date (the form of 'cdsanalysis template' has one), or rename this column so if it "
            "already holds the totals to date",
        "expected_unit": "'Đơn vị' (or 'Tên đơn vị', 'Địa phương')",
        "expected_completed": "'Số xã hoàn thành' (or 'Lũy kế hoàn thành')",
        "optional_headers": "'STT', 'Tổng số xã', 'Tính đến ngày' (or 'Ngày'), 'Ghi chú'",
        "bad_status": "status must be one of {allowed}, not {status!r}",
        "no_table": "no progress table found",
        "problems_in": "problems in {name}",
        "all_blank": "every {group}'s count in {column} is blank: nothing to import. Fill in the cumulative count "
            "of each {group} that reported (a blank means 'did not report')",
        "no_district_rows": "sheet '{sheet}' has a header in row {row} but no {group} rows under it",
        "units_lack": "units table lacks the columns {columns}",
        "no_sheet_number": "{file}: no sheet number {sheet} (counting from 0); its sheets are {names}",
        "no_sheet_named": "{file}: no sheet named {sheet!r}; its sheets are {names}",
        "sheet_hidden": "{file}: sheet '{sheet}' is hidden; unhide it in Excel if its figures are meant to be read, "
            "or import with --include-hidden",
        "row_of_sheet": "{row} of sheet '{sheet}'",
        "all_sheets_hidden": "every sheet of the workbook is hidden ({sheets}); unhide the progress sheet or use "
            "--include-hidden",
        "the_sheet": "sheet '{sheet}'",
        "the_sheets": "the sheets {sheets}",
        "partial_header": "; row {row} has {has}",
        "no_header_row": "no header row found in the first {rows} rows of {where}{found}. Expected a row with "
            "{unit_header} "
            "and {completed}; optional: {optional}{hint}",
        "hidden_hint": ". Note: {notes} (import with --include-hidden to read them)",
        "title_date": "the date of the figures cannot be read: {problem}",
        "twice": "{name} appears twice for {date:%d/%m/%Y} (rows {first} and {row}); keep one row per {group} and "
            "date",
        "count_no_name": "this row has a count but no unit name; write the {group}'s name",
        "several_districts": "'{written}' matches several {groups}: {listed}; write the full official name",
        "unknown_district_suggest": "unknown {group} '{written}'; did you mean {listed}?",
        "unknown_district": "unknown {group} '{written}'; write a {group} of the units list, e.g. '{example}'",
        "merged_count": "this count is merged with row {first_row}'s; unmerge and give each row its own count",
        "blank_total": "the total row's count is empty; write the total of the {group} rows, or delete the row",
        "excel_date_hint": " (Excel turned it into a date: format the column as Number)",
        "not_whole": "'{value}' is not a whole number of communes{hint}; enter digits only, e.g. 12",
        "communes_total": "the form gives {name} {stated} communes, the units list {total}: the figures would be read "
            "against the wrong number of communes. Correct the form's total to {total} (if the {group}'s communes "
            "really changed, the units list must be updated first)",
        "above_stated": "{count} completed is above the {stated} communes in {column}; correct one of the two",
        "above_units": "{count} completed is above the {total} communes of {name} in the units list; correct the "
            "count",
        "left_out": " ({n} row(s) with an unreadable count left out)",
        "equal": "equal",
        "at_least": "be at least",
        "total_mismatch": "the total row says {value} but the {group} rows sum to {total}{left_out}; the total must "
            "{relation} the sum: correct the total or the {group} rows",
        "cell_not_date_why": "'{value}' is not a date: {why}",
        "cell_not_date": "'{value}' is not a date; write it day first (30/6/2024) or as an Excel date",
        "cell_problem": "'{value}': {problem}",
        "no_row_date": "no date for this row: fill the date column, add a title line '(Số liệu tính đến ngày "
            "30/6/2024)', or give as_of (--as-of)",
        "save_again": "open it in Excel and save it again as .xlsx (Excel Workbook)",
        "skipped_sheets": "skipped hidden sheet(s): {sheets}",
        "skipped_rows": "skipped hidden rows of sheet '{sheet}': {shown}",
        "skipped_columns": "skipped hidden columns of sheet '{sheet}': {shown}",
        "path_problem": "{path}: {problem}",
        "no_extension": "no extension",
        "unreadable_suffix": "{path}: cannot read '{suffix}' files; progress sheets are read from Excel workbooks "
            "({readable}): save .xls or .ods files as .xlsx first",
        "workbook_size": "{path}: {size:,} bytes, above the {limit:,} a {group} form can need; send only the "
            "progress sheet",
        "encrypted": "{path}: is password-protected (encrypted) or an old .xls file; remove the password (File > "
            "Info > Protect Workbook) and save it as .xlsx",
        "not_workbook": "{path}: not a readable Excel workbook ({why}); {fix}",
        "unpacks_to": "{path}: unpacks to {size:,} bytes, above the limit of {limit:,}; send only the progress sheet",
        "damaged": "{path}: the file is damaged (part {part} fails its checksum); ask the office to send it again",
        "too_many_sheets": "{path}: {n} sheets, above the limit of {limit}; send only the progress sheet",
        "not_well_formed": "{path}: the sheet {part} is not well-formed ({why}); {fix}",
        "sheet_extent": "{path}: a sheet reaches {ref} ({rows:,} rows × {columns:,} columns), beyond what import "
            "reads ({max_rows:,} rows, {max_columns} columns, {max_cells:,} cells); delete the stray cells or "
            "merges far from the table and save again",
        "not_csv": "{path}: not a readable CSV table ({why})",
        "decision_title": "decision list refused, nothing was written: fix the rows named below (or the options), "
            "then import again",
        "decision_no_header": "no header row naming the communes' column (e.g. 'Tên xã', 'Xã, phường, thị trấn', "
            "'Đơn vị') in the first {rows} rows; add one above the list",
        "decision_no_rows": "the list under the header names no commune",
        "decision_unknown": "'{name}' is no commune of {where}; {fix}",
        "decision_ambiguous": "'{name}' names several communes: {matches}; add the {group} (a column '{Group}') or "
            "write the name as in the units list",
        "decision_other_district": "'{name}' is {commune} of {actual}, not of {said} as the row says; correct the "
            "{group} or the name",
        "decision_unknown_district": "{group} '{name}' is not in the units list; {fix}",
        "decision_check_district": "check the {group}'s name",
        "decision_check_name": "check the name against the units list",
        "decision_twice": "{commune} is listed twice: also in row {row}; keep one row",
        "decision_already": "{commune} is already recognised: decision {decision} of {date} ({file} row {row}); a "
            "commune is recognised once: remove this row, or correct the earlier record if it was wrong",
        "decision_year": "'{value}' is not a year; write the year the decision counts the commune for, e.g. 2023",
        "decision_year_after": "credited year {year} is after the decision's date {date}: a decision credits "
            "communes to its own year or an earlier one",
        "decision_need_decision": "the decision's number is not in the file; give it with --decision (e.g. "
            "--decision 123/QĐ-UBND)",
        "decision_need_date": "the decision's date is not in the file; give it with --date (e.g. --date 2/1/2025)",
        "decision_need_year": "the year the decision counts the communes for is not given; give it with "
            "--credited-year (e.g. --credited-year 2023), or add a column 'Năm được tính' to the list",
        "decision_csv_size": "{path}: {size:,} bytes, above the {limit:,} a decision's list can need",
        "decision_csv_rows": "{path}: more than {limit:,} rows; a decision's list is far shorter: send only the list",
        "decision_csv_columns": "{path}: row {row} has {n} columns, above the {limit} allowed",
        "decision_csv_text": "{path}: not UTF-8 text ({reason}); save the file as 'CSV UTF-8'",
        "decision_suffix": "{path}: cannot read '{suffix}' files; give the decision's list as .xlsx or .csv (UTF-8)",
        "decision_no_sheet": "{path}: no visible sheet named '{sheet}'; its sheets: {names}",
        "decision_all_hidden": "{path}: every sheet is hidden; use --include-hidden to read them",
        "unknown_measure": "unknown measure '{measure}': give one of {allowed}",
        "import_title": "import refused, nothing was written: the merged progress table would be invalid (fix the "
            "form's cells named below, or the rows of {name} named below, then import again)",
        "import_floor": "the {top}'s figure on {date} would be {figure} (each {group}'s latest figure added up), "
            "below the official {top} total of {official} on {official_date} ({file}, row {row}, status actual): "
            "an import never lowers the {top}'s figures.{lowered} A {group} that did not report must be left "
            "blank (a blank is 'not reported'; 0 means no commune completed)",
        "import_lowered": " Form rows below that {group}'s earlier figure: {rows}{more}.",
        "import_lowered_row": "row {row} {name} {new} (was {old} on {date})",
        "and_more": "; and {n} more",
        "with_form_rows": "{message} (this form's rows for that date: {form} row {rows})",
        "file_not_found": "file not found",
        "unreachable": "cannot be reached (permission denied on a folder above it)",
        "cannot_read": "cannot be read ({why})",
        "is_folder": "is a folder, not a file",
        "fifo": "a FIFO (named pipe)",
        "device": "a device or socket",
        "not_regular": "is {kind}, not a regular file",
        "read_denied": "cannot be read (permission denied); check the file's permissions",
        "not_utf8": "{path}: not UTF-8 text ({reason} at byte {start}); save the file as 'CSV UTF-8'",
        "repeated_column": "{path}, row 1: the column {columns} appears more than once in the header; keep one "
            "column of each name",
        "cut_short": "{path}, row {row}: only {n} of the {columns} columns; the last line is cut short (was the file "
            "truncated while copying?). Complete the row or copy the file again",
        "dangling_link": "{path}: is a symbolic link to {target}, which does not exist; fix or remove the link",
        "write_folder": "{path}: is a folder; cannot write a file in its place",
        "write_irregular": "{path}: is not a regular file; cannot write in its place",
        "write_read_only": "{path}: is read-only; it was left unchanged. Make it writable (chmod u+w) if it should be "
            "replaced",
        "disk_full": "the disk is full",
        "folder_read_only": "the folder is read-only",
        "permission_denied": "permission denied",
        "quota_used": "the disk quota is used up",
        "cannot_write": "{path}: cannot write ({reason}); nothing was changed: {where} is as it was. Free some space "
            "or make the folder writable, then import again",
        "no_progress_rows": "the progress table has no rows, so there is no latest date",
        "forecast_short_intervals": "note: no {group} has two figures four months apart in half-years that "
            "have ended, so the pace is read from shorter intervals: a recognition round in one of them would be "
            "read as a steady pace, and the forecast may be too sure",
        "forecast_needs_two_figures": "cannot forecast: the model needs at least one {group} with figures on two "
            "different dates and communes still pending, and these data have none. To fix: add the figures of "
            "another date (last month's, say). Meanwhile, cdsanalysis progress shows where things stand, and "
            "cdsanalysis forecast --model last gives the assessment with today's figures held (in Python: "
            "model='last')",
        "forecast_nothing_recognised": "cannot forecast: no commune was recognised in any of the {intervals} "
            "intervals between dates, so the pace cannot be estimated (it would be zero). Check the column of "
            "communes completed; if it is right, cdsanalysis forecast --model last gives the assessment with "
            "today's figures held (in Python: model='last')",
        "forecast_all_recognised_each_time": "cannot forecast: in every interval between dates every pending "
            "commune was recognised, so the pace has no finite estimate. Add the figures of a date in between; "
            "meanwhile, cdsanalysis forecast --model linear gives the assessment on a straight-line trend (in "
            "Python: model='linear')",
        "forecast_effects_confounded": "cannot forecast: the level, the trend and the half-years' swings cannot "
            "be told apart in these data; add the figures of other dates. Meanwhile, cdsanalysis forecast "
            "--model linear gives the assessment on a straight-line trend (in Python: model='linear')",
        "no_recognitions": "{source}: no {file}, so which communes were recognised is not known (only counts are); "
            "bring each decision's list in with 'cdsanalysis import-decision'",
        "no_data_directory": "{directory}: no such data directory (it should hold {files})",
        "form_suffix": "{path}: the form is an Excel workbook; give a file name ending in .xlsx",
        "invalid_records": "invalid recognition records",
        "write_code": "write its code {code} ({name})",
        "nearest": "nearest: {near}",
        "check_commune_code": "check the units list for the commune's code",
        "unknown_commune_code": "unknown commune code '{code}' (not in the units list); {fix}",
        "recognised_twice": "commune {code} ({name}) is recognised twice: also in row {row}; a commune is recognised "
            "once, keep the row of the decision that recognised it",
        "commune_mismatch": "commune name '{name}' does not match code {code} ({official}); correct the name or the "
            "code",
        "decision_empty": "decision is empty; write the decision's number, e.g. {example}",
        "decision_date": "decision_date must be an ISO date YYYY-MM-DD in the years {low}–{high}, e.g. 2025-01-02 "
            "(found {found!r})",
        "credited_year": "credited_year must be a year such as 2023 (four digits, {low}–{high}), or empty when the "
            "decision does not say (found {found!r})",
        "credited_after": "credited_year {year} is after the decision's date {date:%Y-%m-%d}: a decision credits "
            "communes to its own year or an earlier one; correct the year or the date",
        "record_formula": "{column} starts with '{first}', which a spreadsheet runs as a formula; put an apostrophe "
            "(') before it",
        "source_empty": "source is empty; say where the record comes from (the decision, its URL or the office)",
        "ref_row": "row {row}",
        "ref_cell": "row {row}, column {column}",
        "has_but_lacks": "{has} but no column like {lacks}",
        "and": " and ",
        "or": " or ",
        "memory": "{draws:,} draws × {n_groups:,} {groups} × {dates} dates need about {need:.1f} GB of memory; this "
            "machine has {have:.1f} GB available. Use fewer draws (at most {fits:,} here), or forecast fewer "
            "{groups} at a time",
        "whole_from_to": "{name} must be a whole number from {low} to {high:,}; got {value!r}",
        "until_before": "until ({until:%Y-%m-%d}) is before as_of ({as_of:%Y-%m-%d}): the forecast must "
            "end on or after the date of its figures",
        "no_progress_before": "no {group} progress on or before {date:%Y-%m-%d}; nothing to forecast from",
        "no_snapshot": "--compare {folder}: no {file} there; give the folder of an earlier render "
            "(reports/<YYYY-MM-DD>)",
        "out_not_folder": "{root}: not a folder; give --out a folder for the reports",
        "out_not_writable": "{root}: cannot write the reports here ({why}); choose another --out",
        "out_busy": "{root}: another render is writing here; wait for it to finish or choose another --out",
        "no_scheduler": "cannot reach the Dask scheduler at {address} ({why}); start one with `dask scheduler` and "
            "workers with `dask worker ADDRESS`",
        "validity_date": "{column} must be an ISO date YYYY-MM-DD (e.g. 2024-11-30) in the years {low}–{high}, or "
            "empty for an open end",
        "validity_order": "valid_to ({end:%Y-%m-%d}) is before valid_from ({start:%Y-%m-%d}); swap them or correct "
            "one",
        "groups_two": "groups {a} and {b}",
        "group_twice": "group {code} twice",
        "listed_twice": "commune {code} is listed in row {row_a} and row {row_b} on {date:%Y-%m-%d} ({where}): a "
            "commune belongs to one group on any date; end row {row_a} (valid_to) the day before row {row_b} starts, "
            "or correct row {row_b}'s valid_from",
        "missing_column_optional": "missing column '{column}'; {file} needs the columns {expected} (optional: "
            "{optional})",
        "effective_date": "effective_date must be an ISO date YYYY-MM-DD, the first day of the new frame (e.g. "
            "2024-12-01), in the years {low}–{high}",
        "change_source": "source is empty; name the legal act of the change, e.g. NQ 1238/NQ-UBTVQH15",
        "share": "share must be a decimal number above 0 and at most 1 (e.g. 0.5), the part of the old unit that goes "
            "to the new one",
        "move_needs_group": "a commune's move needs new_group: the code of the group it moves to",
        "unit_group": "group",
        "unit_commune": "commune",
        "old_missing": "{what} '{code}' does not exist on {date:%Y-%m-%d}, the day before this change; write the code "
            "of a {what} in force then (see units.csv and the earlier rows of {file})",
        "new_missing": "{what} '{code}' does not exist on {date:%Y-%m-%d}, when this change takes effect; add it to "
            "units.csv (valid_from {date:%Y-%m-%d}) or write the code of a {what} in force then",
        "group_empty": "group '{code}' has no commune on {date:%Y-%m-%d}; write the code of the group the commune "
            "moves to",
        "shares_above_one": "the shares of {old}'s split on {date:%Y-%m-%d} (rows {rows}) sum to {total:g}, above 1: a "
            "unit cannot give away more than all of itself",
        "counted_twice": "commune {code} is counted twice on {date:%Y-%m-%d} (groups {codes}): a commune belongs to "
            "one group on any date; end its units.csv row (valid_to) or correct the change",
        "itself": "itself",
        "cycle": "the changes of {date:%Y-%m-%d} form a cycle {chain}: a unit cannot be merged into one that is merged "
            "back into it; remove this row or row(s) {others}",
        "uncomputed": "cell {cell} of sheet '{sheet}' holds a formula ({formula}) whose value was never computed "
            "(the file was written by a program and not opened in Excel since), so it would read as empty "
            "(\"not reported\"); open the file in Excel and save it, so the formula's value is stored; or type the "
            "number",
        "shared_formula": "(a shared formula)",
        "form_too_big": "{n_groups:,} {groups} make a form of {rows:,} rows, beyond what import reads ({max_rows:,} "
            "rows, {max_cells:,} cells); split the data folder by region and send each its own form",
        "invalid_file": "invalid {name}",
        "levels_missing_column": "missing column '{column}'; {name} has the columns {columns}, one row per level and "
            "language, e.g. {example}",
        "levels_unknown_column": "unknown column '{column}'; the columns are {columns}",
        "levels_unknown_level": "level '{level}' is none of {levels} (top: the whole, e.g. the {top}; group: what "
            "reports are made for, e.g. a {group}; unit: what is counted, e.g. a {unit})",
        "levels_unknown_lang": "language '{lang}' is none of {langs}",
        "levels_formula": "starts like a spreadsheet formula; write the word itself",
        "levels_text": "'{text}' {problem}",
        "levels_empty_name": "the level's name is empty; write it as it reads in a sentence, e.g. '{group}'",
        "levels_no_all_of": "the top level needs 'all_of', the row label of the whole, e.g. '{All}' or 'Whole nation'",
        "levels_second_row": "a second row for level '{level}' in '{lang}' (the first is row {first}); keep one",
        "levels_no_row": "no row for level '{level}' in '{lang}'; every level needs a row in each language, e.g. "
            "{example}",
        "reform_too_early": "the reform ({reform:%Y-%m-%d}) must fall after the last observation "
            "({last:%Y-%m-%d}): choose a later date",
        "partial_mismatch": "{folder} holds reports made from other data or parameters (or no readable run.json): "
            "updating only some {groups} would mix two forecasts in one folder. Render every {group} (leave out "
            "{option}), or write to another --out.",
        "until_too_far": "until ({until:%Y-%m-%d}) is more than {years} years after as_of ({as_of:%Y-%m-%d}); choose "
            "a nearer date",
        "targets_lack_columns": "targets lack the column(s) {missing}; expected {expected}",
        "targets_types": "targets: deadlines must be dates (YYYY-MM-DD) and targets whole numbers ({why})",
        "targets_unknown_codes": "targets name unknown {group} codes: {codes}",
        "deadlines_not_forecast_dates": "deadlines {dates} are not forecast dates; pass them to forecast() as "
            "extra_dates=",
        "group_not_ceased": "{group} {code} did not cease: its targets are not closed",
        "none_listed": "none",
        "backtest_few_dates": "a backtest needs {group} observations on at least 3 dates; these data have {n} "
            "({dates})",
        "reference_not_in_backtest": "reference model {reference!r} is not in this backtest ({models})",
        "levels_between": "levels must be between 0 and 1; got {level}",
        "level_between": "level must be between 0 and 1; got {level}",
        "backtest_needs_model": "name at least one model to backtest",
        "whole_at_least": "{name} must be a whole number >= {low}; got {value}",
        "origins_too_late": "origins {origins} leave no later observation to score",
        "nothing_to_score": "no forecast to score: no model could be fitted at any origin, or no {group} had data at "
            "the origins",
        "negative_counts": "counts in a backtest cannot be negative",
        "not_forecast_date": "{date:%Y-%m-%d} is not a forecast date; the dates are {dates} (pass extra_dates= to "
            "forecast() to add one)",
        "forecast_needs_dataset": "forecast needs a Dataset (from load_dataset(folder) or Dataset.from_frames(units, "
            "progress, targets)), not a {kind}",
        "seed_kind": "seed must be a whole number >= 0 or a numpy Generator; got {value!r}",
        "unknown_model": "unknown model {name!r}; choose one of: {models}",
        "unknown_family": "unknown scenario family {family!r}; choose one of: {families}",
        "no_forecast_file": "{path}: no such forecast file (write one with cdsanalysis render, or leave forecast_file "
            "empty to fit the model in the notebook)",
        "not_forecast_file": "{path}: not a forecast file written by cdsanalysis ({why})",
        "forecast_file_format": "{path}: forecast file format {found!r}; this version reads {expected}. Render again.",
        "steady_mismatch": "the steady forecast must cover the same dates and {groups}",
        "unknown_lang": "lang must be one of {langs}; got {value}",
        "no_status_label": "no label for status {status} in language {lang}",
        "shocks_choice": "shocks must be one of {choices} or None; got {value}",
        "positive_finite": "{name} must be a positive finite number; got {value}",
        "unknown_families": "unknown scenario families: {families}",
        "at_least_one": "{name} must be at least 1; got {value}",
        "no_scenario_forecast": "no scenario could be forecast",
        "start_not_half_year_end": "start must be a 30 June or a 31 December; got {date:%Y-%m-%d}",
        "synthetic_bounds": "need {bounds}",
        "too_few_units": "{n_units} {units} cannot fill {n_groups} {groups} (one at least each)",
        "merge_at_least_one": "merge must be 1 or more {units}",
        "folder_holds_data": "{folder} already holds {files}: choose an empty or new folder (existing data are never "
            "overwritten)",
        "not_forecast_file_hint": "{path}: not a forecast file (write one with cdsanalysis render, or leave "
            "forecast_file empty to fit the model in the notebook)",
        "not_forecast_file_kind": "{path}: not a forecast file ({kind}); write one with cdsanalysis render, or leave "
            "forecast_file empty",
        "forecast_other_data": "{path} was made from {made_from}, not {given}",
        "forecast_other_date": "{path} is a forecast as of {made_on}, not {given}",
        "no_group_given": "{parameter} is empty: give a {group} code or name",
        "no_figure_to_forecast": "{name} ({code}) has no progress figure on or before {date:%Y-%m-%d}: nothing to "
            "forecast from. Add its counts to progress.csv.",
        "scheduler_needs_dask": "--scheduler needs dask.distributed: pip install 'dask[distributed]'",
        "group_list_arg": "{parameter} must be a non-empty list of codes or names (or None for every {group}); got "
            "{value}",
        "model_choice": "model must be one of {models}; got {value}",
        "template_not_found": "{path}: template notebook not found",
    },
    "frames": {
        "closed_note": "Closed by the {year} merger ({act}): {name} merged into {into} from {date}; last state "
        "{completed} of {total} communes.",
        "ceased_counts": "Note: {district} merged into {into} from {date} ({act}), but {n} of its figures are dated "
        "after that; they are kept in the old frame (as before the merger). From now on report these communes "
        "under {into}.",
    },
}
