"""The portal as a district installs it: from a wheel, outside any checkout. Every file a
command needs (schemas, templates, theme, the demo's code lists and standards) is in it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, tree_digest


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scratch = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--wheel-dir",
                    str(scratch / "dist"), str(REPO)], check=True, cwd=scratch)
    [wheel] = (scratch / "dist").glob("xinyi_portal-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(scratch / "lib"),
                    str(wheel)], check=True, cwd=scratch)
    return scratch / "lib"


def portal(lib: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(lib), "PORTAL_CACHE": "off"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Path,
                                                              tmp_path: Path) -> None:
    found = subprocess.run([sys.executable, "-c", "import generator; print(generator.__file__)"],
                           cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(installed)},
                           capture_output=True, text=True, check=True).stdout
    assert Path(found.strip()).is_relative_to(installed)


def test_portal_demo_works_from_an_installed_wheel(installed: Path, tmp_path: Path) -> None:
    result = portal(installed, tmp_path, "demo", "--communities", "1", "--years", "1",
                    "--entries-per-month", "10", "--out", "district")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote 4 packages (1 communities), ")
    district = tmp_path / "district"
    # the project's own code lists and standards, copied as they are
    for name in ("categories", "project-categories", "standard-categories"):
        assert (district / f"codelists/{name}.csv").read_bytes() == \
            (REPO / f"datasets/codelists/{name}.csv").read_bytes()
    assert tree_digest(district / "standards") == tree_digest(REPO / "datasets/standards")
    checked = portal(installed, tmp_path, "validate", "--datasets", "district")
    assert checked.returncode == 0, checked.stdout
    assert "valid: 0 error(s)" in checked.stdout
