"""The whole site built from the minimal fixture, in the pelican way: the expected site is
committed under tests/golden-site/, so that any change to the theme, the splice, the
sitemap, the manifest, the open data or the search index is reviewed as a diff.

The portal's own text files (pages, sitemaps, manifest, open data, feed, titles index) are
kept as they are; every file, those of the theme and Pagefind and the binary ones
included, is listed with its SHA-256 in SHA256SUMS.golden. After an intended change,
regenerate with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path, PurePosixPath

import pytest

from .conftest import REPO, TESTS, build_into, compose

GOLDEN = TESTS / "golden-site"
LISTING = "SHA256SUMS.golden"
TEXT = {".html", ".xml", ".json", ".csv", ".md", ""}
# Folders whose files are the theme's, the vendored libraries' and Pagefind's: by hash only.
NOT_OURS = ("assets", "pagefind")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scratch = tmp_path_factory.mktemp("golden-site")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
        env.setenv("PORTAL_SITE_URL", "https://example.org/portal/")  # sitemaps, QR codes
        result = build_into(REPO, compose(scratch), scratch / "site")
    assert result.exit_code == 0, result.output
    return scratch / "site"


def listing(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def kept_as_text(path: str) -> bool:
    parts = PurePosixPath(path).parts
    inside = parts[1:] if parts[0] == "en" else parts
    return PurePosixPath(path).suffix in TEXT and inside[0] not in NOT_OURS


def test_the_built_site_is_the_golden_site(site: Path) -> None:
    found = listing(site)
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path in (p for p in found if kept_as_text(p)):
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(site / path, GOLDEN / path)
        (GOLDEN / LISTING).write_text("".join(f"{sha}  {path}\n" for path, sha in found.items()),
                                      encoding="utf-8")
    expected = dict(reversed(line.split("  ", 1)) for line in  # type: ignore[misc]
                    (GOLDEN / LISTING).read_text(encoding="utf-8").splitlines())
    assert sorted(found) == sorted(expected), "files added or missing"
    changed = [p for p in found if found[p] != expected[p]]
    for path in (p for p in changed if kept_as_text(p)):  # a readable diff first
        assert (site / path).read_text(encoding="utf-8") == \
            (GOLDEN / path).read_text(encoding="utf-8"), f"{path} differs"
    assert changed == [], "files differ from tests/golden-site (regenerate with UPDATE_GOLDEN=1)"


def test_the_golden_site_holds_the_portals_pages_and_data(site: Path) -> None:
    kept = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    for path in ("index.html", "en/index.html", "communities/demo/ledger/2021-01/index.html",
                 "sitemap.xml", "manifest.json", "data/communities/demo/ledger.json",
                 "whatsnew/feed.xml", "search/titles.json", "data/SHA256SUMS"):
        assert path in kept
    assert not any(p.startswith(("assets/", "pagefind/", "en/pagefind/")) for p in kept)
