"""What's new: the lines each publication shows, and the Atom feed of them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from .. import i18n, urls
from ..formats import month_label
from ..history import Addition, Publication
from ..model import Portal

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Line:
    text: str
    target: str  # the address it leads to, such as communities/fenghuayuan/


def lines(portal: Portal, publication: Publication, lang: str = "zh") -> list[Line]:
    """What a publication added, a line each, in the page's language; what it names
    (communities, projects) is shown as the data has it, standards by their title in the
    page's language."""
    tr, names = i18n.translator(lang), _names(portal, lang)
    return [_line(a, tr, names, lang) for a in publication.additions]


def _line(a: Addition, tr: Callable[..., str], names: dict[str, str], lang: str) -> Line:
    name = names.get(a.package, a.package)
    if a.kind == "community":
        return Line(tr("新增小区：{name}", name=name), urls.community(a.package))
    if a.kind == "months":
        first, last = month_label(a.keys[0], lang), month_label(a.keys[-1], lang)
        text = (tr("{name}：新增 {month}的账目", name=name, month=first) if len(a.keys) == 1
                else tr("{name}：新增 {first}至 {last}，共 {n} 个月的账目", name=name,
                        first=first, last=last, n=len(a.keys)))
        # English pages give a month as a row of the ledger page (urls.month_row)
        month = urls.month_row if lang == "en" else urls.month
        return Line(text, month(a.package, a.keys[-1]))
    label, target = {"foundation-project": ("社区基金会新增项目", urls.foundation()),
                     "protection-project": ("社区保障资金新增项目", urls.protection()),
                     "standard": ("新增标准", urls.standards())}[a.kind]
    shown = tr("、").join(names.get(k, k) for k in a.keys[:8])
    if len(a.keys) > 8:
        shown = tr("{shown}等 {n} 项", shown=shown, n=len(a.keys))
    return Line(tr("{label}：{shown}", label=tr(label), shown=shown), target)


def _names(portal: Portal, lang: str) -> dict[str, str]:
    names = {v.c.id: v.c.title for v in portal.communities}
    if portal.foundation:
        names.update({p.p.project_id: p.p.title for p in portal.foundation.projects})
    if portal.protection:
        names.update({p.p.project_id: p.p.title for p in portal.protection.projects})
    if portal.catalogue:
        names.update({v.s.code: f"{v.s.code} {v.s.title_en if lang == 'en' else v.s.title_zh}"
                      for v in portal.catalogue.standards})
    return names


def atom(portal: Portal, lang: str = "zh") -> str:
    """An Atom feed of the publications, newest first, in one language (each language's
    what's-new page offers its own); dates come from the commits."""
    ET.register_namespace("", ATOM)
    tr, base = i18n.translator(lang), portal.site_url
    here = urls.in_language(urls.whatsnew(), lang)
    page = urls.absolute(base, here) or "./"  # without one, relative to the feed
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", tr("社区信义治理公开平台：最新发布"))
    _text(feed, "id", urls.absolute(base, here) or f"urn:xinyi-portal:{_lang_id(lang)}whatsnew")
    _text(feed, "updated", portal.publications[0].date if portal.publications
          else "1970-01-01T00:00:00+00:00")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=page)
    for publication in portal.publications:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", tr("{date} 发布", date=publication.date[:10]))
        _text(entry, "id",
              f"urn:xinyi-portal:{_lang_id(lang)}publication:{publication.commit}")
        _text(entry, "updated", publication.date)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate",
                      href=f"{page}#p-{publication.commit[:12]}")
        _text(entry, "summary",
              "\n".join(line.text for line in lines(portal, publication, lang)))
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(author, "name", tr("社区信义治理公开平台"))
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _lang_id(lang: str) -> str:
    """A part of the English feed's ids, so that a reader subscribed to both feeds keeps
    the entries of each (the Chinese ids are as they always were)."""
    return "" if lang == "zh" else f"{lang}:"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text
