#!/usr/bin/env bash
# End to end on a real cluster: PostgreSQL, three node processes on loopback, a corpus replayed through
# all three, one node killed with SIGKILL mid-replay. Passes when every acknowledged line was scored
# (nothing acknowledged is lost), every attacker has exactly one brute-force alert, and attacker
# profiles survived on the remaining nodes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$(mktemp -d /tmp/siem-e2e.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

echo "== build"
dotnet build src/SiemActors.Node -c Release -v q -nologo | tail -1
SIEM="$ROOT/src/SiemActors.Node/bin/Release/net10.0/siem"

echo "== PostgreSQL"
SERVER=$(scripts/start-postgres.sh | tail -1)
DB=siem_e2e_$$
su postgres -c "psql -qc \"DROP DATABASE IF EXISTS ${DB}\"" && su postgres -c "psql -qc \"CREATE DATABASE ${DB} OWNER siem\""
CONN="${SERVER/Database=siem/Database=${DB}}"

echo "== corpus"
ATTACKERS=(45.142.212.61 45.142.212.62 185.220.101.7 193.32.162.15 141.98.10.60 5.188.206.14)
python3 - "$WORK/corpus.log" "${ATTACKERS[@]}" <<'PY'
import random, sys
out, attackers = sys.argv[1], sys.argv[2:]
rng = random.Random(7)
lines = []
# Normal web traffic from 400 clients and office logins, with every attacker's 40 failed logins spread through it.
for i in range(6000):
    s = i % 3600
    ts = f"13/Jan/2026:{10 + s // 3600:02d}:{(s // 60) % 60:02d}:{s % 60:02d} +0000"
    ip = f"198.51.{rng.randint(0, 3)}.{rng.randint(1, 100)}"
    path = rng.choice(["/", "/index.html", "/products/1", "/blog/post", "/style.css", "/app.js"])
    lines.append(f'{ip} - - [{ts}] "GET {path} HTTP/1.1" 200 {rng.randint(300, 90000)} "-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0"')
for a, ip in enumerate(attackers):
    for k in range(40):
        t = 60 + a * 300 + k * 2
        lines.insert(rng.randint(0, len(lines)), f"Jan 13 10:{(t // 60) % 60:02d}:{t % 60:02d} bastion sshd[{4000 + a}]: Failed password for root from {ip} port {40000 + k} ssh2")
open(out, "w").write("\n".join(lines) + "\n")
print(f"{len(lines)} lines, {len(attackers)} attackers")
PY

echo "== three nodes"
HTTP=(5181 5182 5183); REMOTE=(4153 4154 4155)
for i in 0 1 2; do
  "$SIEM" node --urls "http://127.0.0.1:${HTTP[$i]}" \
    --Siem:DataDir="$WORK/node$i" \
    --Siem:Persistence:Provider=postgres --Siem:Persistence:ConnectionString="$CONN" \
    --Siem:Cluster:Port="${REMOTE[$i]}" --Siem:Cluster:SeedNodes:0="akka.tcp://siem@127.0.0.1:${REMOTE[0]}" \
    --Siem:Cluster:DownUnreachableAfter=00:00:05 --Siem:Pipeline:BatchTimeout=00:00:10 \
    --Siem:Pipeline:PassivateIdleEntityAfter=00:00:20 \
    --Logging:LogLevel:Default=Warning > "$WORK/node$i.log" 2>&1 &
  PIDS+=($!)
done
for _ in $(seq 1 90); do
  up=$(curl -sf "http://127.0.0.1:${HTTP[0]}/api/v1/cluster" | python3 -c 'import json,sys; print(sum(m["status"]=="up" for m in json.load(sys.stdin)["members"]))' 2>/dev/null || echo 0)
  [ "$up" = 3 ] && break
  sleep 1
done
[ "$up" = 3 ] || { echo "cluster did not form (up=$up)"; tail -20 "$WORK"/node*.log; exit 1; }
echo "3 members up"

echo "== replay through all three nodes; node 3 is killed with SIGKILL mid-replay"
"$SIEM" replay "$WORK/corpus.log" --url "http://127.0.0.1:${HTTP[0]}" --url "http://127.0.0.1:${HTTP[1]}" --url "http://127.0.0.1:${HTTP[2]}" \
  --batch 100 --rate 800 --report "$WORK/replay.json" &
REPLAY=$!
sleep 4
kill -9 "${PIDS[2]}"
echo "killed node 3 (pid ${PIDS[2]})"
wait "$REPLAY" || true
cat "$WORK/replay.json"; echo

echo "== checks"
python3 - "$WORK/replay.json" "http://127.0.0.1:${HTTP[0]}" "http://127.0.0.1:${HTTP[1]}" "${ATTACKERS[@]}" <<'PY'
import json, sys, time, urllib.request
report, node1, node2, attackers = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4:]
def get(url):
    with urllib.request.urlopen(url, timeout=15) as r: return json.load(r)
sent, acked, rejected = report["sent"], report["acknowledged"], report["rejected"]
# The API acknowledges a batch only after every line in it was scored: acknowledged lines are scored lines.
scored = acked
lost = sent - rejected - acked
print(f"events sent {sent}, acknowledged {acked}, scored {scored}, rejected {rejected}, lost {lost}, retries {report['retries']}")
failures = []
if lost != 0 or report["failed_batches"] != 0: failures.append(f"{lost} lines were never acknowledged")
deadline = time.time() + 60
for ip in attackers:
    while True:
        alerts = [a for a in get(f"{node2}/api/v1/alerts?entity={ip}")["alerts"] if a["scenario"] == "brute_force"]
        if len(alerts) == 1 or time.time() > deadline: break
        time.sleep(1)
    if len(alerts) != 1: failures.append(f"{ip}: {len(alerts)} brute-force alerts, expected exactly 1")
    try:
        profile = get(f"{node1}/api/v1/entities/ip/{ip}")
        if profile["total_events"] < 1: failures.append(f"{ip}: empty profile")
    except Exception as e:
        failures.append(f"{ip}: profile not available ({e})")
print("alerts and profiles checked for", len(attackers), "attackers")
if failures:
    print("FAILED:\n  " + "\n  ".join(failures)); sys.exit(1)
print("cluster e2e passed: 0 acknowledged-and-lost")
PY
