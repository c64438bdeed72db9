"""Spliced pages are exactly what mkdocs would have built: the site is built with shells
and with every page through mkdocs, and every file must be the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site import shells

from .conftest import REPO, build_into, compose, tree_digest


def everything_through_mkdocs(pages: object) -> shells.Plan:
    return shells.Plan(tuple(pages), {})  # type: ignore[arg-type]


@pytest.mark.parametrize("datasets", ["minimal", "sample"])
def test_spliced_pages_equal_the_pages_mkdocs_builds(
    datasets: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setenv("PORTAL_SITE_URL", "https://example.org/portal/")  # sitemaps too
    source = compose(tmp_path) if datasets == "minimal" else REPO / "datasets"
    spliced = build_into(REPO, source, tmp_path / "spliced")
    assert spliced.exit_code == 0, spliced.output
    monkeypatch.setattr(shells, "plan", everything_through_mkdocs)
    full = build_into(REPO, source, tmp_path / "full")
    assert full.exit_code == 0, full.output
    one, two = tree_digest(tmp_path / "spliced"), tree_digest(tmp_path / "full")
    differ = sorted(k for k in one.keys() | two.keys() if one.get(k) != two.get(k))
    assert differ == []
    assert len([k for k in one if k.endswith(".html")]) > 50


def test_most_pages_are_spliced(tmp_path: Path) -> None:
    from datetime import date

    from generator.build import model
    from generator.config import BuildConfig
    from generator.render import render

    config = BuildConfig(datasets=REPO / "datasets", today=date(2026, 1, 1), site_url="")
    pages, _ = render(model(config))
    plan = shells.plan(pages)
    spliced = sum(len(m) for m in plan.spliced.values())
    assert spliced > 0.7 * len([p for p in pages if not p.file])
    # The month pages, most of a city's pages, cost mkdocs one page whatever their number.
    months = [p for p in pages if p.template == "ledger_month.html"]
    assert len(months) > 40
    assert [p.template for p in plan.built].count("ledger_month.html") == 1
