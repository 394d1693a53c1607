#!/bin/bash
# thread_cpu_snap.sh PID OUT : per-thread utime+stime ticks with names
pid=$1; out=$2
for t in /proc/$pid/task/*; do
  tid=${t##*/}
  s=$(cat $t/stat 2>/dev/null) || continue
  rest=${s##*) }
  set -- $rest
  # fields after comm: state(1) ... utime is field 14 overall -> index 12 in rest (1-based: $12), stime $13
  echo "$tid ${12} ${13} $(cat $t/comm 2>/dev/null)"
done > $out
