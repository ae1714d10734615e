#!/usr/bin/env bash
# Throughput of N node processes on loopback sharing one PostgreSQL database, driven by `siem load`
# across all of them: scripts/cluster-load.sh [NODES] [SECONDS]. Used for docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${1:-3}
SECONDS_TO_RUN=${2:-30}
WORK=$(mktemp -d /tmp/siem-cluster-load.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

dotnet build src/SiemActors.Node -c Release -v q -nologo | tail -1
SIEM="$(pwd)/src/SiemActors.Node/bin/Release/net10.0/siem"
SERVER=$(scripts/start-postgres.sh | tail -1)
DB=siem_load_$$
su postgres -c "psql -qc \"CREATE DATABASE ${DB} OWNER siem\""
CONN="${SERVER/Database=siem/Database=${DB}}"

URLS=()
for i in $(seq 0 $((NODES - 1))); do
  "$SIEM" node --urls "http://127.0.0.1:$((5281 + i))" --Siem:DataDir="$WORK/node$i" \
    --Siem:Persistence:Provider=postgres --Siem:Persistence:ConnectionString="$CONN" \
    --Siem:Cluster:Port=$((4253 + i)) --Siem:Cluster:SeedNodes:0="akka.tcp://siem@127.0.0.1:4253" \
    --Logging:LogLevel:Default=Warning > "$WORK/node$i.log" 2>&1 &
  PIDS+=($!)
  URLS+=(--url "http://127.0.0.1:$((5281 + i))")
done
for _ in $(seq 1 90); do
  up=$(curl -sf "http://127.0.0.1:5281/api/v1/cluster" | python3 -c 'import json,sys; print(sum(m["status"]=="up" for m in json.load(sys.stdin)["members"]))' 2>/dev/null || echo 0)
  [ "$up" = "$NODES" ] && break
  sleep 1
done
echo "$up of $NODES members up"
"$SIEM" load "${URLS[@]}" --generate 1000000 --ips 100000 --users 10000 --batch 2000 --concurrency $((4 * NODES)) --duration "$SECONDS_TO_RUN" 2>/dev/null
su postgres -c "psql -qc \"DROP DATABASE IF EXISTS ${DB} WITH (FORCE)\"" >/dev/null 2>&1 || true
