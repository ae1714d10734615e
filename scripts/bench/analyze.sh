#!/usr/bin/env bash
# Single-event analyze on a fresh node: six consecutive 15 s runs at 32 requests in flight, then 15 s at 8 and at 16
# (docs/BENCHMARKS.md). Rate limits are lifted: the load comes from one address. Each run's event times go on from the
# run before's; LOAD_ARGS adds load options (--same-times: every pass at the same times, as before 2026-12-07 21:00).
#   scripts/bench/analyze.sh LABEL     (repo root)
set -euo pipefail
LABEL=${1:?label}; PORT=${PORT:-5094}
cd "$(dirname "$0")/../.."
. scripts/bench/node.sh
start_node "an-$LABEL" "$PORT" --Siem:Limits:RateLimit:PerIpPermitsPerSecond=1000000 --Siem:Limits:RateLimit:PerIpBurst=1000000
PASS=0
for c in 32 32 32 32 32 32 8 16; do
  # shellcheck disable=SC2086
  "$BIN/siem" load --url "http://127.0.0.1:$PORT" --analyze --generate 100000 --ips 20000 --users 2000 --concurrency "$c" --duration 15 \
    --first-pass "$PASS" ${LOAD_ARGS:-} --report "$OUT/an-$LABEL.json" 2>&1 \
    | tr '\r' '\n' | grep 'events in' | sed "s/^/$LABEL c=$c: /; s/; errors.*//"
  PASS=$(next_pass "$OUT/an-$LABEL.json")
done
