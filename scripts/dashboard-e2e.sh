#!/usr/bin/env bash
# Dashboard end to end: starts a real node (own ports, own data dir), loads / in Debian's headless Chromium
# through playwright-core, replays a brute force and waits for the alert to appear on the page without a reload.
# Leaves the screenshot at docs/dashboard.png (CI artifact; override with SCREENSHOT=...) and, beside it,
# dashboard-entity.png. Needs: dotnet, Node.js 20 + npm, chromium (installed with apt-get when missing and root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$(mktemp -d /tmp/siem-dashboard-e2e.XXXXXX)
NODE_PID=""
cleanup() {
  if [ -n "$NODE_PID" ]; then kill "$NODE_PID" 2>/dev/null || true; wait "$NODE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  echo "== chromium not found: apt-get install chromium"
  [ "$(id -u)" = 0 ] || { echo "not root: install Debian's chromium package first" >&2; exit 1; }
  (apt-get install -y -qq chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; })
fi
"$CHROMIUM" --version

echo "== playwright-core (npm ci in tests/e2e; no browser download)"
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)

echo "== build the node"
if ! dotnet build src/SiemActors.Node -c Debug -v q -nologo > "$WORK/build.log" 2>&1; then
  grep -E ' error ' "$WORK/build.log" | sort -u || tail -30 "$WORK/build.log"; exit 1
fi
SIEM="$ROOT/src/SiemActors.Node/bin/Debug/net10.0/siem"
[ -f "$ROOT/src/SiemActors.Node/bin/Debug/net10.0/wwwroot/index.html" ] || { echo "wwwroot was not copied to the output" >&2; exit 1; }

# Both ports from one process, both sockets held until both are chosen: two separate picks can get the same port
# back once the first socket is closed (seen in CI: HTTP and remoting both on 53563, and Kestrel could not bind).
read -r HTTP REMOTE < <(python3 -c 'import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))')
# Countries when scripts/fetch-geoip.sh has run (CI runs it), else "unknown": the test does not depend on them.
GEOIP=${SIEM_GEOIP:-$ROOT/data/geoip/geo-whois-asn-country.mmdb}
GEO=()
if [ -f "$GEOIP" ]; then GEO=(--Siem:GeoIp:DatabasePath="$GEOIP"); fi

# With an API key configured (ingest + read), as in production: the page must ask for it. Only its hash goes
# to the node, through the environment; the key itself goes to the spec.
SIEM_API_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
KEY_HASH=$(printf '%s' "$SIEM_API_KEY" | sha256sum | cut -d' ' -f1)
export SIEM_API_KEY

echo "== node on http://127.0.0.1:$HTTP (remoting $REMOTE, data in $WORK, one API key)"
Siem__Auth__ApiKeys__e2e__Hash="$KEY_HASH" Siem__Auth__ApiKeys__e2e__Scopes__0=ingest Siem__Auth__ApiKeys__e2e__Scopes__1=read \
"$SIEM" node --urls "http://127.0.0.1:$HTTP" --Siem:DataDir="$WORK/data" \
  --Siem:Cluster:Port="$REMOTE" --Siem:Cluster:SeedNodes:0="akka.tcp://siem@127.0.0.1:$REMOTE" \
  "${GEO[@]}" --Logging:LogLevel:Default=Warning > "$WORK/node.log" 2>&1 &
NODE_PID=$!
for _ in $(seq 1 90); do
  curl -sf "http://127.0.0.1:$HTTP/healthz/ready" >/dev/null && break
  kill -0 "$NODE_PID" 2>/dev/null || { echo "the node exited:"; cat "$WORK/node.log"; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$HTTP/healthz/ready" >/dev/null || { echo "the node did not get ready"; tail -40 "$WORK/node.log"; exit 1; }

echo "== dashboard spec"
SCREENSHOT=${SCREENSHOT:-docs/dashboard.png}
mkdir -p "$(dirname "$SCREENSHOT")"
if ! SIEM_URL="http://127.0.0.1:$HTTP" CHROMIUM="$CHROMIUM" SCREENSHOT="$SCREENSHOT" node tests/e2e/dashboard.spec.mjs; then
  echo "== node log (last 60 lines)"; tail -60 "$WORK/node.log"
  exit 1
fi
