"""The ``cdsanalysis`` command: parse, call one public function, map errors to exit codes.

Every line it prints is in the language chosen with ``--lang`` (before or after the command), else
the environment variable ``CDSANALYSIS_LANG``, else Vietnamese; the data layer's errors are read
again in that language (`cdsanalysis.wording.messages.error_text`).

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
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

from cdsanalysis.data.dataset import bundled_data_dir, load_dataset
from cdsanalysis.data.dates import parse_date
from cdsanalysis.data.decision_import import STEM, import_decision
from cdsanalysis.data.form import write_form
from cdsanalysis.data.freshness import district_freshness, no_figure_since, stale_data_note
from cdsanalysis.data.io import TABLE_FILES, describe_path, read_text_table
from cdsanalysis.data.levels import levels_path, load_levels
from cdsanalysis.data.progress_history import undo, write_problem
from cdsanalysis.data.progress_update import import_sheet
from cdsanalysis.data.provenance import any_illustrative, illustrative_note
from cdsanalysis.data.schema import MEASURES
from cdsanalysis.data.snapshot import standing
from cdsanalysis.exceptions import CdsAnalysisError, DataValidationError, ForecastWarning
from cdsanalysis.model.assessment import assess
from cdsanalysis.model.projection import forecast
from cdsanalysis.model.registry import MODEL_NAMES  # light: names only
from cdsanalysis.model.synthetic import write_synthetic
from cdsanalysis.report.content.province import province_interval_line
from cdsanalysis.report.run.batch import RenderArgumentError, render
from cdsanalysis.report.writers.display import format_assessment, format_standing
from cdsanalysis.report.writers.excel import write_assessment_xlsx, write_summary_csv
from cdsanalysis.settings import DEFAULT_DRAWS, MAX_DRAWS, MAX_SEED
from cdsanalysis.wording import DEFAULT_LANG, LANGS, check_lang, words
from cdsanalysis.wording.formats import format_date
from cdsanalysis.wording.levels import Levels, using_levels
from cdsanalysis.wording.messages import error_text, in_lang, said

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130

LANG_VARIABLE = "CDSANALYSIS_LANG"
"""The environment variable that chooses the language when no ``--lang`` is given (``vi`` or ``en``)."""


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
    """A command-line mistake (exit 2), as opposed to bad data (exit 1); its message may be a `Message`."""


def _said(key: str, /, **params) -> str:
    """A line of the catalogue's ``command`` section in the language of this run."""
    return words(_LANG)["command"][key].format(**params)


_LANG = DEFAULT_LANG
"""The language of the run under way (set by `_main` from ``--lang`` or `LANG_VARIABLE`)."""


def _folder(value: str | None, what: str = "what_data") -> Path | None:
    """An existing folder named on the command line (exit 2 when it is missing or not a folder)."""
    if value is None:
        return None
    path = Path(value)
    if path.is_dir():
        return path
    if path.exists():
        raise _UsageError(_said("not_folder", value=value, what=_said(what)))
    raise _UsageError(_said("no_folder", value=value, what=_said(what)))


def _data_dir(value: str | None) -> Path | None:
    return _folder(value)


def _output_file(value: str, suffixes: tuple[str, ...]) -> Path:
    """A file to write: right suffix, in a folder that exists (none is created), not a folder itself."""
    path = Path(value)
    if path.suffix.lower() not in suffixes or path.is_dir():
        raise _UsageError(_said("file_suffix", value=value, suffixes=_said("or").join(suffixes)))
    if not path.parent.is_dir():
        raise _UsageError(_said("no_parent", value=value, folder=path.parent))
    return path


