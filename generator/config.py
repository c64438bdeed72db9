"""Build settings, gathered in one place and passed down the stages."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from .derivatives import DEFAULT_MAX_BYTES as DEFAULT_MAX_VOUCHER_BYTES
from .load import DEFAULT_MAX_FILE_BYTES
from .published import Sources

UNSET = date.min  # "take the date from the data": see build_date()
DEFAULT_CACHE = Path(".cache/portal")


def default_cache() -> Path | None:
    """PORTAL_CACHE names the folder; "off" keeps nothing."""
    chosen = os.environ.get("PORTAL_CACHE", "")
    return None if chosen == "off" else Path(chosen) if chosen else DEFAULT_CACHE


def build_date(datasets: Path) -> date:
    """The date the site is built "as of". Not the clock, so that the same commit always
    gives the same site: SOURCE_DATE_EPOCH when set (a scheduled rebuild sets it to the
    day), else the date of the commit checked out. Uncommitted changes to the datasets
    are published now, so they are judged as of today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    where = datasets if datasets.is_dir() else Path(".")
    dirty = _git(where, "status", "--porcelain", "--", ".")
    committed = _git(where, "log", "-1", "--format=%cI")
    if dirty == "" and committed:
        return date.fromisoformat(committed[:10])  # the committer's own calendar day
    return date.today()


def _git(where: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=where, capture_output=True, check=False)
    except OSError:
        return None
    return result.stdout.decode().strip() if result.returncode == 0 else None


@dataclass(frozen=True)
class BuildConfig:
    datasets: Path = Path("datasets")
    out: Path = Path("site")
    project: Path = Path(".")
    strict: bool = False
    today: date = UNSET
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    # The largest voucher or document a package may publish (derivatives.py).
    max_voucher_bytes: int = DEFAULT_MAX_VOUCHER_BYTES
    # Absolute address of the published site (for QR codes on print-outs and the feed).
    site_url: str = field(default_factory=lambda: os.environ.get("PORTAL_SITE_URL", ""))
    # What counts as already published: entries and vouchers in this commit's history.
    published_ref: str = field(
        default_factory=lambda: os.environ.get("PORTAL_PUBLISHED_REF", "HEAD"))
    # Refuse to check without the full history (a shallow clone, no git checkout): CI.
    require_history: bool = field(default_factory=lambda: os.environ.get(
        "PORTAL_REQUIRE_HISTORY", "").lower() in ("1", "true", "yes"))
    # The live site whose record of what it published must still hold (witness.py), or a
    # declared first publication.
    published_site: str = field(default_factory=lambda: os.environ.get(
        "PORTAL_PUBLISHED_SITE", ""))
    first_publication: bool = field(default_factory=lambda: os.environ.get(
        "PORTAL_FIRST_PUBLICATION", "").lower() in ("1", "true", "yes"))
    # False: the published site's record is extended but not checked (portal verify, which
    # reports what differs instead of refusing it).
    check_record: bool = True
    # Results kept between builds (cache.py); None keeps nothing.
    cache: Path | None = field(default_factory=default_cache)

    def __post_init__(self) -> None:
        if self.today == UNSET:
            object.__setattr__(self, "today", build_date(self.datasets))

    @property
    def sources(self) -> Sources:
        return Sources(self.published_ref, self.require_history, self.published_site,
                       self.first_publication, self.check_record)

    @property
    def mkdocs_file(self) -> Path:
        return self.project / "mkdocs.yml"

    @property
    def content(self) -> Path:
        return self.project / "content"
