"""One owner of every address (generator/urls.py): no template or module outside the site
map builds a path from pieces, and the site map's addresses are the ones the site has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import urls

from .conftest import REPO

GENERATOR = REPO / "generator"
# link() and asset() take an address from the site map, or one a stage made with it.
MADE_ELSEWHERE = ("f.path", "od.sums.path", "line.target", "address")
# a long list's pages (render/paging.Pager), each address made with the site map
PAGER = re.compile(r"pager\.addresses\[[^\]]+\]")
CALL = re.compile(r"\b(?:link|asset)\(([^()]+(?:\([^()]*\)[^()]*)*)\)")
# Folders of the site; the datasets' layout (load, history, published, demo) is not the site.
SITE_PATH = re.compile(r"""["'](?:communities|data|en|standards|foundation|protection-fund|"""
                       r"""search|whatsnew|compare|maintainers|guide|assets)/|["'/]index\.(?:html|md)""")
DATASETS_LAYOUT = {"history.py", "published.py", "load.py"}


def templates() -> list[Path]:
    return sorted((GENERATOR / "templates").rglob("*.html"))


def test_templates_link_only_to_addresses_from_the_site_map() -> None:
    found = [(path.name, arg.strip()) for path in templates()
             for arg in CALL.findall(path.read_text(encoding="utf-8"))]
    assert len(found) > 50  # the scan sees the templates' links
    wrong = [(name, arg) for name, arg in found
             if not (arg.startswith("urls.") or arg in MADE_ELSEWHERE or PAGER.fullmatch(arg)
                     or re.fullmatch(r"urls\.\w+\(.*\) if .* else urls\.\w+\(.*\)", arg))]
    assert wrong == []
    assert not [p.name for p in templates() if "~ '/'" in p.read_text(encoding="utf-8")]


def test_no_module_but_the_site_map_writes_a_site_path() -> None:
    offending = []
    for path in sorted(GENERATOR.rglob("*.py")):
        if path.name == "urls.py" or path.name in DATASETS_LAYOUT or "demo" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if SITE_PATH.search(code) and not code.lstrip().startswith(('"', "'")):
                offending.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offending == []


@pytest.mark.parametrize("address", [
    "", "communities/", "communities/fenghuayuan/", "communities/fenghuayuan/ledger/2023-03/",
    "communities/fenghuayuan/corrections/", "standards/xy-t-001-2024/", "search/",
    "maintainers/data-dictionary/"])
def test_a_page_is_read_from_its_source_and_written_to_its_address(address: str) -> None:
    assert urls.address(urls.source(address)) == address
    assert urls.page_file(address, "en") == f"en/{address}index.html"


def test_every_file_of_a_community_is_known_as_its_own() -> None:
    for folder in urls.community_folders("c001"):
        assert urls.community_of(f"{folder}x/index.html") == "c001"
    assert urls.community_of(urls.page_file(urls.communities())) is None
    assert urls.community_of(urls.checksums()) is None
    assert urls.community_of(urls.data_file("foundation", "projects.csv")) is None


def test_links_from_a_page_reach_their_address() -> None:
    page = urls.month("c001", "2023-03")
    assert urls.relative(page, urls.community("c001")) == "../../../../communities/c001/"
    assert urls.between(page, urls.month("c001", "2023-02")) == "../2023-02/"
    links = urls.month_links("c001", "2023-03")
    assert links.entry("2023-01", "E-1") == "../2023-01/#E-1"
    assert links.file("vouchers/a.pdf") == "../../vouchers/a.pdf"
    assert urls.between(urls.standard("XY/T 001—2024"), urls.standard("XY/T 001—2024")) == \
        "../xy-t-001-2024/"
