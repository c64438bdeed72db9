"""The ``portal`` command. Each command parses its options and calls one function;
only here are the portal's errors (errors.py, one base) turned into messages and exit
codes (0 ok, 1 invalid data or failed build, 2 usage)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__, spreadsheet
from .build import build, check, verify
from .config import DEFAULT_CACHE, BuildConfig, default_cache
from .demo import MAX_COMMUNITIES, MAX_ENTRIES, MAX_YEARS, write_demo
from .derivatives import DEFAULT_MAX_BYTES as DEFAULT_MAX_VOUCHER_BYTES
from .errors import DemoError, OutputRefused, PortalError, ValidationFailed
from .issues import Report
from .load import DEFAULT_MAX_FILE_BYTES
from .spreadsheet import template

DATASETS = click.option("--datasets", type=click.Path(path_type=Path, file_okay=False),
                        default=Path("datasets"), show_default=True,
                        help="Folder holding the open-data packages.")
STRICT = click.option("--strict", is_flag=True, help="Treat findings as errors.")
MAX_FILE = click.option(
    "--max-file-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_FILE_BYTES,
    show_default=True, help="A data file larger than this is refused before it is read.")
MAX_VOUCHER = click.option(
    "--max-voucher-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_VOUCHER_BYTES,
    show_default=True, help="A voucher, document or report larger than this is refused.")
CACHE = click.option(
    "--cache", type=click.Path(path_type=Path, file_okay=False),
    help="Folder keeping each community's check results between builds, keyed by the "
         f"SHA-256 of its files and of the portal's code [default: PORTAL_CACHE, else "
         f"{DEFAULT_CACHE}; PORTAL_CACHE=off keeps nothing].")
NO_CACHE = click.option("--no-cache", is_flag=True, help="Check everything again; keep nothing.")
PUBLISHED_REF = click.option(
    "--published-ref", envvar="PORTAL_PUBLISHED_REF", default="HEAD", show_default=True,
    help="The git commit or branch whose history is already public: published entries "
         "may not change. A pull request checks against its base, e.g. origin/main.")

REQUIRE_HISTORY = click.option(
    "--require-history", is_flag=True, envvar="PORTAL_REQUIRE_HISTORY",
    help="Refuse to check without the full git history of what was published (a shallow "
         "clone, or no git checkout). CI always sets it.")

PUBLISHED_SITE = click.option(
    "--published-site", envvar="PORTAL_PUBLISHED_SITE", default="", metavar="URL_OR_FOLDER",
    help="The live site (its address, or a folder holding it): what its record says was "
         "published may not change or go, whatever the git history now says.")
LANG = click.option(
    "--lang", type=click.Choice(["zh", "en"]), envvar="PORTAL_LANG", default="zh",
    show_default=True, help="The report's language: zh, for the clerks who publish, or en.")
FIRST_PUBLICATION = click.option(
    "--first-publication", is_flag=True, envvar="PORTAL_FIRST_PUBLICATION",
    help="Declare the portal's first publication: there is no published site to read yet.")


def _cache(folder: Path | None, off: bool) -> Path | None:
    return None if off else folder or default_cache()


def _require_dir(path: Path) -> None:
    if not path.is_dir():
        raise click.UsageError(f"datasets folder '{path}' does not exist")


@click.group()
@click.version_option(__version__, prog_name="portal")
def cli() -> None:
    """Build the community trust-governance transparency portal from open-data packages."""


@cli.command("validate")
@DATASETS
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="text for people, json for machines, github for "
              "annotations in GitHub Actions.")
@STRICT
@PUBLISHED_REF
@REQUIRE_HISTORY
@PUBLISHED_SITE
@FIRST_PUBLICATION
@MAX_FILE
@MAX_VOUCHER
@CACHE
@NO_CACHE
@LANG
def validate_command(datasets: Path, fmt: str, strict: bool, published_ref: str,
                     require_history: bool, published_site: str, first_publication: bool,
                     max_file_bytes: int, max_voucher_bytes: int,
                     cache: Path | None, no_cache: bool, lang: str) -> None:
    """Check every package; exit 1 when any error is found."""
    _require_dir(datasets)
    try:
        report = check(BuildConfig(datasets=datasets, strict=strict, published_ref=published_ref,
                                   require_history=require_history,
                                   published_site=published_site,
                                   first_publication=first_publication,
                                   max_file_bytes=max_file_bytes,
                                   max_voucher_bytes=max_voucher_bytes,
                                   cache=_cache(cache, no_cache))).report
    except PortalError as exc:
        click.echo(f"validate failed: {exc.message}", err=True)
        sys.exit(1)
    click.echo({"text": lambda: report.to_text(lang), "json": report.to_json,
                "github": report.to_github}[fmt]())
    sys.exit(0 if report.valid else 1)


@cli.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--into", "target", type=click.Path(path_type=Path, dir_okay=False),
              required=True, help="The table to write, e.g. "
              "datasets/communities/fenghuayuan/ledger.csv.")
@DATASETS
@click.option("--sheet", help="The worksheet of a workbook to read [default: the first].")
@click.option("--append", is_flag=True, help="Add the rows after the table's rows.")
@click.option("--replace-month", metavar="YYYY-MM",
              help="Replace this month's rows of the table (a month not yet published).")
@click.option("--prefix", help="Entry ids for rows without one: PREFIX-YYYY-MM-NNN "
              "[default: as the ledger's ids].")
@click.option("--dry-run", is_flag=True, help="Say what would be written; write nothing.")
@LANG
def import_command(source: Path, target: Path, datasets: Path, sheet: str | None,
                   append: bool, replace_month: str | None, prefix: str | None,
                   dry_run: bool, lang: str) -> None:
    """Import an office sheet (xlsx, or CSV in UTF-8, GBK or UTF-16) into a table."""
    _require_dir(datasets)
    if append and replace_month:
        raise click.UsageError("--append and --replace-month: choose one")
    result = spreadsheet.prepare(source, target, datasets, sheet, append, replace_month,
                                 prefix)  # ImportRefused: its message, exit 1
    click.echo("\n".join(result.summary()))
    if dry_run:
        click.echo("（--dry-run：没有写入）")
        return
    spreadsheet.write(result)
    report = check(BuildConfig(datasets=datasets, cache=None)).report
    click.echo(report.to_text(lang))
    sys.exit(0 if report.valid else 1)


@cli.command("template")
@click.option("--table", type=click.Choice(template.TABLES), required=True,
              help="The table the workbook is for.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The workbook to write (.xlsx); an existing file is not replaced.")
@DATASETS
@click.option("--community", help="A community whose budget lines the budget_line column "
              "offers (its latest year's).")
def template_command(table: str, out: Path, datasets: Path, community: str | None) -> None:
    """Write a workbook to fill in Excel or WPS for a table, then bring back with import."""
    _require_dir(datasets)
    if out.exists() or out.is_symlink():  # a link would write where it points
        raise click.UsageError(f"'{out}' exists; choose a new file name")
    data = template.workbook(table, spreadsheet.categories(datasets),
                             spreadsheet.budget_lines(datasets, community) if community else ())
    out.write_bytes(data)
    click.echo(f"已写入 {out}：在“填写”表中填写，完成后运行 portal import {out} --into "
               f"datasets/…/{table}.csv --append")


@cli.command("build")
@DATASETS
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("site"),
              show_default=True, help="Output folder, replaced atomically on success.")
@STRICT
@PUBLISHED_REF
@REQUIRE_HISTORY
@PUBLISHED_SITE
@FIRST_PUBLICATION
@MAX_FILE
@MAX_VOUCHER
@CACHE
@NO_CACHE
@LANG
def build_command(datasets: Path, out: Path, strict: bool, published_ref: str,
                  require_history: bool, published_site: str, first_publication: bool,
                  max_file_bytes: int, max_voucher_bytes: int,
                  cache: Path | None, no_cache: bool, lang: str) -> None:
    """Validate, render and build the static site."""
    _require_dir(datasets)
    try:
        report = build(BuildConfig(datasets=datasets, out=out, strict=strict,
                                   published_ref=published_ref,
                                   require_history=require_history,
                                   published_site=published_site,
                                   first_publication=first_publication,
                                   max_file_bytes=max_file_bytes,
                                   max_voucher_bytes=max_voucher_bytes,
                                   cache=_cache(cache, no_cache)))
    except ValidationFailed as failed:
        click.echo(failed.report.to_text(lang), err=True)
        click.echo(f"build stopped: nothing was written; '{out}' is unchanged", err=True)
        sys.exit(1)
    except OutputRefused as exc:
        raise click.UsageError(f"{exc.message}; nothing was written") from exc
    except PortalError as exc:
        click.echo(f"build failed: {exc.message}; '{out}' is unchanged", err=True)
        sys.exit(1)
    _print_findings(report, lang)
    click.echo(f"built the portal into '{out}'")


def _print_findings(report: Report, lang: str) -> None:
    if lang == "zh" and report.findings:
        click.echo(Report(report.findings).to_text("zh"), err=True)
        return
    for finding in report.findings:
        click.echo(f"finding: {finding}", err=True)


@cli.command("verify")
@click.argument("site", type=click.Path(path_type=Path, file_okay=False, exists=True))
@DATASETS
def verify_command(site: Path, datasets: Path) -> None:
    """Rebuild from the datasets and report every file that differs from SITE."""
    _require_dir(datasets)
    try:
        problems = verify(site, datasets)
    except ValidationFailed as failed:
        click.echo(failed.report.to_text(), err=True)
        click.echo("verify: the datasets are not valid, so the site cannot be rebuilt", err=True)
        sys.exit(1)
    except PortalError as exc:
        click.echo(f"verify: the site cannot be rebuilt: {exc.message}", err=True)
        sys.exit(1)
    for line in problems:
        click.echo(f"mismatch: {line}")
    if problems:
        click.echo(f"verify: {len(problems)} difference(s) between '{site}' and the datasets")
        sys.exit(1)
    click.echo(f"verify: '{site}' matches the datasets exactly")


@cli.command("serve")
@DATASETS
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True)
def serve_command(datasets: Path, dev_addr: str) -> None:
    """Preview the portal with live reload while editing datasets or content."""
    from .serve import serve

    _require_dir(datasets)
    serve(BuildConfig(datasets=datasets), dev_addr)


@cli.command("demo")
@click.option("--communities", type=click.IntRange(1, MAX_COMMUNITIES), required=True,
              help="Number of community packages (小区) to invent.")
@click.option("--years", type=click.IntRange(1, MAX_YEARS), required=True,
              help="Years of accounts; the ledgers end in December 2025.")
@click.option("--entries-per-month", type=click.IntRange(10, MAX_ENTRIES), default=100,
              show_default=True, help="Ledger entries of each community in each month.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="The same seed gives byte-identical files.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="A new or empty folder for the datasets.")
def demo_command(communities: int, years: int, entries_per_month: int, seed: int,
                 out: Path) -> None:
    """Write a synthetic district (合成演示数据) of valid packages, for benchmarks."""
    try:
        summary = write_demo(out, communities, years, entries_per_month, seed)
    except DemoError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(summary.line())


if __name__ == "__main__":
    cli()
