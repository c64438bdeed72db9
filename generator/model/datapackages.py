"""The packages offered for download (开放数据): where each one's files are and what it holds.

Only what passed validation is offered: the code lists the packages depend on, and every
package that became a typed record. The render stage (``render/opendata.py``) reads the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import urls
from ..load import COMMUNITY, FOUNDATION, PROTECTION, STANDARDS, Kind
from ..records import Community, Foundation, ProtectionFund, Standards
from ..validate import Validated


@dataclass(frozen=True)
class DataPackage:
    name: str  # the package's name in its descriptor and zip: codelists, a community id, …
    path: str  # its folder under data/ in the site and under the datasets folder
    source: Path  # the package folder
    kind: str  # the descriptor schema it passed ("" for the code lists, which have none)
    title: str
    sample: bool
    resources: tuple[tuple[str, str], ...]  # (resource name, canonical table schema)


def data_packages(validated: Validated, root: Path) -> tuple[DataPackage, ...]:
    found = [p for p in (_codelists(validated, root),) if p is not None]
    for c in validated.communities:
        found.append(_package(COMMUNITY, urls.community_package(c.id), c, c.id))
    for kind, record in ((FOUNDATION, validated.foundation),
                         (PROTECTION, validated.protection), (STANDARDS, validated.standards)):
        if record is not None:
            found.append(_package(kind, kind.name, record, kind.name))
    return tuple(found)


def _package(kind: Kind, path: str, record: Community | Foundation | ProtectionFund | Standards,
             name: str) -> DataPackage:
    loaded = record.where  # the resources the descriptor listed and the load stage read
    return DataPackage(name, path, record.path, kind.descriptor_schema, record.title,
                       record.sample, tuple((r, t) for r, t in kind.resources.items()
                                            if r in loaded))


def _codelists(validated: Validated, root: Path) -> DataPackage | None:
    """The code lists that were checked: the chart of accounts always, the others with the
    packages that use them. With no package at all there are none worth offering alone."""
    packages = (validated.foundation, validated.protection, validated.standards)
    if not validated.categories or not (validated.communities or any(packages)):
        return None
    names = ["categories"]
    if validated.foundation or validated.protection:
        names += ["project-categories", "communities"]
    if validated.standards:
        names.append("standard-categories")
    return DataPackage("codelists", "codelists", root / "codelists", "", "代码表", False,
                       tuple((n, n) for n in names))