def _whole_number(low: int, high: int | None = None):
    """An argparse type: a whole number in [low, high], else exit 2 quoting what was given."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_said("whole", text=text)) from None
        if value < low or (high is not None and value > high):
            bound = _said("between", low=low, high=high) if high is not None else _said("at_least", low=low)
            raise argparse.ArgumentTypeError(_said("whole_bound", bound=bound, text=text))
        return value
    return parse


def _date(text: str):
    """An argparse type: a date, ISO or day first (1/7/2024 is 1 July), quoted back when it is not one."""
    try:
        return parse_date(text, said("the_value"))
    except CdsAnalysisError as err:
        raise argparse.ArgumentTypeError(error_text(err, _LANG)) from None


def _lang(text: str) -> str:
    """An argparse type: a language of the catalogue, checked by the one check (`wording.check_lang`)."""
    try:
        return check_lang(text)
    except CdsAnalysisError:
        raise argparse.ArgumentTypeError(_said("bad_lang", text=text, langs=", ".join(LANGS))) from None


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
    print(_said("valid", directory=directory, n_groups=dataset.units["district_code"].nunique(),
                communes=len(dataset.units), progress=len(dataset.progress), targets=len(dataset.targets)))
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
    fresh = district_freshness(dataset, args.as_of)
    behind = fresh[fresh["behind"]]
    notes = {code: no_figure_since(date, args.lang) for code, date in zip(behind["district_code"],
                                                                         behind["latest_date"], strict=True)}
    print(format_standing(standing(dataset, args.as_of), args.lang, notes=notes))
    if notes:
        print("\n" + _said("behind", n=len(notes), total=len(fresh),
                            date=format_date(fresh["round_date"].iloc[0], args.lang)))
    _warn_if_stale(dataset, args.as_of, args.lang)
    return EXIT_OK


def _undo_import(args: argparse.Namespace, stem: str) -> int:
    """``--undo`` of `import` and `import-decision`: restore ``<stem>.csv`` of --out as it was."""
    if args.file is not None or args.dry_run:
        raise _UsageError(_said("undo_alone", stem=stem))
    out = _folder(args.out, "what_restore")
    try:
        print(undo(out, lang=args.lang, stem=stem).describe())
    except OSError as err:
        raise write_problem(err, out / f"{stem}.csv") from None
    return EXIT_OK


def _import_paths(args: argparse.Namespace, what: str, stem: str) -> tuple[Path, Path, Path]:
    """The checked input file, the writable data folder and the folder whose units.csv names the units."""
    if args.file is None:
        raise _UsageError(_said("give_file", what=_said(what), stem=stem))
    problem = describe_path(Path(args.file))
    if problem:
        raise _UsageError(f"{args.file}: {in_lang(problem, args.lang)}")
    out = _folder(args.out, "what_import")
    if not out.stat().st_mode & 0o222:
        raise CdsAnalysisError(_said("read_only", folder=out))
    frame_dir = _data_dir(args.data) or (out if (out / "units.csv").is_file() else bundled_data_dir())
    return Path(args.file), out, frame_dir


def _report_line(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _cmd_import(args: argparse.Namespace) -> int:
    if args.undo:
        return _undo_import(args, "progress")
    source, out, frame_dir = _import_paths(args, "what_form", "progress")
    targets = frame_dir / "targets.csv"
    try:
        update = import_sheet(source, read_text_table(frame_dir / "units.csv"), out, sheet=args.sheet,
                              as_of=args.as_of, status=args.status, source=args.source, measure=args.measure,
                              include_hidden=args.include_hidden, dry_run=args.dry_run,
                              targets=read_text_table(targets) if targets.exists() else None, lang=args.lang,
                              report=_report_line)
    except OSError as err:  # a full disk or a read-only mount met while reading or writing
        raise write_problem(err, out / "progress.csv") from None
    print(_said("import_head", file=args.file, sheet=update.sheet) + "\n" + update.describe(args.lang))
    return EXIT_OK


def _cmd_import_decision(args: argparse.Namespace) -> int:
    if args.undo:
        return _undo_import(args, STEM)
    source, out, frame_dir = _import_paths(args, "what_decision", STEM)
    try:
        result = import_decision(source, read_text_table(frame_dir / "units.csv"), out,
                                 decision=args.decision, date=args.date, credited_year=args.credited_year,
                                 source=args.source, sheet=args.sheet, include_hidden=args.include_hidden,
                                 dry_run=args.dry_run, lang=args.lang, report=_report_line)
    except OSError as err:
        raise write_problem(err, out / f"{STEM}.csv") from None
    print(f"{args.file}:\n{result.describe(args.lang)}")
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
        raise CdsAnalysisError(_said("no_targets", path=Path(dataset.source) / "targets.csv"))
    _warn_if_stale(dataset, args.as_of, args.lang)
    result = forecast(dataset, as_of=args.as_of, until=args.until, model=args.model, draws=args.draws,
                      seed=args.seed)
    table = assess(result)
    print(_said("forecast_head", model=args.model, draws=result.draws, seed=args.seed,
                date=format_date(result.as_of, args.lang)))
    print(format_assessment(table, result.as_of, lang=args.lang, long=args.long))
    sureness = province_interval_line(result, lang=args.lang)
    if sureness:
        print("\n" + sureness)
    note = illustrative_note(result.dataset, lang=args.lang)
    if note:
        print("\n" + note)
    if out is not None:
        _write_table(table, out, args.lang, result.as_of, note)
        print(_said("wrote", path=out))
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
        raise _UsageError(_said("out_not_empty", out=args.out, names=", ".join(present)))
    if args.communes is not None and args.communes < args.districts:
        raise _UsageError(_said("too_few_communes", communes=args.communes, n_groups=args.districts))
    folder = write_synthetic(out, districts=args.districts, communes=args.communes, periods=args.periods,
                             seed=args.seed, reform=args.reform)
    print(_said("synthetic", folder=folder, n_groups=args.districts, seed=args.seed))
    return EXIT_OK


def _cmd_render(args: argparse.Namespace) -> int:
    districts = None
    if args.districts is not None:
        districts = [d.strip() for d in args.districts.split(",") if d.strip()]
        if not districts:
            raise _UsageError(_said("no_districts", option="--districts"))
    try:
        with _signals_as_interrupt():
            result = render(_data_dir(args.data), as_of=args.as_of, districts=districts, jobs=args.jobs,
                            out=args.out, lang=args.lang, draws=args.draws, seed=args.seed,
                            progress=not args.quiet, compare=args.compare, scheduler=args.scheduler,
                            model=args.model, until=args.until)
    except RenderArgumentError as err:
        raise _UsageError(error_text(err, args.lang)) from None
    except KeyboardInterrupt:
        print(_said("interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as err:
        where = err.filename or args.out or "reports"
        raise CdsAnalysisError(_said("render_os_error", where=where, why=err.strerror or err)) from None
    _print_render(result, args.lang)
    return EXIT_OK if result.ok else EXIT_DATA


def _print_render(result, lang: str) -> None:
    if not result.table.empty:
        print(format_assessment(result.table, result.as_of, lang=lang))
        if any_illustrative(result.table["data_status"], result.table["target_status"]):
            print("\n" + words(lang)["cli_illustrative"])
    if result.changes is not None:
        print(_changes_line(result.changes, lang))
    done = len(result.outcomes) - len(result.failed)
    kept = len(result.outcomes) - len(result.rendered)
    if kept:
        print(_said("updated", n=len(result.rendered), names=", ".join(result.rendered), out=result.out_dir,
                    kept=kept, done=done, total=len(result.outcomes), seconds=result.timings["total_seconds"]))
    else:
        print(_said("rendered", done=done, total=len(result.outcomes), out=result.out_dir,
                    seconds=result.timings["total_seconds"]))
    for outcome in result.failed:
        print(_said("failed", name=outcome.district_name, code=outcome.district_code, error=outcome.error),
              file=sys.stderr)


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


def _changes_line(changes, lang: str) -> str:
    """One line on what changed since the previous render (the index lists them)."""
    if changes.previous is None:
        return _said("changes_none")
    if changes.problem:
        return _said("changes_problem", problem=in_lang(changes.problem, lang))
    return _said("changes", previous=changes.previous, **changes.counts())


def _add_data_options(parser: argparse.ArgumentParser, *, data: str = "data", as_of: str = "as_of") -> None:
    """``--data`` and ``--as-of``, declared once for every command that reads a data folder at a date.

    The help text (a key of the catalogue's ``command_help``) may say what the folder or the date is for in
    that command.
    """
    parser.add_argument("--data", help=_help(data))
    parser.add_argument("--as-of", type=_date, help=_help(as_of))


def _help(key: str, /, **params) -> str:
    """A help text of the catalogue's ``command_help`` section, in the language of the run."""
    return words(_LANG)["command_help"][key].format(**params)


def _add_lang(parser: argparse.ArgumentParser, help: str | None = None, default: object = argparse.SUPPRESS) -> None:
    """``--lang``, one option with one meaning: the language of everything the command prints (and, for
    render, of the reports). Given after a command it wins over one given before; else `LANG_VARIABLE`,
    else Vietnamese."""
    parser.add_argument("--lang", type=_lang, metavar="{" + ",".join(LANGS) + "}", default=default,
                        help=help or _said("help_lang", variable=LANG_VARIABLE, default=DEFAULT_LANG))


_ARGPARSE = (
    ("arg_argument", re.compile(r"argument (?P<name>\S+): (?P<message>.*)", re.S)),
    ("arg_required", re.compile(r"the following arguments are required: (?P<names>.*)", re.S)),
    ("arg_unrecognized", re.compile(r"unrecognized arguments: (?P<names>.*)", re.S)),
    ("arg_choice", re.compile(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", re.S)),
    ("arg_expected_one", re.compile(r"expected one argument")),
    ("arg_ambiguous", re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", re.S)),
    ("arg_invalid_value", re.compile(r"invalid (?P<type>\S+) value: (?P<value>.*)", re.S)),
)
"""argparse's own English sentences (it has no language option), matched to be said in the catalogue's words."""


def _argparse_text(message: str) -> str:
    for key, pattern in _ARGPARSE:
        found = pattern.fullmatch(message)
        if found:
            params = found.groupdict()
            if "message" in params:
                params["message"] = _argparse_text(params["message"])
            return _said(key, **params)
    return message


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage line, headings and errors read in the language of the run."""

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", _said("arg_usage"), 1)

    def format_help(self) -> str:
        text = super().format_help().replace("usage: ", _said("arg_usage"), 1)
        for english, key in (("positional arguments:", "arg_positional"), ("options:", "arg_options"),
                             ("show this help message and exit", "arg_help")):
            text = text.replace(english, _said(key))
        return text

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, _said("arg_error", prog=self.prog, message=_argparse_text(message)) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cdsanalysis",
        description=words(_LANG)["cli"]["description"],
    )
    _add_lang(parser, default=None)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help=_help("validate"))
    validate.add_argument("directory", nargs="?", metavar=_help("metavar_directory"),
                          help=_help("validate_directory"))
    _add_lang(validate)
    validate.set_defaults(run=_cmd_validate)

    progress = commands.add_parser("progress", help=_help("progress"))
    _add_data_options(progress, as_of="progress_as_of")
    _add_lang(progress)
    progress.set_defaults(run=_cmd_progress)

    importer = commands.add_parser("import", help=_help("import"))
    importer.add_argument("file", nargs="?", metavar=_help("metavar_file"), help=_help("import_file"))
    importer.add_argument("--out", required=True, help=_help("import_out"))
    _add_data_options(importer, data="import_data", as_of="import_as_of")
    importer.add_argument("--sheet", help=_help("import_sheet"))
    importer.add_argument("--source", help=_help("import_source"))
    importer.add_argument("--status", default="actual", help=_help("import_status"))
    importer.add_argument("--measure", choices=MEASURES, help=_help("import_measure"))
    importer.add_argument("--include-hidden", action="store_true", help=_help("import_hidden"))
    importer.add_argument("--dry-run", action="store_true", help=_help("import_dry_run"))
    importer.add_argument("--undo", action="store_true", help=_help("import_undo"))
    _add_lang(importer)
    importer.set_defaults(run=_cmd_import)

    decision = commands.add_parser("import-decision", help=_help("decision"))
    decision.add_argument("file", nargs="?", metavar=_help("metavar_file"), help=_help("decision_file"))
    decision.add_argument("--out", required=True, help=_help("decision_out"))
    decision.add_argument("--data", help=_help("decision_data"))
    decision.add_argument("--decision", help=_help("decision_decision",
                                                   example=words(_LANG)["decision_number_example"]))
    decision.add_argument("--date", type=_date, help=_help("decision_date"))
    decision.add_argument("--credited-year", type=_whole_number(1900, 2199), help=_help("decision_year"))
    decision.add_argument("--source", help=_help("decision_source"))
    decision.add_argument("--sheet", help=_help("decision_sheet"))
    decision.add_argument("--include-hidden", action="store_true", help=_help("decision_hidden"))
    decision.add_argument("--dry-run", action="store_true", help=_help("decision_dry_run"))
    decision.add_argument("--undo", action="store_true", help=_help("decision_undo"))
    _add_lang(decision)
    decision.set_defaults(run=_cmd_import_decision)

    template = commands.add_parser("template", help=_help("template"))
    template.add_argument("--out", required=True, help=_help("template_out"))
    _add_data_options(template, data="template_data", as_of="template_as_of")
    _add_lang(template)
    template.set_defaults(run=_cmd_template)

    renderer = commands.add_parser("render", help=_help("render"))
    _add_data_options(renderer)
    renderer.add_argument("--districts", help=_help("render_districts"))
    renderer.add_argument("--jobs", type=int, help=_help("render_jobs"))
    renderer.add_argument("--out", help=_help("render_out"))
    renderer.add_argument("--draws", type=_DRAWS, default=DEFAULT_DRAWS,
                          help=_help("draws", most=MAX_DRAWS, default=DEFAULT_DRAWS))
    renderer.add_argument("--seed", type=_SEED, default=0, help=_help("seed"))
    renderer.add_argument("--compare", help=_help("render_compare"))
    renderer.add_argument("--scheduler", metavar="ADDRESS", help=_help("render_scheduler"))
    _add_until(renderer)
    renderer.add_argument("--model", default="hazard", choices=MODEL_NAMES, help=_help("render_model"))
    renderer.add_argument("--quiet", action="store_true", help=_help("render_quiet"))
    _add_lang(renderer, _said("help_lang_render", variable=LANG_VARIABLE, default=DEFAULT_LANG))
    renderer.set_defaults(run=_cmd_render)

    synthetic = commands.add_parser("synthetic", help=_help("synthetic"))
    synthetic.add_argument("--districts", type=_positive_int, required=True, help=_help("synthetic_districts"))
    synthetic.add_argument("--communes", type=_positive_int, help=_help("synthetic_communes"))
    synthetic.add_argument("--periods", type=_positive_int, default=6, help=_help("synthetic_periods"))
    synthetic.add_argument("--seed", type=_SEED, default=0, help=_help("seed"))
    synthetic.add_argument("--out", required=True, help=_help("synthetic_out"))
    synthetic.add_argument("--reform", type=_date, default=None, help=_help("synthetic_reform"))
    _add_lang(synthetic)
    synthetic.set_defaults(run=_cmd_synthetic)

    fc = commands.add_parser("forecast", help=_help("forecast"))
    _add_data_options(fc)
    _add_until(fc)
    fc.add_argument("--model", default="hazard", choices=MODEL_NAMES, help=_help("forecast_model"))
    fc.add_argument("--draws", type=_DRAWS, default=DEFAULT_DRAWS,
                    help=_help("draws", most=MAX_DRAWS, default=DEFAULT_DRAWS))
    fc.add_argument("--seed", type=_SEED, default=0, help=_help("seed"))
    fc.add_argument("--long", action="store_true", help=_help("forecast_long"))
    fc.add_argument("--out", help=_help("forecast_out"))
    _add_lang(fc)
    fc.set_defaults(run=_cmd_forecast)
    return parser


def _add_until(command: argparse.ArgumentParser) -> None:
    """--until, the same for forecast and render (render and forecast check it against the as-of date)."""
    command.add_argument("--until", type=_date, default=None, help=_help("forecast_until"))


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
    global _LANG
    argv = sys.argv[1:] if argv is None else list(argv)
    before, _LANG = _LANG, _chosen_lang(argv)
    try:
        with _printable_output():
            return _main(argv)
    finally:
        _LANG = before


@contextlib.contextmanager
def _forecast_warnings(args: argparse.Namespace) -> Iterator[None]:
    """A `ForecastWarning` is said once, in the analyst's language, after the command's output, without the
    source line Python prints; any other warning is shown as Python would (once the recording has ended:
    shown while recording, it would be recorded again, for ever)."""
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ForecastWarning)
            yield
    finally:
        said_once: list[str] = []
        for record in caught:
            if issubclass(record.category, ForecastWarning):
                text = in_lang(record.message.args[0] if record.message.args else record.message, args.lang)
                said_once += [text] if text not in said_once else []
            else:
                warnings.showwarning(record.message, record.category, record.filename, record.lineno)
        for text in said_once:
            print(f"cdsanalysis {args.command}: {text}", file=sys.stderr)


def _chosen_lang(argv: list[str]) -> str:
    """The language asked for, read before parsing so that help and parse errors use it too: the last valid
    ``--lang`` of ``argv``, else `LANG_VARIABLE`, else the default (a wrong value is the parser's to report)."""
    given = [value for option, value in zip(argv, argv[1:], strict=False) if option == "--lang"]
    given += [arg.split("=", 1)[1] for arg in argv if arg.startswith("--lang=")]
    for value in [*reversed(given), os.environ.get(LANG_VARIABLE, "")]:
        with contextlib.suppress(CdsAnalysisError):
            return check_lang(value)
    return DEFAULT_LANG


def _main(argv: list[str]) -> int:
    global _LANG
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and EXIT_USAGE
    if args.lang is None:  # no --lang: the environment's choice, checked like an option
        variable = os.environ.get(LANG_VARIABLE) or DEFAULT_LANG
        try:
            args.lang = check_lang(variable)
        except CdsAnalysisError:
            print(f"cdsanalysis: {LANG_VARIABLE}: {_said('bad_lang', text=variable, langs=', '.join(LANGS))}",
                  file=sys.stderr)
            return EXIT_USAGE
    _LANG = args.lang
    try:
        levels = _levels_of_command(args)
    except CdsAnalysisError as err:  # a malformed levels.csv, named by file, row and column
        return _refused(err, args)
    with using_levels(levels), _forecast_warnings(args):  # "24 huyện không báo cáo", or the folder's own words
        try:
            return args.run(args)
        except BrokenPipeError:
            # `cdsanalysis progress | head`: the reader has all it wants. Point stdout at /dev/null so
            # that the interpreter's final flush does not fail a second time.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK
        except _UsageError as err:
            print(f"cdsanalysis {args.command}: {in_lang(err.args[0], args.lang)}", file=sys.stderr)
            return EXIT_USAGE
        except CdsAnalysisError as err:
            return _refused(err, args)


def _refused(err: CdsAnalysisError, args: argparse.Namespace) -> int:
    """Print a data error in the chosen language (a validation error as its list of problems)."""
    if isinstance(err, DataValidationError):
        print(error_text(err, args.lang), file=sys.stderr)
    else:
        print(f"cdsanalysis {args.command}: {error_text(err, args.lang)}", file=sys.stderr)
    return EXIT_DATA


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
