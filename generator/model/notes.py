"""A note an area adds under an item it concerns (a ledger entry on its month page): an
interface sentence of the catalogue (generator/i18n) and the values it takes, so that each
language's page says it in its own words and the values are escaped where it is written."""

from __future__ import annotations

from collections.abc import Mapping

Note = tuple[str, tuple[tuple[str, str], ...]]  # (Chinese sentence with {names}, values)


def merged(*notes: Mapping[str, tuple[Note, ...]]) -> dict[str, tuple[Note, ...]]:
    """Each item's notes from every area, in the order the areas are given."""
    result: dict[str, tuple[Note, ...]] = {}
    for by_item in notes:
        for key, found in by_item.items():
            result[key] = result.get(key, ()) + tuple(found)
    return result


def note(sentence: str, **values: object) -> Note:
    return sentence, tuple((k, str(v)) for k, v in values.items())

