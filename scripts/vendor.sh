#!/usr/bin/env bash
# Re-fetch the vendored browser libraries from the npm registry, at exactly these versions.
#
#   simple-datatables 10.3.0 (LGPL-3.0)  -> generator/theme/assets/vendor/simple-datatables/
#   glightbox 3.3.1          (MIT)       -> generator/theme/assets/vendor/glightbox/
#   axe-core 4.14.1          (MPL-2.0)   -> tests/vendor/  (tests only, never in the site)
#
# The site must load nothing from another host, so the files are committed and served by
# the site itself. This script documents where they came from; CI does not run it.
# It needs npm and network access to the registry. Usage: scripts/vendor.sh
#
# Changes made to the published files, and only these:
# - `//# sourceMappingURL=` comments are removed (the maps are not vendored, and a browser's
#   developer tools would otherwise request missing files);
# - GLightbox's default Plyr URLs (a video player loaded from cdn.plyr.io, used only for
#   video slides, which the portal never shows) are emptied, so that no code path names
#   another host.
set -euo pipefail
cd "$(dirname "$0")/.."

SDT=10.3.0
GLB=3.3.1
AXE=4.14.1

site=generator/theme/assets/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fetch() {  # name version -> $tmp/name/package
  (cd "$tmp" && npm pack --silent "$1@$2" >/dev/null)
  mkdir -p "$tmp/$1"
  tar -xzf "$tmp/$1-$2.tgz" -C "$tmp/$1"
}

strip_maps() {
  sed -i -e '/^\/\/# sourceMappingURL=/d' -e 's@/\*# sourceMappingURL=[^*]*\*/@@g' "$@"
}

fetch simple-datatables "$SDT"
d=$site/simple-datatables
rm -rf "$d" && mkdir -p "$d"
cp "$tmp/simple-datatables/package/dist/umd/simple-datatables.js" "$d/"
cp "$tmp/simple-datatables/package/dist/style.css" "$d/"
cp "$tmp/simple-datatables/package/LICENSE" "$d/LICENSE"
strip_maps "$d"/*.js "$d"/*.css
printf '%s\n' "simple-datatables $SDT (LGPL-3.0), dist/umd/simple-datatables.js and dist/style.css" \
  "from the npm registry package simple-datatables@$SDT, unmodified but for removed source-map comments." \
  "Loaded only by the all-entries ledger page (assets/xinyi/ledger.js). Re-fetch: scripts/vendor.sh" \
  >"$d/README.md"

fetch glightbox "$GLB"
d=$site/glightbox
rm -rf "$d" && mkdir -p "$d"
cp "$tmp/glightbox/package/dist/js/glightbox.min.js" "$d/"
cp "$tmp/glightbox/package/dist/css/glightbox.min.css" "$d/"
cp "$tmp/glightbox/package/LICENSE.md" "$d/LICENSE"
strip_maps "$d"/*.js "$d"/*.css
sed -i -e 's@https://cdn\.plyr\.io/[0-9.]*/plyr\.css@@g' -e 's@https://cdn\.plyr\.io/[0-9.]*/plyr\.js@@g' \
  "$d/glightbox.min.js"
printf '%s\n' "GLightbox $GLB (MIT), dist/js/glightbox.min.js and dist/css/glightbox.min.css" \
  "from the npm registry package glightbox@$GLB, unmodified but for the emptied default Plyr (video)" \
  "URLs. Loaded on pages with voucher links (assets/xinyi/vouchers.js). Re-fetch: scripts/vendor.sh" \
  >"$d/README.md"

fetch axe-core "$AXE"
mkdir -p tests/vendor
cp "$tmp/axe-core/package/axe.min.js" tests/vendor/axe.min.js
cp "$tmp/axe-core/package/LICENSE" tests/vendor/axe-core.LICENSE
strip_maps tests/vendor/axe.min.js
printf '%s\n' "axe-core $AXE (MPL-2.0): axe.min.js and its LICENSE (axe-core.LICENSE) from the npm" \
  "registry package axe-core@$AXE, for tests/test_accessibility.py only; never part of the site." \
  "Re-fetch: scripts/vendor.sh" >tests/vendor/README.md

# Nothing vendored may name another host in a way a browser would fetch.
if grep -nE 'https?://' "$site"/*/*.js "$site"/*/*.css \
    | grep -vE 'www\.w3\.org/(2000/svg|1999/xlink)' | grep -E 'url\(|import|src|href|"https?://|'"'"'https?://'; then
  echo "vendor.sh: a vendored file refers to another host (above)" >&2
  exit 1
fi
echo "vendored simple-datatables $SDT, glightbox $GLB, axe-core $AXE"
