"""The saved forecast: a forecast written once by `cdsanalysis render` and loaded by every report kernel.

One .npz holds the simulated paths and, as UTF-8 JSON, the metadata and the data tables the
forecast was fitted on (already validated, so they are reloaded without validation). Loading
needs numpy and pandas only: no model fit, no statsmodels. A file of another `FORMAT_VERSION`
is refused with a message to render again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cdsanalysis.data.frames import history_of
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.wording.levels import DEFAULT_LEVELS, LevelNames, Levels, levels_of
from cdsanalysis.wording.messages import said

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.model.projection import Forecast

FORMAT_VERSION = 1
_TABLES = ("units", "progress", "targets")


def frame_to_json(frame: pd.DataFrame) -> dict:
    """A table as plain JSON (columns of values plus their dtypes): data, never code, unlike a pickle."""
    columns = {}
    for name in frame.columns:
        values = frame[name]
        if pd.api.types.is_datetime64_any_dtype(values):
            columns[name] = [None if pd.isna(v) else v.isoformat() for v in values]
        else:
            columns[name] = values.astype(object).where(values.notna(), None).tolist()
    return {"dtypes": {name: str(frame[name].dtype) for name in frame.columns}, "columns": columns}


def frame_from_json(payload: dict) -> pd.DataFrame:
    """The table `frame_to_json` wrote, with its dtypes (an empty table keeps its columns)."""
    frame = pd.DataFrame(payload["columns"], columns=list(payload["dtypes"]))
    for name, dtype in payload["dtypes"].items():
        if dtype.startswith("datetime64"):
            frame[name] = pd.to_datetime(frame[name]).astype(dtype)
        else:
            frame[name] = frame[name].astype(dtype)
    return frame


def save_forecast(result: Forecast, path: str | os.PathLike, data_dir: str | os.PathLike | None = None,
                  steady: Forecast | None = None) -> Path:
    """Write a forecast to ``path`` (.npz) so a report kernel can load it in milliseconds.

    ``steady``: the same origin and dates simulated with today's completion rate held (model
    ``steady``), kept beside the main paths so reports can show the sensitivity without refitting.
    """
    import io

    from cdsanalysis.data.io import atomic_write_bytes

    meta = {
        "format": FORMAT_VERSION,
        "as_of": f"{result.as_of:%Y-%m-%d}",
        "model": result.model,
        "seed": result.seed,
        "dates": [f"{d:%Y-%m-%d}" for d in result.dates],
        "district_codes": list(result.district_codes),
        "start_dates": [None if pd.isna(d) else f"{d:%Y-%m-%d}" for d in result.start_dates],
        "data_dir": None if data_dir is None else str(Path(data_dir).resolve()),
        "data_source": result.dataset.source,
        "data_hash": result.dataset.data_hash,
        "tables": {name: frame_to_json(getattr(result.dataset, name)) for name in _TABLES},
    }
    if result.dataset.recognitions is not None:  # the decisions' communes (issue 21): the reports list them
        meta["tables"]["recognitions"] = frame_to_json(result.dataset.recognitions)
    history = result.dataset.history
    if history is not None and history.changes_over_time:  # issue 22: which districts ceased, the total's steps
        meta["tables"]["unit_history"] = frame_to_json(history.units.astype(str))
        meta["tables"]["changes"] = frame_to_json(history.changes_table)
    if not result.dataset.levels.is_default:  # the level words (levels.csv): the kernels' reports say them
        meta["levels"] = [[level, lang, w.singular, w.plural, w.all_of] for (level, lang), w in
                          result.dataset.levels.names]
    arrays = {"paths": result.paths}
    if steady is not None:
        if not (steady.dates.equals(result.dates) and steady.district_codes == result.district_codes):
            raise CdsAnalysisError(said("steady_mismatch"))
        arrays["steady_paths"] = steady.paths
        meta["steady_seed"] = steady.seed
    buffer = io.BytesIO()
    np.savez(buffer, **arrays, communes_total=result.communes_total, start=result.start,
             meta=np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8))
    return atomic_write_bytes(path, buffer.getvalue())


def load_forecast(path: str | os.PathLike, model: str | None = None) -> Forecast | None:
    """The forecast `save_forecast` wrote, with its dataset (not validated again).

    ``model="steady"``: the steady-rate paths saved beside it instead (None if none were saved).
    """
    from cdsanalysis.data.dataset import Dataset
    from cdsanalysis.model.projection import Forecast

    path = Path(path)
    if not path.is_file():
        raise CdsAnalysisError(said("no_forecast_file", path=path))
    try:
        with np.load(path, allow_pickle=False) as archive:
            meta = json.loads(archive["meta"].tobytes().decode("utf-8"))
            key = "paths" if model is None else f"{model}_paths"
            if key not in archive.files:
                return None
            paths, totals, start = archive[key], archive["communes_total"], archive["start"]
    except (OSError, ValueError, KeyError) as err:
        raise CdsAnalysisError(said("not_forecast_file", path=path, why=str(err))) from err
    if meta.get("format") != FORMAT_VERSION:
        raise CdsAnalysisError(said("forecast_file_format", path=path, found=meta.get("format"),
                                    expected=FORMAT_VERSION))
    tables = {name: frame_from_json(meta["tables"][name]) for name in _TABLES}
    records = meta["tables"].get("recognitions")
    history = None
    if "unit_history" in meta["tables"]:
        history = history_of(frame_from_json(meta["tables"]["unit_history"]),
                             frame_from_json(meta["tables"]["changes"]))
    levels = saved_levels(meta)
    dataset = Dataset(tables["units"], tables["progress"], tables["targets"], source=meta["data_source"],
                      data_hash=meta["data_hash"], recognitions=None if records is None else frame_from_json(records),
                      history=history, levels=levels)
    return Forecast(
        dataset=dataset, as_of=pd.Timestamp(meta["as_of"]), model=model or meta["model"],
        seed=meta["seed"] if model is None else meta.get(f"{model}_seed"),
        dates=pd.DatetimeIndex(pd.to_datetime(meta["dates"]), name="date").astype("datetime64[ns]"),
        district_codes=tuple(meta["district_codes"]), communes_total=totals, start=start,
        start_dates=pd.DatetimeIndex(pd.to_datetime(meta["start_dates"])).astype("datetime64[ns]"),
        paths=paths,
    )


def saved_levels(meta: dict) -> Levels:
    """The level words a forecast file's metadata carries (`forecast_file_info`), the defaults when none."""
    rows = meta.get("levels") or []
    return levels_of({(row[0], row[1]): LevelNames(*row[2:5]) for row in rows}) if rows else DEFAULT_LEVELS


def forecast_file_info(path: str | os.PathLike) -> dict:
    """The metadata of a saved forecast (no tables): as_of, model, seed, data_dir, data_hash."""
    if not Path(path).is_file():
        raise CdsAnalysisError(said("no_forecast_file", path=path))
    with np.load(Path(path), allow_pickle=False) as archive:
        meta = json.loads(archive["meta"].tobytes().decode("utf-8"))
    meta.pop("tables", None)
    return meta
