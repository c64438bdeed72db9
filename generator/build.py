"""The build, read top to bottom as its stages: load, validate, model, render, site.

Everything is gathered and checked before anything is written; the output folder
changes only in the final atomic publish.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from jinja2 import TemplateError

from . import manifest, reuse, standby, witness
from .cache import Cache
from .config import BuildConfig
from .errors import FilesError, RenderError, ValidationFailed
from .issues import Report
from .load import Datasets, load, read_tables
from .model import Portal, build_model
from .render import Asset, RenderedPage, opendata, render, render_communities
from .site import add_files, publish, run_mkdocs, search_words, shells, stage_docs, staging
from .site.output import check_output
from .site.search import index_search
from .stages import Stages
from .units import Unit
from .validate import Validated, validate


def check(config: BuildConfig, stage: Stages | None = None) -> Validated:
    """Load and validate every package; writes nothing but the checks kept for next time."""
    try:
        return _check(config, stage or Stages())[2]
    except OSError as exc:
        raise FilesError.of(exc) from exc


def model(config: BuildConfig) -> Portal:
    """The portal's model of valid datasets, nothing kept or reused (previews, tests)."""
    datasets, _, validated = _check(replace(config, cache=None), Stages())
    if not validated.report.valid:
        raise ValidationFailed(validated.report)
    return build_model(validated, datasets.provenance, config.today, config.site_url)


def _check(config: BuildConfig, stage: Stages) -> tuple[Datasets, reuse.Plan, Validated]:
    with stage("load"):
        datasets, issues = load(config.datasets, config.max_file_bytes, config.sources,
                                Cache(config.cache))
        plan = reuse.plan(config, datasets)  # each community fresh or kept
        datasets = read_tables(datasets, issues, config.max_file_bytes, skip=plan.settled())
    with stage("validate"):
        validated = validate(datasets, issues, config.today, config.strict, plan.units,
                             config.max_voucher_bytes)
        reuse.record_checks(plan, validated.checks)
    return datasets, plan, validated


def build(config: BuildConfig, stage: Stages | None = None) -> Report:
    """Build the site into config.out, which is replaced only when everything succeeded,
    and only if it may be (site/output.py)."""
    check_output(config.out, config.project, config.datasets)
    try:
        return _build(config, stage or Stages())
    except OSError as exc:  # a read-only, full or busy disk: the previous site stays
        raise FilesError.of(exc) from exc


def _build(config: BuildConfig, stage: Stages) -> Report:
    search_words.check(config.content)  # the search words a maintainer keeps, before all else
    datasets, plan, validated = _check(config, stage)
    if not validated.report.valid:
        raise ValidationFailed(validated.report)
    provenance = datasets.provenance
    with stage("model"):
        records = witness.extend(provenance.site_record or {}, provenance.now_record
                                 or witness.current(config.datasets), config.today.isoformat())
        portal = build_model(validated, provenance, config.today, config.site_url, plan.units,
                             {name: r.mark() for name, r in records.items()})
    with stage("render"):
        pages, assets, english, downloads = _render(portal, plan.units)
    kept = plan.kept()  # the kept files, which stay in the replaced site until publish
    # mkdocs dates the sitemap from SOURCE_DATE_EPOCH: the build date, not the clock.
    with staging(config.out) as scratch, _source_date(_epoch(config.today)):
        with stage("mkdocs"):
            zh, en, site = shells.plan(pages), shells.plan(english), scratch / "site"
            stage_docs(config.content, zh.built, scratch / "docs")
            stage_docs(None, en.built, scratch / "docs-en")
            run_mkdocs(config.mkdocs_file, scratch / "docs", site,
                       data_version=provenance.version, site_url=config.site_url)
            run_mkdocs(config.mkdocs_file, scratch / "docs-en", site / "en", english=True,
                       data_version=provenance.version, site_url=config.site_url)
            add_files(assets, site, Cache(config.cache), provenance.file_hashes.values())
        with stage("splice"):
            for built, root, lang in ((zh, site, "zh"), (en, site / "en", "en")):
                shells.splice(root, built)
                shells.sitemap(root, built, config.today, kept.addresses(lang))
        with stage("search index"):
            index_search(site, shells.unindexed(zh) | shells.unindexed(en, "en"),
                         kept.indexed(), Cache(config.cache), kept.files)
        with stage("write"):
            heads = witness.write(site, records)
            written = manifest.write(site, provenance.file_hashes, provenance.version,
                                     config.today, kept.files, heads)
            if config.cache is None:
                publish(site, config.out)  # the replaced site is deleted with the scratch
            else:  # the kept files join from the replaced site, which is kept as a standby
                standby.publish_kept(site, config.out, written, kept.files)
            reuse.record_pages(plan, written, config.out, {"zh": pages, "en": english},
                               downloads, portal.communities)
    return validated.report


