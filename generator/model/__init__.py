"""Stage 3, model: the figures the pages show, computed once from validated records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..accounts import remuneration_codes
from ..disclosure import schedule
from ..history import Publication
from ..load import Provenance, data_version
from ..records import Category, Community, CommunityCode, ProjectCategory, StandardCategory
from ..units import Unit
from ..validate import Validated
from ..witness import Mark
from .community import CommunityView, community_view
from .datapackages import DataPackage, data_packages
from .projects import (
    FoundationProjectView,
    FoundationView,
    ProtectionProjectView,
    ProtectionView,
    foundation_view,
    protection_view,
)
from .questions import QuestionItem, by_project
from .standards import Catalogue, catalogue_view

ZERO = Decimal("0.00")

__all__ = ["CommunityView", "Headline", "Neighbourhood", "Portal", "build_model"]


@dataclass(frozen=True)
class Headline:
    year: int | None
    communities: int
    households: int
    income: Decimal
    expense: Decimal
    reporting: int  # communities with accounts in that year
    households_billed: int
    households_paid: int

    @property
    def collection_rate(self) -> float | None:
        return self.households_paid / self.households_billed if self.households_billed else None


@dataclass(frozen=True)
class Neighbourhood:
    """A community from the code list that has no trust-fund package, with its projects."""

    code: CommunityCode
    foundation_projects: tuple[FoundationProjectView, ...]
    protection_projects: tuple[ProtectionProjectView, ...]
    members: tuple[CommunityView, ...]  # trust-fund communities inside it


@dataclass(frozen=True)
class Portal:
    categories: dict[str, Category]
    project_categories: dict[str, ProjectCategory]
    communities: tuple[CommunityView, ...]
    neighbourhoods: tuple[Neighbourhood, ...]
    foundation: FoundationView | None
    protection: ProtectionView | None
    standard_categories: dict[str, StandardCategory]
    catalogue: Catalogue | None
    headline: Headline
    any_sample: bool
    version: str  # the data version every page shows
    publications: tuple[Publication, ...]
    site_url: str  # absolute address of the site, for QR codes and feeds ("" when unknown)
    packages: tuple[DataPackage, ...] = ()  # offered for download (开放数据)
    # project_id -> (community title, question) of owners' questions about the project
    project_questions: dict[str, tuple[tuple[str, QuestionItem], ...]] = field(
        default_factory=dict)


def build_model(validated: Validated, provenance: Provenance, today: date, site_url: str = "",
                units: Mapping[str, Unit] | None = None,
                records: Mapping[str, Mark | None] | None = None) -> Portal:
    """``units``: the communities whose pages are kept come as what the pages about all
    communities read of them (units.Output.view, light), not modelled again. ``records``:
    each package's published record as its page states it (witness.py)."""
    records = records or {}
    kept = {i: u.kept.view for i, u in (units or {}).items() if u.kept is not None}
    report = validated.report
    names = {c.id: (c.name_zh, c.name_en) for c in validated.community_codes}
    names.update({c.id: (c.title, c.title) for c in validated.communities})
    foundation = (foundation_view(validated.foundation, report, names, today)
                  if validated.foundation else None)
    protection = (protection_view(validated.protection, report, names, today)
                  if validated.protection else None)
    by_name = {c.name_zh: c for c in validated.community_codes}
    views = []
    versions = community_versions(validated.communities, provenance)
    chart = {c.code: c for c in validated.categories}
    remuneration = remuneration_codes(chart)
    for c in validated.communities:
        if c.id in kept:
            views.append(kept[c.id])
            continue
        # A 小区's page lists its own projects and those of the 社区 it belongs to.
        area = by_name.get(c.profile.neighborhood)
        ids = {c.id} | ({area.id} if area else set())
        views.append(community_view(c, report, area, *_projects_in(foundation, protection, ids),
                                    disclosure=schedule(c, provenance.published, today),
                                    version=versions[c.id], remuneration=remuneration,
                                    record=records.get(c.id), categories=chart, today=today))
    return Portal(
        categories={c.code: c for c in validated.categories},
        project_categories={c.code: c for c in validated.project_categories},
        communities=tuple(views),
        neighbourhoods=_neighbourhoods(validated.community_codes, views, foundation, protection),
        foundation=foundation,
        protection=protection,
        standard_categories={c.code: c for c in validated.standard_categories},
        catalogue=(catalogue_view(validated.standards,
                                  tuple(c.code for c in validated.standard_categories))
                   if validated.standards else None),
        headline=headline(views),
        any_sample=any(v.c.sample for v in views) or bool(foundation and foundation.f.sample)
        or bool(protection and protection.pf.sample),
        version=provenance.version,
        publications=tuple(reversed(provenance.publications)),  # newest first
        site_url=site_url,
        packages=data_packages(validated, provenance.root),
        project_questions=by_project(views),
    )


def community_versions(communities: Sequence[Community],
                       provenance: Provenance) -> dict[str, str]:
    """Each community's data version: the hash of its own files and of the files every
    community page reads (code lists, foundation, protection fund, standards), not of the
    other communities'. Its pages show it, so that they stay the same bytes when another
    community publishes a month (and a rebuild can keep them, units.py)."""
    own, shared = provenance.by_community({c.id: c.path for c in communities})
    return {i: data_version({**files, **shared}) for i, files in own.items()}


def _projects_in(
    foundation: FoundationView | None, protection: ProtectionView | None, ids: set[str]
) -> tuple[tuple[FoundationProjectView, ...], tuple[ProtectionProjectView, ...]]:
    found = tuple(p for p in foundation.projects if ids & set(p.p.communities)) \
        if foundation else ()
    prot = tuple(p for p in protection.projects if p.p.community in ids) if protection else ()
    return found, prot


def _neighbourhoods(codes: Sequence[CommunityCode], views: Sequence[CommunityView],
                    foundation: FoundationView | None,
                    protection: ProtectionView | None) -> tuple[Neighbourhood, ...]:
    package_ids = {v.c.id for v in views}
    result = []
    for code in sorted(codes, key=lambda c: c.id):
        if code.id in package_ids:
            continue  # the package's own page shows it
        members = tuple(v for v in views if v.neighbourhood == code)
        found, prot = _projects_in(foundation, protection, {code.id})
        if found or prot or members:
            result.append(Neighbourhood(code, found, prot, members))
    return tuple(result)


def headline(views: Sequence[CommunityView]) -> Headline:
    years = [v.latest_year.year for v in views if v.latest_year]
    year = max(years) if years else None
    in_year = [y for v in views for y in v.years if y.year == year]
    latest_collection = [v.collection[-1] for v in views if v.collection]
    return Headline(
        year=year,
        communities=len(views),
        households=sum(v.c.profile.households for v in views),
        income=sum((y.income for y in in_year), ZERO),
        expense=sum((y.expense for y in in_year), ZERO),
        reporting=len(in_year),
        households_billed=sum(y.households_billed for y in latest_collection),
        households_paid=sum(y.households_paid for y in latest_collection),
    )
