#!/usr/bin/env bash
# The end-to-end figure of docs/BENCHMARKS.md on a fresh node: COLD seconds of load, then WARM seconds more on the
# same node, each reported as events/s and the node's CPU per event (from /proc/<pid>/stat).
#   scripts/bench/warm-minute.sh LABEL [COLD_S=30] [WARM_S=60]     (repo root; NODE_ARGS adds node options)
# Builds Release first. Output: out/bench/LABEL-*.txt, the node's log and data under out/bench/.
set -euo pipefail
LABEL=${1:?label}; COLD=${2:-30}; WARM=${3:-60}; PORT=${PORT:-5090}
cd "$(dirname "$0")/../.."
. scripts/bench/node.sh
# shellcheck disable=SC2086
start_node "$LABEL" "$PORT" ${NODE_ARGS:-}
cpu() { awk '{print $14+$15}' "/proc/$NODE/stat"; }
run() {
  local c0 c1; c0=$(cpu)
  e2e_load "$PORT" "$1" --report "$OUT/$LABEL-$1.json" > "$OUT/$LABEL-$1.txt" 2>&1
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
