"""Golden pages: the render stage's output for the minimal fixture, byte for byte.

After an intended change, regenerate with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

from generator.build import model
from generator.config import BuildConfig
from generator.render import render

from .conftest import MINIMAL, TESTS

GOLDEN = TESTS / "golden"


def rendered() -> dict[str, str]:
    # A copy outside the repository: the pages must not depend on its git history.
    with tempfile.TemporaryDirectory() as scratch:
        datasets = Path(scratch) / "datasets"
        shutil.copytree(MINIMAL, datasets)
        return _render(datasets)


def _render(datasets: Path) -> dict[str, str]:
    config = BuildConfig(datasets=datasets, today=date(2026, 1, 1), site_url="")
    pages, _ = render(model(config))
    return {p.path: p.source() for p in pages}


def test_rendered_pages_match_the_golden_files() -> None:
    pages = rendered()
    if os.environ.get("UPDATE_GOLDEN"):
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
              for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(pages) == sorted(golden)
    for path, text in pages.items():
        assert text == golden[path], f"{path} differs from tests/golden/{path}"


def test_rendering_twice_gives_the_same_bytes() -> None:
    assert rendered() == rendered()
