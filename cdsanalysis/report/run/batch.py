"""Batch rendering of the per-district reports: fit once, execute the template per district in parallel.

`render` is a recipe, like papermill's ``execute_notebook``: lock the output root → load the
data → fit once → save the forecast → run one `DistrictJob` per district (a local process
pool by default, or a Dask cluster with ``scheduler=``; `cdsanalysis.report.run.executors`) →
write the summaries (`cdsanalysis.report.run.outputs`) → swap the folder into place.

Everything is written into a staging folder that replaces ``<out>/<as_of>/`` only at the end,
so a re-run never leaves stale files mixed in and a reader never sees half a run; a lock
keeps a second render out of the same ``<out>``, and a render removes what a killed one left.
A partial render (``districts=``) replaces only those districts' files: the others are kept
from the folder it updates, which must have been made from the same data and parameters.
One failing district does not stop the others: its executed notebook is kept and the
summary, the index and `RenderResult.failed` name it.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cdsanalysis.data.dataset import bundled_data_dir, load_dataset
from cdsanalysis.data.dates import parse_date
from cdsanalysis.data.io import atomic_write_bytes, atomic_write_text, read_bounded
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.projection import forecast
from cdsanalysis.model.registry import MODEL_NAMES, MODEL_REVISION
from cdsanalysis.model.store import save_forecast
from cdsanalysis.report.run.changes import check_compare
from cdsanalysis.report.run.cluster import DaskCluster
from cdsanalysis.report.run.executors import Executor, LocalPool
from cdsanalysis.report.run.job import DistrictJob, scrub_machine_paths
from cdsanalysis.report.run.layout import (
    INTERMEDIATE_FOLDERS,
    NotARunFolder,
    OutputRoot,
    RunLayout,
    inside,
    is_run_folder,
    safe_stem,
)
from cdsanalysis.report.run.outcomes import DistrictOutcome, RenderResult
from cdsanalysis.report.run.outputs import summary_table, write_province_files, write_run_record, write_summaries
from cdsanalysis.report.run.template import template_path
from cdsanalysis.settings import (
    DEFAULT_DRAWS,
    FILE_HANDLES_BASE,
    FILE_HANDLES_PER_JOB,
    MAX_DRAWS,
    MAX_JOBS,
    MAX_SEED,
    check_until,
)
from cdsanalysis.wording import DEFAULT_LANG, check_lang, words
from cdsanalysis.wording.levels import using_levels
from cdsanalysis.wording.messages import said

REPORTS = Path("reports")
"""Default output root, relative to the working directory (``make report`` runs in the repository,
whose git ignores it)."""
BUNDLED_DATA = "(bundled data)"
"""What run.json and forecast.npz say for the package's own data folder."""
_COMPARED = ("as_of", "draws", "seed", "lang", "model")
"""Parameters a partial render must share with the folder it updates."""


class RenderArgumentError(CdsAnalysisError):
    """A render was asked for something it cannot do as asked (the CLI exits 2)."""


def check_arguments(lang: str, draws: object, seed: object, jobs: object, districts: object,
                    retries: object) -> None:
    """Refuse impossible arguments before anything is loaded or written."""
    try:
        check_lang(lang)
    except CdsAnalysisError as err:
        raise RenderArgumentError(*err.args) from None
    for name, value, low, high in (("draws", draws, 1, MAX_DRAWS), ("seed", seed, 0, MAX_SEED),
                                   ("retries", retries, 0, 10)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise RenderArgumentError(said("whole_from_to", name=name, low=low, high=high, value=value))
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS):
        raise RenderArgumentError(said("whole_from_to", name="jobs", low=1, high=MAX_JOBS, value=jobs))
    if districts is not None and (isinstance(districts, str) or not [d for d in districts if str(d).strip()]):
        raise RenderArgumentError(said("group_list_arg", parameter="districts", value=repr(districts)))


