# thread_cpu_diff.py BEFORE AFTER SECONDS: per-thread CPU between two thread_cpu_snap.sh readings, grouped by name
import sys
def load(p):
    d={}
    for l in open(p):
        f=l.rstrip('\n').split(' ',3)
        d[f[0]]=(int(f[1])+int(f[2]), f[3] if len(f)>3 else '')
    return d
a=load(sys.argv[1]); b=load(sys.argv[2]); secs=float(sys.argv[3])
rows=[]
for tid,(t,name) in b.items():
    t0=a.get(tid,(0,name))[0]
    if t-t0>0: rows.append((t-t0,tid,name))
rows.sort(reverse=True)
tot=sum(r[0] for r in rows)
print(f"total {tot*10} ms CPU in {secs} s = {tot*10/secs:.1f} ms/s")
# group by name pattern
import re
g={}
for d,tid,name in rows:
    k=re.sub(r'[-#_ ]?\d+$','-N',name)
    g[k]=g.get(k,0)+d
print("| thread (group) | ms CPU | ms/s |")
print("|---|---|---|")
for k,v in sorted(g.items(), key=lambda x:-x[1]):
    print(f"| {k} | {v*10} | {v*10/secs:.1f} |")
print()
print("top threads: tid hex name ms")
for d,tid,name in rows[:15]:
    print(tid, hex(int(tid)), name, d*10)
