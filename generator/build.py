"""The build, read top to bottom as its stages: load, validate, model, render, site.

Everything is gathered and checked before anything is written; the output folder
changes only in the final atomic publish.
"""

from __future__ import annotations

from .config import BuildConfig
from .issues import Report
from .load import load
from .model import build_model
from .render import render
from .search import index_search
from .site import add_raw_files, publish, run_mkdocs, stage_docs, staging
from .validate import Validated, validate


class ValidationFailed(Exception):
    def __init__(self, report: Report) -> None:
        super().__init__(report.summary())
        self.report = report


def check(config: BuildConfig) -> Validated:
    """Load and validate every package; writes nothing."""
    datasets, load_issues = load(config.datasets, config.max_file_bytes)
    return validate(datasets, load_issues, config.today, config.strict)


def build(config: BuildConfig) -> Report:
    validated = check(config)
    if not validated.report.valid:
        raise ValidationFailed(validated.report)
    portal = build_model(validated, config.today, config.site_url)
    pages, assets = render(portal)
    english, _ = render(portal, "en")
    with staging(config.out) as scratch:
        stage_docs(config.content, pages, assets, scratch / "docs")
        stage_docs(None, english, (), scratch / "docs-en")
        run_mkdocs(config.mkdocs_file, scratch / "docs", scratch / "site")
        run_mkdocs(config.mkdocs_file, scratch / "docs-en", scratch / "site" / "en",
                   english=True)
        add_raw_files(assets, scratch / "site")
        index_search(scratch / "site")
        publish(scratch / "site", config.out)
    return validated.report
