"""The site map: the one owner of every address on the site (as mkdocs' structure/files.py).

An address is a path from the site's root: a page's ends in "/" (``communities/fenghuayuan/
ledger/2023-03/``, mkdocs' directory URLs), a file's is its name (``data/SHA256SUMS``). Every
page, file, link, redirect, sitemap entry and search-index path is made here; templates get
this module as the global ``urls`` and make an address relative to their page with
``link()`` (or ``asset()`` for the files kept in the Chinese tree). Nothing else builds an
address from pieces.

English pages sit under ``en/`` with the same addresses; the packages' files (vouchers,
open data) are published once, in the Chinese tree, and English pages link there. Each
language has its own what's-new feed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import quote, unquote

from .domain import slug

LANGUAGES = ("zh", "en")
ENGLISH = "en/"  # the English site's folder
PAGE_FILE = "index.html"

# Pages whose source the nav of mkdocs.yml names by file; every other page is read by
# mkdocs from "<address>index.md".
NAV_SOURCES = {"search/": "search.md", "maintainers/data-dictionary/":
               "maintainers/data-dictionary.md"}


# Pages, by section.

def home() -> str:
    return ""


def communities() -> str:
    return "communities/"


def compare() -> str:
    return "compare/"


def community(community_id: str) -> str:
    """A 小区's page; also a 社区 (neighbourhood) from the code list, by its id."""
    return f"communities/{community_id}/"


def ledger(community_id: str) -> str:
    return f"{community(community_id)}ledger/"


def month(community_id: str, month_: str) -> str:
    """A month's entries (YYYY-MM), which also prints as the notice-board statement."""
    return f"{ledger(community_id)}{month_}/"


def month_part(community_id: str, month_: str, part: int) -> str:
    """A page of a month too long for one (render/paging.MONTH_ROWS): the first at the
    month's address, then …/2023-03/2/."""
    return month(community_id, month_) if part == 1 else f"{month(community_id, month_)}{part}/"


def month_notice(community_id: str, month_: str) -> str:
    """A long month in full on one page, to print as the notice-board statement."""
    return f"{month(community_id, month_)}notice/"


def ledger_all(community_id: str) -> str:
    return f"{ledger(community_id)}all/"


def corrections(community_id: str) -> str:
    return f"{community(community_id)}corrections/"


def foundation() -> str:
    return "foundation/"


def foundation_project(project_id: str) -> str:
    return f"{foundation()}projects/{project_id}/"


def foundation_donations(project_id: str, page: int) -> str:
    """A page of a long list of a project's donations (render/paging.PAGE_ROWS a page): the
    first on the project's page, then …/F-01/donations/2/."""
    here = foundation_project(project_id)
    return here if page == 1 else f"{here}donations/{page}/"


def foundation_disbursements(project_id: str, page: int) -> str:
    here = foundation_project(project_id)
    return here if page == 1 else f"{here}disbursements/{page}/"


def protection() -> str:
    return "protection-fund/"


def protection_list(page: int) -> str:
    """A page of a long list of the fund's projects: the first on the fund's page, then
    protection-fund/list/2/ (beside projects/, so that no project id can take it)."""
    return protection() if page == 1 else f"{protection()}list/{page}/"


def protection_project(project_id: str) -> str:
    return f"{protection()}projects/{project_id}/"


def standards() -> str:
    return "standards/"


def standard(code: str) -> str:
    return f"{standards()}{slug(code)}/"


def standard_pdf(code: str, official: str = "") -> str:
    """A standard's PDF: the official one the package names (its pdf column), else the
    one the build prints from its text, beside its page."""
    return standards_file(official) if official else f"{standard(code)}{slug(code)}.pdf"


# The theme's files the portal never uses: Material's own search (its worker and lunr;
# the portal searches with Pagefind) and its palette (theme/main.html sets the two colours).
THEME_UNUSED = ("assets/javascripts/lunr", "assets/javascripts/workers",
                "assets/stylesheets/palette.*.min.css")


