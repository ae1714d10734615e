#!/usr/bin/env bash
# The end-to-end figure of docs/BENCHMARKS.md on a fresh node: COLD seconds of load, then WARM seconds more on the
# same node, each reported as events/s and the node's CPU per event (from /proc/<pid>/stat).
#   scripts/bench/warm-minute.sh LABEL [COLD_S=30] [WARM_S=60]     (repo root; NODE_ARGS adds node options)
# Builds Release first. Output: out/bench/LABEL-*.txt, the node's log and data under out/bench/.
set -euo pipefail
LABEL=${1:?label}; COLD=${2:-30}; WARM=${3:-60}; PORT=${PORT:-5090}
cd "$(dirname "$0")/../.."
dotnet build -c Release src/SiemActors.Node >/dev/null
BIN=src/SiemActors.Node/bin/Release/net10.0; OUT=out/bench; mkdir -p "$OUT"; rm -rf "$OUT/data-$LABEL"
# shellcheck disable=SC2086
"$BIN/siem" --urls "http://127.0.0.1:$PORT" --Siem:DataDir="$OUT/data-$LABEL" ${NODE_ARGS:-} > "$OUT/node-$LABEL.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null; wait $NODE 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz/ready" >/dev/null && break; sleep 1; done
cpu() { awk '{print $14+$15}' "/proc/$NODE/stat"; }
run() {
  local c0 c1; c0=$(cpu)
  "$BIN/siem" load --url "http://127.0.0.1:$PORT" --generate 1000000 --ips 100000 --users 10000 --batch 2000 --concurrency 4 \
    --duration "$1" --report "$OUT/$LABEL-$1.json" > "$OUT/$LABEL-$1.txt" 2>&1
  c1=$(cpu)
  python3 - "$OUT/$LABEL-$1.json" "$((c1 - c0))" "$LABEL" "$1" <<'PY'
import json, sys
report, ticks, label, secs = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3], sys.argv[4]
print(f"{label} {secs} s: {report['events_per_second']:,.0f} events/s, p99 {report['p99_ms']:.0f} ms, "
      f"node CPU {ticks * 10000 / max(report['events'], 1):.1f} us/event")
PY
}
run "$COLD"
run "$WARM"
echo "failed persists in the node log: $(grep -c 'Failed to persist' "$OUT/node-$LABEL.log" || true)"
