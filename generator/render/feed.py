"""What's new: the lines each publication shows, and the Atom feed of them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .. import urls
from ..formats import month_label
from ..history import Addition, Publication
from ..model import Portal

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Line:
    text: str
    target: str  # the address it leads to, such as communities/fenghuayuan/


def lines(portal: Portal, publication: Publication) -> list[Line]:
    return [_line(portal, a) for a in publication.additions]


def _line(portal: Portal, a: Addition) -> Line:
    names = _names(portal)
    if a.kind == "community":
        return Line(f"新增小区：{names.get(a.package, a.package)}", urls.community(a.package))
    if a.kind == "months":
        first, last = month_label(a.keys[0]), month_label(a.keys[-1])
        span = first if len(a.keys) == 1 else f"{first}至 {last}，共 {len(a.keys)} 个月"
        return Line(f"{names.get(a.package, a.package)}：新增 {span}的账目",
                    urls.month(a.package, a.keys[-1]))
    label = {"foundation-project": ("社区基金会新增项目", urls.foundation()),
             "protection-project": ("社区保障资金新增项目", urls.protection()),
             "standard": ("新增标准", urls.standards())}[a.kind]
    shown = "、".join(names.get(k, k) for k in a.keys[:8])
    more = f"等 {len(a.keys)} 项" if len(a.keys) > 8 else ""
    return Line(f"{label[0]}：{shown}{more}", label[1])


def _names(portal: Portal) -> dict[str, str]:
    names = {v.c.id: v.c.title for v in portal.communities}
    if portal.foundation:
        names.update({p.p.project_id: p.p.title for p in portal.foundation.projects})
    if portal.protection:
        names.update({p.p.project_id: p.p.title for p in portal.protection.projects})
    if portal.catalogue:
        names.update({v.s.code: f"{v.s.code} {v.s.title_zh}" for v in portal.catalogue.standards})
    return names


def atom(portal: Portal) -> str:
    """An Atom feed of the publications, newest first; dates come from the commits."""
    ET.register_namespace("", ATOM)
    base = portal.site_url
    page = urls.absolute(base, urls.whatsnew()) or "./"  # without one, relative to the feed
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", "社区信义治理公开平台：最新发布")
    _text(feed, "id", urls.absolute(base, urls.whatsnew()) or "urn:xinyi-portal:whatsnew")
    _text(feed, "updated", portal.publications[0].date if portal.publications
          else "1970-01-01T00:00:00+00:00")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=page)
    for publication in portal.publications:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", f"{publication.date[:10]} 发布")
        _text(entry, "id", f"urn:xinyi-portal:publication:{publication.commit}")
        _text(entry, "updated", publication.date)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate",
                      href=f"{page}#p-{publication.commit[:12]}")
        _text(entry, "summary", "\n".join(line.text for line in lines(portal, publication)))
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(author, "name", "社区信义治理公开平台")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text
