#!/usr/bin/env python3
"""Samples every thread's CPU of the Payara Micro process a benchmark started, for windows chosen afterwards.

    python3 thread_series.py ROOT OUT.jsonl [INTERVAL]     # waits for `java ... payara-micro.jar` under ROOT
    python3 thread_series.py --window OUT.jsonl T0 T1       # per-thread-name CPU (ms) between two epoch seconds

Each line of OUT.jsonl: {"t": epoch seconds, "pid": .., "total": ticks, "threads": {tid: [name, ticks]}} (ticks of
10 ms, utime+stime from /proc). Names are grouped with their digits as '#'.
"""
import json, os, re, sys, time

def payara(root):
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "payara-micro.jar" in cmd and root in cmd:
            return int(pid)
    return None

def ticks(stat):
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])

def sample(pid):
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                s = f.read()
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                c = f.read().strip()
        except OSError:
            continue
        threads[tid] = [c, ticks(s)]
    with open(f"/proc/{pid}/stat") as f:
        total = ticks(f.read())
    return {"t": time.time(), "pid": pid, "total": total, "threads": threads}

def record(root, out, interval):
    pid = None
    with open(out, "a") as o:
        while True:
            if pid is None:
                pid = payara(root)
                if pid is None:
                    time.sleep(0.5)
                    continue
            try:
                o.write(json.dumps(sample(pid)) + "\n")
                o.flush()
            except (OSError, ValueError):
                pid = None  # ended (a restart starts another)
            time.sleep(interval)

def window(out, t0, t1):
    rows = [json.loads(l) for l in open(out)]
    a = min((r for r in rows if r["t"] >= t0), key=lambda r: r["t"])
    b = max((r for r in rows if r["t"] <= t1 and r["pid"] == a["pid"]), key=lambda r: r["t"])
    secs = b["t"] - a["t"]
    groups = {}
    for tid, (name, tk) in b["threads"].items():
        d = tk - a["threads"].get(tid, [name, 0])[1]
        if d:
            key = re.sub(r"\d+", "#", name)
            groups[key] = groups.get(key, 0) + d
    print(f"pid {a['pid']}: {secs:.1f} s, process {(b['total'] - a['total']) * 10} ms of CPU"
          f" ({(b['total'] - a['total']) * 10 / secs:.1f} ms/s)")
    for k, d in sorted(groups.items(), key=lambda kv: -kv[1]):
        print(f"{d * 10:8d} ms  {d * 10 / secs:7.1f} ms/s  {k}")

if sys.argv[1] == "--window":
    window(sys.argv[2], float(sys.argv[3]), float(sys.argv[4]))
else:
    record(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 1.0)
