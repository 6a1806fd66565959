"""The ``cdsanalysis`` command: parse, call one public function, map errors to exit codes.

Exit codes: 0 success; 1 bad data or a failed district; 2 misuse (unknown option,
missing file or directory given on the command line, impossible arguments); 130 interrupted
(Ctrl-C or SIGTERM during a render).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from cdsanalysis.data.dataset import bundled_data_dir, load_dataset
from cdsanalysis.data.dates import parse_date
from cdsanalysis.data.decision_import import STEM, import_decision
from cdsanalysis.data.form import write_form
from cdsanalysis.data.freshness import stale_data_note
from cdsanalysis.data.io import TABLE_FILES, describe_path, read_text_table
from cdsanalysis.data.levels import levels_path, load_levels
from cdsanalysis.data.progress_history import undo, write_problem
from cdsanalysis.data.progress_update import import_sheet
from cdsanalysis.data.provenance import any_illustrative, illustrative_note
from cdsanalysis.data.schema import MEASURES
from cdsanalysis.data.snapshot import standing
from cdsanalysis.exceptions import CdsAnalysisError, DataValidationError
from cdsanalysis.model.assessment import assess
from cdsanalysis.model.projection import forecast
from cdsanalysis.model.registry import MODEL_NAMES  # light: names only
from cdsanalysis.model.synthetic import write_synthetic
from cdsanalysis.report.content.province import province_interval_line
from cdsanalysis.report.run.batch import RenderArgumentError, render
from cdsanalysis.report.writers.display import format_assessment, format_standing
from cdsanalysis.report.writers.excel import write_assessment_xlsx, write_summary_csv
from cdsanalysis.settings import DEFAULT_DRAWS, MAX_DRAWS, MAX_SEED
from cdsanalysis.wording import DEFAULT_LANG, LANGS, words
from cdsanalysis.wording.levels import Levels, using_levels

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters but tab, newline and carriage return (the progress bar's)."""


class _Printable:
    """A text stream that drops control characters: data (a district's name, an error kept in run.json, a
    file name) can then never send ESC or BEL sequences to the analyst's terminal."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(_CONTROL.sub("", text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def _printable_output():
    """Everything the command prints, on stdout or stderr, goes through `_Printable`."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Printable(out), _Printable(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


class _UsageError(Exception):
    """A command-line mistake (exit 2), as opposed to bad data (exit 1)."""


def _folder(value: str | None, what: str = "data directory") -> Path | None:
    """An existing folder named on the command line (exit 2 when it is missing or not a folder)."""
    if value is None:
        return None
    path = Path(value)
    if path.is_dir():
        return path
    if path.exists():
        raise _UsageError(f"{value}: is not a folder; give the {what}")
    raise _UsageError(f"{value}: no such {what} (the folder does not exist)")


def _data_dir(value: str | None) -> Path | None:
    return _folder(value)


def _output_file(value: str, suffixes: tuple[str, ...]) -> Path:
    """A file to write: right suffix, in a folder that exists (none is created), not a folder itself."""
    path = Path(value)
    if path.suffix.lower() not in suffixes or path.is_dir():
        raise _UsageError(f"{value}: give a file name ending in {' or '.join(suffixes)}")
    if not path.parent.is_dir():
        raise _UsageError(f"{value}: the folder {path.parent} does not exist; create it first "
                          f"(nothing is created outside the folders you name)")
    return path


