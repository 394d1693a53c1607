#!/bin/bash
# Usage (in the worktree): bench/profile/gateway_threads.sh LABEL GATEWAY_WAR COMMUNITIES; output in /tmp/gwspin/LABEL
# profile.sh LABEL WAR COMMUNITIES : runs the gateway benchmark's profile mode and reads the gateway's threads
label=$1; war=$2; n=${3:-1}
out=/tmp/gwspin/$label; mkdir -p $out
cd /work/wt/gwspin
nice -n 10 mvn -B -ntp -o -Dmaven.repo.local=/work/m2/gwspin -q -pl bench exec:java \
  -Dexec.args="gateway --root /work/wt/gwspin --profileSeconds 40 --profileCommunities $n --idleSeconds 30 --gatewayWar $war" \
  > $out/bench.log 2>&1 &
bpid=$!
until grep -q "PROFILE busy pid" $out/bench.log; do sleep 2; kill -0 $bpid 2>/dev/null || { echo died; exit 1; }; done
pid=$(grep -o "PROFILE busy pid=[0-9]*" $out/bench.log | grep -o "[0-9]*$")
echo "gateway pid $pid" ; uptime > $out/load-busy.txt
sleep 5
bench/profile/thread_cpu_snap.sh $pid $out/busy1.txt; tb1=$(date +%s.%N)
jcmd $pid JFR.start duration=20s filename=$out/busy.jfr settings=profile > /dev/null
for i in 1 2 3; do sleep 6; jstack $pid > $out/jstack-busy-$i.txt; done
sleep 2
bench/profile/thread_cpu_snap.sh $pid $out/busy2.txt; tb2=$(date +%s.%N)
uptime >> $out/load-busy.txt
until grep -q "PROFILE idle pid" $out/bench.log; do sleep 1; done
sleep 2
bench/profile/thread_cpu_snap.sh $pid $out/idle1.txt; ti1=$(date +%s.%N)
jcmd $pid JFR.start duration=20s filename=$out/idle.jfr settings=profile > /dev/null
sleep 10; jstack $pid > $out/jstack-idle.txt
sleep 8
bench/profile/thread_cpu_snap.sh $pid $out/idle2.txt; ti2=$(date +%s.%N)
uptime > $out/load-idle.txt
wait $bpid
python3 bench/profile/thread_cpu_diff.py $out/busy1.txt $out/busy2.txt $(echo "$tb2 - $tb1" | bc) > $out/busy-threads.txt
python3 bench/profile/thread_cpu_diff.py $out/idle1.txt $out/idle2.txt $(echo "$ti2 - $ti1" | bc) > $out/idle-threads.txt
grep PROFILE $out/bench.log
