#!/usr/bin/env python3
"""Where the registry's CPU goes in a JFR recording of a benchmark's Payara, within a time window (a phase).

    jfr print --json --stack-depth 256 --events jdk.ExecutionSample REC.jfr > samples.json
    python3 bench/profile/registry_profile.py samples.json [FROM TO] [--top N]

FROM and TO are UTC times of day (HH:MM:SS) bounding the phase (the bench's log lines are stamped with them);
without them every sample counts. Prints the samples of request threads by the step their stack names first from
the innermost frame out (the registry's own code, IPF, JAXB, CXF, ...), then the hottest leaf methods and the
hottest methods anywhere on the stack (inclusive), each sample counted once per method.
"""
import collections
import json
import sys

# From the innermost frame out: the first marker found names the step.
STEPS = [
    ('org/postgresql', 'PostgreSQL driver'), ('org/h2/', 'H2'), ('com/zaxxer/hikari', 'connection pool'),
    ('java/util/logging', 'java.util.logging'), ('com/sun/enterprise/server/logging', 'java.util.logging'),
    ('ca/uhn/hl7v2', 'HAPI v2 (HL7 v2 values)'),
    ('infrastructure/jdbc/StoredForm', 'stored form read/write'),
    ('shared/xds/wire/MetadataMapper', 'mapping domain <-> IPF model'),
    ('shared/xds/wire/Hl7v2Parts', 'mapping domain <-> IPF model'),
    ('ipf/commons/ihe/xds/core/validate', 'IPF validation'),
    ('ipf/commons/ihe/xds/core/transform', 'IPF transformation (ebXML <-> IPF model)'),
    ('ipf/commons/ihe/xds/core/ebxml', 'IPF transformation (ebXML <-> IPF model)'),
    ('ipf/commons', 'IPF (other)'),
    ('com/ctc/wstx', 'Woodstox (XML read/write)'), ('org/codehaus/stax2', 'Woodstox (XML read/write)'),
    ('com/sun/xml/bind', 'JAXB (marshal/unmarshal)'), ('org/glassfish/jaxb', 'JAXB (marshal/unmarshal)'),
    ('org/apache/cxf/ws/addressing', 'CXF WS-Addressing'),
    ('no/dhoindex/registry', 'registry (other)'), ('no/dhoindex/shared', 'shared (other)'),
    ('org/apache/cxf', 'CXF (other)'),
    ('org/glassfish/grizzly', 'Grizzly / servlet container'), ('org/apache/catalina', 'Grizzly / servlet container'),
    ('org/glassfish', 'Grizzly / servlet container'), ('fish/payara', 'Payara (other)'),
]


def step(frames):
    for frame in frames:
        for marker, name in STEPS:
            if marker in frame:
                return name
    return 'JDK / other'


def seconds(hms):
    h, m, s = hms.split(':')
    return int(h) * 3600 + int(m) * 60 + float(s)


def main(argv):
    path = argv[0]
    top = 25
    if '--top' in argv:
        top = int(argv[argv.index('--top') + 1])
    window = [a for a in argv[1:] if ':' in a]
    lo, hi = (seconds(window[0]), seconds(window[1])) if len(window) == 2 else (None, None)
    steps = collections.Counter()
    leaves = collections.Counter()
    inclusive = collections.Counter()
    total = 0
    for event in json.load(open(path))['recording']['events']:
        values = event['values']
        stack = values.get('stackTrace')
        if not stack:
            continue
        if lo is not None:
            t = seconds(values['startTime'].split('T')[1][:12].rstrip('Z'))
            if not lo <= t <= hi:
                continue
        frames = [f['method']['type']['name'] + '.' + f['method']['name'] for f in stack['frames']]
        if not any('grizzly' in f for f in frames):
            continue  # request threads only (the JIT, GC and housekeeping are not a request's work)
        total += 1
        steps[step(frames)] += 1
        leaves[frames[0]] += 1
        for f in set(frames):
            inclusive[f] += 1
    print('request-thread samples: %d' % total)
    print()
    print('| step (innermost) | samples | share |')
    print('|---|---|---|')
    for name, n in steps.most_common():
        print('| %s | %d | %.1f %% |' % (name, n, 100.0 * n / total))
    print()
    print('hottest leaf methods:')
    for name, n in leaves.most_common(top):
        print('  %5.1f %%  %s' % (100.0 * n / total, name))
    print()
    print('hottest methods on the stack (inclusive):')
    for name, n in inclusive.most_common(top * 4):
        print('  %5.1f %%  %s' % (100.0 * n / total, name))


if __name__ == '__main__':
    main(sys.argv[1:])