def _whole_number(low: int, high: int | None = None):
    """An argparse type: a whole number in [low, high], else exit 2 quoting what was given."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
        if value < low or (high is not None and value > high):
            bound = f"between {low} and {high}" if high is not None else f">= {low}"
            raise argparse.ArgumentTypeError(f"must be a whole number {bound}, got {text!r}")
        return value
    return parse


def _date(text: str):
    """An argparse type: a date, ISO or day first (1/7/2024 is 1 July), quoted back when it is not one."""
    try:
        return parse_date(text, "the value")
    except CdsAnalysisError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


_positive_int = _whole_number(1)
_DRAWS = _whole_number(1, MAX_DRAWS)
_SEED = _whole_number(0, MAX_SEED)


def _warn_if_stale(dataset, as_of, lang: str = DEFAULT_LANG) -> None:
    note = stale_data_note(dataset, as_of, lang=lang)
    if note:
        print(note, file=sys.stderr)


def _cmd_validate(args: argparse.Namespace) -> int:
    directory = _data_dir(args.directory) or bundled_data_dir()
    dataset = load_dataset(directory)
    print(f"{directory}: valid — {dataset.units['district_code'].nunique()} districts, "
          f"{len(dataset.units)} communes, {len(dataset.progress)} progress rows, "
          f"{len(dataset.targets)} targets")
    _print_warnings(dataset.warnings(lang=args.lang), args.lang)
    return EXIT_OK


MAX_WARNINGS = 10
"""Warnings printed in full; the rest are counted (a first decision makes every earlier typed count disagree)."""


def _print_warnings(warnings: list[str], lang: str) -> None:
    for warning in warnings[:MAX_WARNINGS]:
        print(warning)
    if len(warnings) > MAX_WARNINGS:
        print(words(lang)["cli"]["more_warnings"].format(n=len(warnings) - MAX_WARNINGS))


def _cmd_progress(args: argparse.Namespace) -> int:

    dataset = load_dataset(_data_dir(args.data))
    print(format_standing(standing(dataset, args.as_of)))
    _warn_if_stale(dataset, args.as_of)
    return EXIT_OK


def _undo_import(args: argparse.Namespace, stem: str) -> int:
    """``--undo`` of `import` and `import-decision`: restore ``<stem>.csv`` of --out as it was."""
    if args.file is not None or args.dry_run:
        raise _UsageError(f"--undo restores the previous {stem}.csv of --out; give no file and no --dry-run")
    out = _folder(args.out, "folder to restore")
    try:
        print(undo(out, lang=args.lang, stem=stem).describe())
    except OSError as err:
        raise write_problem(err, out / f"{stem}.csv") from None
    return EXIT_OK


def _import_paths(args: argparse.Namespace, what: str, stem: str) -> tuple[Path, Path, Path]:
    """The checked input file, the writable data folder and the folder whose units.csv names the units."""
    if args.file is None:
        raise _UsageError(f"give {what}, or --undo to restore the previous {stem}.csv")
    problem = describe_path(Path(args.file))
    if problem:
        raise _UsageError(f"{args.file}: {problem}")
    out = _folder(args.out, "folder to import into")
    if not out.stat().st_mode & 0o222:
        raise CdsAnalysisError(f"{out}: the folder is read-only; nothing was written")
    frame_dir = _data_dir(args.data) or (out if (out / "units.csv").is_file() else bundled_data_dir())
    return Path(args.file), out, frame_dir


def _report_line(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _cmd_import(args: argparse.Namespace) -> int:
    if args.undo:
        return _undo_import(args, "progress")
    source, out, frame_dir = _import_paths(args, "the form to import (FILE.xlsx)", "progress")
    targets = frame_dir / "targets.csv"
    try:
        update = import_sheet(source, read_text_table(frame_dir / "units.csv"), out, sheet=args.sheet,
                              as_of=args.as_of, status=args.status, source=args.source, measure=args.measure,
                              include_hidden=args.include_hidden, dry_run=args.dry_run,
                              targets=read_text_table(targets) if targets.exists() else None, lang=args.lang,
                              report=_report_line)
    except OSError as err:  # a full disk or a read-only mount met while reading or writing
        raise write_problem(err, out / "progress.csv") from None
    print(f"{args.file}, sheet {update.sheet}:\n{update.describe()}")
    return EXIT_OK


def _cmd_import_decision(args: argparse.Namespace) -> int:
    if args.undo:
        return _undo_import(args, STEM)
    source, out, frame_dir = _import_paths(args, "the decision's list (FILE.xlsx or FILE.csv)", STEM)
    try:
        result = import_decision(source, read_text_table(frame_dir / "units.csv"), out,
                                 decision=args.decision, date=args.date, credited_year=args.credited_year,
                                 source=args.source, sheet=args.sheet, include_hidden=args.include_hidden,
                                 dry_run=args.dry_run, lang=args.lang, report=_report_line)
    except OSError as err:
        raise write_problem(err, out / f"{STEM}.csv") from None
    print(f"{args.file}:\n{result.describe()}")
    if result.written and (out / "progress.csv").is_file() and (out / "units.csv").is_file():
        with contextlib.suppress(CdsAnalysisError):  # the decision is written; a folder's other problems are validate's
            _print_warnings(load_dataset(out).warnings(lang=args.lang), args.lang)
    return EXIT_OK


def _cmd_template(args: argparse.Namespace) -> int:

    out = _output_file(args.out, (".xlsx",))
    written = write_form(load_dataset(_data_dir(args.data)), out, as_of=args.as_of)
    print(words(args.lang)["cli"]["form_written"].format(path=written))
    return EXIT_OK


def _cmd_forecast(args: argparse.Namespace) -> int:

    out = _output_file(args.out, (".csv", ".xlsx")) if args.out else None
    dataset = load_dataset(_data_dir(args.data))
    if dataset.targets.empty:
        raise CdsAnalysisError(f"{Path(dataset.source) / 'targets.csv'} has no rows: there is no target to "
                               f"assess; add the targets (one row per district, deadline and kind)")
    _warn_if_stale(dataset, args.as_of, args.lang)
    result = forecast(dataset, as_of=args.as_of, until=args.until, model=args.model, draws=args.draws,
                      seed=args.seed)
    table = assess(result)
    print(f"Forecast ({args.model}, {result.draws} draws, seed {args.seed}) as of {result.as_of:%Y-%m-%d}; "
          f"P(meet) = share of simulated paths reaching the target by its deadline")
    print(format_assessment(table, result.as_of, lang=args.lang, long=args.long))
    sureness = province_interval_line(result, lang=args.lang)
    if sureness:
        print("\n" + sureness)
    note = illustrative_note(result.dataset, lang=args.lang)
    if note:
        print("\n" + note)
    if out is not None:
        _write_table(table, out, args.lang, result.as_of, note)
        print(f"wrote {out}")
    return EXIT_OK


def _write_table(table, out: Path, lang: str, as_of, note: str) -> None:
    """The assessment as the officials' workbook or as a CSV for Excel (formula-like names neutralised)."""
    if out.suffix.lower() == ".xlsx":
        write_assessment_xlsx(table, out, lang=lang, as_of=as_of, caveat=note)
    else:
        write_summary_csv(table, out, lang=lang, as_of=as_of)


