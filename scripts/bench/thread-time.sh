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
dotnet build -c Release scripts/bench/thread-samples >/dev/null
. scripts/bench/node.sh
start_node "tt-$LABEL" "$PORT"
# shellcheck disable=SC2086
e2e_load "$PORT" 30 ${LOAD_ARGS:-} --report "$OUT/tt-$LABEL-30.json" > "$OUT/tt-$LABEL-30.txt" 2>&1
PASS=$(next_pass "$OUT/tt-$LABEL-30.json")
"$TOOLS/dotnet-trace" collect -p "$NODE" --profile dotnet-sampled-thread-time --duration 00:00:01:02 -o "$OUT/$LABEL.nettrace" >/dev/null 2>&1 &
TRACE=$!
( for _ in $(seq 1 62); do
    echo "$(date +%s.%N) $(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^siem_events_parsed_total/ {s+=$2} END {print s+0}') $(awk '{print $14+$15}' "/proc/$NODE/stat")"
    sleep 1
  done > "$OUT/rate-$LABEL.txt" ) &
# shellcheck disable=SC2086
e2e_load "$PORT" 60 --first-pass "$PASS" ${LOAD_ARGS:-} > "$OUT/tt-$LABEL-60.txt" 2>&1
wait "$TRACE"
# events/s and node cores for each second, from the trace's start
awk 'NR > 1 { dt = $1 - t; printf "%3.0f s: %4.0fk events/s, %.2f cores\n", $1 - t0, ($2 - e) / dt / 1000, ($3 - c) / 100 / dt } { if (NR == 1) t0 = $1; t = $1; e = $2; c = $3 }' "$OUT/rate-$LABEL.txt"
