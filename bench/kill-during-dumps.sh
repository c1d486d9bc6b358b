#!/usr/bin/env bash
# Chaos run: the key-value server under ./ftjvm run, checkpointing every second, killed (kill -9)
# again and again at moments chosen to land inside its CRIU dumps, while clients write to it.
# Ends when every kill was followed by a recovery and every client found its acknowledged writes
# there once; stops at the first kill that no recovery follows within 60 s, with a snapshot of
# the processes involved (ps, /proc status and kernel stack) in the work directory.
#
# Usage: bench/kill-during-dumps.sh [kills=200] [java=$JAVA_HOME/bin/java or java]
# Needs the build (mvn install -DskipTests) and CRIU (scripts/setup.sh); ~3 s per kill.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KILLS="${1:-200}"
JAVA="${2:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
APPS="$ROOT/test-apps/target/test-apps.jar"
[[ "$KILLS" =~ ^[1-9][0-9]*$ ]] || { echo "kills must be a positive number, got: $KILLS" >&2; exit 2; }
[[ -f "$APPS" ]] || { echo "no $APPS: build first (mvn -q install -DskipTests)" >&2; exit 2; }
WORK="$(mktemp -d /tmp/ftjvm-kill-during-dumps.XXXXXX)"
STATE="$WORK/state"
PORT=$((20000 + RANDOM % 20000))
echo "work directory: $WORK"

bash "$ROOT/ftjvm" run --state "$STATE" --checkpoint-every 1 -- \
  "$JAVA" -Xmx64m -XX:+UseSerialGC -cp "$APPS" io.ftjvm.testapps.kv.KeyValueServer --port "$PORT" \
  > "$WORK/supervisor.out" 2> "$WORK/supervisor.err" &
SUPERVISOR=$!
trap 'kill $SUPERVISOR 2>/dev/null; pkill -f "client-id chaos-" 2>/dev/null' EXIT
for _ in $(seq 1 600); do
  grep -qs "listening on port" "$STATE/app.out" && break
  sleep 0.1
done
grep -qs "listening on port" "$STATE/app.out" || { echo "the server did not start; see $WORK" >&2; exit 1; }

clients=0
start_client() {
  clients=$((clients + 1))
  "$JAVA" -cp "$APPS" io.ftjvm.testapps.kv.KeyValueClient --port "$PORT" --writes 400 --keys 7 \
    --client-id "chaos-$clients" --timeout-ms 3000 --give-up-seconds 120 \
    > "$WORK/client-$clients.out" 2>&1 &
  CLIENT=$!
}
start_client

snapshot() {
  ps -eo pid,ppid,stat,wchan:30,args --forest > "$WORK/ps.txt"
  for p in "$1" $(pgrep -f criu); do
    echo "== $p $(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null | cut -c1-200)"
    grep -E "State|PPid|TracerPid" "/proc/$p/status" 2>/dev/null
    cat "/proc/$p/stack" 2>/dev/null
  done > "$WORK/processes.txt"
}

for k in $(seq 1 "$KILLS"); do
  kill -0 "$CLIENT" 2>/dev/null || start_client
  pid="$(cat "$STATE/app.pid")"
  # The next dump: CRIU names itself "criu: dump" while at work. Then a kill 0 to 150 ms into it.
  for _ in $(seq 1 300); do pgrep -f "criu: dump" > /dev/null && break; sleep 0.01; done
  sleep "0.$(printf %03d $((RANDOM % 150)))"
  kill -9 "$pid" 2>/dev/null
  recovered=0
  for _ in $(seq 1 600); do
    now="$(cat "$STATE/app.pid" 2>/dev/null)"
    if [[ -n "$now" && "$now" != "$pid" ]] && kill -0 "$now" 2>/dev/null; then recovered=1; break; fi
    sleep 0.1
  done
  if [[ $recovered == 0 ]]; then
    snapshot "$pid"
    echo "no recovery within 60 s of kill $k (pid $pid); processes in $WORK/processes.txt" >&2
    exit 1
  fi
  sleep "1.$(printf %03d $((RANDOM % 1000)))"
done

failed=0
for c in $(seq 1 "$clients"); do
  while pgrep -f "client-id chaos-$c " > /dev/null; do sleep 0.5; done
  grep -q "missing=0 duplicates=0" "$WORK/client-$c.out" || { failed=1; echo "client $c: $(tail -1 "$WORK/client-$c.out")" >&2; }
done
kill "$SUPERVISOR" 2>/dev/null; wait "$SUPERVISOR" 2>/dev/null
trap - EXIT
echo "kills: $KILLS"
echo "recoveries: $(grep -c "restored, pid" "$WORK/supervisor.err")"
echo "checkpoints a kill cut short (skipped): $(grep -c "skipped: incomplete" "$WORK/supervisor.err")"
echo "hung CRIU dumps that held the killed JVM (killed by the supervisor): $(grep -c "killed CRIU" "$WORK/supervisor.err")"
echo "restores killed with their namespace: $(grep -c "what was left in its pid namespace" "$WORK/supervisor.err")"
echo "clients: $clients, each found its acknowledged writes once: $([[ $failed == 0 ]] && echo yes || echo NO)"
exit $failed
