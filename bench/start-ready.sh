#!/usr/bin/env bash
# Time to ready and resident memory of the one-JVM demo (issue 14): runs `./dho start` RUNS times
# (default 3) on DHO_PORT (default 18290) with DHO_DATA (default /tmp/ready-data, emptied before the
# first run only, so runs 2.. are restarts on the same data), and for each run records
#   - ready: seconds from launching ./dho start until Payara's /health/ready is UP with every
#     application's check (the gateway's warm-up included), as the launcher prints it;
#   - up: seconds until ./dho start says "DHO Index is up" (ready + demo data checked/loaded);
#   - RSS of the Payara JVM (VmRSS and VmHWM from /proc/<pid>/status) when up;
#   - the 1-minute load average before the run and when up (the machine may be shared: say so).
# Then stops the stack. Writes bench/results/start-ready-<date>.md. Needs the project built
# (./dho build, or the WARs, target/dho/payara-micro.jar and target/dho/tools.classpath present).
#
# `bench/start-ready.sh --distributed`: the same for `./dho start --distributed` (every piece its own JVM, HAProxy
# in front of two gateway nodes; the registry on PostgreSQL in schema DHO_REGISTRY_DB_SCHEMA, default
# bench_ready, dropped before the first run): ready = every piece ready and the load balancer answering; RSS of
# every process (the seven JVMs and HAProxy) when up, summed and per piece. Writes
# bench/results/start-ready-distributed-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--distributed" ]; then
  exec bench/start-ready-distributed.sh
fi
RUNS=${RUNS:-3}
export DHO_PORT=${DHO_PORT:-18290}
export DHO_DATA=${DHO_DATA:-/tmp/ready-data}
OUT=${OUT:-bench/results/start-ready-$(date -u +%Y%m%d-%H%M).md}
rm -rf "$DHO_DATA"
rows=()
for run in $(seq 1 "$RUNS"); do
  log=$(mktemp /tmp/start-ready.XXXXXX)
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s.%N)
  ./dho start >"$log" 2>&1 &
  dho=$!
  ready=""; up=""; pid=""
  deadline=$(( $(date +%s) + 60 * ${DHO_START_MINUTES:-10} + 60 ))
  while kill -0 "$dho" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do
    if [ -z "$ready" ] && grep -q "ready after" "$log"; then ready=$(echo "$(date +%s.%N) - $t0" | bc); fi
    if grep -q "DHO Index is up" "$log"; then
      up=$(echo "$(date +%s.%N) - $t0" | bc)
      pid=$(sed -n 's/.*DHO Index is up: .*(pid \([0-9]*\)).*/\1/p' "$log")
      break
    fi
    sleep 0.2
  done
  if [ -z "$pid" ]; then
    echo "run $run: not up; log:" >&2; tail -20 "$log" >&2
    kill "$dho" 2>/dev/null || true; wait "$dho" 2>/dev/null || true
    exit 1
  fi
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/"$pid"/status)
  hwm=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/"$pid"/status)
  load_up=$(cut -d' ' -f1 /proc/loadavg)
  cores=$(nproc)
  printf 'run %s: ready %.1f s, up %.1f s, RSS %s MB (peak %s MB), load %s → %s on %s cores\n' \
    "$run" "$ready" "$up" "$rss" "$hwm" "$load_before" "$load_up" "$cores"
  rows+=("| $run | $(printf '%.1f' "$ready") | $(printf '%.1f' "$up") | $rss | $hwm | $load_before → $load_up |")
  kill "$dho"; wait "$dho" 2>/dev/null || true
  # The launcher stops Payara from its shutdown hook; make sure it is gone before the next run.
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$log"
done
{
  echo "# One-JVM demo: time to ready and resident memory"
  echo
  echo "\`RUNS=$RUNS DHO_PORT=$DHO_PORT DHO_DATA=$DHO_DATA bench/start-ready.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'),"
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)."
  echo "Run 1 on an empty data directory, the others restarts on the same data. Payara Micro -Xmx1g."
  echo
  echo "| run | ready (s) | up, demo data loaded (s) | RSS when up (MB) | peak RSS (MB) | load average (1 min) before → when up |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} >"$OUT"
echo "→ $OUT"
