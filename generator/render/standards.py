"""The standards library (社区信义治理标准): the catalogue by category and status, and each
standard's page with its full text, linkable clauses, citations both ways and downloads.

A standard's PDF is the official one its package supplies or, without one, the text
printed by Chromium (standards_pdf.py): made once, with the Chinese pages, for both sites."""

from __future__ import annotations

from markupsafe import Markup

from .. import domain, standard_text, standards_pdf, urls
from ..config import default_cache
from ..model.standards import Catalogue, StandardView
from ..vocabulary import label
from .projects import Filter
from .writer import Writer

# The catalogue filter's counter, which portal.js fills in (its English is in
# i18n/en-standards.json, under "__js__").
COUNTER = "显示 {n} / {m} 项标准"


def standard_pages(w: Writer) -> None:
    cat = w.portal.catalogue
    w.page(urls.standards(), "catalogue.html",
           cat.std.title if cat and not w.english else w.tr("社区信义治理标准"),
           {"catalogue": cat, "filters": _filters(w)})
    if cat is None:
        return
    pattern = standard_text.code_pattern(standard_text.prefix(v.s.code) for v in cat.standards)
    for v in cat.standards:
        here = urls.standard(v.s.code)
        cited = {standard_text.normalise(o.s.code): urls.between(here, urls.standard(o.s.code))
                 for o in cat.standards}
        text = standard_text.render(v.body)
        body = Markup(standard_text.link_codes(text.html, pattern, cited))  # sanitised by nh3
        title = v.s.title_en if w.english else v.s.title_zh
        w.page(here, "standard.html", f"{v.s.code} {title}",
               {"catalogue": cat, "v": v, "body": body})
        w.copy(cat.std.path / v.s.body, urls.standard_text(v.s.code))
        # Also where the catalogue's body column says, like the PDFs: the downloaded
        # standards.csv names its texts relative to the package's folder on the site.
        w.copy(cat.std.path / v.s.body, urls.standards_file(v.s.body))
        if v.s.pdf:
            w.copy(cat.std.path / v.s.pdf, urls.standards_file(v.s.pdf))
    if not w.english:  # the files are published with the Chinese pages only
        _printed_pdfs(w, cat)


def pdf_address(v: StandardView) -> str:
    """The official PDF where the package's pdf column says, else the printed text's."""
    return urls.standard_pdf(v.s.code, v.s.pdf)


def _printed_pdfs(w: Writer, cat: Catalogue) -> None:
    template = w.env.get_template("standard_pdf.html")
    sheets = [standards_pdf.Sheet(
        urls.file_path(pdf_address(v)),
        template.render(s=v.s, successor=v.successor or "", sample=cat.std.sample,
                        body=Markup(standard_text.render(v.body).html)),  # sanitised by nh3
        v.s.code) for v in cat.standards if not v.s.pdf]
    for target, pdf in standards_pdf.print_sheets(sheets, default_cache()).items():
        w.write(target, pdf)


def _filters(w: Writer) -> list[Filter]:
    cat = w.portal.catalogue
    if cat is None:
        return []
    return [
        ("category", w.tr("类别"),
         [(code, w.name(w.portal.standard_categories[code])) for code, _ in cat.groups]),
        ("status", w.tr("状态"), [(st, label(st, "standard-status", w.lang))
                                 for st in domain.STANDARD_STATUSES
                                 if any(v.s.status == st for v in cat.standards)]),
    ]
