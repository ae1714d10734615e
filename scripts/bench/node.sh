# Sourced by the bench scripts (from the repository root): builds the node (Release); BIN and OUT; start_node, which
# starts a fresh node and stops it when the script exits; e2e_load, the end-to-end load; next_pass.
#   start_node NAME PORT [node options...]   -> NODE (its pid); data in $OUT/data-NAME, log in $OUT/node-NAME.log
dotnet build -c Release src/SiemActors.Node >/dev/null
BIN=src/SiemActors.Node/bin/Release/net10.0
OUT=out/bench
mkdir -p "$OUT"

start_node() {
  local name=$1 port=$2; shift 2
  rm -rf "$OUT/data-$name"
  "$BIN/siem" --urls "http://127.0.0.1:$port" --Siem:DataDir="$OUT/data-$name" "$@" > "$OUT/node-$name.log" 2>&1 &
  NODE=$!
  trap 'kill $NODE 2>/dev/null; wait $NODE 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null && return 0; sleep 1; done
  echo "node $name not ready after 120 s: $OUT/node-$name.log" >&2
  return 1
}

# The end-to-end load of docs/BENCHMARKS.md (sshd + nginx, 100k IPs, 10k users, batches of 2,000, 4 in flight).
#   e2e_load PORT SECONDS [more siem load options...]
e2e_load() {
  local port=$1 seconds=$2; shift 2
  "$BIN/siem" load --url "http://127.0.0.1:$port" --generate 1000000 --ips 100000 --users 10000 --batch 2000 --concurrency 4 \
    --duration "$seconds" "$@"
}

# The pass a following load run goes on from (its --first-pass), from an earlier run's --report.
#   next_pass REPORT.json
next_pass() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["next_pass"])' "$1"
}
