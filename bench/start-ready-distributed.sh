#!/usr/bin/env bash
# `bench/start-ready.sh --distributed` (see there): time to ready and resident memory of `./dho start --distributed`.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
export DHO_PORT=${DHO_PORT:-18290}
export DHO_DATA=${DHO_DATA:-/tmp/ready-data-distributed}
export DHO_REGISTRY_DB_SCHEMA=${DHO_REGISTRY_DB_SCHEMA:-bench_ready}
OUT=${OUT:-bench/results/start-ready-distributed-$(date -u +%Y%m%d-%H%M).md}
rm -rf "$DHO_DATA"
psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA IF EXISTS $DHO_REGISTRY_DB_SCHEMA CASCADE" >/dev/null
mb() { awk -v f="$2" '$1 == f":" {printf "%.0f", $2/1024}' /proc/"$1"/status; }
rows=()
pieces_header=""
for run in $(seq 1 "$RUNS"); do
  log=$(mktemp /tmp/start-ready.XXXXXX)
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s.%N)
  ./dho start --distributed >"$log" 2>&1 &
  dho=$!
  ready=""; up=""; pids=""
  deadline=$(( $(date +%s) + 60 * ${DHO_START_MINUTES:-10} + 60 ))
  while kill -0 "$dho" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do
    if [ -z "$ready" ] && grep -q "both gateway nodes behind it, ready" "$log"; then ready=$(echo "$(date +%s.%N) - $t0" | bc); fi
    if grep -q "DHO Index is up (distributed)" "$log"; then
      up=$(echo "$(date +%s.%N) - $t0" | bc)
      pids=$(sed -n 's/^pids: //p' "$log")
      break
    fi
    sleep 0.2
  done
  if [ -z "$pids" ]; then
    echo "run $run: not up; log:" >&2; tail -20 "$log" >&2
    kill "$dho" 2>/dev/null || true; wait "$dho" 2>/dev/null || true
    exit 1
  fi
  total=0; total_hwm=0; cells=""; header=""
  for entry in $pids; do
    name=${entry%%=*}; pid=${entry#*=}
    rss=$(mb "$pid" VmRSS); hwm=$(mb "$pid" VmHWM)
    total=$((total + rss)); total_hwm=$((total_hwm + hwm))
    cells="$cells $rss |"; header="$header $name |"
  done
  pieces_header=$header
  load_up=$(cut -d' ' -f1 /proc/loadavg)
  printf 'run %s: ready %.1f s, up %.1f s, RSS %s MB in all (peaks %s MB), load %s → %s on %s cores\n' \
    "$run" "$ready" "$up" "$total" "$total_hwm" "$load_before" "$load_up" "$(nproc)"
  rows+=("| $run | $(printf '%.1f' "$ready") | $(printf '%.1f' "$up") | $total | $total_hwm |$cells $load_before → $load_up |")
  kill "$dho"; wait "$dho" 2>/dev/null || true
  # The launcher stops every piece from its shutdown hook; make sure they are gone before the next run.
  for entry in $pids; do while kill -0 "${entry#*=}" 2>/dev/null; do sleep 0.2; done; done
  rm -f "$log"
done
{
  echo "# Distributed demo: time to ready and resident memory"
  echo
  echo "\`RUNS=$RUNS DHO_PORT=$DHO_PORT DHO_DATA=$DHO_DATA bench/start-ready.sh --distributed\` on $(date -u '+%Y-%m-%d %H:%M UTC'),"
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), $(/usr/sbin/haproxy -v | head -1 | cut -d' ' -f1-3)."
  echo "Run 1 on an empty data directory and registry schema, the others restarts on the same data. Every piece its own"
  echo "Payara Micro (heaps in DistributedStack: trust anchor 192m, registry 384m, adapters 256m, kommune with its platform 448m,"
  echo "gateway nodes 384m each), started in parallel. RSS in MB (VmRSS when up; the sum of VmHWM as peak)."
  echo
  echo "| run | ready (s) | up, demo data loaded (s) | RSS in all (MB) | sum of peaks (MB) |$pieces_header load average (1 min) before → when up |"
  echo "|---|---|---|---|---|$(for _ in $pieces_header; do :; done; echo "$pieces_header" | sed 's/[^|]*|/---|/g')---|"
  printf '%s\n' "${rows[@]}"
} >"$OUT"
echo "→ $OUT"
