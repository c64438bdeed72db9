"""Stage 4, render: the portal model to pages and files, in memory, one module a section.

``render()`` writes the pages of one language with a ``Writer`` (writer.py: the Jinja
environment, the language, the site map, labels and formats): the communities
(communities.py), the foundation and protection-fund projects (projects.py), the standards
(standards.py) and the pages about the whole portal (sitewide.py). The open-data downloads
(opendata.py) are made once for both languages. Files from the packages are published with
the Chinese pages only; English pages (under en/) link to them there.
"""

from __future__ import annotations

from ..model import Portal
from . import opendata
from .communities import community_part, neighbourhood_pages, render_communities
from .projects import foundation_pages, protection_pages
from .sitewide import chinese_only_pages, english_search_page, home_pages, publication_pages
from .standards import standard_pages
from .writer import Asset, Part, RenderedPage, Writer, environment, toc_of

__all__ = ["Asset", "Part", "RenderedPage", "environment", "render", "render_communities",
           "toc_of"]


def render(portal: Portal, lang: str = "zh", strict: bool = False,
           communities: Part | None = None, downloads: opendata.OpenData | None = None) -> Part:
    """The pages of one language, and (in Chinese) the files they link. The communities'
    own pages may come ready-made from render_communities(), and the open data from
    opendata.build(), made once for both languages."""
    w = Writer(portal, lang, strict)
    downloads = downloads or opendata.build(portal)  # both languages list them
    home_pages(w)
    own, files = communities or community_part(portal, lang, strict, portal.communities,
                                               downloads.ledger_sizes())
    w.pages.extend(own)
    w.assets.extend(files)
    neighbourhood_pages(w)
    foundation_pages(w)
    protection_pages(w)
    standard_pages(w)
    publication_pages(w, downloads)
    if w.english:
        english_search_page(w)
        return w.pages, []
    chinese_only_pages(w)
    return w.pages, w.assets

