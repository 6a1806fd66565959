"""Start JupyterLab on the repository (`make lab`), as root or as a user, with the notebooks trusted.

- Serves the **repository root**, so `data/`, `reports/` and `notebooks/` are all in the file
  browser, and opens `notebooks/explore.ipynb`.
- Adds `--allow-root` only when run as root (JupyterLab refuses root without it; a user does not
  need it and should not get it).
- Signs the committed notebooks for the current user first (`jupyter trust`): JupyterLab runs the
  JavaScript of a notebook's HTML outputs only when the notebook is trusted, so without this the
  interactive chart of `explore.ipynb` is a blank gap until someone trusts it by hand.

- Installs the `lab` extra of pyproject.toml first (JupyterLab stays out of the environment that
  `make test` and `make report` build: its dependencies slow every kernel start).

    .venv/bin/python scripts/lab.py            # what `make lab` runs
    .venv/bin/python scripts/lab.py --dry-run  # print the commands instead
    .venv/bin/python scripts/lab.py -- --port 8899 --no-browser   # extra options for jupyter lab
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_NOTEBOOK = "notebooks/explore.ipynb"


def _jupyter() -> str:
    """The `jupyter` next to this Python (the project's .venv), else the one on PATH."""
    local = Path(sys.executable).with_name("jupyter")
    return str(local) if local.exists() else (shutil.which("jupyter") or "jupyter")


def install_command(root: Path = ROOT) -> list[str]:
    """pip install of the ``lab`` extra, its requirements read from pyproject.toml (one source)."""
    with open(root / "pyproject.toml", "rb") as handle:
        extra = tomllib.load(handle)["project"]["optional-dependencies"]["lab"]
    return [sys.executable, "-m", "pip", "install", "--quiet", *extra]


def trust_command(root: Path = ROOT) -> list[str]:
    """`jupyter trust` over every committed notebook."""
    return [_jupyter(), "trust", *sorted(str(p) for p in (root / "notebooks").glob("*.ipynb"))]


def lab_command(uid: int | None = None, root: Path = ROOT, extra: list[str] | None = None) -> list[str]:
    """`jupyter lab` serving ``root`` and opening the overview notebook; ``--allow-root`` only for uid 0."""
    uid = os.getuid() if uid is None else uid
    command = [_jupyter(), "lab", f"--ServerApp.root_dir={root}",
               f"--LabApp.default_url=/lab/tree/{FIRST_NOTEBOOK}"]
    if uid == 0:
        command.append("--allow-root")
    return command + list(extra or [])


def main(argv: list[str]) -> int:
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    if "--dry-run" in argv:
        for command in (install_command(), trust_command(), lab_command(extra=extra)):
            print(" ".join(command))
        return 0
    subprocess.run(install_command(), check=True)
    subprocess.run(trust_command(), check=True, stdout=subprocess.DEVNULL)
    lab = lab_command(extra=extra)
    os.execvp(lab[0], lab)  # JupyterLab takes over this process: Ctrl-C stops it as usual
    return 0  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
