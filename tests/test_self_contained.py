"""Self-contained site: no page makes a request to any other host (many residents are on
slow mainland networks; fonts and scripts are served from the site itself)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from .browser import chromium, serve

pytestmark = pytest.mark.browser


def test_no_page_requests_another_host(minimal_site: Path) -> None:
    pages = sorted(p.relative_to(minimal_site).as_posix()
                   for p in minimal_site.rglob("*.html") if "/assets/" not in p.as_posix())
    assert len(pages) > 40 and any(p.startswith("en/") for p in pages)  # both languages
    outside: list[str] = []
    with serve(minimal_site) as url, chromium() as browser:
        host = urlparse(url).netloc
        tab = browser.new_page(viewport={"width": 375, "height": 740})
        current = {"page": ""}
        tab.on("request", lambda r: outside.append(f"{current['page']}: {r.url}")
               if urlparse(r.url).netloc not in (host, "") and not r.url.startswith("data:")
               else None)
        # the recorder sees a request to another host (nothing answers it here)
        tab.set_content('<img src="http://portal-probe.invalid/x.png">')
        tab.wait_for_timeout(200)
        assert outside == [": http://portal-probe.invalid/x.png"]
        outside.clear()
        for page in pages:
            current["page"] = page
            tab.goto(url + page, wait_until="networkidle")
    assert outside == []
