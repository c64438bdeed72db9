"""Build settings, gathered in one place and passed down the stages."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from .load import DEFAULT_MAX_FILE_BYTES


def today() -> date:
    """The build date; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


@dataclass(frozen=True)
class BuildConfig:
    datasets: Path = Path("datasets")
    out: Path = Path("site")
    project: Path = Path(".")
    strict: bool = False
    today: date = field(default_factory=today)
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    # Absolute address of the published site (for QR codes on print-outs and the feed).
    site_url: str = field(default_factory=lambda: os.environ.get("PORTAL_SITE_URL", ""))

    @property
    def mkdocs_file(self) -> Path:
        return self.project / "mkdocs.yml"

    @property
    def content(self) -> Path:
        return self.project / "content"
