#!/usr/bin/env python3
"""Where the gateway's CPU goes in a JFR recording of a benchmark's Payara (BENCHMARKS.md, FHIR search).

    jfr print --json --stack-depth 256 --events jdk.ExecutionSample REC.jfr > samples.json
    python3 bench/profile/gateway_profile.py samples.json

Counts the execution samples whose stack holds a gateway frame (no/dhoindex/gateway), each in the first
step its stack names from the innermost frame out; the answer's encoding is split into the JSON
encoding itself, HAPI's contain-resources walk and the flushes that each reached the connection.
"""
import collections
import json
import sys

STEPS = [('AccessTokenVerifier', 'token and DPoP proof checks'), ('UsedProofs', 'token and DPoP proof checks'),
         ('ReplayCache', 'token and DPoP proof checks'),
         ('AccessLogStore', 'access record (insert, commit)'), ('gateway/access/AccessLog', 'access record (insert, commit)'),
         ('XuaHttp', 'XUA assertion header'), ('GatewayXua', 'XUA assertion header'),
         ('parser/JsonParser.parseResource', "parsing the sources' Bundles (HAPI)"),
         ('parser/BaseParser.parseResource', "parsing the sources' Bundles (HAPI)"),
         ('SourceSearches', 'HTTP client to the sources'),
         ('FederatedData.bundle', 'the answer Bundle (ids, tags)'), ('FederatedData.tag', 'the answer Bundle (ids, tags)'),
         ('SearchCursor', 'the sealed cursor'), ('FederatedSearch', 'fan-out and merge'), ('FanOut', 'fan-out and merge'),
         ('RestfulServerUtils.streamResponseAs', 'ANSWER'), ('ServletRestfulResponse', 'ANSWER'),
         ('RestfulServer.handleRequest', 'HAPI request handling (other)'), ('CallerGate', 'HAPI request handling (other)')]


def step(full):
    s = ' '.join(full)
    for frame in full:
        for marker, name in STEPS:
            if marker in frame:
                if name != 'ANSWER':
                    return name
                if 'containResourcesInReferences' in s:
                    return "encoding the answer: HAPI's contain-resources walk"
                if 'CoyoteWriter.flush' in s or 'OutputBuffer.flush' in s:
                    return 'encoding the answer: a flush per value reaching the connection'
                return 'encoding the answer: JSON (HAPI, Jackson)'
    return 'other'


def main(path):
    counts = collections.Counter()
    for event in json.load(open(path))['recording']['events']:
        stack = event['values'].get('stackTrace')
        if not stack:
            continue
        full = [f['method']['type']['name'] + '.' + f['method']['name'] for f in stack['frames']]
        if any('no/dhoindex/gateway' in f for f in full):
            counts[step(full)] += 1
    total = sum(counts.values())
    print('| step | samples | share |')
    print('|---|---|---|')
    for name, n in counts.most_common():
        print('| %s | %d | %.0f %% |' % (name, n, 100.0 * n / total))
    print('| all gateway samples | %d | 100 %% |' % total)


if __name__ == '__main__':
    main(sys.argv[1])
