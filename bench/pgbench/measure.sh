#!/bin/bash
# One pgbench run of a script with the CPU of its PostgreSQL backends (every process whose title names the
# database, sampled every 0.2 s, the last sample of each kept: a backend's CPU is lost when it exits).
# usage: measure.sh SCRIPT SECONDS CLIENTS [DB]   -> one line: script, transactions, backend CPU ms per set, WAL bytes per set
script=$1; secs=$2; clients=$3; db=${4:-sets10_bench}
tick=$(getconf CLK_TCK)
samples=$(mktemp)
wal0=$(psql -h 127.0.0.1 -U postgres -d $db -Atc "select pg_current_wal_insert_lsn()")
nice -n 10 pgbench -h 127.0.0.1 -U postgres -n -M prepared -f $script -T $secs -c $clients $db > $samples.out 2>&1 &
pg=$!
while kill -0 $pg 2>/dev/null; do
  for p in $(pgrep -f "postgres: .*postgres $db 127.0.0.1"); do
    s=$(cat /proc/$p/stat 2>/dev/null) || continue
    echo "$p $(echo "$s" | sed 's/.*) //' | awk '{print $12 + $13}')"
  done >> $samples
  sleep 0.2
done
wal1=$(psql -h 127.0.0.1 -U postgres -d $db -Atc "select pg_current_wal_insert_lsn()")
walbytes=$(psql -h 127.0.0.1 -U postgres -d $db -Atc "select pg_wal_lsn_diff('$wal1', '$wal0')")
tx=$(grep "actually processed" $samples.out | awk '{print $NF}' | cut -d/ -f1)
ticks=$(awk '{ if ($2 > m[$1]) m[$1] = $2 } END { for (p in m) t += m[p]; print t }' $samples)
echo "$script tx=$tx cpu_ms_per_set=$(echo "scale=3; $ticks * 1000 / $tick / $tx" | bc) wal_bytes_per_set=$(echo "$walbytes / $tx" | bc) load=$(cut -d' ' -f1-3 /proc/loadavg)"
rm -f $samples $samples.out