def render(
    data_dir: str | os.PathLike | None = None,
    as_of: object = None,
    districts: Sequence[object] | None = None,
    jobs: int | None = None,
    out: str | os.PathLike | None = None,
    lang: str = DEFAULT_LANG,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    *,
    template: str | os.PathLike | None = None,
    retries: int = 2,
    progress: bool = True,
    scheduler: str | None = None,
    compare: str | os.PathLike | None = None,
    model: str = "hazard",
    until: object = None,
) -> RenderResult:
    """Render every district's report (or ``districts``: codes or names) into ``<out>/<as_of>/``.

    Fits the hazard model once (``draws`` paths, ``seed``), saves it as ``forecast.npz`` in
    the output folder, and runs the template once per district in ``jobs`` processes
    (default: the number of cores) or, with ``scheduler`` (``"tcp://host:8786"`` or
    ``"local"``), on a Dask cluster. Returns a `RenderResult`; districts that failed are in
    ``.failed`` (the run itself raises only when nothing could start: bad data, unknown
    district, bad arguments, another render writing into ``out``, a dated folder in ``out`` that no
    render made or that holds files a render did not write, or every district failing when there is
    an earlier folder they would replace: it is left as it was). The index compares the run
    with ``compare`` (a folder of an earlier render), else with the run it replaces or the
    latest earlier one in ``out``. The forecast runs to ``until`` (a date; default: the last target
    deadline after the as-of date, or a year after it when every deadline has passed: a folder with no
    future target still renders, and its index says so); ``until`` before the as-of date or more than
    `MAX_HORIZON_YEARS` after it is refused.
    """
    check_arguments(lang, draws, seed, jobs, districts, retries)
    if until is not None:
        try:
            until = parse_date(until, "until")
        except CdsAnalysisError as err:
            raise RenderArgumentError(*err.args) from None
    if model not in MODEL_NAMES:  # the hazard model's own errors suggest another model: --model must exist
        raise RenderArgumentError(said("model_choice", models=", ".join(MODEL_NAMES), value=repr(model)))
    if compare is not None:
        try:
            check_compare(compare)
        except CdsAnalysisError as err:
            raise RenderArgumentError(*err.args) from None
    template = Path(template).resolve() if template is not None else template_path()
    if not template.is_file():
        raise RenderArgumentError(said("template_not_found", path=template))
    jobs = jobs or min(os.cpu_count() or 1, MAX_JOBS)
    ensure_file_handles(jobs if districts is None else min(jobs, len(districts)), lang)
    clock = time.perf_counter()
    root = OutputRoot(Path(out if out is not None else REPORTS), lang)
    try:
        root.lock()
    except NotARunFolder as err:
        raise RenderArgumentError(*err.args) from None
    try:
        root.clean_stale()
        work = root.work_folder()
        try:
            plan = RenderPlan(template=template, jobs=jobs, lang=lang, draws=draws, seed=seed, retries=retries,
                              progress=progress, scheduler=scheduler, compare=compare, model=model, until=until)
            return _Run(root, work, plan, clock).run(data_dir, as_of, districts)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    finally:
        root.unlock()


def ensure_file_handles(jobs: int, lang: str) -> None:
    """Raise this process's open-file limit to what ``jobs`` workers need (up to the hard limit), or refuse before
    anything starts: run out of handles mid-render, every kernel dies and a worker's start prints a traceback."""
    import resource

    need = FILE_HANDLES_BASE + FILE_HANDLES_PER_JOB * jobs
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= need:
        return
    target = need if hard == resource.RLIM_INFINITY else min(need, hard)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ValueError, OSError):
        target = soft
    if target < need:
        raise CdsAnalysisError(words(lang)["render_run"]["file_handles"].format(limit=target, need=need, jobs=jobs))


def portable_path(path: str | os.PathLike, folder: Path) -> str:
    """``path`` as run.json, forecast.npz and the notebooks may say it: relative to the run ``folder`` (they are
    e-mailed; an absolute path names the analyst's machine and account), or just a name for what the package
    ships (the bundled data, the bundled template)."""
    resolved = Path(path).resolve()
    if resolved == bundled_data_dir().resolve():
        return BUNDLED_DATA
    if resolved == template_path().resolve():
        return resolved.name
    return os.path.relpath(resolved, Path(folder).resolve())


