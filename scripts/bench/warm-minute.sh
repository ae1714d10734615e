#!/usr/bin/env bash
# The end-to-end figure of docs/BENCHMARKS.md on a fresh node: COLD seconds of load, then WARM seconds more on the
# same node, each reported as events/s, the node's CPU per event (from /proc/<pid>/stat) and the slowest 5 seconds
# (from the node's /metrics, read every second).
#   scripts/bench/warm-minute.sh LABEL [COLD_S=30] [WARM_S=60]     (repo root; NODE_ARGS adds node options)
# Builds Release first. Output: out/bench/LABEL-*.txt, the node's log and data under out/bench/. The warm run's event
# times go on from the cold run's (--first-pass); LOAD_ARGS adds load options, e.g. --same-times for the alert storm.
set -euo pipefail
LABEL=${1:?label}; COLD=${2:-30}; WARM=${3:-60}; PORT=${PORT:-5090}
cd "$(dirname "$0")/../.."
. scripts/bench/node.sh
# shellcheck disable=SC2086
start_node "$LABEL" "$PORT" ${NODE_ARGS:-}
cpu() { awk '{print $14+$15}' "/proc/$NODE/stat"; }
PASS=0
# The node's parsed-events counter once a second, to find the run's slowest 5 seconds.
sample() {
  while :; do
    echo "$(date +%s.%N) $(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^siem_events_parsed_total/ {s+=$2} END {print s+0}')"
    sleep 1
  done
}
run() {
  local c0 c1 sampler; c0=$(cpu)
  sample > "$OUT/$LABEL-$1.rate" & sampler=$!
  # shellcheck disable=SC2086
  e2e_load "$PORT" "$1" --first-pass "$PASS" ${LOAD_ARGS:-} --report "$OUT/$LABEL-$1.json" > "$OUT/$LABEL-$1.txt" 2>&1
  c1=$(cpu); kill "$sampler"
  python3 - "$OUT/$LABEL-$1.json" "$((c1 - c0))" "$LABEL" "$1" "$OUT/$LABEL-$1.rate" <<'PY'
import json, sys
report, ticks, label, secs = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3], sys.argv[4]
samples = [tuple(map(float, line.split())) for line in open(sys.argv[5]) if len(line.split()) == 2]
# 5 s windows inside the run: skip the generator's start (before the counter moves) and the last partial second.
moving = [s for s in samples if s[1] > samples[0][1]] if samples else []
windows = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(moving, moving[5:])]
print(f"{label} {secs} s: {report['events_per_second']:,.0f} events/s, p99 {report['p99_ms']:.0f} ms, "
      f"node CPU {ticks * 10000 / max(report['events'], 1):.1f} us/event, "
      f"slowest 5 s {min(windows) if windows else 0:,.0f} events/s")
PY
  PASS=$(next_pass "$OUT/$LABEL-$1.json")
}
run "$COLD"
run "$WARM"
echo "failed persists in the node log: $(grep -c 'Failed to persist' "$OUT/node-$LABEL.log" || true)"
