#!/usr/bin/env bash
# Where a node's threads wait and what they run, second by second: a fresh node takes 30 s of the end-to-end load,
# then 60 s more under dotnet-trace's thread-time sampling, while /metrics is read every second. Then compare
# windows with the tool next to this script, e.g. a slow stretch against a fast one:
#   scripts/bench/thread-time.sh LABEL                (repo root)
#   T=scripts/bench/thread-samples/bin/Release/net10.0/thread-samples
#   $T out/bench/LABEL.nettrace 38 52 --running --by-component
#   $T out/bench/LABEL.nettrace 38 52 --contains BeginDbTransactionAsync --frames 8
set -euo pipefail
LABEL=${1:?label}; PORT=${PORT:-5096}
cd "$(dirname "$0")/../.."
TOOLS=${DOTNET_TOOLS:-$HOME/.dotnet/tools}
[ -x "$TOOLS/dotnet-trace" ] || dotnet tool install --tool-path "$TOOLS" dotnet-trace >/dev/null
dotnet build -c Release src/SiemActors.Node >/dev/null
dotnet build -c Release scripts/bench/thread-samples >/dev/null
BIN=src/SiemActors.Node/bin/Release/net10.0; OUT=out/bench; mkdir -p "$OUT"; rm -rf "$OUT/data-tt-$LABEL"
"$BIN/siem" --urls "http://127.0.0.1:$PORT" --Siem:DataDir="$OUT/data-tt-$LABEL" > "$OUT/node-tt-$LABEL.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null; wait $NODE 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz/ready" >/dev/null && break; sleep 1; done
load() {
  "$BIN/siem" load --url "http://127.0.0.1:$PORT" --generate 1000000 --ips 100000 --users 10000 --batch 2000 --concurrency 4 \
    --duration "$1" > "$OUT/tt-$LABEL-$1.txt" 2>&1
}
load 30
"$TOOLS/dotnet-trace" collect -p "$NODE" --profile dotnet-sampled-thread-time --duration 00:00:01:02 -o "$OUT/$LABEL.nettrace" >/dev/null 2>&1 &
TRACE=$!
( for _ in $(seq 1 62); do
    echo "$(date +%s.%N) $(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^siem_events_parsed_total/ {s+=$2} END {print s+0}') $(awk '{print $14+$15}' "/proc/$NODE/stat")"
    sleep 1
  done > "$OUT/rate-$LABEL.txt" ) &
load 60
wait "$TRACE"
# events/s and node cores for each second, from the trace's start
awk 'NR > 1 { dt = $1 - t; printf "%3.0f s: %4.0fk events/s, %.2f cores\n", $1 - t0, ($2 - e) / dt / 1000, ($3 - c) / 100 / dt } { if (NR == 1) t0 = $1; t = $1; e = $2; c = $3 }' "$OUT/rate-$LABEL.txt"