def _cmd_synthetic(args: argparse.Namespace) -> int:

    out = Path(args.out)
    present = [name for name in TABLE_FILES.values() if (out / name).exists()]
    if present:  # misuse, not bad data: a data folder is never overwritten
        raise _UsageError(f"--out {args.out} already holds {', '.join(present)}; choose an empty or new folder")
    if args.communes is not None and args.communes < args.districts:
        raise _UsageError(f"--communes {args.communes} cannot fill {args.districts} districts (one at least each)")
    folder = write_synthetic(out, districts=args.districts, communes=args.communes, periods=args.periods,
                             seed=args.seed, reform=args.reform)
    print(f"wrote a synthetic data folder into {folder}: {args.districts} districts, seed {args.seed} "
          "(made-up figures, every row marked illustrative; see its README.md)")
    return EXIT_OK


def _cmd_render(args: argparse.Namespace) -> int:
    districts = None
    if args.districts is not None:
        districts = [d.strip() for d in args.districts.split(",") if d.strip()]
        if not districts:
            raise _UsageError("--districts names no district: give codes or names separated by commas, "
                              "or leave it out to render every district")
    try:
        with _signals_as_interrupt():
            result = render(_data_dir(args.data), as_of=args.as_of, districts=districts, jobs=args.jobs,
                            out=args.out, lang=args.lang, draws=args.draws, seed=args.seed,
                            progress=not args.quiet, compare=args.compare, scheduler=args.scheduler,
                            model=args.model)
    except RenderArgumentError as err:
        raise _UsageError(str(err)) from None
    except KeyboardInterrupt:
        print("cdsanalysis render: interrupted; nothing was written (reports already in the output folder "
              "are unchanged)", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as err:
        where = err.filename or args.out or "reports"
        raise CdsAnalysisError(f"{where}: {err.strerror or err}; nothing was written (reports already in the "
                               "output folder are unchanged)") from None
    _print_render(result, args.lang)
    return EXIT_OK if result.ok else EXIT_DATA


def _print_render(result, lang: str) -> None:
    if not result.table.empty:
        print(format_assessment(result.table, result.as_of, lang=lang))
        if any_illustrative(result.table["data_status"], result.table["target_status"]):
            print("\n" + words(lang)["cli_illustrative"])
    if result.changes is not None:
        print(_changes_line(result.changes))
    done = len(result.outcomes) - len(result.failed)
    kept = len(result.outcomes) - len(result.rendered)
    if kept:
        print(f"updated {len(result.rendered)} district(s) ({', '.join(result.rendered)}) in {result.out_dir}; "
              f"the other {kept} kept from the previous render of the same data and parameters "
              f"({done} of {len(result.outcomes)} ok), in {result.timings['total_seconds']:.1f} s")
    else:
        print(f"rendered {done} of {len(result.outcomes)} districts into {result.out_dir} "
              f"in {result.timings['total_seconds']:.1f} s")
    for outcome in result.failed:
        print(f"failed: {outcome.district_name} ({outcome.district_code}): {outcome.error}", file=sys.stderr)


@contextlib.contextmanager
def _signals_as_interrupt():
    """Turn SIGTERM into KeyboardInterrupt, so a terminated render cleans up as after Ctrl-C."""
    import signal

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _changes_line(changes) -> str:
    """One line on what changed since the previous render (the index lists them)."""
    if changes.previous is None:
        return "what changed: nothing to compare with (first render here)"
    if changes.problem:
        return f"what changed: could not compare ({changes.problem})"
    counts = changes.counts()
    return (f"what changed since {changes.previous}: {counts['data_new']} new, {counts['data_changed']} corrected, "
            f"{counts['data_removed']} replaced figures; {counts['status']} statuses moved; {counts['chance']} "
            "chances moved 10+ points (see index.html)")


def _add_data_options(parser: argparse.ArgumentParser, *, data: str = "data directory (default: the bundled data)",
                      as_of: str = "forecast origin, YYYY-MM-DD or day first (default: the latest date in the "
                                   "data)") -> None:
    """``--data`` and ``--as-of``, declared once for every command that reads a data folder at a date.

    The help text may say what the folder or the date is for in that command.
    """
    parser.add_argument("--data", help=data)
    parser.add_argument("--as-of", type=_date, help=as_of)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cdsanalysis",
        description=words(DEFAULT_LANG)["cli"]["description"],
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a data directory and list every problem")
    validate.add_argument("directory", nargs="?", help="directory with units.csv, progress.csv, "
                          "targets.csv (default: the bundled data)")
    validate.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of the warnings "
                          "(default: vi)")
    validate.set_defaults(run=_cmd_validate)

    progress = commands.add_parser("progress", help="print where each district stands")
    _add_data_options(progress, as_of="date, YYYY-MM-DD or day first (default: the latest in the data)")
    progress.set_defaults(run=_cmd_progress)

    importer = commands.add_parser("import", help="merge a district progress form (.xlsx) into a data "
                                   "folder's progress.csv, if the result is valid")
    importer.add_argument("file", nargs="?", help="the .xlsx file (never modified)")
    importer.add_argument("--out", required=True, help="existing data folder whose progress.csv receives the rows")
    _add_data_options(importer, data="data folder whose units.csv and targets.csv check the rows (default: OUT's "
                      "own, else the bundled data)", as_of="date of the counts when the sheet does not say "
                      "(YYYY-MM-DD or day first)")
    importer.add_argument("--sheet", help="sheet name, or 0-based position (default: the first visible sheet "
                          "with a header)")
    importer.add_argument("--source", help="provenance written in each row (default: file and sheet name)")
    importer.add_argument("--status", default="actual", help="status of the rows (default: actual)")
    importer.add_argument("--measure", choices=MEASURES,
                          help="what the form's counts are: recognised (by a provincial decision), claimed (the "
                          "districts' own reports; status becomes claim) or registered (default: from --status)")
    importer.add_argument("--include-hidden", action="store_true", help="also read hidden sheets, rows and "
                          "columns (skipped by default, and reported)")
    importer.add_argument("--dry-run", action="store_true", help="show the rows that would be added and "
                          "replaced; write nothing")
    importer.add_argument("--undo", action="store_true", help="restore OUT/progress.csv as it was before the "
                          "last import (kept in OUT/history/), byte for byte")
    importer.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of the summary "
                          "(default: vi)")
    importer.set_defaults(run=_cmd_import)

    decision = commands.add_parser("import-decision", help="add a provincial decision's list of recognised "
                                   "communes (.xlsx or .csv) to a data folder's recognitions.csv, if every name "
                                   "resolves")
    decision.add_argument("file", nargs="?", help="the decision's list, .xlsx or .csv (never modified)")
    decision.add_argument("--out", required=True, help="existing data folder whose recognitions.csv receives the "
                          "communes (created if missing)")
    decision.add_argument("--data", help="data folder whose units.csv matches the names (default: OUT's own, else "
                          "the bundled data)")
    decision.add_argument("--decision", help=f"the decision's number, e.g. {words('en')['decision_number_example']} "
                          "(default: read from the file's title)")
    decision.add_argument("--date", type=_date, help="the decision's date, D/M/YYYY or YYYY-MM-DD (default: read "
                          "from the file's title)")
    decision.add_argument("--credited-year", type=_whole_number(1900, 2199), help="the year the decision counts "
                          "the communes for (may be earlier than the decision's; default: a column headed for the "
                          "credited year)")
    decision.add_argument("--source", help="provenance written in each row (default: the decision and the file)")
    decision.add_argument("--sheet", help="sheet name (default: the first visible sheet)")
    decision.add_argument("--include-hidden", action="store_true", help="also read hidden sheets, rows and columns")
    decision.add_argument("--dry-run", action="store_true", help="show the communes that would be added; write "
                          "nothing")
    decision.add_argument("--undo", action="store_true", help="restore OUT/recognitions.csv as it was before the "
                          "last import-decision (kept in OUT/history/)")
    decision.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of the summary (default: vi)")
    decision.set_defaults(run=_cmd_import_decision)

    template = commands.add_parser("template", help="write the district form (.xlsx) that import reads")
    template.add_argument("--out", required=True, help="the form to write, FILE.xlsx (its folder must exist)")
    _add_data_options(template, data="data folder whose districts fill the form (default: the bundled data)",
                      as_of="date the figures are asked for (default: the last day of the previous month)")
    template.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of the message "
                          "(default: vi; the form itself is Vietnamese)")
    template.set_defaults(run=_cmd_template)

    renderer = commands.add_parser("render", help="render every district's forecast report (HTML, PNG, "
                                   "summary.csv/.xlsx, index.html) into OUT/<as_of>/")
    _add_data_options(renderer)
    renderer.add_argument("--districts", help="comma-separated codes or names (default: every district); "
                          "updates only those districts in OUT/<as_of>/ and keeps the others")
    renderer.add_argument("--jobs", type=int, help="parallel processes (default: the number of cores)")
    renderer.add_argument("--out", help="output root (default: reports/ in the current folder)")
    renderer.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="report language (default: vi)")
    renderer.add_argument("--draws", type=_DRAWS, default=DEFAULT_DRAWS, help=f"simulated paths, 1 to {MAX_DRAWS} "
                          f"(default: {DEFAULT_DRAWS})")
    renderer.add_argument("--seed", type=_SEED, default=0, help="random seed, 0 or more (default: 0)")
    renderer.add_argument("--compare", help="an earlier run's folder (reports/<date>) to compare with "
                          "(default: the run replaced, else the latest earlier one)")
    renderer.add_argument("--scheduler", metavar="ADDRESS", help="render on a Dask cluster: a scheduler address "
                          "(tcp://host:8786) or 'local' for a LocalCluster on this machine (default: a local "
                          "process pool)")
    renderer.add_argument("--model", default="hazard", choices=MODEL_NAMES,
                          help="model (default: hazard; 'last' or 'linear' where the hazard model cannot be fitted)")
    renderer.add_argument("--quiet", action="store_true", help="no progress bar")
    renderer.set_defaults(run=_cmd_render)

    synthetic = commands.add_parser("synthetic", help="write a made-up data folder of any size (units, "
                                    "progress, targets, marked illustrative) to try the workflow at scale")
    synthetic.add_argument("--districts", type=_positive_int, required=True, help="district-level units")
    synthetic.add_argument("--communes", type=_positive_int, help="communes in all (default: 25 a district)")
    synthetic.add_argument("--periods", type=_positive_int, default=6,
                           help="half-yearly counts from 2021-12-31 (default: 6)")
    synthetic.add_argument("--seed", type=_SEED, default=0, help="random seed, 0 or more (default: 0)")
    synthetic.add_argument("--out", required=True, help="a new or empty folder to write into")
    synthetic.add_argument("--reform", type=_date, default=None,
                           help="post-reform shape: on this date (after the last count) the districts end and "
                                "every three communes of a district become one, the province its only group "
                                "(writes changes.csv)")
    synthetic.set_defaults(run=_cmd_synthetic)

    fc = commands.add_parser("forecast", help="forecast every district and assess its targets")
    _add_data_options(fc)
    fc.add_argument("--until", type=_date, default=None,
                    help="end of the horizon (default: the last target deadline after --as-of, or a year ahead)")
    fc.add_argument("--model", default="hazard", choices=MODEL_NAMES, help="model (default: hazard)")
    fc.add_argument("--draws", type=_DRAWS, default=DEFAULT_DRAWS,
                    help=f"simulated paths, 1 to {MAX_DRAWS} (default: {DEFAULT_DRAWS})")
    fc.add_argument("--seed", type=_SEED, default=0, help="random seed, 0 or more (default: 0)")
    fc.add_argument("--lang", default=DEFAULT_LANG, choices=LANGS, help="status labels (default: vi)")
    fc.add_argument("--long", action="store_true", help="one row per target, past deadlines included")
    fc.add_argument("--out", help="also write the full assessment to FILE.csv or FILE.xlsx")
    fc.set_defaults(run=_cmd_forecast)
    return parser


def _levels_of_command(args: argparse.Namespace) -> Levels | None:
    """The level words of the data folder a command reads or writes (its levels.csv), None for the defaults."""
    folders = [getattr(args, "data", None), getattr(args, "directory", None)]
    if args.command in ("import", "import-decision"):
        folders.insert(0, getattr(args, "out", None))
    for folder in folders:
        if folder and levels_path(folder).is_file():
            return load_levels(folder)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    with _printable_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and EXIT_USAGE
    try:
        with using_levels(_levels_of_command(args)):  # "24 huyện không báo cáo", or the folder's own words
            return args.run(args)
    except BrokenPipeError:
        # `cdsanalysis progress | head`: the reader has all it wants. Point stdout at /dev/null so
        # that the interpreter's final flush does not fail a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except _UsageError as err:
        print(f"cdsanalysis {args.command}: {err}", file=sys.stderr)
        return EXIT_USAGE
    except DataValidationError as err:
        print(str(err), file=sys.stderr)
        return EXIT_DATA
    except CdsAnalysisError as err:
        print(f"cdsanalysis {args.command}: {err}", file=sys.stderr)
        return EXIT_DATA


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
