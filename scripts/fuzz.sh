#!/usr/bin/env bash
# Starts a node on loopback with API keys and tight limits, fuzzes its HTTP ingress and parsers with `siem fuzz`
# (exit 1 on any 5xx other than a deliberate 503, any reset, or refusals missing from /metrics), then stops it.
#   scripts/fuzz.sh [COUNT] [SEED]          default 100000 inputs, seed 42
#   scripts/fuzz.sh --flood SECONDS         the overload test instead: 3x capacity, distinct IPs, memory budget
# Expects a built tree (dotnet build src/SiemActors.Node); SIEM=path/to/siem overrides the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
SIEM=${SIEM:-src/SiemActors.Node/bin/Debug/net10.0/siem}
[ -x "$SIEM" ] || dotnet build src/SiemActors.Node -c Debug >/dev/null
PORT=${SIEM_FUZZ_PORT:-5097}
WORK=$(mktemp -d)
URL="http://127.0.0.1:${PORT}"

# Keys made for this run only: the node sees their hashes, the fuzzer the keys.
key() { "$SIEM" apikey --name "$1" --scope "$2" | sed -n 3p | tr -d ' '; }
SIEM_API_KEY=$(key fuzz admin)
SIEM_READ_KEY=$(key reader read)
export SIEM_API_KEY SIEM_READ_KEY
hash() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

MODE=fuzz
if [ "${1:-}" = "--flood" ]; then MODE=flood; SECONDS_FLOOD=${2:-30}; fi
EXTRA=()
if [ "$MODE" = fuzz ]; then
  # Tight in-flight limit so deliberate 503s happen; rate limits high enough that most inputs reach the parsers.
  EXTRA+=(--Siem:Limits:MaxEventsInFlight=2000 --Siem:Limits:RateLimit:PerIpPermitsPerSecond=5000 --Siem:Limits:RateLimit:PerIpBurst=10000
          --Siem:Limits:RateLimit:PerKeyPermitsPerSecond=5000 --Siem:Limits:RateLimit:PerKeyBurst=10000)
else
  EXTRA+=(--Siem:Limits:MemoryBudgetMb=${SIEM_FLOOD_BUDGET_MB:-1024} --Siem:Limits:MaxEventsInFlight=${SIEM_FLOOD_IN_FLIGHT:-2000} --Siem:Limits:RateLimit:PerIpPermitsPerSecond=0 --Siem:Limits:RateLimit:PerKeyPermitsPerSecond=0)
fi

"$SIEM" node --urls "$URL" --Siem:DataDir="$WORK/data" --Siem:Cluster:Port=0 --Siem:Models:Watch=false \
  --Siem:Auth:ApiKeys:fuzz:Hash="$(hash "$SIEM_API_KEY")" --Siem:Auth:ApiKeys:fuzz:Scopes:0=admin \
  --Siem:Auth:ApiKeys:reader:Hash="$(hash "$SIEM_READ_KEY")" --Siem:Auth:ApiKeys:reader:Scopes:0=read \
  --Siem:Auth:ProtectMetrics=true --Logging:LogLevel:Default=Warning "${EXTRA[@]}" >"$WORK/node.log" 2>&1 &
NODE=$!
stop() {
  kill "$NODE" 2>/dev/null || true
  wait "$NODE" 2>/dev/null || true
  rm -rf "$WORK/data"
}
trap stop EXIT

for _ in $(seq 1 120); do
  curl -sf "$URL/healthz/ready" >/dev/null 2>&1 && break
  kill -0 "$NODE" 2>/dev/null || { cat "$WORK/node.log"; echo "node died while starting"; exit 1; }
  sleep 0.5
done

status=0
if [ "$MODE" = fuzz ]; then
  "$SIEM" fuzz --url "$URL" --count "${1:-100000}" --seed "${2:-42}" --concurrency 16 || status=$?
else
  "$SIEM" fuzz --url "$URL" --flood "$SECONDS_FLOOD" --factor 3 --batch 200 || status=$?
  echo "node peak resident memory (VmHWM): $(grep VmHWM /proc/$NODE/status | awk '{print $2/1024 " MiB"}')"
fi
if grep -Eq "Unhandled exception|An unhandled exception has occurred" "$WORK/node.log"; then
  echo "the node logged an unhandled exception:"; grep -E -A5 "nhandled exception" "$WORK/node.log" | head -40
  status=1
fi
kill -0 "$NODE" 2>/dev/null || { echo "the node died"; status=1; }
exit $status