def _render(portal: Portal, units: Mapping[str, Unit]
            ) -> tuple[list[RenderedPage], list[Asset], list[RenderedPage], opendata.OpenData]:
    kept = {i: u.kept.package for i, u in units.items() if u.kept is not None}
    try:
        # every data file read, typed and zipped once, but the kept communities'
        downloads = opendata.build(portal, kept)
        communities = render_communities(portal, downloads.ledger_sizes(), kept=kept.keys())
        pages, assets = render(portal, communities=communities["zh"], downloads=downloads)
        english, _ = render(portal, "en", communities=communities["en"], downloads=downloads)
    except TemplateError as exc:  # a template bug: say where, write nothing
        raise RenderError(f"rendering failed: {exc}") from exc
    return pages, assets, english, downloads


def verify(site: Path, datasets: Path, project: Path = Path(".")) -> list[str]:
    """Rebuild the site from the datasets and list every file that differs from ``site``,
    and every data file that differs from the site's manifest. Empty: they match."""
    recorded = manifest.read(site)
    if recorded is None:
        state = "unreadable" if (site / manifest.NAME).exists() else "missing"
        return [f"{site}/{manifest.NAME}: {state}; the site cannot be checked"]
    built = recorded.build_date
    witnessed = (site / witness.INDEX).is_file()  # a site built before records were
    problems = _record_differences(site, datasets) if witnessed else []
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "site"
        build(BuildConfig(datasets=datasets, out=out, project=project, today=built,
                          cache=None, published_site=str(site) if witnessed else "",
                          first_publication=not witnessed, check_record=False,
                          require_history=False))  # a check of its own: nothing reused
        made = manifest.read(out)
        assert made is not None  # the build just wrote it
        problems += [f"data {line}" for line in manifest.differences(recorded.data, made.data)]
        rebuilt, published = manifest.hashes(out), manifest.hashes(site)
        for path in rebuilt.keys() & published.keys():  # zips: by members, see opendata
            if path.endswith(".zip") and rebuilt[path] != published[path] and \
                    manifest.same_members(out / path, site / path):
                rebuilt[path] = published[path]
        problems += [f"site {line}" for line in manifest.differences(rebuilt, published)]
        problems += [f"site {path}: a symbolic link, which the portal never writes"
                     for path in manifest.links(site)]
    return problems


def _record_differences(site: Path, datasets: Path) -> list[str]:
    """Each entry, voucher or package the site's record holds that the datasets changed or
    dropped, with the published value; a record that does not verify, said once."""
    try:
        recorded = witness.read_site(str(site))
    except witness.Unreadable as exc:
        return [f"record {exc}"]
    return [f"record {issue}" for issue in witness.check(recorded, witness.current(datasets),
                                                          datasets)]


def _epoch(day: date) -> str:
    return str(int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()))


@contextlib.contextmanager
def _source_date(epoch: str) -> Iterator[None]:
    """Run mkdocs with the build date in SOURCE_DATE_EPOCH, then put the variable back."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
