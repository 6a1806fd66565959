"""What a render returns: one `DistrictOutcome` per district and the `RenderResult` of the run.

Kept apart from the renderer so the writers of summaries (`cdsanalysis.report.run.outputs`) can name
these types without importing the renderer (which imports them).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class DistrictOutcome:
    """How one district's rendering went."""

    district_code: str
    district_name: str
    stem: str
    ok: bool
    error: str = ""
    attempts: int = 1
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)
    kernel_use: int = 0
    """Which notebook of its kernel this district's was (1: a fresh kernel; kernels are reused)."""
    worker: str = ""
    """The Dask worker that rendered it (empty in the local pool)."""
    lost_workers: int = 0
    """How many times the worker rendering it was lost and Dask ran it again elsewhere."""
    payload: dict[str, bytes] | None = field(default=None, repr=False, compare=False)
    """The files a Dask worker sends back (name → bytes) until the client has written them."""

    @property
    def files(self) -> list[str]:
        return [f"{self.stem}.{ext}" for ext in (("ipynb", "html", "png", "docx") if self.ok else ("ipynb",))]

    def with_lost_workers(self, count: int) -> DistrictOutcome:
        return replace(self, lost_workers=int(count))

    def to_record(self) -> dict[str, Any]:
        """The district's entry in run.json."""
        record = {"code": self.district_code, "name": self.district_name, "stem": self.stem, "ok": self.ok,
                  "error": self.error, "attempts": self.attempts, "seconds": round(self.seconds, 3),
                  "phases": self.phases, "kernel_use": self.kernel_use, "files": self.files}
        if self.worker or self.lost_workers:
            record.update(worker=self.worker, lost_workers=self.lost_workers)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> DistrictOutcome:
        """The outcome a run.json entry describes (a partial render keeps the other districts' outcomes)."""
        return cls(str(record["code"]), str(record["name"]), str(record["stem"]), ok=bool(record["ok"]),
                   error=str(record.get("error", "")), attempts=int(record.get("attempts", 1)),
                   seconds=float(record.get("seconds", 0.0)), phases=dict(record.get("phases", {})),
                   kernel_use=int(record.get("kernel_use", 0)),
                   worker=str(record.get("worker", "")), lost_workers=int(record.get("lost_workers", 0)))


@dataclass(frozen=True, eq=False)
class RenderResult:
    """What `render` did: where, for which districts, what failed, and the summary table."""

    out_dir: Path
    as_of: pd.Timestamp
    outcomes: tuple[DistrictOutcome, ...]
    table: pd.DataFrame
    timings: dict[str, float] = field(default_factory=dict)
    changes: Any = None
    """`cdsanalysis.report.run.changes.RunChanges`: what changed since the previous run."""
    rendered: tuple[str, ...] = ()
    """Codes of the districts this run rendered (a partial render keeps the others from before)."""

    @property
    def failed(self) -> list[DistrictOutcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> pd.DataFrame:
        """The summary table (as in summary.csv): one row per district and target, province first."""
        return self.table.copy()

    def to_frame(self) -> pd.DataFrame:
        """One row per district: code, name, ok, error, attempts, seconds."""
        return pd.DataFrame([{"district_code": o.district_code, "district_name": o.district_name, "ok": o.ok,
                              "error": o.error, "attempts": o.attempts, "seconds": round(o.seconds, 2)}
                             for o in self.outcomes])

    def _repr_html_(self) -> str:
        return (f"<b>RenderResult</b> {self.out_dir}: {len(self.outcomes) - len(self.failed)} of "
                f"{len(self.outcomes)} districts rendered" + self.to_frame().to_html(index=False))
