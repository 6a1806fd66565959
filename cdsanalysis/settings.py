"""Thresholds and defaults of the forecast and its assessment, in one place.

Every number that turns a probability into a status label lives here, so that a
reader can find it, a notebook can change it (``Thresholds(on_track=0.9)``), and
``docs/assumptions.md`` can cite it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.wording import DEFAULT_LANG, words
from cdsanalysis.wording.messages import said

DAYS_PER_YEAR = 365.25
"""Length of the year used for every duration in the models (Julian year)."""

DAYS_PER_MONTH = DAYS_PER_YEAR / 12
"""A month for paces (communes per month): 30.4375 days."""

PROVINCE_NAME = words(DEFAULT_LANG)["province_name"]
"""Display name of the province rows (district_code "") in tables, with the default level words ("Toàn tỉnh")."""


def province_name() -> str:
    """Display name of the top's rows (district_code "") in tables, in the level words in force ("Cả nước" for
    a national frame; `cdsanalysis.wording.levels`)."""
    return words(DEFAULT_LANG)["province_name"]

MAX_DRAWS = 100_000
"""Most simulated paths a forecast may ask for (memory grows with draws × districts × dates)."""

DEFAULT_DRAWS = 4000
"""Simulated paths per forecast when the caller does not say (the CLI, `render`, the template, the API)."""

MAX_SEED = 2**32 - 1
"""Largest random seed (numpy's legacy bound, kept so that every seed ever used still reproduces)."""

MAX_JOBS = 64
"""Most parallel workers a render may start (each runs a Python kernel of its own: about 150 MB and a few
dozen file handles); more only queue on the cores and run out of memory or handles first."""

DISTRICT_DEADLINE_SECONDS = 600.0
"""How long one district may run on a Dask worker (a district takes seconds; a stopped or wedged worker would
hold it forever): past it the district is taken from that worker, which leaves the cluster, and run elsewhere;
past it ``retries`` + 1 times it fails with a message."""

FILE_HANDLES_BASE = 128
FILE_HANDLES_PER_JOB = 64
"""Open files a render needs: the main process (forecast, workbook, chart engine) and each worker with its
kernel (sockets, pipes, notebooks). Below this a kernel or the chart engine dies mid-run (issue 20, T7: ``ulimit
-n 32``), so a render raises its own soft limit up to the hard one, or refuses to start."""

PATH_CELL_BYTES = 80
"""Memory one simulated cell (a draw × a district × a date) costs while a forecast is made, intermediates
included: measured (issue 20) 2.9 GB above the interpreter's 0.2 GB for 5,000 districts × 4,000 draws × 2 dates
(71 bytes a cell), rounded up."""


def check_path_memory(draws: int, districts: int, dates: int) -> None:
    """Refuse a forecast whose paths would not fit in this machine's memory, before anything is allocated:
    ``--draws 100000`` with 5,000 districts is within each bound alone but needs about 100 GB together."""
    need = draws * districts * dates * PATH_CELL_BYTES
    have = _memory_bytes()
    if need > have:
        fits = max(1, have // max(1, districts * dates * PATH_CELL_BYTES))
        raise CdsAnalysisError(said("memory", draws=draws, n_groups=districts, dates=dates, need=need / 1e9,
                                    have=have / 1e9, fits=min(fits, MAX_DRAWS)))


def _memory_bytes() -> int:
    """Memory available now (psutil when installed, else the physical memory)."""
    try:
        import psutil

        return int(psutil.virtual_memory().available)
    except ImportError:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))


MAX_HORIZON_YEARS = 10
"""Furthest a forecast's horizon (``--until``) may lie after its as-of date: the paths' memory grows with the
dates, and a forecast ten years out says nothing a reader can use."""


def check_until(as_of, until) -> None:
    """Refuse a horizon (``until``, a date) before ``as_of`` or more than `MAX_HORIZON_YEARS` after it."""
    if until < as_of:
        raise CdsAnalysisError(said("until_before", until=until, as_of=as_of))
    if (until.year - as_of.year, until.month, until.day) > (MAX_HORIZON_YEARS, as_of.month, as_of.day):
        raise CdsAnalysisError(said("until_too_far", until=until, as_of=as_of, years=MAX_HORIZON_YEARS))


PROVINCE_CODE = ""
"""The ``district_code`` of the province's own rows (progress, targets, summaries): the empty code."""


def check_draws(draws: object) -> int:
    """``draws`` as an int in 1..`MAX_DRAWS`; a clear error for 0, 1.5, inf, NaN or text."""
    try:
        whole = float(draws).is_integer()  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        whole = False
    if isinstance(draws, bool) or not whole or not 1 <= float(draws) <= MAX_DRAWS:  # type: ignore[arg-type]
        raise CdsAnalysisError(said("whole_from_to", name="draws", low=1, high=MAX_DRAWS, value=draws))
    return int(draws)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Thresholds:
    """When a target counts as on track, at risk or off track.

    ``on_track``: P(meet) at or above it is on track (0.8 = four paths in five reach the
    target). ``at_risk``: at or above it (and below ``on_track``) is at risk; below it,
    off track. ``interval_level``: coverage of the reported interval (0.8 = the 10 % and
    90 % quantiles of the paths). ``draws``: simulated paths per forecast.
    """

    on_track: float = 0.8
    at_risk: float = 0.2
    interval_level: float = 0.8
    draws: int = DEFAULT_DRAWS

    def __post_init__(self) -> None:
        if not 0.0 <= self.at_risk <= self.on_track <= 1.0:
            raise CdsAnalysisError(
                f"thresholds must satisfy 0 <= at_risk <= on_track <= 1; got at_risk={self.at_risk}, "
                f"on_track={self.on_track}")
        if not 0.0 < self.interval_level < 1.0:
            raise CdsAnalysisError(f"interval_level must be between 0 and 1; got {self.interval_level}")
        check_draws(self.draws)


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class ProgressRatioBands:
    """Open SDG / UN ESCAP labels of the progress ratio (current pace / required pace).

    At or above ``on_track``: on track; at or above ``limited``: acceleration needed;
    at or above 0: limited progress; below 0: deterioration.
    """

    on_track: float = 0.95
    limited: float = 0.60


PROGRESS_RATIO_BANDS = ProgressRatioBands()
"""Bands of `ratio_label` in the reports; documented in docs/assumptions.md (R1)."""
