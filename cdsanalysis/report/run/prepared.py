"""Reports prepared by the renderer's warm workers, handed to the template kernels as JSON.

A render builds each district's report (and draws its chart) in a worker process where
pandas, altair and vl-convert are already loaded, and the kernel only picks it up. The
hand-over is a JSON file, never a pickle: a file planted under the expected name can at
worst show wrong figures, never run code. Its name carries a digest of the district code
(codes come from e-mailed data and never become part of a path) and of the forecast file,
so a report prepared from another forecast is never picked up.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from cdsanalysis.model.store import frame_from_json, frame_to_json
from cdsanalysis.report.run.layout import PREPARED_FOLDER


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def prepared_path(forecast_file: str | os.PathLike, district_code: str, lang: str) -> Path:
    """Where a district's report prepared from ``forecast_file`` is left for its kernel."""
    path = Path(forecast_file).resolve()
    key = _digest(f"{district_code}\0{lang}".encode())
    return path.parent / PREPARED_FOLDER / f"{key}-{_digest(path.read_bytes())}.json"


def _encode(value: Any) -> Any:
    if isinstance(value, pd.DataFrame):
        return {"frame": frame_to_json(value)}
    if isinstance(value, pd.Timestamp):
        return {"timestamp": value.isoformat()}
    if isinstance(value, bytes):
        return {"bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, tuple):
        return {"tuple": [_encode(v) for v in value]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return {"value": value}
    raise TypeError(f"cannot hand over a {type(value).__name__} as JSON")


def _decode(item: dict[str, Any]) -> Any:
    (kind, value), = item.items()
    if kind == "frame":
        return frame_from_json(value)
    if kind == "timestamp":
        return pd.Timestamp(value)
    if kind == "bytes":
        return base64.b64decode(value)
    if kind == "tuple":
        return tuple(_decode(v) for v in value)
    return value


def report_to_json(report: Any) -> str:
    """Every field of a frozen report dataclass as JSON (frames keep their dtypes, bytes as base64)."""
    fields = {f.name: _encode(getattr(report, f.name)) for f in dataclasses.fields(report)}
    return json.dumps({"type": type(report).__name__, "fields": fields}, ensure_ascii=False)


def report_from_json(text: str, cls: type) -> Any:
    """The report written by `report_to_json`; None when the file is of another shape."""
    payload = json.loads(text)
    names = {f.name for f in dataclasses.fields(cls)}
    if payload.get("type") != cls.__name__ or set(payload.get("fields", {})) != names:
        return None
    return cls(**{name: _decode(item) for name, item in payload["fields"].items()})
