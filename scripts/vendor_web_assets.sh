#!/usr/bin/env bash
# Vendor the dashboard's front-end libraries from their npm packages into
# src/veille/web/static/vendor/ (no CDN: the dashboard works offline), with their licences,
# and record the versions in VERSIONS.txt. Run it again after changing a version below.
set -euo pipefail
cd "$(dirname "$0")/.."

LEAFLET=leaflet@1.9.4
MARKERCLUSTER=leaflet.markercluster@1.5.3
WORLD_ATLAS=world-atlas@2.0.2
TOPOJSON=topojson-client@3.1.0

DEST=src/veille/web/static/vendor
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

unpack() {  # unpack PACKAGE@VERSION into $WORK/NAME
  local spec="$1" name="${1%@*}"
  (cd "$WORK" && npm pack --silent "$spec" >/dev/null)
  mkdir -p "$WORK/$name"
  tar xzf "$WORK/${name}-${spec##*@}.tgz" -C "$WORK/$name" --strip-components=1
}

for spec in "$LEAFLET" "$MARKERCLUSTER" "$WORLD_ATLAS" "$TOPOJSON"; do unpack "$spec"; done

rm -rf "$DEST"
mkdir -p "$DEST/leaflet/images" "$DEST/leaflet.markercluster" "$DEST/world-atlas" \
         "$DEST/topojson-client"
cp "$WORK/leaflet/dist/leaflet.js" "$WORK/leaflet/dist/leaflet.css" "$WORK/leaflet/LICENSE" \
   "$DEST/leaflet/"
cp "$WORK/leaflet/dist/images/"*.png "$DEST/leaflet/images/"
cp "$WORK/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$WORK/leaflet.markercluster/dist/MarkerCluster.css" \
   "$WORK/leaflet.markercluster/dist/MarkerCluster.Default.css" \
   "$WORK/leaflet.markercluster/MIT-LICENCE.txt" "$DEST/leaflet.markercluster/"
cp "$WORK/world-atlas/countries-110m.json" "$WORK/world-atlas/LICENSE" "$DEST/world-atlas/"
cp "$WORK/topojson-client/dist/topojson-client.min.js" "$WORK/topojson-client/LICENSE" \
   "$DEST/topojson-client/"
# The minified bundles end with a sourceMappingURL to a map we do not ship.
sed -i '/^\/\/# sourceMappingURL=/d' "$DEST/leaflet/leaflet.js" \
    "$DEST/leaflet.markercluster/leaflet.markercluster.js"

{
  echo "# Vendored by scripts/vendor_web_assets.sh from the npm registry; do not edit."
  for spec in "$LEAFLET" "$MARKERCLUSTER" "$WORLD_ATLAS" "$TOPOJSON"; do echo "$spec"; done
} > "$DEST/VERSIONS.txt"
echo "vendored into $DEST:"
cat "$DEST/VERSIONS.txt"