def whatsnew() -> str:
    return "whatsnew/"


def data() -> str:
    return "data/"


def search() -> str:
    return "search/"


def data_dictionary() -> str:
    return "maintainers/data-dictionary/"


def reading_guide() -> str:
    return "guide/read-accounts/"


def publishing_guide() -> str:
    return "maintainers/publishing/"


# Files.

def community_file(community_id: str, inside: str) -> str:
    """A voucher or document, at its path inside the package (vouchers/…, documents/…): the
    ledger's voucher column, downloaded with the open data, names it the same way."""
    return f"{community(community_id)}{_encoded(inside)}"


def foundation_file(inside: str) -> str:
    return f"{foundation()}{_encoded(inside)}"


def protection_file(inside: str) -> str:
    return f"{protection()}{_encoded(inside)}"


def standards_file(inside: str) -> str:
    """A standard's text or PDF where the catalogue's body and pdf columns say."""
    return f"{standards()}{_encoded(inside)}"


def _encoded(inside: str) -> str:
    """A package file's path as a link carries it: percent-encoded from the path validation
    checked (names are letters, digits, _ - and ., so this changes only other scripts'
    letters), so that the link opens that file and no other."""
    return quote(inside, safe="/")


PHONE = "@phone"


def phone_copy(address: str) -> str:
    """The copy of a voucher image a phone shows (at most derivatives.PHONE_SIDE pixels),
    beside the full one: …/v-01.png -> …/v-01@phone.png. No package file can take this
    address: "@" is not allowed in their names (validate/files.SAFE_NAME). vouchers.js
    makes the same address from a link."""
    stem, _, suffix = address.rpartition(".")
    return f"{stem}{PHONE}.{suffix}"


def file_path(address: str) -> str:
    """Where a file linked at ``address`` is written in the site: the path decoded."""
    return unquote(address)


def standard_text(code: str) -> str:
    """A standard's Markdown text, downloaded from its page."""
    return f"{standard(code)}{slug(code)}.md"


def script(name: str) -> str:
    """One of the portal's scripts (generator/theme/assets/xinyi/)."""
    return f"assets/xinyi/{name}"


def feed() -> str:
    return f"{whatsnew()}feed.xml"


def titles() -> str:
    """The main pages by title, which the search page reads (search.js)."""
    return f"{search()}titles.json"


def data_package(path: str) -> str:
    """A package's open-data folder: ``path`` is its folder under the datasets folder
    (codelists, communities/<id>, foundation, protection-fund, standards)."""
    return f"{data()}{path}/"


def data_file(path: str, name: str) -> str:
    return f"{data_package(path)}{name}"


def data_schema(table: str) -> str:
    return f"{data()}schemas/{table}.json"


def table_template(table: str) -> str:
    """The workbook to fill for a table (portal template), offered to maintainers beside
    the data dictionary: not open data, so not under data/."""
    return f"maintainers/templates/{table}.xlsx"


def checksums() -> str:
    return f"{data()}SHA256SUMS"


def open_data_copy(path: str) -> str:
    """Where a table or descriptor of the datasets (its path under the datasets folder)
    is offered in the open data: communities/x/ledger.csv -> data/communities/x/ledger.csv."""
    return f"{data()}{path}"


def in_data(address: str) -> str:
    """A file's path inside data/, as SHA256SUMS lists it."""
    return address.removeprefix(data())


# Former addresses, kept as redirects.

def former_notice(community_id: str, month_: str) -> str:
    """A month's notice-board statement, now the month page printed."""
    return f"{community(community_id)}notice/{month_}/"


def month_row(community_id: str, month_: str) -> str:
    """A month's row on the English ledger page."""
    return f"{ledger(community_id)}#m{month_}"


# Where pages and their files are: the docs folder mkdocs reads, the built site.

def source(address: str) -> str:
    """The docs path mkdocs builds a page from: communities/x/ -> communities/x/index.md."""
    return NAV_SOURCES.get(address) or f"{address}index.md"