class _Ahead(threading.Thread):
    """A step run in this process while the districts run elsewhere (this process would only wait on
    them); `result` waits for it and returns its value or raises its error."""

    def __init__(self, target, *args: Any) -> None:
        super().__init__(name="render-ahead", daemon=True)
        self._call, self._value, self._error = (target, args), None, None

    def run(self) -> None:
        target, args = self._call
        try:
            self._value = target(*args)
        except BaseException as err:  # noqa: BLE001 - raised by `result`, in the render's own thread
            self._error = err

    def result(self) -> Any:
        self.join()
        if self._error is not None:
            raise self._error
        return self._value


def _province_ahead(folder: Path, forecast_file: Path, lang: str) -> tuple[dict | None, str]:
    """The province report (it needs only the forecast), then what the summaries after the districts load."""
    written = write_province_files(folder, forecast_file, lang)
    import openpyxl  # noqa: F401 - loaded in this background thread, ready for summary.xlsx

    return written


@dataclass(frozen=True)
class RenderPlan:
    """What a render was asked to do, checked by `render`: the settings every step of `_Run` reads."""

    template: Path
    jobs: int
    lang: str
    draws: int
    seed: int
    retries: int
    progress: bool
    scheduler: str | None
    compare: str | os.PathLike | None
    model: str = "hazard"
    until: Any = None
    """The forecast's horizon (a `pandas.Timestamp`), or None for the model's default."""


