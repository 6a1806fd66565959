"""A normal install works anywhere: the wheel carries the bundled data and the template.

The test builds the wheel from this checkout, installs it into a fresh virtual environment in a
temporary folder outside the repository, and runs the command line there. To stay fast and offline,
the fresh environment sees the third-party packages of the project's .venv through a ``.pth`` line;
``cdsanalysis`` itself comes only from the wheel (the test checks where it was imported from).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds the wheel and installs it into a fresh environment

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(out), str(ROOT)], check=True, capture_output=True)
    (built,) = out.glob("cdsanalysis-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> tuple[Path, Path]:
    """(bin folder of a fresh venv with the wheel installed, a working folder outside the repository)."""
    home = tmp_path_factory.mktemp("elsewhere")
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    purelib = Path(subprocess.run([str(venv / "bin" / "python"), "-c",
                                   "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    # Third-party packages from the project's environment; not its own (a .pth line adds a plain
    # folder: the editable install's own .pth files inside it are not processed).
    (purelib / "_project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True)
    # pip installs ipykernel's kernelspec and nbconvert's templates as data files of the environment
    # (share/jupyter), which a .pth line cannot reach: bring them along too.
    shutil.copytree(Path(sys.prefix) / "share" / "jupyter", venv / "share" / "jupyter")
    work = home / "work"
    work.mkdir()
    return venv / "bin", work


def _run(installed, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess:
    bin_dir, work = installed
    env = {k: v for k, v in os.environ.items() if k not in ("CDSANALYSIS_DATA", "PYTHONPATH")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run([str(bin_dir / "cdsanalysis"), *args], cwd=work, env=env, capture_output=True,
                          text=True, timeout=600, preexec_fn=lambda: os.umask(umask))


def test_the_wheel_carries_the_data_and_the_template(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("units.csv", "progress.csv", "targets.csv", "recognitions.csv", "README.md",
                 "sources/sourced_figures.csv"):
        assert f"cdsanalysis/data/bundled/{name}" in names
    assert "cdsanalysis/report/district_forecast.ipynb" in names
    for name in ("CDSChartSans-Regular.ttf", "CDSChartSans-Bold.ttf", "OFL.txt"):  # the charts' own typeface
        assert f"cdsanalysis/report/content/fonts/{name}" in names
    for name in ("units.csv", "progress.csv", "targets.csv", "recognitions.csv"):  # the same bytes as data/
        assert zipfile.ZipFile(wheel).read(f"cdsanalysis/data/bundled/{name}") == (ROOT / "data" / name).read_bytes()


def test_the_installed_package_is_the_wheel_not_the_checkout(installed):
    bin_dir, work = installed
    where = subprocess.run([str(bin_dir / "python"), "-c", "import cdsanalysis, cdsanalysis.data.bundled as b; "
                            "print(cdsanalysis.__file__); print(b.bundled_data_dir())"],
                           cwd=work, capture_output=True, text=True, check=True).stdout.split("\n")
    assert not where[0].startswith(str(ROOT)) and "site-packages" in where[0]
    assert where[1].endswith(os.path.join("cdsanalysis", "data", "bundled"))


def test_validate_forecast_and_render_from_the_wheel(installed):
    _, work = installed
    checked = _run(installed, "validate")
    assert checked.returncode == 0, checked.stderr
    forecast = _run(installed, "forecast", "--draws", "200")
    assert forecast.returncode == 0, forecast.stderr
    assert "Hoằng Hóa" in forecast.stdout
    rendered = _run(installed, "render", "--districts", "399", "--draws", "200", "--jobs", "1", "--out", "out")
    assert rendered.returncode == 0, rendered.stderr + rendered.stdout
    folder = next((work / "out").iterdir())
    assert any(p.name.startswith("399-") and p.suffix == ".html" for p in folder.iterdir())
    # Under umask 022 the report folder is 0755 and its files 0644: a web server or a colleague can read them.
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir() if p.is_file()} == {0o644}