def address(source_: str) -> str:
    """The address of a docs path (mkdocs' directory URLs): a/b.md -> a/b/, a/index.md ->
    a/, index.md -> ""."""
    p = PurePosixPath(source_)
    if source_ == "index.md":
        return ""
    return f"{p.parent}/" if p.name == "index.md" else f"{p.with_suffix('')}/"


def has_english(address_: str) -> bool:
    """Pages also made in English: all but the maintainers' pages."""
    return not address_.startswith("maintainers/")


def in_language(address_: str, lang: str) -> str:
    """An address in the site of a language: English pages under en/."""
    return f"{ENGLISH}{address_}" if lang == "en" else address_


def page_file(address_: str, lang: str = "zh") -> str:
    """The file a page is written to in the site: communities/x/ -> communities/x/index.html."""
    return f"{in_language(address_, lang)}{PAGE_FILE}"


def community_folders(community_id: str) -> tuple[str, ...]:
    """Everything of one community in the site: its pages in both languages (with its
    vouchers and documents) and its open data."""
    return (community(community_id), in_language(community(community_id), "en"),
            data_package(f"communities/{community_id}"))


def community_of(site_path: str) -> str | None:
    """The community a file of the site would belong to (community_folders), by its path;
    None for files outside every community's folders. A neighbourhood's page answers its
    code: the caller knows which ids are communities."""
    parts = site_path.split("/", 3)
    if parts[0] in (ENGLISH.rstrip("/"), data().rstrip("/")) and len(parts) > 3:
        found = parts[2]
    elif len(parts) > 2:
        found = parts[1]
    else:
        return None
    return found if site_path.startswith(community_folders(found)) else None


def community_package(community_id: str) -> str:
    """A community package's folder under the datasets folder, and so under data/."""
    return f"communities/{community_id}"


# Links between pages.

def relative(page: str, to: str) -> str:
    """A link from the page at ``page`` to the address ``to``, through the root: every
    link of a page starts the same way, whatever it leads to."""
    return "../" * page.count("/") + to


def absolute(site_url: str, to: str) -> str:
    """An address on the published site, for QR codes and the feed ("" without one)."""
    return f"{site_url}{to}" if site_url else ""


def between(page: str, to: str) -> str:
    """A short link from the page at ``page`` to the address ``to``: up to the folder both
    are in, then down; a page in the same folder is reached by its name (../name/), the
    page itself too (redirects, links between standards, the links of a month's rows)."""
    folder = page[:page.rstrip("/").rfind("/") + 1]  # the folder the page is in
    common = 0
    for i, (a, b) in enumerate(zip(folder, to, strict=False)):
        if a != b:
            break
        if a == "/":
            common = i + 1
    return "../" * page[common:].count("/") + to[common:]


@dataclass(frozen=True)
class MonthLinks:
    """Links from a community's month page, as short as they can be: a city's ledgers have
    a million rows, each linking its voucher and corrections. Made once a page."""

    ledger: str  # to the community's ledger folder
    package: str  # to the community's package folder (its vouchers)
    parts: Mapping[str, int] = field(default_factory=dict)  # entry id -> page of a long month

    def entry(self, month_: str, entry_id: str) -> str:
        """An entry on its month's page (``month_`` a month of this ledger), or on the page
        of a long month that holds it."""
        part = self.parts.get(entry_id, 1)
        return f"{self.ledger}{month_}/{f'{part}/' if part > 1 else ''}#{entry_id}"

    def file(self, inside: str) -> str:
        return f"{self.package}{_encoded(inside)}"


def month_links(community_id: str, month_: str, part: int = 1,
                parts: Mapping[str, int] | None = None) -> MonthLinks:
    """Links from a month's page (``part`` of a long month; its notice page is part 0)."""
    here = month_notice(community_id, month_) if part == 0 else \
        month_part(community_id, month_, part)
    return MonthLinks(between(here, ledger(community_id)),
                      between(here, community(community_id)), parts or {})
