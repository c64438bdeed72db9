"""The vouchers and documents written into the site as the safe derivatives
derivatives.py makes, never as received.

Making them decodes and encodes every photo (about a millisecond a small scan, a tenth
of a second a phone's photo), so each is kept in the cache under the SHA-256 of the
file it was made from, and the ones not kept are made on every core.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from pathlib import Path

from .. import derivatives, parallel
from ..cache import Cache
from ..errors import SiteError
from ..render import Asset

DERIVED = "derived"  # the cache's folder of derivatives
CHUNK = 256  # files made per round of workers: their bytes are held until written


def write_derivatives(assets: Iterable[Asset], site: Path, cache: Cache,
                      sources: Collection[str]) -> None:
    """Write each asset's derivative at its target. ``sources``: the SHA-256 of every
    file in the datasets; the cache keeps the derivatives of those and no others (a
    community not rebuilt now keeps its vouchers' derivatives for when it is)."""
    missing: list[tuple[Asset, bytes, str]] = []
    for asset in assets:
        assert asset.source is not None and asset.kind  # render made it so
        data = asset.source.read_bytes()
        key = _key(cache, hashlib.sha256(data).hexdigest(), asset)
        made = cache.get(DERIVED, key)
        if isinstance(made, bytes):
            _write(site / asset.target, made)
        else:
            missing.append((asset, data, key))
    for start in range(0, len(missing), CHUNK):
        _make(missing[start:start + CHUNK], site, cache)
    cache.keep(DERIVED, (_key(cache, sha, Asset(None, "", kind=kind, phone=phone))
                         for sha in sources for kind in derivatives.FORMATS.keys() | {"pdf"}
                         for phone in (False, True)))


def _make(batch: list[tuple[Asset, bytes, str]], site: Path, cache: Cache) -> None:
    def derive(index: int) -> bytes:
        asset, data, _ = batch[index]
        try:
            return derivatives.derive(data, asset.kind, asset.phone)
        except Exception as exc:  # noqa: BLE001 (a stranger's file in a decoder)
            # checked when the build began: the file changed since, or a decoder failed
            raise SiteError(f"'{asset.source}' could not be published safely ({exc}); "
                            "run portal validate") from exc

    for (asset, _, key), made in zip(batch, parallel.fork_map(derive, len(batch)), strict=True):
        _write(site / asset.target, made)
        cache.put(DERIVED, key, made)


def _key(cache: Cache, sha: str, asset: Asset) -> str:
    return cache.key(DERIVED, sha, asset.kind, "phone" if asset.phone else "full")


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