class _Run:
    """One render, step by step: the plan, the output root and the work folder, and what the steps learn
    (the units' names and file stems, what the executor reports)."""

    def __init__(self, root: OutputRoot, work: Path, plan: RenderPlan, clock: float) -> None:
        self.root, self.work, self.plan, self.clock = root, work, plan, clock
        self.log = work / RunLayout.kernel_log_name
        self.executor_record: dict[str, Any] = {}
        self.names: dict[str, str] = {}
        self.stems: dict[str, str] = {}
        self.previous: set[str] = set()
        """The districts of the run a partial render updates."""

    def run(self, data_dir, as_of, districts) -> RenderResult:
        dataset = load_dataset(data_dir)
        with using_levels(dataset.levels):  # every sentence of the run names the levels as the data folder does
            return self._run(dataset, data_dir, as_of, districts)

    def _run(self, dataset, data_dir, as_of, districts) -> RenderResult:
        listing = dataset.districts()
        codes = list(listing["district_code"]) if districts is None else list(dict.fromkeys(
            dataset.district_code(d) for d in districts if str(d).strip()))
        self.names = dict(zip(listing["district_code"], listing["district_name"], strict=False))
        self.stems = {c: safe_stem(c, s) for c, s in zip(listing["district_code"], listing["short_name"], strict=False)}
        if self.plan.until is not None:  # once, before any worker starts: the as-of date is known only now
            try:
                check_until(dataset.latest_date() if as_of is None else parse_date(as_of, "as_of"), self.plan.until)
            except CdsAnalysisError as err:
                raise RenderArgumentError(*err.args) from None
        with self._executor(len(codes)) as executor:  # workers start while the model is fitted here
            result = forecast(dataset, as_of=as_of, until=self.plan.until, model=self.plan.model,
                              draws=self.plan.draws, seed=self.plan.seed)
            steady = forecast(dataset, as_of=as_of, until=result.dates[-1], model="steady", draws=self.plan.draws,
                              seed=self.plan.seed)
            fitted = time.perf_counter()
            final = self.root.final(f"{result.as_of:%Y-%m-%d}")
            try:  # before any district runs: a folder the render did not make is refused, not replaced
                self.root.check_replaceable(final)
            except NotARunFolder as err:
                raise RenderArgumentError(*err.args) from None
            kept = self._kept(final, codes, dataset, result) if districts is not None else {}
            if districts is not None:  # updating a run: what it held but cannot be kept is rendered again
                codes = [c for c in listing["district_code"] if c in codes or (c in self.previous and c not in kept)]
            layout = RunLayout(self.work / final.name)
            layout.folder.mkdir()
            for outcome in kept.values():
                for name in outcome.files:
                    if (final / name).is_file():
                        shutil.copy2(inside(final, name), inside(layout.folder, name))
            source = portable_path(dataset.source, final)  # no machine path in a file that gets e-mailed
            save_forecast(replace(result, dataset=replace(dataset, source=source)), layout.forecast, steady=steady)
            province = _Ahead(_province_ahead, layout.folder, layout.forecast, self.plan.lang)
            province.start()  # it needs only the forecast: while the workers start and run the districts
            outcomes = self._execute(executor, layout, codes, result.as_of)
        rendered = time.perf_counter()
        if codes and not any(outcomes[c].ok for c in codes if c in outcomes) and os.path.lexists(final):
            province.join()  # a run that rendered nothing replaces nothing
            raise CdsAnalysisError(words(self.plan.lang)["render_run"]["all_failed"].format(
                n=len(codes), folder=final, why=self._why_all_failed([outcomes[c] for c in codes if c in outcomes])))
        outcomes.update(kept)
        ordered_codes = [c for c in listing["district_code"] if c in outcomes]
        ordered = tuple(outcomes[c] for c in ordered_codes)
        table = summary_table(result, ordered_codes, outcomes, self.plan.lang)
        changes = write_summaries(layout.folder, table, ordered, dataset, result.as_of, self.plan.lang,
                                  forecast_file=layout.forecast, compare=self.plan.compare, root=self.root.root,
                                  province=province.result(), model=result.model)
        timings = {"fit_seconds": round(fitted - self.clock, 3),
                   "render_seconds": round(rendered - fitted, 3),
                   "total_seconds": round(time.perf_counter() - self.clock, 3)}
        plan = self.plan
        parameters = {"data_dir": portable_path(data_dir, final) if data_dir else None,
                      "as_of": f"{result.as_of:%Y-%m-%d}", "districts": ordered_codes, "rendered": codes,
                      "jobs": plan.jobs, "lang": plan.lang, "draws": int(plan.draws), "seed": int(plan.seed),
                      "model": result.model, "model_revision": MODEL_REVISION,
                      "until": f"{result.dates[-1]:%Y-%m-%d}",
                      "template": portable_path(plan.template, final),
                      "executor": self.executor_record}
        write_run_record(layout.folder, parameters, replace(dataset, source=source), timings, ordered)
        for leftover in INTERMEDIATE_FOLDERS:  # intermediate, for the kernels only
            shutil.rmtree(layout.folder / leftover, ignore_errors=True)
        if self.log.is_file() and any(not o.ok for o in ordered):
            log = read_bounded(self.log, 64 * 1024 * 1024).decode("utf-8", "replace")  # the kernels' messages
            atomic_write_text(layout.kernel_log, scrub_machine_paths(log, layout.folder))
        try:
            self.root.swap(layout.folder, final)
        except NotARunFolder as err:  # something was put into the folder while this render ran
            raise RenderArgumentError(*err.args) from None
        return RenderResult(out_dir=final, as_of=result.as_of, outcomes=ordered, table=table, timings=timings,
                            changes=changes, rendered=tuple(codes))

    # ---- steps -----------------------------------------------------------------------------
    def _executor(self, n_jobs: int) -> Executor:
        if self.plan.scheduler:
            self.executor_record = {"kind": "dask", "scheduler": self.plan.scheduler}
            local = self.plan.scheduler == "local"
            return DaskCluster(self.plan.scheduler, retries=self.plan.retries, lang=self.plan.lang,
                               workers=min(self.plan.jobs, n_jobs) if local else None,
                               scratch=str(self.work / "dask") if local else None)
        workers = min(self.plan.jobs, n_jobs)
        self.executor_record = {"kind": "processes", "workers": workers}
        return LocalPool(workers, str(self.log))

    def _jobs(self, layout: RunLayout, codes: list[str], as_of) -> list:
        return [DistrictJob(
            code=code, name=self.names[code], stem=self.stems[code],
            title=f"{self.names[code]} — {as_of:%Y-%m-%d}",
            lang=self.plan.lang, folder=str(layout.folder), template=str(self.plan.template), retries=self.plan.retries,
            parameters={"district": code, "as_of": f"{as_of:%Y-%m-%d}", "data_dir": None,
                        "forecast_file": layout.forecast_name, "draws": int(self.plan.draws),
                        "seed": int(self.plan.seed),
                        "lang": self.plan.lang},
        ) for code in codes]

    def _execute(self, executor: Executor, layout: RunLayout, codes: list[str], as_of) -> dict[str, DistrictOutcome]:
        from tqdm import tqdm

        jobs = self._jobs(layout, codes, as_of)
        stream = executor.run(jobs, layout.forecast, self.plan.template)
        outcomes: dict[str, DistrictOutcome] = {}
        with tqdm(total=len(jobs), desc="districts", unit="district", disable=not self.plan.progress) as bar:
            for outcome in stream:
                outcomes[outcome.district_code] = self._written(layout, outcome)
                bar.update(1)
                if not outcome.ok and self.plan.progress:
                    bar.write(f"failed: {outcome.district_name} ({outcome.district_code}): {outcome.error}")
        self.executor_record.update(executor.record())
        lost = executor.record().get("lost_worker_retries", {})
        return {code: (o.with_lost_workers(lost[o.stem]) if o.stem in lost else o)
                for code, o in outcomes.items()}

    @staticmethod
    def _written(layout: RunLayout, outcome: DistrictOutcome) -> DistrictOutcome:
        """Write the files a Dask worker returned (each a plain name inside the run folder)."""
        if not outcome.payload:
            return outcome
        for name, data in outcome.payload.items():
            atomic_write_bytes(inside(layout.folder, name), data)
        return replace(outcome, payload=None)

    def _why_all_failed(self, failed: list[DistrictOutcome]) -> str:
        """Why every district failed, in words: a known cause first, then the districts' own errors."""
        import resource

        said = words(self.plan.lang)["render_run"]
        log = ""
        if self.log.is_file():
            try:
                log = read_bounded(self.log, 4 * 1024 * 1024).decode("utf-8", "replace")
            except (OSError, ValueError):
                log = ""
        errors = [o.error for o in failed]
        reasons = []
        if any("Too many open files" in t or "EMFILE" in t for t in (log, *errors)):
            reasons.append(said["too_many_files"].format(limit=resource.getrlimit(resource.RLIMIT_NOFILE)[0]))
        shown = list(dict.fromkeys(f"{o.district_name} ({o.district_code}): {o.error}" for o in failed))
        reasons.append("; ".join(shown[:3]) + (f" (+{len(shown) - 3})" if len(shown) > 3 else ""))
        return "; ".join(reasons)

    def _kept(self, final: Path, codes: list[str], dataset, result) -> dict[str, DistrictOutcome]:
        """The other districts of the folder a partial render updates whose reports are there.

        run.json is read with a bound (a FIFO or /dev/zero in its place is an error, not a hang), and its
        ``ok`` flags are not trusted: a district is kept when its four files are in the (marked) folder,
        and every other district is rendered again.
        """
        record_file = final / RunLayout.run_json_name
        if not final.is_dir():
            return {}
        try:
            record = json.loads(read_bounded(record_file, 256 * 1024 * 1024).decode("utf-8"))
            previous = record["parameters"]
            same = is_run_folder(final) and record["data"]["hash"] == dataset.data_hash and all(
                str(previous.get(k)) == str(v) for k, v in zip(_COMPARED, (
                    f"{result.as_of:%Y-%m-%d}", self.plan.draws, self.plan.seed, self.plan.lang, result.model),
                    strict=True)) and previous.get("until") in (None, f"{result.dates[-1]:%Y-%m-%d}") \
                and previous.get("model_revision") == MODEL_REVISION  # pages of two models never mix
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            same, record = False, {}
        if not same:
            raise RenderArgumentError(said("partial_mismatch", folder=final, option="--districts"))
        listed = previous.get("districts")
        self.previous = {c for c in listed if isinstance(c, str)} if isinstance(listed, list) else set()
        entries = record.get("districts")
        kept = {}
        for entry in entries if isinstance(entries, list) else []:
            try:
                outcome = DistrictOutcome.from_record(entry)
            except (KeyError, TypeError, ValueError, AttributeError):
                continue  # not an object, or not one of ours: that district is rendered again
            code = outcome.district_code
            if code in codes or code not in self.names or outcome.stem != self.stems[code] or code in kept:
                continue
            good = replace(outcome, ok=True, error="")
            if all((final / name).is_file() and not (final / name).is_symlink() for name in good.files):
                kept[code] = good
        return kept
