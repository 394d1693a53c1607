#!/usr/bin/env python3
"""Per FHIR search, from the gateway's own log lines in a benchmark's payara.log (timeMillis of each):
the token checked (event=access-granted) → the access record committed (event=access-logged) → the
fan-out's slowest source (event=fan-out ms=…) → merged (event=federated-search). Medians per number
of sources asked.

    python3 bench/profile/gateway_log_phases.py target/bench-fhir/payara.log
"""
import re
import statistics
import sys


def main(path):
    searches, open_ = [], {}
    for line in open(path, errors='replace'):
        m = re.search(r'_ThreadName=([^\]]+)\] \[timeMillis: (\d+)\].*?(event=\S+)(.*)', line)
        if not m:
            continue
        thread, at, event, rest = m.group(1), int(m.group(2)), m.group(3), m.group(4)
        if event == 'event=access-granted' and '/gateway/fhir/Observation' in rest:
            open_[thread] = {'granted': at, 'sources': []}
        elif thread in open_:
            s = open_[thread]
            if event == 'event=access-logged' and 'logged' not in s:
                s['logged'] = at
            elif event == 'event=fan-out':
                s['sources'].append(int(re.search(r' ms=(\d+)', rest).group(1)))
            elif event == 'event=federated-search':
                s['merged'] = at
                s['asked'] = int(re.search(r'sources=(\d+)', rest).group(1))
                searches.append(s)
                del open_[thread]
    print('| sources asked | searches | record committed after the token check (median, p90) | slowest source as the'
          ' gateway saw it (median) | token checked → merged (median) |')
    print('|---|---|---|---|---|')
    for n in sorted({s['asked'] for s in searches}, key=lambda k: (k != 2, k)):
        ss = [s for s in searches if s['asked'] == n and s['sources']]
        logged = sorted(s['logged'] - s['granted'] for s in ss if 'logged' in s)
        slowest = [max(s['sources']) for s in ss]
        merged = [s['merged'] - s['granted'] for s in ss]
        print('| %d | %d | %s | %.0f ms | %.0f ms |' % (n, len(ss), '%.0f ms, %d ms' % (
            statistics.median(logged), logged[int(len(logged) * 0.9)]) if logged else '–',
            statistics.median(slowest), statistics.median(merged)))


if __name__ == '__main__':
    main(sys.argv[1])
